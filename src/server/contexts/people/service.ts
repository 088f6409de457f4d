import { checkNationalId } from '../../../domain/people/cccd.ts'
import { type CandidateReason, rankCandidates } from '../../../domain/people/duplicates.ts'
import { vnDate } from '../../../domain/text/dates.ts'
import { fold } from '../../../domain/text/fold.ts'
import { type Ctx, auditRead, inTransaction, isWithin, requirePermission } from '../../platform/context.ts'
import { AppError, badRequest, notFound, outsideJurisdiction } from '../../platform/errors.ts'
import { getUnit } from '../units/service.ts'
import * as repo from './repo.ts'

export interface PersonView {
  id: number
  fullName: string
  birthYear: number | null
  birthDate: string | null
  sex: string | null
  nationalId: string | null
  passportNo: string | null
  phone: string | null
  unitCode: string
  unitName: string
  address: string | null
  tempUnitCode: string | null
  tempUnitName: string | null
  tempAddress: string | null
  workplace: string | null
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
    passportNo: p.passportNo,
    phone: p.phone,
    unitCode: p.unitCode,
    unitName: p.unitName,
    address: p.address,
    tempUnitCode: p.tempUnitCode,
    tempUnitName: p.tempUnitName,
    tempAddress: p.tempAddress,
    workplace: p.workplace,
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
  const q = f.q?.trim() ? { raw: f.q.trim(), folded: fold(f.q) } : undefined
  const rows = await repo.listPeople(ctx.db, ctx.access, { limit: f.limit, offset: f.offset, q, unitPath })
  await auditRead(ctx, 'people', rows.map((r) => ({ id: r.id })), { query: f.q ?? null })
  return rows.map(presentPerson)
}

export interface PersonInput {
  fullName: string
  birthYear?: number | null | undefined
  birthDate?: string | null | undefined
  sex?: 'male' | 'female' | 'other' | null | undefined
  nationalId?: string | null | undefined
  passportNo?: string | null | undefined
  phone?: string | null | undefined
  /** Residence: a commune or a hamlet inside the caller's jurisdiction. */
  unitCode: string
  address?: string | null | undefined
  /** Temporary residence (tạm trú): any unit, and the address there. */
  tempUnitCode?: string | null | undefined
  tempAddress?: string | null | undefined
  workplace?: string | null | undefined
  nationality?: string | undefined
}

async function residenceUnit(ctx: Ctx, unitCode: string) {
  const unit = await getUnit(ctx, unitCode)
  if (!isWithin(ctx.access, unit.path)) throw outsideJurisdiction()
  return unit
}

/** The path prefix of the commune a unit lies in (itself for a commune), or null above communes. */
function communePathOf(unit: { id: string; path: string; level: string; period: string; code: string }): string | null {
  if (unit.level === 'commune') return unit.path
  if (unit.level !== 'hamlet' && unit.level !== 'group') return null
  const communeId = `${unit.period}:${unit.code.split('.')[0]}`
  const at = unit.path.indexOf(`/${communeId}/`)
  return at < 0 ? null : unit.path.slice(0, at + communeId.length + 2)
}

/** The year of birth a record states, after checking that date, year and CCCD agree. */
function checkedIdentity(ctx: Ctx, v: { birthYear?: number | null | undefined; birthDate?: string | null | undefined; sex?: PersonInput['sex']; nationalId?: string | null | undefined }): number | null {
  const fromDate = v.birthDate ? Number(v.birthDate.slice(0, 4)) : null
  if (fromDate !== null && v.birthYear != null && v.birthYear !== fromDate) {
    throw badRequest('BIRTH_MISMATCH', `Năm sinh ${v.birthYear} không khớp với ngày sinh ${v.birthDate!.split('-').reverse().join('/')}.`)
  }
  const birthYear = fromDate ?? v.birthYear ?? null
  const currentYear = Number(vnDate(ctx.now()).slice(0, 4))
  if (birthYear !== null && birthYear > currentYear) throw badRequest('BIRTH_IN_FUTURE', `Năm sinh ${birthYear} ở sau năm hiện tại (${currentYear}).`)
  if (v.nationalId) {
    const problems = checkNationalId(v.nationalId, { birthYear, sex: v.sex, currentYear })
    if (problems.length > 0) throw badRequest('NATIONAL_ID_INVALID', problems.join(' '), { problems })
  }
  return birthYear
}

