import { type Kysely, sql } from 'kysely'
import type { Random } from '../../domain/demo/random.ts'
import { generateOutbreak, type OutbreakCommune, type PersonRows } from '../../domain/surveillance/outbreak.ts'
import { vnDate } from '../../domain/text/dates.ts'
import { fold } from '../../domain/text/fold.ts'
import { vietnameseSortKey } from '../../domain/text/sortKey.ts'
import { unitTypeName } from '../../domain/units/types.ts'
import { recomputeAllDegrees, syncAllCaseSources } from '../contexts/surveillance/degrees.ts'
import { foldChainLinks } from '../contexts/surveillance/summary/repo.ts'
import type { Ctx } from '../platform/context.ts'
import { AppError } from '../platform/errors.ts'
import type { DB } from '../platform/schema.ts'
import { fillPersonNames } from '../platform/sortKeys.ts'

// Writes a generated outbreak (src/domain/surveillance/outbreak.ts) into the database set-based:
// each list in batches given to PostgreSQL as arrays (unnest), row auditing off with one summary
// audit entry, ids reserved in blocks so rows can name each other before they are written, then
// the sources and contact degrees computed set-based and the planner's statistics refreshed.
// Used by the demo seed (scale 1) and by `phongdich demo outbreak --scale N` (benchmarks).

export const OUTBREAK_SETTING = 'demo.outbreak'
const PROVINCE = '2025:91'

export interface OutbreakWritten {
  scale: number
  seed: number
  today: string
  people: number
  cases: number
  exposures: number
  tests: number
  pools: number
  clusters: number
  campaigns: number
  followups: number
  contacts: number
  seconds: number
}

export interface OutbreakOptions {
  scale: number
  seed: number
  /** Called as rows are written: what is done out of the expected total, and a line to show. */
  progress?: (done: number, total: number, message: string) => void | Promise<void>
}

type Db = Kysely<DB>

/**
 * Generates and writes the demo outbreak. Idempotent: once an outbreak is written (the setting
 * `demo.outbreak`), it answers what was written and writes nothing, whatever the scale asked.
 * Inside a transaction (the demo seed) everything is written in it; otherwise each batch commits on
 * its own, so the database is not held for minutes at a large scale.
 */
