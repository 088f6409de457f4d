import { type Kysely, sql } from 'kysely'
import { type Access, likePrefix } from '../../../platform/context.ts'
import { copyRows } from '../../../platform/db.ts'
import type { DB } from '../../../platform/schema.ts'
import { TEST_COPY_COLUMNS } from './parse.ts'

// Bulk writes of the surveillance imports. Every statement takes its rows as arrays (one parameter
// per column, unnest on the server), never one parameter per row. Lookups that answer the importer
// carry whether each person lies inside the importer's jurisdiction (`inside`, computed in SQL)
// and return no personal data of anyone outside it; writes only touch people inside it.

type Db = Kysely<DB>

const within = (access: Access) => likePrefix(access.unitPath)
const texts = (xs: readonly (string | null)[]) => sql`${sql.val(xs)}::text[]`
const bigints = (xs: readonly (number | null)[]) => sql`${sql.val(xs)}::bigint[]`
const ints = (xs: readonly (number | null)[]) => sql`${sql.val(xs)}::integer[]`
const dates = (xs: readonly (string | null)[]) => sql`${sql.val(xs)}::date[]`

/** Switches row auditing off for this transaction: the import writes one summary entry instead. */
export async function bulkWrites(tx: Db): Promise<void> {
  await sql`SELECT set_config('phongdich.bulk', 'on', true)`.execute(tx)
}

/** Units valid on `at` with these codes (residences named by a file). */
export async function unitsByCode(db: Db, codes: readonly string[], at: string) {
  if (codes.length === 0) return []
  const { rows } = await sql<{ id: string; code: string; path: string; level: string }>`
    SELECT u.id, u.code, u.path, u.level FROM units u
     WHERE u.code = ANY(${texts(codes)})
       AND (u.valid_from IS NULL OR u.valid_from <= ${at}::date) AND (u.valid_to IS NULL OR u.valid_to >= ${at}::date)`.execute(db)
  return rows
}

export interface KnownPerson {
  by: 'nid' | 'passport' | 'ref'
  key: string
  id: number
  inside: boolean
  /** Only for people inside the jurisdiction. */
  nationalId: string | null
  birthYear: number | null
  sex: string | null
  phone: string | null
}

/**
 * People already known by CCCD, by passport (number and country) or by reference in `source`.
 * Keys are the CCCD, `number:country` and the reference.
 */
export async function knownPeople(
  db: Db,
  access: Access,
  q: { nationalIds: string[]; passports: { no: string; nationality: string }[]; source: string; refs: string[] },
): Promise<KnownPerson[]> {
  const prefix = within(access)
  const fields = sql`p.unit_path LIKE ${prefix} AS inside,
      CASE WHEN p.unit_path LIKE ${prefix} THEN p.national_id END AS national_id,
      CASE WHEN p.unit_path LIKE ${prefix} THEN p.birth_year END AS birth_year,
      CASE WHEN p.unit_path LIKE ${prefix} THEN p.sex END AS sex,
      CASE WHEN p.unit_path LIKE ${prefix} THEN p.phone END AS phone`
  const { rows } = await sql<KnownPerson>`
    SELECT 'nid' AS by, p.national_id AS key, p.id, ${fields} FROM people p WHERE p.national_id = ANY(${texts(q.nationalIds)})
    UNION ALL
    SELECT 'passport', p.passport_no || ':' || p.nationality, p.id, ${fields}
      FROM unnest(${texts(q.passports.map((p) => p.no))}, ${texts(q.passports.map((p) => p.nationality))}) AS x(no, nat)
      JOIN people p ON p.passport_no = x.no AND p.nationality = x.nat
    UNION ALL
    SELECT 'ref', r.ref, p.id, ${fields}
      FROM person_refs r JOIN people p ON p.id = r.person_id
     WHERE r.source = ${q.source} AND r.ref = ANY(${texts(q.refs)})`.execute(db)
  return rows.map((r) => ({ ...r, id: Number(r.id) }))
}

export interface NewPerson {
  fullName: string
  nameFold: string
  nameSort: string
  birthYear: number | null
  sex: string | null
  nationalId: string | null
  passportNo: string | null
  nationality: string | null
  phone: string | null
  unitId: string
  unitPath: string
}

