import { type Insertable, type Kysely, type Updateable, sql } from 'kysely'
import type { QuarantineRule } from '../../../domain/quarantine/rules.ts'
import { type Access, likePrefix, withinJurisdiction } from '../../platform/context.ts'
import type { DB, QuarantineFacilitiesTable, QuarantinePlacementsTable, QuarantineRulesTable } from '../../platform/schema.ts'

// Every query answering a caller takes the caller's Access and filters by jurisdiction in SQL:
// a facility by its unit's path; a placement by where it takes place (unit_path) or where its
// person lives (person_path). The few that do not (the positive-test hook, rules) say so.
type Db = Kysely<DB>

/** A placement is visible when it takes place, or its person lives, inside the caller's jurisdiction. */
const placementVisible = (access: Access, alias = 'qp') =>
  sql<boolean>`(${sql.ref(`${alias}.unitPath`)} LIKE ${likePrefix(access.unitPath)} OR ${sql.ref(`${alias}.personPath`)} LIKE ${likePrefix(access.unitPath)})`

// --- Rules ---------------------------------------------------------------------------------------

const ruleColumns = [
  'r.id',
  'r.kind',
  'r.name',
  'r.validFrom',
  'r.validTo',
  'r.days',
  'r.monitoringDays',
  'r.requiredTests',
  'r.source',
  'r.confidence',
  'r.note',
  'u.path as unitPath',
  'u.name as unitName',
  'u.code as unitCode',
] as const

/** The rules that can apply inside the caller's jurisdiction: national ones, and those of units above or inside it. */
export function listRules(db: Db, access: Access) {
  return db
    .selectFrom('quarantineRules as r')
    .leftJoin('units as u', 'u.id', 'r.unitId')
    .select(ruleColumns)
    .where((eb) => eb.or([eb('r.unitId', 'is', null), withinJurisdiction(access, 'u.path'), sql<boolean>`${access.unitPath} LIKE u.path || '%'`]))
    .orderBy('r.validFrom', 'desc')
    .orderBy('r.kind')
    .orderBy('r.id', 'desc')
    .execute()
}

/** The rules that can apply at `unitPath` (national, and those of units holding it). Reference data: no personal content. */
export async function rulesAt(db: Db, unitPath: string | null): Promise<QuarantineRule[]> {
  const rows = await db
    .selectFrom('quarantineRules as r')
    .leftJoin('units as u', 'u.id', 'r.unitId')
    .select(ruleColumns)
    .where((eb) => (unitPath ? eb.or([eb('r.unitId', 'is', null), sql<boolean>`${unitPath} LIKE u.path || '%'`]) : eb('r.unitId', 'is', null)))
    .execute()
  return rows.map((r) => ({ ...r, unitPath: r.unitPath ?? null }))
}

export function ruleExists(db: Db, unitId: string, kind: string, validFrom: string) {
  return db.selectFrom('quarantineRules').select('id').where('unitId', '=', unitId).where('kind', '=', kind as never).where('validFrom', '=', validFrom).executeTakeFirst()
}

export async function insertRule(db: Db, v: Insertable<QuarantineRulesTable>): Promise<number> {
  return (await db.insertInto('quarantineRules').values(v).returning('id').executeTakeFirstOrThrow()).id
}

// --- Facilities ----------------------------------------------------------------------------------

function facilityQuery(db: Db, access: Access) {
  return db
    .selectFrom('quarantineFacilities as f')
    .innerJoin('units as u', 'u.id', 'f.unitId')
    .select([
      'f.id',
      'f.name',
      'f.kind',
      'u.code as unitCode',
      'u.name as unitName',
      'f.unitPath',
      'f.address',
      'f.lon',
      'f.lat',
      'f.capacity',
      'f.managingUnit',
      'f.managerName',
      'f.managerPhone',
      'f.status',
      'f.note',
    ])
    .where(withinJurisdiction(access, 'f.unitPath'))
}
export type FacilityRow = Awaited<ReturnType<ReturnType<typeof facilityQuery>['executeTakeFirstOrThrow']>>

export function findFacility(db: Db, access: Access, id: number) {
  return facilityQuery(db, access).where('f.id', '=', id).executeTakeFirst()
}

