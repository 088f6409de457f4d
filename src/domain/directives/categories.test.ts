import { describe, expect, it } from 'vitest'
import type { TaskStatus } from '../documents/render-types.ts'
import { TASK_CATEGORIES, taskCategory } from './categories.ts'

const TODAY = '2026-11-15'
const c = (status: TaskStatus, deadline: string | null, completedOn: string | null = null, today = TODAY) => taskCategory({ status, deadline, completedOn, today })

describe('the Government Office categories', () => {
  it('names every category in Vietnamese and English', () => {
    expect(Object.values(TASK_CATEGORIES).map((x) => x.vi)).toEqual(['Hoàn thành đúng hạn', 'Hoàn thành quá hạn', 'Đang thực hiện trong hạn', 'Quá hạn'])
  })

  it('splits done work by its completion day against the deadline', () => {
    expect(c('done', '2026-11-10', '2026-11-10')).toBe('done_on_time')
    expect(c('done', '2026-11-10', '2026-11-09')).toBe('done_on_time')
    expect(c('done', '2026-11-10', '2026-11-11')).toBe('done_late')
    expect(c('done', null, '2026-11-11')).toBe('done_on_time')
    expect(c('done', '2026-11-10', null)).toBe('done_on_time')
  })

  it('counts open work overdue once late or past the deadline, in progress otherwise', () => {
    for (const st of ['on_time', 'not_started'] as TaskStatus[]) {
      expect(c(st, '2026-11-15')).toBe('in_progress')
      expect(c(st, '2026-11-14')).toBe('overdue')
      expect(c(st, null)).toBe('in_progress')
    }
    expect(c('late', '2026-11-30')).toBe('overdue')
    expect(c('late', null)).toBe('overdue')
  })

  it('puts every status, deadline and completion day in exactly one category', () => {
    const days = [null, '2026-11-14', '2026-11-15', '2026-11-16']
    for (const st of ['done', 'on_time', 'late', 'not_started'] as TaskStatus[])
      for (const d of days)
        for (const done of days) {
          const r = c(st, d, st === 'done' ? done : null)
          expect(Object.keys(TASK_CATEGORIES)).toContain(r)
          expect(r.startsWith('done')).toBe(st === 'done')
        }
  })
})
