import { fold } from '../../../domain/text/fold.ts'
import { type Ctx, auditRead, inTransaction, isWithin, requirePermission } from '../../platform/context.ts'
import { notFound, outsideJurisdiction } from '../../platform/errors.ts'
import { getUnit } from '../units/service.ts'
import * as repo from './repo.ts'

export interface PersonView {
  id: number
  fullName: string
  birthYear: number | null
  birthDate: string | null
  sex: string | null
  nationalId: string | null
  phone: string | null
  unitCode: string
  unitName: string
  address: string | null
  nationality: string
}

function presentPerson(p: repo.PersonRow): PersonView {
  return {
    id: p.id,
    fullName: p.fullName,
    birthYear: p.birthYear,
    birthDate: p.birthDate,
    sex: p.sex,
    nationalId: p.nationalId,
    phone: p.phone,
    unitCode: p.unitCode,
    unitName: p.unitName,
    address: p.address,
    nationality: p.nationality,
  }
}

export async function getPerson(ctx: Ctx, id: number): Promise<PersonView> {
  requirePermission(ctx.access, 'people:read')
  const p = await repo.findPerson(ctx.db, ctx.access, id)
  if (!p) throw notFound(`người #${id}`)
  await auditRead(ctx, 'people', [{ id: p.id, unitPath: p.unitPath }])
  return presentPerson(p)
}

export async function listPeople(
  ctx: Ctx,
  f: { q?: string | undefined; unitCode?: string | undefined; limit: number; offset: number },
): Promise<PersonView[]> {
  requirePermission(ctx.access, 'people:read')
  const unitPath = f.unitCode ? (await residenceUnit(ctx, f.unitCode)).path : undefined
  const rows = await repo.listPeople(ctx.db, ctx.access, { ...f, q: f.q ? fold(f.q) : undefined, unitPath })
  await auditRead(ctx, 'people', rows.map((r) => ({ id: r.id })), { query: f.q ?? null })
  return rows.map(presentPerson)
}

export interface PersonInput {
  fullName: string
  birthYear?: number | null | undefined
  birthDate?: string | null | undefined
  sex?: 'male' | 'female' | 'other' | null | undefined
  nationalId?: string | null | undefined
  phone?: string | null | undefined
  unitCode: string
  address?: string | null | undefined
  nationality?: string | undefined
}

async function residenceUnit(ctx: Ctx, unitCode: string) {
  const unit = await getUnit(ctx, unitCode)
  if (!isWithin(ctx.access, unit.path)) throw outsideJurisdiction()
  return unit
}

export async function createPerson(ctx: Ctx, input: PersonInput): Promise<PersonView> {
  requirePermission(ctx.access, 'people:write')
  const unit = await residenceUnit(ctx, input.unitCode)
  return inTransaction(ctx, async (tx) => {
    const id = await repo.insertPerson(tx.db, {
      fullName: input.fullName.trim(),
      nameFold: fold(input.fullName),
      birthYear: input.birthYear ?? (input.birthDate ? Number(input.birthDate.slice(0, 4)) : null),
      birthDate: input.birthDate ?? null,
      sex: input.sex ?? null,
      nationalId: input.nationalId ?? null,
      phone: input.phone ?? null,
      unitId: unit.id,
      unitPath: unit.path,
      address: input.address ?? null,
      ...(input.nationality ? { nationality: input.nationality } : {}),
    })
    const p = await repo.findPerson(tx.db, tx.access, id)
    return presentPerson(p!)
  })
}

export async function updatePerson(ctx: Ctx, id: number, patch: Partial<PersonInput>): Promise<PersonView> {
  requirePermission(ctx.access, 'people:write')
  const unit = patch.unitCode ? await residenceUnit(ctx, patch.unitCode) : undefined
  return inTransaction(ctx, async (tx) => {
    const { unitCode: _, fullName, ...rest } = patch
    const ok = await repo.updatePerson(tx.db, tx.access, id, {
      ...rest,
      ...(fullName !== undefined ? { fullName: fullName.trim(), nameFold: fold(fullName) } : {}),
      ...(unit ? { unitId: unit.id, unitPath: unit.path } : {}),
    })
    if (!ok) throw notFound(`người #${id}`)
    const p = await repo.findPerson(tx.db, tx.access, id)
    return presentPerson(p!)
  })
}
