import { type Kysely, sql } from 'kysely'
import { likeContains, likePrefix } from '../../platform/context.ts'
import type { DB } from '../../platform/schema.ts'
import { vietnameseSortKey } from '../../../domain/text/sortKey.ts'

function orgsQuery(db: Kysely<DB>) {
  return db
    .selectFrom('orgs as o')
    .innerJoin('units as u', 'u.id', 'o.unitId')
    .leftJoin('orgs as p', 'p.id', 'o.parentId')
    .leftJoin('units as su', 'su.id', 'o.servedUnitId')
    .select([
      'o.id',
      'o.key',
      'o.name',
      'o.kind',
      'o.parentId',
      'p.name as parentName',
      'u.code as unitCode',
      'u.name as unitName',
      'u.path as unitPath',
      'o.headName',
      'o.headPosition',
      'o.aliases',
      'o.validFrom',
      'o.validTo',
      'su.name as servedUnitName',
      'su.unitType as servedUnitType',
      'su.path as servedUnitPath',
    ])
}
export type OrgRow = Awaited<ReturnType<ReturnType<typeof orgsQuery>['executeTakeFirstOrThrow']>>

export interface OrgFilter {
  q?: string | undefined
  kind?: string | undefined
  unitPath?: string | undefined
  parentId?: number | undefined
  ids?: number[] | undefined
  /** Bodies in existence on `on` (current) or abolished by then (historical). */
  status?: 'current' | 'historical' | undefined
  on?: string | undefined
  limit: number
  offset: number
}

export function listOrgs(db: Kysely<DB>, f: OrgFilter) {
  return filterOrgs(orgsQuery(db), f)
    .orderBy((eb) => eb.fn('length', ['u.path']))
    .orderBy('o.nameSort')
    .orderBy('o.id')
    .limit(f.limit)
    .offset(f.offset)
    .execute()
}

/** How many bodies the filter matches, all pages together. */
export async function countListed(db: Kysely<DB>, f: OrgFilter): Promise<number> {
  const r = await filterOrgs(orgsQuery(db), f)
    .clearSelect()
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .executeTakeFirstOrThrow()
  return Number(r.n)
}

function filterOrgs(query: ReturnType<typeof orgsQuery>, f: OrgFilter) {
  let q = query
  if (f.q) {
    const pattern = likeContains(f.q)
    q = q.where((eb) => eb.or([eb('o.nameFold', 'like', pattern), eb('o.aliasesFold', 'like', pattern)]))
  }
  if (f.kind) q = q.where('o.kind', '=', f.kind)
  if (f.unitPath) q = q.where('u.path', 'like', likePrefix(f.unitPath))
  if (f.parentId) q = q.where('o.parentId', '=', f.parentId)
  if (f.ids) q = q.where('o.id', 'in', f.ids.length ? f.ids : [0])
  if (f.status) {
    // The server's clock when the caller gives it; the database's date otherwise.
    const on = f.on ?? sql<string>`CURRENT_DATE`
    q =
      f.status === 'current'
        ? q.where((eb) => eb.and([eb.or([eb('o.validFrom', 'is', null), eb('o.validFrom', '<=', on)]), eb.or([eb('o.validTo', 'is', null), eb('o.validTo', '>=', on)])]))
        : q.where('o.validTo', '<', on)
  }
  return q
}

export function findOrg(db: Kysely<DB>, id: number) {
  return orgsQuery(db).where('o.id', '=', id).executeTakeFirst()
}

export interface OrgValues {
  key: string | null
  name: string
  nameFold: string
  kind: string
  parentId: number | null
  unitId: string
  headName: string | null
  headPosition: string | null
  aliases: string[]
  aliasesFold: string
  validFrom?: string | null
  validTo?: string | null
  servedUnitId?: string | null
}

export async function insertOrg(db: Kysely<DB>, v: OrgValues): Promise<number> {
  const r = await db.insertInto('orgs').values({ ...v, nameSort: vietnameseSortKey(v.name) }).returning('id').executeTakeFirstOrThrow()
  return r.id
}

export async function updateOrg(db: Kysely<DB>, id: number, v: Partial<OrgValues>): Promise<void> {
  await db.updateTable('orgs').set({ ...v, ...(v.name !== undefined ? { nameSort: vietnameseSortKey(v.name) } : {}), updatedAt: new Date() }).where('id', '=', id).execute()
}

export async function idsByKey(db: Kysely<DB>): Promise<Map<string, number>> {
  const rows = await db.selectFrom('orgs').select(['id', 'key']).where('key', 'is not', null).execute()
  return new Map(rows.map((r) => [r.key!, r.id]))
}