/** A person who holds the same CCCD or passport: refused always, named only inside the jurisdiction. */
async function refuseIdentityDuplicates(
  ctx: Ctx,
  v: { nationalId?: string | null | undefined; passportNo?: string | null | undefined; nationality: string },
  excludeId?: number,
): Promise<void> {
  const found = await repo.findByIdentityAnywhere(ctx.db, v, excludeId)
  const first = found[0]
  if (!first) return
  const what =
    v.nationalId && first.nationalId === v.nationalId ? `Số CCCD ${v.nationalId}` : `Hộ chiếu số ${v.passportNo} (quốc tịch ${v.nationality})`
  if (isWithin(ctx.access, first.unitPath)) {
    await auditRead(ctx, 'people', [{ id: first.id, unitPath: first.unitPath }], { reason: 'duplicate-identity' })
    throw new AppError(409, 'DUPLICATE_IDENTITY', `${what} đã tồn tại trong sổ: ${first.fullName} (hồ sơ #${first.id}). Hãy mở hồ sơ đó thay vì thêm mới.`, {
      personId: first.id,
    })
  }
  throw new AppError(
    409,
    'DUPLICATE_IDENTITY',
    `${what} đã tồn tại trong sổ, cho một người ở ngoài địa bàn bạn được phân quyền. Đề nghị cấp trên kiểm tra trước khi thêm.`,
  )
}

export interface DuplicateCandidate extends PersonView {
  /** Trigram similarity of the folded names, 0–1. */
  similarity: number
  /** What, beside the name and year of birth, the two records share. */
  reasons: CandidateReason[]
}

/**
 * Possible duplicates of a person about to be recorded, inside the caller's jurisdiction only:
 * a similar name (diacritics- and case-insensitive trigram similarity) with the same year of birth
 * and the same phone or the same commune. For create forms and importers; `excludeId` leaves a
 * record itself out. The candidates' reads are audited.
 */
export async function findDuplicateCandidates(
  ctx: Ctx,
  input: { fullName: string; birthYear?: number | null | undefined; birthDate?: string | null | undefined; phone?: string | null | undefined; unitCode: string },
  excludeId?: number,
): Promise<DuplicateCandidate[]> {
  requirePermission(ctx.access, 'people:read')
  const birthYear = input.birthDate ? Number(input.birthDate.slice(0, 4)) : (input.birthYear ?? null)
  if (birthYear === null) return []
  const unit = await residenceUnit(ctx, input.unitCode)
  const communePath = communePathOf(unit)
  const pool = await repo.candidatePool(ctx.db, ctx.access, { birthYear, phone: input.phone ?? null, communePath, unitPath: unit.path }, excludeId)
  const ranked = rankCandidates(
    input.fullName,
    input.phone,
    pool.map((r) => ({ id: r.id, nameFold: r.nameFold, phone: r.phone, sameCommune: communePath ? r.unitPath.startsWith(communePath) : r.unitPath === unit.path })),
  )
  if (ranked.length === 0) return []
  const rows = new Map((await repo.findPeople(ctx.db, ctx.access, ranked.map((r) => r.id))).map((r) => [r.id, r]))
  const out: DuplicateCandidate[] = []
  for (const r of ranked) {
    const row = rows.get(r.id)
    if (row) out.push({ ...presentPerson(row), similarity: r.similarity, reasons: r.reasons })
  }
  await auditRead(ctx, 'people', out.map((c) => ({ id: c.id })), { reason: 'duplicate-candidates' })
  return out
}

/** Refuses a person whose identity is taken, and answers the possible duplicates (empty when none). */
export async function checkDuplicates(ctx: Ctx, input: PersonInput, excludeId?: number): Promise<DuplicateCandidate[]> {
  requirePermission(ctx.access, 'people:read')
  checkedIdentity(ctx, input)
  await refuseIdentityDuplicates(ctx, { nationalId: input.nationalId, passportNo: input.passportNo, nationality: input.nationality ?? 'VN' }, excludeId)
  return findDuplicateCandidates(ctx, input, excludeId)
}

