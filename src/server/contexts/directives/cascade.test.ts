import { beforeAll, describe, expect, it } from 'vitest'
import { type Agent, testApp } from '../../../test/harness.ts'
import { remindUpcoming } from './cascade.ts'
import { sweepOverdue } from './service.ts'

// Cascading a provincial task to the communes and rolling the progress back up; "việc của tôi",
// the Government Office's categories, deadline extensions and reminders. Clock: 26/11/2026.
const t = await testApp()
const DAY = 86_400_000
let office: Agent & { username: string }
let admin: Agent & { username: string }
let syt: Agent
let tytRachGia: Agent
let tytPhuQuoc: Agent
let ubndRachGia: Agent
const ids = { syt: 0, ca: 0, tyt1: 0, tyt2: 0, ubnd1: 0 }
let directiveId = 0
let parentId = 0
const subs = { rg: 0, pq: 0 }

async function org(name: string, kind: string, unitCode: string, parentId?: number): Promise<number> {
  const res = await admin.post('/api/orgs', { name, kind, unitCode, ...(parentId ? { parentId } : {}) })
  if (res.statusCode !== 201) throw new Error(res.body)
  return res.json().id as number
}

async function bodyUser(username: string, role: string, unitCode: string, orgId: number): Promise<Agent> {
  const res = await admin.post('/api/users', { username, password: 'mat-khau-dai', displayName: username, role, unitCode, orgId })
  if (res.statusCode !== 201) throw new Error(res.body)
  return t.login(username, 'mat-khau-dai')
}

/** Moves the clock on; sessions do not outlive it, so everyone signs in again. */
async function advanceDays(n: number) {
  t.clock.advance(n * DAY)
  office = Object.assign(await t.login(office.username), { username: office.username })
  admin = Object.assign(await t.login(admin.username), { username: admin.username })
  syt = await t.login('syt.cb', 'mat-khau-dai')
  tytRachGia = await t.login('tyt.rachgia', 'mat-khau-dai')
  tytPhuQuoc = await t.login('tyt.phuquoc', 'mat-khau-dai')
}

const assignment = async (id: number) => {
  const row = await t.database.db.selectFrom('taskAssignments').selectAll().where('id', '=', id).executeTakeFirstOrThrow()
  return row as typeof row & { deadline?: string | null }
}
const report = (agent: Agent, id: number, status = 'done', percent = 100) => agent.post(`/api/directives/assignments/${id}/reports`, { text: 'Đã triển khai', status, percent })
async function acceptLast(assignmentId: number) {
  const r = await t.database.db.selectFrom('taskReports').select('id').where('assignmentId', '=', assignmentId).orderBy('id', 'desc').executeTakeFirstOrThrow()
  const res = await office.post(`/api/directives/reports/${r.id}/review`, { decision: 'accept' })
  expect(res.statusCode, res.body).toBe(200)
}

beforeAll(async () => {
  admin = await t.userAgent('admin', '91')
  office = await t.userAgent('office', '91')
  ids.syt = await org('Sở Y tế', 'department', '91')
  ids.ca = await org('Công an tỉnh', 'police', '91')
  ids.tyt1 = await org('Trạm Y tế phường Rạch Giá', 'health_centre', '30742', ids.syt)
  ids.tyt2 = await org('Trạm Y tế đặc khu Phú Quốc', 'health_centre', '31078', ids.syt)
  ids.ubnd1 = await org('UBND phường Rạch Giá', 'peoples_committee', '30742')
  syt = await bodyUser('syt.cb', 'health', '91', ids.syt)
  tytRachGia = await bodyUser('tyt.rachgia', 'health', '30742', ids.tyt1)
  tytPhuQuoc = await bodyUser('tyt.phuquoc', 'health', '31078', ids.tyt2)
  ubndRachGia = await bodyUser('ubnd.rachgia', 'commune', '30742', ids.ubnd1)
  const res = await office.post('/api/directives/import', {
    system: 'state',
    type: 'CV',
    symbol: '88/UBND-VX',
    issuerName: 'UBND tỉnh An Giang',
    date: '2026-11-20',
    summary: 'V/v tiêm vắc xin bổ sung',
    addressees: [],
    recipients: [],
    body: '1. Sở Y tế chủ trì tổ chức tiêm bổ sung tại các xã, phường.',
    signing: { authority: 'KT', position: 'PHÓ CHỦ TỊCH', signer: 'Nguyễn Văn A' },
    references: [],
    sourceText: 'UBND TỈNH AN GIANG',
    tasks: [
      { ref: '1', text: 'Tổ chức tiêm bổ sung tại các xã, phường', lead: [ids.syt], coordinating: [], deadline: '2026-12-10', cadence: { kind: 'once' } },
      { ref: '2', text: 'Bảo đảm an ninh điểm tiêm', lead: [ids.ca], coordinating: [], deadline: '2026-12-10', cadence: { kind: 'once' } },
    ],
  })
  expect(res.statusCode, res.body).toBe(201)
  directiveId = res.json().id
  parentId = res.json().tasks[0].assignments[0].id
})

