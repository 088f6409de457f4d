import type { OrgKind } from '../../../domain/orgs/kinds.ts'
import { fold } from '../../../domain/text/fold.ts'

// First match wins: the more specific names come before the general ones ("đảng ủy công an" before "công an").
const RULES: [RegExp, OrgKind][] = [
  [/^ban chi dao|^bcd\b/, 'steering_committee'],
  [/^ban thuong vu/, 'party_standing_board'],
  [/^van phong (tinh|huyen|thanh|thi) uy/, 'party_office'],
  [/^ban can su dang|^dang doan/, 'party_delegation'],
  [/^dang uy (cong an|quan su|bien phong|khoi)/, 'party_affiliate_committee'],
  [/^(dang uy|tinh uy|huyen uy|thanh uy|thi uy)/, 'party_committee'],
  [/^ban (tuyen giao|to chuc|dan van|kiem tra|noi chinh)/, 'party_board'],
  [/^hoi dong nhan dan|^hdnd/, 'peoples_council'],
  [/^(uy ban nhan dan|ubnd)/, 'peoples_committee'],
  [/^(uy ban )?mat tran|^mttq|^uy ban mttq/, 'fatherland_front'],
  [/^don bien phong/, 'border_post'],
  [/bien phong/, 'border_guard'],
  [/quan su/, 'military'],
  [/^cong an/, 'police'],
  [/^benh vien/, 'hospital'],
  [/^(trung tam y te|tram y te|trung tam kiem soat benh tat)/, 'health_centre'],
  [/^chot /, 'checkpoint'],
  [/^(bao|dai phat thanh|dai truyen hinh|dai pt)/, 'media'],
  [/^(tinh doan|doan thanh nien|hoi )/, 'mass_organisation'],
  [/^(so|ban|chi cuc|cuc|nganh|trung tam)\b/, 'department'],
]

/** A first guess of a new body's kind from its written name; the reviewer can change it. */
export function guessKind(name: string): OrgKind {
  const f = fold(name)
  return RULES.find(([re]) => re.test(f))?.[1] ?? 'other'
}
