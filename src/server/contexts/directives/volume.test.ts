import { sql } from 'kysely'
import { beforeAll, describe, expect, it } from 'vitest'
import { type Agent, testApp } from '../../../test/harness.ts'
import { synthesis } from './read.ts'
import { DETAIL_ASSIGNMENTS_LIMIT, MOST_LATE_DIRECTIVES, OVERDUE_ROWS_LIMIT } from './render/synthesisContent.ts'
import { SWEEP_BATCH, sweepOverdue } from './service.ts'

const t = await testApp()
let office: Agent & { userId: number; username: string }
const orgIds: number[] = []

/** `n` directives dated from 2026-11-01 back, `tasks` per directive, `bodies` per task, inserted set-based. */
async function generate(n: number, tasks: number, bodies: number, tag: string) {
  const db = t.database.db
  await sql`
    INSERT INTO directives (status, system, doc_type, symbol, issuer_name, issued_on, summary, unit_path)
    SELECT 'imported', 'party', 'CV', i || '-CV/' || ${tag}, 'Tỉnh ủy An Giang', DATE '2026-11-01' - (i % 200), 'V/v thử ' || i,
           (SELECT path FROM units WHERE code = '91' AND valid_to IS NULL LIMIT 1)
      FROM generate_series(1, ${n}) i`.execute(db)
  await sql`
    INSERT INTO directive_tasks (directive_id, position, ref, text, deadline, cadence)
    SELECT d.id, p, (p + 1)::text, 'Nhiệm vụ ' || (p + 1), d.issued_on + 10, (CASE WHEN p % 2 = 0 THEN '{"kind":"once"}' ELSE '{"kind":"weekly"}' END)::jsonb
      FROM directives d CROSS JOIN generate_series(0, ${tasks - 1}) p WHERE d.symbol LIKE ${`%-CV/${tag}`}`.execute(db)
  await sql`
    INSERT INTO task_assignments (task_id, org_id, role)
    SELECT tk.id, (${sql.val(orgIds)}::bigint[])[1 + ((tk.id + j) % ${orgIds.length})], CASE WHEN j = 0 THEN 'lead' ELSE 'coordinating' END
      FROM directive_tasks tk JOIN directives d ON d.id = tk.directive_id CROSS JOIN generate_series(0, ${bodies - 1}) j
     WHERE d.symbol LIKE ${`%-CV/${tag}`}
    ON CONFLICT DO NOTHING`.execute(db)
}

beforeAll(async () => {
  const admin = await t.userAgent('admin', '91')
  for (let i = 0; i < 12; i++) {
    orgIds.push((await admin.post('/api/orgs', { name: `Cơ quan thử ${i}`, kind: 'department', unitCode: '91', headName: `Trưởng ${i}` })).json().id)
  }
  office = await t.userAgent('office', '91')
  // Reports on a share of them: some accepted completions, some progress.
  await generate(60, 4, 3, 'A')
  await sql`
    INSERT INTO task_reports (assignment_id, text, status, percent, submitted_at, review)
    SELECT a.id, 'Báo cáo', CASE WHEN a.id % 3 = 0 THEN 'done' ELSE 'in_progress' END, CASE WHEN a.id % 3 = 0 THEN 100 ELSE 50 END,
           a.issued_on + 2, CASE WHEN a.id % 3 = 0 THEN 'accepted' ELSE 'pending' END
      FROM task_assignments a WHERE a.id % 2 = 0`.execute(t.database.db)
  await sweepOverdue(t.ctx)
})

/** The same figures counted the plain way, over every assignment of the period. */
async function recount(from: string) {
  const r = await sql<{ orgId: number; status: string; n: number }>`
    SELECT a.org_id, a.status, count(*)::int AS n FROM task_assignments a JOIN directive_tasks tk ON tk.id = a.task_id JOIN directives d ON d.id = tk.directive_id
     WHERE d.status <> 'draft' AND d.issued_on >= ${from}::date GROUP BY 1, 2`.execute(t.database.db)
  return r.rows
}

