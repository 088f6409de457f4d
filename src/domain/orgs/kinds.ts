/** Kinds of bodies that issue and receive directives, with their Vietnamese and English names. */
export const ORG_KINDS = {
  party_committee: { vi: 'Cấp ủy đảng', en: 'Party committee' },
  party_standing_board: { vi: 'Ban Thường vụ', en: 'Standing board' },
  party_board: { vi: 'Ban đảng', en: 'Party board' },
  party_office: { vi: 'Văn phòng cấp ủy', en: 'Party office' },
  party_delegation: { vi: 'Ban cán sự đảng, đảng đoàn', en: 'Party delegation' },
  party_affiliate_committee: { vi: 'Đảng ủy trực thuộc', en: 'Affiliated Party committee' },
  peoples_council: { vi: 'Hội đồng nhân dân', en: "People's Council" },
  peoples_committee: { vi: 'Ủy ban nhân dân', en: "People's Committee" },
  department: { vi: 'Sở, ban, ngành', en: 'Department' },
  police: { vi: 'Công an', en: 'Police' },
  military: { vi: 'Quân sự', en: 'Military command' },
  border_guard: { vi: 'Bộ đội Biên phòng', en: 'Border guard' },
  steering_committee: { vi: 'Ban Chỉ đạo phòng, chống dịch', en: 'Steering committee' },
  fatherland_front: { vi: 'Mặt trận Tổ quốc', en: 'Fatherland Front' },
  mass_organisation: { vi: 'Đoàn thể', en: 'Mass organisation' },
  media: { vi: 'Cơ quan báo chí', en: 'Media' },
  hospital: { vi: 'Bệnh viện', en: 'Hospital' },
  health_centre: { vi: 'Trung tâm y tế, trạm y tế', en: 'Health centre' },
  border_post: { vi: 'Đồn biên phòng', en: 'Border post' },
  checkpoint: { vi: 'Chốt kiểm tra y tế', en: 'Medical checkpoint' },
  court: { vi: 'Tòa án', en: 'Court' },
  procuracy: { vi: 'Viện kiểm sát', en: 'Procuracy' },
  other: { vi: 'Khác', en: 'Other' },
} as const

export type OrgKind = keyof typeof ORG_KINDS
export const ORG_KIND_KEYS = Object.keys(ORG_KINDS) as [OrgKind, ...OrgKind[]]