describe('cascading a provincial task to the communes', () => {
  it('offers the body’s own units and the communes’ bodies by kind, inside the province', async () => {
    const res = await syt.get(`/api/directives/assignments/${parentId}/cascade-options?kind=health_centre`)
    expect(res.statusCode, res.body).toBe(200)
    const o = res.json()
    expect(o.allowed).toBe(true)
    expect(o.deadline).toBe('2026-12-10')
    expect(o.children.map((c: { id: number }) => c.id).sort()).toEqual([ids.tyt1, ids.tyt2].sort())
    expect(o.kinds.map((k: { kind: string }) => k.kind)).toEqual(expect.arrayContaining(['health_centre', 'peoples_committee']))
    expect(o.bodies.map((b: { id: number }) => b.id).sort()).toEqual([ids.tyt1, ids.tyt2].sort())
  })

  it('refuses a deadline after the parent’s and bodies that are neither its units nor below its unit', async () => {
    const late = await syt.post(`/api/directives/assignments/${parentId}/cascade`, { orgIds: [ids.tyt1], deadline: '2026-12-11' })
    expect(late.statusCode).toBe(400)
    expect(late.json().error.code).toBe('DEADLINE_AFTER_PARENT')
    // Another provincial body is neither one of the Sở's units nor below its unit.
    const other = await syt.post(`/api/directives/assignments/${parentId}/cascade`, { orgIds: [ids.ca] })
    expect(other.statusCode).toBe(403)
    expect(other.json().error.code).toBe('ORG_OUTSIDE_CASCADE')
  })

  it('creates one sub-assignment per commune body, linked to the parent, with its own deadline', async () => {
    const res = await syt.post(`/api/directives/assignments/${parentId}/cascade`, { orgIds: [ids.tyt1, ids.tyt2], deadline: '2026-12-05' })
    expect(res.statusCode, res.body).toBe(201)
    const created = res.json().created as number[]
    expect(created).toHaveLength(2)
    const rows = await t.database.db.selectFrom('taskAssignments').select(['id', 'orgId']).where('id', 'in', created).execute()
    subs.rg = rows.find((r) => r.orgId === ids.tyt1)!.id
    subs.pq = rows.find((r) => r.orgId === ids.tyt2)!.id
    const sub = (await assignment(subs.rg)) as unknown as { parentAssignmentId: number; deadline: string }
    expect(sub.parentAssignmentId).toBe(parentId)
    expect(sub.deadline).toBe('2026-12-05')
    // Cascading again to the same body adds nothing.
    const again = await syt.post(`/api/directives/assignments/${parentId}/cascade`, { orgIds: [ids.tyt1] })
    expect(again.json()).toMatchObject({ created: [], alreadyAssigned: ['Trạm Y tế phường Rạch Giá'] })
    // The audit log records the new rows.
    const audit = await t.database.db.selectFrom('auditLog').select('entityId').where('entity', '=', 'task_assignments').where('entityId', '=', String(subs.rg)).execute()
    expect(audit.length).toBeGreaterThan(0)
  })

  it('lets a commune user neither cascade another body’s task nor reach communes outside its body’s unit', async () => {
    // The province's assignment is not even visible to a commune body's user.
    expect((await ubndRachGia.post(`/api/directives/assignments/${parentId}/cascade`, { orgIds: [ids.ubnd1] })).statusCode).toBe(404)
    // Another commune's sub-assignment neither.
    expect((await tytRachGia.post(`/api/directives/assignments/${subs.pq}/cascade`, { orgIds: [ids.ubnd1] })).statusCode).toBe(404)
    // Its own, only to bodies below its own unit: Phú Quốc's station is not.
    const outside = await tytRachGia.post(`/api/directives/assignments/${subs.rg}/cascade`, { orgIds: [ids.tyt2] })
    expect(outside.statusCode).toBe(403)
    expect(outside.json().error.code).toBe('ORG_OUTSIDE_CASCADE')
    // A commune user of another body in the same commune cannot cascade the station's work.
    const notMine = await ubndRachGia.post(`/api/directives/assignments/${subs.rg}/cascade`, { orgIds: [ids.ubnd1] })
    expect([403, 404]).toContain(notMine.statusCode)
  })

  it('shows a commune station exactly its own work in "việc của tôi"', async () => {
    const res = await tytRachGia.get('/api/directives/mine')
    expect(res.statusCode, res.body).toBe(200)
    const mine = res.json()
    expect(mine.total).toBe(1)
    expect(mine.items[0]).toMatchObject({
      id: subs.rg,
      symbol: '88/UBND-VX',
      issuerName: 'UBND tỉnh An Giang',
      taskText: 'Tổ chức tiêm bổ sung tại các xã, phường',
      deadline: '2026-12-05',
      assignedBy: 'Sở Y tế',
      category: 'in_progress',
      categoryName: 'Đang thực hiện trong hạn',
      canCascade: true,
    })
    const province = (await syt.get('/api/directives/mine')).json()
    expect(province.items.map((i: { id: number }) => i.id)).toEqual([parentId])
    expect(province.items[0]).toMatchObject({ subCount: 2, subDone: 0 })
    // The directive's cascade view gives the commune only its own branch.
    const view = (await tytRachGia.get(`/api/directives/${directiveId}/cascade`)).json()
    expect(view.assignments.map((a: { id: number }) => a.id)).toEqual([subs.rg])
  })

  it('rolls a sub-assignment’s report up to the parent, and completes the parent when every commune is done', async () => {
    expect((await assignment(parentId)).status).toBe('not_started')
    expect((await report(tytRachGia, subs.rg)).statusCode).toBe(201)
    expect((await assignment(subs.rg)).status).toBe('on_time')
    expect((await assignment(parentId)).status).toBe('on_time')
    await acceptLast(subs.rg)
    expect((await assignment(subs.rg)).status).toBe('done')
    expect((await assignment(parentId)).status).toBe('on_time')
    const listed = (await syt.get('/api/directives/mine')).json().items[0]
    expect(listed).toMatchObject({ subCount: 2, subDone: 1, percent: 50 })
  })

  it('lets the body that passed the work on judge its communes’ reports, never a body its own', async () => {
    expect((await report(tytPhuQuoc, subs.pq, 'in_progress', 40)).statusCode).toBe(201)
    const pending = await t.database.db.selectFrom('taskReports').select('id').where('assignmentId', '=', subs.pq).orderBy('id', 'desc').executeTakeFirstOrThrow()
    // The station itself and another commune's body cannot.
    const own = await tytPhuQuoc.post(`/api/directives/reports/${pending.id}/review`, { decision: 'accept' })
    expect(own.statusCode).toBe(403)
    expect((await tytRachGia.post(`/api/directives/reports/${pending.id}/review`, { decision: 'accept' })).statusCode).toBeGreaterThanOrEqual(403)
    // The Sở sees that it may, and returns it with a reason.
    const view = (await syt.get(`/api/directives/${directiveId}`)).json()
    const sub = view.tasks[0].assignments.find((a: { id: number }) => a.id === subs.pq)
    expect(sub.mayReview).toBe(true)
    expect(view.tasks[0].assignments.find((a: { id: number }) => a.id === parentId).mayReview).toBe(false)
    const returned = await syt.post(`/api/directives/reports/${pending.id}/review`, { decision: 'return', comment: 'Bổ sung số liệu từng ấp' })
    expect(returned.statusCode, returned.body).toBe(200)
    const row = await t.database.db.selectFrom('taskReports').select(['review', 'reviewComment']).where('id', '=', pending.id).executeTakeFirstOrThrow()
    expect(row).toEqual({ review: 'returned', reviewComment: 'Bổ sung số liệu từng ấp' })
  })

  it('applies one of two decisions on a report sent together', async () => {
    expect((await report(tytPhuQuoc, subs.pq, 'in_progress', 60)).statusCode).toBe(201)
    const pending = await t.database.db.selectFrom('taskReports').select('id').where('assignmentId', '=', subs.pq).orderBy('id', 'desc').executeTakeFirstOrThrow()
    const [a, b] = await Promise.all([
      syt.post(`/api/directives/reports/${pending.id}/review`, { decision: 'return', comment: 'Sở: thiếu số liệu' }),
      office.post(`/api/directives/reports/${pending.id}/review`, { decision: 'return', comment: 'Văn phòng: thiếu số liệu' }),
    ])
    expect([a.statusCode, b.statusCode].sort()).toEqual([200, 400])
    const winner = a.statusCode === 200 ? 'Sở: thiếu số liệu' : 'Văn phòng: thiếu số liệu'
    const row = await t.database.db.selectFrom('taskReports').select(['review', 'reviewComment']).where('id', '=', pending.id).executeTakeFirstOrThrow()
    expect(row).toEqual({ review: 'returned', reviewComment: winner })
  })
})

