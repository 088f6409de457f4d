import { formatVnDate } from '../text/dates.ts'
import type { CaseClassification, Outcome, Severity, SourceKind } from './codes.ts'

/** The fields of a case record that must agree with each other, as they will be stored. */
export interface CaseFacts {
  classification: CaseClassification
  onsetDate: string | null
  sampleDate: string | null
  confirmedDate: string | null
  isolatedOn: string | null
  outcome: Outcome | null
  outcomeDate: string | null
  transferredTo: string | null
  sourceKind: SourceKind
  sourceCountry: string | null
  sourceTravel: string | null
  sourceCaseId: number | null
  clusterId: number | null
  severity: Severity | null
  symptoms: readonly string[]
}

const DATE_NAMES = {
  onsetDate: 'Ngày khởi phát',
  sampleDate: 'Ngày lấy mẫu dương tính đầu tiên',
  confirmedDate: 'Ngày xác định ca bệnh',
  isolatedOn: 'Ngày cách ly',
  outcomeDate: 'Ngày kết thúc điều trị',
} as const

/**
 * What is inconsistent in a case record, one Vietnamese sentence each (empty when none): dates in
 * the future or out of order, an outcome without its date, a source kind without what it needs.
 */
export function caseProblems(c: CaseFacts, today: string): string[] {
  const out: string[] = []
  const d = (v: string | null) => formatVnDate(v)
  for (const [field, name] of Object.entries(DATE_NAMES) as [keyof typeof DATE_NAMES, string][]) {
    const v = c[field]
    if (v && v > today) out.push(`${name} (${d(v)}) ở sau hôm nay (${d(today)}).`)
  }
  if (c.onsetDate && c.confirmedDate && c.onsetDate > c.confirmedDate) {
    out.push(`Ngày khởi phát (${d(c.onsetDate)}) phải trước hoặc cùng ngày xác định ca bệnh (${d(c.confirmedDate)}).`)
  }
  if (c.sampleDate && c.confirmedDate && c.sampleDate > c.confirmedDate) {
    out.push(`Ngày lấy mẫu dương tính (${d(c.sampleDate)}) phải trước hoặc cùng ngày xác định ca bệnh (${d(c.confirmedDate)}).`)
  }
  if (c.classification === 'confirmed' && !c.confirmedDate) out.push('Ca xác định cần có ngày xác định ca bệnh.')

  if (c.outcome && !c.outcomeDate) out.push('Đã ghi kết quả điều trị thì cần ghi ngày kết thúc điều trị.')
  if (!c.outcome && c.outcomeDate) out.push('Ngày kết thúc điều trị chỉ ghi khi có kết quả (khỏi, tử vong, chuyển tỉnh).')
  if (c.outcomeDate) {
    if (c.onsetDate && c.outcomeDate < c.onsetDate) out.push(`Ngày kết thúc điều trị (${d(c.outcomeDate)}) ở trước ngày khởi phát (${d(c.onsetDate)}).`)
    // A death may be confirmed afterwards (a sample taken after death); a recovery or a transfer may not.
    if (c.outcome !== 'died') {
      const first = [c.confirmedDate, c.sampleDate].filter((x): x is string => !!x).sort()[0]
      if (first && c.outcomeDate < first) out.push(`Ngày kết thúc điều trị (${d(c.outcomeDate)}) ở trước ngày phát hiện ca bệnh (${d(first)}).`)
    }
  }
  if (c.transferredTo && c.outcome !== 'transferred') out.push('Nơi chuyển đến chỉ ghi khi ca bệnh được chuyển tỉnh khác.')

  if (c.sourceKind === 'linked' && c.sourceCaseId === null && c.clusterId === null) {
    out.push('Ca liên quan cần chỉ rõ ca bệnh nguồn lây hoặc ổ dịch.')
  }
  if (c.sourceCaseId !== null && c.sourceKind !== 'linked') out.push('Chỉ ca liên quan mới ghi ca bệnh nguồn lây.')
  if (c.sourceKind === 'imported') {
    if (!c.sourceCountry) out.push('Ca nhập cảnh cần ghi quốc gia đi về (mã ISO 2 chữ cái).')
    else if (c.sourceCountry === 'VN') out.push('Ca nhập cảnh phải đến từ một quốc gia khác Việt Nam.')
  } else if (c.sourceCountry || c.sourceTravel) {
    out.push('Quốc gia đi về và chuyến bay, cửa khẩu chỉ ghi cho ca nhập cảnh.')
  }

  if (c.severity === 'asymptomatic') {
    if (c.symptoms.length > 0) out.push('Ca không triệu chứng nhưng có ghi triệu chứng.')
    if (c.onsetDate) out.push('Ca không triệu chứng không có ngày khởi phát (dùng ngày lấy mẫu dương tính đầu tiên).')
  }
  return out
}
