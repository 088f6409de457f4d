import { type Kysely, sql } from 'kysely'
import type { RuleSet } from '../../../domain/levels/ruleset.ts'
import type { Sources } from '../../../domain/levels/sources.ts'
import { type Access, likePrefix } from '../../platform/context.ts'
import type { DB } from '../../platform/schema.ts'

type Db = Kysely<DB>

// ---- Rule sets --------------------------------------------------------------------------------

export interface RuleSetRow {
  id: number
  code: string
  baseCode: string | null
  unitId: string | null
  unitPath: string | null
  readOnly: boolean
  name: string
  document: string
  validFrom: string
  validTo: string | null
  version: number
  definition: RuleSet
  updatedAt: Date
}

const ruleSetColumns = ['id', 'code', 'baseCode', 'unitId', 'unitPath', 'readOnly', 'name', 'document', 'validFrom', 'validTo', 'version', 'definition', 'updatedAt'] as const

/** National sets, and the variants of provinces on the caller's path or inside the caller's area. */
function visibleRuleSets(db: Db, access: Access) {
  return db
    .selectFrom('levelRuleSets')
    .select(ruleSetColumns)
    .where((eb) => eb.or([eb('unitPath', 'is', null), eb('unitPath', 'like', likePrefix(access.unitPath)), sql<boolean>`${access.unitPath} LIKE unit_path || '%'`]))
}

export async function listRuleSets(db: Db, access: Access): Promise<RuleSetRow[]> {
  return (await visibleRuleSets(db, access).orderBy('validFrom').orderBy('unitId', 'desc').orderBy('code').execute()) as RuleSetRow[]
}

export async function findRuleSet(db: Db, access: Access, code: string): Promise<RuleSetRow | undefined> {
  return (await visibleRuleSets(db, access).where('code', '=', code).executeTakeFirst()) as RuleSetRow | undefined
}

export async function findRuleSetById(db: Db, id: number): Promise<RuleSetRow | undefined> {
  return (await db.selectFrom('levelRuleSets').select(ruleSetColumns).where('id', '=', id).executeTakeFirst()) as RuleSetRow | undefined
}

export async function storedNationalVersions(db: Db): Promise<Map<string, number>> {
  const rows = await db.selectFrom('levelRuleSets').select(['code', 'version']).where('readOnly', '=', true).execute()
  return new Map(rows.map((r) => [r.code, r.version]))
}

/** Writes a national set (insert, or a newer version over the stored one) inside a transaction. */
export async function writeNational(db: Db, rs: RuleSet, exists: boolean): Promise<void> {
  await sql`SELECT set_config('phongdich.levels_sync', 'on', true)`.execute(db)
  const values = { name: rs.name, document: rs.document, validFrom: rs.validFrom, validTo: rs.validTo, version: rs.version, definition: JSON.stringify(rs) }
  if (exists) await db.updateTable('levelRuleSets').set({ ...values, updatedAt: new Date() }).where('code', '=', rs.id).where('readOnly', '=', true).execute()
  else await db.insertInto('levelRuleSets').values({ ...values, code: rs.id, baseCode: null, unitId: null, unitPath: null, readOnly: true }).onConflict((oc) => oc.column('code').doNothing()).execute()
  await sql`SELECT set_config('phongdich.levels_sync', '', true)`.execute(db)
}

export async function insertVariant(db: Db, v: { code: string; baseCode: string; unitId: string; unitPath: string; rs: RuleSet; createdBy: number | null }): Promise<number> {
  const row = await db
    .insertInto('levelRuleSets')
    .values({
      code: v.code,
      baseCode: v.baseCode,
      unitId: v.unitId,
      unitPath: v.unitPath,
      readOnly: false,
      name: v.rs.name,
      document: v.rs.document,
      validFrom: v.rs.validFrom,
      validTo: v.rs.validTo,
      version: v.rs.version,
      definition: JSON.stringify(v.rs),
      createdBy: v.createdBy,
    })
    .returning('id')
    .executeTakeFirstOrThrow()
  return row.id
}

