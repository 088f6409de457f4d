/** Codes of the entry context with their Vietnamese names (the screens and messages use these). */

export const PORT_KINDS = { airport: 'Cảng hàng không', seaport: 'Cảng biển', border_gate: 'Cửa khẩu', crossing: 'Lối mở, đường mòn' } as const
export type PortKind = keyof typeof PORT_KINDS
export const PORT_KIND_KEYS = Object.keys(PORT_KINDS) as [PortKind, ...PortKind[]]

export const ZONE_MEASURES = {
  facility: 'Cách ly tập trung',
  home: 'Cách ly tại nhà, nơi lưu trú',
  monitoring: 'Theo dõi sức khỏe tại nơi lưu trú',
} as const
export type ZoneMeasure = keyof typeof ZONE_MEASURES
export const ZONE_MEASURE_KEYS = Object.keys(ZONE_MEASURES) as [ZoneMeasure, ...ZoneMeasure[]]

export const DECLARED_BY = { self: 'Người đến tự khai báo', host: 'Chủ nhà, cơ sở lưu trú khai báo', commune: 'Xã, phường ghi nhận' } as const
export type DeclaredBy = keyof typeof DECLARED_BY

export const ARRIVAL_STATUSES = { new: 'Chưa xử lý', placed: 'Đã cách ly', monitoring: 'Đang theo dõi sức khỏe', no_action: 'Không phải cách ly, theo dõi' } as const
export type ArrivalStatus = keyof typeof ARRIVAL_STATUSES

export const REPORTERS = { border_guard: 'Bộ đội Biên phòng', police: 'Công an', commune: 'Xã, phường', public: 'Người dân báo tin' } as const
export type Reporter = keyof typeof REPORTERS
export const REPORTER_KEYS = Object.keys(REPORTERS) as [Reporter, ...Reporter[]]

export const CROSSINGS = { on_foot: 'Đi bộ qua đường mòn, lối mở', boat: 'Đi ghe, xuồng theo kênh, sông, biển', vehicle: 'Đi xe', other: 'Cách khác', unknown: 'Chưa rõ' } as const
export type Crossing = keyof typeof CROSSINGS
export const CROSSING_KEYS = Object.keys(CROSSINGS) as [Crossing, ...Crossing[]]

export const CONFIDENCE_KEYS = ['verified', 'secondary', 'unverified'] as const
export type Confidence = (typeof CONFIDENCE_KEYS)[number]
