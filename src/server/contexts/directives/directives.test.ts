import { beforeAll, describe, expect, it } from 'vitest'
import { type Agent, testApp } from '../../../test/harness.ts'

const t = await testApp()
let office: Agent & { username: string }
let ids: { syt: number; ca: number; btv: number; mttq: number }
let sytUser: Agent & { userId: number }

async function org(name: string, kind: string, docCode?: string): Promise<number> {
  const admin = await t.userAgent('admin', '91')
  const res = await admin.post('/api/orgs', { name, kind, unitCode: '91', headName: `Trưởng ${name}`, headPosition: 'Giám đốc' })
  const id = res.json().id as number
  if (docCode) await t.database.db.updateTable('orgs').set({ docCode }).where('id', '=', id).execute()
  return id
}

beforeAll(async () => {
  ids = {
    syt: await org('Sở Y tế', 'department'),
    ca: await org('Công an tỉnh', 'police'),
    btv: await org('Ban Thường vụ Tỉnh ủy', 'party_standing_board', 'TU'),
    mttq: await org('Ủy ban MTTQ Việt Nam tỉnh', 'fatherland_front'),
  }
  await org('Văn phòng Tỉnh ủy', 'party_office')
  office = await t.userAgent('office', '91')
  const admin = await t.userAgent('admin', '91')
  await admin.post('/api/users', { username: 'syt.canbo', password: 'mat-khau-dai', displayName: 'Cán bộ Sở Y tế', role: 'health', unitCode: '91', orgId: ids.syt })
  sytUser = Object.assign(await t.login('syt.canbo', 'mat-khau-dai'), { userId: 0 })
})

function directive(overrides: Record<string, unknown> = {}) {
  return {
    system: 'party',
    type: 'CV',
    symbol: '12-CV/TU',
    number: '12',
    issuerOrgId: ids.btv,
    issuerName: 'Tỉnh ủy An Giang',
    place: 'An Giang',
    date: '2026-11-02',
    urgency: 'KHẨN',
    summary: 'V/v tăng cường phòng, chống dịch',
    addressees: [{ text: 'Sở Y tế', orgId: ids.syt }],
    recipients: [{ text: 'Như trên' }],
    body: '1. Sở Y tế chủ trì…\n2. Công an tỉnh…',
    signing: { authority: 'TM', position: 'PHÓ BÍ THƯ', signer: 'Nguyễn Văn Ký' },
    references: [{ text: 'Công điện số 1699/CĐ-TTg ngày 02/12/2020', symbol: '1699/CĐ-TTg', date: '2020-12-02' }],
    tasks: [
      { ref: '1', text: 'Sở Y tế chủ trì xét nghiệm diện rộng', lead: [ids.syt], coordinating: [ids.ca], deadline: '2026-11-20', cadence: { kind: 'once' } },
      { ref: '2', text: 'Công an tỉnh quản lý lưu trú', lead: [ids.ca], coordinating: [], deadline: null, cadence: { kind: 'weekly' } },
    ],
    sourceText: 'TỈNH ỦY AN GIANG …',
    ...overrides,
  }
}

