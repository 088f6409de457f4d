import { type Kysely, sql } from 'kysely'
import type { Checklist } from '../../../domain/safety/checklist.ts'
import { type Access, likePrefix, withinJurisdiction } from '../../platform/context.ts'
import type { DB } from '../../platform/schema.ts'

// All SQL of the safety context.

// --- Checklists ----------------------------------------------------------------------------------

export interface ChecklistRow {
  id: number
  key: string
  version: number
  unitId: string | null
  unitPath: string | null
  name: string
  kinds: string[]
  definition: Checklist
  confidence: string
  completeness: string
  reason: string | null
  createdAt: Date
}

const checklistColumns = ['c.id', 'c.key', 'c.version', 'c.unitId', 'c.unitPath', 'c.name', 'c.kinds', 'c.definition', 'c.confidence', 'c.completeness', 'c.reason', 'c.createdAt'] as const

/** The highest shipped version of each key stored. */
export async function storedShippedVersions(db: Kysely<DB>): Promise<Map<string, number>> {
  const rows = await db
    .selectFrom('safetyChecklists')
    .select(['key', (eb) => eb.fn.max('version').as('version')])
    .where('unitId', 'is', null)
    .groupBy('key')
    .execute()
  return new Map(rows.map((r) => [r.key, Number(r.version)]))
}

export async function insertChecklist(
  db: Kysely<DB>,
  c: Checklist,
  owner: { unitId: string; unitPath: string } | null,
  reason: string | null,
  createdBy: number | null,
): Promise<number> {
  const row = await db
    .insertInto('safetyChecklists')
    .values({
      key: c.key,
      version: c.version,
      unitId: owner?.unitId ?? null,
      unitPath: owner?.unitPath ?? null,
      name: c.name,
      kinds: [...c.kinds],
      definition: JSON.stringify(c),
      confidence: c.source.confidence,
      completeness: c.completeness,
      reason,
      createdBy,
    })
    .returning('id')
    .executeTakeFirstOrThrow()
  return row.id
}

/** Checklists a caller may use: the shipped ones and those of a unit on their path or inside their area. */
function visibleChecklists(db: Kysely<DB>, access: Access) {
  return db
    .selectFrom('safetyChecklists as c')
    .select(checklistColumns)
    .where((eb) =>
      eb.or([eb('c.unitPath', 'is', null), eb(sql.val(access.unitPath), 'like', sql<string>`replace(replace(c.unit_path, '%', '\\%'), '_', '\\_') || '%'`), withinJurisdiction(access, 'c.unitPath')]),
    )
}

/** The latest version of every checklist (per key and owner) the caller may use. */
export async function latestChecklists(db: Kysely<DB>, access: Access): Promise<ChecklistRow[]> {
  const rows = await visibleChecklists(db, access).orderBy('c.key').orderBy('c.unitPath').orderBy('c.version', 'desc').execute()
  const seen = new Set<string>()
  return (rows as ChecklistRow[]).filter((r) => {
    const k = `${r.key}|${r.unitPath ?? ''}`
    if (seen.has(k)) return false
    seen.add(k)
    return true
  })
}

export async function checklistById(db: Kysely<DB>, access: Access, id: number): Promise<ChecklistRow | undefined> {
  return (await visibleChecklists(db, access).where('c.id', '=', id).executeTakeFirst()) as ChecklistRow | undefined
}

export async function checklistVersions(db: Kysely<DB>, access: Access, key: string): Promise<ChecklistRow[]> {
  return (await visibleChecklists(db, access).where('c.key', '=', key).orderBy('c.version', 'desc').execute()) as ChecklistRow[]
}

/** The next version number of `key` for an owner (after the shipped versions and the owner's own). */
export async function nextVersion(db: Kysely<DB>, key: string, unitId: string): Promise<number> {
  const r = await db
    .selectFrom('safetyChecklists')
    .select((eb) => eb.fn.max('version').as('v'))
    .where('key', '=', key)
    .where((eb) => eb.or([eb('unitId', 'is', null), eb('unitId', '=', unitId)]))
    .executeTakeFirst()
  return Number(r?.v ?? 0) + 1
}

