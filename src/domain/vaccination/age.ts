import type { AgeGroup } from './groups.ts'

/**
 * The age group a person was in on the day of a dose, from the date of birth when the registry has
 * it (whole years completed on that day), else from the year of birth alone (the age reached in the
 * year of the dose: the year of the dose minus the year of birth, as communes count ages on
 * lists). Coverage is counted by age group from 5 years, so a dose cannot be recorded for a person
 * without a year of birth or younger than 5 on that day: the answer then says why, in Vietnamese.
 */
export type AgeAtDose = { ok: true; age: number; ageGroup: AgeGroup; fromYearOnly: boolean } | { ok: false; code: 'NO_BIRTH_YEAR' | 'UNDER_FIVE' | 'BORN_AFTER_DOSE'; message: string }

const vn = (iso: string) => iso.split('-').reverse().join('/')

/** Whole years from a date of birth to a day (yyyy-mm-dd both); one born on 29 February turns a year older on 1 March. */
export function completedYears(birthDate: string, on: string): number {
  const years = Number(on.slice(0, 4)) - Number(birthDate.slice(0, 4))
  return on.slice(5) < birthDate.slice(5) ? years - 1 : years
}

export function ageGroupOf(age: number): AgeGroup | null {
  if (age < 5) return null
  if (age <= 11) return '5-11'
  if (age <= 17) return '12-17'
  if (age <= 49) return '18-49'
  if (age <= 64) return '50-64'
  return '65+'
}

export function ageAtDose(person: { birthDate: string | null; birthYear: number | null }, doseDate: string): AgeAtDose {
  const birthYear = person.birthDate ? Number(person.birthDate.slice(0, 4)) : person.birthYear
  if (birthYear === null || birthYear === undefined) {
    return { ok: false, code: 'NO_BIRTH_YEAR', message: 'Hồ sơ chưa có năm sinh: độ bao phủ tính theo nhóm tuổi nên chưa ghi được mũi tiêm. Hãy bổ sung năm sinh (hoặc ngày sinh) vào hồ sơ trước.' }
  }
  if (person.birthDate ? person.birthDate > doseDate : birthYear > Number(doseDate.slice(0, 4))) {
    return { ok: false, code: 'BORN_AFTER_DOSE', message: `Ngày tiêm ${vn(doseDate)} ở trước ngày (năm) sinh của người này.` }
  }
  const fromYearOnly = !person.birthDate
  const age = person.birthDate ? completedYears(person.birthDate, doseDate) : Number(doseDate.slice(0, 4)) - birthYear
  const ageGroup = ageGroupOf(age)
  if (!ageGroup) return { ok: false, code: 'UNDER_FIVE', message: `Ngày ${vn(doseDate)} người này mới ${age} tuổi; độ bao phủ chỉ tính từ 5 tuổi trở lên.` }
  return { ok: true, age, ageGroup, fromYearOnly }
}
