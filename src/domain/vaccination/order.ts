import { DOSE_VI, type Dose } from './groups.ts'

/** The place of a dose in a person's course: the primary doses in their order, then the booster. */
const RANK: Record<Dose, number> = { '1': 1, '2': 2, '3': 3, booster: 4 }

const vn = (iso: string) => iso.split('-').reverse().join('/')

/**
 * Why a dose cannot stand beside the person's other doses, or null: each dose of the course comes
 * on a later day than the doses before it (mũi 2 after mũi 1, the booster after the primary doses).
 * `others` are the person's other doses (the one being changed left out).
 */
export function doseOrderProblem(dose: { dose: Dose; doseDate: string }, others: readonly { dose: Dose; doseDate: string }[]): string | null {
  for (const o of others) {
    if (o.dose === dose.dose) return `Người này đã có ${DOSE_VI[o.dose].toLowerCase()} (ngày ${vn(o.doseDate)}).`
    const before = RANK[o.dose] < RANK[dose.dose]
    if (before && o.doseDate >= dose.doseDate) return `${DOSE_VI[dose.dose]} phải tiêm sau ${DOSE_VI[o.dose].toLowerCase()} (ngày ${vn(o.doseDate)}).`
    if (!before && o.doseDate <= dose.doseDate) return `${DOSE_VI[dose.dose]} phải tiêm trước ${DOSE_VI[o.dose].toLowerCase()} (ngày ${vn(o.doseDate)}).`
  }
  return null
}
