import { checkNationalId } from '../../../domain/people/cccd.ts'
import { fold } from '../../../domain/text/fold.ts'
import { vietnameseSortKey } from '../../../domain/text/sortKey.ts'
import { type Ctx, inTransaction, isWithin, requirePermission } from '../../platform/context.ts'
import { AppError, badRequest, notFound } from '../../platform/errors.ts'
import { mergeHooks, personReferences } from './references.ts'
import * as repo from './repo.ts'
import { getPerson, type PersonView } from './service.ts'

/** Fields a kept record takes from the removed one when it has none, with their Vietnamese names. */
const FILLABLE = {
  birthYear: 'năm sinh',
  birthDate: 'ngày sinh',
  sex: 'giới tính',
  nationalId: 'số CCCD',
  passportNo: 'số hộ chiếu',
  phone: 'số điện thoại',
  address: 'địa chỉ',
  tempUnitId: 'nơi tạm trú',
  tempAddress: 'địa chỉ tạm trú',
  workplace: 'nơi làm việc',
} as const
type Fillable = keyof typeof FILLABLE

interface MovedRows {
  table: string
  column: string
  key: string
  label: string
  keys: (string | number)[]
}

/** What a merge's audit entry holds: enough to put everything back. */
interface MergeRecord {
  before: { kept: repo.StoredPerson; removed: repo.StoredPerson }
  after: { kept: repo.StoredPerson; filled: Partial<Record<Fillable | 'nationality', unknown>>; moved: MovedRows[]; hooks?: Record<string, unknown> }
}

export interface MergeOutcome {
  person: PersonView
  /** The audit entry of the merge: `POST /api/people/merges/:auditId/undo` reverses it. */
  auditId: number
  filled: string[]
  moved: { label: string; count: number }[]
}

const sameValue = (a: unknown, b: unknown) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null)

/** The fields `keep` lacks and `from` has, refusing two records whose identities contradict. */
function fillFrom(keep: repo.StoredPerson, from: repo.StoredPerson): Partial<Record<Fillable | 'nationality', unknown>> {
  if (keep.nationalId && from.nationalId && keep.nationalId !== from.nationalId) {
    throw new AppError(409, 'MERGE_CONFLICT', `Không gộp được: hai hồ sơ có số CCCD khác nhau (${keep.nationalId} và ${from.nationalId}), nên là hai người khác nhau.`)
  }
  if (keep.passportNo && from.passportNo && keep.passportNo !== from.passportNo && keep.nationality === from.nationality) {
    throw new AppError(409, 'MERGE_CONFLICT', `Không gộp được: hai hồ sơ có số hộ chiếu khác nhau (${keep.passportNo} và ${from.passportNo}).`)
  }
  const fill: Partial<Record<Fillable | 'nationality', unknown>> = {}
  for (const field of Object.keys(FILLABLE) as Fillable[]) {
    if (keep[field] === null && from[field] !== null) fill[field] = from[field]
  }
  // A date of birth only where it agrees with the kept year.
  if (fill.birthDate && keep.birthYear !== null && Number(String(fill.birthDate).slice(0, 4)) !== keep.birthYear) delete fill.birthDate
  if (fill.birthDate && fill.birthYear === undefined) fill.birthYear = Number(String(fill.birthDate).slice(0, 4))
  // A passport goes with its country; a kept record holding a CCCD keeps its nationality.
  if (fill.passportNo && keep.nationality !== from.nationality) {
    if (keep.nationalId) delete fill.passportNo
    else fill.nationality = from.nationality
  }
  if (fill.nationalId) {
    const problems = checkNationalId(String(fill.nationalId), {
      birthYear: (fill.birthYear as number | undefined) ?? keep.birthYear,
      sex: (fill.sex as repo.StoredPerson['sex'] | undefined) ?? keep.sex,
    })
    if (problems.length > 0) throw new AppError(409, 'MERGE_CONFLICT', `Không gộp được: số CCCD của hồ sơ #${from.id} không khớp với hồ sơ giữ lại. ${problems.join(' ')}`)
  }
  return fill
}