/** The facility, locked until the transaction ends: placements into one facility are taken one at a time. */
export function lockFacility(db: Db, access: Access, id: number) {
  return db
    .selectFrom('quarantineFacilities as f')
    .select(['f.id', 'f.name', 'f.capacity', 'f.status', 'f.unitId', 'f.unitPath'])
    .where('f.id', '=', id)
    .where(withinJurisdiction(access, 'f.unitPath'))
    .forUpdate()
    .executeTakeFirst()
}

export function listFacilities(db: Db, access: Access, f: { unitPath?: string | undefined; limit: number; offset: number }) {
  let q = facilityQuery(db, access)
  if (f.unitPath) q = q.where('f.unitPath', 'like', likePrefix(f.unitPath))
  return q.orderBy('f.name').orderBy('f.id').limit(f.limit).offset(f.offset).execute()
}

export async function insertFacility(db: Db, v: Insertable<QuarantineFacilitiesTable>): Promise<number> {
  return (await db.insertInto('quarantineFacilities').values(v).returning('id').executeTakeFirstOrThrow()).id
}

export async function updateFacility(db: Db, id: number, v: Updateable<QuarantineFacilitiesTable>): Promise<void> {
  await db.updateTable('quarantineFacilities').set({ ...v, updatedAt: sql`now()` }).where('id', '=', id).execute()
}

export function facilityNameTaken(db: Db, unitId: string, name: string, excludeId?: number) {
  let q = db.selectFrom('quarantineFacilities').select('id').where('unitId', '=', unitId).where('name', '=', name)
  if (excludeId) q = q.where('id', '<>', excludeId)
  return q.executeTakeFirst()
}

export async function insertRooms(db: Db, facilityId: number, unitPath: string, rooms: { name: string; capacity: number }[]): Promise<void> {
  if (rooms.length === 0) return
  await sql`INSERT INTO quarantine_rooms (facility_id, name, capacity, unit_path)
            SELECT ${facilityId}, r.name, r.capacity, ${unitPath}
              FROM jsonb_to_recordset(${JSON.stringify(rooms)}::jsonb) AS r(name text, capacity integer)`.execute(db)
}

/** A facility's rooms with who is in each on `day`, and which batches and risk groups. */
export async function roomsOf(db: Db, facilityId: number, day: string) {
  const r = await sql<{ id: number; name: string; capacity: number; occupied: number; batches: string[]; riskGroups: string[] }>`
    SELECT r.id, r.name, r.capacity,
           count(qp.id)::int AS occupied,
           COALESCE(array_agg(DISTINCT qp.batch) FILTER (WHERE qp.batch IS NOT NULL), '{}') AS batches,
           COALESCE(array_agg(DISTINCT qp.risk_group) FILTER (WHERE qp.risk_group IS NOT NULL), '{}') AS "riskGroups"
      FROM quarantine_rooms r
      LEFT JOIN quarantine_placements qp ON qp.room_id = r.id AND qp.status = 'active' AND qp.start_on <= ${day}::date
     WHERE r.facility_id = ${facilityId}
     GROUP BY r.id
     ORDER BY r.name, r.id`.execute(db)
  return r.rows.map((x) => ({ ...x, id: Number(x.id) }))
}

export function findRoom(db: Db, facilityId: number, roomId: number) {
  return db.selectFrom('quarantineRooms').select(['id', 'name', 'capacity']).where('facilityId', '=', facilityId).where('id', '=', roomId).executeTakeFirst()
}

/** People of a facility (or one room) present on `day`: active stays begun by then. */
export async function presentCount(db: Db, where: { facilityId: number } | { roomId: number }, day: string): Promise<number> {
  const q = db
    .selectFrom('quarantinePlacements as qp')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .where('qp.status', '=', 'active')
    .where('qp.startOn', '<=', day)
  const r = await ('roomId' in where ? q.where('qp.roomId', '=', where.roomId) : q.where('qp.facilityId', '=', where.facilityId)).executeTakeFirstOrThrow()
  return Number(r.n)
}

/** The other batches and risk groups of the active stays in a room (for the cross-infection warning). */
export function roomMates(db: Db, roomId: number, excludePlacementId?: number) {
  let q = db.selectFrom('quarantinePlacements').select(['id', 'batch', 'riskGroup']).where('roomId', '=', roomId).where('status', '=', 'active')
  if (excludePlacementId) q = q.where('id', '<>', excludePlacementId)
  return q.limit(500).execute()
}

