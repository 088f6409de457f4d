import { fold } from '../../../domain/text/fold.ts'
import { type LocalUnitType, localChildAllowed, unitSearchKey, unitTypeName, type UnitLevel } from '../../../domain/units/types.ts'
import { type Ctx, hasPermission, inTransaction, isWithin, requirePermission, today } from '../../platform/context.ts'
import { badRequest, notFound, outsideJurisdiction } from '../../platform/errors.ts'
import * as repo from './repo.ts'

export type { UnitRow } from './repo.ts'

export interface UnitView {
  id: string
  code: string
  name: string
  nameEn: string | null
  fullName: string
  unitType: string
  unitTypeName: string
  level: string
  period: string
  parentCode: string | null
  parentName: string | null
  validFrom: string | null
  validTo: string | null
  local: boolean
  population: number | null
  populationYear: number | null
  populationSource: string | null
  populationMethod: string | null
}

/** "Phường Rạch Giá"; a local unit already named with its type ("Khu phố 1") keeps its name. */
export function fullNameOf(name: string, type: string): string {
  const typeName = unitTypeName(type)
  return fold(name).startsWith(fold(typeName)) ? name : `${typeName} ${name}`
}

export function presentUnit(u: repo.UnitRow): UnitView {
  return {
    id: u.id,
    code: u.code,
    name: u.name,
    nameEn: u.nameEn,
    fullName: fullNameOf(u.name, u.unitType),
    unitType: u.unitType,
    unitTypeName: unitTypeName(u.unitType),
    level: u.level,
    period: u.period,
    parentCode: u.parentCode,
    parentName: u.parentName,
    validFrom: u.validFrom,
    validTo: u.validTo,
    local: u.local,
    population: u.population,
    populationYear: u.populationYear,
    populationSource: u.populationSource,
    populationMethod: u.populationMethod,
  }
}


/** Whether the caller may add or edit hamlets and residents' groups under this unit. */
export function canWriteLocal(ctx: Ctx, u: repo.UnitRow): boolean {
  return hasPermission(ctx.access, 'units:write-local') && isWithin(ctx.access, u.path) && (u.level === 'commune' || u.level === 'hamlet')
}

/** The unit with `code` valid on `at` (today by default). */
export async function getUnit(ctx: Ctx, code: string, at?: string): Promise<repo.UnitRow> {
  const u = await repo.findByCode(ctx.db, code, at ?? today(ctx))
  if (!u) throw notFound(`đơn vị hành chính mã ${code}`)
  return u
}

/** The path of a unit by code (valid today, or on `at`), for filters that need nothing else of it. */
export async function getUnitPath(ctx: Ctx, code: string, at?: string): Promise<string> {
  const path = await repo.pathOfCode(ctx.db, code, at ?? today(ctx))
  if (path === undefined) throw notFound(`đơn vị hành chính mã ${code}`)
  return path
}

export async function getUnitById(ctx: Ctx, id: string): Promise<repo.UnitRow> {
  const u = await repo.findById(ctx.db, id)
  if (!u) throw notFound('đơn vị hành chính')
  return u
}

export async function listChildren(ctx: Ctx, code: string, at?: string): Promise<UnitView[]> {
  const parent = await getUnit(ctx, code, at)
  return (await repo.findChildren(ctx.db, parent.id)).map(presentUnit)
}

export async function searchUnits(ctx: Ctx, q: string, at?: string, limit = 20) {
  const folded = fold(q)
  if (folded.length === 0) return []
  const rows = await repo.search(ctx.db, folded, at ?? today(ctx), limit)
  return rows.map((r) => ({ ...presentUnit(r), current: r.current }))
}

export interface HistoryLink {
  code: string
  name: string
  unitType: string
  period: string
  validFrom: string | null
  validTo: string | null
  kind: 'full' | 'partial'
}

export interface UnitHistory {
  unit: UnitView
  /** For an old unit: the units it became part of. */
  becameInto: HistoryLink[]
  /** For a new unit: the old units it was made of. */
  madeOf: HistoryLink[]
}

export async function unitHistory(ctx: Ctx, code: string, at?: string): Promise<UnitHistory> {
  const unit = await getUnit(ctx, code, at)
  const links = await repo.links(ctx.db, unit.id)
  const period = (id: string) => id.split(':')[0] ?? ''
  return {
    unit: presentUnit(unit),
    becameInto: links
      .filter((l) => l.oldId === unit.id)
      .map((l) => ({ code: l.newCode, name: l.newName, unitType: l.newType, period: period(l.newId), validFrom: l.newValidFrom, validTo: l.newValidTo, kind: l.kind })),
    madeOf: links
      .filter((l) => l.newId === unit.id)
      .map((l) => ({ code: l.oldCode, name: l.oldName, unitType: l.oldType, period: period(l.oldId), validFrom: l.oldValidFrom, validTo: l.oldValidTo, kind: l.kind })),
  }
}

