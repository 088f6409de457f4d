import type { TaskCategory } from '../../../domain/directives/categories.ts'
import type * as cascade from '../../../server/contexts/directives/cascade.ts'
import { api, type Json } from '../../app/api.ts'
import type { TaskStatus } from './api.ts'

type Loaded<F extends (...args: never) => unknown> = Json<Awaited<ReturnType<F>>>

export type MyTasks = Loaded<typeof cascade.myTasks>
export type MyTask = MyTasks['items'][number]
export type CategoryCounts = Loaded<typeof cascade.categoryCounts>
export type DirectiveCascade = Loaded<typeof cascade.directiveCascade>
export type CascadeAssignment = DirectiveCascade['assignments'][number]
export type ExtensionRequest = DirectiveCascade['extensionRequests'][number]
export type CascadeOptions = Loaded<typeof cascade.cascadeOptions>

export const MY_TASKS_PER_PAGE = 25

export const CATEGORIES: TaskCategory[] = ['overdue', 'in_progress', 'done_on_time', 'done_late']

export const cascadeApi = {
  mine: (f: { status?: TaskStatus | undefined; category?: TaskCategory | undefined; overdue?: boolean; page: number }, signal?: AbortSignal) =>
    api.get<MyTasks>(
      '/api/directives/mine',
      { status: f.status, category: f.category, overdue: f.overdue ? 'true' : undefined, limit: MY_TASKS_PER_PAGE, offset: f.page * MY_TASKS_PER_PAGE },
      signal,
    ),
  categories: (orgId: number | undefined, signal?: AbortSignal) => api.get<CategoryCounts>('/api/directives/categories', { orgId }, signal),
  ofDirective: (id: number, signal?: AbortSignal) => api.get<DirectiveCascade>(`/api/directives/${id}/cascade`, undefined, signal),
  options: (assignmentId: number, kind: string | undefined, signal?: AbortSignal) =>
    api.get<CascadeOptions>(`/api/directives/assignments/${assignmentId}/cascade-options`, { kind }, signal),
  cascade: (assignmentId: number, body: { orgIds: number[]; deadline?: string | null }) =>
    api.post<{ created: number[]; alreadyAssigned: string[] }>(`/api/directives/assignments/${assignmentId}/cascade`, body),
  requestExtension: (assignmentId: number, body: { deadline: string; reason: string }) =>
    api.post<{ id: number }>(`/api/directives/assignments/${assignmentId}/extension-requests`, body),
  decideExtension: (id: number, body: { decision: 'approve' | 'refuse'; comment?: string }) => api.post<{ ok: true }>(`/api/directives/extension-requests/${id}/decision`, body),
}