describe('importing a reviewed directive', () => {
  it('saves the document, tasks and assignments and shows who leads and coordinates', async () => {
    const res = await office.post('/api/directives/import', directive())
    expect(res.statusCode, res.body).toBe(201)
    const d = res.json()
    expect(d).toMatchObject({ status: 'imported', symbol: '12-CV/TU', typeName: 'Công văn', date: '2026-11-02' })
    expect(d.tasks).toHaveLength(2)
    const t1 = d.tasks[0]
    expect(t1.assignments.map((a: { orgName: string; role: string }) => `${a.orgName}:${a.role}`).sort()).toEqual(['Công an tỉnh:coordinating', 'Sở Y tế:lead'])
    expect(t1.assignments[0].head).toMatch(/^Trưởng/)
  })

  it('writes nothing when a task has no lead body, and says which', async () => {
    const before = (await office.get('/api/directives')).json().directives.length
    const bad = directive({
      symbol: '13-CV/TU',
      tasks: [
        { ref: '1', text: 'a', lead: [ids.syt], coordinating: [], deadline: null, cadence: { kind: 'once' } },
        { ref: '2', text: 'b', lead: [], coordinating: [ids.ca], deadline: null, cadence: { kind: 'once' } },
      ],
    })
    const res = await office.post('/api/directives/import', bad)
    expect(res.statusCode).toBe(400)
    expect(res.json().error).toMatchObject({ code: 'TASK_WITHOUT_LEAD', details: { tasks: ['2'] } })
    expect((await office.get('/api/directives')).json().directives.length).toBe(before)
  })

  it('refuses the same document twice', async () => {
    const res = await office.post('/api/directives/import', directive())
    expect(res.statusCode).toBe(409)
    expect(res.json().error.code).toBe('DIRECTIVE_EXISTS')
  })

  it('links a reference once the cited document is recorded', async () => {
    const citing = await office.post('/api/directives/import', directive({ symbol: '20-CV/TU', date: '2026-11-05', references: [{ text: 'Công văn số 30-CV/TU', symbol: '30-CV/TU', date: null }] }))
    expect(citing.json().references[0].targetId).toBe(null)
    const cited = await office.post('/api/directives/import', directive({ symbol: '30-CV/TU', date: '2026-11-01', references: [] }))
    const again = (await office.get(`/api/directives/${citing.json().id}`)).json()
    expect(again.references[0].targetId).toBe(cited.json().id)
  })

  it('keeps directive writing to the Office', async () => {
    const viewer = await t.userAgent('viewer', '91')
    expect((await viewer.post('/api/directives/import', directive({ symbol: '99-CV/TU' }))).statusCode).toBe(403)
  })
})

describe('reports and accountability', () => {
  it('lets the assigned body report, the Office accept, and tracks status with the clock', async () => {
    const d = (await office.post('/api/directives/import', directive({ symbol: '40-CV/TU', date: '2026-11-10', tasks: [{ ref: '1', text: 'Xét nghiệm', lead: [ids.syt], coordinating: [], deadline: '2026-12-10', cadence: { kind: 'once' } }] }))).json()
    const assignment = d.tasks[0].assignments[0]
    expect(assignment.status).toBe('not_started')

    const other = await t.userAgent('health', '91')
    const denied = await other.post(`/api/directives/assignments/${assignment.id}/reports`, { text: 'x', status: 'in_progress', percent: 10 })
    expect(denied.statusCode).toBe(403)

    const posted = await sytUser.post(`/api/directives/assignments/${assignment.id}/reports`, {
      text: 'Đã lấy 12.000 mẫu',
      status: 'in_progress',
      percent: 40,
      attachmentIds: [await sytUser.upload('attachment', 'ket-qua.txt', 'kết quả')],
    })
    expect(posted.statusCode, posted.body).toBe(201)
    let now = (await office.get(`/api/directives/${d.id}`)).json().tasks[0].assignments[0]
    expect(now).toMatchObject({ status: 'on_time', percent: 40 })
    expect(now.reports[0].files[0].fileName).toBe('ket-qua.txt')

    const returned = await office.post(`/api/directives/reports/${now.reports[0].id}/review`, { decision: 'return' })
    expect(returned.json().error.code).toBe('COMMENT_REQUIRED')
    await office.post(`/api/directives/reports/${now.reports[0].id}/review`, { decision: 'return', comment: 'Thiếu số liệu theo xã' })
    now = (await office.get(`/api/directives/${d.id}`)).json().tasks[0].assignments[0]
    expect(now.status).toBe('not_started')
    const notes = (await sytUser.get('/api/notifications')).json()
    expect(notes.items.some((n: { kind: string; body: string }) => n.kind === 'report_returned' && n.body === 'Thiếu số liệu theo xã')).toBe(true)

    // The deadline passes without completion: the sweep marks it late and names the accountable head.
    t.clock.current = new Date('2026-12-12T02:00:00Z')
    const officeLater = await t.login(office.username)
    const sytLater = await t.login('syt.canbo', 'mat-khau-dai')
    const sweep = await officeLater.post('/api/directives/sweep')
    expect(sweep.statusCode).toBe(202)
    await t.jobs.drain()
    expect((await officeLater.get(`/api/jobs/${sweep.json().id}`)).json()).toMatchObject({ status: 'done', result: { late: 1 } })
    const dash = (await officeLater.get('/api/directives/dashboard?from=2026-11-10&to=2026-11-10')).json()
    const late = dash.overdue.find((o: { directiveId: number }) => o.directiveId === d.id)
    expect(late).toMatchObject({ orgName: 'Sở Y tế', head: 'Trưởng Sở Y tế', overdueSince: '2026-12-10', daysLate: 2 })
    expect(dash.cells.find((c: { directiveId: number; orgId: number }) => c.directiveId === d.id && c.orgId === ids.syt).status).toBe('late')
    const reminders = (await sytLater.get('/api/notifications?unread=1')).json()
    expect(reminders.items.some((n: { kind: string }) => n.kind === 'task_late')).toBe(true)

    // Completion reported and accepted: done.
    const doneRes = await sytLater.post(`/api/directives/assignments/${assignment.id}/reports`, { text: 'Hoàn thành', status: 'done', percent: 100 })
    await officeLater.post(`/api/directives/reports/${doneRes.json().id}/review`, { decision: 'accept' })
    expect((await officeLater.get(`/api/directives/${d.id}`)).json().tasks[0].assignments[0].status).toBe('done')
    t.clock.current = new Date('2026-11-26T03:00:00Z')
  })

  it('drills down per body', async () => {
    const rows = (await office.get(`/api/directives/orgs/${ids.ca}/assignments`)).json().assignments
    expect(rows.length).toBeGreaterThan(0)
    expect(rows.every((r: { orgName: string }) => r.orgName === 'Công an tỉnh')).toBe(true)
  })
})

