import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { assignmentNextCheck, assignmentState, daysLate, firstDueOnOrAfter, reportDueDates, worstStatus } from './status.ts'

describe('reportDueDates', () => {
  it('gives the deadline of a one-off task once it is reached', () => {
    expect(reportDueDates({ kind: 'once' }, '2026-01-05', '2026-01-20', '2026-01-10')).toEqual([])
    expect(reportDueDates({ kind: 'once' }, '2026-01-05', '2026-01-20', '2026-02-01')).toEqual(['2026-01-20'])
  })
  it('steps weekly, monthly and by a regular period, stopping at the deadline', () => {
    expect(reportDueDates({ kind: 'weekly' }, '2026-01-01', null, '2026-01-22')).toEqual(['2026-01-08', '2026-01-15', '2026-01-22'])
    expect(reportDueDates({ kind: 'monthly' }, '2026-01-31', null, '2026-04-30')).toEqual(['2026-02-28', '2026-03-31', '2026-04-30'])
    expect(reportDueDates({ kind: 'regular', everyDays: 10 }, '2026-01-01', '2026-01-25', '2026-03-01')).toEqual(['2026-01-11', '2026-01-21', '2026-01-25'])
  })
  it('has no schedule for ad hoc reporting', () => {
    expect(reportDueDates({ kind: 'ad_hoc' }, '2026-01-01', null, '2027-01-01')).toEqual([])
  })
  it('returns sorted dates from the issue date up to the limit and the deadline', () => {
    fc.assert(
      fc.property(
        fc.constantFrom({ kind: 'weekly' } as const, { kind: 'monthly' } as const, { kind: 'regular', everyDays: 3 } as const, { kind: 'once' } as const),
        fc.integer({ min: 0, max: 400 }),
        fc.integer({ min: 0, max: 400 }),
        (cadence, deadlineIn, untilIn) => {
          const at = (n: number) => new Date(Date.UTC(2026, 0, 1 + n)).toISOString().slice(0, 10)
          const dates = reportDueDates(cadence, at(0), at(deadlineIn), at(untilIn))
          expect([...dates].sort()).toEqual(dates)
          for (const d of dates) expect(d >= at(0) && d <= at(untilIn) && d <= at(deadlineIn)).toBe(true)
        },
      ),
    )
  })
})

describe('assignmentState', () => {
  const base = { cadence: { kind: 'once' } as const, issuedOn: '2026-01-05', deadline: '2026-01-20' }
  it('is not started before anything is due or reported', () => {
    expect(assignmentState({ ...base, reports: [], today: '2026-01-10' })).toEqual({ status: 'not_started', overdueSince: null, nextDue: '2026-01-20' })
  })
  it('is on time with a progress report before the deadline', () => {
    const s = assignmentState({ ...base, reports: [{ submittedOn: '2026-01-12', status: 'in_progress', review: 'pending' }], today: '2026-01-15' })
    expect(s.status).toBe('on_time')
  })
  it('is late the day after a deadline without completion, even with progress reports', () => {
    const reports = [{ submittedOn: '2026-01-12', status: 'in_progress', review: 'accepted' } as const]
    expect(assignmentState({ ...base, reports, today: '2026-01-20' }).status).toBe('on_time')
    expect(assignmentState({ ...base, reports, today: '2026-01-21' })).toMatchObject({ status: 'late', overdueSince: '2026-01-20' })
  })
  it('is done once a completion report is accepted, and not while it awaits review', () => {
    const pending = [{ submittedOn: '2026-01-18', status: 'done', review: 'pending' } as const]
    expect(assignmentState({ ...base, reports: pending, today: '2026-01-19' }).status).toBe('on_time')
    const accepted = [{ submittedOn: '2026-01-18', status: 'done', review: 'accepted' } as const]
    expect(assignmentState({ ...base, reports: accepted, today: '2026-03-01' }).status).toBe('done')
  })
  it('does not count returned reports', () => {
    const reports = [{ submittedOn: '2026-01-18', status: 'done', review: 'returned' } as const]
    expect(assignmentState({ ...base, reports, today: '2026-01-25' }).status).toBe('late')
  })
  it('is late when a weekly report is missed', () => {
    const weekly = { cadence: { kind: 'weekly' } as const, issuedOn: '2026-01-01', deadline: null }
    const reports = [{ submittedOn: '2026-01-07', status: 'in_progress', review: 'pending' } as const]
    expect(assignmentState({ ...weekly, reports, today: '2026-01-10' }).status).toBe('on_time')
    expect(assignmentState({ ...weekly, reports, today: '2026-01-16' })).toMatchObject({ status: 'late', overdueSince: '2026-01-15' })
  })
  it('counts days late and picks the worst status', () => {
    expect(daysLate('2026-01-20', '2026-01-25')).toBe(5)
    expect(worstStatus(['done', 'late', 'on_time'])).toBe('late')
    expect(worstStatus([])).toBe(null)
  })
})

describe('the next check', () => {
  it('finds the first due date on or after a day exactly as listing them all would', () => {
    fc.assert(
      fc.property(
        fc.constantFrom({ kind: 'weekly' } as const, { kind: 'monthly' } as const, { kind: 'regular', everyDays: 3 } as const, { kind: 'regular', everyDays: 1 } as const, { kind: 'once' } as const, { kind: 'ad_hoc' } as const),
        fc.integer({ min: 0, max: 1400 }),
        fc.option(fc.integer({ min: 0, max: 1400 })),
        (cadence, dayIn, deadlineIn) => {
          const at = (n: number) => new Date(Date.UTC(2026, 0, 31 + n)).toISOString().slice(0, 10)
          const deadline = deadlineIn === null ? null : at(deadlineIn)
          const listed = reportDueDates(cadence, at(0), deadline, '9999-12-31').find((d) => d >= at(dayIn)) ?? null
          expect(firstDueOnOrAfter(cadence, at(0), deadline, at(dayIn))).toBe(listed)
        },
      ),
    )
  })
  it('is the day after the next due date, and never for done work', () => {
    expect(assignmentNextCheck({ status: 'on_time', overdueSince: null, nextDue: '2026-02-10' })).toBe('2026-02-11')
    expect(assignmentNextCheck({ status: 'late', overdueSince: '2026-01-10', nextDue: '2026-01-31' })).toBe('2026-02-01')
    expect(assignmentNextCheck({ status: 'done', overdueSince: null, nextDue: null })).toBe(null)
    expect(assignmentNextCheck({ status: 'on_time', overdueSince: null, nextDue: null })).toBe(null)
  })
  it('does not change the state before that day, whatever the reports', () => {
    const facts = { cadence: { kind: 'weekly' } as const, issuedOn: '2026-01-01', deadline: '2026-03-01', reports: [] }
    const now = assignmentState({ ...facts, today: '2026-01-10' })
    const check = assignmentNextCheck(now)!
    expect(assignmentState({ ...facts, today: '2026-01-14' })).toEqual(now)
    expect(check).toBe('2026-01-16')
    expect(assignmentState({ ...facts, today: check })).not.toEqual(now)
  })
})