// --- Placements ----------------------------------------------------------------------------------

function placementQuery(db: Db, access: Access) {
  return db
    .selectFrom('quarantinePlacements as qp')
    .innerJoin('people as p', 'p.id', 'qp.personId')
    .innerJoin('units as u', 'u.id', 'qp.unitId')
    .innerJoin('quarantineRules as r', 'r.id', 'qp.ruleId')
    .leftJoin('quarantineFacilities as f', 'f.id', 'qp.facilityId')
    .leftJoin('quarantineRooms as rm', 'rm.id', 'qp.roomId')
    .select([
      'qp.id',
      'qp.personId',
      'p.fullName',
      'p.birthYear',
      'p.birthDate',
      'p.sex',
      'p.nationalId',
      'p.passportNo',
      'p.nationality',
      'p.address as personAddress',
      'qp.unitPath',
      'qp.personPath',
      'u.code as unitCode',
      'u.name as unitName',
      'qp.setting',
      'qp.facilityId',
      'f.name as facilityName',
      'f.address as facilityAddress',
      'qp.roomId',
      'rm.name as roomName',
      'qp.address',
      'qp.reason',
      'qp.ruleKind',
      'qp.vaccinated',
      'qp.ruleId',
      'r.name as ruleName',
      'r.source as ruleSource',
      'r.confidence as ruleConfidence',
      'r.days as ruleDays',
      'r.requiredTests',
      'qp.ruleWhy',
      'qp.startOn',
      'qp.firstStartOn',
      'qp.plannedEnd',
      'qp.monitoringDays',
      'qp.batch',
      'qp.riskGroup',
      'qp.status',
      'qp.releasedOn',
      'qp.releaseKind',
      'qp.releaseNote',
      'qp.monitoringUntil',
      'qp.flaggedOn',
      'qp.flagNote',
      'qp.originalEnd',
      'qp.transferredFrom',
      'qp.decisionNo',
      'qp.decisionOn',
      'qp.note',
    ])
    .where(placementVisible(access))
}
export type PlacementRow = Awaited<ReturnType<ReturnType<typeof placementQuery>['executeTakeFirstOrThrow']>>

export function findPlacement(db: Db, access: Access, id: number) {
  return placementQuery(db, access).where('qp.id', '=', id).executeTakeFirst()
}

export function lockPlacement(db: Db, access: Access, id: number) {
  return db.selectFrom('quarantinePlacements as qp').selectAll('qp').where('qp.id', '=', id).where(placementVisible(access)).forUpdate().executeTakeFirst()
}

export interface PlacementFilter {
  facilityId?: number | undefined
  unitPath?: string | undefined
  setting?: 'facility' | 'home' | 'accommodation' | undefined
  status?: 'active' | 'released' | 'monitoring' | undefined
  day: string
  limit: number
  offset: number
}

export function listPlacements(db: Db, access: Access, f: PlacementFilter) {
  let q = placementQuery(db, access)
  if (f.facilityId) q = q.where('qp.facilityId', '=', f.facilityId)
  if (f.unitPath) q = q.where('qp.unitPath', 'like', likePrefix(f.unitPath))
  if (f.setting) q = q.where('qp.setting', '=', f.setting)
  if (f.status === 'active') q = q.where('qp.status', '=', 'active')
  if (f.status === 'released') q = q.where('qp.status', '<>', 'active')
  if (f.status === 'monitoring') q = q.where('qp.status', '=', 'released').where('qp.monitoringUntil', '>=', f.day)
  // The day of the latest daily check (the unique index on placement and day answers it per row).
  const withCheck = q.select((eb) =>
    eb.selectFrom('quarantineChecks as qc').select(sql<string | null>`max(qc.checked_on)`.as('m')).whereRef('qc.placementId', '=', 'qp.id').as('lastCheckOn'),
  )
  const ordered = f.status === 'monitoring' ? withCheck.orderBy('qp.monitoringUntil') : withCheck.orderBy('qp.plannedEnd')
  return ordered.orderBy('qp.id').limit(f.limit).offset(f.offset).execute()
}