/** Creates people (ids drawn first, so each row's id is known) and their names in the name dictionary. */
export async function insertPeople(db: Db, people: NewPerson[]): Promise<number[]> {
  if (people.length === 0) return []
  const { rows } = await sql<{ id: string }>`SELECT nextval(pg_get_serial_sequence('people', 'id')) AS id FROM generate_series(1, ${people.length})`.execute(db)
  const ids = rows.map((r) => Number(r.id))
  const col = <T>(f: (p: NewPerson) => T) => people.map(f)
  await sql`
    INSERT INTO people (id, full_name, name_fold, name_sort, birth_year, sex, national_id, passport_no, nationality, phone, unit_id, unit_path)
    SELECT x.id, x.full_name, x.name_fold, x.name_sort, x.birth_year, x.sex, x.national_id, x.passport_no, COALESCE(x.nationality, 'VN'), x.phone, x.unit_id, x.unit_path
      FROM unnest(${bigints(ids)}, ${texts(col((p) => p.fullName))}, ${texts(col((p) => p.nameFold))}, ${texts(col((p) => p.nameSort))},
                  ${ints(col((p) => p.birthYear))}, ${texts(col((p) => p.sex))}, ${texts(col((p) => p.nationalId))}, ${texts(col((p) => p.passportNo))},
                  ${texts(col((p) => p.nationality))}, ${texts(col((p) => p.phone))}, ${texts(col((p) => p.unitId))}, ${texts(col((p) => p.unitPath))})
        AS x(id, full_name, name_fold, name_sort, birth_year, sex, national_id, passport_no, nationality, phone, unit_id, unit_path)`.execute(db)
  // The dictionary's trigger is off for bulk writes (migration 0014): its rows are added here.
  await sql`
    INSERT INTO person_names (full_name, name_fold, name_sort)
    SELECT DISTINCT ON (x.full_name) x.full_name, x.name_fold, x.name_sort
      FROM unnest(${texts(col((p) => p.fullName))}, ${texts(col((p) => p.nameFold))}, ${texts(col((p) => p.nameSort))}) AS x(full_name, name_fold, name_sort)
    ON CONFLICT (full_name) DO NOTHING`.execute(db)
  return ids
}

/** Fills the empty identity fields of known people inside the jurisdiction; answers the ids changed. */
export async function fillPeople(
  db: Db,
  access: Access,
  rows: { id: number; birthYear: number | null; sex: string | null; phone: string | null; nationalId: string | null }[],
): Promise<number[]> {
  if (rows.length === 0) return []
  const { rows: changed } = await sql<{ id: string }>`
    UPDATE people p SET birth_year = COALESCE(p.birth_year, x.birth_year), sex = COALESCE(p.sex, x.sex), phone = COALESCE(p.phone, x.phone),
           national_id = COALESCE(p.national_id, x.national_id), updated_at = now()
      FROM unnest(${bigints(rows.map((r) => r.id))}, ${ints(rows.map((r) => r.birthYear))}, ${texts(rows.map((r) => r.sex))},
                  ${texts(rows.map((r) => r.phone))}, ${texts(rows.map((r) => r.nationalId))}) AS x(id, birth_year, sex, phone, national_id)
     WHERE p.id = x.id AND p.unit_path LIKE ${within(access)}
       AND ((p.birth_year IS NULL AND x.birth_year IS NOT NULL) OR (p.sex IS NULL AND x.sex IS NOT NULL)
         OR (p.phone IS NULL AND x.phone IS NOT NULL) OR (p.national_id IS NULL AND x.national_id IS NOT NULL))
    RETURNING p.id`.execute(db)
  return changed.map((r) => Number(r.id))
}

/** Records references of people in `source`; a reference already taken is left as it is. */
export async function insertRefs(db: Db, source: string, refs: { ref: string; personId: number }[]): Promise<void> {
  if (refs.length === 0) return
  await sql`
    INSERT INTO person_refs (source, ref, person_id)
    SELECT ${source}, x.ref, x.person_id FROM unnest(${texts(refs.map((r) => r.ref))}, ${bigints(refs.map((r) => r.personId))}) AS x(ref, person_id)
    ON CONFLICT (source, ref) DO NOTHING`.execute(db)
}

// ---------------------------------------------------------------------------------------------
// Cases

