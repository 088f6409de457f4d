import { sql } from 'kysely'
import { describe, expect, it } from 'vitest'
import { testApp } from '../../../test/harness.ts'
import type { Access } from '../../platform/context.ts'
import * as repo from './repo.ts'

const t = await testApp()
const db = t.database.db

/** The deepest unit path all the given paths share, the plain way. */
function commonRoot(paths: string[]): string | null {
  if (paths.length === 0) return null
  const parts = paths.map((p) => p.split('/').filter(Boolean))
  const out: string[] = []
  for (let i = 0; parts.every((p) => p[i] !== undefined && p[i] === parts[0]![i]); i++) out.push(parts[0]![i]!)
  return `/${out.map((s) => `${s}/`).join('')}`
}

async function expectRootsRight() {
  const stored = await sql<{ id: number; root: string | null }>`
    SELECT d.id, r.bodies_root AS root FROM directives d LEFT JOIN directive_reach r ON r.directive_id = d.id`.execute(db)
  const paths = await sql<{ directiveId: number; path: string }>`SELECT directive_id, org_unit_path AS path FROM task_assignments`.execute(db)
  for (const d of stored.rows) {
    expect(d.root ?? null, `directive ${d.id}`).toBe(commonRoot(paths.rows.filter((p) => p.directiveId === d.id).map((p) => p.path)))
  }
  return stored.rows.length
}

describe('where the bodies of a directive lie', () => {
  it('keeps each directive’s common root of its bodies’ units through new, moved and removed assignments, and counts alike with and without it', async () => {
    const admin = await t.userAgent('admin', '91')
    const communes = await sql<{ code: string }>`SELECT code FROM units WHERE level = 'commune' AND path LIKE (SELECT path FROM units WHERE code = '91' AND valid_to IS NULL) || '%' AND valid_to IS NULL ORDER BY code LIMIT 2`.execute(db)
    const org = async (name: string, unitCode: string) => (await admin.post('/api/orgs', { name, kind: 'department', unitCode, headName: 'Trưởng' })).json().id as number
    const province = [await org('Cơ quan tỉnh A', '91'), await org('Cơ quan tỉnh B', '91')]
    const commune = [await org('Trạm Y tế thử 1', communes.rows[0]!.code), await org('Trạm Y tế thử 2', communes.rows[1]!.code)]
    await sql`
      INSERT INTO directives (status, system, doc_type, symbol, issuer_name, issued_on, summary, unit_path)
      SELECT 'imported', 'party', 'CV', i || '-CV/R', 'Tỉnh ủy An Giang', DATE '2026-11-01' - i, 'V/v thử ' || i,
             (SELECT path FROM units WHERE code = '91' AND valid_to IS NULL LIMIT 1)
        FROM generate_series(1, 4) i`.execute(db)
    await sql`
      INSERT INTO directive_tasks (directive_id, position, ref, text, deadline, cadence)
      SELECT d.id, 0, '1', 'Nhiệm vụ', d.issued_on + 10, '{"kind":"once"}'::jsonb FROM directives d WHERE d.symbol LIKE '%-CV/R'`.execute(db)
    const tasks = (await sql<{ id: number }>`SELECT t.id FROM directive_tasks t JOIN directives d ON d.id = t.directive_id WHERE d.symbol LIKE '%-CV/R' ORDER BY d.symbol`.execute(db)).rows.map((r) => r.id)
    // 1: two province bodies; 2: one commune station; 3: two communes; 4: none yet.
    const assign = (task: number, orgs: number[]) =>
      sql`INSERT INTO task_assignments (task_id, org_id, role) SELECT ${task}, o, 'lead' FROM unnest(${sql.val(orgs)}::bigint[]) o`.execute(db)
    await assign(tasks[0]!, province)
    await assign(tasks[1]!, [commune[0]!])
    await assign(tasks[2]!, commune)
    expect(await expectRootsRight()).toBeGreaterThanOrEqual(4)

    // A body moved to another unit, an assignment passed to another body, one removed.
    await sql`UPDATE orgs SET unit_id = (SELECT unit_id FROM orgs WHERE id = ${commune[1]!}) WHERE id = ${commune[0]!}`.execute(db)
    await sql`UPDATE task_assignments SET org_id = ${province[0]!} WHERE task_id = ${tasks[1]!}`.execute(db)
    await sql`DELETE FROM task_assignments WHERE task_id = ${tasks[0]!} AND org_id = ${province[1]!}`.execute(db)
    await assign(tasks[3]!, [commune[1]!])
    await expectRootsRight()

    // The directives a commune user and the Office see are the ones a probe of every directive finds.
    for (const user of [await t.userAgent('office', '91'), await t.userAgent('commune', communes.rows[1]!.code)]) {
      const me = (
        await sql<Access>`SELECT u.id AS user_id, u.username, u.display_name, u.role, un.id AS unit_id, un.path AS unit_path, u.org_id
                            FROM users u JOIN units un ON un.id = u.unit_id WHERE u.id = ${user.userId}`.execute(db)
      ).rows[0]!
      const access: Access = { ...me, userId: Number(me.userId), orgId: me.orgId === null ? null : Number(me.orgId) }
      const period = { from: '2026-01-01', to: null }
      const listed = await repo.periodDirectives(db, access, period).select('d.id').execute()
      const probed = await sql<{ id: number }>`
        SELECT d.id FROM directives d WHERE d.status <> 'draft' AND d.issued_on >= '2026-01-01' AND ${repo.visibleDirective(access)}
           AND EXISTS (SELECT 1 FROM task_assignments a WHERE a.directive_id = d.id AND ${repo.bodyInReach(access, 'a.orgId', 'a.orgUnitPath')})`.execute(db)
      expect(listed.map((r) => r.id).sort()).toEqual(probed.rows.map((r) => r.id).sort())
    }
  })
})