export async function insertPlacement(db: Db, v: Omit<Insertable<QuarantinePlacementsTable>, 'personPath'>): Promise<number> {
  return (await db.insertInto('quarantinePlacements').values(v).returning('id').executeTakeFirstOrThrow()).id
}

export async function updatePlacement(db: Db, id: number, v: Updateable<QuarantinePlacementsTable>): Promise<void> {
  await db.updateTable('quarantinePlacements').set({ ...v, updatedAt: sql`now()` }).where('id', '=', id).execute()
}

/** A person's active stay (the positive-test hook: no caller filter, the caller recorded the test). */
export function activePlacementOf(db: Db, personId: number) {
  return db.selectFrom('quarantinePlacements').selectAll().where('personId', '=', personId).where('status', '=', 'active').forUpdate().executeTakeFirst()
}

/** The active stays sharing a room or an arrival batch with `placement` in its facility, locked. */
export function exposedInFacility(db: Db, p: { id: number; facilityId: number; roomId: number | null; batch: string | null }) {
  return db
    .selectFrom('quarantinePlacements')
    .select(['id', 'personId', 'ruleKind', 'vaccinated', 'unitPath', 'plannedEnd', 'originalEnd', 'roomId', 'batch'])
    .where('facilityId', '=', p.facilityId)
    .where('status', '=', 'active')
    .where('id', '<>', p.id)
    .where((eb) => {
      const ors = []
      if (p.roomId !== null) ors.push(eb('roomId', '=', p.roomId))
      if (p.batch !== null) ors.push(eb('batch', '=', p.batch))
      return ors.length > 0 ? eb.or(ors) : sql<boolean>`false`
    })
    .forUpdate()
    .execute()
}

/** Flags and extends stays in one statement (ids and new ends as arrays). */
export async function flagPlacements(db: Db, rows: { id: number; plannedEnd: string }[], day: string, note: string): Promise<void> {
  if (rows.length === 0) return
  await sql`UPDATE quarantine_placements qp
               SET original_end = COALESCE(qp.original_end, qp.planned_end), planned_end = x.planned_end,
                   flagged_on = ${day}::date, flag_note = ${note}, updated_at = now()
              FROM unnest(${rows.map((r) => r.id)}::bigint[], ${rows.map((r) => r.plannedEnd)}::date[]) AS x(id, planned_end)
             WHERE qp.id = x.id`.execute(db)
}

/** The surveillance results of a person sampled between two days. */
export function testsOf(db: Db, personId: number, from: string, to: string) {
  return db
    .selectFrom('tests')
    .select(['id', 'sampleDate', 'result', 'method'])
    .where('personId', '=', personId)
    .where('sampleDate', '>=', from)
    .where('sampleDate', '<=', to)
    .where('status', '=', 'resulted')
    .orderBy('sampleDate')
    .limit(200)
    .execute() as Promise<{ id: number; sampleDate: string; result: 'positive' | 'negative' | 'inconclusive' | null; method: string }[]>
}

// --- Checks --------------------------------------------------------------------------------------

export async function insertCheck(
  db: Db,
  v: { placementId: number; unitPath: string; checkedOn: string; phase: 'quarantine' | 'monitoring'; temperature: number | null; symptoms: string[]; note: string | null; checkedBy: number | null },
): Promise<number> {
  return (await db.insertInto('quarantineChecks').values(v).returning('id').executeTakeFirstOrThrow()).id
}

export function checkExists(db: Db, placementId: number, day: string) {
  return db.selectFrom('quarantineChecks').select('id').where('placementId', '=', placementId).where('checkedOn', '=', day).executeTakeFirst()
}

export function checksOf(db: Db, placementId: number) {
  return db
    .selectFrom('quarantineChecks')
    .select(['id', 'checkedOn', 'phase', 'temperature', 'symptoms', 'note'])
    .where('placementId', '=', placementId)
    .orderBy('checkedOn', 'desc')
    .limit(120)
    .execute()
}

// --- Figures -------------------------------------------------------------------------------------

export interface OccupancyRow {
  id: number
  name: string
  kind: string
  status: string
  unitCode: string
  unitName: string
  lon: number | null
  lat: number | null
  capacity: number
  occupied: number
  releasesNext7Days: number
  arrivalsNext7Days: number
}