/**
 * The checklist a facility at `path` fills: its own key if set, else the default for its kind;
 * a unit's version on the facility's path wins over a shipped one, the latest version first.
 */
export async function checklistFor(db: Kysely<DB>, path: string, key: string | null, kind: string): Promise<ChecklistRow | undefined> {
  const row = await db
    .selectFrom('safetyChecklists as c')
    .select(checklistColumns)
    .where((eb) => eb.or([eb('c.unitPath', 'is', null), eb(sql.val(path), 'like', sql<string>`replace(replace(c.unit_path, '%', '\\%'), '_', '\\_') || '%'`)]))
    .where((eb) => (key ? eb('c.key', '=', key) : eb(sql.val(kind), '=', sql<string>`ANY(c.kinds)`)))
    .orderBy(sql`length(coalesce(c.unit_path, ''))`, 'desc')
    .orderBy('c.version', 'desc')
    .limit(1)
    .executeTakeFirst()
  return row as ChecklistRow | undefined
}

// --- Facilities ------------------------------------------------------------------------------

export interface FacilityInsert {
  name: string
  nameFold: string
  kind: string
  unitId: string
  unitPath: string
  address: string | null
  addressFold: string
  lon: number | null
  lat: number | null
  headName: string | null
  headPhone: string | null
  workers: number | null
  students: number | null
  rooms: number | null
  dailyVisitors: number | null
  checklistKey: string | null
  token: string
  importJobId?: number | null
}

const facilityColumns = [
  'f.id',
  'f.name',
  'f.kind',
  'f.unitId',
  'f.unitPath',
  'u.code as unitCode',
  'u.name as unitName',
  'f.address',
  'f.lon',
  'f.lat',
  'f.headName',
  'f.headPhone',
  'f.workers',
  'f.students',
  'f.rooms',
  'f.dailyVisitors',
  'f.checklistKey',
  'f.status',
  'f.band',
  'f.bandLevel',
  'f.assessedAt',
  'f.validUntil',
  'f.resultSource',
  'f.resultId',
  'f.createdAt',
  'f.updatedAt',
] as const

export async function insertFacility(db: Kysely<DB>, f: FacilityInsert): Promise<number> {
  const r = await db.insertInto('safetyFacilities').values(f).returning('id').executeTakeFirstOrThrow()
  return r.id
}

/** Inserts many facilities given as one JSON array (one parameter, whatever the batch size). */
export async function insertFacilitiesJson(db: Kysely<DB>, rowsJson: string): Promise<number> {
  const r = await sql<{ n: number }>`
    WITH ins AS (
      INSERT INTO safety_facilities (name, name_fold, kind, unit_id, unit_path, address, address_fold, lon, lat, head_name, head_phone,
                                     workers, students, rooms, daily_visitors, token, import_job_id)
      SELECT r.name, r.name_fold, r.kind, r.unit_id, r.unit_path, r.address, coalesce(r.address_fold, ''), r.lon, r.lat, r.head_name, r.head_phone,
             r.workers, r.students, r.rooms, r.daily_visitors, r.token, r.import_job_id
      FROM jsonb_to_recordset(${rowsJson}::jsonb) AS r(name text, name_fold text, kind text, unit_id text, unit_path text, address text, address_fold text,
           lon double precision, lat double precision, head_name text, head_phone text, workers integer, students integer, rooms integer,
           daily_visitors integer, token text, import_job_id bigint)
      RETURNING 1)
    SELECT count(*)::int AS n FROM ins`.execute(db)
  return Number(r.rows[0]?.n ?? 0)
}

export function facilityQuery(db: Kysely<DB>) {
  return db.selectFrom('safetyFacilities as f').innerJoin('units as u', 'u.id', 'f.unitId').select(facilityColumns)
}
export type FacilityRow = Awaited<ReturnType<ReturnType<typeof facilityQuery>['executeTakeFirstOrThrow']>>

export function findFacility(db: Kysely<DB>, access: Access, id: number): Promise<FacilityRow | undefined> {
  return facilityQuery(db).where('f.id', '=', id).where(withinJurisdiction(access, 'f.unitPath')).executeTakeFirst()
}

