import { describe, expect, it } from 'vitest'
import { assessEvent, type EventFacts, NATIONAL_EVENT_RULES as RS, nextStatus, zEventRuleSet } from './rules.ts'

const facts = (over: Partial<EventFacts>): EventFacts => ({ level: 1, setting: 'indoor', attendance: 50, foreignGuests: 0, countries: [], ...over })

describe('event rules per level', () => {
  it('the shipped set is valid data with a source and a mark on every cell', () => {
    expect(zEventRuleSet.parse(RS)).toEqual(RS)
    for (const l of ['1', '2', '3', '4'] as const) {
      for (const s of ['indoor', 'outdoor'] as const) {
        expect(RS.levels[l][s].source).toContain('128/NQ-CP')
        expect(['verified', 'secondary', 'unverified']).toContain(RS.levels[l][s].confidence)
      }
    }
  })

  it('level 1: allowed at any size, with the measures', () => {
    const a = assessEvent(RS, facts({ level: 1, attendance: 5000 }))
    expect(a).toMatchObject({ verdict: 'allowed', maxAttendance: null, adviceRequired: false, large: true, confidence: 'secondary' })
    expect(a.conditions.length).toBeGreaterThan(0)
  })

  it('level 2: conditional up to the limit, not allowed one above it', () => {
    const lim = RS.levels['2'].indoor.maxAttendance!
    expect(assessEvent(RS, facts({ level: 2, attendance: lim })).verdict).toBe('conditional')
    const over = assessEvent(RS, facts({ level: 2, attendance: lim + 1 }))
    expect(over.verdict).toBe('forbidden')
    expect(over.reasons[0]).toContain(`tối đa ${lim} người`)
    expect(over.reconstructed).toBe(true)
    expect(assessEvent(RS, facts({ level: 2, setting: 'outdoor', attendance: lim + 1 })).verdict).toBe('conditional')
  })

  it('level 3: tighter limits indoors and outdoors', () => {
    const indoor = RS.levels['3'].indoor.maxAttendance!
    const outdoor = RS.levels['3'].outdoor.maxAttendance!
    expect(assessEvent(RS, facts({ level: 3, attendance: indoor })).verdict).toBe('conditional')
    expect(assessEvent(RS, facts({ level: 3, attendance: indoor + 1 })).verdict).toBe('forbidden')
    expect(assessEvent(RS, facts({ level: 3, setting: 'outdoor', attendance: outdoor })).verdict).toBe('conditional')
    expect(assessEvent(RS, facts({ level: 3, setting: 'outdoor', attendance: outdoor + 1 })).verdict).toBe('forbidden')
  })

  it('level 4: not allowed whatever the size', () => {
    const a = assessEvent(RS, facts({ level: 4, attendance: 1 }))
    expect(a.verdict).toBe('forbidden')
    expect(a.reasons[0]).toContain('không được tổ chức')
  })

  it('no level published: decided case by case after health advice', () => {
    const a = assessEvent(RS, facts({ level: null }))
    expect(a).toMatchObject({ verdict: 'conditional', adviceRequired: true, level: null })
  })

  it('guests from abroad need health advice and make an allowed event conditional; high-risk countries are named', () => {
    const rs = { ...RS, highRiskCountries: { ...RS.highRiskCountries, codes: ['IN'] } }
    const a = assessEvent(rs, facts({ level: 1, foreignGuests: 12, countries: ['KR', 'IN'] }))
    expect(a).toMatchObject({ verdict: 'conditional', adviceRequired: true, highRiskCountries: ['IN'] })
    expect(a.reasons.join(' ')).toContain('nước có nguy cơ cao: IN')
  })

  it('a province variant with its own limit is followed', () => {
    const rs = structuredClone(RS)
    rs.levels['2'].indoor.maxAttendance = 20
    expect(assessEvent(rs, facts({ level: 2, attendance: 21 })).verdict).toBe('forbidden')
  })
})

describe('the steps of an event', () => {
  const plain = { adviceRequired: false, verdict: 'conditional' as const }
  const foreign = { adviceRequired: true, verdict: 'conditional' as const }
  const refusedMsg = (r: ReturnType<typeof nextStatus>) => ('refused' in r ? r.refused : null)

  it('requested, advised, then approved with conditions', () => {
    expect(nextStatus('submitted', { kind: 'request_advice' }, foreign)).toEqual({ status: 'advice_requested' })
    expect(nextStatus('advice_requested', { kind: 'advise' }, foreign)).toEqual({ status: 'advised' })
    expect(nextStatus('advised', { kind: 'decide', decision: 'approved_with_conditions', conditions: 2 }, foreign)).toEqual({ status: 'approved_with_conditions' })
  })

  it('refuses the wrong order in Vietnamese', () => {
    expect(refusedMsg(nextStatus('submitted', { kind: 'advise' }, foreign))).toContain('hãy gửi yêu cầu trước')
    expect(refusedMsg(nextStatus('submitted', { kind: 'decide', decision: 'approved_with_conditions', conditions: 1 }, foreign))).toContain('ý kiến của cơ quan y tế')
    expect(refusedMsg(nextStatus('advised', { kind: 'request_advice' }, foreign))).toContain('Chỉ xin ý kiến')
    expect(refusedMsg(nextStatus('approved', { kind: 'decide', decision: 'refused', conditions: 0 }, plain))).toContain('đã có quyết định')
    expect(refusedMsg(nextStatus('submitted', { kind: 'decide', decision: 'approved', conditions: 0 }, plain))).toContain('có điều kiện')
    expect(refusedMsg(nextStatus('submitted', { kind: 'decide', decision: 'approved_with_conditions', conditions: 0 }, plain))).toContain('ít nhất một điều kiện')
    expect(refusedMsg(nextStatus('submitted', { kind: 'decide', decision: 'approved', conditions: 0 }, { adviceRequired: false, verdict: 'forbidden' }))).toContain('không được tổ chức')
  })

  it('an allowed event without guests from abroad is approved directly; any event may be refused', () => {
    expect(nextStatus('submitted', { kind: 'decide', decision: 'approved', conditions: 0 }, { adviceRequired: false, verdict: 'allowed' })).toEqual({ status: 'approved' })
    expect(nextStatus('advice_requested', { kind: 'decide', decision: 'refused', conditions: 0 }, foreign)).toEqual({ status: 'refused' })
  })
})