/**
 * Per facility under `unitPath` (inside the caller's jurisdiction): people present on `day`, planned
 * releases in the 7 days after it (day+1 … day+7) and planned arrivals in them. Counted in SQL over
 * the active stays (from the partial index) and the stays released after `day`.
 */
export async function occupancy(db: Db, access: Access, unitPath: string, day: string, today: string, limit: number, offset: number): Promise<OccupancyRow[]> {
  const r = await sql<OccupancyRow>`
    WITH f AS (
      SELECT f.id, f.name, f.kind, f.status, f.capacity, f.lon, f.lat, u.code AS unit_code, u.name AS unit_name
        FROM quarantine_facilities f JOIN units u ON u.id = f.unit_id
       WHERE f.unit_path LIKE ${likePrefix(unitPath)} AND f.unit_path LIKE ${likePrefix(access.unitPath)}
    ), c AS (
      -- The active stays, from their read model (counts per facility and pair of days).
      SELECT sc.facility_id,
             sum(sc.n) FILTER (WHERE sc.start_on <= ${day}::date AND GREATEST(sc.planned_end, ${today}::date + 1) > ${day}::date)::int AS occupied,
             sum(sc.n) FILTER (WHERE sc.start_on <= ${day}::date AND sc.planned_end > ${day}::date AND sc.planned_end <= ${day}::date + 7)::int AS releases,
             sum(sc.n) FILTER (WHERE sc.start_on > ${day}::date AND sc.start_on <= ${day}::date + 7)::int AS arrivals
        FROM quarantine_stay_counts sc JOIN f ON f.id = sc.facility_id
       GROUP BY sc.facility_id
    ), gone AS (
      -- Stays ended since that day were there on it (a day in the past).
      SELECT qp.facility_id, count(*)::int AS n
        FROM quarantine_placements qp JOIN f ON f.id = qp.facility_id
       WHERE qp.released_on > ${day}::date AND qp.start_on <= ${day}::date AND qp.status <> 'active' AND ${day}::date < ${today}::date
       GROUP BY qp.facility_id
    )
    SELECT f.id, f.name, f.kind, f.status, f.unit_code AS "unitCode", f.unit_name AS "unitName", f.lon, f.lat, f.capacity,
           COALESCE(c.occupied, 0) + COALESCE(g.n, 0) AS occupied, COALESCE(c.releases, 0) AS "releasesNext7Days", COALESCE(c.arrivals, 0) AS "arrivalsNext7Days"
      FROM f LEFT JOIN c ON c.facility_id = f.id LEFT JOIN gone g ON g.facility_id = f.id
     ORDER BY f.name, f.id
     LIMIT ${limit} OFFSET ${offset}`.execute(db)
  return r.rows.map((x) => ({ ...x, id: Number(x.id) }))
}

export interface CommuneFlowRow {
  unitCode: string
  unitName: string
  setting: 'facility' | 'home'
  capacity: number
  present: number
  /** Planned releases and arrivals per day after `day` (offset 1…days). */
  releases: number[]
  arrivals: number[]
}

/**
 * Per unit where stays take place (a facility's commune, or the home's): capacity of its facilities,
 * people present on `day`, and planned releases and arrivals for each of the `days` following days,
 * counted in SQL by (unit, day) — the forecast is the present count moved by them.
 */