export async function writeOutbreak(ctx: Ctx, opts: OutbreakOptions): Promise<OutbreakWritten & { created: boolean }> {
  const existing = await readMarker(ctx.db)
  if (existing?.status === 'done') return { ...existing.written, created: false }
  if (existing) {
    throw new AppError(
      409,
      'OUTBREAK_INCOMPLETE',
      'Một lần tạo đợt dịch mẫu trước đó chưa hoàn tất (bị dừng giữa chừng). Hãy khôi phục bản sao lưu hoặc dùng cơ sở dữ liệu mới để tạo lại.',
    )
  }
  if (!(opts.scale > 0 && opts.scale <= 1000)) throw new AppError(400, 'BAD_SCALE', 'Quy mô phải lớn hơn 0 và không quá 1000.')
  if (!Number.isSafeInteger(opts.seed)) throw new AppError(400, 'BAD_SEED', 'Hạt giống ngẫu nhiên phải là một số nguyên.')
  const started = performance.now()
  const today = vnDate(ctx.now())
  const progress = opts.progress ?? (() => {})
  const units = await provinceUnits(ctx.db)
  if (units.communes.length === 0) throw new AppError(409, 'NO_REFERENCE', 'Chưa nạp danh mục đơn vị hành chính của tỉnh: chạy phongdich setup trước.')
  await progress(0, 1, 'Sinh đợt dịch mẫu')
  const outbreak = generateOutbreak({ seed: opts.seed, scale: opts.scale, today, communes: units.communes })
  const counts = outbreak.counts
  const expectedTests = Math.round(counts.cases * 10.3)
  const total = counts.people + counts.cases + counts.exposures + expectedTests + counts.followups
  let done = 0
  const step = async (n: number, what: string) => {
    done += n
    await progress(Math.min(done, total), total, what)
  }

  await writing(ctx.db, async (tx) => {
    await tx.insertInto('settings').values({ key: OUTBREAK_SETTING, value: JSON.stringify({ status: 'writing', scale: opts.scale, seed: opts.seed }) }).execute()
  })
  const ids = {
    people: await reserve(ctx.db, 'people', counts.people),
    cases: await reserve(ctx.db, 'cases', counts.cases),
    clusters: await reserve(ctx.db, 'clusters', counts.clusters),
    campaigns: await reserve(ctx.db, 'test_campaigns', counts.campaigns),
    pools: await reserve(ctx.db, 'test_pools', counts.pools),
  }
  const path = (key: string) => units.paths.get(key)!
  const ref = (base: number, rank: number) => (rank >= 0 ? base + rank : null)

  // People, remembering each one's unit path for the rows that name them.
  const personUnit = new Int32Array(counts.people)
  const unitKeys: string[] = []
  const unitIndex = new Map<string, number>()
  const folded = new Map<string, { fold: string; sort: string }>()
  for (const b of outbreak.people(10_000)) {
    const names = b.fullName.map((n) => {
      let f = folded.get(n)
      if (!f) {
        f = { fold: fold(n), sort: vietnameseSortKey(n) }
        folded.set(n, f)
      }
      return f
    })
    b.index.forEach((rank, i) => {
      const key = b.unit[i]!
      let u = unitIndex.get(key)
      if (u === undefined) {
        u = unitKeys.push(key) - 1
        unitIndex.set(key, u)
      }
      personUnit[rank] = u
    })
    await writing(ctx.db, (tx) => insertPeople(tx, {
      id: b.index.map((r) => ids.people + r),
      fullName: b.fullName,
      nameFold: names.map((n) => n.fold),
      nameSort: names.map((n) => n.sort),
      birthYear: b.birthYear,
      birthDate: b.birthDate,
      sex: b.sex,
      nationalId: b.nationalId,
      passportNo: b.passportNo,
      nationality: b.nationality,
      phone: b.phone,
      unitId: b.unit,
      unitPath: b.unit.map(path),
      address: b.address,
      workplace: b.workplace,
    }))
    await step(b.index.length, 'Người')
  }
  const personPath = (rank: number) => path(unitKeys[personUnit[rank]!]!)

  const clusters = outbreak.clusters()
  const campaigns = outbreak.campaigns()
  const pools = outbreak.pools()
  await writing(ctx.db, async (tx) => {
    if (clusters.length > 0) {
      await sql`
        INSERT INTO clusters (id, code, name, unit_id, unit_path, place, status, opened_on, closed_on)
        SELECT * FROM unnest(${clusters.map((_, i) => ids.clusters + i)}::bigint[], ${clusters.map((c) => c.code)}::text[], ${clusters.map((c) => c.name)}::text[],
          ${clusters.map((c) => c.unit)}::text[], ${clusters.map((c) => path(c.unit))}::text[], ${clusters.map((c) => c.place)}::text[],
          ${clusters.map((c) => c.status)}::text[], ${clusters.map((c) => c.openedOn)}::date[], ${clusters.map((c) => c.closedOn)}::date[])`.execute(tx)
    }
    if (campaigns.length > 0) {
      await sql`
        INSERT INTO test_campaigns (id, name, unit_id, unit_path, starts_on, ends_on, method, target_people, note)
        SELECT * FROM unnest(${campaigns.map((_, i) => ids.campaigns + i)}::bigint[], ${campaigns.map((c) => c.name)}::text[], ${campaigns.map((c) => c.unit)}::text[],
          ${campaigns.map((c) => path(c.unit))}::text[], ${campaigns.map((c) => c.startsOn)}::date[], ${campaigns.map((c) => c.endsOn)}::date[],
          ${campaigns.map((c) => c.method)}::text[], ${campaigns.map((c) => c.targetPeople)}::int[], ${campaigns.map((c) => c.note)}::text[])`.execute(tx)
    }
  })
  for (let from = 0; from < pools.length; from += 20_000) {
    const part = pools.slice(from, from + 20_000)
    await writing(ctx.db, (tx) =>
      sql`
        INSERT INTO test_pools (id, code, lab, sample_date, result_date, result, ct, unit_path, campaign_id)
        SELECT * FROM unnest(${part.map((_, i) => ids.pools + from + i)}::bigint[], ${part.map((p) => p.code)}::text[], ${part.map((p) => p.lab)}::text[],
          ${part.map((p) => p.sampleDate)}::date[], ${part.map((p) => p.resultDate)}::date[], ${part.map((p) => p.result)}::text[],
          ${part.map((p) => p.ct)}::numeric[], ${part.map((p) => path(p.unit))}::text[], ${part.map((p) => ref(ids.campaigns, p.campaign))}::bigint[])`.execute(tx),
    )
  }

  // Tests before cases: a case names its confirming test.
  const confirmingTest = new Float64Array(counts.cases).fill(-1)
  let tests = 0
  for (const b of outbreak.tests(20_000)) {
    await writing(ctx.db, async (tx) => {
      const base = await reserve(tx, 'tests', b.index.length)
      b.confirms.forEach((c, i) => {
        if (c >= 0) confirmingTest[c] = base + i
      })
      await sql`
        INSERT INTO tests (id, person_id, unit_path, method, status, planned_on, sample_date, result_date, result, ct, lab, pool_id, retest_of_pool_id, campaign_id)
        SELECT * FROM unnest(${b.index.map((_, i) => base + i)}::bigint[], ${b.person.map((r) => ids.people + r)}::bigint[], ${b.person.map(personPath)}::text[],
          ${b.method}::text[], ${b.status}::text[], ${b.plannedOn}::date[], ${b.sampleDate}::date[], ${b.resultDate}::date[], ${b.result}::text[],
          ${b.ct}::numeric[], ${b.lab}::text[], ${b.pool.map((p) => ref(ids.pools, p))}::bigint[], ${b.retestOfPool.map((p) => ref(ids.pools, p))}::bigint[],
          ${b.campaign.map((c) => ref(ids.campaigns, c))}::bigint[])`.execute(tx)
    })
    tests += b.index.length
    await step(b.index.length, 'Xét nghiệm')
  }

  for (const b of outbreak.cases(10_000)) {
    await writing(ctx.db, (tx) =>
      sql`
        INSERT INTO cases (id, person_id, unit_path, code, classification, onset_date, sample_date, confirmed_date, isolated_on, found_by, source_kind,
                           source_country, source_travel, source_case_id, cluster_id, infection_place, symptoms, severity, outcome, outcome_date,
                           transferred_to, isolation_place, confirming_test_id)
        SELECT id, person_id, unit_path, code, classification, onset_date, sample_date, confirmed_date, isolated_on, found_by, source_kind,
               source_country, source_travel, source_case_id, cluster_id, infection_place, string_to_array(symptoms, ','), severity, outcome, outcome_date,
               transferred_to, isolation_place, confirming_test_id
          FROM unnest(${b.index.map((r) => ids.cases + r)}::bigint[], ${b.person.map((r) => ids.people + r)}::bigint[], ${b.person.map(personPath)}::text[],
            ${b.code}::text[], ${b.classification}::text[], ${b.onsetDate}::date[], ${b.sampleDate}::date[], ${b.confirmedDate}::date[], ${b.isolatedOn}::date[],
            ${b.foundBy}::text[], ${b.sourceKind}::text[], ${b.sourceCountry}::text[], ${b.sourceTravel}::text[],
            ${b.sourceCase.map((r) => ref(ids.cases, r))}::bigint[], ${b.cluster.map((r) => ref(ids.clusters, r))}::bigint[], ${b.infectionPlace}::text[],
            ${b.symptoms.map((s) => s.join(','))}::text[], ${b.severity}::text[], ${b.outcome}::text[], ${b.outcomeDate}::date[], ${b.transferredTo}::text[],
            ${b.isolationPlace}::text[], ${b.index.map((r) => (confirmingTest[r]! >= 0 ? confirmingTest[r]! : null))}::bigint[])
          AS x(id, person_id, unit_path, code, classification, onset_date, sample_date, confirmed_date, isolated_on, found_by, source_kind,
               source_country, source_travel, source_case_id, cluster_id, infection_place, symptoms, severity, outcome, outcome_date,
               transferred_to, isolation_place, confirming_test_id)`.execute(tx),
    )
    await step(b.index.length, 'Ca bệnh')
  }

  for (const b of outbreak.exposures(20_000)) {
    await writing(ctx.db, (tx) =>
      sql`
        INSERT INTO exposures (person_id, source_person_id, unit_path, exposed_on, place, setting, f1_criteria)
        SELECT person_id, source_person_id, unit_path, exposed_on, place, setting, string_to_array(f1_criteria, ',')
          FROM unnest(${b.person.map((r) => ids.people + r)}::bigint[], ${b.sourcePerson.map((r) => ids.people + r)}::bigint[], ${b.person.map(personPath)}::text[],
            ${b.exposedOn}::date[], ${b.place}::text[], ${b.setting}::text[], ${b.f1Criteria.map((c) => c.join(','))}::text[])
          AS x(person_id, source_person_id, unit_path, exposed_on, place, setting, f1_criteria)`.execute(tx),
    )
    await step(b.person.length, 'Tiếp xúc')
  }

  // Follow-ups under way go to the tracers of their area (the most local one), where there are any.
  const tracers = await tracerUsers(ctx.db)
  for (const b of outbreak.followups(20_000)) {
    const tracer = b.person.map((r, i) => {
      if (b.status[i] !== 'active') return null
      const p = personPath(r)
      const local = tracers.filter((t) => p.startsWith(t.path))
      if (local.length === 0) return null
      const depth = local[0]!.path.length
      const best = local.filter((t) => t.path.length === depth)
      return best[r % best.length]!.id
    })
    await writing(ctx.db, (tx) =>
      sql`
        INSERT INTO contact_followups (person_id, unit_path, started_on, until, status, tracer_user_id)
        SELECT * FROM unnest(${b.person.map((r) => ids.people + r)}::bigint[], ${b.person.map(personPath)}::text[], ${b.startedOn}::date[],
          ${b.until}::date[], ${b.status}::text[], ${tracer}::bigint[])`.execute(tx),
    )
    await step(b.person.length, 'Theo dõi tiếp xúc')
  }

  await progress(total, total, 'Tính bậc tiếp xúc')
  const contacts = await writing(ctx.db, async (tx) => {
    await fillPersonNames(tx)
    // Statistics first: the degree computation joins these tables, and fresh ones have none.
    await sql`ANALYZE people, cases, exposures`.execute(tx)
    await syncAllCaseSources(tx, today)
    // Which cases are sources changed for all of them: the plans of the rebuild depend on it.
    await sql`ANALYZE cases`.execute(tx)
    return (await recomputeAllDegrees(tx)).contacts
  })
  const written: OutbreakWritten = {
    scale: opts.scale,
    seed: opts.seed,
    today,
    people: counts.people,
    cases: counts.cases,
    exposures: counts.exposures,
    tests,
    pools: pools.length,
    clusters: clusters.length,
    campaigns: campaigns.length,
    followups: counts.followups,
    contacts,
    seconds: 0,
  }
  written.seconds = Math.round((performance.now() - started) / 100) / 10
  await writing(ctx.db, async (tx) => {
    await tx
      .insertInto('auditLog')
      .values({
        actorId: ctx.access.userId,
        actorName: ctx.access.username,
        action: 'bulk_load',
        entity: 'surveillance',
        entityId: 'demo-outbreak',
        unitPath: units.provincePath,
        after: JSON.stringify(written),
        requestId: ctx.requestId ?? null,
      })
      .execute()
    await tx.updateTable('settings').set({ value: JSON.stringify({ status: 'done', written }) }).where('key', '=', OUTBREAK_SETTING).execute()
  })
  await sql`ANALYZE contact_degrees, tests, test_pools, test_campaigns, clusters, contact_followups, person_names`.execute(ctx.db)
  // The chains' read model is rebuilt here rather than by the first summary asked for.
  await foldChainLinks(ctx.db)
  return { ...written, created: true }
}