describe('deadline extensions', () => {
  it('keeps the deadline when the request is refused, with the reason required', async () => {
    const req = await tytPhuQuoc.post(`/api/directives/assignments/${subs.pq}/extension-requests`, { deadline: '2026-12-08', reason: 'Thiếu vắc xin' })
    expect(req.statusCode, req.body).toBe(201)
    const id = req.json().id
    expect((await tytPhuQuoc.post(`/api/directives/extension-requests/${id}/decision`, { decision: 'approve' })).statusCode).toBe(403)
    expect((await syt.post(`/api/directives/extension-requests/${id}/decision`, { decision: 'refuse' })).statusCode).toBe(400)
    const res = await syt.post(`/api/directives/extension-requests/${id}/decision`, { decision: 'refuse', comment: 'Đã cấp bổ sung vắc xin' })
    expect(res.statusCode, res.body).toBe(200)
    expect(((await assignment(subs.pq)) as unknown as { deadline: string }).deadline).toBe('2026-12-05')
    const view = (await tytPhuQuoc.get(`/api/directives/${directiveId}/cascade`)).json()
    expect(view.extensionRequests).toMatchObject([{ id, status: 'refused', decisionComment: 'Đã cấp bổ sung vắc xin', requestedDeadline: '2026-12-08' }])
  })

  it('applies only one of two decisions sent together', async () => {
    const req = await tytPhuQuoc.post(`/api/directives/assignments/${subs.pq}/extension-requests`, { deadline: '2026-12-07', reason: 'Thiếu vắc xin' })
    expect(req.statusCode, req.body).toBe(201)
    const url = `/api/directives/extension-requests/${req.json().id}/decision`
    const answers = await Promise.all([syt.post(url, { decision: 'refuse', comment: 'Đủ vắc xin' }), syt.post(url, { decision: 'refuse', comment: 'Đã cấp thêm' })])
    expect(answers.map((a) => a.statusCode).sort()).toEqual([200, 400])
    const decisions = await t.database.db.selectFrom('auditLog').select('after').where('entity', '=', 'deadline_extension_requests').where('entityId', '=', String(req.json().id)).where('action', '=', 'update').execute()
    expect(decisions).toHaveLength(1)
    expect(((await assignment(subs.pq)) as unknown as { deadline: string }).deadline).toBe('2026-12-05')
  })

  it('refuses a new deadline after the parent’s', async () => {
    const res = await tytPhuQuoc.post(`/api/directives/assignments/${subs.pq}/extension-requests`, { deadline: '2026-12-15', reason: 'Thiếu nhân lực' })
    expect(res.statusCode).toBe(400)
    expect(res.json().error.code).toBe('EXTENSION_AFTER_PARENT')
  })

  it('moves the deadline and recomputes the status when approved', async () => {
    // Past the station's deadline without a report: late, while the province still has time.
    await advanceDays(10) // 06/12/2026
    await sweepOverdue(t.ctx)
    expect(await assignment(subs.pq)).toMatchObject({ status: 'late', overdueSince: '2026-12-05' })
    expect((await assignment(parentId)).status).toBe('on_time')
    const mine = (await tytPhuQuoc.get('/api/directives/mine?overdue=true')).json()
    expect(mine.items.map((i: { id: number }) => i.id)).toEqual([subs.pq])
    const req = await tytPhuQuoc.post(`/api/directives/assignments/${subs.pq}/extension-requests`, { deadline: '2026-12-09', reason: 'Đợt mưa lũ' })
    expect(req.statusCode, req.body).toBe(201)
    expect((await tytPhuQuoc.get('/api/directives/mine')).json().items[0].pendingExtension).toBe('2026-12-09')
    const res = await syt.post(`/api/directives/extension-requests/${req.json().id}/decision`, { decision: 'approve' })
    expect(res.statusCode, res.body).toBe(200)
    const after = (await assignment(subs.pq)) as unknown as { deadline: string; status: string }
    expect(after.deadline).toBe('2026-12-09')
    expect(after.status).toBe('not_started')
    const audit = await t.database.db.selectFrom('auditLog').select('entity').where('entity', '=', 'deadline_extension_requests').execute()
    expect(audit.length).toBeGreaterThanOrEqual(4)
  })

  it('lets the Office extend a provincial assignment', async () => {
    const ca = (await office.get(`/api/directives/${directiveId}`)).json().tasks[1].assignments[0].id
    const caUser = await bodyUser('ca.cb', 'border', '91', ids.ca)
    const req = await caUser.post(`/api/directives/assignments/${ca}/extension-requests`, { deadline: '2026-12-20', reason: 'Chờ phương án' })
    expect(req.statusCode, req.body).toBe(201)
    expect((await syt.post(`/api/directives/extension-requests/${req.json().id}/decision`, { decision: 'approve' })).statusCode).toBe(403)
    expect((await office.post(`/api/directives/extension-requests/${req.json().id}/decision`, { decision: 'approve' })).statusCode).toBe(200)
    const mine = (await caUser.get('/api/directives/mine')).json()
    expect(mine.items[0]).toMatchObject({ deadline: '2026-12-20' })
  })
})