describe('the dashboard at volume', () => {
  it('answers counts equal to a plain recount, for the default period and for days cutting months, with a bounded reply', async () => {
    for (const q of ['', '?from=2026-06-17', '?from=2026-06-01&to=2026-09-14']) {
      const res = await office.get(`/api/directives/dashboard${q}`)
      expect(res.statusCode, res.body).toBe(200)
      const d = res.json()
      const from = d.period.from as string
      const to = (d.period.to as string | null) ?? '9999-12-31'
      const rows = (await recount(from)).filter(() => true)
      const inRange = await sql<{ orgId: number; status: string; n: number }>`
        SELECT a.org_id, a.status, count(*)::int AS n FROM task_assignments a JOIN directive_tasks tk ON tk.id = a.task_id JOIN directives d ON d.id = tk.directive_id
         WHERE d.status <> 'draft' AND d.issued_on >= ${from}::date AND d.issued_on <= ${to}::date GROUP BY 1, 2`.execute(t.database.db)
      void rows
      const expected: Record<string, number> = { done: 0, on_time: 0, late: 0, not_started: 0 }
      for (const r of inRange.rows) expected[r.status]! += r.n
      expect({ done: d.totals.done, on_time: d.totals.on_time, late: d.totals.late, not_started: d.totals.not_started }).toEqual(expected)
      for (const o of d.orgs as { id: number; counts: Record<string, number> }[]) {
        for (const s of ['done', 'on_time', 'late', 'not_started']) {
          expect(o.counts[s], `${o.id} ${s}`).toBe(inRange.rows.find((r) => r.orgId === o.id && r.status === s)?.n ?? 0)
        }
      }
      // The bodies named are exactly the matrix page's columns.
      const columns = new Set((d.cells as { orgId: number }[]).map((c) => c.orgId))
      expect(new Set((d.orgs as { id: number }[]).map((o) => o.id))).toEqual(columns)
      expect(d.directives.length).toBeLessThanOrEqual(20)
      expect(d.page.total).toBe(d.totals.directives)
      expect(d.overdue.length).toBeLessThanOrEqual(10)
    }
    const d = (await office.get('/api/directives/dashboard')).json()
    expect(d.period).toMatchObject({ from: '2025-12-01', to: null, isDefault: true })
    expect(d.totals.late).toBeGreaterThan(0)
    expect(d.page.total).toBeGreaterThan(20)
    expect(JSON.stringify(d).length).toBeLessThan(100_000)
  })

  it('keeps the counts current after a report, before and after the sweep folds them', async () => {
    const before = (await office.get('/api/directives/dashboard')).json().totals
    const late = (await office.get('/api/directives/overdue?limit=1')).json().rows[0]
    const posted = await office.post(`/api/directives/assignments/${late.assignmentId}/reports`, { text: 'Xong', status: 'done', percent: 100 })
    expect(posted.statusCode, posted.body).toBe(201)
    const report = posted.json().id
    await office.post(`/api/directives/reports/${report}/review`, { decision: 'accept' })
    const after = (await office.get('/api/directives/dashboard')).json().totals
    expect(after.late).toBe(before.late - 1)
    expect(after.done).toBe(before.done + 1)
    await sweepOverdue(t.ctx)
    expect((await office.get('/api/directives/dashboard')).json().totals).toEqual(after)
    // The counts summed over issuers are the counts by issuer, added up.
    const apart = await sql<{ n: number }>`
      SELECT count(*)::int AS n
        FROM (SELECT month, unit_path, org_id, sum(done)::int AS done, sum(on_time)::int AS on_time, sum(late)::int AS late, sum(not_started)::int AS not_started
                FROM directive_status_counts GROUP BY 1, 2, 3) a
        FULL JOIN directive_status_body_counts b USING (month, unit_path, org_id)
       WHERE (a.done, a.on_time, a.late, a.not_started) IS DISTINCT FROM (b.done, b.on_time, b.late, b.not_started)`.execute(t.database.db)
    expect(apart.rows[0]!.n).toBe(0)
  })
})

