import { beforeAll, describe, expect, it } from 'vitest'
import { type Agent, testApp } from '../../../test/harness.ts'
import { docxText, textLines } from '../directives/render/testing.ts'

// Bodies across time, on a real database (PGlite, or PostgreSQL with DATABASE_URL). The clock
// stands in November 2026, after the 2025 reform.
const t = await testApp()

let admin: Agent
const ids: Record<string, number> = {}

const doc = (date: string, lines: string[]) =>
  [
    'TỈNH ỦY KIÊN GIANG',
    '*',
    `Số ${date.slice(2, 4)}-CV/TU`,
    'V/v tăng cường phòng, chống dịch',
    'ĐẢNG CỘNG SẢN VIỆT NAM',
    `Kiên Giang, ngày ${date.slice(8, 10)} tháng ${date.slice(5, 7)} năm ${date.slice(0, 4)}`,
    ...lines,
    '',
    'Nơi nhận:',
    '- Như trên,',
    '- Lưu Văn phòng Tỉnh ủy.',
    '',
    'T/M BAN THƯỜNG VỤ',
    'PHÓ BÍ THƯ',
    '',
    'Mai Văn Huỳnh',
  ].join('\n')

const directive = (date: string, tasks: { lead: number[]; coordinating?: number[]; namesAsWritten?: Record<string, string> }[], extra: Record<string, unknown> = {}) => ({
  system: 'party',
  type: 'CV',
  symbol: `${Math.floor(Math.random() * 1e6)}-CV/TU`,
  issuerName: 'TỈNH ỦY KIÊN GIANG',
  date,
  summary: 'V/v tăng cường phòng, chống dịch',
  addressees: [],
  recipients: [],
  body: 'Ban Thường vụ Tỉnh ủy yêu cầu thực hiện tốt các nhiệm vụ sau.',
  signing: { authority: 'TM', position: 'PHÓ BÍ THƯ', signer: 'Mai Văn Huỳnh' },
  references: [],
  sourceText: '',
  tasks: tasks.map((x, i) => ({ ref: String(i + 1), text: `Nhiệm vụ ${i + 1}`, coordinating: [], deadline: null, cadence: { kind: 'weekly' }, ...x })),
  ...extra,
})

beforeAll(async () => {
  admin = await t.userAgent('admin', '91')
  const make = async (key: string, body: Record<string, unknown>) => {
    const r = await admin.post('/api/orgs', body)
    expect(r.statusCode, r.body).toBe(201)
    ids[key] = r.json().id
  }
  await make('tu', { name: 'Tỉnh ủy An Giang', kind: 'party_committee', unitCode: '91', aliases: ['Tỉnh ủy', 'TU'] })
  await make('ubnd', { name: 'Ủy ban nhân dân tỉnh An Giang', kind: 'peoples_committee', unitCode: '91', aliases: ['UBND tỉnh', 'UBND'] })
  await make('ward1', { name: 'UBND phường Rạch Giá', kind: 'peoples_committee', unitCode: '30742' })
  await make('ward2', { name: 'UBND phường Vĩnh Thông', kind: 'peoples_committee', unitCode: '30760' })
  await make('city', { name: 'Ủy ban nhân dân thành phố Rạch Giá', kind: 'peoples_committee', unitCode: '91', aliases: ['UBND thành phố Rạch Giá'] })
  await make('tuKg', { name: 'Tỉnh ủy Kiên Giang', kind: 'party_committee', unitCode: '91', aliases: ['Tỉnh ủy', 'TU'] })
  // The bodies of old Kiên Giang served that province (the demo load sets this from its data).
  await t.database.db.updateTable('orgs').set({ servedUnitId: '2008:91' }).where('id', 'in', [ids.tuKg!]).execute()
  await t.database.db.updateTable('orgs').set({ servedUnitId: '2008:899' }).where('id', 'in', [ids.city!]).execute()
})

