import { type ReactNode, useMemo, useState } from 'react'
import { useT } from '../app/i18n.tsx'

export interface Column<T> {
  key: string
  header: ReactNode
  cell: (row: T) => ReactNode
  numeric?: boolean
  /** Extra class of the column's cells, e.g. a minimum width for long text. */
  className?: string
  /** Makes the column sortable by this value. */
  sortValue?: (row: T) => string | number | null
}

interface Props<T> {
  caption: string
  columns: Column<T>[]
  rows: T[]
  rowKey: (row: T) => string | number
  empty?: string
  /** The caption is still read by screen readers when hidden. */
  hideCaption?: boolean
  testId?: string
}

const collator = new Intl.Collator('vi', { numeric: true })

const cellClass = <T,>(c: Column<T>) => [c.numeric ? 'num' : '', c.className ?? ''].filter(Boolean).join(' ') || undefined

export function DataTable<T>({ caption, columns, rows, rowKey, empty, hideCaption, testId }: Props<T>) {
  const t = useT()
  const [sort, setSort] = useState<{ key: string; dir: 1 | -1 } | null>(null)
  const sorted = useMemo(() => {
    const col = sort && columns.find((c) => c.key === sort.key)
    if (!sort || !col?.sortValue) return rows
    const value = col.sortValue
    return [...rows].sort((a, b) => {
      const x = value(a)
      const y = value(b)
      if (x === y) return 0
      if (x === null) return 1
      if (y === null) return -1
      return (typeof x === 'number' && typeof y === 'number' ? x - y : collator.compare(String(x), String(y))) * sort.dir
    })
  }, [rows, columns, sort])

  return (
    <div className="table-wrap">
      <table className="data-table" data-testid={testId}>
        <caption className={hideCaption ? 'visually-hidden' : undefined}>{caption}</caption>
        <thead>
          <tr>
            {columns.map((c) => {
              const active = sort?.key === c.key
              return (
                <th
                  key={c.key}
                  scope="col"
                  className={cellClass(c)}
                  aria-sort={active ? (sort.dir === 1 ? 'ascending' : 'descending') : undefined}
                >
                  {c.sortValue ? (
                    <button
                      type="button"
                      className="sort-button"
                      onClick={() => setSort(active && sort.dir === 1 ? { key: c.key, dir: -1 } : { key: c.key, dir: 1 })}
                    >
                      {c.header}
                      <span aria-hidden="true">{active ? (sort.dir === 1 ? ' ▲' : ' ▼') : ' ↕'}</span>
                    </button>
                  ) : (
                    c.header
                  )}
                </th>
              )
            })}
          </tr>
        </thead>
        <tbody>
          {sorted.length === 0 ? (
            <tr>
              <td colSpan={columns.length} className="empty">
                {empty ?? t('common.noRows')}
              </td>
            </tr>
          ) : (
            sorted.map((row) => (
              <tr key={rowKey(row)}>
                {columns.map((c) => (
                  <td key={c.key} className={cellClass(c)}>
                    {c.cell(row)}
                  </td>
                ))}
              </tr>
            ))
          )}
        </tbody>
      </table>
    </div>
  )
}
