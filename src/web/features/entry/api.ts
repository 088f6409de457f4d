import type {
  ActInput,
  caseMap,
  CheckpointPatch,
  getCase,
  getCheckpoint,
  listArrivals,
  listCases,
  listCheckpoints,
  listHeads,
  listPorts,
  listZones,
  placeCasePerson,
  publicOptions,
  StaffPatch,
  StepInput,
  weeklyCounts,
} from '../../../server/contexts/entry/service.ts'
import type { Warning } from '../../../server/contexts/quarantine/service.ts'
import { ARRIVAL_STATUSES, CROSSINGS, PORT_KINDS, REPORTERS } from '../../../domain/entry/codes.ts'
import { ACTION_LABELS } from '../../../domain/entry/requirement.ts'
import { STAGE_LABELS, STEP_LABELS } from '../../../domain/entry/steps.ts'
import { api, type Json, type Query } from '../../app/api.ts'

export type ArrivalList = Json<Awaited<ReturnType<typeof listArrivals>>>
export type Arrival = ArrivalList['arrivals'][number]
export type CheckpointList = Json<Awaited<ReturnType<typeof listCheckpoints>>>
export type CheckpointRecord = Json<Awaited<ReturnType<typeof getCheckpoint>>>
export type CaseList = Json<Awaited<ReturnType<typeof listCases>>>
export type CaseRecord = Json<Awaited<ReturnType<typeof getCase>>>
export type Weekly = Json<Awaited<ReturnType<typeof weeklyCounts>>>
export type CaseMap = Json<Awaited<ReturnType<typeof caseMap>>>
export type Heads = Json<Awaited<ReturnType<typeof listHeads>>>
export type PublicOptions = Json<Awaited<ReturnType<typeof publicOptions>>>
export type Placed = Json<Awaited<ReturnType<typeof placeCasePerson>>>
export type Received = { ok: true; message: string }
export type Zones = Json<Awaited<ReturnType<typeof listZones>>>
export type Ports = Json<Awaited<ReturnType<typeof listPorts>>>

const base = '/api/entry'