describe('reminders before a deadline', () => {
  it('reminds the body’s users N days before, once per deadline', async () => {
    const count = async (userKind: string) =>
      (await t.database.db.selectFrom('notifications').select('dedupeKey').where('kind', '=', 'task_due_soon').execute()).filter((n) => n.dedupeKey.startsWith(userKind)).length
    expect((await office.put('/api/directives/settings/reminders', { days: 3 })).statusCode).toBe(200)
    // 06/12: Phú Quốc's station is due on 09/12 (3 days), the province on 10/12 (4 days).
    await remindUpcoming(t.ctx)
    const keys = (await t.database.db.selectFrom('notifications').select(['dedupeKey', 'userId']).where('kind', '=', 'task_due_soon').execute()).map((n) => n.dedupeKey)
    expect(keys).toContain(`due:${subs.pq}:2026-12-09`)
    expect(keys).not.toContain(`due:${parentId}:2026-12-10`)
    const before = await count('due:')
    await remindUpcoming(t.ctx)
    expect(await count('due:')).toBe(before)
    await advanceDays(1) // 07/12
    await remindUpcoming(t.ctx)
    const later = (await t.database.db.selectFrom('notifications').select('dedupeKey').where('kind', '=', 'task_due_soon').execute()).map((n) => n.dedupeKey)
    expect(later).toContain(`due:${parentId}:2026-12-10`)
    expect(later.filter((k) => k === `due:${subs.pq}:2026-12-09`)).toHaveLength(1)
  })
})

