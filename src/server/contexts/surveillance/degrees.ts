import { type Kysely, type RawBuilder, sql } from 'kysely'
import type { DB } from '../../platform/schema.ts'

/*
 * Contact degrees (F1, F2, … Fn), kept current. This module is the degrees' repository and engine:
 * every statement on `contact_degrees` lives here.
 *
 * The graph: people are nodes, exposures are undirected edges. The sources are the active F0
 * (`cases.is_source`: confirmed or probable, no outcome dated on or before today). An edge touching
 * a source counts only when its date lies in that source's infectious window
 * (`cases.window_from`…`window_to`, from the surveillance rule in force); an edge between two
 * people who are not sources always counts. A person's degree is the length of the shortest such
 * path to a source; `contact_degrees` stores it with the step that gives it (`via_person_id`,
 * `via_exposure_id`) and the F0 at the end (`root_case_id`). Sources have no row (degree 0).
 *
 * Invariant: for every row, the `via` person is a source (degree 1) or has a row of degree − 1. So
 * the `via` links form a forest under the sources, and a change is repaired locally:
 * - something gained (a new source, a new exposure): degrees can only fall. The gain is pushed
 *   outward in order of degree (a bucket queue, one statement per bucket), each statement lowering
 *   only rows it improves; the rows it lowered are the next frontier.
 * - something lost (a source no longer active, a removed exposure, a window that moved, a contact
 *   who became a source and so passes exposure on only inside its window): only the
 *   people whose `via` chain passes through the loss can get worse. Those rows (the subtree) are
 *   removed, each gets the best degree its remaining neighbours outside the subtree offer, and the
 *   result is pushed outward as above.
 * Work is proportional to the part of the graph that changes, not to its size.
 *
 * Every function takes the caller's transaction and serialises degree maintenance with a
 * transaction-level advisory lock, so two concurrent changes cannot interleave their repairs.
 */

type Db = Kysely<DB>
interface Reached {
  personId: number
  degree: number
  rootCaseId: number
}

const ids = (xs: readonly number[]) => sql`${sql.val([...new Set(xs)])}::bigint[]`

async function lock(tx: Db): Promise<void> {
  await sql`SELECT pg_advisory_xact_lock(7215, 1)`.execute(tx)
}
/** Waits, in the caller's transaction, until no change of degrees is under way, and holds them off until it ends. */
export const lockDegrees = lock

// ---------------------------------------------------------------------------------------------
// Sources: which cases are active F0, and their infectious windows.

/**
 * The case's source state as the rule in force computes it. The rule: the latest dated row on or
 * before the case's reference date (onset, else first positive sample, else confirmation), a
 * province's own row preferred to the national one of the same date.
 */
function sourceStateSql(today: string, only: readonly number[] | null) {
  return sql`
    SELECT c.id, c.person_id, c.is_source AS was_source, c.window_from AS was_from, c.window_to AS was_to,
           (c.classification IN ('confirmed','probable') AND (c.outcome IS NULL OR c.outcome_date > ${today}::date)) AS src,
           CASE WHEN c.onset_date IS NOT NULL THEN c.onset_date - r.days_before_onset
                WHEN c.sample_date IS NOT NULL THEN c.sample_date - r.days_before_sample
                WHEN c.confirmed_date IS NOT NULL THEN c.confirmed_date - r.days_before_sample
           END AS wf,
           c.isolated_on AS wt
      FROM cases c
      LEFT JOIN LATERAL (
        SELECT sr.days_before_onset, sr.days_before_sample
          FROM surveillance_rules sr LEFT JOIN units u ON u.id = sr.unit_id
         WHERE sr.valid_from <= COALESCE(c.onset_date, c.sample_date, c.confirmed_date, ${today}::date)
           AND (sr.unit_id IS NULL OR c.unit_path LIKE u.path || '%')
         ORDER BY sr.valid_from DESC, (sr.unit_id IS NOT NULL) DESC
         LIMIT 1
      ) r ON true
     ${only === null ? sql`` : sql`WHERE c.id = ANY(${ids(only)})`}`
}

/**
 * Recomputes `is_source` and the window of these cases. Returns the people who became active F0
 * (`gained`) and who stopped (`lost`); a source whose window moved is in both (its edges change).
 */