export async function facilityToken(db: Kysely<DB>, access: Access, id: number): Promise<string | undefined> {
  const r = await db.selectFrom('safetyFacilities as f').select('f.token').where('f.id', '=', id).where(withinJurisdiction(access, 'f.unitPath')).executeTakeFirst()
  return r?.token
}

export async function updateFacility(db: Kysely<DB>, id: number, fields: Partial<FacilityInsert & { status: 'active' | 'closed' }>, at: Date): Promise<void> {
  await db
    .updateTable('safetyFacilities')
    .set({ ...fields, updatedAt: at })
    .where('id', '=', id)
    .execute()
}

export interface FacilityFilter {
  areaPath: string
  q?: string | undefined
  kind?: string | undefined
  band?: string | undefined
  limit: number
  offset: number
}

export async function listFacilities(db: Kysely<DB>, access: Access, f: FacilityFilter): Promise<{ rows: FacilityRow[]; total: number }> {
  let q = db
    .selectFrom('safetyFacilities as f')
    .where('f.unitPath', 'like', likePrefix(f.areaPath))
    .where(withinJurisdiction(access, 'f.unitPath'))
  if (f.q) q = q.where((eb) => eb.or([eb('f.nameFold', 'like', `%${f.q!.replace(/[\\%_]/g, (c) => `\\${c}`)}%`), eb('f.addressFold', 'like', `%${f.q!.replace(/[\\%_]/g, (c) => `\\${c}`)}%`)]))
  if (f.kind) q = q.where('f.kind', '=', f.kind)
  if (f.band === 'none') q = q.where('f.band', 'is', null)
  else if (f.band) q = q.where('f.band', '=', f.band)
  const [rows, total] = await Promise.all([
    q
      .innerJoin('units as u', 'u.id', 'f.unitId')
      .select(facilityColumns)
      .orderBy('f.nameFold')
      .orderBy('f.id')
      .limit(f.limit)
      .offset(f.offset)
      .execute(),
    q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ])
  return { rows, total: Number(total.n) }
}

/** Facilities of one unit: folded name and address, to find duplicates of a new one (a commune holds hundreds). */
export function facilitiesOfUnit(db: Kysely<DB>, unitId: string, limit = 20_000) {
  return db
    .selectFrom('safetyFacilities as f')
    .select(['f.id', 'f.name', 'f.address', 'f.nameFold', 'f.addressFold', 'f.unitPath'])
    .where('f.unitId', '=', unitId)
    .limit(limit)
    .execute()
}

/** Facilities already registered under the same folded name and address (import duplicates). */
export async function existingByFold(db: Kysely<DB>, keys: { unitId: string; nameFold: string; addressFold: string }[]): Promise<Map<string, number>> {
  if (keys.length === 0) return new Map()
  const r = await sql<{ id: number; unitId: string; nameFold: string; addressFold: string }>`
    SELECT f.id, f.unit_id, f.name_fold, f.address_fold
    FROM jsonb_to_recordset(${JSON.stringify(keys.map((k) => ({ unit_id: k.unitId, name_fold: k.nameFold, address_fold: k.addressFold })))}::jsonb)
         AS k(unit_id text, name_fold text, address_fold text)
    JOIN safety_facilities f ON f.name_fold = k.name_fold AND f.address_fold = k.address_fold AND f.unit_id = k.unit_id`.execute(db)
  return new Map(r.rows.map((x) => [`${x.unitId}|${x.nameFold}|${x.addressFold}`, Number(x.id)]))
}

/** Pairs of facilities of an area that look like the same place: same folded name and address. */
export async function duplicatePairs(db: Kysely<DB>, areaPath: string, limit: number) {
  const r = await sql<{ a: number; b: number; name: string; address: string | null }>`
    SELECT a.id AS a, b.id AS b, a.name, a.address
    FROM safety_facilities a
    JOIN safety_facilities b ON b.name_fold = a.name_fold AND b.address_fold = a.address_fold AND b.unit_id = a.unit_id AND b.id > a.id
    WHERE a.unit_path LIKE ${likePrefix(areaPath)}
    ORDER BY a.id
    LIMIT ${limit}`.execute(db)
  return r.rows.map((x) => ({ a: Number(x.a), b: Number(x.b), name: x.name, address: x.address }))
}