export interface CaseValues {
  personId: number
  code: string | null
  classification: string
  onsetDate: string | null
  confirmedDate: string | null
  isolatedOn: string | null
  sourceKind: string
  sourceCountry: string | null
  sourceTravel: string | null
  outcome: string | null
  outcomeDate: string | null
}

/**
 * Inserts the cases of these people or updates what differs (a field left empty in the file keeps
 * its value; a source other than "linked" drops the source case). Answers the rows written.
 */
export async function upsertCases(db: Db, access: Access, jobId: number | null, cases: CaseValues[]) {
  if (cases.length === 0) return []
  const col = <T>(f: (c: CaseValues) => T) => cases.map(f)
  const { rows } = await sql<{ id: string; personId: string; inserted: boolean }>`
    INSERT INTO cases (person_id, unit_path, code, classification, onset_date, confirmed_date, isolated_on, source_kind, source_country, source_travel, outcome, outcome_date, import_job_id)
    SELECT x.person_id, p.unit_path, x.code, x.classification, x.onset_date, x.confirmed_date, x.isolated_on, x.source_kind, x.source_country, x.source_travel, x.outcome, x.outcome_date, ${jobId}::bigint
      FROM unnest(${bigints(col((c) => c.personId))}, ${texts(col((c) => c.code))}, ${texts(col((c) => c.classification))}, ${dates(col((c) => c.onsetDate))},
                  ${dates(col((c) => c.confirmedDate))}, ${dates(col((c) => c.isolatedOn))}, ${texts(col((c) => c.sourceKind))}, ${texts(col((c) => c.sourceCountry))},
                  ${texts(col((c) => c.sourceTravel))}, ${texts(col((c) => c.outcome))}, ${dates(col((c) => c.outcomeDate))})
        AS x(person_id, code, classification, onset_date, confirmed_date, isolated_on, source_kind, source_country, source_travel, outcome, outcome_date)
      JOIN people p ON p.id = x.person_id
     WHERE p.unit_path LIKE ${within(access)}
    ON CONFLICT (person_id) DO UPDATE SET
      classification = EXCLUDED.classification,
      source_kind = EXCLUDED.source_kind,
      source_case_id = CASE WHEN EXCLUDED.source_kind = 'linked' THEN cases.source_case_id END,
      code = COALESCE(EXCLUDED.code, cases.code),
      onset_date = COALESCE(EXCLUDED.onset_date, cases.onset_date),
      confirmed_date = COALESCE(EXCLUDED.confirmed_date, cases.confirmed_date),
      isolated_on = COALESCE(EXCLUDED.isolated_on, cases.isolated_on),
      source_country = COALESCE(EXCLUDED.source_country, cases.source_country),
      source_travel = COALESCE(EXCLUDED.source_travel, cases.source_travel),
      outcome = COALESCE(EXCLUDED.outcome, cases.outcome),
      outcome_date = COALESCE(EXCLUDED.outcome_date, cases.outcome_date),
      import_job_id = EXCLUDED.import_job_id,
      updated_at = now()
    WHERE (cases.classification, cases.source_kind) IS DISTINCT FROM (EXCLUDED.classification, EXCLUDED.source_kind)
       OR (EXCLUDED.code IS NOT NULL AND EXCLUDED.code IS DISTINCT FROM cases.code)
       OR (EXCLUDED.onset_date IS NOT NULL AND EXCLUDED.onset_date IS DISTINCT FROM cases.onset_date)
       OR (EXCLUDED.confirmed_date IS NOT NULL AND EXCLUDED.confirmed_date IS DISTINCT FROM cases.confirmed_date)
       OR (EXCLUDED.isolated_on IS NOT NULL AND EXCLUDED.isolated_on IS DISTINCT FROM cases.isolated_on)
       OR (EXCLUDED.source_country IS NOT NULL AND EXCLUDED.source_country IS DISTINCT FROM cases.source_country)
       OR (EXCLUDED.source_travel IS NOT NULL AND EXCLUDED.source_travel IS DISTINCT FROM cases.source_travel)
       OR (EXCLUDED.outcome IS NOT NULL AND EXCLUDED.outcome IS DISTINCT FROM cases.outcome)
       OR (EXCLUDED.outcome_date IS NOT NULL AND EXCLUDED.outcome_date IS DISTINCT FROM cases.outcome_date)
    RETURNING id, person_id AS "personId", (xmax::text = '0') AS inserted`.execute(db)
  return rows.map((r) => ({ id: Number(r.id), personId: Number(r.personId), inserted: r.inserted }))
}

