import { vnNumber, vnPercent } from './format.ts'
import type { UnitInput } from './input.ts'
import { type Cell, type Confidence, COLUMN_KEYS, type IndicatorKey, type Level, reaches, type RuleSet, type Threshold, type VaccinationKey } from './ruleset.ts'

/**
 * The level of one unit for one week, in the decisions' own steps:
 * 1. a transmission band (1–4) from each case indicator per 100,000 per week, the highest of them;
 * 2. the vaccination adjustment: the criteria pick the table's column (4800) or, when missed, raise
 *    the band by one (218);
 * 3. the band × column table (columns by coverage, by response capacity, or one column);
 * 4. the guards: one level up when the elderly-coverage target is missed; no lowering below the
 *    level in force while the capacity criterion fails.
 * Every step leaves an indicator {name, value, band} and a reason in Vietnamese.
 */

export type Band = number | string
export interface Indicator {
  name: string
  value: number | boolean | string | null
  band: Band
}

export interface Assessment {
  unit: string
  level: Level
  indicators: Indicator[]
  reasons: string[]
  /** The band read into the table (after the vaccination adjustment). */
  band: Level
  /** The table's column. */
  column: string
  /** The table's answer, before the guards. */
  tableLevel: Level
  /** The weakest mark among what decided the level: the cell, the deciding cut-off, the guards applied. */
  confidence: Confidence
}

const RANK: Record<Confidence, number> = { verified: 0, secondary: 1, unverified: 2 }
const weakest = (a: Confidence, b: Confidence): Confidence => (RANK[b] > RANK[a] ? b : a)

const COUNT_FIELD: Record<IndicatorKey, { now: keyof UnitInput; prev: keyof UnitInput }> = {
  communityCases: { now: 'communityCases7d', prev: 'communityCasesPrev7d' },
  cases: { now: 'cases7d', prev: 'casesPrev7d' },
  oxygenPatients: { now: 'oxygenPatients7d', prev: 'oxygenPatientsPrev7d' },
  deaths: { now: 'deaths7d', prev: 'deathsPrev7d' },
}

export const INDICATOR_NAMES: Record<string, string> = {
  communityCasesPer100k: 'Ca tại cộng đồng/100.000 dân',
  casesPer100k: 'Ca mắc mới/100.000 dân',
  oxygenPatientsPer100k: 'Người bệnh thở ô xy/100.000 dân',
  deathsPer100k: 'Tử vong/100.000 dân',
  transmissionBand: 'Mức độ lây nhiễm',
  adults18PlusAtLeastOneDose: 'Người từ 18 tuổi tiêm ≥ 1 liều',
  fullyVaccinated: 'Dân số tiêm đủ liều',
  highRiskFullyVaccinated: 'Nhóm nguy cơ cao tiêm đủ liều',
  elderly65PlusFullyVaccinated: 'Người từ 65 tuổi tiêm đủ liều',
  'capacity.adequate': 'Bảo đảm thu dung, điều trị',
  'capacity.freeBedsPer100k': 'Giường trống/100.000 dân',
  'capacity.icuBeds': 'Giường hồi sức tích cực',
  capacityClass: 'Khả năng đáp ứng',
}

export const CAPACITY_CLASS_NAMES: Record<string, string> = { high: 'cao', medium: 'trung bình', low: 'thấp' }

const clamp = (n: number): Level => Math.min(4, Math.max(1, n)) as Level
const cmp = (t: Threshold) => (t.op === '>' ? '>' : '≥')
const unverifiedMark = (c: Confidence) => (c === 'unverified' ? ' (chưa kiểm chứng)' : '')

/** The input fields a rule set needs that `u` lacks, as paths ("coverage/fullyVaccinated"). */
export function missingFields(rs: RuleSet, u: UnitInput): string[] {
  const missing: string[] = []
  for (const ind of rs.transmission.indicators) {
    const f = COUNT_FIELD[ind.key].now
    if (u[f] === undefined) missing.push(f)
  }
  if (rs.vaccination.effect !== 'none') {
    for (const c of rs.vaccination.criteria) if (u.coverage?.[c.key] === undefined) missing.push(`coverage/${c.key}`)
  }
  if (rs.guards.elderly.enabled && u.coverage?.elderly65PlusFullyVaccinated === undefined) missing.push('coverage/elderly65PlusFullyVaccinated')
  for (const c of rs.capacity.components) if (c.required && u.capacity?.[c.key] === undefined) missing.push(`capacity/${c.key}`)
  return missing
}

