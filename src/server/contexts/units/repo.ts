import { type Kysely, sql } from 'kysely'
import { vietnameseSortKey } from '../../../domain/text/sortKey.ts'
import { likeContains } from '../../platform/context.ts'
import type { DB, UnitsTable } from '../../platform/schema.ts'

export type UnitRow = Omit<UnitsTable, 'local' | 'nameSort' | 'createdAt' | 'updatedAt'> & {
  local: boolean
  population: number | null
  populationYear: number | null
  populationSource: string | null
  populationMethod: string | null
  parentCode: string | null
  parentName: string | null
}

function unitsWithPopulation(db: Kysely<DB>) {
  return db
    .selectFrom('units as u')
    .leftJoin('units as p', 'p.id', 'u.parentId')
    .leftJoinLateral(
      (eb) =>
        eb
          .selectFrom('unitPopulations as up')
          .select(['up.population', 'up.year', 'up.source', 'up.method'])
          .whereRef('up.unitId', '=', 'u.id')
          .orderBy('up.year', 'desc')
          .limit(1)
          .as('pop'),
      (join) => join.onTrue(),
    )
    .select([
      'u.id',
      'u.period',
      'u.code',
      'u.name',
      'u.nameEn',
      'u.nameFold',
      'u.unitType',
      'u.level',
      'u.parentId',
      'u.path',
      'u.validFrom',
      'u.validTo',
      'u.local',
      'p.code as parentCode',
      'p.name as parentName',
      'pop.population',
      'pop.year as populationYear',
      'pop.source as populationSource',
      'pop.method as populationMethod',
    ])
}

/** Valid on `at` (yyyy-mm-dd); units with no validity bounds are always valid. */
const validOn = (at: string) =>
  sql<boolean>`(u.valid_from IS NULL OR u.valid_from <= ${at}::date) AND (u.valid_to IS NULL OR u.valid_to >= ${at}::date)`

export function findByCode(db: Kysely<DB>, code: string, at: string): Promise<UnitRow | undefined> {
  return unitsWithPopulation(db).where('u.code', '=', code).where(validOn(at)).executeTakeFirst()
}

/** The path of the unit with the code valid on `at` (yyyy-mm-dd), read from the units alone. */
export async function pathOfCode(db: Kysely<DB>, code: string, at: string): Promise<string | undefined> {
  const r = await db.selectFrom('units as u').select('u.path').where('u.code', '=', code).where(validOn(at)).executeTakeFirst()
  return r?.path
}

export function findById(db: Kysely<DB>, id: string): Promise<UnitRow | undefined> {
  return unitsWithPopulation(db).where('u.id', '=', id).executeTakeFirst()
}

export function findChildren(db: Kysely<DB>, parentId: string): Promise<UnitRow[]> {
  return unitsWithPopulation(db).where('u.parentId', '=', parentId).orderBy('u.nameSort').orderBy('u.code').execute()
}

export function search(db: Kysely<DB>, folded: string, at: string, limit: number): Promise<(UnitRow & { current: boolean })[]> {
  const pattern = likeContains(folded)
  return unitsWithPopulation(db)
    .select(validOn(at).as('current'))
    .where((eb) => eb.or([eb('u.nameFold', 'like', pattern), eb('u.code', '=', folded)]))
    .orderBy(sql`CASE WHEN u.code = ${folded} THEN 0 WHEN u.name_fold LIKE ${`% ${folded}`} OR u.name_fold = ${folded} THEN 1 ELSE 2 END`)
    .orderBy(validOn(at), 'desc')
    .orderBy(sql`CASE u.level WHEN 'province' THEN 0 WHEN 'district' THEN 1 WHEN 'commune' THEN 2 ELSE 3 END`)
    .orderBy('u.nameSort')
    .limit(limit)
    .execute()
}

export function links(db: Kysely<DB>, unitId: string) {
  return db
    .selectFrom('unitLinks as l')
    .innerJoin('units as o', 'o.id', 'l.oldId')
    .innerJoin('units as n', 'n.id', 'l.newId')
    .select([
      'l.kind',
      'o.id as oldId',
      'o.code as oldCode',
      'o.name as oldName',
      'o.unitType as oldType',
      'o.level as oldLevel',
      'o.validFrom as oldValidFrom',
      'o.validTo as oldValidTo',
      'n.id as newId',
      'n.code as newCode',
      'n.name as newName',
      'n.unitType as newType',
      'n.level as newLevel',
      'n.validFrom as newValidFrom',
      'n.validTo as newValidTo',
    ])
    .where((eb) => eb.or([eb('l.oldId', '=', unitId), eb('l.newId', '=', unitId)]))
    .orderBy('o.nameSort')
    .execute()
}

export async function insertUnit(
  db: Kysely<DB>,
  u: Pick<UnitsTable, 'id' | 'period' | 'code' | 'name' | 'nameEn' | 'nameFold' | 'unitType' | 'level' | 'parentId' | 'path' | 'validFrom' | 'validTo'> & { local?: boolean },
): Promise<void> {
  await db.insertInto('units').values({ ...u, nameSort: vietnameseSortKey(u.name) }).execute()
}

