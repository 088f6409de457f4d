import type { TaskStatus } from '../../../domain/documents/render-types.ts'
import type { Cadence, NameRef, ParsedDirective } from '../../../domain/documents/types.ts'
import type * as read from '../../../server/contexts/directives/read.ts'
import type * as service from '../../../server/contexts/directives/service.ts'
import { api, type Json, type Query } from '../../app/api.ts'
import type { JobView } from '../jobs/api.ts'

export type { Cadence, NameRef, ParsedDirective, TaskStatus }

type Loaded<F extends (...args: never) => unknown> = Json<Awaited<ReturnType<F>>>

export type DashboardFilter = read.DashboardFilter
export type Dashboard = Loaded<typeof read.dashboard>
export type OverdueRow = Dashboard['overdue'][number]

export type DirectiveList = Loaded<typeof read.listDirectives>
export type DirectiveListItem = DirectiveList['directives'][number]
export type OrgAssignments = Loaded<typeof read.orgAssignments>
export type OrgAssignment = OrgAssignments['assignments'][number]
export type OverduePage = Loaded<typeof read.overdueList>

type StoredDirective = Loaded<typeof read.getDirective>
/**
 * The server reads a task's cadence from a JSON column, so its type says nothing; it is always a
 * cadence, validated when the task was saved.
 */
export type TaskView = Omit<StoredDirective['tasks'][number], 'cadence'> & { cadence: Cadence }
export type DirectiveView = Omit<StoredDirective, 'tasks'> & { tasks: TaskView[] }
export type AssignmentView = TaskView['assignments'][number]
export type ReportView = AssignmentView['reports'][number]

export type DirectiveStatus = DirectiveView['status']
export type ReportStatus = ReportView['status']
export type ReviewState = ReportView['review']
export type Role = AssignmentView['role']

/** What POST /api/directives/parse answers: the text read, the proposal, and the names of the bodies it refers to. */
export type ParseResult = Loaded<typeof service.parseDocument>

/** What POST /api/directives and PUT /api/directives/:id take. */
export type DirectiveInput = service.DirectiveInput
export type TaskInput = service.TaskInput
export type Reference = DirectiveInput['references'][number]

/** A file sent to POST /api/uploads: the API names it by its id. */
export interface UploadedFile {
  uploadId: number
  fileName: string
}

export interface ImportInput extends DirectiveInput {
  sourceText: string
  uploadId?: number
}

export type ReportInput = Omit<service.ReportInput, 'attachments'> & { attachmentIds?: number[] }

export const DIRECTIVES_PER_PAGE = 50
/** Directives per page of the matrix, rows per page of the overdue list and of a body's tasks. */
export const MATRIX_PER_PAGE = 20
export const OVERDUE_PER_PAGE = 25
export const ORG_TASKS_PER_PAGE = 50

export type ExportFormat = 'docx' | 'pdf' | 'xlsx'

/** The filter's set fields only (a JSON body has no place for undefined). */
const definedFilter = (f: DashboardFilter) => Object.fromEntries(Object.entries(filterQuery(f)).filter(([, v]) => v !== undefined && v !== ''))

export const filterQuery = (f: DashboardFilter): Query => ({ from: f.from, to: f.to, issuerOrgId: f.issuerOrgId, unitCode: f.unitCode })

/** Addresses of files the browser downloads itself (the session cookie goes along). */
export const downloads = {
  directiveDocx: (id: number) => `/api/directives/${id}/docx`,
  directiveFile: (id: number, fileId: number) => `/api/directives/${id}/files/${fileId}`,
  reportFile: (reportId: number, fileId: number) => `/api/directives/reports/${reportId}/files/${fileId}`,
}

export const directivesApi = {
  dashboard: (f: DashboardFilter, signal?: AbortSignal, page = 0) =>
    api.get<Dashboard>('/api/directives/dashboard', { ...filterQuery(f), limit: MATRIX_PER_PAGE, offset: page * MATRIX_PER_PAGE }, signal),
  overdue: (f: DashboardFilter, page: number, signal?: AbortSignal) =>
    api.get<OverduePage>('/api/directives/overdue', { ...filterQuery(f), limit: OVERDUE_PER_PAGE, offset: page * OVERDUE_PER_PAGE }, signal),
  list: (f: { q?: string; status?: string; from?: string; to?: string; page: number }, signal?: AbortSignal) =>
    api.get<DirectiveList>(
      '/api/directives',
      { q: f.q, status: f.status, from: f.from, to: f.to, limit: DIRECTIVES_PER_PAGE, offset: f.page * DIRECTIVES_PER_PAGE },
      signal,
    ),
  get: (id: number, signal?: AbortSignal) => api.get<DirectiveView>(`/api/directives/${id}`, undefined, signal),
  orgAssignments: (orgId: number, f: DashboardFilter & { status?: TaskStatus | undefined; page: number }, signal?: AbortSignal) =>
    api.get<OrgAssignments>(
      `/api/directives/orgs/${orgId}/assignments`,
      { ...filterQuery(f), status: f.status, limit: ORG_TASKS_PER_PAGE, offset: f.page * ORG_TASKS_PER_PAGE },
      signal,
    ),
  parse: async (body: { text: string } | { uploadId: number }): Promise<ParseResult> => {
    const { sourceText, orgs, ...parsed } = await api.post<Json<service.ParseResponse>>('/api/directives/parse', body)
    return { text: sourceText, parsed, orgs }
  },
  importDirective: (body: ImportInput) => api.post<DirectiveView>('/api/directives/import', body),
  createDraft: (body: DirectiveInput) => api.post<DirectiveView>('/api/directives', body),
  updateDraft: (id: number, body: DirectiveInput) => api.put<DirectiveView>(`/api/directives/${id}`, body),
  deleteDraft: (id: number) => api.delete<{ ok: true }>(`/api/directives/${id}`),
  issue: (id: number) => api.post<DirectiveView>(`/api/directives/${id}/issue`, {}),
  postReport: (assignmentId: number, body: ReportInput) => api.post<{ id: number }>(`/api/directives/assignments/${assignmentId}/reports`, body),
  reviewReport: (reportId: number, body: { decision: 'accept' | 'return'; comment?: string }) => api.post<{ ok: true }>(`/api/directives/reports/${reportId}/review`, body),
  reassign: (assignmentId: number, orgId: number) => api.patch<{ ok: true }>(`/api/directives/assignments/${assignmentId}`, { orgId }),
  sweep: () => api.post<JobView>('/api/directives/sweep', {}),
  startExport: (format: ExportFormat, f: DashboardFilter) => api.post<JobView>('/api/directives/exports', { format, ...definedFilter(f) }),
  jobFile: (jobId: number) => `/api/jobs/${jobId}/file`,
}