describe('the Government Office categories and the roll-up to done', () => {
  it('completes the parent once the last commune is done, and counts it per body', async () => {
    expect((await report(tytPhuQuoc, subs.pq)).statusCode).toBe(201)
    await acceptLast(subs.pq)
    const parent = (await assignment(parentId)) as unknown as { status: string; completedOn: string }
    expect(parent.status).toBe('done')
    expect(parent.completedOn).toBe('2026-12-07')
    const res = await syt.get(`/api/directives/categories?orgId=${ids.syt}`)
    expect(res.statusCode, res.body).toBe(200)
    expect(res.json().bodies).toEqual([{ orgId: ids.syt, orgName: 'Sở Y tế', doneOnTime: 1, doneLate: 0, inProgress: 0, overdue: 0, total: 1 }])
    const all = (await office.get('/api/directives/categories')).json().bodies as { orgName: string; doneOnTime: number; doneLate: number }[]
    expect(all.find((b) => b.orgName === 'Trạm Y tế phường Rạch Giá')).toMatchObject({ doneOnTime: 1 })
    // A commune's user cannot count another body it does not reach.
    expect((await tytRachGia.get(`/api/directives/categories?orgId=${ids.tyt2}`)).statusCode).toBe(404)
  })
})

describe('periodic work passed on later', () => {
  it('is due from the day it reached the body, and shows the body its own deadline', async () => {
    const vnDay = (offsetDays: number) => new Date(t.clock.now().getTime() + 7 * 3600_000 + offsetDays * DAY).toISOString().slice(0, 10)
    const res = await office.post('/api/directives/import', {
      system: 'state',
      type: 'CV',
      symbol: '91/UBND-VX',
      issuerName: 'UBND tỉnh An Giang',
      date: vnDay(-40),
      summary: 'V/v giám sát ca bệnh hằng tuần',
      addressees: [],
      recipients: [],
      body: '1. Sở Y tế giám sát ca bệnh, báo cáo hằng tuần.',
      signing: { authority: 'KT', position: 'PHÓ CHỦ TỊCH', signer: 'Nguyễn Văn A' },
      references: [],
      sourceText: 'UBND TỈNH AN GIANG',
      tasks: [{ ref: '1', text: 'Giám sát ca bệnh tại cộng đồng', lead: [ids.syt], coordinating: [], deadline: vnDay(60), cadence: { kind: 'weekly' } }],
    })
    expect(res.statusCode, res.body).toBe(201)
    const parent = res.json().tasks[0].assignments[0].id as number
    const cascaded = await syt.post(`/api/directives/assignments/${parent}/cascade`, { orgIds: [ids.tyt1], deadline: vnDay(30) })
    expect(cascaded.statusCode, cascaded.body).toBe(201)
    const sub = cascaded.json().created[0] as number
    await sweepOverdue(t.ctx)
    // Weeks of reports were missed by the Sở since the directive's date, none yet by the station.
    expect((await assignment(parent)).status).toBe('late')
    const own = await assignment(sub)
    expect(own.status).not.toBe('late')
    expect(own.nextDue! > vnDay(0)).toBe(true)
    const page = (await tytRachGia.get(`/api/directives/orgs/${ids.tyt1}/assignments`)).json()
    const row = page.assignments.find((a: { assignmentId: number }) => a.assignmentId === sub)
    expect(row.deadline).toBe(vnDay(30))
    // A week and a day later without a report, the station is late too.
    await advanceDays(8)
    await sweepOverdue(t.ctx)
    expect((await assignment(sub)).status).toBe('late')
  })
})