export async function updateUnit(db: Kysely<DB>, id: string, values: { name: string; nameFold: string; unitType: string }): Promise<void> {
  await db.updateTable('units').set({ ...values, nameSort: vietnameseSortKey(values.name), updatedAt: new Date() }).where('id', '=', id).execute()
}

export async function countLocalChildren(db: Kysely<DB>, parentId: string): Promise<string[]> {
  const rows = await db.selectFrom('units').select('code').where('parentId', '=', parentId).where('local', '=', true).execute()
  return rows.map((r) => r.code)
}

export async function upsertPopulation(
  db: Kysely<DB>,
  rows: { unitId: string; year: number; population: number; source: string; method: string | null }[],
): Promise<void> {
  if (rows.length === 0) return
  await db
    .insertInto('unitPopulations')
    .values(rows)
    .onConflict((oc) =>
      oc.columns(['unitId', 'year']).doUpdateSet((eb) => ({
        population: eb.ref('excluded.population'),
        source: eb.ref('excluded.source'),
        method: eb.ref('excluded.method'),
        updatedAt: new Date(),
      })),
    )
    .execute()
}

export async function upsertBoundary(
  db: Kysely<DB>,
  row: { unitId: string; geometry: unknown; areaKm2: number | null; source: string },
): Promise<void> {
  await db
    .insertInto('unitBoundaries')
    .values({ ...row, geometry: JSON.stringify(row.geometry) })
    .onConflict((oc) =>
      oc.column('unitId').doUpdateSet((eb) => ({
        geometry: eb.ref('excluded.geometry'),
        areaKm2: eb.ref('excluded.areaKm2'),
        source: eb.ref('excluded.source'),
        updatedAt: new Date(),
      })),
    )
    .execute()
}

export interface BoundaryRow {
  id: string
  code: string
  name: string
  unitType: string
  level: string
  geometry: unknown
  areaKm2: number | null
  population: number | null
}

export function boundariesOf(db: Kysely<DB>, where: { parentId: string } | { level: string; period: string }): Promise<BoundaryRow[]> {
  let q = db
    .selectFrom('units as u')
    .innerJoin('unitBoundaries as b', 'b.unitId', 'u.id')
    .leftJoinLateral(
      (eb) =>
        eb
          .selectFrom('unitPopulations as up')
          .select('up.population')
          .whereRef('up.unitId', '=', 'u.id')
          .orderBy('up.year', 'desc')
          .limit(1)
          .as('pop'),
      (join) => join.onTrue(),
    )
    .select(['u.id', 'u.code', 'u.name', 'u.unitType', 'u.level', 'b.geometry', 'b.areaKm2', 'pop.population'])
  q = 'parentId' in where ? q.where('u.parentId', '=', where.parentId) : q.where('u.level', '=', where.level as 'province').where('u.period', '=', where.period)
  return q.orderBy('u.code').execute()
}

export function boundaryOf(db: Kysely<DB>, unitId: string) {
  return db.selectFrom('unitBoundaries').select(['geometry', 'areaKm2']).where('unitId', '=', unitId).executeTakeFirst()
}

export async function countUnits(db: Kysely<DB>): Promise<number> {
  const r = await db.selectFrom('units').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()
  return Number(r.n)
}

/** Units of one period keyed by code, for imports. */
export async function idsByCode(db: Kysely<DB>, codes: string[], at: string): Promise<Map<string, { id: string; level: string }>> {
  if (codes.length === 0) return new Map()
  const rows = await db
    .selectFrom('units as u')
    .select(['u.id', 'u.code', 'u.level'])
    .where('u.code', 'in', codes)
    .where(validOn(at))
    .execute()
  return new Map(rows.map((r) => [r.code, { id: r.id, level: r.level }]))
}

/** Every unit valid on `at`: code, id and path (a few thousand rows; what an import file may name). */
export function currentUnitIndex(db: Kysely<DB>, at: string) {
  return db.selectFrom('units as u').select(['u.id', 'u.code', 'u.path']).where(validOn(at)).execute()
}

/** Writes a batch of population rows given as one JSON array: one parameter, whatever its size. */
export async function upsertPopulationJson(db: Kysely<DB>, rowsJson: string): Promise<void> {
  await sql`
    INSERT INTO unit_populations (unit_id, year, population, source, method)
    SELECT r.unit_id, r.year, r.population, r.source, 'imported'
    FROM jsonb_to_recordset(${rowsJson}::jsonb) AS r(unit_id text, year integer, population integer, source text)
    ON CONFLICT (unit_id, year) DO UPDATE
      SET population = excluded.population, source = excluded.source, method = excluded.method, updated_at = now()`.execute(db)
}

/** Writes a batch of boundaries given as one JSON array. */
export async function upsertBoundariesJson(db: Kysely<DB>, rowsJson: string, source: string): Promise<void> {
  await sql`
    INSERT INTO unit_boundaries (unit_id, geometry, area_km2, source)
    SELECT r.unit_id, r.geometry, r.area_km2, ${source}
    FROM jsonb_to_recordset(${rowsJson}::jsonb) AS r(unit_id text, geometry jsonb, area_km2 double precision)
    ON CONFLICT (unit_id) DO UPDATE
      SET geometry = excluded.geometry, area_km2 = excluded.area_km2, source = excluded.source, updated_at = now()`.execute(db)
}