/** Assesses one unit. The input must hold the fields `missingFields` asks for. */
export function assessUnit(rs: RuleSet, u: UnitInput): Assessment {
  const indicators: Indicator[] = []
  const reasons: string[] = []
  let confidence: Confidence = 'verified'

  // 1. Transmission band: the highest band of the case indicators.
  let band = 1
  let bandConfidence: Confidence = 'verified'
  let anyCases = false
  for (const ind of rs.transmission.indicators) {
    const fields = COUNT_FIELD[ind.key]
    const now = (u[fields.now] as number | undefined) ?? 0
    const prev = u[fields.prev] as number | undefined
    if (now > 0 || (prev ?? 0) > 0) anyCases = true
    let count = now
    let how = 'trong tuần'
    if (ind.window !== 'week') {
      if (prev === undefined) how = 'trong tuần (không có số tuần trước)'
      else if (ind.window === 'twoWeekAverage') {
        count = (now + prev) / 2
        how = 'trung bình hai tuần'
      } else {
        count = now + prev
        how = 'trong 14 ngày'
      }
    }
    const rate = (count / u.population) * 100_000
    let b = 1
    for (let i = 0; i < 3; i++) if (reaches(rate, ind.cutoffs[i]!)) b = i + 2
    const decisive = b === 1 ? ind.cutoffs[0]! : ind.cutoffs[b - 2]!
    const name = `${ind.key}Per100k`
    indicators.push({ name, value: Math.round(rate * 100) / 100, band: b })
    const range = b === 1 ? `< ${vnNumber(ind.cutoffs[0]!.value)}` : `${cmp(decisive)} ${vnNumber(decisive.value)}`
    reasons.push(`${ind.label}: ${vnNumber(rate, 2)} (${vnNumber(count)} ca ${how}, dân số ${vnNumber(u.population, 0)}) → mức ${b} (${range})${unverifiedMark(decisive.confidence)}.`)
    if (b > band || (b === band && RANK[decisive.confidence] > RANK[bandConfidence])) {
      band = b
      bandConfidence = decisive.confidence
    }
  }
  confidence = weakest(confidence, bandConfidence)
  if (rs.transmission.indicators.length > 1) {
    reasons.push(`Mức độ lây nhiễm lấy mức cao nhất của các chỉ số: mức ${band}${unverifiedMark(rs.transmission.combineConfidence)}.`)
    confidence = weakest(confidence, rs.transmission.combineConfidence)
  }

  // 2. Vaccination.
  let column = 'all'
  if (rs.vaccination.effect !== 'none') {
    let allMet = true
    const parts: string[] = []
    for (const c of rs.vaccination.criteria) {
      const v = u.coverage?.[c.key as VaccinationKey] ?? 0
      const met = reaches(v, c.min)
      if (!met) allMet = false
      indicators.push({ name: c.key, value: v, band: met ? 'met' : 'notMet' })
      parts.push(`${c.label} ${vnPercent(v)} (${met ? 'đạt' : 'chưa đạt'} ${cmp(c.min)} ${vnPercent(c.min.value)})`)
    }
    if (rs.vaccination.effect === 'column') {
      column = allMet ? 'met' : 'notMet'
      reasons.push(`Độ bao phủ vắc xin: ${parts.join('; ')} → cột "${rs.matrix.columns.find((c) => c.key === column)!.label}".`)
    } else if (!allMet) {
      const raised = clamp(band + 1)
      reasons.push(`Độ bao phủ vắc xin chưa đạt: ${parts.join('; ')} → mức độ lây nhiễm tăng 1: mức ${raised}${unverifiedMark(rs.vaccination.effectConfidence)}.`)
      band = raised
      confidence = weakest(confidence, rs.vaccination.effectConfidence)
    } else {
      reasons.push(`Độ bao phủ vắc xin đạt: ${parts.join('; ')} → giữ mức độ lây nhiễm ${band}.`)
    }
  }
  indicators.push({ name: 'transmissionBand', value: band, band })

  // Response capacity: every given component met → high; none met → low; otherwise medium.
  let capacityClass: 'high' | 'medium' | 'low' | null = null
  if (rs.capacity.components.length > 0) {
    let given = 0
    let met = 0
    const parts: string[] = []
    for (const c of rs.capacity.components) {
      const v = u.capacity?.[c.key]
      if (v === undefined) continue
      given++
      const ok = c.key === 'adequate' ? v === true : reaches(v as number, c.min!)
      if (ok) met++
      indicators.push({ name: `capacity.${c.key}`, value: v, band: ok ? 'met' : 'notMet' })
      parts.push(c.key === 'adequate' ? `${c.label}: ${v ? 'có' : 'không'}` : `${c.label}: ${vnNumber(v as number)} (${ok ? 'đạt' : 'chưa đạt'} ${cmp(c.min!)} ${vnNumber(c.min!.value)})`)
    }
    capacityClass = given === 0 ? 'high' : met === given ? 'high' : met === 0 ? 'low' : 'medium'
    indicators.push({ name: 'capacityClass', value: capacityClass, band: capacityClass })
    reasons.push(`Khả năng đáp ứng ${CAPACITY_CLASS_NAMES[capacityClass]}: ${parts.join('; ') || 'không có số liệu'}.`)
    if (rs.matrix.columnBy === 'capacity') {
      column = capacityClass
      confidence = weakest(confidence, rs.capacity.classifyConfidence)
    }
  }

  // 3. The table.
  const colIndex = (COLUMN_KEYS[rs.matrix.columnBy] as readonly string[]).indexOf(column)
  const cell: Cell = rs.matrix.cells[band - 1]![colIndex]!
  const tableLevel = cell.level as Level
  let level: Level = tableLevel
  confidence = weakest(confidence, cell.confidence)
  const columnText = rs.matrix.columnBy === 'none' ? '' : ` × ${rs.matrix.columns[colIndex]!.label.toLowerCase()}`
  reasons.push(`Bảng quyết định: mức ${band}${columnText} → cấp ${tableLevel}${unverifiedMark(cell.confidence)}.`)

  // 4. Guards.
  const elderly = rs.guards.elderly
  if (elderly.enabled) {
    const v = u.coverage?.elderly65PlusFullyVaccinated ?? 0
    const ok = reaches(v, elderly.min)
    indicators.push({ name: 'elderly65PlusFullyVaccinated', value: v, band: ok ? 'met' : 'notMet' })
    if (!ok) {
      if (elderly.exceptWhenNoCases && !anyCases) {
        reasons.push(`Người từ 65 tuổi tiêm đủ liều ${vnPercent(v)} chưa đạt ${cmp(elderly.min)} ${vnPercent(elderly.min.value)}, nhưng địa bàn không có ca → không nâng cấp${unverifiedMark(elderly.exceptConfidence)}.`)
        confidence = weakest(confidence, elderly.exceptConfidence)
      } else if (level < 4) {
        level = clamp(level + 1)
        reasons.push(`Người từ 65 tuổi tiêm đủ liều ${vnPercent(v)} chưa đạt ${cmp(elderly.min)} ${vnPercent(elderly.min.value)} → nâng 1 cấp: cấp ${level}${unverifiedMark(elderly.confidence)}.`)
        confidence = weakest(confidence, elderly.confidence)
      } else {
        reasons.push(`Người từ 65 tuổi tiêm đủ liều ${vnPercent(v)} chưa đạt ${cmp(elderly.min)} ${vnPercent(elderly.min.value)}; đã ở cấp 4.`)
      }
    }
  }
  if (rs.guards.noLowering.enabled && capacityClass === 'low') {
    if (u.previousLevel === undefined) {
      reasons.push('Khả năng đáp ứng không bảo đảm: không được hạ cấp, nhưng không có cấp hiện hành để so.')
    } else if (level < u.previousLevel) {
      reasons.push(`Khả năng đáp ứng không bảo đảm → không hạ cấp: giữ cấp ${u.previousLevel} thay vì cấp ${level}${unverifiedMark(rs.guards.noLowering.confidence)}.`)
      level = u.previousLevel as Level
      confidence = weakest(confidence, rs.guards.noLowering.confidence)
    }
  }
  reasons.push(`Kết quả: ${rs.levels[level - 1]!.name}.`)
  return { unit: u.unit, level, indicators, reasons, band: band as Level, column, tableLevel, confidence }
}

/** The contract's view of an assessment: {unit, level, indicators, reasons}. */
export function contractView(a: Assessment): { unit: string; level: Level; indicators: Indicator[]; reasons: string[] } {
  return { unit: a.unit, level: a.level, indicators: a.indicators, reasons: a.reasons }
}