export async function updateVariant(db: Db, id: number, rs: RuleSet): Promise<void> {
  await db
    .updateTable('levelRuleSets')
    .set({ name: rs.name, document: rs.document, validFrom: rs.validFrom, validTo: rs.validTo, version: rs.version, definition: JSON.stringify(rs), updatedAt: new Date() })
    .where('id', '=', id)
    .where('readOnly', '=', false)
    .execute()
}

/** The province's own variant in force on a day, if it has one. */
export async function variantInForce(db: Db, provinceId: string, day: string): Promise<RuleSetRow | undefined> {
  return (await db
    .selectFrom('levelRuleSets')
    .select(ruleSetColumns)
    .where('unitId', '=', provinceId)
    .where('validFrom', '<=', day)
    .where((eb) => eb.or([eb('validTo', 'is', null), eb('validTo', '>=', day)]))
    .orderBy('validFrom', 'desc')
    .orderBy('id', 'desc')
    .executeTakeFirst()) as RuleSetRow | undefined
}

export async function nationalRow(db: Db, code: string): Promise<RuleSetRow | undefined> {
  return (await db.selectFrom('levelRuleSets').select(ruleSetColumns).where('code', '=', code).where('readOnly', '=', true).executeTakeFirst()) as RuleSetRow | undefined
}

// ---- Weekly assessments -----------------------------------------------------------------------

export interface CommuneRow {
  unitId: string
  code: string
  name: string
  unitType: string
  path: string
  population: number | null
}

/**
 * The communes in an area (its own communes, or itself when it is one), inside the caller's area;
 * with `hamlets`, their hamlets and residents' groups too (assessed from entered figures).
 */
export async function communesIn(db: Db, access: Access | null, areaPath: string, hamlets = false): Promise<CommuneRow[]> {
  const { rows } = await sql<CommuneRow>`
    SELECT u.id AS "unitId", u.code, u.name, u.unit_type AS "unitType", u.path, p.population
      FROM units u
      LEFT JOIN LATERAL (SELECT up.population FROM unit_populations up WHERE up.unit_id = u.id ORDER BY up.year DESC LIMIT 1) p ON true
     WHERE ${hamlets ? sql`u.level IN ('commune', 'hamlet', 'group')` : sql`u.level = 'commune'`} AND u.valid_to IS NULL AND u.path LIKE ${likePrefix(areaPath)}
       ${access ? sql`AND u.path LIKE ${likePrefix(access.unitPath)}` : sql``}
     ORDER BY ${hamlets ? sql`u.path, ` : sql``}u.name_sort, u.code`.execute(db)
  return rows.map((r) => ({ ...r, population: r.population === null ? null : Number(r.population) }))
}

export interface AssessmentWrite {
  unitId: string
  unitPath: string
  weekStart: string
  ruleSetId: number
  inputs: Record<string, unknown>
  source: 'entered' | 'imported' | 'surveillance'
  /** Where each figure came from (src/domain/levels/sources.ts). */
  sources: Sources
  computedLevel: number | null
  indicators: unknown[]
  reasons: string[]
  confidence: 'verified' | 'secondary' | 'unverified' | null
}

export interface AssessmentRow extends Omit<AssessmentWrite, 'indicators'> {
  id: number
  indicators: { name: string; value: unknown; band: unknown }[]
  overrideLevel: number | null
  overrideReason: string | null
  status: 'draft' | 'reviewed' | 'published'
  effectiveFrom: string | null
  publishedAt: Date | null
  updatedAt: Date
}

const assessmentColumns = [
  'a.id',
  'a.unitId',
  'a.unitPath',
  'a.weekStart',
  'a.ruleSetId',
  'a.inputs',
  'a.source',
  'a.sources',
  'a.computedLevel',
  'a.indicators',
  'a.reasons',
  'a.confidence',
  'a.overrideLevel',
  'a.overrideReason',
  'a.status',
  'a.effectiveFrom',
  'a.publishedAt',
  'a.updatedAt',
] as const

export async function assessmentsOfWeek(db: Db, unitIds: string[], weekStart: string): Promise<AssessmentRow[]> {
  if (unitIds.length === 0) return []
  return (await db
    .selectFrom('levelAssessments as a')
    .select(assessmentColumns)
    .where('a.weekStart', '=', weekStart)
    .where(sql<boolean>`a.unit_id = ANY(${unitIds}::text[])`)
    .execute()) as AssessmentRow[]
}