describe('the overdue list', () => {
  it('is paged, longest overdue first, with the total', async () => {
    const first = (await office.get('/api/directives/overdue?limit=7')).json()
    const second = (await office.get('/api/directives/overdue?limit=7&offset=7')).json()
    expect(first.rows).toHaveLength(7)
    expect(first.total).toBe((await office.get('/api/directives/dashboard')).json().totals.late)
    const all = [...first.rows, ...second.rows]
    expect(new Set(all.map((r: { assignmentId: number }) => r.assignmentId)).size).toBe(all.length)
    const days = all.map((r: { daysLate: number }) => r.daysLate)
    expect([...days].sort((a, b) => b - a)).toEqual(days)
  })

  it('is refused to another province', async () => {
    const hanoi = await t.userAgent('admin', '01')
    expect((await hanoi.get('/api/directives/overdue')).statusCode).toBe(403)
  })
})

describe('a body’s page', () => {
  it('is paged and filtered in SQL, with its counts', async () => {
    const org = orgIds[0]!
    const page = (await office.get(`/api/directives/orgs/${org}/assignments?limit=10`)).json()
    expect(page.assignments).toHaveLength(10)
    const expected = await sql<{ n: number }>`
      SELECT count(*)::int AS n FROM task_assignments a WHERE a.org_id = ${org} AND a.issued_on >= ${page.period.from}::date`.execute(t.database.db)
    expect(page.total).toBe(expected.rows[0]!.n)
    const late = (await office.get(`/api/directives/orgs/${org}/assignments?status=late&limit=200`)).json()
    expect(late.total).toBe(page.counts.late)
    expect(late.assignments.every((a: { status: string }) => a.status === 'late')).toBe(true)
    const next = (await office.get(`/api/directives/orgs/${org}/assignments?limit=10&offset=10`)).json()
    expect(next.assignments.map((a: { assignmentId: number }) => a.assignmentId)).not.toContain(page.assignments[0].assignmentId)
  })
})

describe('the sweep', () => {
  it('recomputes only the assignments whose next check has come', async () => {
    const db = t.database.db
    await sql`UPDATE task_assignments SET next_check_at = '2100-01-01' WHERE next_check_at IS NOT NULL`.execute(db)
    const due = await sql<{ id: number }>`SELECT id FROM task_assignments WHERE status <> 'done' ORDER BY id LIMIT 5`.execute(db)
    const ids = due.rows.map((r) => r.id)
    await sql`UPDATE task_assignments SET next_check_at = '-infinity', status_at = '2000-01-01' WHERE id = ANY(${sql.val(ids)}::bigint[])`.execute(db)
    const result = await sweepOverdue(t.ctx)
    expect(result.checked).toBe(5)
    const touched = await sql<{ n: number }>`SELECT count(*)::int AS n FROM task_assignments WHERE next_check_at <= ${t.clock.now()}`.execute(db)
    expect(touched.rows[0]!.n).toBe(0)
  })

  it('handles more assignments than one parameter per row would allow, in batches', async () => {
    // 70,000 assignments: 3,500 directives × 4 tasks × 5 bodies.
    await generate(3500, 4, 5, 'B')
    const open = await sql<{ n: number }>`SELECT count(*)::int AS n FROM task_assignments WHERE next_check_at <= ${t.clock.now()}`.execute(t.database.db)
    expect(open.rows[0]!.n).toBeGreaterThanOrEqual(70_000)
    expect(open.rows[0]!.n).toBeGreaterThan(65_535)
    const lastNotice = await sql<{ id: number }>`SELECT coalesce(max(id), 0)::int AS id FROM notifications`.execute(t.database.db)
    const result = await sweepOverdue(t.ctx)
    expect(result.checked).toBe(open.rows[0]!.n)
    expect(result.checked).toBeGreaterThan(SWEEP_BATCH)
    const stale = await sql<{ n: number }>`SELECT count(*)::int AS n FROM task_assignments WHERE next_check_at <= ${t.clock.now()}`.execute(t.database.db)
    expect(stale.rows[0]!.n).toBe(0)
    // Tens of thousands newly late: the Office gets one reminder with the count, not one per task.
    const notices = await sql<{ title: string; userId: number; link: string }>`
      SELECT title, user_id, link FROM notifications WHERE id > ${lastNotice.rows[0]!.id} AND kind = 'task_late'`.execute(t.database.db)
    const officeNotices = notices.rows.filter((n) => n.userId === office.userId)
    expect(officeNotices).toHaveLength(1)
    expect(officeNotices[0]!.title).toBe(`${result.late} nhiệm vụ mới trễ hạn, của ${orgIds.length} cơ quan`)
    expect(notices.rows.length).toBeLessThan(50)
    // A steady sweep right after finds nothing to do.
    expect((await sweepOverdue(t.ctx)).checked).toBe(0)
  }, 600_000)
})