export async function setToken(db: Kysely<DB>, id: number, token: string, at: Date): Promise<void> {
  await db.updateTable('safetyFacilities').set({ token, updatedAt: at }).where('id', '=', id).execute()
}

/** Current units of an area, for an import to name by code. */
export function unitsIn(db: Kysely<DB>, path: string, at: string) {
  return db
    .selectFrom('units as u')
    .select(['u.id', 'u.code', 'u.path'])
    .where('u.path', 'like', likePrefix(path))
    .where('u.validFrom', '<=', at)
    .where((eb) => eb.or([eb('u.validTo', 'is', null), eb('u.validTo', '>', at)]))
    .execute()
}

// --- Assessments -------------------------------------------------------------------------------

export interface AssessmentInsert {
  facilityId: number
  unitPath: string
  checklistId: number
  source: 'self' | 'officer' | 'inspection'
  answers: string
  points: number
  maxPoints: number
  percent: number
  band: string
  bandLevel: number
  critical: string
  assessedAt: Date
  validUntil: string
  contact: string | null
  contactName: string | null
  note: string | null
  createdBy: number | null
}

export async function insertAssessment(db: Kysely<DB>, a: AssessmentInsert): Promise<number> {
  const r = await db.insertInto('safetyAssessments').values(a).returning('id').executeTakeFirstOrThrow()
  return r.id
}

/**
 * Copies the result each facility shows into its row (what the map reads): the rule of the view
 * safety_current_results — an inspection still valid on `day` wins over any self-assessment,
 * otherwise the latest assessment — decided on the application's day (PHONGDICH_NOW honoured),
 * not the database clock.
 */
export async function refreshResults(db: Kysely<DB>, facilityIds: number[], day: string): Promise<void> {
  if (facilityIds.length === 0) return
  await sql`
    UPDATE safety_facilities f
    SET result_id = r.id, band = r.band, band_level = r.band_level, assessed_at = r.assessed_at,
        valid_until = r.valid_until, result_source = r.source
    FROM (SELECT DISTINCT ON (a.facility_id) a.facility_id, a.id, a.band, a.band_level, a.assessed_at, a.valid_until, a.source
            FROM safety_assessments a
           WHERE a.facility_id = ANY(${facilityIds}::bigint[])
           ORDER BY a.facility_id, (a.source = 'inspection' AND a.valid_until >= ${day}::date) DESC, a.assessed_at DESC, a.id DESC) r
    WHERE r.facility_id = f.id AND f.result_id IS DISTINCT FROM r.id`.execute(db)
}

/** Facilities (after id `after`) still showing an inspection whose validity ended before `day`: a page of ids. */
export async function showingExpiredInspection(db: Kysely<DB>, day: string, after: number, limit: number): Promise<number[]> {
  const rows = await db
    .selectFrom('safetyFacilities')
    .select('id')
    .where('resultSource', '=', 'inspection')
    .where('validUntil', '<', day)
    .where('id', '>', after)
    .orderBy('id')
    .limit(limit)
    .execute()
  return rows.map((r) => r.id)
}

export function assessmentsOf(db: Kysely<DB>, facilityId: number, limit: number) {
  return db
    .selectFrom('safetyAssessments as a')
    .innerJoin('safetyChecklists as c', 'c.id', 'a.checklistId')
    .select([
      'a.id',
      'a.source',
      'a.points',
      'a.maxPoints',
      'a.percent',
      'a.band',
      'a.critical',
      'a.assessedAt',
      'a.validUntil',
      'a.contact',
      'a.contactName',
      'a.note',
      'c.key as checklistKey',
      'c.version as checklistVersion',
      'c.name as checklistName',
    ])
    .where('a.facilityId', '=', facilityId)
    .orderBy('a.assessedAt', 'desc')
    .orderBy('a.id', 'desc')
    .limit(limit)
    .execute()
}