describe('who sees what', () => {
  type Assignment = { id: number; orgId: number }
  it('shows a province directive to its communes with the work of their own bodies only, and nothing to another province', async () => {
    const admin = await t.userAgent('admin', '91')
    const ward = (await admin.post('/api/orgs', { name: 'UBND phường Rạch Giá', kind: 'peoples_committee', unitCode: '30742' })).json().id as number
    const task = { ref: '1', text: 'Rà soát người về từ vùng dịch', lead: [ward, ids.syt], coordinating: [], deadline: null, cadence: { kind: 'weekly' } }
    const d = (await office.post('/api/directives/import', directive({ symbol: '50-CV/TU', date: '2026-11-12', tasks: [task] }))).json()
    const assignmentOf = (orgId: number) => (d.tasks[0].assignments as Assignment[]).find((a) => a.orgId === orgId)!.id

    const commune = await t.userAgent('commune', '30742')
    const seen = await commune.get(`/api/directives/${d.id}`)
    expect(seen.statusCode).toBe(200)
    expect((seen.json().tasks[0].assignments as Assignment[]).map((a) => a.orgId)).toEqual([ward])
    expect((await commune.get(`/api/directives/orgs/${ward}/assignments`)).json().assignments).toHaveLength(1)
    expect((await commune.get(`/api/directives/orgs/${ids.syt}/assignments`)).statusCode).toBe(404)
    const board = (await commune.get('/api/directives/dashboard')).json()
    expect(board.orgs.map((o: { id: number }) => o.id)).toEqual([ward])

    // Another commune's administrator sees the directive, not Rạch Giá's work, and cannot change the province's documents.
    const other = await t.userAgent('admin', '31078')
    expect((await other.get(`/api/directives/${d.id}`)).json().tasks[0].assignments).toEqual([])
    expect((await other.post(`/api/directives/assignments/${assignmentOf(ward)}/reports`, { text: 'x', status: 'in_progress', percent: 5 })).statusCode).toBe(404)
    expect((await other.patch(`/api/directives/assignments/${assignmentOf(ids.syt)}`, { orgId: ids.mttq })).statusCode).toBe(404)
    const { sourceText: _, ...draft } = directive({ symbol: null, number: null, date: null })
    expect((await other.post('/api/directives', draft)).statusCode).toBe(403)

    // Another province sees nothing and can act on nothing.
    const hanoi = await t.userAgent('admin', '01')
    expect((await hanoi.get(`/api/directives/${d.id}`)).statusCode).toBe(404)
    expect((await hanoi.get('/api/directives')).json()).toEqual({ total: 0, directives: [] })
    expect((await hanoi.get('/api/directives/dashboard')).json().totals.assignments).toBe(0)
    expect((await hanoi.post(`/api/directives/assignments/${assignmentOf(ward)}/reports`, { text: 'x', status: 'in_progress', percent: 5 })).statusCode).toBe(404)
    expect((await hanoi.put('/api/directives/settings/numbering', { party: { scope: 'year', termStartYear: 2025, termYears: 5 }, state: { scope: 'year', termStartYear: 2025, termYears: 5 } })).statusCode).toBe(403)
  })

  it('follows a body to the unit it is moved to: its work is seen there and no longer where it was', async () => {
    const admin = await t.userAgent('admin', '91')
    const team = (await admin.post('/api/orgs', { name: 'Tổ phản ứng nhanh lưu động', kind: 'other', unitCode: '30742' })).json().id as number
    const task = { ref: '1', text: 'Hỗ trợ truy vết tại chỗ', lead: [team], coordinating: [], deadline: null, cadence: { kind: 'weekly' } }
    const d = (await office.post('/api/directives/import', directive({ symbol: '51-CV/TU', date: '2026-11-13', tasks: [task] }))).json()
    const before = await t.userAgent('commune', '30742')
    const after = await t.userAgent('commune', '31078')
    const seenBy = async (agent: typeof before) => ((await agent.get(`/api/directives/${d.id}`)).json().tasks[0].assignments as Assignment[]).map((a) => a.orgId)
    expect(await seenBy(before)).toEqual([team])
    expect(await seenBy(after)).toEqual([])
    const target = await t.database.db.selectFrom('units').select('id').where('code', '=', '31078').where('validTo', 'is', null).executeTakeFirstOrThrow()
    await t.database.db.updateTable('orgs').set({ unitId: target.id }).where('id', '=', team).execute()
    expect(await seenBy(before)).toEqual([])
    expect(await seenBy(after)).toEqual([team])
    expect((await after.get('/api/directives/dashboard')).json().orgs.map((o: { id: number }) => o.id)).toContain(team)
  })
})