export async function upsertGroup(db: Kysely<DB>, g: { key: string; name: string; aliases: string[]; members: { kinds?: string[]; keys?: string[] } }) {
  await db
    .insertInto('orgGroups')
    .values({ ...g, members: JSON.stringify(g.members) })
    .onConflict((oc) => oc.column('key').doUpdateSet((eb) => ({ name: eb.ref('excluded.name'), aliases: eb.ref('excluded.aliases'), members: eb.ref('excluded.members') })))
    .execute()
}

export function listGroups(db: Kysely<DB>) {
  return db.selectFrom('orgGroups').selectAll().orderBy('key').execute()
}

export async function countOrgs(db: Kysely<DB>): Promise<number> {
  const r = await db.selectFrom('orgs').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()
  return Number(r.n)
}

export function allForMatching(db: Kysely<DB>) {
  return db
    .selectFrom('orgs as o')
    .innerJoin('units as u', 'u.id', 'o.unitId')
    .leftJoin('units as su', 'su.id', 'o.servedUnitId')
    .select(['o.id', 'o.key', 'o.name', 'o.kind', 'o.aliases', 'o.validFrom', 'o.validTo', 'u.code as unitCode', 'u.level as unitLevel', 'u.path as unitPath', 'su.path as servedUnitPath'])
    .orderBy('o.id')
    .execute()
}

export async function existingIds(db: Kysely<DB>, ids: number[]): Promise<Set<number>> {
  if (ids.length === 0) return new Set()
  const rows = await db.selectFrom('orgs').select('id').where('id', 'in', ids).execute()
  return new Set(rows.map((r) => r.id))
}

export function docCodeOf(db: Kysely<DB>, id: number) {
  return db.selectFrom('orgs').select(['name', 'docCode']).where('id', '=', id).executeTakeFirst()
}

export function firstOfKind(db: Kysely<DB>, kind: string, unitPath: string) {
  return db
    .selectFrom('orgs as o')
    .innerJoin('units as u', 'u.id', 'o.unitId')
    .select(['o.name', 'o.headName', 'o.headPosition'])
    .where('o.kind', '=', kind)
    .where('u.path', '=', unitPath)
    .orderBy('o.id')
    .executeTakeFirst()
}

export async function setDocCode(db: Kysely<DB>, key: string, docCode: string) {
  await db.updateTable('orgs').set({ docCode }).where('key', '=', key).where('docCode', 'is', null).execute()
}

// ---------------------------------------------------------------- bodies across time

/** Who took over the work of these bodies (successors), or whose work these bodies took over. */
export function linksOf(db: Kysely<DB>, ids: number[], side: 'successors' | 'predecessors') {
  const [own, other] = side === 'successors' ? (['l.orgId', 'l.successorId'] as const) : (['l.successorId', 'l.orgId'] as const)
  return db
    .selectFrom('orgSuccessors as l')
    .innerJoin('orgs as o', 'o.id', other)
    .select([`${own} as ofId`, 'o.id', 'o.name', 'o.validTo', 'l.kind', 'l.effectiveOn', 'l.note'])
    .where(own, 'in', ids.length ? ids : [0])
    .orderBy('l.id')
    .execute()
}

export async function insertSuccessors(db: Kysely<DB>, rows: { orgId: number; successorId: number; kind: 'merged' | 'renamed' | 'split' | 'transferred'; effectiveOn: string; note: string | null }[]) {
  if (rows.length) await db.insertInto('orgSuccessors').values(rows).onConflict((oc) => oc.columns(['orgId', 'successorId']).doNothing()).execute()
}

export async function setValidity(db: Kysely<DB>, id: number, v: { validFrom?: string | null; validTo?: string | null }) {
  await db.updateTable('orgs').set({ ...v, updatedAt: new Date() }).where('id', '=', id).execute()
}

/** Provinces of both periods, with the path under which their units lie. */
export function provinces(db: Kysely<DB>) {
  return db.selectFrom('units').select(['id', 'name', 'path', 'period']).where('level', '=', 'province').execute()
}

/** Units of a level below a province (e.g. the districts of a pre-2025 province). */
export function unitsUnder(db: Kysely<DB>, path: string, level: 'district' | 'commune') {
  return db.selectFrom('units').select(['id', 'code', 'name', 'unitType', 'path']).where('path', 'like', likePrefix(path)).where('level', '=', level).orderBy('code').execute()
}

/** The 2025 communes that took over (part of) the territory of the communes under a pre-2025 unit. */
export function successorCommunes(db: Kysely<DB>, oldPath: string) {
  return db
    .selectFrom('unitLinks as l')
    .innerJoin('units as o', 'o.id', 'l.oldId')
    .innerJoin('units as n', 'n.id', 'l.newId')
    .select(['n.code', 'n.id'])
    .distinct()
    .where('o.path', 'like', likePrefix(oldPath))
    .where('n.level', '=', 'commune')
    .orderBy('n.code')
    .execute()
}
