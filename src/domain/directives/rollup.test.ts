import { describe, expect, it } from 'vitest'
import type { TaskStatus } from '../documents/render-types.ts'
import { rollUp, type StandingFacts } from './rollup.ts'

const s = (status: TaskStatus, extra: Partial<StandingFacts> = {}): StandingFacts => ({
  status,
  overdueSince: status === 'late' ? '2026-11-10' : null,
  percent: status === 'done' ? 100 : status === 'not_started' ? null : 50,
  completedOn: status === 'done' ? '2026-11-12' : null,
  ...extra,
})
const TODAY = '2026-11-15'
const run = (own: StandingFacts, subs: StandingFacts[], deadline: string | null = '2026-11-20', today = TODAY) => rollUp({ own, subs, deadline, today })
const STATUSES: TaskStatus[] = ['done', 'on_time', 'late', 'not_started']

describe('rolling a parent assignment up from its sub-assignments', () => {
  it('keeps the own standing when nothing was cascaded', () => {
    for (const st of STATUSES) expect(run(s(st), [])).toEqual(s(st))
  })

  it('is done when every sub-assignment is done, on the day the last one was completed', () => {
    const r = run(s('not_started'), [s('done', { completedOn: '2026-11-11' }), s('done', { completedOn: '2026-11-14' })])
    expect(r).toEqual({ status: 'done', overdueSince: null, percent: 100, completedOn: '2026-11-14' })
  })

  it('is done when its own completion was accepted, whatever the sub-assignments say', () => {
    for (const st of STATUSES) expect(run(s('done'), [s(st)]).status).toBe('done')
  })

  it('is not done while one sub-assignment is open', () => {
    for (const st of STATUSES.filter((x) => x !== 'done')) expect(run(s('on_time'), [s('done'), s(st)]).status).not.toBe('done')
  })

  it('is late when a sub-assignment is open after the parent deadline, since that deadline', () => {
    for (const st of ['on_time', 'late', 'not_started'] as TaskStatus[]) {
      expect(run(s('on_time'), [s('done'), s(st)], '2026-11-12')).toMatchObject({ status: 'late', overdueSince: '2026-11-12' })
    }
  })

  it('leaves the parent on time when a sub-assignment is late before the parent deadline', () => {
    expect(run(s('not_started'), [s('late'), s('on_time')], '2026-11-20')).toMatchObject({ status: 'on_time', overdueSince: null })
  })

  it('is late when a sub-assignment is late and the parent has no deadline', () => {
    expect(run(s('on_time'), [s('late', { overdueSince: '2026-11-08' })], null)).toMatchObject({ status: 'late', overdueSince: '2026-11-08' })
  })

  it('stays late when it is late itself, from the earliest missed date', () => {
    expect(run(s('late', { overdueSince: '2026-11-05' }), [s('on_time')])).toMatchObject({ status: 'late', overdueSince: '2026-11-05' })
    expect(run(s('late', { overdueSince: '2026-11-14' }), [s('on_time')], '2026-11-13')).toMatchObject({ status: 'late', overdueSince: '2026-11-13' })
  })

  it('is on time once anyone has reported, not started otherwise', () => {
    expect(run(s('not_started'), [s('not_started'), s('on_time')]).status).toBe('on_time')
    expect(run(s('on_time'), [s('not_started')]).status).toBe('on_time')
    expect(run(s('not_started'), [s('not_started'), s('done')]).status).toBe('on_time')
    expect(run(s('not_started'), [s('not_started'), s('not_started')])).toEqual({ status: 'not_started', overdueSince: null, percent: null, completedOn: null })
  })

  it('shows the mean progress of the sub-assignments when the parent has not reported', () => {
    expect(run(s('not_started'), [s('done'), s('on_time', { percent: 20 }), s('not_started')]).percent).toBe(40)
    expect(run(s('on_time', { percent: 70 }), [s('done'), s('not_started')]).percent).toBe(70)
  })

  it('gives a defined answer for every combination of own and sub-assignment statuses, deadline and day', () => {
    for (const own of STATUSES)
      for (const a of STATUSES)
        for (const b of STATUSES)
          for (const deadline of [null, '2026-11-10', '2026-11-15', '2026-11-20']) {
            const r = run(s(own), [s(a), s(b)], deadline)
            expect(STATUSES).toContain(r.status)
            expect(r.status === 'late').toBe(r.overdueSince !== null)
            expect(r.status === 'done').toBe(r.completedOn !== null)
            if (own === 'done' || (a === 'done' && b === 'done')) expect(r.status).toBe('done')
            else if (own === 'late' || (deadline !== null && deadline < TODAY) || (deadline === null && (a === 'late' || b === 'late'))) expect(r.status).toBe('late')
            else if (own === 'not_started' && a === 'not_started' && b === 'not_started') expect(r.status).toBe('not_started')
            else expect(r.status).toBe('on_time')
          }
  })
})
