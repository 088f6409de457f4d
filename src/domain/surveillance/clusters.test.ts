import { describe, expect, it } from 'vitest'
import { clusterClosesOn, clusterStateOn, quietSince } from './clusters.ts'

describe('cluster closing', () => {
  it('counts the quiet period from the last case, or from the opening day before any case', () => {
    expect(quietSince('2026-10-01', null)).toBe('2026-10-01')
    expect(quietSince('2026-10-01', '2026-10-20')).toBe('2026-10-20')
    // A case dated before the cluster was opened does not move the start back.
    expect(quietSince('2026-10-01', '2026-09-15')).toBe('2026-10-01')
  })

  it('closes the given number of days after the last case, across months and years', () => {
    expect(clusterClosesOn('2026-10-01', '2026-10-20', 28)).toBe('2026-11-17')
    expect(clusterClosesOn('2026-12-01', '2026-12-20', 28)).toBe('2027-01-17')
    expect(clusterClosesOn('2028-02-01', '2028-02-28', 1)).toBe('2028-02-29')
    expect(clusterClosesOn('2026-10-01', null, 14)).toBe('2026-10-15')
  })

  it('is active until the closing day and closed from it, dated that day', () => {
    const c = { openedOn: '2026-10-01', lastCaseOn: '2026-10-20', closeDays: 28 }
    expect(clusterStateOn(c, '2026-11-16')).toEqual({ status: 'active', closedOn: null, closesOn: '2026-11-17' })
    expect(clusterStateOn(c, '2026-11-17')).toEqual({ status: 'closed', closedOn: '2026-11-17', closesOn: '2026-11-17' })
    // Checked late, it still closed on its day.
    expect(clusterStateOn(c, '2026-12-31').closedOn).toBe('2026-11-17')
  })

  it('reopens for a new case and stays closed for an old one', () => {
    const closed = { openedOn: '2026-09-01', lastCaseOn: '2026-09-10', closeDays: 28 }
    expect(clusterStateOn(closed, '2026-11-26').status).toBe('closed')
    expect(clusterStateOn({ ...closed, lastCaseOn: '2026-11-25' }, '2026-11-26').status).toBe('active')
    expect(clusterStateOn({ ...closed, lastCaseOn: '2026-09-20' }, '2026-11-26').status).toBe('closed')
  })

  it('refuses a rule without a positive whole number of days', () => {
    for (const n of [0, -3, 1.5, Number.NaN]) expect(() => clusterClosesOn('2026-10-01', null, n)).toThrow(RangeError)
  })
})