describe('the synthesis of a large period', () => {
  it('counts by month and names the directives with most late work and the longest delays, all bounded', async () => {
    const r = await synthesis(t.ctx, { provinceCode: '91' })
    expect(r.totals.assignments).toBeGreaterThan(DETAIL_ASSIGNMENTS_LIMIT)
    expect(r.directives).toEqual([])
    const months = r.large!.byMonth
    for (const s of ['done', 'on_time', 'late', 'not_started'] as const) expect(months.reduce((n, m) => n + m[s], 0), s).toBe(r.totals[s])
    expect(months.map((m) => m.month)).toEqual([...months.map((m) => m.month)].sort())
    const lates = r.large!.mostLate.map((d) => d.late)
    expect(lates.length).toBeLessThanOrEqual(MOST_LATE_DIRECTIVES)
    expect(lates).toEqual([...lates].sort((a, b) => b - a))
    expect(r.overdueTotal).toBe(r.totals.late)
    expect(r.overdue.length).toBe(Math.min(OVERDUE_ROWS_LIMIT, r.totals.late))
    const days = r.overdue.map((o) => o.daysLate)
    expect(days).toEqual([...days].sort((a, b) => b - a))
  })

  it('makes the full Excel table as a job with progress, for the one who asked only', async () => {
    const started = await office.post('/api/directives/exports', { format: 'xlsx' })
    expect(started.statusCode, started.body).toBe(202)
    const jobId = started.json().id as number
    // A second export while the first waits is refused, not queued behind it.
    const again = await office.post('/api/directives/exports', { format: 'docx' })
    expect(again.statusCode).toBe(429)
    expect(again.json().error.code).toBe('EXPORT_IN_PROGRESS')
    await t.jobs.drain()
    const job = (await office.get(`/api/jobs/${jobId}`)).json()
    expect(job.status, job.error).toBe('done')
    const total = (await office.get('/api/directives/dashboard')).json().totals.assignments as number
    expect(job.result.rows).toBe(total)
    expect(job.progressDone).toBe(total)
    expect(job.progressTotal).toBe(total)

    const file = await office.get(`/api/jobs/${jobId}/file`)
    expect(file.statusCode, file.body.slice(0, 200)).toBe(200)
    expect(file.headers['content-disposition']).toContain('.xlsx')
    const ExcelJS = (await import('exceljs')).default
    const wb = new ExcelJS.Workbook()
    await wb.xlsx.load(file.rawPayload as unknown as ArrayBuffer)
    const ws = wb.getWorksheet('Nhiệm vụ')!
    expect(ws.rowCount - 1).toBe(total)
    // Newest directive first.
    const dates = [2, 3, ws.rowCount].map((n) => (ws.getRow(n).getCell(2).value as Date).getTime())
    expect(dates[0]).toBeGreaterThanOrEqual(dates[2]!)
    const audited = await t.database.db.selectFrom('auditLog').select(['action', 'actorName']).where('action', '=', 'download').orderBy('id', 'desc').executeTakeFirst()
    expect(audited?.actorName).toBe(office.username)

    // Someone else of the same office does not get it.
    const colleague = await t.userAgent('office', '91')
    expect((await colleague.get(`/api/jobs/${jobId}/file`)).statusCode).toBe(404)
  }, 300_000)

  it('streams the same table as a direct download', async () => {
    const res = await office.get('/api/directives/synthesis.xlsx')
    expect(res.statusCode).toBe(200)
    const ExcelJS = (await import('exceljs')).default
    const wb = new ExcelJS.Workbook()
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer)
    const total = (await office.get('/api/directives/dashboard')).json().totals.assignments as number
    expect(wb.getWorksheet('Nhiệm vụ')!.rowCount - 1).toBe(total)
    const docx = await office.get('/api/directives/synthesis.docx')
    const text = (await (await import('mammoth')).default.extractRawText({ buffer: docx.rawPayload })).value
    expect(text).toContain('Các văn bản có nhiều nhiệm vụ trễ hạn nhất')
    expect(text).toContain('Tháng ')
  }, 300_000)
})
