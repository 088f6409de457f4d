import type { Agent } from '../../../test/harness.ts'

/** Events of one commune the route samples act on, one at each step. */
export interface EventFixtures {
  /** Registered with guests from abroad, advice not yet asked. */
  submittedId: number
  /** Advice asked, not yet given. */
  requestedId: number
  /** Advice given, no decision yet. */
  advisedId: number
  /** Approved with conditions: its reply can be printed. */
  decidedId: number
}

// biome-ignore lint/suspicious/noExplicitAny: fixture answers are read field by field
async function made(res: { statusCode: number; body: string; json(): unknown }): Promise<any> {
  if (res.statusCode >= 300) throw new Error(`fixture: ${res.statusCode} ${res.body}`)
  return res.json()
}

export const sampleEvent = (unitCode: string, title: string) => ({
  title,
  organiser: 'Công ty Du lịch Mẫu',
  contactName: 'Trần Thị Liên Hệ',
  contactPhone: '0912345678',
  place: 'Hội trường Mẫu',
  unitCode,
  setting: 'indoor',
  startsOn: '2026-12-12',
  startTime: '08:00',
  expectedAttendance: 80,
  foreignGuests: 5,
  countries: ['KR', 'JP'],
})

export async function eventFixtures(admin: Agent, unitCode: string): Promise<EventFixtures> {
  const create = async (title: string) => (await made(await admin.post('/api/events', sampleEvent(unitCode, title)))).id as number
  const [submittedId, requestedId, advisedId, decidedId] = [await create('Hội thảo Mẫu 1'), await create('Hội thảo Mẫu 2'), await create('Hội thảo Mẫu 3'), await create('Hội thảo Mẫu 4')]
  for (const id of [requestedId, advisedId, decidedId]) await made(await admin.post(`/api/events/${id}/advice-request`, {}))
  for (const id of [advisedId, decidedId]) await made(await admin.post(`/api/events/${id}/advice`, { text: 'Khách xuất trình kết quả xét nghiệm âm tính trong 72 giờ.' }))
  await made(await admin.post(`/api/events/${decidedId}/decision`, { decision: 'approved_with_conditions', conditions: ['Không quá 80 người.'] }))
  return { submittedId, requestedId, advisedId, decidedId }
}

export function eventSamples(f: EventFixtures, unitCode: string) {
  return {
    'GET /api/events/rules': { url: '/api/events/rules' },
    'POST /api/events/rules': { url: '/api/events/rules', body: { validFrom: '2026-07-01', definition: provinceVariant(), reason: 'Văn bản mẫu của tỉnh' } },
    'GET /api/events/assess': { url: `/api/events/assess?unitCode=${unitCode}&setting=outdoor&startsOn=2026-12-12&expectedAttendance=150&foreignGuests=3&countries=KR,US` },
    'GET /api/events': { url: `/api/events?unit=${unitCode}&from=2026-12-01&to=2026-12-31` },
    'POST /api/events': { url: '/api/events', body: sampleEvent(unitCode, 'Hội chợ Mẫu') },
    'GET /api/events/:id': { url: `/api/events/${f.submittedId}` },
    'POST /api/events/:id/advice-request': { url: `/api/events/${f.submittedId}/advice-request`, body: { to: 'Trung tâm Y tế khu vực' } },
    'POST /api/events/:id/advice': { url: `/api/events/${f.requestedId}/advice`, body: { text: 'Đồng ý, khách đã tiêm đủ liều.' } },
    'POST /api/events/:id/decision': { url: `/api/events/${f.advisedId}/decision`, body: { decision: 'approved_with_conditions', conditions: ['Đeo khẩu trang.'] } },
    'GET /api/events/:id/reply.docx': { url: `/api/events/${f.decidedId}/reply.docx` },
    'GET /api/public/events': { url: `/api/public/events?unit=${unitCode}` },
  }
}

/** A province's variant: the national set with its own limit at level 2 indoors. */
export function provinceVariant() {
  return {
    name: 'Quy định sự kiện của tỉnh (mẫu)',
    source: 'Văn bản mẫu của tỉnh',
    largeEventAttendance: 50,
    highRiskCountries: { codes: ['IN'], source: 'Văn bản mẫu của Sở Y tế', confidence: 'unverified' },
    levels: Object.fromEntries(
      ['1', '2', '3', '4'].map((l) => [
        l,
        Object.fromEntries(
          ['indoor', 'outdoor'].map((s) => [
            s,
            { verdict: l === '4' ? 'forbidden' : l === '1' ? 'allowed' : 'conditional', maxAttendance: l === '1' ? null : l === '4' ? 0 : 40, conditions: ['Thực hiện 5K.'], source: 'Văn bản mẫu của tỉnh', confidence: 'unverified' },
          ]),
        ),
      ]),
    ),
  }
}