export async function syncCaseSources(tx: Db, caseIds: readonly number[], today: string): Promise<{ gained: number[]; lost: number[] }> {
  if (caseIds.length === 0) return { gained: [], lost: [] }
  await lock(tx)
  const { rows } = await sql<{ personId: number; wasSource: boolean; src: boolean; windowMoved: boolean }>`
    WITH s AS (${sourceStateSql(today, caseIds)}),
    changed AS (
      UPDATE cases c SET is_source = s.src, window_from = s.wf, window_to = s.wt
        FROM s
       WHERE c.id = s.id AND (c.is_source, c.window_from, c.window_to) IS DISTINCT FROM (s.src, s.wf, s.wt)
      RETURNING c.id
    )
    SELECT s.person_id AS "personId", s.was_source AS "wasSource", s.src,
           (s.was_from, s.was_to) IS DISTINCT FROM (s.wf, s.wt) AS "windowMoved"
      FROM s JOIN changed ON changed.id = s.id`.execute(tx)
  const gained: number[] = []
  const lost: number[] = []
  for (const r of rows) {
    if (r.src && !r.wasSource) gained.push(Number(r.personId))
    else if (!r.src && r.wasSource) lost.push(Number(r.personId))
    else if (r.src && r.windowMoved) {
      gained.push(Number(r.personId))
      lost.push(Number(r.personId))
    }
  }
  return { gained, lost }
}

/** Every case's source state, set-based (bulk loads; follow with recomputeAllDegrees). */
export async function syncAllCaseSources(db: Db, today: string): Promise<void> {
  await lock(db)
  await sql`
    WITH s AS (${sourceStateSql(today, null)})
    UPDATE cases c SET is_source = s.src, window_from = s.wf, window_to = s.wt
      FROM s
     WHERE c.id = s.id AND (c.is_source, c.window_from, c.window_to) IS DISTINCT FROM (s.src, s.wf, s.wt)`.execute(db)
}

/** Daily: the sources whose outcome date has come stop being sources, and their contacts move. */
export async function sweepCaseSources(db: Db, today: string): Promise<{ cases: number; changed: number }> {
  return db.transaction().execute(async (tx) => {
    const due = await sql<{ id: number }>`
      SELECT id FROM cases WHERE is_source AND outcome_date <= ${today}::date`.execute(tx)
    const caseIds = due.rows.map((r) => Number(r.id))
    const { gained, lost } = await syncCaseSources(tx, caseIds, today)
    const { changed } = await updateDegrees(tx, { gainedSources: gained, lostSources: lost })
    return { cases: caseIds.length, changed }
  })
}

// ---------------------------------------------------------------------------------------------
// Degrees.

export interface DegreeChange {
  /** People who became active F0, or whose window moved (from syncCaseSources). */
  gainedSources?: readonly number[]
  /** People who stopped being active F0, or whose window moved (from syncCaseSources). */
  lostSources?: readonly number[]
  /** Exposures just inserted. */
  addedExposures?: readonly number[]
  /** Exposures just deleted, with their endpoints. */
  removedExposures?: readonly { id: number; personId: number; sourcePersonId: number }[]
}