export function candidatesError(candidates: DuplicateCandidate[]): AppError {
  const names = candidates
    .slice(0, 3)
    .map((c) => `${c.fullName} (${c.birthYear ?? '?'}, ${c.unitName})`)
    .join('; ')
  return new AppError(
    409,
    'DUPLICATE_CANDIDATES',
    `Có ${candidates.length} người trong sổ có thể là người này: ${names}${candidates.length > 3 ? '…' : ''}. Nếu là người khác, hãy xác nhận để lưu.`,
    { candidates },
  )
}

export async function createPerson(ctx: Ctx, input: PersonInput & { confirmedNew?: boolean | undefined }): Promise<PersonView> {
  requirePermission(ctx.access, 'people:write')
  const unit = await residenceUnit(ctx, input.unitCode)
  const tempUnit = input.tempUnitCode ? await getUnit(ctx, input.tempUnitCode) : null
  const birthYear = checkedIdentity(ctx, input)
  const nationality = input.nationality ?? 'VN'
  await refuseIdentityDuplicates(ctx, { nationalId: input.nationalId, passportNo: input.passportNo, nationality })
  if (!input.confirmedNew) {
    const candidates = await findDuplicateCandidates(ctx, input)
    if (candidates.length > 0) throw candidatesError(candidates)
  }
  return inTransaction(ctx, async (tx) => {
    const id = await repo.insertPerson(tx.db, {
      fullName: input.fullName.trim(),
      nameFold: fold(input.fullName),
      birthYear,
      birthDate: input.birthDate ?? null,
      sex: input.sex ?? null,
      nationalId: input.nationalId ?? null,
      passportNo: input.passportNo ?? null,
      phone: input.phone ?? null,
      unitId: unit.id,
      unitPath: unit.path,
      address: input.address ?? null,
      tempUnitId: tempUnit?.id ?? null,
      tempAddress: input.tempAddress ?? null,
      workplace: input.workplace ?? null,
      nationality,
    })
    const p = await repo.findPerson(tx.db, tx.access, id)
    return presentPerson(p!)
  })
}

export async function updatePerson(ctx: Ctx, id: number, patch: Partial<PersonInput>): Promise<PersonView> {
  requirePermission(ctx.access, 'people:write')
  const unit = patch.unitCode ? await residenceUnit(ctx, patch.unitCode) : undefined
  const tempUnit = patch.tempUnitCode ? await getUnit(ctx, patch.tempUnitCode) : patch.tempUnitCode === null ? null : undefined
  const current = await repo.findPerson(ctx.db, ctx.access, id)
  if (!current) throw notFound(`người #${id}`)
  // The record as it will be: date, year, sex and CCCD must agree as a whole (checked when one of
  // them changes, so a record entered before these checks can still get a new phone number).
  const identityChanged = patch.birthDate !== undefined || patch.birthYear !== undefined || patch.sex !== undefined || patch.nationalId !== undefined
  const birthYear = identityChanged
    ? checkedIdentity(ctx, {
        birthDate: patch.birthDate !== undefined ? patch.birthDate : current.birthDate,
        birthYear: patch.birthYear !== undefined ? patch.birthYear : patch.birthDate ? null : current.birthYear,
        sex: patch.sex !== undefined ? patch.sex : current.sex,
        nationalId: patch.nationalId !== undefined ? patch.nationalId : current.nationalId,
      })
    : current.birthYear
  await refuseIdentityDuplicates(
    ctx,
    { nationalId: patch.nationalId, passportNo: patch.passportNo !== undefined ? patch.passportNo : current.passportNo, nationality: patch.nationality ?? current.nationality },
    id,
  )
  return inTransaction(ctx, async (tx) => {
    const { unitCode: _u, tempUnitCode: _t, fullName, ...rest } = patch
    const ok = await repo.updatePerson(tx.db, tx.access, id, {
      ...rest,
      birthYear,
      ...(fullName !== undefined ? { fullName: fullName.trim(), nameFold: fold(fullName) } : {}),
      ...(unit ? { unitId: unit.id, unitPath: unit.path } : {}),
      ...(tempUnit !== undefined ? { tempUnitId: tempUnit?.id ?? null } : {}),
    })
    if (!ok) throw notFound(`người #${id}`)
    const p = await repo.findPerson(tx.db, tx.access, id)
    return presentPerson(p!)
  })
}