export const entryApi = {
  arrivals: (q: Query, signal?: AbortSignal) => api.get<ArrivalList>(`${base}/arrivals`, q, signal),
  act: (id: number, body: Json<ActInput>) => api.post<{ arrival: Arrival; warnings: Json<Warning>[] }>(`${base}/arrivals/${id}/act`, body),
  checkpoints: (q: Query, signal?: AbortSignal) => api.get<CheckpointList>(`${base}/checkpoints`, q, signal),
  checkpoint: (id: number, signal?: AbortSignal) => api.get<CheckpointRecord>(`${base}/checkpoints/${id}`, undefined, signal),
  createCheckpoint: (body: { name: string; unitCode: string; location?: string | null; activeFrom?: string | null }) => api.post<CheckpointRecord>(`${base}/checkpoints`, body),
  activation: (id: number, body: { active: boolean; on: string; decision?: string | null }) => api.post<CheckpointRecord>(`${base}/checkpoints/${id}/activation`, body),
  addStaff: (id: number, body: { name: string; role: string; fromOn: string; toOn?: string | null; phone?: string | null }) => api.post<CheckpointRecord>(`${base}/checkpoints/${id}/staff`, body),
  updateCheckpoint: (id: number, body: Json<CheckpointPatch>) => api.patch<CheckpointRecord>(`${base}/checkpoints/${id}`, body),
  updateStaff: (id: number, staffId: number, body: Json<StaffPatch>) => api.patch<CheckpointRecord>(`${base}/checkpoints/${id}/staff/${staffId}`, body),
  log: (id: number, day: string, body: { peopleChecked: number; vehiclesChecked: number; sentToQuarantine: number; note?: string | null }) =>
    api.put<CheckpointRecord>(`${base}/checkpoints/${id}/logs/${day}`, body),
  cases: (q: Query, signal?: AbortSignal) => api.get<CaseList>(`${base}/illegal`, q, signal),
  case: (id: number, signal?: AbortSignal) => api.get<CaseRecord>(`${base}/illegal/${id}`, undefined, signal),
  step: (id: number, body: Json<StepInput>) => api.post<CaseRecord>(`${base}/illegal/${id}/steps`, body),
  addPerson: (id: number, body: { person: { fullName: string; birthYear?: number | null; sex?: 'male' | 'female' | null; nationality?: string }; confirmedNew?: boolean }) =>
    api.post<CaseRecord>(`${base}/illegal/${id}/people`, body),
  place: (id: number, body: { personId: number; facilityId: number; orgId: number; at: string }) => api.post<Placed>(`${base}/illegal/${id}/placements`, body),
  weekly: (q: Query, signal?: AbortSignal) => api.get<Weekly>(`${base}/illegal/weekly`, q, signal),
  map: (q: Query, signal?: AbortSignal) => api.get<CaseMap>(`${base}/illegal/map`, q, signal),
  heads: (q: Query, signal?: AbortSignal) => api.get<Heads>(`${base}/illegal/heads`, q, signal),
  reportCase: (body: Record<string, unknown>) => api.post<CaseRecord>(`${base}/illegal`, body),
  recordArrival: (body: Record<string, unknown>) => api.post<Arrival>(`${base}/arrivals`, body),
  zones: (signal?: AbortSignal) => api.get<Zones>(`${base}/zones`, undefined, signal),
  createZone: (body: Record<string, unknown>) => api.post<Zones['zones'][number]>(`${base}/zones`, body),
  updateZone: (id: number, body: Record<string, unknown>) => api.patch<Zones['zones'][number]>(`${base}/zones/${id}`, body),
  ports: (signal?: AbortSignal) => api.get<Ports>(`${base}/ports`, undefined, signal),
  createPort: (body: Record<string, unknown>) => api.post<Ports['ports'][number]>(`${base}/ports`, body),
  updatePort: (id: number, body: Record<string, unknown>) => api.patch<Ports['ports'][number]>(`${base}/ports/${id}`, body),
  options: (signal?: AbortSignal) => api.get<PublicOptions>('/api/public/entry/options', undefined, signal),
  declare: (body: Record<string, unknown>) => api.post<Received>('/api/public/entry/arrivals', body),
  report: (body: Record<string, unknown>) => api.post<Received>('/api/public/entry/illegal', body),
}

/** A date (yyyy-mm-dd) and a time (HH:MM) in Vietnam as an instant with its offset. */
export const vnInstant = (day: string, time: string) => `${day}T${/^\d{1,2}:\d{2}$/.test(time) ? time.padStart(5, '0') : '00:00'}:00+07:00`

type Labels = Record<string, { vi: string; en: string }>
const withEn = (vi: Record<string, string>, en: Record<string, string>): Labels => Object.fromEntries(Object.entries(vi).map(([k, v]) => [k, { vi: v, en: en[k] ?? v }]))

export const ACTIONS = withEn(ACTION_LABELS, { facility: 'Centralised quarantine', home: 'Quarantine at home or lodging', monitoring: 'Health monitoring', none: 'Nothing required' })
export const ARRIVAL_STATUS = withEn(ARRIVAL_STATUSES, { new: 'Not acted on', placed: 'In quarantine', monitoring: 'Being monitored', no_action: 'Nothing required' })
export const STAGE = withEn(STAGE_LABELS, { reported: 'Reported', intercepted: 'Intercepted', handed_over: 'Handed over', placed: 'In quarantine', concluded: 'Concluded' })
export const STEP = withEn(STEP_LABELS, { interception: 'Interception', handover: 'Handover', placement: 'Quarantine placement', outcome: 'Investigation outcome' })
export const REPORTER = withEn(REPORTERS, { border_guard: 'Border guard', police: 'Police', commune: 'Commune', public: 'Member of the public' })
export const CROSSING = withEn(CROSSINGS, { on_foot: 'On foot by a trail or opening', boat: 'By boat along a canal, river or sea', vehicle: 'By vehicle', other: 'Other', unknown: 'Unknown' })
export const PORT_KIND = withEn(PORT_KINDS, { airport: 'Airport', seaport: 'Seaport', border_gate: 'Border gate', crossing: 'Border crossing path' })