/** The case ids of these people (cases just written, or already there). */
export async function caseIdsOf(db: Db, personIds: number[]): Promise<{ id: number; personId: number }[]> {
  if (personIds.length === 0) return []
  const { rows } = await sql<{ id: string; personId: string }>`
    SELECT id, person_id AS "personId" FROM cases WHERE person_id = ANY(${bigints(personIds)})`.execute(db)
  return rows.map((r) => ({ id: Number(r.id), personId: Number(r.personId) }))
}

/** Source cases named by reference in `source`: their case (if any) and whether it is inside the jurisdiction. */
export async function sourceCases(db: Db, access: Access, source: string, refs: string[]) {
  if (refs.length === 0) return []
  const { rows } = await sql<{ ref: string; caseId: string | null; inside: boolean }>`
    SELECT r.ref, c.id AS "caseId", p.unit_path LIKE ${within(access)} AS inside
      FROM person_refs r JOIN people p ON p.id = r.person_id LEFT JOIN cases c ON c.person_id = r.person_id
     WHERE r.source = ${source} AND r.ref = ANY(${texts(refs)})`.execute(db)
  return rows.map((r) => ({ ref: r.ref, caseId: r.caseId === null ? null : Number(r.caseId), inside: r.inside }))
}

/** Clusters by code, with whether the importer's area and the cluster's lie on one line (one holds the other). */
export async function clustersByCode(db: Db, access: Access, codes: string[]) {
  if (codes.length === 0) return []
  const { rows } = await sql<{ code: string; id: string; visible: boolean }>`
    SELECT code, id, (unit_path LIKE ${within(access)} OR ${access.unitPath} LIKE unit_path || '%') AS visible
      FROM clusters WHERE code = ANY(${texts(codes)})`.execute(db)
  return rows.map((r) => ({ code: r.code, id: Number(r.id), visible: r.visible }))
}

/** Creates the clusters missing (line list tags), answering nothing; existing codes are left alone. */
export async function ensureClusters(db: Db, clusters: { code: string; name: string; unitId: string; unitPath: string; openedOn: string }[]): Promise<void> {
  if (clusters.length === 0) return
  const col = <T>(f: (c: (typeof clusters)[number]) => T) => clusters.map(f)
  await sql`
    INSERT INTO clusters (code, name, unit_id, unit_path, opened_on)
    SELECT * FROM unnest(${texts(col((c) => c.code))}, ${texts(col((c) => c.name))}, ${texts(col((c) => c.unitId))}, ${texts(col((c) => c.unitPath))}, ${dates(col((c) => c.openedOn))})
    ON CONFLICT (code) DO NOTHING`.execute(db)
}

/** Sets the source case (or none) and cluster of linked cases where they differ; answers the cases changed. */
export async function linkCases(db: Db, access: Access, links: { caseId: number; sourceCaseId: number | null; clusterId: number | null }[]): Promise<number[]> {
  if (links.length === 0) return []
  const { rows } = await sql<{ id: string }>`
    UPDATE cases c SET source_case_id = x.source_case_id, cluster_id = COALESCE(x.cluster_id, c.cluster_id), updated_at = now()
      FROM unnest(${bigints(links.map((l) => l.caseId))}, ${bigints(links.map((l) => l.sourceCaseId))}, ${bigints(links.map((l) => l.clusterId))})
        AS x(id, source_case_id, cluster_id)
     WHERE c.id = x.id AND c.unit_path LIKE ${within(access)} AND c.source_kind = 'linked'
       AND (c.source_case_id IS DISTINCT FROM x.source_case_id OR (x.cluster_id IS NOT NULL AND c.cluster_id IS DISTINCT FROM x.cluster_id))
    RETURNING c.id`.execute(db)
  return rows.map((r) => Number(r.id))
}

// ---------------------------------------------------------------------------------------------
// Exposures

export interface ExposureValues {
  personId: number
  sourcePersonId: number
  exposedOn: string
  setting: string
}

