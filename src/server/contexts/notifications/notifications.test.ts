import nodemailer from 'nodemailer'
import { afterAll, describe, expect, it } from 'vitest'
import { testApp } from '../../../test/harness.ts'
import { configureMail, notify } from './service.ts'

const t = await testApp()
afterAll(() => configureMail(undefined))

describe('notifications', () => {
  it('delivers in-app once per key, counts unread and marks read', async () => {
    const u = await t.userAgent('viewer', '91')
    for (let i = 0; i < 2; i++) await notify(t.ctx, { userIds: [u.userId], kind: 'test', title: 'Nhắc việc', dedupeKey: 'k1' })
    await notify(t.ctx, { userIds: [u.userId], kind: 'test', title: 'Việc khác', dedupeKey: 'k2' })
    const mine = (await u.get('/api/notifications')).json()
    expect(mine.unread).toBe(2)
    expect(mine.items.map((n: { title: string }) => n.title).sort()).toEqual(['Nhắc việc', 'Việc khác'])
    await u.post(`/api/notifications/${mine.items[0].id}/read`)
    expect((await u.get('/api/notifications')).json().unread).toBe(1)
    await u.post('/api/notifications/read-all')
    expect((await u.get('/api/notifications?unread=1')).json().items).toEqual([])
  })

  it('does not let one user read another’s notifications', async () => {
    const a = await t.userAgent('viewer', '91')
    const b = await t.userAgent('viewer', '91')
    await notify(t.ctx, { userIds: [a.userId], kind: 'test', title: 'Riêng', dedupeKey: 'r' })
    const id = (await a.get('/api/notifications')).json().items[0].id
    expect((await b.post(`/api/notifications/${id}/read`)).json().updated).toBe(0)
    expect((await a.get('/api/notifications')).json().unread).toBe(1)
  })

  it('e-mails notifications when SMTP is configured', async () => {
    const sent: { to: { address: string }[]; subject: string }[] = []
    const transport = nodemailer.createTransport({ jsonTransport: true })
    const send = transport.sendMail.bind(transport)
    transport.sendMail = (async (m: Parameters<typeof send>[0]) => {
      const info = await send(m)
      sent.push(JSON.parse(String(info.message)))
      return info
    }) as typeof transport.sendMail
    configureMail(undefined, { from: 'phongdich <bcd@angiang.gov.vn>', domain: 'angiang.gov.vn' }, transport)
    const u = await t.userAgent('viewer', '91', 'canbo.mail')
    await notify(t.ctx, { userIds: [u.userId], kind: 'task_late', title: 'Trễ hạn: 12-CV/TU', body: 'Sở Y tế chưa báo cáo', dedupeKey: 'mail1' })
    expect(sent).toHaveLength(1)
    expect(sent[0]!.to[0]!.address).toBe('canbo.mail@angiang.gov.vn')
    expect(sent[0]!.subject).toBe('[phongdich] Trễ hạn: 12-CV/TU')
    const row = await t.database.db.selectFrom('notifications').select('emailedAt').where('dedupeKey', '=', 'mail1').executeTakeFirstOrThrow()
    expect(row.emailedAt).not.toBe(null)
  })
})