export async function communeFlows(db: Db, access: Access, unitPath: string, day: string, today: string, days: number): Promise<CommuneFlowRow[]> {
  // One pass over the active stays, grouped by (unit, at a facility, present, release day, arrival
  // day): a few hundred groups at most, folded into each unit's series below.
  const r = await sql<{ unitId: string; atFacility: boolean; present: boolean; rel: number; arr: number; n: number }>`
    SELECT sc.unit_id AS "unitId", sc.facility_id <> 0 AS "atFacility",
           (sc.start_on <= ${day}::date AND GREATEST(sc.planned_end, ${today}::date + 1) > ${day}::date) AS present,
           CASE WHEN sc.start_on <= ${day}::date AND sc.planned_end > ${day}::date AND sc.planned_end <= ${day}::date + ${days}::int THEN sc.planned_end - ${day}::date ELSE 0 END AS rel,
           CASE WHEN sc.start_on > ${day}::date AND sc.start_on <= ${day}::date + ${days}::int THEN sc.start_on - ${day}::date ELSE 0 END AS arr,
           sum(sc.n)::int AS n
      FROM quarantine_stay_counts sc
     WHERE sc.unit_path LIKE ${likePrefix(unitPath)} AND sc.unit_path LIKE ${likePrefix(access.unitPath)}
     GROUP BY 1, 2, 3, 4, 5`.execute(db)
  const groups = new Map<string, { unitId: string; setting: 'facility' | 'home'; present: number; releases: number[]; arrivals: number[] }>()
  for (const g of r.rows) {
    const setting = g.atFacility ? 'facility' : 'home'
    const key = `${g.unitId} ${setting}`
    const row = groups.get(key) ?? { unitId: g.unitId, setting, present: 0, releases: Array(days).fill(0), arrivals: Array(days).fill(0) }
    groups.set(key, row)
    if (g.present) row.present += g.n
    if (g.rel > 0) row.releases[g.rel - 1] = (row.releases[g.rel - 1] ?? 0) + g.n
    if (g.arr > 0) row.arrivals[g.arr - 1] = (row.arrivals[g.arr - 1] ?? 0) + g.n
  }
  const rows = [...groups.values()]
  const cap = await sql<{ unitId: string; capacity: number }>`
    SELECT unit_id AS "unitId", sum(capacity)::int AS capacity FROM quarantine_facilities
     WHERE unit_path LIKE ${likePrefix(unitPath)} AND unit_path LIKE ${likePrefix(access.unitPath)} AND status <> 'closed'
     GROUP BY unit_id`.execute(db)
  const ids = [...new Set([...rows.map((x) => x.unitId), ...cap.rows.map((x) => x.unitId)])]
  const names = new Map(
    ids.length === 0 ? [] : (await db.selectFrom('units').select(['id', 'code', 'name']).where('id', 'in', ids).execute()).map((u) => [u.id, u] as const),
  )
  const capacity = new Map(cap.rows.map((c) => [c.unitId, c.capacity]))
  const out: CommuneFlowRow[] = rows.map((x) => ({
    unitCode: names.get(x.unitId)?.code ?? x.unitId,
    unitName: names.get(x.unitId)?.name ?? '',
    setting: x.setting,
    capacity: x.setting === 'facility' ? (capacity.get(x.unitId) ?? 0) : 0,
    present: x.present,
    releases: x.releases,
    arrivals: x.arrivals,
  }))
  for (const [unitId, c] of capacity) {
    if (!groups.has(`${unitId} facility`)) {
      out.push({ unitCode: names.get(unitId)?.code ?? unitId, unitName: names.get(unitId)?.name ?? '', setting: 'facility', capacity: c, present: 0, releases: Array(days).fill(0), arrivals: Array(days).fill(0) })
    }
  }
  return out.sort((a, b) => a.unitName.localeCompare(b.unitName, 'vi') || a.setting.localeCompare(b.setting))
}

/**
 * People due on `day`, under `unitPath` and inside the caller's jurisdiction, paged: `release`,
 * active stays planned to end that day; `testing`, active stays for which that day is a required
 * test day of their rule (day 1 = the first day).
 */
export function dueOn(db: Db, access: Access, f: { list: 'release' | 'testing'; unitPath: string; day: string; limit: number; offset: number }) {
  let q = placementQuery(db, access).where('qp.status', '=', 'active').where('qp.unitPath', 'like', likePrefix(f.unitPath))
  q =
    f.list === 'release'
      ? q.where('qp.plannedEnd', '=', f.day)
      : q.where('qp.startOn', '<=', f.day).where(sql<boolean>`(${f.day}::date - qp.first_start_on + 1) = ANY(r.required_tests)`)
  return q.orderBy('f.name').orderBy('rm.name').orderBy('p.nameSort').orderBy('qp.id').limit(f.limit).offset(f.offset).execute()
}

/** The unit's path (any unit) by id. */
export function unitPathOf(db: Db, unitId: string) {
  return db.selectFrom('units').select(['path', 'name', 'code', 'level']).where('id', '=', unitId).executeTakeFirst()
}