export interface LocalUnitInput {
  name: string
  unitType: LocalUnitType
}

/** Creates a hamlet (ấp, khóm, thôn, khu phố) or residents' group under a unit in the caller's jurisdiction. */
export async function createLocalUnit(ctx: Ctx, parentCode: string, input: LocalUnitInput): Promise<UnitView> {
  requirePermission(ctx.access, 'units:write-local')
  const parent = await getUnit(ctx, parentCode)
  if (!isWithin(ctx.access, parent.path)) throw outsideJurisdiction()
  if (!localChildAllowed(parent.level as UnitLevel, input.unitType)) {
    throw badRequest(
      'LOCAL_UNIT_PARENT',
      `Không thể tạo ${unitTypeName(input.unitType).toLowerCase()} trực thuộc ${unitTypeName(parent.unitType).toLowerCase()} ${parent.name}.`,
    )
  }
  const name = input.name.trim()
  return inTransaction(ctx, async (tx) => {
    const siblings = await repo.countLocalChildren(tx.db, parent.id)
    const used = new Set(siblings)
    let n = siblings.length + 1
    while (used.has(`${parent.code}.${String(n).padStart(2, '0')}`)) n++
    const code = `${parent.code}.${String(n).padStart(2, '0')}`
    const id = `${parent.period}:${code}`
    await repo.insertUnit(tx.db, {
      id,
      period: parent.period,
      code,
      name,
      nameEn: null,
      nameFold: unitSearchKey(name, input.unitType),
      unitType: input.unitType,
      level: input.unitType === 'to_nhan_dan' ? 'group' : 'hamlet',
      parentId: parent.id,
      path: `${parent.path}${id}/`,
      validFrom: null,
      validTo: null,
      local: true,
    })
    return presentUnit(await getUnitById(tx, id))
  })
}

export async function updateLocalUnit(ctx: Ctx, code: string, input: Partial<LocalUnitInput>): Promise<UnitView> {
  requirePermission(ctx.access, 'units:write-local')
  const unit = await getUnit(ctx, code)
  if (!isWithin(ctx.access, unit.path)) throw outsideJurisdiction()
  if (!unit.local) throw badRequest('UNIT_NOT_LOCAL', 'Chỉ sửa được ấp, khóm, thôn, khu phố, tổ do địa phương tạo.')
  const name = input.name?.trim() ?? unit.name
  const unitType = input.unitType ?? unit.unitType
  return inTransaction(ctx, async (tx) => {
    await repo.updateUnit(tx.db, unit.id, { name, unitType, nameFold: unitSearchKey(name, unitType) })
    return presentUnit(await getUnitById(tx, unit.id))
  })
}

export interface Feature {
  type: 'Feature'
  id: string
  geometry: unknown
  properties: Record<string, string | number | null>
}

/** The outlines of a unit's children (communes of a province) with their population, for the map. */
export async function childrenMap(ctx: Ctx, code: string, at?: string) {
  const unit = await getUnit(ctx, code, at)
  const [rows, own] = await Promise.all([repo.boundariesOf(ctx.db, { parentId: unit.id }), repo.boundaryOf(ctx.db, unit.id)])
  const features: Feature[] = rows.map((r) => ({
    type: 'Feature',
    id: r.code,
    geometry: r.geometry,
    properties: {
      code: r.code,
      name: r.name,
      fullName: fullNameOf(r.name, r.unitType),
      population: r.population,
      areaKm2: r.areaKm2 === null ? null : Math.round(r.areaKm2 * 100) / 100,
      density: r.population !== null && r.areaKm2 ? Math.round(r.population / r.areaKm2) : null,
    },
  }))
  return {
    unit: presentUnit(unit),
    outline: own ? { type: 'Feature' as const, id: unit.code, geometry: own.geometry, properties: { code: unit.code, name: unit.name } } : null,
    children: { type: 'FeatureCollection' as const, features },
  }
}

export async function provincesMap(ctx: Ctx) {
  const rows = await repo.boundariesOf(ctx.db, { level: 'province', period: '2025' })
  return {
    type: 'FeatureCollection' as const,
    features: rows.map((r) => ({
      type: 'Feature' as const,
      id: r.code,
      geometry: r.geometry,
      properties: { code: r.code, name: r.name, fullName: fullNameOf(r.name, r.unitType), population: r.population },
    })),
  }
}