export function photosOf(db: Kysely<DB>, assessmentIds: number[]) {
  if (assessmentIds.length === 0) return Promise.resolve([])
  return db
    .selectFrom('safetyPhotos as p')
    .innerJoin('uploads as up', 'up.id', 'p.uploadId')
    .select(['p.id', 'p.assessmentId', 'up.fileName', 'up.size'])
    .where('p.assessmentId', 'in', assessmentIds)
    .orderBy('p.id')
    .execute()
}

export async function photoUpload(db: Kysely<DB>, access: Access, photoId: number) {
  return db
    .selectFrom('safetyPhotos as p')
    .innerJoin('safetyFacilities as f', 'f.id', 'p.facilityId')
    .innerJoin('uploads as up', 'up.id', 'p.uploadId')
    .select(['p.id', 'p.uploadId', 'up.fileName', 'up.size', 'f.unitPath'])
    .where('p.id', '=', photoId)
    .where(withinJurisdiction(access, 'f.unitPath'))
    .executeTakeFirst()
}

/** Results whose validity ends by `until` that no one has been reminded of, the facility's current ones. */
export function dueForReminder(db: Kysely<DB>, until: string, limit: number) {
  return db
    .selectFrom('safetyFacilities as f')
    .innerJoin('safetyAssessments as a', 'a.id', 'f.resultId')
    .select(['a.id as assessmentId', 'f.id as facilityId', 'f.name', 'f.unitPath', 'a.validUntil'])
    .where('a.validUntil', '<=', until)
    .where('a.remindedAt', 'is', null)
    .where('f.status', '=', 'active')
    .orderBy('a.id')
    .limit(limit)
    .execute()
}

export async function markReminded(db: Kysely<DB>, assessmentIds: number[], at: Date): Promise<void> {
  if (assessmentIds.length) await db.updateTable('safetyAssessments').set({ remindedAt: at }).where('id', 'in', assessmentIds).execute()
}

/** Users who act on facilities of a unit: holders of a role with safety:write whose area contains it. */
export async function officersOver(db: Kysely<DB>, unitPath: string, roles: string[]): Promise<number[]> {
  const r = await db
    .selectFrom('users as u')
    .innerJoin('units as un', 'un.id', 'u.unitId')
    .select('u.id')
    .where('u.role', 'in', roles)
    .where('u.active', '=', true)
    .where(sql<boolean>`${unitPath} LIKE replace(replace(un.path, '%', '\\%'), '_', '\\_') || '%'`)
    .orderBy(sql`length(un.path)`, 'desc')
    .limit(50)
    .execute()
  return r.map((x) => x.id)
}

// --- The public side ---------------------------------------------------------------------------

export function facilityByToken(db: Kysely<DB>, token: string) {
  return db
    .selectFrom('safetyFacilities as f')
    .innerJoin('units as u', 'u.id', 'f.unitId')
    .select(['f.id', 'f.name', 'f.kind', 'f.unitPath', 'f.unitId', 'u.name as unitName', 'f.checklistKey', 'f.status', 'f.band', 'f.assessedAt', 'f.validUntil'])
    .where('f.token', '=', token)
    .executeTakeFirst()
}

export interface Bbox {
  minLon: number
  minLat: number
  maxLon: number
  maxLat: number
}

/** The public map's filter: an area's active facilities, in a box, matching a folded name. */
function publicScope(db: Kysely<DB>, areaPath: string, bbox: Bbox | null, q: string | null) {
  let query = db.selectFrom('safetyFacilities as f').where('f.unitPath', 'like', likePrefix(areaPath)).where('f.status', '=', 'active')
  if (bbox)
    query = query
      .where('f.lon', '>=', bbox.minLon)
      .where('f.lon', '<=', bbox.maxLon)
      .where('f.lat', '>=', bbox.minLat)
      .where('f.lat', '<=', bbox.maxLat)
  if (q) query = query.where('f.nameFold', 'like', `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`)
  return query
}

