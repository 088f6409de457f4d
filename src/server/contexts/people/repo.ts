import { type Kysely, type RawBuilder, type Selectable, sql } from 'kysely'
import { vietnameseSortKey } from '../../../domain/text/sortKey.ts'
import { type Access, likeContains, likePrefix, withinJurisdiction } from '../../platform/context.ts'
import type { DB, PeopleTable } from '../../platform/schema.ts'

// Every query here that answers a caller takes the caller's Access and filters by jurisdiction in
// SQL: a person outside the caller's unit subtree does not exist for them. The few that do not
// (identity lookups, merge records) say so in their name and return no personal data.
function peopleQuery(db: Kysely<DB>, access: Access) {
  return db
    .selectFrom('people as p')
    .innerJoin('units as u', 'u.id', 'p.unitId')
    .leftJoin('units as tu', 'tu.id', 'p.tempUnitId')
    .select([
      'p.id',
      'p.fullName',
      'p.nameFold',
      'p.birthYear',
      'p.birthDate',
      'p.sex',
      'p.nationalId',
      'p.passportNo',
      'p.phone',
      'u.code as unitCode',
      'u.name as unitName',
      'u.unitType',
      'p.unitPath',
      'p.address',
      'tu.code as tempUnitCode',
      'tu.name as tempUnitName',
      'p.tempAddress',
      'p.workplace',
      'p.nationality',
      'p.createdAt',
      'p.updatedAt',
    ])
    .where(withinJurisdiction(access, 'p.unitPath'))
}
export type PersonRow = Awaited<ReturnType<ReturnType<typeof peopleQuery>['executeTakeFirstOrThrow']>>
/** A row of `people` as stored (every column). */
export type StoredPerson = Selectable<PeopleTable>

export function findPerson(db: Kysely<DB>, access: Access, id: number) {
  return peopleQuery(db, access).where('p.id', '=', id).executeTakeFirst()
}

export function findPeople(db: Kysely<DB>, access: Access, ids: number[]) {
  if (ids.length === 0) return Promise.resolve([])
  return peopleQuery(db, access).where('p.id', 'in', ids).execute()
}

export interface PeopleFilter {
  /** The text as typed (for numbers) and folded (for names). */
  q?: { raw: string; folded: string } | undefined
  unitPath?: string | undefined
  limit: number
  offset: number
}

export async function listPeople(db: Kysely<DB>, access: Access, f: PeopleFilter): Promise<PersonRow[]> {
  const within = (q: ReturnType<typeof peopleQuery>) => (f.unitPath ? q.where('p.unitPath', 'like', likePrefix(f.unitPath)) : q)
  if (f.q) {
    const { raw, folded } = f.q
    const compact = raw.replace(/[\s.-]/g, '')
    // Numbers are found by their btree indexes; a name through the dictionary of names.
    if (/^\+?\d+$/.test(compact)) {
      return within(peopleQuery(db, access))
        .where((eb) => eb.or([eb('p.nationalId', '=', compact), eb('p.phone', '=', compact), eb('p.passportNo', '=', compact)]))
        .orderBy('p.nameSort')
        .orderBy('p.id')
        .limit(f.limit)
        .offset(f.offset)
        .execute()
    }
    const byName = await searchByName(db, access, folded, f.unitPath, f.offset + f.limit)
    if (/^[a-z0-9]{5,20}$/i.test(compact) && /\d/.test(compact)) {
      const byPassport = await within(peopleQuery(db, access)).where('p.passportNo', '=', compact.toUpperCase()).execute()
      return [...byPassport, ...byName.filter((r) => !byPassport.some((b) => b.id === r.id))].slice(f.offset, f.offset + f.limit)
    }
    return byName.slice(f.offset, f.offset + f.limit)
  }
  return within(peopleQuery(db, access)).orderBy('p.nameSort').orderBy('p.id').limit(f.limit).offset(f.offset).execute()
}

