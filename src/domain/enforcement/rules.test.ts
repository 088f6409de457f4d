import { describe, expect, it } from 'vitest'
import { followupProblem, LEGAL_BASES, sanctionProblem } from './rules.ts'

describe('enforcement rules', () => {
  it('follows a violation up until it is closed, never after, never before it was recorded', () => {
    const open = { status: 'open' as const, createdOn: '2026-11-20' }
    expect(followupProblem(open, { on: '2026-11-21', closes: false, note: 'Đã nhắc nhở' })).toBeNull()
    expect(followupProblem(open, { on: '2026-11-19', closes: false, note: 'x' })).toContain('trước ngày lập biên bản')
    expect(followupProblem(open, { on: '2026-11-21', closes: true, note: ' ' })).toContain('kết quả khắc phục')
    expect(followupProblem({ ...open, status: 'closed' }, { on: '2026-11-22', closes: false, note: 'x' })).toContain('đã được kết thúc')
  })

  it('a fine names its amount, other sanctions none', () => {
    expect(sanctionProblem({ sanction: 'fine', fineAmount: null })).toContain('số tiền')
    expect(sanctionProblem({ sanction: 'fine', fineAmount: 5_000_000 })).toBeNull()
    expect(sanctionProblem({ sanction: 'warning', fineAmount: 1 })).toContain('Chỉ hình thức phạt tiền')
    expect(sanctionProblem({ sanction: 'suspension', fineAmount: null })).toBeNull()
  })

  it('every legal basis offered carries a confidence mark', () => {
    for (const b of LEGAL_BASES) expect(['verified', 'secondary', 'unverified']).toContain(b.confidence)
  })
})