/** The demo seed's step: the default outbreak (scale 1), seeded by the step's generator. */
export async function seedOutbreak(ctx: Ctx, rng: Random): Promise<number> {
  const r = await writeOutbreak(ctx, { scale: 1, seed: rng.int(1, 2 ** 30) })
  return r.created ? r.cases : 0
}

/** What an earlier run wrote, or that it is still under way. */
export async function readMarker(db: Db): Promise<{ status: 'done'; written: OutbreakWritten } | { status: 'writing' } | null> {
  const row = await db.selectFrom('settings').select('value').where('key', '=', OUTBREAK_SETTING).executeTakeFirst()
  return (row?.value as { status: 'done'; written: OutbreakWritten } | { status: 'writing' } | undefined) ?? null
}

/**
 * Runs `fn` with row auditing off: in the caller's transaction when there is one (the switch put
 * back afterwards), else in a transaction of its own.
 */
async function writing<T>(db: Db, fn: (tx: Db) => Promise<T>): Promise<T> {
  const run = async (tx: Db) => {
    const was = await sql<{ v: string | null }>`SELECT current_setting('phongdich.bulk', true) AS v`.execute(tx)
    await sql`SELECT set_config('phongdich.bulk', 'on', true)`.execute(tx)
    const out = await fn(tx)
    await sql`SELECT set_config('phongdich.bulk', ${was.rows[0]?.v ?? ''}, true)`.execute(tx)
    return out
  }
  return db.isTransaction ? run(db) : db.transaction().execute(run)
}

