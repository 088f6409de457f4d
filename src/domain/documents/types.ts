/** Components of Party (Guidance 36-HD/VPTW) and state (Decree 30/2020/NĐ-CP) documents. */

export const DOCUMENT_TYPES = {
  CV: { vi: 'Công văn', en: 'Official letter' },
  CT: { vi: 'Chỉ thị', en: 'Directive' },
  CĐ: { vi: 'Công điện', en: 'Dispatch' },
  KH: { vi: 'Kế hoạch', en: 'Plan' },
  NQ: { vi: 'Nghị quyết', en: 'Resolution' },
  TB: { vi: 'Thông báo', en: 'Notice' },
  QĐ: { vi: 'Quyết định', en: 'Decision' },
  HD: { vi: 'Hướng dẫn', en: 'Guidance' },
  BC: { vi: 'Báo cáo', en: 'Report' },
  KL: { vi: 'Kết luận', en: 'Conclusion' },
  QC: { vi: 'Quy chế', en: 'Regulation' },
  CTr: { vi: 'Chương trình', en: 'Programme' },
  TTr: { vi: 'Tờ trình', en: 'Submission' },
  GM: { vi: 'Giấy mời', en: 'Invitation' },
} as const
export type DocumentType = keyof typeof DOCUMENT_TYPES
export const DOCUMENT_TYPE_KEYS = Object.keys(DOCUMENT_TYPES) as [DocumentType, ...DocumentType[]]

export const URGENCIES = ['HỎA TỐC', 'THƯỢNG KHẨN', 'KHẨN'] as const
export type Urgency = (typeof URGENCIES)[number]
export const SECRECIES = ['MẬT', 'TỐI MẬT', 'TUYỆT MẬT'] as const
export type Secrecy = (typeof SECRECIES)[number]

/** Party documents use T/M, K/T, T/L; state documents TM., KT., TL. Stored in a neutral form. */
export const SIGNING_AUTHORITIES = ['TM', 'KT', 'TL', 'TUQ', 'Q'] as const
export type SigningAuthority = (typeof SIGNING_AUTHORITIES)[number]

export type DocumentSystem = 'party' | 'state'

/** How often a task's assignees report back. */
export type Cadence =
  | { kind: 'once' } // a single deadline
  | { kind: 'regular'; everyDays: number } // "thường xuyên": a configurable period
  | { kind: 'weekly' }
  | { kind: 'monthly' }
  | { kind: 'ad_hoc' } // "đột xuất": when asked, no schedule

/** A name as written in the document, and what it was matched to in the orgs registry. */
export interface NameRef {
  text: string
  /** Matched org, when the name is one body. */
  orgId?: number
  /** Matched addressee group ("Các sở, ban, ngành…"), expanded to its member org ids. */
  groupKey?: string
  memberIds?: number[]
  /** A body of another province ("UBND tỉnh Sóc Trăng"): kept as written, never matched to ours. */
  external?: boolean
  /** The name is that of a body not in existence on the document's date (abolished or not yet formed). */
  historicalOrgId?: number
}

/** Where a parsed value came from in the source text: [start, end) character offsets. */
export type Span = [number, number]

export interface ParsedTask {
  /** The item's numbering as written ("1", "2.1", "II", "a"), or a generated one for sentence tasks. */
  ref: string
  text: string
  lead: NameRef[]
  coordinating: NameRef[]
  /** ISO date of an explicit deadline ("trước ngày 15/8/2021"; "trong tháng 12/2021" → last day). */
  deadline: string | null
  cadence: Cadence
  span: Span
  /** A section heading, an objective or an enacting article ("I. MỤC ĐÍCH, YÊU CẦU", "Điều 1. Ban hành kèm theo …"): read, but nothing to assign. */
  heading?: boolean
  /** How sure the parser is of each part of the task, 0–1; the review shows the least sure first. */
  confidence?: TaskConfidence
}

/** 0–1 per part of a task: below 0.6 the reviewer is asked to check it. */
export interface TaskConfidence {
  /** That this item is a task at all, and where it starts and ends. */
  task: number
  lead: number
  coordinating: number
  deadline: number
  cadence: number
}

/** Header fields that carry a confidence. */
export type ConfidenceField = 'type' | 'symbol' | 'issuer' | 'date' | 'urgency' | 'summary' | 'addressees' | 'signing' | 'recipients'

/** Below this a field is marked for the reviewer. */
export const LOW_CONFIDENCE = 0.6

export interface ParsedDirective {
  system: DocumentSystem | null
  type: DocumentType | null
  number: string | null
  /** The full number and symbol as printed ("963-CV/TU", "1699/CĐ-TTg"). */
  symbol: string | null
  issuer: NameRef | null
  place: string | null
  /** ISO yyyy-mm-dd. */
  date: string | null
  urgency: Urgency | null
  secrecy: Secrecy | null
  summary: string | null
  addressees: NameRef[]
  recipients: NameRef[]
  /** `actingFor`: the body or office the authority mark names ("BAN THƯỜNG VỤ" in "T/M BAN THƯỜNG VỤ"). */
  signing: { authority: SigningAuthority | null; position: string | null; signer: string | null; actingFor?: string | null }
  /** Other documents cited in the body, as written ("Công điện số 1699/CĐ-TTg ngày 02/12/2020"). */
  references: { text: string; symbol: string | null; date: string | null }[]
  body: string
  tasks: ParsedTask[]
  /** What could not be read, in Vietnamese, for the reviewer. */
  warnings: string[]
  /** How sure the parser is of each header field, 0–1 (absent: not computed). */
  fieldConfidence?: Partial<Record<ConfidenceField, number>>
  /** Source spans of each field, for highlighting during review. */
  spans: Partial<Record<'type' | 'symbol' | 'issuer' | 'place' | 'date' | 'urgency' | 'secrecy' | 'summary' | 'addressees' | 'recipients' | 'signing' | 'body', Span>>
}

/** What the org matcher needs to know of a body. */
export interface OrgForMatching {
  id: number
  key: string | null
  name: string
  kind: string
  unitCode: string
  /** Level of the org's unit: provincial bodies vs the commune bodies. */
  unitLevel: 'province' | 'commune' | 'other'
  aliases: string[]
  /** ISO dates the body existed between; null or absent: open-ended. */
  validFrom?: string | null
  validTo?: string | null
  /** The province the body belonged to in its time ("Kiên Giang" for its pre-2025 bodies). */
  province?: string | null
}
export interface GroupForMatching {
  key: string
  name: string
  aliases: string[]
  members: { kinds?: string[]; keys?: string[]; level?: string; units?: string[]; role?: string }
}