/**
 * The first `count` people inside the caller's area (and `unitPath`) whose folded name contains
 * `folded`, in dictionary order (people of the same name by place, then as entered). The matching
 * names come from `person_names` (trigram index where pg_trgm exists, else a scan of the distinct
 * names only), sorted; the people bearing them are read by the (full_name, unit_path, id) index a
 * batch of names at a time, doubling, until enough are found, so a frequent syllable costs no more
 * than a rare one. The first batch is one statement, names, people and their rows together: most
 * searches end there.
 */
async function searchByName(db: Kysely<DB>, access: Access, folded: string, unitPath: string | undefined, count: number): Promise<PersonRow[]> {
  const within = sql`${withinJurisdiction(access, 'p.unitPath')} ${unitPath ? sql`AND p.unit_path LIKE ${likePrefix(unitPath)}` : sql``}`
  // Name by name in dictionary order, the bearers of a name by place (path) then id: each name's
  // first ones read in that order from the (full_name, unit_path, id) index, whose paths are in
  // byte order (text_pattern_ops, ~<~). An order over the whole batch would let the planner walk
  // the sort index of every person instead.
  const bearers = (names: RawBuilder<unknown>, need: number) => sql<{ id: number; r: number; names: number }>`(
    SELECT x.id, row_number() OVER (ORDER BY n.i, x.unit_path USING ~<~, x.id) AS r, n.names FROM ${names} CROSS JOIN LATERAL (
      SELECT p.id, p.unit_path FROM people p WHERE p.full_name = n.name AND ${within} ORDER BY p.unit_path USING ~<~, p.id LIMIT ${need}) x
    ORDER BY n.i, x.unit_path USING ~<~, x.id LIMIT ${need})`
  // The first names, and how many match (one more than are read, when there are more).
  const firstNames = sql`(
    SELECT * FROM (
      SELECT m.full_name AS name, row_number() OVER (ORDER BY m.name_sort, m.full_name) AS i, count(*) OVER () AS names FROM (
        SELECT full_name, name_sort FROM person_names WHERE name_fold LIKE ${likeContains(folded)} ORDER BY name_sort, full_name LIMIT ${FIRST_NAMES + 1}) m) f
     WHERE f.i <= ${FIRST_NAMES}) n`
  const first = await peopleQuery(db, access)
    .innerJoin(bearers(firstNames, count).as('pick'), (join) => join.onRef('pick.id', '=', 'p.id'))
    .select('pick.names')
    .orderBy('pick.r')
    .execute()
  const out: PersonRow[] = first.map(({ names: _, ...row }) => row)
  // Enough people, or no name beyond the first (a name whose bearers all live elsewhere answers no row: read on).
  if (out.length >= count || (first.length > 0 && Number(first[0]!.names) <= FIRST_NAMES)) return out
  const names = (
    await db
      .selectFrom('personNames')
      .select('fullName')
      .where('nameFold', 'like', likeContains(folded))
      .orderBy('nameSort')
      .orderBy('fullName')
      .offset(FIRST_NAMES)
      .limit(MAX_NAMES)
      .execute()
  ).map((n) => n.fullName)
  let batch = FIRST_NAMES
  for (let i = 0; i < names.length && out.length < count; i += batch, batch = Math.min(batch * 2, 2048)) {
    const more = sql`(SELECT u.name, u.i, 0 AS names FROM unnest(${sql.val(names.slice(i, i + batch))}::text[]) WITH ORDINALITY AS u(name, i)) n`
    const rows = await peopleQuery(db, access)
      .innerJoin(bearers(more, count - out.length).as('pick'), (join) => join.onRef('pick.id', '=', 'p.id'))
      .orderBy('pick.r')
      .execute()
    out.push(...rows)
  }
  return out
}
/** Names whose bearers are read in the search's first statement. */
const FIRST_NAMES = 4
/** At most this many distinct names are considered for one search (a single letter matches most). */
const MAX_NAMES = 50_000