/**
 * Reserves `n` consecutive ids of `table`'s serial: nobody else's insert can take one meanwhile
 * (their inserts wait for the lock, then draw after the block). Answers the first id.
 */
async function reserve(db: Db, table: 'people' | 'cases' | 'clusters' | 'test_campaigns' | 'test_pools' | 'tests', n: number): Promise<number> {
  if (n === 0) return 0
  const run = async (tx: Db) => {
    await sql`LOCK TABLE ${sql.table(table)} IN SHARE ROW EXCLUSIVE MODE`.execute(tx)
    const { rows } = await sql<{ first: number }>`
      SELECT setval(s.seq, nextval(s.seq) + ${n - 1}) - ${n - 1} AS first
        FROM (SELECT pg_get_serial_sequence(${table}, 'id')::regclass AS seq) s`.execute(tx)
    return Number(rows[0]!.first)
  }
  return db.isTransaction ? run(db) : db.transaction().execute(run)
}

/** The generator's people with their ids, name keys and units resolved. */
type PeopleColumns = Omit<PersonRows, 'index' | 'unit'> & { id: number[]; nameFold: string[]; nameSort: string[]; unitId: string[]; unitPath: string[] }

function insertPeople(db: Db, v: PeopleColumns) {
  // A number someone already holds (entered by hand, another load) is left out rather than refused.
  return sql`
    INSERT INTO people (id, full_name, name_fold, name_sort, birth_year, birth_date, sex, national_id, passport_no, nationality, phone, unit_id, unit_path, address, workplace)
    SELECT x.id, x.full_name, x.name_fold, x.name_sort, x.birth_year, x.birth_date, x.sex,
           CASE WHEN x.national_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM people p WHERE p.national_id = x.national_id) THEN x.national_id END,
           CASE WHEN x.passport_no IS NOT NULL AND NOT EXISTS (SELECT 1 FROM people p WHERE p.passport_no = x.passport_no AND p.nationality = x.nationality) THEN x.passport_no END,
           x.nationality, x.phone, x.unit_id, x.unit_path, x.address, x.workplace
      FROM unnest(${v.id}::bigint[], ${v.fullName}::text[], ${v.nameFold}::text[], ${v.nameSort}::text[], ${v.birthYear}::int[], ${v.birthDate}::date[],
        ${v.sex}::text[], ${v.nationalId}::text[], ${v.passportNo}::text[], ${v.nationality}::text[], ${v.phone}::text[], ${v.unitId}::text[],
        ${v.unitPath}::text[], ${v.address}::text[], ${v.workplace}::text[])
      AS x(id, full_name, name_fold, name_sort, birth_year, birth_date, sex, national_id, passport_no, nationality, phone, unit_id, unit_path, address, workplace)`.execute(
    db,
  )
}

