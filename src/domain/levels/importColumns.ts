import { fold } from '../text/fold.ts'

/**
 * A week's aggregate figures per unit read from a spreadsheet: one row per commune, columns named
 * in Vietnamese or by the assessment contract's field names. Coverage may be a share (0,85) or a
 * percentage (85).
 */
export const IMPORT_COLUMNS: { key: string; aliases: string[]; kind: 'code' | 'count' | 'share' | 'number' | 'yesno' }[] = [
  { key: 'unitCode', aliases: ['unitCode', 'unit', 'Mã', 'Mã đơn vị', 'Mã xã'], kind: 'code' },
  { key: 'population', aliases: ['population', 'Dân số'], kind: 'count' },
  { key: 'communityCases7d', aliases: ['communityCases7d', 'Ca cộng đồng 7 ngày', 'Ca tại cộng đồng'], kind: 'count' },
  { key: 'cases7d', aliases: ['cases7d', 'Ca mới 7 ngày', 'Ca mắc mới'], kind: 'count' },
  { key: 'oxygenPatients7d', aliases: ['oxygenPatients7d', 'Thở ô xy 7 ngày', 'Người bệnh thở ô xy'], kind: 'count' },
  { key: 'deaths7d', aliases: ['deaths7d', 'Tử vong 7 ngày', 'Tử vong'], kind: 'count' },
  { key: 'communityCasesPrev7d', aliases: ['communityCasesPrev7d', 'Ca cộng đồng tuần trước'], kind: 'count' },
  { key: 'casesPrev7d', aliases: ['casesPrev7d', 'Ca mới tuần trước'], kind: 'count' },
  { key: 'coverage.adults18PlusAtLeastOneDose', aliases: ['adults18PlusAtLeastOneDose', 'Từ 18 tuổi tiêm ít nhất 1 liều'], kind: 'share' },
  { key: 'coverage.elderly65PlusFullyVaccinated', aliases: ['elderly65PlusFullyVaccinated', 'Từ 65 tuổi tiêm đủ liều'], kind: 'share' },
  { key: 'coverage.fullyVaccinated', aliases: ['fullyVaccinated', 'Dân số tiêm đủ liều'], kind: 'share' },
  { key: 'coverage.highRiskFullyVaccinated', aliases: ['highRiskFullyVaccinated', 'Nhóm nguy cơ cao tiêm đủ liều'], kind: 'share' },
  { key: 'capacity.adequate', aliases: ['adequate', 'Bảo đảm thu dung điều trị'], kind: 'yesno' },
  { key: 'capacity.freeBedsPer100k', aliases: ['freeBedsPer100k', 'Giường trống/100.000 dân'], kind: 'number' },
  { key: 'capacity.icuBeds', aliases: ['icuBeds', 'Giường hồi sức tích cực'], kind: 'count' },
]

const norm = (h: string) => fold(h).replace(/[^a-z0-9+/]/g, '')
const BY_ALIAS = new Map(IMPORT_COLUMNS.flatMap((c) => c.aliases.map((a) => [norm(a), c] as const)))
const YES = new Set(['co', 'yes', 'true', '1', 'x', 'dat'])
const NO = new Set(['khong', 'no', 'false', '0', 'chuadat'])

export interface ImportedRow {
  unitCode: string
  inputs: Record<string, unknown>
}

/** The rows of a table as week inputs, or the problems, each with its line, in Vietnamese. */
export function rowsFromTable(headers: string[], rows: { line: number; cells: (string | number | null)[] }[]): { rows: ImportedRow[]; problems: string[] } {
  const columns = headers.map((h) => BY_ALIAS.get(norm(h)) ?? null)
  const problems: string[] = []
  if (!columns.some((c) => c?.key === 'unitCode')) problems.push('Thiếu cột mã đơn vị (Mã hoặc unitCode).')
  const unknown = headers.filter((_, i) => columns[i] === null && headers[i]!.trim())
  if (unknown.length) problems.push(`Cột không nhận ra: ${unknown.join(', ')}.`)
  if (problems.length) return { rows: [], problems }
  const out: ImportedRow[] = []
  for (const r of rows) {
    let unitCode = ''
    const inputs: Record<string, unknown> = {}
    columns.forEach((c, i) => {
      const raw = r.cells[i]
      if (!c || raw === null || raw === undefined || String(raw).trim() === '') return
      const text = String(raw).trim()
      let value: unknown
      if (c.kind === 'code') {
        unitCode = text
        return
      }
      if (c.kind === 'yesno') {
        const f = norm(text)
        value = YES.has(f) ? true : NO.has(f) ? false : undefined
      } else {
        const n = typeof raw === 'number' ? raw : Number(text.replace('%', '').replace(/\.(?=\d{3}\b)/g, '').replace(',', '.'))
        value = Number.isFinite(n) ? (c.kind === 'share' && (n > 1 || text.includes('%')) ? n / 100 : n) : undefined
      }
      if (value === undefined) {
        problems.push(`Dòng ${r.line}, cột "${headers[i]}": "${text}" không phải ${c.kind === 'yesno' ? 'có/không' : 'một số'}.`)
        return
      }
      const [a, b] = c.key.split('.') as [string, string | undefined]
      if (b) inputs[a] = { ...(inputs[a] as object | undefined), [b]: value }
      else inputs[a] = value
    })
    if (!unitCode) problems.push(`Dòng ${r.line}: thiếu mã đơn vị.`)
    else out.push({ unitCode, inputs })
  }
  return { rows: out, problems }
}