describe('composing and issuing', () => {
  it('numbers per type within the term, dates it today and assigns tasks to the addressees', async () => {
    const draft = directive({ symbol: null, number: null, date: null, addressees: [{ text: 'Sở Y tế', orgId: ids.syt }, { text: 'MTTQ', orgId: ids.mttq }], tasks: [{ ref: '1', text: 'Triển khai', lead: [], coordinating: [], deadline: null, cadence: { kind: 'weekly' } }] })
    const { sourceText: _, ...body } = draft
    const created = await office.post('/api/directives', body)
    expect(created.statusCode, created.body).toBe(201)
    expect(created.json()).toMatchObject({ status: 'draft', symbol: null })
    const issued = await office.post(`/api/directives/${created.json().id}/issue`)
    expect(issued.statusCode, issued.body).toBe(200)
    expect(issued.json()).toMatchObject({ status: 'issued', symbol: '1-CV/TU', date: '2026-11-26' })
    expect(issued.json().tasks[0].assignments.map((a: { orgId: number }) => a.orgId).sort()).toEqual([ids.syt, ids.mttq].sort())
    const second = await office.post('/api/directives', body)
    expect((await office.post(`/api/directives/${second.json().id}/issue`)).json().symbol).toBe('2-CV/TU')
    const again = await office.post(`/api/directives/${created.json().id}/issue`)
    expect(again.json().error.code).toBe('NOT_A_DRAFT')
  })

  it('deletes drafts but keeps issued documents', async () => {
    const { sourceText: _, ...body } = directive({ symbol: null, number: null, date: null })
    const created = (await office.post('/api/directives', body)).json()
    expect((await office.delete(`/api/directives/${created.id}`)).statusCode).toBe(200)
    expect((await office.get(`/api/directives/${created.id}`)).statusCode).toBe(404)
    const issued = (await office.get('/api/directives?status=issued')).json()
    expect(issued.total).toBeGreaterThan(0)
    const refused = await office.delete(`/api/directives/${issued.directives[0].id}`)
    expect(refused.json().error.code).toBe('NOT_A_DRAFT')
  })

  it('numbers by year when configured so', async () => {
    const rules = { party: { scope: 'year', termStartYear: 2025, termYears: 5 }, state: { scope: 'year', termStartYear: 2025, termYears: 5 } }
    expect((await office.put('/api/directives/settings/numbering', rules)).statusCode).toBe(200)
    const draft = directive({ symbol: null, number: null, date: null, type: 'TB', tasks: [{ ref: '1', text: 'x', lead: [ids.syt], coordinating: [], deadline: null, cadence: { kind: 'once' } }] })
    const { sourceText: _, ...body } = draft
    const created = (await office.post('/api/directives', body)).json()
    expect((await office.post(`/api/directives/${created.id}/issue`)).json().symbol).toBe('1-TB/TU')
    const counter = await t.database.db.selectFrom('documentCounters').selectAll().where('docType', '=', 'TB').executeTakeFirstOrThrow()
    expect(counter.period).toBe('2026')
  })

  it('generates the official Word document', async () => {
    const list = (await office.get('/api/directives?status=issued')).json().directives
    const res = await office.get(`/api/directives/${list[0].id}/docx`)
    expect(res.statusCode).toBe(200)
    expect(res.headers['content-type']).toContain('wordprocessingml')
    const mammoth = await import('mammoth')
    const text = (await mammoth.default.extractRawText({ buffer: res.rawPayload })).value
    expect(text).toContain('ĐẢNG CỘNG SẢN VIỆT NAM')
    expect(text).toContain(list[0].symbol)
    expect(text).toContain('Nơi nhận')
  })
})

