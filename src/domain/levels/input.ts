import { z } from 'zod'

/**
 * The input of an assessment, as `phongdich levels assess` and `POST /api/levels/assess` take it:
 * one entry per unit with the week's aggregate figures. A rule set needs only its own fields; the
 * others may be absent. Coverage is a share from 0 to 1.
 *
 * Beside the contract's fields, optional: last week's counts (`…Prev7d`, for rule sets that average
 * or add two weeks) and the level in force (`previousLevel`, for the guard that forbids lowering it
 * while the capacity criterion fails).
 */
const count = (what: string) =>
  z
    .number({ error: `${what} phải là một số.` })
    .int(`${what} phải là số nguyên.`)
    .min(0, `${what} không được âm.`)
    .max(100_000_000, `${what} quá lớn.`)
    .optional()
const share = (what: string) =>
  z
    .number({ error: `${what} phải là một số (tỷ lệ từ 0 đến 1).` })
    .min(0, `${what} là tỷ lệ từ 0 đến 1 (ví dụ 0,85 cho 85%).`)
    .max(1, `${what} là tỷ lệ từ 0 đến 1 (ví dụ 0,85 cho 85%).`)
    .optional()

export const zCoverage = z.strictObject({
  adults18PlusAtLeastOneDose: share('Tỷ lệ người từ 18 tuổi tiêm ít nhất 1 liều'),
  elderly65PlusFullyVaccinated: share('Tỷ lệ người từ 65 tuổi tiêm đủ liều'),
  fullyVaccinated: share('Tỷ lệ dân số tiêm đủ liều'),
  highRiskFullyVaccinated: share('Tỷ lệ nhóm nguy cơ cao tiêm đủ liều'),
})

export const zCapacity = z.strictObject({
  adequate: z.boolean({ error: 'Khả năng thu dung, điều trị (adequate) là true hoặc false.' }).optional(),
  freeBedsPer100k: z.number({ error: 'Số giường trống/100.000 dân phải là một số.' }).min(0, 'Số giường trống không được âm.').max(100_000, 'Số giường trống quá lớn.').optional(),
  icuBeds: count('Số giường hồi sức tích cực'),
})

export const zUnitInput = z.strictObject({
  unit: z.string({ error: 'Thiếu mã đơn vị (unit).' }).trim().min(1, 'Mã đơn vị (unit) không được để trống.').max(60, 'Mã đơn vị (unit) dài quá 60 ký tự.'),
  population: z
    .number({ error: 'Dân số (population) phải là một số.' })
    .int('Dân số phải là số nguyên.')
    .min(1, 'Dân số (population) phải lớn hơn 0.')
    .max(200_000_000, 'Dân số quá lớn.'),
  communityCases7d: count('Số ca tại cộng đồng trong 7 ngày'),
  cases7d: count('Số ca mắc mới trong 7 ngày'),
  oxygenPatients7d: count('Số người bệnh thở ô xy trong 7 ngày'),
  deaths7d: count('Số ca tử vong trong 7 ngày'),
  communityCasesPrev7d: count('Số ca tại cộng đồng tuần trước'),
  casesPrev7d: count('Số ca mắc mới tuần trước'),
  oxygenPatientsPrev7d: count('Số người bệnh thở ô xy tuần trước'),
  deathsPrev7d: count('Số ca tử vong tuần trước'),
  previousLevel: z.number({ error: 'Cấp hiện hành phải là một số.' }).int('Cấp hiện hành là số nguyên.').min(1, 'Cấp hiện hành từ 1 đến 4.').max(4, 'Cấp hiện hành từ 1 đến 4.').optional(),
  coverage: zCoverage.optional(),
  capacity: zCapacity.optional(),
})
export type UnitInput = z.output<typeof zUnitInput>

export const MAX_UNITS = 20_000
export const zAssessInput = z.strictObject({
  units: z
    .array(zUnitInput, { error: 'Thiếu danh sách đơn vị (units).' })
    .min(1, 'Danh sách đơn vị (units) không được rỗng.')
    .max(MAX_UNITS, `Tối đa ${MAX_UNITS.toLocaleString('vi-VN')} đơn vị mỗi lần.`),
})
export type AssessInput = z.output<typeof zAssessInput>

/** Zod problems as "units/3/population: message" lines. */
export function describeIssues(issues: readonly { path: readonly PropertyKey[]; message: string }[]): string[] {
  return issues.map((i) => `${i.path.map(String).join('/') || '(gốc)'}: ${i.message}`)
}