export async function findAssessment(db: Db, access: Access, id: number): Promise<AssessmentRow | undefined> {
  return (await db
    .selectFrom('levelAssessments as a')
    .select(assessmentColumns)
    .where('a.id', '=', id)
    .where('a.unitPath', 'like', likePrefix(access.unitPath))
    .executeTakeFirst()) as AssessmentRow | undefined
}

/** The level in force on `day` for each unit: the latest published assessment whose date has come. */
export async function levelsInForce(db: Db, unitIds: string[], day: string): Promise<Map<string, { level: number; since: string; weekStart: string }>> {
  if (unitIds.length === 0) return new Map()
  const { rows } = await sql<{ unitId: string; level: number; since: string; weekStart: string }>`
    SELECT DISTINCT ON (a.unit_id) a.unit_id AS "unitId", coalesce(a.override_level, a.computed_level) AS level, a.effective_from::text AS since, a.week_start::text AS "weekStart"
      FROM level_assessments a
     WHERE a.status = 'published' AND a.effective_from <= ${day}::date AND a.unit_id = ANY(${unitIds}::text[])
     ORDER BY a.unit_id, a.effective_from DESC, a.week_start DESC`.execute(db)
  // The level held since: the first day of the run of equal levels ending in the one in force.
  const out = new Map(rows.map((r) => [r.unitId, { ...r, level: Number(r.level) }]))
  const { rows: runs } = await sql<{ unitId: string; since: string }>`
    WITH pub AS (
      SELECT a.unit_id, a.effective_from, coalesce(a.override_level, a.computed_level) AS level,
             row_number() OVER (PARTITION BY a.unit_id ORDER BY a.effective_from DESC, a.week_start DESC) AS rn
        FROM level_assessments a
       WHERE a.status = 'published' AND a.effective_from <= ${day}::date AND a.unit_id = ANY(${unitIds}::text[])
    ), cur AS (SELECT unit_id, level FROM pub WHERE rn = 1),
    brk AS (
      SELECT p.unit_id, min(p.rn) AS rn FROM pub p JOIN cur c ON c.unit_id = p.unit_id WHERE p.level <> c.level GROUP BY p.unit_id
    )
    SELECT p.unit_id AS "unitId", min(p.effective_from)::text AS since
      FROM pub p LEFT JOIN brk b ON b.unit_id = p.unit_id
     WHERE b.rn IS NULL OR p.rn < b.rn
     GROUP BY p.unit_id`.execute(db)
  for (const r of runs) {
    const cur = out.get(r.unitId)
    if (cur) cur.since = r.since
  }
  return out
}

/** Writes the week's assessments of several units in one statement (one JSON parameter). */
export async function upsertAssessments(db: Db, rows: AssessmentWrite[]): Promise<void> {
  if (rows.length === 0) return
  await sql`
    INSERT INTO level_assessments (unit_id, unit_path, week_start, rule_set_id, inputs, source, sources, computed_level, indicators, reasons, confidence)
    SELECT r.unit_id, r.unit_path, r.week_start, r.rule_set_id, r.inputs, r.source, coalesce(r.sources, '{}'), r.computed_level, r.indicators, r.reasons, r.confidence
      FROM jsonb_to_recordset(${JSON.stringify(
        rows.map((r) => ({
          unit_id: r.unitId,
          unit_path: r.unitPath,
          week_start: r.weekStart,
          rule_set_id: r.ruleSetId,
          inputs: r.inputs,
          source: r.source,
          sources: r.sources,
          computed_level: r.computedLevel,
          indicators: r.indicators,
          reasons: r.reasons,
          confidence: r.confidence,
        })),
      )}::jsonb)
        AS r(unit_id text, unit_path text, week_start date, rule_set_id integer, inputs jsonb, source text, sources jsonb, computed_level smallint, indicators jsonb, reasons jsonb, confidence text)
    ON CONFLICT (unit_id, week_start) DO UPDATE SET
      rule_set_id = excluded.rule_set_id, inputs = excluded.inputs, source = excluded.source, sources = excluded.sources,
      computed_level = excluded.computed_level, indicators = excluded.indicators, reasons = excluded.reasons,
      confidence = excluded.confidence, status = 'draft', override_level = NULL, override_reason = NULL,
      effective_from = NULL, reviewed_by = NULL, reviewed_at = NULL, updated_at = now()
    WHERE level_assessments.status <> 'published'`.execute(db)
}