/** How many facilities the filter holds, and the extent of those placed. */
export async function publicExtent(db: Kysely<DB>, areaPath: string, bbox: Bbox | null, q: string | null) {
  const r = await publicScope(db, areaPath, bbox, q)
    .select((eb) => [
      eb.fn.countAll<number>().as('n'),
      eb.fn.min('f.lon').as('minLon'),
      eb.fn.max('f.lon').as('maxLon'),
      eb.fn.min('f.lat').as('minLat'),
      eb.fn.max('f.lat').as('maxLat'),
    ])
    .executeTakeFirstOrThrow()
  return { n: Number(r.n), minLon: r.minLon as number | null, maxLon: r.maxLon as number | null, minLat: r.minLat as number | null, maxLat: r.maxLat as number | null }
}

/** What the public map shows of an area's active facilities: nothing personal. */
export function publicFacilities(db: Kysely<DB>, areaPath: string, bbox: Bbox | null, q: string | null, limit: number) {
  return publicScope(db, areaPath, bbox, q)
    .select(['f.id', 'f.name', 'f.kind', 'f.band', 'f.bandLevel', 'f.assessedAt', 'f.validUntil', 'f.lon', 'f.lat'])
    .orderBy('f.id')
    .limit(limit)
    .execute()
}

/** The filter's placed facilities gathered on a grid of `cell` degrees from (minLon, minLat), counted per band level in SQL. */
export async function publicGrid(db: Kysely<DB>, areaPath: string, bbox: Bbox | null, q: string | null, origin: { lon: number; lat: number }, cell: number) {
  const rows = await publicScope(db, areaPath, bbox, q)
    .where('f.lon', 'is not', null)
    .select([
      sql<number>`floor((f.lon - ${origin.lon}) / ${cell})`.as('gx'),
      sql<number>`floor((f.lat - ${origin.lat}) / ${cell})`.as('gy'),
      sql<number>`count(*)::int`.as('count'),
      sql<number>`avg(f.lon)`.as('lon'),
      sql<number>`avg(f.lat)`.as('lat'),
      sql<number>`count(*) FILTER (WHERE f.band_level = 1)::int`.as('l1'),
      sql<number>`count(*) FILTER (WHERE f.band_level = 2)::int`.as('l2'),
      sql<number>`count(*) FILTER (WHERE f.band_level = 3)::int`.as('l3'),
      sql<number>`count(*) FILTER (WHERE f.band_level = 4)::int`.as('l4'),
      sql<number>`count(*) FILTER (WHERE f.band_level = 5)::int`.as('l5'),
    ])
    .groupBy([sql`1`, sql`2`])
    .execute()
  return rows.map((r) => ({
    lon: Math.round(Number(r.lon) * 1e5) / 1e5,
    lat: Math.round(Number(r.lat) * 1e5) / 1e5,
    count: Number(r.count),
    levels: [Number(r.l1), Number(r.l2), Number(r.l3), Number(r.l4), Number(r.l5)] as [number, number, number, number, number],
    none: Number(r.count) - Number(r.l1) - Number(r.l2) - Number(r.l3) - Number(r.l4) - Number(r.l5),
  }))
}

/** The units of an area holding active facilities, with how many: the public map's commune search. */
export function publicUnits(db: Kysely<DB>, areaPath: string) {
  return db
    .selectFrom('safetyFacilities as f')
    .innerJoin('units as u', 'u.id', 'f.unitId')
    .select(['u.code', 'u.name', (eb) => eb.fn.countAll<number>().as('count')])
    .where('f.unitPath', 'like', likePrefix(areaPath))
    .where('f.status', '=', 'active')
    .groupBy(['u.code', 'u.name'])
    .orderBy('u.name')
    .execute()
}

export function publicFacility(db: Kysely<DB>, id: number) {
  return db
    .selectFrom('safetyFacilities as f')
    .innerJoin('units as u', 'u.id', 'f.unitId')
    .leftJoin('safetyAssessments as a', 'a.id', 'f.resultId')
    .leftJoin('safetyChecklists as c', 'c.id', 'a.checklistId')
    .select([
      'f.id',
      'f.name',
      'f.kind',
      'f.address',
      'u.code as unitCode',
      'u.name as unitName',
      'f.lon',
      'f.lat',
      'f.band',
      'f.bandLevel',
      'f.assessedAt',
      'f.validUntil',
      'f.resultSource',
      'a.percent',
      'a.points',
      'a.maxPoints',
      'c.name as checklistName',
      'c.version as checklistVersion',
    ])
    .where('f.id', '=', id)
    .where('f.status', '=', 'active')
    .executeTakeFirst()
}

