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
