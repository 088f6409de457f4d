import type { TaskStatus } from '../../../domain/documents/render-types.ts'
import type { Cadence, DocumentSystem, DocumentType, NameRef, ParsedDirective, SigningAuthority } from '../../../domain/documents/types.ts'
import { api, type Query, withQuery } from '../../app/api.ts'
import type { JobView } from '../jobs/api.ts'

export type { Cadence, NameRef, ParsedDirective, TaskStatus }

export type DirectiveStatus = 'imported' | 'draft' | 'issued'
export type ReportStatus = 'in_progress' | 'done' | 'blocked'
export type ReviewState = 'pending' | 'accepted' | 'returned'
export type Role = 'lead' | 'coordinating'

export interface DashboardFilter {
  from?: string
  to?: string
  issuerOrgId?: number
  /** Only bodies located in this unit's subtree. */
  unitCode?: string
}

type Counts = Record<TaskStatus, number>

export interface Dashboard {
  today: string
  totals: Counts & { assignments: number; directives: number }
  directives: { id: number; symbol: string | null; summary: string; date: string | null; issuerName: string }[]
  orgs: { id: number; name: string; head: string | null; headPosition: string | null; counts: Counts }[]
  cells: { directiveId: number; orgId: number; status: TaskStatus; count: number }[]
  overdue: OverdueRow[]
}

export interface OverdueRow {
  assignmentId: number
  directiveId: number
  symbol: string | null
  summary: string
  taskRef: string
  taskText: string
  orgId: number
  orgName: string
  role: Role
  head: string | null
  headPosition: string | null
  overdueSince: string
  daysLate: number
}

export interface DirectiveListItem {
  id: number
  status: DirectiveStatus
  system: DocumentSystem
  docType: DocumentType
  symbol: string | null
  issuerName: string
  issuerOrgId: number | null
  issuedOn: string | null
  urgency: string | null
  secrecy: string | null
  summary: string
  createdAt: string | null
  taskCount: number
}

export interface ReportView {
  id: number
  text: string
  status: ReportStatus
  percent: number
  submittedAt: string | null
  submittedBy: string | null
  review: ReviewState
  reviewComment: string | null
  reviewedBy: string | null
  reviewedAt: string | null
  files: { id: number; fileName: string }[]
}

export interface AssignmentView {
  id: number
  orgId: number
  orgName: string
  nameAsWritten: string | null
  role: Role
  status: TaskStatus
  statusName: string
  overdueSince: string | null
  nextDue: string | null
  percent: number | null
  head: string | null
  headPosition: string | null
  reports: ReportView[]
}

export interface TaskView {
  id: number
  ref: string
  text: string
  deadline: string | null
  cadence: Cadence
  assignments: AssignmentView[]
}

export interface Signing {
  authority: SigningAuthority | null
  position: string | null
  signer: string | null
  actingFor?: string | null
}

export interface Reference {
  text: string
  symbol: string | null
  date: string | null
}

export interface DirectiveView {
  id: number
  status: DirectiveStatus
  system: DocumentSystem
  type: DocumentType
  typeName: string
  number: string | null
  symbol: string | null
  issuerOrgId: number | null
  issuerName: string
  place: string | null
  date: string | null
  urgency: string | null
  secrecy: string | null
  summary: string
  addressees: NameRef[]
  recipients: NameRef[]
  body: string
  signing: Signing
  sourceText: string | null
  createdAt: string | null
  references: { id: number; text: string; symbol: string | null; refDate: string | null; targetId: number | null; targetSummary: string | null }[]
  files: { id: number; fileName: string; mime: string }[]
  tasks: TaskView[]
}

export interface OrgAssignment {
  assignmentId: number
  directiveId: number
  symbol: string | null
  summary: string
  issuedOn: string | null
  taskRef: string
  taskText: string
  role: Role
  deadline: string | null
  status: TaskStatus
  statusName: string
  overdueSince: string | null
  nextDue: string | null
  percent: number | null
  orgName: string
  head: string | null
  headPosition: string | null
}

export interface TaskInput {
  ref: string
  text: string
  lead: number[]
  coordinating: number[]
  namesAsWritten?: Record<string, string>
  deadline: string | null
  cadence: Cadence
}

/** What POST /api/directives and PUT /api/directives/:id take. */
export interface DirectiveInput {
  system: DocumentSystem
  type: DocumentType
  number?: string | null
  symbol?: string | null
  issuerOrgId?: number | null
  issuerName: string
  place?: string | null
  date?: string | null
  urgency?: string | null
  secrecy?: string | null
  summary: string
  addressees: NameRef[]
  recipients: NameRef[]
  body: string
  signing: Signing
  references: Reference[]
  tasks: TaskInput[]
}

export interface UploadedFile {
  fileName: string
  contentBase64: string
}

export interface ImportInput extends DirectiveInput {
  sourceText: string
  file?: UploadedFile
}

export interface ReportInput {
  text: string
  status: ReportStatus
  percent: number
  attachments?: UploadedFile[]
}

export const filterQuery = (f: DashboardFilter): Query => ({ from: f.from, to: f.to, issuerOrgId: f.issuerOrgId, unitCode: f.unitCode })

/** Addresses of files the browser downloads itself (the session cookie goes along). */
export const downloads = {
  synthesis: (format: 'docx' | 'pdf' | 'xlsx', f: DashboardFilter) => withQuery(`/api/directives/synthesis.${format}`, filterQuery(f)),
  directiveDocx: (id: number) => `/api/directives/${id}/docx`,
  directiveFile: (id: number, fileId: number) => `/api/directives/${id}/files/${fileId}`,
  reportFile: (reportId: number, fileId: number) => `/api/directives/reports/${reportId}/files/${fileId}`,
}

export const directivesApi = {
  dashboard: (f: DashboardFilter, signal?: AbortSignal) => api.get<Dashboard>('/api/directives/dashboard', filterQuery(f), signal),
  list: (f: { q?: string; status?: string; from?: string; to?: string; limit?: number }, signal?: AbortSignal) =>
    api.get<{ directives: DirectiveListItem[] }>('/api/directives', { ...f, limit: f.limit ?? 200 }, signal).then((r) => r.directives),
  get: (id: number, signal?: AbortSignal) => api.get<DirectiveView>(`/api/directives/${id}`, undefined, signal),
  orgAssignments: (orgId: number, signal?: AbortSignal) =>
    api.get<{ assignments: OrgAssignment[] }>(`/api/directives/orgs/${orgId}/assignments`, undefined, signal).then((r) => r.assignments),
  parse: (body: { text: string } | UploadedFile) => api.post<{ text: string; parsed: ParsedDirective }>('/api/directives/parse', body),
  importDirective: (body: ImportInput) => api.post<DirectiveView>('/api/directives/import', body),
  createDraft: (body: DirectiveInput) => api.post<DirectiveView>('/api/directives', body),
  updateDraft: (id: number, body: DirectiveInput) => api.put<DirectiveView>(`/api/directives/${id}`, body),
  issue: (id: number) => api.post<DirectiveView>(`/api/directives/${id}/issue`, {}),
  postReport: (assignmentId: number, body: ReportInput) => api.post<{ id: number }>(`/api/directives/assignments/${assignmentId}/reports`, body),
  reviewReport: (reportId: number, body: { decision: 'accept' | 'return'; comment?: string }) => api.post<{ ok: true }>(`/api/directives/reports/${reportId}/review`, body),
  reassign: (assignmentId: number, orgId: number) => api.patch<{ ok: true }>(`/api/directives/assignments/${assignmentId}`, { orgId }),
  sweep: () => api.post<JobView>('/api/directives/sweep', {}),
}
