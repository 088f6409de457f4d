import { ageAtDose } from '../../../domain/vaccination/age.ts'
import type { AgeGroup, Dose, RiskGroup } from '../../../domain/vaccination/groups.ts'
import { doseOrderProblem } from '../../../domain/vaccination/order.ts'
import { auditRead, type Ctx, inTransaction, requirePermission } from '../../platform/context.ts'
import { AppError, badRequest, notFound } from '../../platform/errors.ts'
import { registerMergeHook, registerPersonReference } from '../people/references.ts'
import * as repo from './repo.ts'
import * as records from './recordsRepo.ts'
import { notFuture, ownCommune } from './service.ts'

// Person-level vaccination records: the doses a person was given, each at a commune, entered on
// the person's page or imported. Each record is counted into the commune's doses of its day (as
// source 'records', by trigger), so coverage and everything reading it see it at once.

registerPersonReference({ table: 'vaccination_records', column: 'person_id', label: 'mũi tiêm chủng' })
registerMergeHook({
  name: 'vaccination-records',
  // Two records of one person cannot both hold the same dose: the duplicate is removed by hand first.
  async beforeMove(tx, keepId, fromId) {
    const doses = await records.dosesOfPeople(tx.db, [keepId, fromId])
    const kept = new Set(doses.filter((d) => d.personId === keepId).map((d) => d.dose))
    const both = doses.filter((d) => d.personId === fromId && kept.has(d.dose))
    if (both.length) throw new AppError(409, 'MERGE_DOSES', `Cả hai hồ sơ đều có ${both.map((d) => (d.dose === 'booster' ? 'mũi nhắc lại' : `mũi ${d.dose}`)).join(', ')}: hãy xoá mũi ghi trùng ở một hồ sơ trước khi gộp.`)
    return null
  },
})

export interface DoseInput {
  doseDate: string
  product: string
  dose: Dose
  /** The commune that gave the dose. */
  unitCode: string
  riskGroup?: RiskGroup | undefined
  lot?: string | null | undefined
}

export type ProductRef = { code: string; name: string; primaryDoses: number }

/**
 * The age group of a dose for a person, or why it cannot be recorded: the product must have that
 * dose, the person a year of birth and 5 years on the day, a pregnancy a woman, and the dose its
 * place in the person's course (`others`: their other doses).
 */
export function checkDose(
  person: { birthDate: string | null; birthYear: number | null; sex: string | null },
  d: { doseDate: string; dose: Dose; riskGroup: RiskGroup },
  product: ProductRef | undefined,
  others: readonly { dose: Dose; doseDate: string }[],
): { ageGroup: AgeGroup } | { code: string; message: string } {
  if (!product) return { code: 'UNKNOWN_PRODUCT', message: 'Vắc xin không có trong danh mục.' }
  if (d.dose !== 'booster' && Number(d.dose) > product.primaryDoses) return { code: 'BAD_DOSE', message: `${product.name} chỉ có ${product.primaryDoses} mũi cơ bản, không có mũi ${d.dose}.` }
  const age = ageAtDose(person, d.doseDate)
  if (!age.ok) return { code: age.code, message: age.message }
  if (d.riskGroup === 'pregnant' && person.sex === 'male') return { code: 'BAD_RISK_GROUP', message: 'Hồ sơ ghi giới tính nam: không thể thuộc nhóm phụ nữ mang thai.' }
  const order = doseOrderProblem(d, others)
  if (order) return { code: 'DOSE_ORDER', message: order }
  return { ageGroup: age.ageGroup }
}

function notTooEarly(date: string) {
  if (date < '2021-01-01') throw badRequest('BAD_DATE', 'Ngày tiêm phải từ năm 2021 trở đi.')
}

async function productsByCode(ctx: Ctx): Promise<Map<string, ProductRef>> {
  return new Map((await repo.products(ctx.db)).map((p) => [p.code, p]))
}

