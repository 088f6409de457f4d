/**
 * A province's year of directives (1×: 1,500 directives, ~12k tasks, ~47k assignments, ~88k
 * reports) or a multiple of it, generated deterministically and set-based in the shape of the demo
 * rows, into a database that already holds the demo province's bodies.
 */
import { type Kysely, sql } from 'kysely'
import type { DB } from '../src/server/platform/schema.ts'

const SEED = 20_260_115

export async function generate(db: Kysely<DB>, scale: number, today: string) {
  const n = 1500 * scale
  const exec = (q: string) => sql.raw(q).execute(db)
  await db.transaction().execute(async (tx) => {
    const run = (q: string) => sql.raw(q).execute(tx)
    await sql`SELECT set_config('phongdich.bulk', 'on', true)`.execute(tx)
    // Deterministic pseudo-random numbers in [0, m): h(a, b) mixes the seed with row numbers.
    await run(`CREATE TEMP TABLE bench_orgs ON COMMIT DROP AS
      SELECT row_number() OVER (ORDER BY o.id) - 1 AS k, o.id, o.key FROM orgs o WHERE o.key IS NOT NULL`)
    await run(`CREATE TEMP TABLE bench_issuers ON COMMIT DROP AS
      SELECT row_number() OVER (ORDER BY o.id) - 1 AS k, o.id, o.name, o.doc_code FROM orgs o WHERE o.key IN ('btv', 'ubnd', 'bcd', 'so_yte', 'tu')`)
    const h = (a: string, b: number | string, m: number) => `((abs(hashint8(${a}::bigint * 7919 + ${b} + ${SEED})::bigint) % ${m})::int)`
    const province = `(SELECT path FROM units WHERE code = '91' AND valid_to IS NULL LIMIT 1)`
    await run(`INSERT INTO directives (status, system, doc_type, number, symbol, issuer_org_id, issuer_name, place, issued_on, summary, body, unit_path, issued_at)
      SELECT 'imported', CASE WHEN i % 2 = 0 THEN 'party' ELSE 'state' END, CASE WHEN i % 3 = 0 THEN 'CT' ELSE 'CV' END, i::text,
             i || '-CV/TT' || ${scale}, iss.id, iss.name, 'An Giang', DATE '${today}' - ${h('i', 1, 365)}::int,
             'về tăng cường phòng, chống dịch bệnh, đợt ' || i, 'Nội dung chỉ đạo số ' || i, ${province}, now()
        FROM generate_series(1, ${n}) i JOIN bench_issuers iss ON iss.k = i % (SELECT count(*) FROM bench_issuers)`)
    await run(`INSERT INTO directive_tasks (directive_id, position, ref, text, deadline, cadence)
      SELECT d.id, p, (p + 1)::text, 'Cơ quan được giao tổ chức thực hiện nội dung ' || (p + 1) || ' của văn bản, báo cáo kết quả theo quy định.',
             CASE WHEN ${h('d.id', 'p', 3)} = 0 THEN NULL ELSE d.issued_on + (10 + ${h('d.id', 'p + 10', 80)})::int END,
             (ARRAY['{"kind":"weekly"}','{"kind":"monthly"}','{"kind":"once"}','{"kind":"regular","everyDays":14}','{"kind":"once"}'])[1 + ${h('d.id', 'p + 20', 5)}]::jsonb
        FROM directives d CROSS JOIN generate_series(0, 7) p WHERE d.symbol LIKE '%-CV/TT${scale}'`)
    // About four bodies per task, the first leading; Sở Y tế leads one task in ten.
    await run(`INSERT INTO task_assignments (task_id, org_id, role, directive_id, issued_on, next_check_at)
      SELECT t.id, CASE WHEN j = 0 AND ${h('t.id', 5, 10)} = 0 THEN (SELECT id FROM orgs WHERE key = 'so_yte') ELSE o.id END,
             CASE WHEN j = 0 THEN 'lead' ELSE 'coordinating' END, t.directive_id, d.issued_on, '-infinity'
        FROM directive_tasks t JOIN directives d ON d.id = t.directive_id CROSS JOIN generate_series(0, 3) j
        JOIN bench_orgs o ON o.k = ${h('t.id * 4 + j', 3, 100000)} % (SELECT count(*) FROM bench_orgs)
       WHERE d.symbol LIKE '%-CV/TT${scale}' AND ${h('t.id', 7, 100)} < 98
      ON CONFLICT (task_id, org_id) DO NOTHING`)
    // Reports: weekly-ish from the issue date, fewer for some bodies; older ones reviewed.
    await run(`INSERT INTO task_reports (assignment_id, text, status, percent, submitted_at, review, reviewed_at)
      SELECT a.id, 'Đã triển khai, tiến độ khoảng ' || least(95, k * 25) || '%; tiếp tục thực hiện.',
             CASE WHEN k = 4 AND a.role = 'lead' THEN 'done' ELSE 'in_progress' END,
             CASE WHEN k = 4 AND a.role = 'lead' THEN 100 ELSE least(95, k * 25) END,
             (a.issued_on + k * (6 + ${h('a.id', 9, 10)}))::timestamp + interval '9 hours',
             CASE WHEN ${h('a.id * 8 + k', 11, 20)} = 0 THEN 'returned' WHEN a.issued_on + k * 7 < DATE '${today}' - 3 THEN 'accepted' ELSE 'pending' END,
             CASE WHEN a.issued_on + k * 7 < DATE '${today}' - 3 THEN (a.issued_on + k * 7 + 1)::timestamp END
        FROM task_assignments a JOIN directives d ON d.id = a.directive_id CROSS JOIN generate_series(1, 4) k
       WHERE d.symbol LIKE '%-CV/TT${scale}' AND k <= ${h('a.id', 13, 5)} AND a.issued_on + k * (6 + ${h('a.id', 9, 10)}) < DATE '${today}'`)
  })
  await exec('ANALYZE')
  const count = async (table: string) => Number((await sql.raw<{ n: string }>(`SELECT count(*) AS n FROM ${table}`).execute(db)).rows[0]!.n)
  return { directives: await count('directives'), tasks: await count('directive_tasks'), assignments: await count('task_assignments'), reports: await count('task_reports') }
}
