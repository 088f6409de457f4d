import type { TaskStatus } from '../documents/render-types.ts'

/**
 * The Government Office's categories of assigned work: done on time, done late, in progress within
 * the deadline, overdue.
 */
export const TASK_CATEGORIES = {
  done_on_time: { vi: 'Hoàn thành đúng hạn', en: 'Done on time' },
  done_late: { vi: 'Hoàn thành quá hạn', en: 'Done late' },
  in_progress: { vi: 'Đang thực hiện trong hạn', en: 'In progress within the deadline' },
  overdue: { vi: 'Quá hạn', en: 'Overdue' },
} as const
export type TaskCategory = keyof typeof TASK_CATEGORIES
export const TASK_CATEGORY_KEYS = Object.keys(TASK_CATEGORIES) as [TaskCategory, ...TaskCategory[]]

export interface CategoryFacts {
  status: TaskStatus
  /** The deadline in force (the assignment's own, an extension, or the task's); null: none. */
  deadline: string | null
  /** The day the work was completed, when done; unknown counts as in time. */
  completedOn: string | null
  /** Today, ISO. */
  today: string
}

/**
 * The category of one assignment: done on time or late by its completion day against the deadline;
 * open work is overdue once it is late (a missed report or the deadline passed), else in progress.
 * `categorySql` in the directives context says the same in SQL; keep them together.
 */
export function taskCategory(f: CategoryFacts): TaskCategory {
  if (f.status === 'done') return f.deadline !== null && f.completedOn !== null && f.completedOn > f.deadline ? 'done_late' : 'done_on_time'
  if (f.status === 'late' || (f.deadline !== null && f.deadline < f.today)) return 'overdue'
  return 'in_progress'
}