/**
 * Merges person `fromId` into person `keepId`: every row registered as belonging to a person moves
 * to the kept record, the kept record takes the fields it lacks, the other is deleted. One
 * transaction; one audit entry (action `merge`) holding both records and the moved rows.
 */
export async function mergePeople(ctx: Ctx, keepId: number, fromId: number): Promise<MergeOutcome> {
  requirePermission(ctx.access, 'people:write')
  if (keepId === fromId) throw badRequest('MERGE_SELF', 'Không thể gộp một hồ sơ vào chính nó.')
  const outcome = await inTransaction(ctx, async (tx) => {
    const rows = await repo.lockStoredPeople(tx.db, tx.access, [keepId, fromId])
    const keep = rows.find((r) => r.id === keepId)
    const from = rows.find((r) => r.id === fromId)
    if (!keep) throw notFound(`người #${keepId}`)
    if (!from) throw notFound(`người #${fromId}`)
    const fill = fillFrom(keep, from)
    // Contexts refuse what their records cannot take, and set aside rows that would repeat.
    const saved: Record<string, unknown> = {}
    for (const hook of mergeHooks()) if (hook.beforeMove) saved[hook.name] = (await hook.beforeMove(tx, keepId, fromId)) ?? null
    const moved: MovedRows[] = []
    for (const ref of personReferences()) {
      const keys = await repo.moveReferences(tx.db, ref, fromId, keepId)
      moved.push({ ...ref, keys })
    }
    // The removed record goes first: its CCCD or passport may move to the kept one.
    await repo.deleteStoredPerson(tx.db, fromId)
    await repo.setStoredFields(tx.db, keepId, fill as Partial<repo.StoredPerson>)
    for (const hook of mergeHooks()) await hook.afterMerge?.(tx, keepId, fromId)
    const [after] = await repo.lockStoredPeople(tx.db, tx.access, [keepId])
    const record: MergeRecord = { before: { kept: keep, removed: from }, after: { kept: after!, filled: fill, moved, hooks: saved } }
    const auditId = await repo.insertAuditEntry(tx.db, {
      actorId: tx.access.userId,
      actorName: tx.access.username,
      action: 'merge',
      entityId: keepId,
      unitPath: keep.unitPath,
      before: record.before,
      after: record.after,
      requestId: tx.requestId ?? null,
    })
    return {
      auditId,
      filled: Object.keys(fill).filter((f): f is Fillable => f in FILLABLE).map((f) => FILLABLE[f]),
      moved: moved.filter((m) => m.keys.length > 0).map((m) => ({ label: m.label, count: m.keys.length })),
    }
  })
  return { ...outcome, person: await getPerson(ctx, keepId) }
}

export interface UndoOutcome {
  kept: PersonView
  restored: PersonView
  auditId: number
  movedBack: { label: string; count: number }[]
}

/**
 * Reverses merge `auditId`: the removed record comes back under its id, the rows moved to the
 * kept record move back, and the fields the kept record took are emptied again. Refused when the
 * kept record has since changed those fields, is gone, or another record holds the removed one's
 * CCCD or passport.
 */