export type PersonValues = Omit<PeopleTable, 'id' | 'nameSort' | 'createdAt' | 'updatedAt' | 'nationality'> & { nationality?: string }

export async function insertPerson(db: Kysely<DB>, v: PersonValues): Promise<number> {
  const r = await db.insertInto('people').values({ ...v, nameSort: vietnameseSortKey(v.fullName) }).returning('id').executeTakeFirstOrThrow()
  return r.id
}

export async function updatePerson(db: Kysely<DB>, access: Access, id: number, v: Partial<PersonValues>): Promise<boolean> {
  const r = await db
    .updateTable('people as p')
    .set({ ...v, ...(v.fullName !== undefined ? { nameSort: vietnameseSortKey(v.fullName) } : {}), updatedAt: new Date() })
    .where('p.id', '=', id)
    .where(withinJurisdiction(access, 'p.unitPath'))
    .executeTakeFirst()
  return Number(r.numUpdatedRows) > 0
}

/**
 * People holding the same CCCD or the same passport of the same country, anywhere (the numbers
 * are unique in the whole registry). Only ids, names and paths: the service decides what the
 * caller may be told.
 */
export function findByIdentityAnywhere(
  db: Kysely<DB>,
  v: { nationalId?: string | null | undefined; passportNo?: string | null | undefined; nationality: string },
  excludeId?: number,
) {
  const arms: ('nationalId' | 'passport')[] = []
  if (v.nationalId) arms.push('nationalId')
  if (v.passportNo) arms.push('passport')
  if (arms.length === 0) return Promise.resolve([])
  let q = db
    .selectFrom('people')
    .select(['id', 'fullName', 'unitPath', 'nationalId', 'passportNo', 'nationality'])
    .where((eb) =>
      eb.or(
        arms.map((a) =>
          a === 'nationalId' ? eb('nationalId', '=', v.nationalId!) : eb.and([eb('passportNo', '=', v.passportNo!), eb('nationality', '=', v.nationality)]),
        ),
      ),
    )
  if (excludeId !== undefined) q = q.where('id', '<>', excludeId)
  return q.execute()
}

/**
 * People inside the caller's jurisdiction born in `birthYear` who live in the commune (path
 * prefix `communePath`, or exactly `unitPath` for a residence above commune level) or share
 * `phone`: the pool duplicate candidates are ranked from.
 */
export function candidatePool(
  db: Kysely<DB>,
  access: Access,
  v: { birthYear: number; phone: string | null; communePath: string | null; unitPath: string },
  excludeId?: number,
) {
  let q = db
    .selectFrom('people as p')
    .select(['p.id', 'p.nameFold', 'p.phone', 'p.unitPath'])
    .where(withinJurisdiction(access, 'p.unitPath'))
    .where('p.birthYear', '=', v.birthYear)
    .where((eb) => {
      const place = v.communePath ? eb('p.unitPath', 'like', likePrefix(v.communePath)) : eb('p.unitPath', '=', v.unitPath)
      return v.phone ? eb.or([place, eb('p.phone', '=', v.phone)]) : place
    })
  if (excludeId !== undefined) q = q.where('p.id', '<>', excludeId)
  return q.limit(2000).execute()
}

// --- Merging -------------------------------------------------------------------------------

/** Both records as stored, locked until the transaction ends; only those inside the jurisdiction. */
export function lockStoredPeople(db: Kysely<DB>, access: Access, ids: number[]): Promise<StoredPerson[]> {
  return db.selectFrom('people as p').selectAll('p').where('p.id', 'in', ids).where(withinJurisdiction(access, 'p.unitPath')).orderBy('p.id').forUpdate().execute()
}

export async function personExistsAnywhere(db: Kysely<DB>, id: number): Promise<boolean> {
  return !!(await db.selectFrom('people').select('id').where('id', '=', id).executeTakeFirst())
}

