import type {
  ClusterCaseView,
  ClusterInput,
  ClusterView as ServerClusterView,
  LiftInput,
  ZoneInput,
  ZoneMap as ServerZoneMap,
  ZoneView as ServerZoneView,
} from '../../../server/contexts/surveillance/areas/service.ts'
import type { listFollowups, listTracers, FollowupView as ServerFollowupView } from '../../../server/contexts/surveillance/cases/followups.ts'
import type { CaseListRow as ServerCaseListRow } from '../../../server/contexts/surveillance/cases/repo.ts'
import type {
  CaseCreateInput,
  CaseView as ServerCaseView,
  ContactRow as ServerContactRow,
  ConvertInput,
  ExposureInput,
  ExposureView as ServerExposureView,
  PersonRecord as ServerPersonRecord,
} from '../../../server/contexts/surveillance/cases/service.ts'
import type { GraphView as ServerGraphView } from '../../../server/contexts/surveillance/graph/service.ts'
import type { ImportResult } from '../../../server/contexts/surveillance/imports/service.ts'
import type {
  EpidemicCurve as ServerCurve,
  Incidence as ServerIncidence,
  TodayNumbers as ServerTodayNumbers,
  UnknownSourceShare as ServerUnknownShare,
} from '../../../server/contexts/surveillance/summary/service.ts'
import type { ExportList } from '../../../server/contexts/surveillance/listExports.ts'
import type {
  CampaignInput,
  CampaignView as ServerCampaignView,
  CoverageView as ServerCoverageView,
  PoolInput,
  PoolListRow as ServerPoolListRow,
  PoolView as ServerPoolView,
  TestOutcome as ServerTestOutcome,
  TestView as ServerTestView,
} from '../../../server/contexts/surveillance/tests/service.ts'
import type { ImportKind } from '../../../domain/surveillance/importColumns.ts'
import { api, type Json, type Query, withQuery } from '../../app/api.ts'
import type { JobView } from '../jobs/api.ts'

export type CaseView = Json<ServerCaseView>
export type CaseRow = Json<ServerCaseListRow>
export type ContactRow = Json<ServerContactRow>
export type ExposureView = Json<ServerExposureView>
export type PersonRecord = Json<ServerPersonRecord>
export type TestView = Json<ServerTestView>
export type TestOutcome = Json<ServerTestOutcome>
export type PoolView = Json<ServerPoolView>
export type PoolListRow = Json<ServerPoolListRow>
export type ClusterView = Json<ServerClusterView>
export type ClusterDetail = ClusterView & { cases: { rows: Json<ClusterCaseView>[]; total: number } }
export type ZoneMap = Json<ServerZoneMap>
export type ZoneView = Json<ServerZoneView>
export type CampaignView = Json<ServerCampaignView>
export type CoverageView = Json<ServerCoverageView>
export type GraphView = Json<ServerGraphView>
export type FollowupView = Json<ServerFollowupView>
export type TodayNumbers = Json<ServerTodayNumbers>
export type EpidemicCurve = Json<ServerCurve>
export type Incidence = Json<ServerIncidence>
export type UnknownShare = Json<ServerUnknownShare>
export type { CampaignInput, CaseCreateInput, ClusterInput, ConvertInput, ExposureInput, ExportList, ImportKind, ImportResult, PoolInput, ZoneInput }

/** A page of a list: the rows, the total (counted up to 10,000) and whether it was cut there. */
export interface Page<T> {
  rows: T[]
  total: number
  totalCapped?: boolean
}

export type FollowupRow = Json<Awaited<ReturnType<typeof listFollowups>>['rows'][number]>

export type Filter = Query

const PAGE_SIZE = 50
export { PAGE_SIZE }

const base = '/api/surveillance'