/** The latest inputs of each unit before a week, with their sources and how the row was made: entered figures carry over to weeks without them. */
export async function knownBefore(db: Db, unitIds: string[], weekStart: string): Promise<Map<string, { inputs: Record<string, unknown>; sources: Sources; source: AssessmentWrite['source'] }>> {
  if (unitIds.length === 0) return new Map()
  const { rows } = await sql<{ unitId: string; inputs: Record<string, unknown>; sources: Sources; source: AssessmentWrite['source'] }>`
    SELECT DISTINCT ON (a.unit_id) a.unit_id AS "unitId", a.inputs, a.sources, a.source
      FROM level_assessments a
     WHERE a.unit_id = ANY(${unitIds}::text[]) AND a.week_start < ${weekStart}::date
     ORDER BY a.unit_id, a.week_start DESC`.execute(db)
  return new Map(rows.map(({ unitId, ...r }) => [unitId, r]))
}

export interface SurveillanceCounts {
  unitId: string
  communityCases7d: number
  cases7d: number
  oxygenPatients7d: number
  deaths7d: number
  communityCasesPrev7d: number
  casesPrev7d: number
  oxygenPatientsPrev7d: number
  deathsPrev7d: number
}

/**
 * Counts from the surveillance tables per commune of the area for a week and the week before:
 * cases confirmed (confirmed or probable); community cases are those not found in quarantine nor at
 * entry; patients needing oxygen are the severe and critical; deaths by the date of death. The
 * commune is the second unit of a case's path.
 */
export async function surveillanceCounts(db: Db, areaPath: string, weekStart: string): Promise<SurveillanceCounts[]> {
  // From the kept daily counts (migration 0037): a fortnight of a few facets per commune.
  const { rows } = await sql<SurveillanceCounts>`
    WITH b AS (SELECT ${weekStart}::date AS w),
    k AS (
      SELECT split_part(k.unit_path, '/', 3) AS unit_id, k.kind, (k.day >= b.w) AS this_week, k.community, k.oxygen, k.n
        FROM case_day_counts k, b
       WHERE k.kind IN ('confirmed', 'died') AND k.day >= b.w - 7 AND k.day < b.w + 7 AND k.unit_path LIKE ${likePrefix(areaPath)}
    ),
    cc AS (
      SELECT unit_id,
             coalesce(sum(n) FILTER (WHERE kind = 'confirmed' AND this_week AND community), 0)::int AS "communityCases7d",
             coalesce(sum(n) FILTER (WHERE kind = 'confirmed' AND this_week), 0)::int AS "cases7d",
             coalesce(sum(n) FILTER (WHERE kind = 'confirmed' AND this_week AND oxygen), 0)::int AS "oxygenPatients7d",
             coalesce(sum(n) FILTER (WHERE kind = 'confirmed' AND NOT this_week AND community), 0)::int AS "communityCasesPrev7d",
             coalesce(sum(n) FILTER (WHERE kind = 'confirmed' AND NOT this_week), 0)::int AS "casesPrev7d",
             coalesce(sum(n) FILTER (WHERE kind = 'confirmed' AND NOT this_week AND oxygen), 0)::int AS "oxygenPatientsPrev7d",
             coalesce(sum(n) FILTER (WHERE kind = 'died' AND this_week), 0)::int AS "deaths7d",
             coalesce(sum(n) FILTER (WHERE kind = 'died' AND NOT this_week), 0)::int AS "deathsPrev7d"
        FROM k GROUP BY unit_id
    )
    SELECT unit_id AS "unitId", "communityCases7d", "cases7d", "oxygenPatients7d", "deaths7d",
           "communityCasesPrev7d", "casesPrev7d", "oxygenPatientsPrev7d", "deathsPrev7d"
      FROM cc WHERE "cases7d" + "casesPrev7d" + "deaths7d" + "deathsPrev7d" > 0`.execute(db)
  return rows.map((r) => Object.fromEntries(Object.entries(r).map(([k, v]) => [k, k === 'unitId' ? v : Number(v)])) as unknown as SurveillanceCounts)
}

