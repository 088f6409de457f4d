import { describe, expect, it } from 'vitest'
import { accuracyByField, evaluateDirective, sameText } from './evaluate.ts'
import { parseDirective } from './parse.ts'

const DOC = 'TỈNH ỦY AN GIANG\nSố 5-CV/TU\nAn Giang, ngày 1 tháng 6 năm 2024\nKính gửi: Sở Y tế\n\n1. Sở Y tế chủ trì, phối hợp với Công an tỉnh kiểm tra.\n2. Nội dung khác.\n\nNơi nhận:\n- Như trên,\n- Lưu VT.\n\nT/M BAN THƯỜNG VỤ\nPHÓ BÍ THƯ\n\nTrần Văn Nam'

describe('evaluateDirective', () => {
  const parsed = parseDirective(DOC)
  it('marks each given field correct or not', () => {
    const r = evaluateDirective(parsed, { type: 'CV', number: '5', symbol: '5-CV/TU', date: '2024-06-01', issuer: 'Tỉnh ủy An Giang', urgency: null, signer: 'TRẦN VĂN NAM', numberedTaskCount: 2 })
    expect(r.every((x) => x.correct && x.core)).toBe(true)
    expect(r.map((x) => x.field)).toEqual(['type', 'number+symbol', 'date', 'issuer', 'urgency', 'signer', 'numberedTaskCount'])
  })
  it('reports wrong fields and skips absent ones', () => {
    const r = evaluateDirective(parsed, { type: 'CT', date: '2024-06-02', place: 'An Giang' })
    expect(r.map((x) => [x.field, x.correct])).toEqual([
      ['type', false],
      ['date', false],
      ['place', true],
    ])
  })
  it('compares tasks by ref', () => {
    const r = evaluateDirective(parsed, { tasks: [{ ref: '1', lead: ['Sở Y tế'], coordinating: ['Công an tỉnh'], cadence: 'once' }, { ref: '9', lead: [] }] })
    expect(r.map((x) => [x.field, x.correct])).toEqual([
      ['task[1] lead', true],
      ['task[1] coordinating', true],
      ['task[1] cadence', true],
      ['task[9] found', false],
      ['task[9] lead', true],
    ])
  })
  it('pools accuracy per field', () => {
    const a = accuracyByField([evaluateDirective(parsed, { type: 'CV', date: null }), evaluateDirective(parsed, { type: 'CT' })])
    expect(a.find((x) => x.field === 'type')).toEqual({ field: 'type', correct: 1, total: 2, core: true })
    expect(a.find((x) => x.field === 'date')).toEqual({ field: 'date', correct: 0, total: 1, core: true })
  })
  it('ignores case, diacritics and punctuation in names', () => {
    expect(sameText('Ban cán sự đảng Ủy ban nhân dân tỉnh,', 'BAN CAN SU DANG UY BAN NHAN DAN TINH')).toBe(true)
    expect(sameText(null, '')).toBe(true)
    expect(sameText('Sở Y tế', 'Sở Tư pháp')).toBe(false)
  })
})