/** A person's doses, for their page; the read is audited as a read of personal data. */
export async function personDoses(ctx: Ctx, personId: number) {
  requirePermission(ctx.access, 'people:read')
  const person = await records.personFor(ctx.db, ctx.access, personId)
  if (!person) throw notFound(`người #${personId}`)
  const items = await records.recordsOf(ctx.db, ctx.access, personId)
  await auditRead(ctx, 'vaccination_records', [{ id: personId, unitPath: person.unitPath }], { records: items.map((i) => i.id) })
  return { person: { id: person.id, fullName: person.fullName, birthYear: person.birthYear, birthDate: person.birthDate }, items }
}

/** Records a dose given to a person (inside the caller's area) at a commune of the caller's area. */
export async function addDose(ctx: Ctx, personId: number, input: DoseInput) {
  requirePermission(ctx.access, 'people:read')
  notFuture(ctx, input.doseDate)
  notTooEarly(input.doseDate)
  const unit = await ownCommune(ctx, input.unitCode)
  const products = await productsByCode(ctx)
  const riskGroup = input.riskGroup ?? 'none'
  const id = await inTransaction(ctx, async (tx) => {
    const person = await records.personFor(tx.db, tx.access, personId, true)
    if (!person) throw notFound(`người #${personId}`)
    const others = await records.dosesOfPeople(tx.db, [personId])
    const checked = checkDose(person, { doseDate: input.doseDate, dose: input.dose, riskGroup }, products.get(input.product), others)
    if ('code' in checked) throw badRequest(checked.code, checked.message)
    const row = { personId, doseDate: input.doseDate, product: input.product, dose: input.dose, unitId: unit.id, unitPath: unit.path, ageGroup: checked.ageGroup, riskGroup, lot: input.lot?.trim() || null }
    const id = await records.insertRecord(tx.db, row, tx.access.userId)
    if (id === null) throw new AppError(409, 'DUPLICATE_DOSE', 'Người này đã có mũi này; hãy sửa mũi đã ghi thay vì thêm mới.')
    return id
  })
  return { id, ...(await personDoses(ctx, personId)) }
}

/** Corrects a dose recorded at a commune of the caller's area: date, product, dose number, commune, group or lot. */
export async function changeDose(ctx: Ctx, id: number, patch: Partial<DoseInput>) {
  requirePermission(ctx.access, 'people:read')
  if (patch.doseDate) {
    notFuture(ctx, patch.doseDate)
    notTooEarly(patch.doseDate)
  }
  const unit = patch.unitCode ? await ownCommune(ctx, patch.unitCode) : null
  const products = await productsByCode(ctx)
  const personId = await inTransaction(ctx, async (tx) => {
    const current = await records.lockRecord(tx.db, tx.access, id)
    if (!current) throw notFound(`mũi tiêm #${id}`)
    const person = await records.personFor(tx.db, tx.access, current.personId, true)
    if (!person) throw notFound(`mũi tiêm #${id}`)
    const next = {
      doseDate: patch.doseDate ?? current.doseDate,
      product: patch.product ?? current.product,
      dose: patch.dose ?? current.dose,
      riskGroup: patch.riskGroup ?? current.riskGroup,
      lot: patch.lot === undefined ? current.lot : patch.lot?.trim() || null,
    }
    const others = (await records.dosesOfPeople(tx.db, [current.personId])).filter((d) => d.id !== id)
    const checked = checkDose(person, next, products.get(next.product), others)
    if ('code' in checked) throw badRequest(checked.code, checked.message)
    await records.updateRecord(tx.db, id, { ...next, unitId: unit?.id ?? current.unitId, unitPath: unit?.path ?? current.unitPath, ageGroup: checked.ageGroup })
    return current.personId
  })
  return personDoses(ctx, personId)
}

/** Removes a dose recorded at a commune of the caller's area. */
export async function removeDose(ctx: Ctx, id: number) {
  requirePermission(ctx.access, 'people:read')
  const removed = await inTransaction(ctx, async (tx) => {
    const current = await records.lockRecord(tx.db, tx.access, id)
    if (!current || !(await records.deleteRecord(tx.db, tx.access, id))) throw notFound(`mũi tiêm #${id}`)
    return current
  })
  return { ok: true as const, personId: removed.personId }
}
