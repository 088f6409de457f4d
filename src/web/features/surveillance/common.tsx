import './surveillance.css'
import { useState } from 'react'
import { Link } from 'react-router'
import { formatNumber, formatVnDate } from '../../app/format.ts'
import { useT } from '../../app/i18n.tsx'
import { Pager } from '../../ui/ListControls.tsx'
import { type PickedUnit, UnitPicker } from '../units/UnitPicker.tsx'
import { type Filter, PAGE_SIZE } from './api.ts'
import { degreeColor, degreeText } from './labels.ts'

/** A list filter's unit, kept as its code in the address; the picker shows the name chosen in this visit. */
export function UnitFilter({ value, onChange }: { value: string; onChange: (code: string) => void }) {
  const t = useT()
  const [picked, setPicked] = useState<PickedUnit | null>(null)
  const shown = value ? (picked?.code === value ? picked : { code: value, label: value }) : null
  return (
    <UnitPicker
      label={t('surv.filter.unit')}
      value={shown}
      onChange={(u) => {
        setPicked(u)
        onChange(u?.code ?? '')
      }}
    />
  )
}

/** The list's filters as the API takes them: the address's values without the empty ones, and the page. */
export function listQuery(values: Record<string, string>, page?: number): Filter {
  const q: Filter = {}
  for (const [k, v] of Object.entries(values)) if (v) q[k] = v
  if (page !== undefined) {
    q.limit = PAGE_SIZE
    q.offset = page * PAGE_SIZE
  }
  return q
}

/** How many rows the filter finds, and the pages. */
export function ListFooter({ page, rows, total, capped, onPage }: { page: number; rows: number; total: number; capped?: boolean | undefined; onPage: (n: number) => void }) {
  const t = useT()
  return (
    <div className="list-footer">
      <p className="muted" data-testid="list-total">
        {capped ? t('surv.list.totalCapped', { n: formatNumber(total) }) : t('surv.list.total', { n: formatNumber(total) })}
        {rows > 0 ? ` · ${t('surv.list.showing', { from: formatNumber(page * PAGE_SIZE + 1), to: formatNumber(page * PAGE_SIZE + rows) })}` : ''}
      </p>
      <Pager page={page} hasNext={(page + 1) * PAGE_SIZE < total} onPage={onPage} />
    </div>
  )
}

/** F0, F1… as a coloured badge. */
export function DegreeBadge({ degree }: { degree: number | null }) {
  return (
    <span className="degree-badge" style={{ background: degreeColor(degree), color: degree !== null && degree <= 0 ? '#fff' : '#1b1b1b' }}>
      {degreeText(degree)}
    </span>
  )
}

/** A date, or a dash. */
export const day = (iso: string | null | undefined) => (iso ? formatVnDate(iso) : '—')

/** A person's name opening their surveillance record. */
export function PersonLink({ id, name }: { id: number | null; name: string }) {
  return id === null ? <span>{name}</span> : <Link to={`/surveillance/people/${id}`}>{name}</Link>
}