/** Inserts exposures or updates their setting where it differs; answers the rows written. */
export async function upsertExposures(db: Db, access: Access, jobId: number | null, rows: ExposureValues[]) {
  if (rows.length === 0) return []
  const { rows: out } = await sql<{ id: string; personId: string; sourcePersonId: string; exposedOn: string; inserted: boolean }>`
    INSERT INTO exposures (person_id, source_person_id, unit_path, exposed_on, setting, import_job_id)
    SELECT x.person_id, x.source_person_id, p.unit_path, x.exposed_on, x.setting, ${jobId}::bigint
      FROM unnest(${bigints(rows.map((r) => r.personId))}, ${bigints(rows.map((r) => r.sourcePersonId))}, ${dates(rows.map((r) => r.exposedOn))},
                  ${texts(rows.map((r) => r.setting))}) AS x(person_id, source_person_id, exposed_on, setting)
      JOIN people p ON p.id = x.person_id
     WHERE p.unit_path LIKE ${within(access)}
    ON CONFLICT (person_id, source_person_id, exposed_on) DO UPDATE SET setting = EXCLUDED.setting, import_job_id = EXCLUDED.import_job_id
    WHERE exposures.setting IS DISTINCT FROM EXCLUDED.setting
    RETURNING id, person_id AS "personId", source_person_id AS "sourcePersonId", to_char(exposed_on, 'YYYY-MM-DD') AS "exposedOn", (xmax::text = '0') AS inserted`.execute(db)
  return out.map((r) => ({ id: Number(r.id), personId: Number(r.personId), sourcePersonId: Number(r.sourcePersonId), exposedOn: r.exposedOn, inserted: r.inserted }))
}

// ---------------------------------------------------------------------------------------------
// Tests

/**
 * Loads a batch of results, as COPY text (TEST_COPY_COLUMNS), into a staging table of this
 * transaction (temporary, dropped at its end), for the statements below to read. The sort that
 * picks the last row of each sample is given room for a batch in memory.
 */
export async function stageTests(db: Db, copy: Uint8Array): Promise<number> {
  await sql`SELECT set_config('work_mem', '32MB', true)`.execute(db)
  await sql`CREATE TEMP TABLE import_tests (line integer, ref text, method text, sample_date date, result_date date, result text, ct numeric(4,1), lab text, pool_code text)
            ON COMMIT DROP`.execute(db)
  return copyRows(db, `import_tests (${TEST_COPY_COLUMNS.join(', ')})`, copy)
}

/** Creates the pooled samples the staged results name (by laboratory and code) that do not exist, in `unitPath`. */
export async function ensureStagedPools(db: Db, unitPath: string): Promise<void> {
  await sql`
    INSERT INTO test_pools (lab, code, sample_date, unit_path)
    SELECT DISTINCT ON (s.lab, s.pool_code) s.lab, s.pool_code, s.sample_date, ${unitPath}
      FROM import_tests s WHERE s.pool_code IS NOT NULL
     ORDER BY s.lab, s.pool_code, s.sample_date
    ON CONFLICT (lab, code) DO NOTHING`.execute(db)
}

export interface TestsWritten {
  /** None of the batch's samples was there before: the next batch may be inserted without looking. */
  fresh: boolean
  inserted: number
  updated: number
  /** Rows (by line, with their reference) whose reference names no one in the source. */
  missing: [number, string][]
  /** Rows whose person lives outside the importer's jurisdiction. */
  outside: [number, string][]
  /** Rows dropped for a later row of the same sample: [row, the row kept]. */
  duplicates: [number, number][]
}

/**
 * Writes the staged results in one statement: each row's person is found by reference in
 * `source` (inside the jurisdiction only), the last row of each sample (person, day, method) is
 * kept, the samples already there are found by index and updated where they differ, and the new
 * ones go in by a plain insert (cheaper than a conflict check per row). When the previous batch
 * found no sample there (`fresh`: a file of new results), the batch is first simply inserted by
 * one INSERT … SELECT joining the people, the rows it left out told by a second look only if
 * there are any. Should a sample be there after all, or named twice in the batch, or added by
 * another writer meanwhile, the batch is written again the careful way, and at last with ON
 * CONFLICT.
 */