export async function undoMerge(ctx: Ctx, auditId: number): Promise<UndoOutcome> {
  requirePermission(ctx.access, 'people:write')
  const result = await inTransaction(ctx, async (tx) => {
    const entry = await repo.findAuditEntry(tx.db, auditId)
    if (entry?.action !== 'merge' || entry.entity !== 'people') throw notFound(`lần gộp hồ sơ #${auditId}`)
    const record = { before: entry.before, after: entry.after } as unknown as MergeRecord
    const { kept: keptBefore, removed } = record.before
    if (!isWithin(tx.access, keptBefore.unitPath) || !isWithin(tx.access, removed.unitPath)) throw notFound(`lần gộp hồ sơ #${auditId}`)
    // The kept record is locked first, so a second undo of the same merge waits and then sees the first.
    const [kept] = await repo.lockStoredPeople(tx.db, tx.access, [keptBefore.id])
    if ((await repo.findUndoEntries(tx.db, keptBefore.id)).some((u) => (u.after as { mergeAuditId?: number } | null)?.mergeAuditId === auditId)) {
      throw new AppError(409, 'MERGE_ALREADY_UNDONE', `Lần gộp hồ sơ #${auditId} đã được hoàn tác.`)
    }
    if (!kept) {
      if (await repo.personExistsAnywhere(tx.db, keptBefore.id)) throw notFound(`người #${keptBefore.id}`)
      throw new AppError(409, 'MERGE_UNDO_UNSAFE', `Không hoàn tác được: hồ sơ giữ lại #${keptBefore.id} không còn (đã bị gộp vào hồ sơ khác). Hãy hoàn tác lần gộp sau trước.`)
    }
    const changed = (Object.keys(record.after.filled) as (Fillable | 'nationality')[]).filter((f) => !sameValue(kept[f], record.after.filled[f]))
    if (changed.length > 0) {
      const names = changed.map((f) => (f === 'nationality' ? 'quốc tịch' : FILLABLE[f]))
      throw new AppError(
        409,
        'MERGE_UNDO_UNSAFE',
        `Không hoàn tác được: sau khi gộp, hồ sơ #${kept.id} đã được sửa ở ${names.join(', ')} — những thông tin này lấy từ hồ sơ #${removed.id}. Hãy sửa lại bằng tay.`,
      )
    }
    if (await repo.personExistsAnywhere(tx.db, removed.id)) {
      throw new AppError(409, 'MERGE_UNDO_UNSAFE', `Không hoàn tác được: hồ sơ #${removed.id} đã có lại trong sổ.`)
    }
    // Empty the fields the kept record took (they were empty before), then bring the other back.
    const reset = Object.fromEntries(Object.keys(record.after.filled).map((f) => [f, keptBefore[f as keyof repo.StoredPerson]]))
    await repo.setStoredFields(tx.db, kept.id, reset as Partial<repo.StoredPerson>)
    const taken = await repo.findByIdentityAnywhere(tx.db, { nationalId: removed.nationalId, passportNo: removed.passportNo, nationality: removed.nationality })
    if (taken.length > 0) {
      throw new AppError(
        409,
        'MERGE_UNDO_UNSAFE',
        `Không hoàn tác được: ${removed.nationalId && taken.some((t) => t.nationalId === removed.nationalId) ? `số CCCD ${removed.nationalId}` : `hộ chiếu số ${removed.passportNo}`} của hồ sơ #${removed.id} nay thuộc hồ sơ #${taken[0]!.id}.`,
      )
    }
    await repo.restoreStoredPerson(tx.db, { ...removed, nameFold: fold(removed.fullName), nameSort: vietnameseSortKey(removed.fullName) })
    const movedBack: { label: string; count: number }[] = []
    for (const m of record.after.moved) {
      const count = await repo.moveReferencesBack(tx.db, m, m.keys, kept.id, removed.id)
      if (m.keys.length > 0) movedBack.push({ label: m.label, count })
    }
    for (const hook of mergeHooks()) await hook.afterUndo?.(tx, kept.id, removed.id, record.after.hooks?.[hook.name] ?? null)
    const undoId = await repo.insertAuditEntry(tx.db, {
      actorId: tx.access.userId,
      actorName: tx.access.username,
      action: 'merge_undo',
      entityId: kept.id,
      unitPath: kept.unitPath,
      before: { mergeAuditId: auditId },
      after: { mergeAuditId: auditId, restoredId: removed.id, movedBack },
      requestId: tx.requestId ?? null,
    })
    return { keptId: kept.id, restoredId: removed.id, auditId: undoId, movedBack }
  })
  return { kept: await getPerson(ctx, result.keptId), restored: await getPerson(ctx, result.restoredId), auditId: result.auditId, movedBack: result.movedBack }
}
