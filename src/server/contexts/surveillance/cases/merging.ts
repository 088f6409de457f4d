import type { Selectable } from 'kysely'
import { formatVnDate } from '../../../../domain/text/dates.ts'
import { type Ctx, today } from '../../../platform/context.ts'
import { AppError } from '../../../platform/errors.ts'
import type { ExposuresTable } from '../../../platform/schema.ts'
import { registerMergeHook, registerPersonReference } from '../../people/references.ts'
import { syncCaseSources, updateDegrees } from '../degrees.ts'
import * as repo from './repo.ts'

// The surveillance rows that belong to a person move with a merge of two records of that person
// (people/merge.ts), and come back with its undo. person_refs is keyed by (source, ref), which the
// registry's one-column keys cannot name: this hook moves those rows and records their keys itself.
registerPersonReference({ table: 'cases', column: 'person_id', label: 'hồ sơ ca bệnh' })
registerPersonReference({ table: 'exposures', column: 'person_id', label: 'lần tiếp xúc (là người tiếp xúc)' })
registerPersonReference({ table: 'exposures', column: 'source_person_id', label: 'lần tiếp xúc (là nguồn lây)' })
registerPersonReference({ table: 'tests', column: 'person_id', label: 'xét nghiệm' })
registerPersonReference({ table: 'contact_followups', column: 'person_id', label: 'đợt theo dõi tiếp xúc' })

interface Saved {
  /** Exposures of the removed record that repeated one of the kept record's, as stored. */
  exposures: Selectable<ExposuresTable>[]
  /** The removed record's external references (source, ref), moved to the kept record. */
  refs: { source: string; ref: string }[]
}

const refuse = (message: string) => new AppError(409, 'MERGE_CONFLICT', `Không gộp được: ${message}`)

/**
 * Before rows move: refuse what one person cannot hold (two case records, an exposure to oneself,
 * two running follow-ups, the same test twice), set aside the removed record's exposures that would
 * repeat the kept record's (same other person, way and day), and move its external references.
 */
async function beforeMove(tx: Ctx, keepId: number, fromId: number): Promise<Saved> {
  const cases = await repo.caseIdsOf(tx.db, [keepId, fromId])
  if (cases.length > 1) {
    throw refuse(
      `cả hai hồ sơ đều có hồ sơ ca bệnh (#${cases.join(' và #')}), mà mỗi người chỉ có một hồ sơ ca bệnh. Hãy loại trừ và đối chiếu hai ca với đơn vị giám sát trước khi gộp.`,
    )
  }
  const between = await repo.exposureBetween(tx.db, keepId, fromId)
  if (between) throw refuse(`hai hồ sơ có ghi nhận tiếp xúc với nhau (lần tiếp xúc #${between.id}); hãy xóa lần tiếp xúc đó nếu là cùng một người.`)
  if (await repo.bothFollowedUp(tx.db, keepId, fromId)) throw refuse('cả hai hồ sơ đang được theo dõi tiếp xúc; hãy kết thúc một đợt theo dõi trước khi gộp.')
  const test = await repo.repeatedTest(tx.db, keepId, fromId)
  if (test) throw refuse(`cả hai hồ sơ có xét nghiệm ${test.method === 'pcr' ? 'RT-PCR' : 'test nhanh'} lấy mẫu cùng ngày ${formatVnDate(test.sampleDate)}; hãy hủy một kết quả trùng trước khi gộp.`)
  const exposures = await repo.repeatedExposures(tx.db, keepId, fromId)
  await repo.deleteExposures(
    tx.db,
    exposures.map((e) => e.id),
  )
  const refs = await repo.moveRefs(tx.db, fromId, keepId)
  return { exposures, refs }
}

/**
 * After the rows moved: the removed record's degree row is gone (ON DELETE CASCADE) and rows reached
 * through it must be recomputed (it is passed as a lost source: its subtree is cleared and refilled);
 * the kept record now has the moved exposures (and may be the source the case made it).
 */
async function afterMerge(tx: Ctx, keepId: number, fromId: number): Promise<void> {
  const { gained, lost } = await syncCaseSources(tx.db, await repo.caseIdsOf(tx.db, [keepId]), today(tx))
  const keepIsSource = await repo.isSource(tx.db, keepId)
  await updateDegrees(tx.db, {
    lostSources: [fromId, ...lost],
    gainedSources: [...gained, ...(keepIsSource ? [keepId] : [])],
    addedExposures: await repo.exposureIdsTouching(tx.db, keepId),
  })
}

/** After an undo: the set-aside exposures and references come back; the kept record lost edges, the restored one has them again. */
async function afterUndo(tx: Ctx, keptId: number, restoredId: number, saved: unknown): Promise<void> {
  const s = (saved ?? { exposures: [], refs: [] }) as Saved
  await repo.restoreExposures(tx.db, s.exposures)
  await repo.moveRefsBack(tx.db, s.refs, keptId, restoredId)
  const both = [keptId, restoredId]
  const { gained, lost } = await syncCaseSources(tx.db, await repo.caseIdsOf(tx.db, both), today(tx))
  const sources = []
  for (const id of both) if (await repo.isSource(tx.db, id)) sources.push(id)
  await updateDegrees(tx.db, {
    lostSources: [keptId, ...lost],
    gainedSources: [...gained, ...sources],
    addedExposures: await repo.exposureIdsTouching(tx.db, restoredId),
  })
}

registerMergeHook({ name: 'surveillance', beforeMove, afterMerge, afterUndo })
