/**
 * Enforcement: the sanctions a violation can carry, the legal bases offered when recording one (as
 * data with their source and how sure we are of them; the officer may write another), and the rule
 * of a violation's follow-up. No I/O here.
 */

export const SANCTIONS = ['warning', 'fine', 'suspension', 'other'] as const
export type Sanction = (typeof SANCTIONS)[number]
export const SANCTION_LABELS: Record<Sanction, string> = {
  warning: 'Cảnh cáo',
  fine: 'Phạt tiền',
  suspension: 'Đình chỉ hoạt động',
  other: 'Biện pháp khác',
}

export interface LegalBasis {
  key: string
  text: string
  confidence: 'verified' | 'secondary' | 'unverified'
  note?: string
}

/** Bases commonly cited for anti-epidemic violations; article numbers to be checked against the texts. */
export const LEGAL_BASES: LegalBasis[] = [
  {
    key: 'nd117-2020',
    text: 'Nghị định 117/2020/NĐ-CP ngày 28/9/2020 quy định xử phạt vi phạm hành chính trong lĩnh vực y tế (các quy định về phòng, chống bệnh truyền nhiễm)',
    confidence: 'secondary',
    note: 'Điều, khoản cụ thể do cán bộ ghi theo hành vi.',
  },
  { key: 'luat-pcbtn-2007', text: 'Luật Phòng, chống bệnh truyền nhiễm ngày 21/11/2007', confidence: 'verified' },
  { key: 'chi-thi-tinh', text: 'Chỉ thị, quyết định phòng, chống dịch của UBND tỉnh đang có hiệu lực', confidence: 'unverified', note: 'Ghi số, ngày văn bản.' },
]

export type ViolationStatus = 'open' | 'closed'

/** Whether a follow-up may be added, or why not (in Vietnamese). */
export function followupProblem(v: { status: ViolationStatus; createdOn: string }, f: { on: string; closes: boolean; note: string }): string | null {
  if (v.status === 'closed') return 'Vi phạm đã được kết thúc theo dõi: không thể ghi thêm.'
  if (f.on < v.createdOn) return 'Ngày theo dõi không thể trước ngày lập biên bản vi phạm.'
  if (!f.note.trim()) return f.closes ? 'Hãy ghi kết quả khắc phục trước khi kết thúc theo dõi.' : 'Hãy ghi nội dung theo dõi.'
  return null
}

/** A violation's sanction is coherent: a fine names its amount, only a fine carries one. */
export function sanctionProblem(s: { sanction: Sanction; fineAmount: number | null }): string | null {
  if (s.sanction === 'fine' && (s.fineAmount === null || s.fineAmount <= 0)) return 'Phạt tiền cần ghi số tiền phạt.'
  if (s.sanction !== 'fine' && s.fineAmount !== null) return 'Chỉ hình thức phạt tiền mới ghi số tiền.'
  return null
}