describe('bodies across time', () => {
  it('passes the open tasks of an abolished body to its successors, with a visible, audited note', async () => {
    const imported = await admin.post('/api/directives/import', directive('2024-03-01', [{ lead: [ids.city!], coordinating: [ids.ubnd!] }]))
    expect(imported.statusCode, imported.body).toBe(201)
    const retire = await admin.post(`/api/orgs/${ids.city}/retire`, {
      validTo: '2025-06-30',
      successors: [
        { orgId: ids.ward1, kind: 'split' },
        { orgId: ids.ward2, kind: 'split' },
      ],
      reason: 'sắp xếp đơn vị hành chính',
    })
    expect(retire.statusCode, retire.body).toBe(200)
    expect(retire.json().transferred).toBe(2)
    const d = (await admin.get(`/api/directives/${imported.json().id}`)).json()
    const byOrg = new Map<number, { role: string; transferNote: string | null }>(d.tasks[0].assignments.map((a: { orgId: number }) => [a.orgId, a]))
    expect(byOrg.has(ids.city!)).toBe(false)
    const note = 'Chuyển từ Ủy ban nhân dân thành phố Rạch Giá do sắp xếp đơn vị hành chính ngày 01/07/2025'
    expect(byOrg.get(ids.ward1!)).toMatchObject({ role: 'lead', transferNote: note })
    expect(byOrg.get(ids.ward2!)).toMatchObject({ role: 'lead', transferNote: note })
    expect(byOrg.get(ids.ubnd!)).toMatchObject({ role: 'coordinating', transferNote: null })
    const audit = await t.database.db.selectFrom('auditLog').select(['action', 'after']).where('entity', '=', 'task_assignments').where('action', '=', 'update').execute()
    expect(audit.map((a) => a.after)).toContainEqual(expect.objectContaining({ transferNote: note, orgId: ids.ward1 }))
    const links = await t.database.db.selectFrom('auditLog').select('action').where('entity', '=', 'org_successors').execute()
    expect(links).toHaveLength(2)
    // The body shows its validity and successors.
    const city = (await admin.get(`/api/orgs/${ids.city}`)).json()
    expect(city).toMatchObject({ validTo: '2025-06-30', current: false, servedUnit: 'thành phố Rạch Giá' })
    expect(city.successors.map((s: { id: number; kind: string }) => [s.id, s.kind])).toEqual([
      [ids.ward1, 'split'],
      [ids.ward2, 'split'],
    ])
    expect((await admin.get(`/api/orgs/${ids.ward1}`)).json().predecessors[0]).toMatchObject({ id: ids.city, effectiveOn: '2025-07-01' })
    // Lists filter current and historical bodies.
    const historical = (await admin.get('/api/orgs?status=historical')).json().orgs.map((o: { id: number }) => o.id)
    const current = (await admin.get('/api/orgs?status=current')).json().orgs.map((o: { id: number }) => o.id)
    expect(historical).toContain(ids.city)
    expect(current).not.toContain(ids.city)
    expect(current).toContain(ids.ward1)
    // Retiring twice, into itself, or at a date still to come is refused.
    expect((await admin.post(`/api/orgs/${ids.city}/retire`, { validTo: '2025-06-30', successors: [{ orgId: ids.ward1, kind: 'merged' }] })).json().error.code).toBe('ORG_ALREADY_RETIRED')
    expect((await admin.post(`/api/orgs/${ids.ward2}/retire`, { validTo: '2027-01-01', successors: [{ orgId: ids.ward1, kind: 'merged' }] })).json().error.code).toBe('ORG_RETIRE_DATE')
    expect((await admin.post(`/api/orgs/${ids.ward2}/retire`, { validTo: '2025-06-30', successors: [{ orgId: ids.ward2, kind: 'merged' }] })).json().error.code).toBe('ORG_SUCCESSOR_SELF')
    const commune = await t.userAgent('admin', '30760')
    expect((await commune.post(`/api/orgs/${ids.ubnd}/retire`, { validTo: '2025-06-30', successors: [{ orgId: ids.ward1, kind: 'merged' }] })).statusCode).toBe(403)
  })

  it('matches a name against the bodies that existed on the document’s date', async () => {
    const retired = await admin.post(`/api/orgs/${ids.tuKg}/retire`, { validTo: '2025-06-30', successors: [{ orgId: ids.tu, kind: 'merged' }], reason: 'hợp nhất tỉnh' })
    expect(retired.statusCode, retired.body).toBe(200)
    const lines = ['Kính gửi: - UBND thành phố Rạch Giá,', '- UBND tỉnh Sóc Trăng,', '- Sở Y tế tỉnh Cà Mau.', '', '1. Ban Chỉ đạo tỉnh Long An phối hợp kiểm soát người qua lại.']
    const in2021 = (await admin.post('/api/directives/parse', { text: doc('2021-05-26', lines) })).json()
    expect(in2021.date).toBe('2021-05-26')
    expect(in2021.issuer).toMatchObject({ orgId: ids.tuKg })
    expect(in2021.addressees[0]).toMatchObject({ text: 'UBND thành phố Rạch Giá', orgId: ids.city })
    expect(in2021.addressees.slice(1)).toEqual([
      { text: 'UBND tỉnh Sóc Trăng', external: true },
      { text: 'Sở Y tế tỉnh Cà Mau', external: true },
    ])
    const in2026 = (await admin.post('/api/directives/parse', { text: doc('2026-10-01', lines) })).json()
    expect(in2026.addressees[0]).toEqual({ text: 'UBND thành phố Rạch Giá', historicalOrgId: ids.city })
    expect(in2026.addressees.some((a: { orgId?: number }) => a.orgId === ids.ubnd)).toBe(false)
    // An external issuer is kept as written, with no body of ours.
    const external = (await admin.post('/api/directives/parse', { text: doc('2021-05-26', lines).replace('TỈNH ỦY KIÊN GIANG', 'ỦY BAN NHÂN DÂN TỈNH SÓC TRĂNG') })).json()
    expect(external.issuer).toMatchObject({ external: true })
    expect(external.issuer.orgId).toBeUndefined()
  })

  it('remembers a spelling the reviewer resolved, so the next document matches it', async () => {
    const spelled = 'Ủy ban phường Rạch Giá'
    const before = (await admin.post('/api/directives/parse', { text: doc('2026-10-01', [`Kính gửi: ${spelled}.`]) })).json()
    expect(before.addressees[0].orgId).toBeUndefined()
    const res = await admin.post(
      '/api/directives/import',
      directive('2026-10-01', [{ lead: [ids.ward1!], coordinating: [ids.ward2!], namesAsWritten: { [ids.ward1!]: spelled, [ids.ward2!]: 'các cơ quan, đơn vị' } }], { issuerOrgId: ids.tu, issuerName: 'TỈNH ỦY AN GIANG' }),
    )
    expect(res.statusCode, res.body).toBe(201)
    expect(res.json().learnedAliases).toEqual([{ orgId: ids.ward1, orgName: 'UBND phường Rạch Giá', alias: spelled }])
    const after = (await admin.post('/api/directives/parse', { text: doc('2026-10-01', [`Kính gửi: ${spelled}.`]) })).json()
    expect(after.addressees[0]).toMatchObject({ orgId: ids.ward1 })
    expect((await admin.get(`/api/orgs/${ids.ward2}`)).json().aliases).toEqual([])
    const audit = await t.database.db.selectFrom('auditLog').select(['after']).where('entity', '=', 'orgs').where('entityId', '=', String(ids.ward1)).where('action', '=', 'update').execute()
    expect(audit.some((a) => JSON.stringify(a.after).includes(spelled))).toBe(true)
  })

  it('renders a historical document’s header as issued and keeps its own “Nơi nhận” lines', async () => {
    const text = doc('2021-05-26', ['Kính gửi: - UBND thành phố Rạch Giá.', '', '1. Tỉnh ủy Kiên Giang chủ trì.'])
    const res = await admin.post(
      '/api/directives/import',
      directive('2021-05-26', [{ lead: [ids.tuKg!] }], {
        issuerOrgId: ids.tuKg,
        place: 'Kiên Giang',
        recipients: [{ text: 'UBND thành phố Rạch Giá', orgId: ids.city }],
        sourceText: text,
      }),
    )
    expect(res.statusCode, res.body).toBe(201)
    // Its task went to the abolished provincial committee, and passes at once to the successor.
    const d = (await admin.get(`/api/directives/${res.json().id}`)).json()
    expect(d.tasks[0].assignments).toEqual([expect.objectContaining({ orgId: ids.tu, transferNote: 'Chuyển từ Tỉnh ủy Kiên Giang do sắp xếp tổ chức bộ máy ngày 01/07/2025' })])
    const docx = await admin.get(`/api/directives/${res.json().id}/docx`)
    expect(docx.statusCode).toBe(200)
    const lines = textLines(await docxText(docx.rawPayload))
    expect(lines).toContain('ĐẢNG BỘ TỈNH KIÊN GIANG')
    expect(lines).toContain('TỈNH ỦY')
    expect(lines.join('\n')).not.toContain('AN GIANG')
    expect(lines.join('\n')).toMatch(/Kiên Giang, ngày 26 tháng 5 năm 2021/)
    expect(lines).toContain('- Như trên,')
    expect(lines).toContain('- Lưu Văn phòng Tỉnh ủy.')
  })
})