describe('synthesis report', () => {
  it('downloads as .docx, .pdf and .xlsx', async () => {
    const docx = await office.get('/api/directives/synthesis.docx')
    expect(docx.statusCode).toBe(200)
    const mammoth = await import('mammoth')
    const text = (await mammoth.default.extractRawText({ buffer: docx.rawPayload })).value
    expect(text).toContain('BÁO CÁO')
    expect(text).toContain('Sở Y tế')
    // Signed by order by the head of the provincial Party office.
    expect(text).toContain('Trưởng Văn phòng Tỉnh ủy')
    const pdf = await office.get('/api/directives/synthesis.pdf')
    expect(pdf.rawPayload.subarray(0, 5).toString()).toBe('%PDF-')
    const xlsx = await office.get('/api/directives/synthesis.xlsx')
    const ExcelJS = (await import('exceljs')).default
    const wb = new ExcelJS.Workbook()
    await wb.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer)
    expect(wb.getWorksheet('Nhiệm vụ')!.rowCount).toBeGreaterThan(3)
  })
})

describe('parsing', () => {
  it('proposes fields and tasks from pasted text, matching bodies in the registry', async () => {
    const text = [
      'TỈNH ỦY AN GIANG', '*', 'Số 77-CV/TU', 'V/v phòng, chống dịch', 'ĐẢNG CỘNG SẢN VIỆT NAM', 'An Giang, ngày 05 tháng 01 năm 2026',
      'Kính gửi: - Sở Y tế,', '- Công an tỉnh.', '',
      'Ban Thường vụ Tỉnh ủy yêu cầu:', '', '1. Sở Y tế chủ trì, phối hợp với Công an tỉnh truy vết các trường hợp tiếp xúc, hoàn thành trước ngày 15/01/2026.', '',
      '2. Công an tỉnh quản lý chặt lưu trú; báo cáo hằng tuần.', '', 'Nơi nhận:', '- Như trên,', '- Lưu VPTU.', '', 'T/M BAN THƯỜNG VỤ', 'PHÓ BÍ THƯ', '', 'Trần Văn Ký',
    ].join('\n')
    const res = await office.post('/api/directives/parse', { text })
    expect(res.statusCode, res.body).toBe(200)
    const p = res.json()
    expect(p).toMatchObject({ type: 'CV', symbol: '77-CV/TU', date: '2026-01-05' })
    expect(p.tasks).toHaveLength(2)
    expect(p.tasks[0].lead[0]).toMatchObject({ orgId: ids.syt })
    expect(p.tasks[0].deadline).toBe('2026-01-15')
    expect(p.tasks[1].cadence.kind).toBe('weekly')
    expect(res.json().orgs).toContainEqual({ id: ids.syt, name: 'Sở Y tế' })
  })

  it('warns when a task’s lead is not in the registry', async () => {
    const res = await office.post('/api/directives/parse', { text: 'TỈNH ỦY AN GIANG\nSố 78-CV/TU\n\n1. Ban Quản lý chợ Nổi chủ trì dọn dẹp.\n\n2. Sở Y tế chủ trì.' })
    expect(res.json().warnings.join(' ')).toMatch(/Nhiệm vụ 1\b.*chưa xác định được cơ quan chủ trì/)
  })

  it('reads the text layer of an uploaded PDF, and explains a scanned one', async () => {
    const PDFDocument = (await import('pdfkit')).default
    const { tinos } = await import('./render/fonts.ts')
    const pdfOf = (lines: string[]) =>
      new Promise<Buffer>((resolve) => {
        const doc = new PDFDocument({ size: 'A4' })
        const chunks: Buffer[] = []
        doc.on('data', (c: Buffer) => chunks.push(c))
        doc.on('end', () => resolve(Buffer.concat(chunks)))
        doc.font(tinos('regular'))
        for (const line of lines) doc.text(line)
        doc.end()
      })
    const pdf = await pdfOf(['TỈNH ỦY AN GIANG', 'Số 88-CV/TU', 'An Giang, ngày 12 tháng 02 năm 2026', 'Kính gửi: Sở Y tế', '1. Sở Y tế chủ trì rà soát khu cách ly.', '2. Công an tỉnh quản lý lưu trú.'])
    const res = await office.post('/api/directives/parse', { uploadId: await office.upload('document', 'cv-88.pdf', pdf) })
    expect(res.statusCode, res.body).toBe(200)
    expect(res.json()).toMatchObject({ symbol: '88-CV/TU', date: '2026-02-12' })
    const scanned = await pdfOf([''])
    const empty = await office.post('/api/directives/parse', { uploadId: await office.upload('document', 'scan.pdf', scanned) })
    expect(empty.statusCode).toBe(400)
    expect(empty.json().error.code).toBe('PDF_WITHOUT_TEXT')
  })

  it('reads an uploaded .docx and refuses a broken one clearly', async () => {
    const list = (await office.get('/api/directives?status=issued')).json().directives
    const docx = await office.get(`/api/directives/${list[0].id}/docx`)
    const res = await office.post('/api/directives/parse', { uploadId: await office.upload('document', 'van-ban.docx', docx.rawPayload) })
    expect(res.statusCode, res.body).toBe(200)
    expect(res.json().symbol).toBe(list[0].symbol)
    const broken = await office.post('/api/directives/parse', { uploadId: await office.upload('document', 'hong.docx', Buffer.from('không phải docx')) })
    expect(broken.statusCode).toBe(400)
    expect(broken.json().error.code).toBe('INVALID_DOCX')
  })
})
