import { describe, expect, it } from 'vitest'
import type { ParsedDirective } from '../../../domain/documents/types.ts'
import { expandGroup, fromParsed, nextRef, toInput, unresolvedNames } from './draft.ts'
import { guessKind } from './guessKind.ts'

const parsed: ParsedDirective = {
  system: 'party',
  type: 'CV',
  number: '118',
  symbol: '118-CV/TU',
  issuer: { text: 'TỈNH ỦY AN GIANG', orgId: 1 },
  place: 'An Giang',
  date: '2026-11-26',
  urgency: null,
  secrecy: null,
  summary: 'tăng cường phòng, chống dịch',
  addressees: [{ text: 'Sở Y tế', orgId: 29 }, { text: 'Các sở, ban, ngành', groupKey: 'cac_so', memberIds: [29, 30, 31] }],
  recipients: [{ text: 'Lưu Văn phòng Tỉnh ủy' }],
  signing: { authority: 'TM', position: 'PHÓ BÍ THƯ', signer: 'Nguyễn Văn An', actingFor: 'BAN THƯỜNG VỤ' },
  references: [],
  body: '1. …',
  tasks: [
    {
      ref: '1',
      text: 'Trung tâm Y tế dự phòng tỉnh chủ trì, phối hợp với Công an tỉnh…',
      lead: [{ text: 'Trung tâm Y tế dự phòng tỉnh' }],
      coordinating: [{ text: 'Công an tỉnh', orgId: 35 }],
      deadline: '2026-12-01',
      cadence: { kind: 'once' },
      span: [10, 50],
    },
    {
      ref: '2',
      text: 'Ngành y tế các cấp…',
      lead: [{ text: 'Ngành y tế các cấp', groupKey: 'nganh_y_te', memberIds: [29, 63] }],
      coordinating: [{ text: 'Sở Y tế', orgId: 29 }],
      deadline: null,
      cadence: { kind: 'weekly' },
      span: [51, 80],
    },
  ],
  warnings: [],
  spans: {},
}

describe('the review draft', () => {
  it('sends only bodies from the registry, with the names as written', () => {
    const draft = fromParsed(parsed)
    expect(unresolvedNames(draft)).toBe(2)
    const input = toInput(draft)
    expect(input.tasks[0]).toEqual({ ref: '1', text: parsed.tasks[0]!.text, lead: [], coordinating: [35], namesAsWritten: { '35': 'Công an tỉnh' }, deadline: '2026-12-01', cadence: { kind: 'once' } })
    // An unconfirmed group is not an assignment yet.
    expect(input.tasks[1]!.lead).toEqual([])
    expect(input.addressees).toEqual([{ text: 'Sở Y tế', orgId: 29 }, { text: 'Các sở, ban, ngành', groupKey: 'cac_so', memberIds: [29, 30, 31] }])
    expect(input.issuerOrgId).toBe(1)
    expect(input.signing).toEqual({ authority: 'TM', position: 'PHÓ BÍ THƯ', signer: 'Nguyễn Văn An', actingFor: 'BAN THƯỜNG VỤ' })
  })

  it('expands a confirmed group into its members, skipping bodies already named', () => {
    const draft = fromParsed(parsed)
    const task = draft.tasks[1]!
    const lead = expandGroup([...task.lead, ...task.coordinating], task.lead[0]!.uid)
    expect(lead.map((b) => b.orgId)).toEqual([63, 29])
    expect(lead[0]!.text).toBe('Ngành y tế các cấp')
  })

  it('numbers a task added by hand after the highest number', () => {
    expect(nextRef(fromParsed(parsed).tasks)).toBe('3')
    expect(nextRef([])).toBe('1')
  })
})

describe('guessKind', () => {
  it('reads the kind of a new body from its name', () => {
    expect(guessKind('Sở Giáo dục và Đào tạo')).toBe('department')
    expect(guessKind('Đảng ủy Công an tỉnh')).toBe('party_affiliate_committee')
    expect(guessKind('Công an tỉnh')).toBe('police')
    expect(guessKind('UBND xã Hòn Đất')).toBe('peoples_committee')
    expect(guessKind('Trung tâm Y tế huyện Châu Thành')).toBe('health_centre')
    expect(guessKind('Bộ Chỉ huy Bộ đội Biên phòng tỉnh')).toBe('border_guard')
    expect(guessKind('Hợp tác xã Tân Tiến')).toBe('other')
  })
})