export async function writeTests(db: Db, access: Access, source: string, jobId: number | null, opts: { rows: number; fresh: boolean; pooled: boolean }): Promise<TestsWritten> {
  if (opts.fresh) {
    const plain = await insertStagedTests(db, access, source, jobId, opts)
    if (plain) return plain
  }
  // Pools named are found by laboratory and code (ensureStagedPools made them); ord is the line.
  const staged = opts.pooled
    ? sql`SELECT s.line AS ord, s.ref, s.method, s.sample_date, s.result_date, s.result, s.ct, s.lab, tp.id AS pool_id
            FROM import_tests s LEFT JOIN test_pools tp ON tp.lab = s.lab AND tp.code = s.pool_code`
    : sql`SELECT s.line AS ord, s.ref, s.method, s.sample_date, s.result_date, s.result, s.ct, s.lab, NULL::bigint AS pool_id FROM import_tests s`
  const matched = sql`
    u AS (${staged}),
    m AS MATERIALIZED (
      SELECT u.*, r.person_id, r.unit_path, r.unit_path LIKE ${within(access)} AS inside
        FROM u LEFT JOIN LATERAL (${personByRef(source, sql`u.ref`)}) r ON true),
    ranked AS MATERIALIZED (
      SELECT m.*, row_number() OVER w AS rn, first_value(m.ord) OVER w AS kept
        FROM m WHERE m.inside WINDOW w AS (PARTITION BY m.person_id, m.sample_date, m.method ORDER BY m.ord DESC)),
    x AS (SELECT * FROM ranked WHERE rn = 1)`
  const report = sql`
    (SELECT array_agg(ARRAY[ord::text, ref] ORDER BY ord) FROM m WHERE person_id IS NULL) AS missing,
    (SELECT array_agg(ARRAY[ord::text, ref] ORDER BY ord) FROM m WHERE person_id IS NOT NULL AND NOT inside) AS outside,
    (SELECT array_agg(ARRAY[ord, kept] ORDER BY ord) FROM ranked WHERE rn > 1) AS duplicates`
  type Out = { inserted: string; updated: string; fresh?: boolean; missing: string[][] | null; outside: string[][] | null; duplicates: string[][] | null }
  const answer = (o: Out | undefined): TestsWritten => ({
    fresh: o?.fresh ?? false,
    inserted: Number(o?.inserted ?? 0),
    updated: Number(o?.updated ?? 0),
    missing: (o?.missing ?? []).map((d) => [Number(d[0]), d[1]!] as [number, string]),
    outside: (o?.outside ?? []).map((d) => [Number(d[0]), d[1]!] as [number, string]),
    duplicates: (o?.duplicates ?? []).map((d) => [Number(d[0]), Number(d[1])] as [number, number]),
  })
  const attempt = (q: ReturnType<typeof sql<Out>>) => unlessDuplicate(db, async () => answer((await q.execute(db)).rows[0]))
  const insert = (from: ReturnType<typeof sql>) => sql`
    INSERT INTO tests (person_id, unit_path, method, status, sample_date, result_date, result, ct, lab, pool_id, import_job_id)
    SELECT x.person_id, x.unit_path, x.method, 'resulted', x.sample_date, x.result_date, x.result, x.ct, x.lab, x.pool_id, ${jobId}::bigint ${from}`
  const probed = await attempt(sql<Out>`
    WITH ${matched},
    old AS MATERIALIZED (
      SELECT t.id, x.* FROM x JOIN tests t ON t.person_id = x.person_id AND t.sample_date = x.sample_date AND t.method = x.method AND t.sample_date IS NOT NULL
                                   AND (t.pool_id IS NOT NULL) = (x.pool_id IS NOT NULL)),
    upd AS (
      UPDATE tests t SET status = 'resulted', result_date = o.result_date, result = o.result, ct = o.ct, lab = o.lab, pool_id = o.pool_id,
                         import_job_id = ${jobId}::bigint, updated_at = now()
        FROM old o
       WHERE t.id = o.id
         AND (t.status, t.result_date, t.result, t.ct, t.lab, t.pool_id) IS DISTINCT FROM ('resulted', o.result_date, o.result, o.ct, o.lab, o.pool_id)
      RETURNING 1),
    ins AS (${insert(sql`FROM x WHERE NOT EXISTS (SELECT 1 FROM old o WHERE o.ord = x.ord)`)} RETURNING 1)
    SELECT (SELECT count(*) FROM ins) AS inserted, (SELECT count(*) FROM upd) AS updated, (SELECT count(*) = 0 FROM old) AS fresh, ${report}`)
  if (probed) return probed
  const { rows } = await sql<Out>`
    WITH ${matched},
    w AS (
      INSERT INTO tests (person_id, unit_path, method, status, sample_date, result_date, result, ct, lab, pool_id, import_job_id)
      SELECT x.person_id, x.unit_path, x.method, 'resulted', x.sample_date, x.result_date, x.result, x.ct, x.lab, x.pool_id, ${jobId}::bigint FROM x
      ON CONFLICT (person_id, sample_date, method, (pool_id IS NOT NULL)) WHERE sample_date IS NOT NULL DO UPDATE SET
        status = 'resulted', result_date = EXCLUDED.result_date, result = EXCLUDED.result, ct = EXCLUDED.ct, lab = EXCLUDED.lab,
        pool_id = EXCLUDED.pool_id, import_job_id = EXCLUDED.import_job_id, updated_at = now()
      WHERE (tests.status, tests.result_date, tests.result, tests.ct, tests.lab, tests.pool_id)
            IS DISTINCT FROM ('resulted', EXCLUDED.result_date, EXCLUDED.result, EXCLUDED.ct, EXCLUDED.lab, EXCLUDED.pool_id)
      RETURNING (xmax::text = '0') AS ins)
    SELECT count(*) FILTER (WHERE ins) AS inserted, count(*) FILTER (WHERE NOT ins) AS updated, ${report} FROM w`.execute(db)
  return answer(rows[0])
}