/** The province's communes with their populations and hamlets, and every unit's path. */
async function provinceUnits(db: Db): Promise<{ communes: OutbreakCommune[]; paths: Map<string, string>; provincePath: string }> {
  const province = await db.selectFrom('units').select(['id', 'path']).where('id', '=', PROVINCE).executeTakeFirst()
  if (!province) return { communes: [], paths: new Map(), provincePath: '' }
  const { rows } = await sql<{ id: string; code: string; name: string; unitType: string; level: string; path: string; parentId: string | null; population: number | null }>`
    SELECT u.id, u.code, u.name, u.unit_type AS "unitType", u.level, u.path, u.parent_id AS "parentId",
           (SELECT p.population FROM unit_populations p WHERE p.unit_id = u.id ORDER BY p.year DESC LIMIT 1) AS population
      FROM units u
     WHERE u.path LIKE ${`${province.path}%`} AND u.level IN ('commune', 'hamlet') AND u.valid_to IS NULL
     ORDER BY u.id`.execute(db)
  const paths = new Map(rows.map((r) => [r.id, r.path]))
  const hamlets = new Map<string, { key: string; name: string }[]>()
  for (const r of rows) {
    if (r.level !== 'hamlet' || !r.parentId) continue
    const list = hamlets.get(r.parentId) ?? []
    list.push({ key: r.id, name: r.name })
    hamlets.set(r.parentId, list)
  }
  const communes = rows
    .filter((r) => r.level === 'commune')
    .map((r) => ({
      key: r.id,
      code: r.code,
      name: r.name,
      title: `${unitTypeName(r.unitType).toLowerCase()} ${r.name}`,
      population: Number(r.population ?? 0),
      hamlets: hamlets.get(r.id) ?? [],
    }))
  return { communes, paths, provincePath: province.path }
}

/** Tracers and health stations' staff, most local first: they take the follow-ups of their area. */
async function tracerUsers(db: Db): Promise<{ id: number; path: string }[]> {
  const { rows } = await sql<{ id: number; path: string }>`
    SELECT u.id, un.path FROM users u JOIN units un ON un.id = u.unit_id
     WHERE u.role = 'tracer' OR (u.role = 'health' AND un.level = 'commune')
     ORDER BY length(un.path) DESC, u.id`.execute(db)
  return rows.map((r) => ({ id: Number(r.id), path: r.path }))
}