/** Brings `contact_degrees` up to date after a change; call it in the change's transaction. */
export async function updateDegrees(tx: Db, change: DegreeChange): Promise<{ changed: number }> {
  const gainedSources = change.gainedSources ?? []
  const lostSources = change.lostSources ?? []
  const added = change.addedExposures ?? []
  const removed = change.removedExposures ?? []
  if (gainedSources.length + lostSources.length + added.length + removed.length === 0) return { changed: 0 }
  await lock(tx)
  const queue = new BucketQueue()
  let changed = 0

  // Losses first: clear the subtrees hanging from what was lost, then refill them from outside.
  // A new source counts here too: as a contact it passed exposure on through every edge, as a
  // source only through the edges of its infectious window, so people below it can get worse.
  const cleared = [...lostSources, ...gainedSources]
  if (cleared.length > 0 || removed.length > 0) {
    const region = await sql<{ pid: number }>`
      WITH RECURSIVE r(pid) AS (
        SELECT pid FROM (
          SELECT unnest(${ids(cleared)}) AS pid
          ${removed.length > 0 ? sql`UNION SELECT person_id FROM contact_degrees WHERE via_exposure_id = ANY(${ids(removed.map((e) => e.id))})` : sql``}
        ) seeds
        UNION
        SELECT cd.person_id FROM contact_degrees cd JOIN r ON cd.via_person_id = r.pid
      )
      SELECT pid FROM r`.execute(tx)
    const regionIds = region.rows.map((r) => Number(r.pid))
    if (regionIds.length > 0) {
      const cleared = await sql`DELETE FROM contact_degrees WHERE person_id = ANY(${ids(regionIds)})`.execute(tx)
      changed += Number(cleared.numAffectedRows ?? 0)
      const refilled = await refillFromOutside(tx, regionIds)
      for (const r of refilled) queue.push(r)
    }
  }

  // A new source is degree 0 (its own row went with its subtree above): its window's edges are pushed.
  if (gainedSources.length > 0) {
    const sources = await sql<{ personId: number; caseId: number }>`
      SELECT person_id AS "personId", id AS "caseId" FROM cases WHERE is_source AND person_id = ANY(${ids(gainedSources)})`.execute(tx)
    for (const s of sources.rows) queue.push({ personId: Number(s.personId), degree: 0, rootCaseId: Number(s.caseId) })
  }

  // A new exposure offers each endpoint the other's degree + 1, through that edge only.
  if (added.length > 0) {
    const improved = await offerThroughExposures(tx, added)
    for (const r of improved) queue.push(r)
  }

  changed += await propagate(tx, queue)
  return { changed }
}

/** Rebuilds every degree from the sources, level by level, set-based (bulk loads). */
export async function recomputeAllDegrees(db: Db): Promise<{ contacts: number }> {
  await lock(db)
  // Marked as a bulk load: the chains' read model is rebuilt whole rather than told of every row.
  const was = await sql<{ v: string | null }>`SELECT current_setting('phongdich.bulk', true) AS v`.execute(db)
  await sql`SELECT set_config('phongdich.bulk', 'on', true)`.execute(db)
  await sql`DELETE FROM contact_degrees`.execute(db)
  let total = 0
  for (let degree = 0; ; degree++) {
    const from =
      degree === 0
        ? sql`SELECT c.person_id AS pid, c.id AS root, c.window_from AS wf, c.window_to AS wt FROM cases c WHERE c.is_source`
        : sql`SELECT cd.person_id AS pid, cd.root_case_id AS root, NULL::date AS wf, NULL::date AS wt FROM contact_degrees cd WHERE cd.degree = ${degree}`
    const inserted = await sql`
      INSERT INTO contact_degrees (person_id, degree, via_person_id, via_exposure_id, root_case_id, unit_path)
      SELECT DISTINCT ON (x.other) x.other, ${degree + 1}, f.pid, x.eid, f.root, p.unit_path
        FROM (${from}) f
        CROSS JOIN LATERAL (${edgesOf(sql`f.pid`)}) x
        JOIN people p ON p.id = x.other
       WHERE (${degree} > 0 OR x.exposed_on BETWEEN COALESCE(f.wf, '-infinity'::date) AND COALESCE(f.wt, 'infinity'::date))
         AND NOT EXISTS (SELECT 1 FROM contact_degrees d WHERE d.person_id = x.other)
         AND NOT EXISTS (SELECT 1 FROM cases s WHERE s.person_id = x.other AND s.is_source)
       ORDER BY x.other, x.eid`.execute(db)
    const n = Number(inserted.numAffectedRows ?? 0)
    if (n === 0) break
    total += n
  }
  await sql`SELECT set_config('phongdich.bulk', ${was.rows[0]?.v ?? ''}, true)`.execute(db)
  return { contacts: total }
}

export interface PathStep {
  personId: number
  degree: number
  /** The exposure that links this person to the next one in the path (null for the F0). */
  viaExposureId: number | null
  exposedOn: string | null
}