/**
 * The people in facility quarantine who have a positive result written by the import `jobId`,
 * sampled on or after the day their stay began, with their earliest such sample: one statement for
 * the whole import. It is read from the stays (the active facility stays are few, each probed by
 * its person in the index of samples) rather than from the import's results (there may be
 * millions). A stay the quarantine has already closed as a case is no longer active, so a rerun
 * finds no one twice.
 */
export async function positivesInFacility(db: Db, jobId: number): Promise<{ personId: number; sampleDate: string }[]> {
  const { rows } = await sql<{ personId: string; sampleDate: string }>`
    SELECT qp.person_id AS "personId", to_char(min(t.sample_date), 'YYYY-MM-DD') AS "sampleDate"
      FROM quarantine_placements qp
      JOIN tests t ON t.person_id = qp.person_id AND t.sample_date >= qp.start_on
     WHERE qp.status = 'active' AND qp.facility_id IS NOT NULL
       AND t.import_job_id = ${jobId}::bigint AND t.result = 'positive'
     GROUP BY qp.person_id
     ORDER BY qp.person_id`.execute(db)
  return rows.map((r) => ({ personId: Number(r.personId), sampleDate: r.sampleDate }))
}

/**
 * The person a reference names in `source`, and where they live: two index probes a row. (LIMIT
 * keeps it a probe: joined plainly, the planner may rather read every reference of the source and
 * every person into a hash for each batch, a cost that grows with the registry, not the batch.)
 */
const personByRef = (source: string, ref: ReturnType<typeof sql>) => sql`
  SELECT pr.person_id, p.unit_path FROM person_refs pr JOIN people p ON p.id = pr.person_id WHERE pr.source = ${source} AND pr.ref = ${ref} LIMIT 1`

/**
 * Runs `write` in a savepoint: null, and all it did undone, when it meets a sample there already
 * (another writer's, one the statement did not look for, or one named twice).
 */
async function unlessDuplicate<T>(db: Db, write: () => Promise<T>): Promise<T | null> {
  await sql`SAVEPOINT tests_batch`.execute(db)
  try {
    const done = await write()
    await sql`RELEASE SAVEPOINT tests_batch`.execute(db)
    return done
  } catch (err) {
    if ((err as { code?: string }).code !== '23505') throw err
    await sql`ROLLBACK TO SAVEPOINT tests_batch`.execute(db)
    return null
  }
}

