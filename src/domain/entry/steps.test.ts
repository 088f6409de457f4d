import { describe, expect, it } from 'vitest'
import { STAGES, nextStep, stepRefusal } from './steps.ts'

const t = (h: number) => new Date(Date.UTC(2026, 10, 25, h))

describe('illegal-entry steps', () => {
  it('accepts each step only right after the one before it', () => {
    expect(STAGES.map(nextStep)).toEqual(['interception', 'handover', 'placement', 'outcome', null])
    expect(stepRefusal('reported', 'interception', t(2), null, t(1))).toBeNull()
    expect(stepRefusal('intercepted', 'handover', t(3), t(2), t(1))).toBeNull()
    expect(stepRefusal('handed_over', 'placement', t(4), t(3), t(1))).toBeNull()
    expect(stepRefusal('placed', 'outcome', t(5), t(4), t(1))).toBeNull()
  })

  it('names the step to record first, or the one already recorded, in Vietnamese', () => {
    expect(stepRefusal('reported', 'handover', t(2), null, t(1))).toBe('Chưa thể ghi “Bàn giao”: cần ghi bước “Chặn giữ, phát hiện” trước.')
    expect(stepRefusal('reported', 'outcome', t(2), null, t(1))).toContain('“Chặn giữ, phát hiện” trước')
    expect(stepRefusal('handed_over', 'interception', t(4), t(3), t(1))).toBe('Bước “Chặn giữ, phát hiện” đã được ghi. Bước tiếp theo là “Đưa vào cách ly”.')
    expect(stepRefusal('concluded', 'outcome', t(6), t(5), t(1))).toContain('đã có kết quả xử lý')
  })

  it('refuses a time before the crossing or before the last step', () => {
    expect(stepRefusal('reported', 'interception', t(0), null, t(1))).toContain('trước thời điểm vượt biên')
    expect(stepRefusal('intercepted', 'handover', t(2), t(3), t(1))).toContain('trước bước đã ghi')
    expect(stepRefusal('intercepted', 'handover', t(3), t(3), t(1))).toBeNull()
  })
})