/** From the person to their F0 (the last step, degree 0). Empty when the person has no degree. */
export async function degreePath(db: Db, personId: number): Promise<PathStep[]> {
  const { rows } = await sql<{ personId: number; degree: number; via: number; viaExposureId: number; exposedOn: string }>`
    WITH RECURSIVE p AS (
      SELECT person_id, degree, via_person_id, via_exposure_id FROM contact_degrees WHERE person_id = ${personId}
      UNION ALL
      SELECT cd.person_id, cd.degree, cd.via_person_id, cd.via_exposure_id
        FROM contact_degrees cd JOIN p ON cd.person_id = p.via_person_id
    )
    SELECT p.person_id AS "personId", p.degree, p.via_person_id AS via, p.via_exposure_id AS "viaExposureId", e.exposed_on::text AS "exposedOn"
      FROM p JOIN exposures e ON e.id = p.via_exposure_id
     ORDER BY p.degree DESC`.execute(db)
  if (rows.length === 0) return []
  const steps: PathStep[] = rows.map((r) => ({
    personId: Number(r.personId),
    degree: r.degree,
    viaExposureId: Number(r.viaExposureId),
    exposedOn: r.exposedOn,
  }))
  steps.push({ personId: Number(rows[rows.length - 1]!.via), degree: 0, viaExposureId: null, exposedOn: null })
  return steps
}

// ---------------------------------------------------------------------------------------------
// Internals.

/** The exposures touching `pid`, as (other person, exposure id, date). */
function edgesOf(pid: RawBuilder<unknown>) {
  return sql`
    SELECT e.person_id AS other, e.id AS eid, e.exposed_on FROM exposures e WHERE e.source_person_id = ${pid}
    UNION ALL
    SELECT e.source_person_id AS other, e.id AS eid, e.exposed_on FROM exposures e WHERE e.person_id = ${pid}`
}

/** Lowers (or creates) rows from a frontier of one degree; returns the rows it changed. */
async function expand(tx: Db, frontier: readonly Reached[], degree: number): Promise<Reached[]> {
  const { rows } = await sql<Reached>`
    WITH f AS (
      SELECT * FROM unnest(${ids(frontier.map((r) => r.personId))}, ${sql.val(frontier.map((r) => r.rootCaseId))}::bigint[]) AS f(pid, root)
    ),
    cand AS (
      SELECT DISTINCT ON (x.other) x.other, f.pid AS via, x.eid, f.root
        FROM f
        CROSS JOIN LATERAL (${edgesOf(sql`f.pid`)}) x
        ${degree === 0 ? sql`JOIN cases sc ON sc.person_id = f.pid AND sc.is_source` : sql``}
       WHERE NOT EXISTS (SELECT 1 FROM cases s WHERE s.person_id = x.other AND s.is_source)
         ${degree === 0 ? sql`AND x.exposed_on BETWEEN COALESCE(sc.window_from, '-infinity'::date) AND COALESCE(sc.window_to, 'infinity'::date)` : sql``}
       ORDER BY x.other, x.eid
    )
    ${upsertImproving(sql`SELECT cand.other, ${degree + 1}::smallint, cand.via, cand.eid, cand.root FROM cand`)}`.execute(tx)
  return rows.map(toReached)
}

/** INSERT rows (person, degree, via, exposure, root) keeping, per person, only an improvement. */
function upsertImproving(rows: RawBuilder<unknown>) {
  return sql`
    INSERT INTO contact_degrees AS cd (person_id, degree, via_person_id, via_exposure_id, root_case_id, unit_path)
    SELECT r.pid, r.degree, r.via, r.eid, r.root, p.unit_path
      FROM (${rows}) AS r(pid, degree, via, eid, root) JOIN people p ON p.id = r.pid
    ON CONFLICT (person_id) DO UPDATE
       SET degree = EXCLUDED.degree, via_person_id = EXCLUDED.via_person_id, via_exposure_id = EXCLUDED.via_exposure_id,
           root_case_id = EXCLUDED.root_case_id, updated_at = now()
     WHERE cd.degree > EXCLUDED.degree
    RETURNING cd.person_id AS "personId", cd.degree, cd.root_case_id AS "rootCaseId"`
}