export async function setOverride(db: Db, id: number, v: { level: number | null; reason: string | null; userId: number | null }): Promise<void> {
  await db
    .updateTable('levelAssessments')
    .set({ overrideLevel: v.level, overrideReason: v.reason, status: 'reviewed', reviewedBy: v.userId, reviewedAt: new Date(), updatedAt: new Date() })
    .where('id', '=', id)
    .execute()
}

/** Publishes assessments that have a level; answers how many. */
export async function publish(db: Db, ids: number[], v: { effectiveFrom: string; userId: number | null }): Promise<number> {
  if (ids.length === 0) return 0
  const r = await db
    .updateTable('levelAssessments')
    .set({ status: 'published', effectiveFrom: v.effectiveFrom, publishedBy: v.userId, publishedAt: new Date(), updatedAt: new Date() })
    .where('id', 'in', ids)
    .where('status', '<>', 'published')
    .where(sql<boolean>`coalesce(override_level, computed_level) IS NOT NULL`)
    .executeTakeFirst()
  return Number(r.numUpdatedRows)
}

export async function history(db: Db, unitId: string, limit: number) {
  const { rows } = await sql<{ id: number; weekStart: string; level: number; computedLevel: number | null; overrideLevel: number | null; overrideReason: string | null; effectiveFrom: string; ruleSetCode: string }>`
    SELECT a.id, a.week_start::text AS "weekStart", coalesce(a.override_level, a.computed_level) AS level, a.computed_level AS "computedLevel",
           a.override_level AS "overrideLevel", a.override_reason AS "overrideReason", a.effective_from::text AS "effectiveFrom", rs.code AS "ruleSetCode"
      FROM level_assessments a JOIN level_rule_sets rs ON rs.id = a.rule_set_id
     WHERE a.unit_id = ${unitId} AND a.status = 'published'
     ORDER BY a.effective_from DESC, a.week_start DESC
     LIMIT ${limit}`.execute(db)
  return rows.map((r) => ({ ...r, id: Number(r.id), level: Number(r.level) }))
}

export async function findRuleSetByCode(db: Db, code: string): Promise<RuleSetRow | undefined> {
  return (await db.selectFrom('levelRuleSets').select(ruleSetColumns).where('code', '=', code).executeTakeFirst()) as RuleSetRow | undefined
}

/**
 * Today's communes under an area whose name, or the name of a pre-2025 commune merged into them,
 * contains the folded text; with those former names ("Vĩnh Thanh (Rạch Giá)").
 */
export async function searchCommunes(db: Db, areaPath: string, folded: string, limit: number) {
  const like = `%${folded.replace(/[\\%_]/g, (c) => `\\${c}`)}%`
  const { rows } = await sql<CommuneRow & { former: string[] }>`
    WITH hits AS (
      SELECT u.id FROM units u
       WHERE u.level = 'commune' AND u.valid_to IS NULL AND u.path LIKE ${likePrefix(areaPath)} AND u.name_fold LIKE ${like}
      UNION
      SELECT l.new_id FROM units o JOIN unit_links l ON l.old_id = o.id
       WHERE o.level = 'commune' AND o.period <> '2025' AND o.name_fold LIKE ${like}
    )
    SELECT u.id AS "unitId", u.code, u.name, u.unit_type AS "unitType", u.path, NULL::integer AS population,
           ARRAY(SELECT o.name || ' (' || coalesce(p.name, '') || ')' FROM unit_links l JOIN units o ON o.id = l.old_id LEFT JOIN units p ON p.id = o.parent_id
                  WHERE l.new_id = u.id AND o.level = 'commune' AND o.period <> '2025' ORDER BY o.name_sort, o.code) AS former
      FROM hits JOIN units u ON u.id = hits.id
     WHERE u.level = 'commune' AND u.valid_to IS NULL AND u.path LIKE ${likePrefix(areaPath)}
     ORDER BY u.name_sort, u.code
     LIMIT ${limit}`.execute(db)
  return rows
}
