import type {
  communeOccupancy,
  explainRule,
  FacilityInput,
  getFacility,
  getPlacement,
  listFacilities,
  listPlacements,
  listRules,
  RuleInput,
  occupancy,
  PlacementInput,
  PlacementOutcome,
  PlacementView,
  PlaceOrRegisterInput,
} from '../../../server/contexts/quarantine/service.ts'
import { api, type Json, type Query } from '../../app/api.ts'

export type FacilityList = Json<Awaited<ReturnType<typeof listFacilities>>>
export type FacilityRecord = Json<Awaited<ReturnType<typeof getFacility>>>
export type Occupancy = Json<Awaited<ReturnType<typeof occupancy>>>
export type CommuneOccupancy = Json<Awaited<ReturnType<typeof communeOccupancy>>>
export type RuleList = Json<Awaited<ReturnType<typeof listRules>>>
export type RuleChoiceView = Json<Awaited<ReturnType<typeof explainRule>>>
export type Placement = Json<PlacementView>
export type PlacementListed = Json<Awaited<ReturnType<typeof listPlacements>>['placements'][number]>
export type PlacementRecord = Json<Awaited<ReturnType<typeof getPlacement>>>
export type Outcome = Json<PlacementOutcome>
export type PlaceOrRegister = Json<PlaceOrRegisterInput>

const base = '/api/quarantine'

export const quarantineApi = {
  facilities: (q: Query, signal?: AbortSignal) => api.get<FacilityList>(`${base}/facilities`, q, signal),
  facility: (id: number, signal?: AbortSignal) => api.get<FacilityRecord>(`${base}/facilities/${id}`, undefined, signal),
  createFacility: (body: Json<FacilityInput>) => api.post<FacilityRecord>(`${base}/facilities`, body),
  updateFacility: (id: number, body: Partial<Json<FacilityInput>>) => api.patch<FacilityRecord>(`${base}/facilities/${id}`, body),
  occupancy: (q: Query, signal?: AbortSignal) => api.get<Occupancy>(`${base}/occupancy`, q, signal),
  communes: (q: Query, signal?: AbortSignal) => api.get<CommuneOccupancy>(`${base}/occupancy/communes`, q, signal),
  rule: (q: Query, signal?: AbortSignal) => api.get<RuleChoiceView>(`${base}/rules/choice`, q, signal),
  rules: (signal?: AbortSignal) => api.get<RuleList>(`${base}/rules`, undefined, signal),
  createRule: (body: Json<RuleInput>) => api.post<RuleList['rules'][number]>(`${base}/rules`, body),
  placements: (q: Query, signal?: AbortSignal) => api.get<{ date: string; placements: PlacementListed[] }>(`${base}/placements`, q, signal),
  placement: (id: number, signal?: AbortSignal) => api.get<PlacementRecord>(`${base}/placements/${id}`, undefined, signal),
  place: (body: Json<PlacementInput> | PlaceOrRegister) => api.post<Outcome>(`${base}/placements`, body),
  release: (id: number, body: { on: string; early?: boolean; note?: string | null }) => api.post<Placement>(`${base}/placements/${id}/release`, body),
  transfer: (id: number, body: { on: string; setting: 'facility' | 'home' | 'accommodation'; facilityId?: number | null; roomId?: number | null; address?: string | null }) =>
    api.post<Outcome>(`${base}/placements/${id}/transfer`, body),
  addCheck: (id: number, body: { checkedOn: string; temperature?: number | null; note?: string | null }) => api.post<{ id: number }>(`${base}/placements/${id}/checks`, body),
  due: (q: Query, signal?: AbortSignal) => api.get<{ date: string; placements: Placement[] }>(`${base}/due`, q, signal),
  documentUrl: (id: number, name: 'decision.docx' | 'certificate.docx' | 'certificate.pdf') => `${base}/placements/${id}/${name}`,
}

export const FACILITY_KINDS = {
  military_camp: { vi: 'Doanh trại, trường quân sự', en: 'Military camp or school' },
  dormitory: { vi: 'Ký túc xá', en: 'Dormitory' },
  hotel: { vi: 'Khách sạn', en: 'Hotel' },
  other: { vi: 'Khác', en: 'Other' },
} as const
export const FACILITY_STATUSES = {
  open: { vi: 'Đang nhận', en: 'Open' },
  full: { vi: 'Đã đầy', en: 'Full' },
  closed: { vi: 'Đóng cửa', en: 'Closed' },
  disinfecting: { vi: 'Đang khử khuẩn', en: 'Disinfecting' },
} as const
export const REASONS = {
  contact: { vi: 'Tiếp xúc gần (F1)', en: 'Close contact (F1)' },
  traveller: { vi: 'Nhập cảnh', en: 'Arrival from abroad' },
  returnee: { vi: 'Từ vùng dịch về', en: 'Returning from an epidemic area' },
  illegal_entrant: { vi: 'Nhập cảnh trái phép', en: 'Illegal entrant' },
} as const
export const PLACEMENT_STATUSES = {
  active: { vi: 'Đang cách ly', en: 'In quarantine' },
  released: { vi: 'Đã kết thúc', en: 'Released' },
  transferred: { vi: 'Đã chuyển nơi', en: 'Transferred' },
  became_case: { vi: 'Trở thành ca bệnh', en: 'Became a case' },
  cancelled: { vi: 'Đã hủy', en: 'Cancelled' },
} as const
export const KIND_OF_REASON = { contact: 'f1', traveller: 'entry', returnee: 'entry', illegal_entrant: 'illegal-entry' } as const