// --- One-time codes and photos -------------------------------------------------------------------

export async function insertCode(db: Kysely<DB>, c: { facilityId: number; contact: string; codeHash: string; expiresAt: Date }): Promise<number> {
  const r = await db.insertInto('safetyCodes').values(c).returning('id').executeTakeFirstOrThrow()
  return r.id
}

/** Codes sent for a facility since `since` (a facility's link cannot send codes without end). */
export async function codesSince(db: Kysely<DB>, facilityId: number, since: Date): Promise<number> {
  const r = await db
    .selectFrom('safetyCodes')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('facilityId', '=', facilityId)
    .where('createdAt', '>=', since)
    .executeTakeFirstOrThrow()
  return Number(r.n)
}

export function openCode(db: Kysely<DB>, facilityId: number, contact: string, at: Date) {
  return db
    .selectFrom('safetyCodes')
    .select(['id', 'codeHash', 'attempts', 'expiresAt'])
    .where('facilityId', '=', facilityId)
    .where('contact', '=', contact)
    .where('verifiedAt', 'is', null)
    .where('expiresAt', '>', at)
    .orderBy('id', 'desc')
    .limit(1)
    .executeTakeFirst()
}

export async function countAttempt(db: Kysely<DB>, id: number): Promise<void> {
  await db
    .updateTable('safetyCodes')
    .set((eb) => ({ attempts: eb('attempts', '+', 1) }))
    .where('id', '=', id)
    .execute()
}

export async function verifyCode(db: Kysely<DB>, id: number, proofHash: string, at: Date, proofExpiresAt: Date): Promise<void> {
  await db.updateTable('safetyCodes').set({ verifiedAt: at, proofHash, proofExpiresAt }).where('id', '=', id).execute()
}

export function codeByProof(db: Kysely<DB>, facilityId: number, proofHash: string, at: Date) {
  return db
    .selectFrom('safetyCodes')
    .select(['id', 'contact'])
    .where('facilityId', '=', facilityId)
    .where('proofHash', '=', proofHash)
    .where('usedAt', 'is', null)
    .where('proofExpiresAt', '>', at)
    .forUpdate()
    .executeTakeFirst()
}

export async function useCode(db: Kysely<DB>, id: number, at: Date): Promise<void> {
  await db.updateTable('safetyCodes').set({ usedAt: at }).where('id', '=', id).execute()
}

export async function insertPhoto(db: Kysely<DB>, p: { facilityId: number; codeId: number; uploadId: number }): Promise<number> {
  const r = await db.insertInto('safetyPhotos').values(p).returning('id').executeTakeFirstOrThrow()
  return r.id
}

export async function photosOfCode(db: Kysely<DB>, codeId: number) {
  return db.selectFrom('safetyPhotos').select(['id', 'uploadId', 'assessmentId']).where('codeId', '=', codeId).execute()
}

/** Links a proof's photos to the assessment and keeps their files. */
export async function attachPhotos(db: Kysely<DB>, codeId: number, photoIds: number[], assessmentId: number): Promise<void> {
  if (photoIds.length === 0) return
  await db.updateTable('safetyPhotos').set({ assessmentId }).where('codeId', '=', codeId).where('id', 'in', photoIds).execute()
  await sql`UPDATE uploads SET expires_at = NULL WHERE id IN (SELECT upload_id FROM safety_photos WHERE assessment_id = ${assessmentId})`.execute(db)
}

export async function jobWaiting(db: Kysely<DB>, kind: string): Promise<boolean> {
  const r = await db.selectFrom('jobs').select('id').where('kind', '=', kind).where('status', 'in', ['queued', 'running']).executeTakeFirst()
  return r !== undefined
}

export async function deleteUpload(db: Kysely<DB>, id: number): Promise<void> {
  await db.deleteFrom('uploads').where('id', '=', id).execute()
}