/** The fast way of writeTests: null when a sample was there already or named twice (nothing is then written). */
async function insertStagedTests(db: Db, access: Access, source: string, jobId: number | null, opts: { rows: number; pooled: boolean }): Promise<TestsWritten | null> {
  const prefix = within(access)
  const done = await unlessDuplicate(db, () =>
    sql`
      INSERT INTO tests (person_id, unit_path, method, status, sample_date, result_date, result, ct, lab, pool_id, import_job_id)
      SELECT r.person_id, r.unit_path, s.method, 'resulted', s.sample_date, s.result_date, s.result, s.ct, s.lab,
             ${opts.pooled ? sql`(SELECT tp.id FROM test_pools tp WHERE tp.lab = s.lab AND tp.code = s.pool_code)` : sql`NULL::bigint`}, ${jobId}::bigint
        FROM import_tests s
        JOIN LATERAL (${personByRef(source, sql`s.ref`)}) r ON r.unit_path LIKE ${prefix}`.execute(db),
  )
  if (!done) return null
  const inserted = Number(done.numAffectedRows ?? 0)
  const written: TestsWritten = { fresh: true, inserted, updated: 0, missing: [], outside: [], duplicates: [] }
  if (inserted < opts.rows) {
    const { rows } = await sql<{ line: number; ref: string; found: boolean }>`
      SELECT s.line, s.ref, r.person_id IS NOT NULL AS found
        FROM import_tests s LEFT JOIN LATERAL (${personByRef(source, sql`s.ref`)}) r ON true
       WHERE r.person_id IS NULL OR r.unit_path NOT LIKE ${prefix}
       ORDER BY s.line`.execute(db)
    for (const r of rows) (r.found ? written.outside : written.missing).push([Number(r.line), r.ref])
  }
  return written
}

// ---------------------------------------------------------------------------------------------
// The import itself

/** Cases and exposures in the registry: how large the graph is that degrees are kept over. */
export async function graphSize(db: Db): Promise<number> {
  const { rows } = await sql<{ n: string }>`SELECT (SELECT count(*) FROM cases) + (SELECT count(*) FROM exposures) AS n`.execute(db)
  return Number(rows[0]?.n ?? 0)
}

/** The upload an import reads (the caller's own, checked before), kept while the job needs it. */
export async function holdUpload(db: Db, uploadId: number, expiresAt: Date | null): Promise<void> {
  await db.updateTable('uploads').set({ expiresAt }).where('id', '=', uploadId).execute()
}

export function uploadInfo(db: Db, uploadId: number) {
  return db.selectFrom('uploads').select(['id', 'fileName', 'size', 'sha256', 'createdBy']).where('id', '=', uploadId).where('complete', '=', true).executeTakeFirst()
}

export function unitByCode(db: Db, code: string, at: string) {
  return db
    .selectFrom('units as u')
    .select(['u.id', 'u.code', 'u.name', 'u.path', 'u.level'])
    .where('u.code', '=', code)
    .where(sql<boolean>`(u.valid_from IS NULL OR u.valid_from <= ${at}::date) AND (u.valid_to IS NULL OR u.valid_to >= ${at}::date)`)
    .executeTakeFirst()
}

/** The one audit entry of an import: who, which file, what it did (its rows carry the job's id). */
export async function auditImport(db: Db, access: Access, entity: string, jobId: number | null, detail: Record<string, unknown>): Promise<void> {
  await db
    .insertInto('auditLog')
    .values({
      actorId: access.userId,
      actorName: access.username,
      action: 'import',
      entity,
      entityId: jobId === null ? null : String(jobId),
      unitPath: access.unitPath,
      after: JSON.stringify(detail),
      requestId: null,
    })
    .execute()
}

/** Province units of 2008 and the 2025 province that holds each (line list placement). */
export async function provincesOf2008(db: Db, codes: string[]) {
  if (codes.length === 0) return []
  const { rows } = await sql<{ oldCode: string; id: string; code: string; name: string; path: string }>`
    SELECT o.code AS "oldCode", n.id, n.code, n.name, n.path
      FROM units o JOIN unit_links l ON l.old_id = o.id JOIN units n ON n.id = l.new_id AND n.level = 'province'
     WHERE o.period = '2008' AND o.level = 'province' AND o.code = ANY(${texts(codes)})`.execute(db)
  return rows
}

/** Fresh planner statistics after a large import (the embedded engine has no autovacuum); results add no one. */
export async function analyze(db: Db, kind: 'cases' | 'contacts' | 'tests'): Promise<void> {
  if (kind === 'tests') await sql`ANALYZE tests`.execute(db)
  else await sql`ANALYZE people, person_refs, ${sql.table(kind === 'cases' ? 'cases' : 'exposures')}`.execute(db)
}