/** For cleared people: the best degree their neighbours outside the cleared set offer. */
async function refillFromOutside(tx: Db, region: readonly number[]): Promise<Reached[]> {
  const { rows } = await sql<Reached>`
    WITH r AS (SELECT unnest(${ids(region)}) AS pid),
    cand AS (
      SELECT DISTINCT ON (r.pid) r.pid, nb.degree + 1 AS degree, x.other AS via, x.eid, nb.root
        FROM r
        CROSS JOIN LATERAL (${edgesOf(sql`r.pid`)}) x
        CROSS JOIN LATERAL (
          SELECT 0 AS degree, c.id AS root FROM cases c
           WHERE c.person_id = x.other AND c.is_source
             AND x.exposed_on BETWEEN COALESCE(c.window_from, '-infinity'::date) AND COALESCE(c.window_to, 'infinity'::date)
          UNION ALL
          SELECT d.degree, d.root_case_id FROM contact_degrees d WHERE d.person_id = x.other
        ) nb
       WHERE NOT EXISTS (SELECT 1 FROM cases s WHERE s.person_id = r.pid AND s.is_source)
       ORDER BY r.pid, nb.degree, x.eid
    )
    ${upsertImproving(sql`SELECT cand.pid, cand.degree::smallint, cand.via, cand.eid, cand.root FROM cand`)}`.execute(tx)
  return rows.map(toReached)
}

/** Each new exposure offers each endpoint the other endpoint's degree + 1. */
async function offerThroughExposures(tx: Db, exposureIds: readonly number[]): Promise<Reached[]> {
  const { rows } = await sql<Reached>`
    WITH ends AS (
      SELECT e.id AS eid, e.exposed_on, e.source_person_id AS a, e.person_id AS b FROM exposures e WHERE e.id = ANY(${ids(exposureIds)})
      UNION ALL
      SELECT e.id, e.exposed_on, e.person_id, e.source_person_id FROM exposures e WHERE e.id = ANY(${ids(exposureIds)})
    ),
    cand AS (
      SELECT DISTINCT ON (ends.b) ends.b AS pid, nb.degree + 1 AS degree, ends.a AS via, ends.eid, nb.root
        FROM ends
        CROSS JOIN LATERAL (
          SELECT 0 AS degree, c.id AS root FROM cases c
           WHERE c.person_id = ends.a AND c.is_source
             AND ends.exposed_on BETWEEN COALESCE(c.window_from, '-infinity'::date) AND COALESCE(c.window_to, 'infinity'::date)
          UNION ALL
          SELECT d.degree, d.root_case_id FROM contact_degrees d WHERE d.person_id = ends.a
        ) nb
       WHERE NOT EXISTS (SELECT 1 FROM cases s WHERE s.person_id = ends.b AND s.is_source)
       ORDER BY ends.b, nb.degree, ends.eid
    )
    ${upsertImproving(sql`SELECT cand.pid, cand.degree::smallint, cand.via, cand.eid, cand.root FROM cand`)}`.execute(tx)
  return rows.map(toReached)
}

/** Pushes improvements outward in order of degree until nothing improves. */
async function propagate(tx: Db, queue: BucketQueue): Promise<number> {
  let changed = 0
  for (let bucket = queue.next(); bucket !== null; bucket = queue.next()) {
    const improved = await expand(tx, bucket.rows, bucket.degree)
    changed += improved.length
    for (const r of improved) queue.push(r)
  }
  return changed
}

/** People waiting to be expanded, by degree; a person improved again is only kept at the lower one. */
class BucketQueue {
  private readonly best = new Map<number, number>()
  private readonly buckets = new Map<number, Map<number, Reached>>()

  push(r: Reached): void {
    const known = this.best.get(r.personId)
    if (known !== undefined && known <= r.degree) return
    if (known !== undefined) this.buckets.get(known)?.delete(r.personId)
    this.best.set(r.personId, r.degree)
    const b = this.buckets.get(r.degree) ?? new Map<number, Reached>()
    this.buckets.set(r.degree, b)
    b.set(r.personId, r)
  }

  next(): { degree: number; rows: Reached[] } | null {
    let lowest: number | null = null
    for (const [d, b] of this.buckets) {
      if (b.size === 0) this.buckets.delete(d)
      else if (lowest === null || d < lowest) lowest = d
    }
    if (lowest === null) return null
    const rows = [...this.buckets.get(lowest)!.values()]
    this.buckets.delete(lowest)
    return { degree: lowest, rows }
  }
}

function toReached(r: Reached): Reached {
  return { personId: Number(r.personId), degree: Number(r.degree), rootCaseId: Number(r.rootCaseId) }
}
