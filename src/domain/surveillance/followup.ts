import { addDays, formatISO, parseISO } from 'date-fns'
import type { TestMethod } from './codes.ts'

const iso = (d: Date) => formatISO(d, { representation: 'date' })

/** `day` (yyyy-mm-dd) moved by `n` calendar days. */
export function shiftDay(day: string, n: number): string {
  return iso(addDays(parseISO(day), n))
}

/**
 * The tests planned for a contact under follow-up: on these days counted from the last exposure.
 * Source: the Ministry of Health's guidance for quarantined close contacts in 2021 (RT-PCR on the
 * first day, the 7th and the 14th day), as reported in secondary sources — confidence: secondary;
 * check against the Ministry's text before relying on it. A province changes it here.
 */
export const FOLLOWUP_TEST_SCHEDULE: { readonly days: readonly number[]; readonly method: TestMethod; readonly confidence: 'secondary' } = {
  days: [1, 7, 14],
  method: 'pcr',
  confidence: 'secondary',
}

/**
 * The days a follow-up's tests are planned on: each scheduled day after the last exposure, a day
 * already past when the follow-up starts moved to its first day (once), none after it ends.
 */
export function plannedTestDays(lastExposure: string, startedOn: string, until: string, schedule: readonly number[] = FOLLOWUP_TEST_SCHEDULE.days): string[] {
  const days = new Set<string>()
  for (const n of schedule) {
    const day = shiftDay(lastExposure, n)
    const on = day < startedOn ? startedOn : day
    if (on <= until) days.add(on)
  }
  return [...days].sort()
}

/**
 * A body temperature from which a check counts as fever: 37.5 °C, the threshold the Ministry's
 * screening forms use (secondary source; check before relying on it).
 */
export const FEVER_FROM_CELSIUS = 37.5

/** True when a daily check should flag the contact: a fever or any symptom. */
export function checkIsAlarming(check: { temperature?: number | null | undefined; symptoms?: readonly string[] | undefined }): boolean {
  return (check.temperature != null && check.temperature >= FEVER_FROM_CELSIUS) || (check.symptoms?.length ?? 0) > 0
}

/** The last day of a contact's follow-up: the last exposure plus the rule's number of days. */
export function followupUntil(lastExposure: string, followDays: number): string {
  return shiftDay(lastExposure, followDays)
}
