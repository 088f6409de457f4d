import { type Kysely, sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { testDatabase } from '../../../../test/harness.ts'
import type { Access, Ctx } from '../../../platform/context.ts'
import type { Database } from '../../../platform/db.ts'
import type { DB } from '../../../platform/schema.ts'
import { recomputeAllDegrees, syncAllCaseSources } from '../degrees.ts'
import { MAX_NODES, transmissionGraph } from './service.ts'

const HOME = '2025:30742' // phường Rạch Giá
const OTHER = '2025:31078' // đặc khu Phú Quốc
const TODAY = '2026-11-20'

let database: Database
let db: Kysely<DB>

beforeAll(async () => {
  database = await testDatabase()
  db = database.db
})
afterAll(() => database.close())

async function pathOf(unitId: string): Promise<string> {
  return (await db.selectFrom('units').select('path').where('id', '=', unitId).executeTakeFirstOrThrow()).path
}

async function ctxIn(unitId: string): Promise<Ctx> {
  const access: Access = { userId: null, username: 'thu.nghiem', displayName: 'Thử nghiệm', role: 'health', unitId, unitPath: await pathOf(unitId), orgId: null }
  return { db, access, now: () => new Date(`${TODAY}T03:00:00Z`) }
}

async function person(name: string, unitId = HOME): Promise<number> {
  const { rows } = await sql<{ id: number }>`
    INSERT INTO people (full_name, name_fold, unit_id, unit_path)
    SELECT ${name}, lower(${name}), u.id, u.path FROM units u WHERE u.id = ${unitId} RETURNING id`.execute(db)
  return Number(rows[0]!.id)
}

async function caseOf(personId: number, f: { onset: string; code?: string; clusterId?: number; sourceCaseId?: number }): Promise<number> {
  const row = await db
    .insertInto('cases')
    .values({
      personId,
      classification: 'confirmed',
      onsetDate: f.onset,
      confirmedDate: f.onset,
      code: f.code ?? null,
      clusterId: f.clusterId ?? null,
      sourceKind: f.sourceCaseId ? 'linked' : 'unknown',
      sourceCaseId: f.sourceCaseId ?? null,
    })
    .returning('id')
    .executeTakeFirstOrThrow()
  return Number(row.id)
}

const expose = (personId: number, sourcePersonId: number, exposedOn: string, setting: 'household' | 'market' = 'household') =>
  db.insertInto('exposures').values({ personId, sourcePersonId, exposedOn, setting }).execute()

async function refreshDegrees(): Promise<void> {
  await db.transaction().execute(async (tx) => {
    await syncAllCaseSources(tx, TODAY)
    await recomputeAllDegrees(tx)
  })
}

describe('transmission graph', () => {
  let clusterId: number
  let a: number
  let b: number
  let c: number
  let d: number
  let f: number
  let lone: number
  let far: number

  beforeAll(async () => {
    const unitPath = await pathOf(HOME)
    clusterId = Number(
      (
        await db
          .insertInto('clusters')
          .values({ code: 'OD-RG-01', name: 'Ổ dịch chợ Rạch Giá', unitId: HOME, unitPath, openedOn: '2026-11-01' })
          .returning('id')
          .executeTakeFirstOrThrow()
      ).id,
    )
    a = await person('Lê Văn Nguồn')
    b = await person('Trần Thị Một')
    c = await person('Phạm Văn Hai')
    d = await person('Võ Thị Ngoài', OTHER)
    f = await person('Ngô Văn Lây Tiếp')
    lone = await person('Đặng Văn Riêng')
    far = await person('Lý Văn Xa')
    const caseA = await caseOf(a, { onset: '2026-11-08', clusterId })
    await caseOf(f, { onset: '2026-11-15', code: 'BN-0002', sourceCaseId: caseA })
    await caseOf(lone, { onset: '2026-11-09' })
    await expose(b, a, '2026-11-10', 'market')
    await expose(c, b, '2026-11-12')
    await expose(d, c, '2026-11-14')
    // Past a case of no cluster (f), the cluster's graph stops; the person's chain goes on.
    await expose(far, f, '2026-11-16')
    await refreshDegrees()
  })

  it('draws a cluster: cases, contacts to any degree with their degree, exposures and source links; names only inside the jurisdiction', async () => {
    const g = await transmissionGraph(await ctxIn(HOME), { clusterId })
    expect(g.of).toEqual({ kind: 'cluster', id: clusterId, code: 'OD-RG-01', name: 'Ổ dịch chợ Rạch Giá' })
    expect(g.truncated).toBe(false)
    const by = new Map(g.nodes.map((n) => [n.id, n]))
    expect([...by.keys()].sort((x, y) => x - y)).toEqual([a, b, c, d, f].sort((x, y) => x - y))
    expect(by.get(a)).toMatchObject({ label: 'Lê Văn Nguồn', kind: 'case', degree: 0, date: '2026-11-08', inside: true })
    expect(by.get(b)).toMatchObject({ label: 'Trần Thị Một', kind: 'contact', degree: 1, date: '2026-11-10' })
    expect(by.get(c)).toMatchObject({ kind: 'contact', degree: 2 })
    // Phú Quốc's resident is in the chain but not Rạch Giá's to name.
    expect(by.get(d)).toMatchObject({ label: `#${d}`, inside: false, degree: 3 })
    expect(by.get(f)).toMatchObject({ label: 'Ngô Văn Lây Tiếp', kind: 'case', degree: 0 })
    expect(g.nodes.some((n) => n.id === lone)).toBe(false)
    expect(by.has(far)).toBe(false)
    expect(g.edges.map((e) => [e.source, e.target, e.date, e.setting])).toEqual([
      [a, b, '2026-11-10', 'market'],
      [b, c, '2026-11-12', 'household'],
      [c, d, '2026-11-14', 'household'],
    ])
    expect(g.sourceLinks).toEqual([{ source: a, target: f, date: '2026-11-15' }])
    // Outside the jurisdiction the case code is the label.
    const fromOther = await transmissionGraph(await ctxIn(OTHER), { personId: d })
    expect(fromOther.nodes.find((n) => n.id === f)?.label).toBe('BN-0002')
    expect(fromOther.nodes.find((n) => n.id === d)?.label).toBe('Võ Thị Ngoài')
  })

  it('follows a person’s chain both ways and keeps to the date range', async () => {
    const all = await transmissionGraph(await ctxIn(HOME), { personId: c })
    expect(all.nodes[0]!.id).toBe(c)
    expect(all.nodes.map((n) => n.id).sort((x, y) => x - y)).toEqual([a, b, c, d, f, far].sort((x, y) => x - y))
    const early = await transmissionGraph(await ctxIn(HOME), { personId: c, to: '2026-11-12' })
    expect(early.nodes.map((n) => n.id).sort((x, y) => x - y)).toEqual([a, b, c].sort((x, y) => x - y))
    expect(early.edges).toHaveLength(2)
    expect(early.sourceLinks).toEqual([])
    const late = await transmissionGraph(await ctxIn(HOME), { personId: c, from: '2026-11-11' })
    expect(late.nodes.map((n) => n.id).sort((x, y) => x - y)).toEqual([b, c, d].sort((x, y) => x - y))
  })

  it('refuses what lies outside the jurisdiction and a reversed range, and records who was read', async () => {
    const other = await ctxIn(OTHER)
    await expect(transmissionGraph(other, { clusterId })).rejects.toMatchObject({ status: 404 })
    await expect(transmissionGraph(other, { personId: a })).rejects.toMatchObject({ status: 404 })
    await expect(transmissionGraph(await ctxIn(HOME), { personId: a, from: '2026-11-20', to: '2026-11-01' })).rejects.toMatchObject({ status: 400 })
    await expect(transmissionGraph(await ctxIn(HOME), {})).rejects.toMatchObject({ status: 400 })
    const before = (await db.selectFrom('auditLog').select((eb) => eb.fn.max('id').as('id')).executeTakeFirstOrThrow()).id ?? 0
    await transmissionGraph(await ctxIn(HOME), { personId: b })
    const entry = await db.selectFrom('auditLog').selectAll().where('id', '>', before).where('action', '=', 'read').executeTakeFirstOrThrow()
    expect(entry.entity).toBe('people')
    const read = (typeof entry.after === 'string' ? JSON.parse(entry.after) : entry.after) as { ids: number[] }
    // Only the people whose names were shown.
    expect([...read.ids].sort((x, y) => x - y)).toEqual([a, b, c, f, far].sort((x, y) => x - y))
  })

  it(`stops at ${MAX_NODES.toLocaleString('en')} people, nearest first`, async () => {
    const hub = await person('Trung Tâm Chợ')
    const unitPath = await pathOf(HOME)
    // A market F0 with 10,050 contacts, one of them with a contact of their own.
    await sql`
      WITH made AS (
        INSERT INTO people (full_name, name_fold, unit_id, unit_path)
        SELECT 'Khách chợ ' || g, 'khach cho ' || g, ${HOME}, ${unitPath} FROM generate_series(1, 10050) g RETURNING id
      )
      INSERT INTO exposures (person_id, source_person_id, exposed_on, setting, unit_path)
      SELECT id, ${hub}, '2026-11-10', 'market', ${unitPath} FROM made`.execute(db)
    await caseOf(hub, { onset: '2026-11-09' })
    const g = await transmissionGraph(await ctxIn(HOME), { personId: hub })
    expect(g.truncated).toBe(true)
    expect(g.nodes).toHaveLength(MAX_NODES)
    expect(g.nodes[0]!.id).toBe(hub)
    // Every edge drawn joins two people drawn.
    const drawn = new Set(g.nodes.map((n) => n.id))
    expect(g.edges.every((e) => drawn.has(e.source) && drawn.has(e.target))).toBe(true)
    expect(g.edges).toHaveLength(MAX_NODES - 1)
  })
})