export const survApi = {
  cases: (q: Filter, signal?: AbortSignal) => api.get<Page<CaseRow>>(`${base}/cases`, q, signal),
  getCase: (id: number, signal?: AbortSignal) => api.get<CaseView>(`${base}/cases/${id}`, undefined, signal),
  createCase: (body: Json<CaseCreateInput>) => api.post<CaseView>(`${base}/cases`, body),
  updateCase: (id: number, body: Partial<Json<CaseCreateInput>>) => api.patch<CaseView>(`${base}/cases/${id}`, body),
  contacts: (q: Filter, signal?: AbortSignal) => api.get<Page<ContactRow>>(`${base}/contacts`, q, signal),
  createExposure: (body: Json<ExposureInput>) => api.post<ExposureView>(`${base}/exposures`, body),
  deleteExposure: (id: number) => api.delete<{ ok: true }>(`${base}/exposures/${id}`),
  person: (id: number, signal?: AbortSignal) => api.get<PersonRecord>(`${base}/people/${id}`, undefined, signal),
  convert: (personId: number, body: Json<ConvertInput>) => api.post<CaseView>(`${base}/people/${personId}/case`, body),
  tests: (q: Filter, signal?: AbortSignal) => api.get<Page<TestView>>(`${base}/tests`, q, signal),
  proposals: (q: Filter, signal?: AbortSignal) => api.get<Page<TestView>>(`${base}/tests/proposals`, q, signal),
  recordTest: (body: { personId: number; method: string; sampleDate: string; resultDate?: string | null; result?: string | null; ct?: number | null; lab: string }) =>
    api.post<TestOutcome>(`${base}/tests`, body),
  /** A result, or the sample of a planned test (a pool's retest) with or without its result. */
  enterResult: (id: number, body: { sampleDate?: string; result?: string; resultDate?: string; ct?: number | null }) => api.patch<TestOutcome>(`${base}/tests/${id}`, body),
  pools: (q: Filter, signal?: AbortSignal) => api.get<Page<PoolListRow>>(`${base}/pools`, q, signal),
  pool: (id: number, signal?: AbortSignal) => api.get<PoolView>(`${base}/pools/${id}`, undefined, signal),
  createPool: (body: Json<PoolInput>) => api.post<PoolView>(`${base}/pools`, body),
  poolResult: (id: number, body: { result: 'positive' | 'negative'; resultDate: string }) => api.post<PoolView>(`${base}/pools/${id}/result`, body),
  tracers: (unitCode: string | undefined, signal?: AbortSignal) =>
    api.get<Awaited<ReturnType<typeof listTracers>>>(`${base}/tracers`, unitCode ? { unitCode } : {}, signal),
  followups: (q: Filter, signal?: AbortSignal) => api.get<Page<FollowupRow> & { due: string }>(`${base}/followups`, q, signal),
  updateFollowup: (id: number, body: { tracerUserId?: number | null; status?: 'completed' | 'lost' | 'cancelled'; note?: string | null }) =>
    api.patch<FollowupView>(`${base}/followups/${id}`, body),
  startFollowup: (body: { personId: number; tracerUserId?: number | null }) => api.post<FollowupView>(`${base}/followups`, body),
  addCheck: (followupId: number, body: { checkedOn: string; temperature?: number | null; symptoms?: string[]; note?: string | null }) =>
    api.post<{ id: number; flagged: boolean; advice: string | null }>(`${base}/followups/${followupId}/checks`, body),
  clusters: (q: Filter, signal?: AbortSignal) => api.get<{ rows: ClusterView[]; total: number }>(`${base}/clusters`, q, signal),
  cluster: (id: number, q: Filter, signal?: AbortSignal) => api.get<ClusterDetail>(`${base}/clusters/${id}`, q, signal),
  createCluster: (body: Json<ClusterInput>) => api.post<ClusterView>(`${base}/clusters`, body),
  zones: (q: Filter, signal?: AbortSignal) => api.get<ZoneMap>(`${base}/zones`, q, signal),
  zone: (id: number, signal?: AbortSignal) => api.get<ZoneView>(`${base}/zones/${id}`, undefined, signal),
  createZone: (body: Json<ZoneInput>) => api.post<ZoneView>(`${base}/zones`, body),
  updateZone: (id: number, body: Partial<Json<ZoneInput>>) => api.patch<ZoneView>(`${base}/zones/${id}`, body),
  liftZone: (id: number, body: Json<LiftInput>) => api.post<ZoneView>(`${base}/zones/${id}/lift`, body),
  deleteZone: (id: number) => api.delete<{ ok: true }>(`${base}/zones/${id}`),
  campaigns: (q: Filter, signal?: AbortSignal) => api.get<{ rows: CampaignView[]; total: number }>(`${base}/campaigns`, q, signal),
  createCampaign: (body: Json<CampaignInput>) => api.post<CampaignView>(`${base}/campaigns`, body),
  coverage: (id: number, signal?: AbortSignal) => api.get<CoverageView>(`${base}/campaigns/${id}/coverage`, undefined, signal),
  graph: (q: Filter, signal?: AbortSignal) => api.get<GraphView>(`${base}/graph`, q, signal),
  today: (q: Filter, signal?: AbortSignal) => api.get<TodayNumbers>(`${base}/today`, q, signal),
  curve: (q: Filter, signal?: AbortSignal) => api.get<EpidemicCurve>(`${base}/curve`, q, signal),
  incidence: (q: Filter, signal?: AbortSignal) => api.get<Incidence>(`${base}/incidence`, q, signal),
  unknownShare: (q: Filter, signal?: AbortSignal) => api.get<UnknownShare>(`${base}/unknown-sources`, q, signal),
  startImport: (kind: ImportKind, uploadId: number) => api.post<JobView>(`${base}/imports`, { kind, uploadId }),
  templateUrl: (kind: ImportKind) => `${base}/imports/templates/${kind}`,
  /** The filtered list as an .xlsx download (small lists). */
  exportUrl: (list: ExportList, q: Filter) => withQuery(`${base}/exports/${list}.xlsx`, q),
  /** The filtered list made in the background (large lists); the job's file is then downloaded. */
  startExport: (list: ExportList, q: Filter) => api.post<JobView>(`${base}/exports`, { list, filter: q }),
  jobFile: (jobId: number) => `/api/jobs/${jobId}/file`,
}
