import type { Ctx } from '../../platform/context.ts'

/**
 * The tables whose rows belong to a person, by a column holding `people.id`. Merging two records
 * of one person moves these rows to the kept record; undoing the merge moves the same rows back.
 * A context whose tables name people (cases, contacts, tests, quarantine…) registers each such
 * column once, when its module loads:
 *
 *   registerPersonReference({ table: 'cases', column: 'person_id', label: 'ca bệnh' })
 *
 * The audit log is not listed: its entries keep the id they were written with.
 */
export interface PersonReference {
  /** Table and column as in SQL (snake_case). */
  table: string
  column: string
  /** The table's key column, recorded for each moved row so an undo moves exactly those back. */
  key?: string
  /** What a row is, in Vietnamese (shown in the merge's outcome). */
  label: string
}

const IDENTIFIER = /^[a-z_][a-z0-9_]*$/
const registry = new Map<string, Required<PersonReference>>()

export function registerPersonReference(ref: PersonReference): void {
  const full = { key: 'id', ...ref }
  for (const name of [full.table, full.column, full.key]) if (!IDENTIFIER.test(name)) throw new Error(`not an SQL identifier: ${name}`)
  registry.set(`${full.table}.${full.column}`, full)
}

export function personReferences(): Required<PersonReference>[] {
  return [...registry.values()]
}

/**
 * What a context does around a merge, inside the merge's transaction: refuse a merge its records
 * cannot take (two case records of one person…), set aside rows that would repeat each other once
 * both records are one, and bring what it derives from people up to date after rows moved (and
 * after an undo moved them back).
 */
export interface MergeHook {
  /** Names what `beforeMove` returned in the merge's audit entry. */
  name: string
  /** Before any row moves. Throws an AppError to refuse; returns what an undo needs to put back (JSON). */
  beforeMove?(tx: Ctx, keepId: number, fromId: number): Promise<unknown>
  /** After the rows moved to the kept record and the other record was deleted. */
  afterMerge?(tx: Ctx, keepId: number, fromId: number): Promise<void>
  /** After an undo restored the removed record and moved its rows back; `saved` is what `beforeMove` returned. */
  afterUndo?(tx: Ctx, keptId: number, restoredId: number, saved: unknown): Promise<void>
}

const hooks = new Map<string, MergeHook>()

export function registerMergeHook(hook: MergeHook): void {
  hooks.set(hook.name, hook)
}

export function mergeHooks(): MergeHook[] {
  return [...hooks.values()]
}
