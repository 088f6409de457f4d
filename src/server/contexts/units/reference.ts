import { refreshStatistics } from '../../platform/db.ts'
import { readFile } from 'node:fs/promises'
import { fileURLToPath } from 'node:url'
import { sql } from 'kysely'
import { PRE_REFORM_END, REFORM_DATE, unitSearchKey } from '../../../domain/units/types.ts'
import { vietnameseSortKey } from '../../../domain/text/sortKey.ts'
import type { Ctx } from '../../platform/context.ts'
import type { RunningJob } from '../../platform/jobs.ts'
import type { UnitsTable } from '../../platform/schema.ts'

export const REFERENCE_JOB = 'units.load-reference'
export const referenceDir = fileURLToPath(new URL('../../../../data/reference/', import.meta.url))

interface RefUnit {
  p: string
  c: string
  n: string
  t: string
  l: UnitsTable['level']
  pc: string | null
  en?: string
}
interface RefPopulation {
  year: number
  source: string
  old: Record<string, number>
  current: Record<string, { population: number; method: string }>
  provinces: Record<string, number>
}
interface RefFeatureCollection {
  features: { id?: string; properties: { code: string; areaKm2?: number }; geometry: unknown }[]
}

const readJson = async <T>(name: string): Promise<T> => JSON.parse(await readFile(`${referenceDir}${name}`, 'utf8')) as T

const STEPS = ['units', 'links', 'population', 'boundaries'] as const
type Step = (typeof STEPS)[number]

const CENSUS = 'Tổng điều tra dân số và nhà ở 2019 (Tổng cục Thống kê)'

/**
 * Loads the national registry the project ships: both periods of units, the 2025 mapping,
 * 2019 populations and boundaries. Idempotent; resumes at the step it had reached.
 */
export async function loadReference(job: Pick<RunningJob<unknown, { step: Step }>, 'ctx' | 'checkpoint' | 'progress'>): Promise<{ units: number }> {
  const ctx = job.ctx
  const start = job.checkpoint ? STEPS.indexOf(job.checkpoint.step) : 0
  const total = STEPS.length
  let count = 0
  for (let i = Math.max(start, 0); i < STEPS.length; i++) {
    const step = STEPS[i]!
    await job.progress(i, total, STEP_LABEL[step], { step })
    await ctx.db.transaction().execute(async (tx) => {
      await sql`SELECT set_config('phongdich.bulk', 'on', true)`.execute(tx)
      const txCtx = { ...ctx, db: tx }
      count += await LOADERS[step](txCtx)
      await tx
        .insertInto('auditLog')
        .values({ actorId: ctx.access.userId, actorName: ctx.access.username, action: 'bulk_load', entity: 'reference', entityId: step, after: JSON.stringify({ rows: count }) })
        .execute()
    })
  }
  await refreshStatistics(ctx.db)
  await job.progress(total, total, 'Đã nạp dữ liệu tham chiếu', { step: 'boundaries' })
  return { units: count }
}

const STEP_LABEL: Record<Step, string> = {
  units: 'Nạp danh mục đơn vị hành chính',
  links: 'Nạp quan hệ sắp xếp 2025',
  population: 'Nạp dân số 2019',
  boundaries: 'Nạp ranh giới',
}

async function insertBatches<T>(rows: T[], size: number, insert: (batch: T[]) => Promise<unknown>): Promise<number> {
  for (let i = 0; i < rows.length; i += size) await insert(rows.slice(i, i + size))
  return rows.length
}