export async function setStoredFields(db: Kysely<DB>, id: number, values: Partial<StoredPerson>): Promise<void> {
  if (Object.keys(values).length === 0) return
  await db
    .updateTable('people')
    .set({ ...values, updatedAt: new Date() })
    .where('id', '=', id)
    .execute()
}

export async function deleteStoredPerson(db: Kysely<DB>, id: number): Promise<void> {
  await db.deleteFrom('people').where('id', '=', id).execute()
}

/** Puts a removed record back under its own id, as it was stored. */
export async function restoreStoredPerson(db: Kysely<DB>, row: StoredPerson): Promise<void> {
  await db.insertInto('people').values(row).execute()
}

/** Points the rows of `table.column` from person `from` to person `to`; answers the moved rows' keys. */
export async function moveReferences(db: Kysely<DB>, ref: { table: string; column: string; key: string }, from: number, to: number): Promise<(string | number)[]> {
  const r = await sql<{ k: string | number }>`UPDATE ${sql.table(ref.table)} SET ${sql.ref(ref.column)} = ${to} WHERE ${sql.ref(ref.column)} = ${from} RETURNING ${sql.ref(ref.key)} AS k`.execute(db)
  return r.rows.map((row) => row.k)
}

/** Points the listed rows back from `from` to `to` (rows moved elsewhere since are left alone). */
export async function moveReferencesBack(
  db: Kysely<DB>,
  ref: { table: string; column: string; key: string },
  keys: (string | number)[],
  from: number,
  to: number,
): Promise<number> {
  if (keys.length === 0) return 0
  const r = await sql`UPDATE ${sql.table(ref.table)} SET ${sql.ref(ref.column)} = ${to}
    WHERE ${sql.ref(ref.column)} = ${from} AND ${sql.ref(ref.key)}::text = ANY(${keys.map(String)}::text[])`.execute(db)
  return Number(r.numAffectedRows ?? 0)
}

export async function insertAuditEntry(
  db: Kysely<DB>,
  e: { actorId: number | null; actorName: string; action: string; entityId: number; unitPath: string; before: unknown; after: unknown; requestId: string | null },
): Promise<number> {
  const r = await db
    .insertInto('auditLog')
    .values({
      actorId: e.actorId,
      actorName: e.actorName,
      action: e.action,
      entity: 'people',
      entityId: String(e.entityId),
      unitPath: e.unitPath,
      before: JSON.stringify(e.before),
      after: JSON.stringify(e.after),
      requestId: e.requestId,
    })
    .returning('id')
    .executeTakeFirstOrThrow()
  return r.id
}

export function findAuditEntry(db: Kysely<DB>, id: number) {
  return db.selectFrom('auditLog').select(['id', 'action', 'entity', 'entityId', 'before', 'after']).where('id', '=', id).executeTakeFirst()
}

/** Undo entries recorded for person `keptId` (to see whether a merge was undone already). */
export function findUndoEntries(db: Kysely<DB>, keptId: number) {
  return db.selectFrom('auditLog').select(['id', 'after']).where('entity', '=', 'people').where('entityId', '=', String(keptId)).where('action', '=', 'merge_undo').execute()
}

// --- Name search index ---------------------------------------------------------------------

/** True when the trigram index on the folded names of the name dictionary exists. */
export async function nameIndexPresent(db: Kysely<DB>): Promise<boolean> {
  const r = await sql<{ n: number }>`SELECT count(*)::int AS n FROM pg_indexes WHERE indexname = 'person_names_trgm'`.execute(db)
  return (r.rows[0]?.n ?? 0) > 0
}

/** Creates pg_trgm and the trigram index where the server can; throws where it cannot. */
export async function createNameIndex(db: Kysely<DB>): Promise<void> {
  await sql`CREATE EXTENSION IF NOT EXISTS pg_trgm`.execute(db)
  await sql`CREATE INDEX IF NOT EXISTS person_names_trgm ON person_names USING gin (name_fold gin_trgm_ops)`.execute(db)
}
