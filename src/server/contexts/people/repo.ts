import type { Kysely } from 'kysely'
import { type Access, likeContains, likePrefix, withinJurisdiction } from '../../platform/context.ts'
import type { DB, PeopleTable } from '../../platform/schema.ts'
import { vietnameseSortKey } from '../../../domain/text/sortKey.ts'

// Every query here takes the caller's Access and filters by jurisdiction in SQL:
// a person outside the caller's unit subtree does not exist for them.
function peopleQuery(db: Kysely<DB>, access: Access) {
  return db
    .selectFrom('people as p')
    .innerJoin('units as u', 'u.id', 'p.unitId')
    .select([
      'p.id',
      'p.fullName',
      'p.birthYear',
      'p.birthDate',
      'p.sex',
      'p.nationalId',
      'p.phone',
      'u.code as unitCode',
      'u.name as unitName',
      'u.unitType',
      'p.unitPath',
      'p.address',
      'p.nationality',
      'p.createdAt',
      'p.updatedAt',
    ])
    .where(withinJurisdiction(access, 'p.unitPath'))
}
export type PersonRow = Awaited<ReturnType<ReturnType<typeof peopleQuery>['executeTakeFirstOrThrow']>>

export function findPerson(db: Kysely<DB>, access: Access, id: number) {
  return peopleQuery(db, access).where('p.id', '=', id).executeTakeFirst()
}

export function listPeople(db: Kysely<DB>, access: Access, f: { q?: string | undefined; unitPath?: string | undefined; limit: number; offset: number }) {
  let q = peopleQuery(db, access)
  if (f.q) {
    const pattern = likeContains(f.q)
    q = q.where((eb) => eb.or([eb('p.nameFold', 'like', pattern), eb('p.nationalId', '=', f.q!), eb('p.phone', '=', f.q!)]))
  }
  if (f.unitPath) q = q.where('p.unitPath', 'like', likePrefix(f.unitPath))
  return q.orderBy('p.nameSort').orderBy('p.id').limit(f.limit).offset(f.offset).execute()
}

type PersonValues = Omit<PeopleTable, 'id' | 'nameSort' | 'createdAt' | 'updatedAt' | 'nationality'> & { nationality?: string }

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