const LOADERS: Record<Step, (ctx: Ctx) => Promise<number>> = {
  async units(ctx) {
    const { units } = await readJson<{ units: RefUnit[] }>('units.json')
    const byId = new Map(units.map((u) => [`${u.p}:${u.c}`, u]))
    const paths = new Map<string, string>()
    const pathOf = (id: string): string => {
      const known = paths.get(id)
      if (known) return known
      const u = byId.get(id)
      const parent = u?.pc ? `${u.p}:${u.pc}` : null
      const p = `${parent ? pathOf(parent) : '/'}${id}/`
      paths.set(id, p)
      return p
    }
    const levelRank = { province: 0, district: 1, commune: 2, hamlet: 3, group: 4 }
    const sorted = [...units].sort((a, b) => levelRank[a.l] - levelRank[b.l])
    const rows = sorted.map((u) => ({
      id: `${u.p}:${u.c}`,
      period: u.p,
      code: u.c,
      name: u.n,
      nameEn: u.en ?? null,
      nameFold: unitSearchKey(u.n, u.t),
      nameSort: vietnameseSortKey(u.n),
      unitType: u.t,
      level: u.l,
      parentId: u.pc ? `${u.p}:${u.pc}` : null,
      path: pathOf(`${u.p}:${u.c}`),
      validFrom: u.p === '2025' ? REFORM_DATE : null,
      validTo: u.p === '2025' ? null : PRE_REFORM_END,
    }))
    return insertBatches(rows, 1000, (batch) =>
      ctx.db
        .insertInto('units')
        .values(batch)
        .onConflict((oc) =>
          oc.column('id').doUpdateSet((eb) => ({ name: eb.ref('excluded.name'), nameEn: eb.ref('excluded.nameEn'), nameFold: eb.ref('excluded.nameFold'), nameSort: eb.ref('excluded.nameSort') })),
        )
        .execute(),
    )
  },
  async links(ctx) {
    const { links } = await readJson<{ links: [string, string, 'full' | 'partial', string][] }>('mapping.json')
    const known = new Set((await ctx.db.selectFrom('units').select('id').execute()).map((r) => r.id))
    const rows = links
      .map(([oldCode, newCode, kind]) => ({ oldId: `2008:${oldCode}`, newId: `2025:${newCode}`, kind }))
      .filter((r) => known.has(r.oldId) && known.has(r.newId))
    return insertBatches(rows, 2000, (batch) => ctx.db.insertInto('unitLinks').values(batch).onConflict((oc) => oc.doNothing()).execute())
  },
  async population(ctx) {
    const pop = await readJson<RefPopulation>('population.json')
    const known = new Set((await ctx.db.selectFrom('units').select('id').execute()).map((r) => r.id))
    const rows = [
      ...Object.entries(pop.old).map(([code, n]) => ({ unitId: `2008:${code}`, population: n, method: 'census' })),
      ...Object.entries(pop.current).map(([code, v]) => ({ unitId: `2025:${code}`, population: v.population, method: v.method })),
      ...Object.entries(pop.provinces).map(([code, n]) => ({ unitId: `2025:${code}`, population: n, method: 'sum' })),
    ]
      .filter((r) => known.has(r.unitId))
      .map((r) => ({ ...r, year: pop.year, source: CENSUS }))
    return insertBatches(rows, 2000, (batch) =>
      ctx.db
        .insertInto('unitPopulations')
        .values(batch)
        .onConflict((oc) => oc.columns(['unitId', 'year']).doNothing())
        .execute(),
    )
  },
  async boundaries(ctx) {
    let n = 0
    for (const [file, period] of [
      ['boundaries-provinces.geojson', '2025'],
      ['boundaries-communes-91.geojson', '2025'],
    ] as const) {
      const fc = await readJson<RefFeatureCollection>(file)
      n += await insertBatches(fc.features, 50, (batch) =>
        ctx.db
          .insertInto('unitBoundaries')
          .values(
            batch.map((f) => ({
              unitId: `${period}:${f.properties.code}`,
              geometry: JSON.stringify(f.geometry),
              areaKm2: f.properties.areaKm2 ?? null,
              source: 'vietnamese-provinces-database (MIT), đơn giản hóa',
            })),
          )
          .onConflict((oc) => oc.column('unitId').doNothing())
          .execute(),
      )
    }
    return n
  },
}

/** True once the registry holds the 2025 provinces. */
export async function referenceLoaded(ctx: Ctx): Promise<boolean> {
  const r = await ctx.db.selectFrom('units').select('id').where('id', '=', '2025:01').executeTakeFirst()
  return r !== undefined
}

