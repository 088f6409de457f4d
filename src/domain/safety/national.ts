import { type Checklist, type FacilityKind, parseChecklist } from './checklist.ts'
import byt from './checklists/byt-benh-vien-an-toan.json' with { type: 'json' }
import bgddt from './checklists/bgddt-truong-hoc-2020.json' with { type: 'json' }
import hanoi from './checklists/hanoi-truong-hoc-2021.json' with { type: 'json' }
import hcm1203 from './checklists/hcm-1203-noi-lam-viec.json' with { type: 'json' }
import hcmSchool from './checklists/hcm-truong-hoc-2021.json' with { type: 'json' }
import lodging from './checklists/luu-tru-du-lich.json' with { type: 'json' }
import qd2194 from './checklists/qd2194-noi-lam-viec.json' with { type: 'json' }
import qd2225 from './checklists/qd2225-cho-sieu-thi.json' with { type: 'json' }

function checked(value: unknown): Checklist {
  const r = parseChecklist(value)
  if (!r.ok) throw new Error(`Bộ tiêu chí mặc định không hợp lệ: ${r.problems.join('; ')}`)
  return r.checklist
}

/** The checklists shipped with the system (national, and other provinces' sets a province may copy). */
export const SHIPPED_CHECKLISTS: readonly Checklist[] = [qd2194, hcm1203, byt, bgddt, hanoi, hcmSchool, lodging, qd2225].map(checked)

export function shippedChecklist(key: string): Checklist | undefined {
  return SHIPPED_CHECKLISTS.find((c) => c.key === key)
}

/** The shipped checklist a facility of `kind` fills by default. */
export function defaultChecklistFor(kind: FacilityKind, list: readonly Checklist[] = SHIPPED_CHECKLISTS): Checklist | undefined {
  return list.find((c) => c.kinds.includes(kind))
}
