import { formatNumber, formatVnDate } from '../../app/format.ts'
import { useT } from '../../app/i18n.tsx'
import { Pager } from '../../ui/ListControls.tsx'

/** Which directives the figures cover: by default the last 12 months by document date. */
export function PeriodNote({ period }: { period: { from: string; to: string | null; isDefault: boolean } }) {
  const t = useT()
  return (
    <p className="muted" data-testid="period-note">
      {period.isDefault
        ? t('dir.period.default', { from: formatVnDate(period.from) })
        : t('dir.period.chosen', { from: formatVnDate(period.from), to: period.to ? formatVnDate(period.to) : t('dir.period.open') })}
    </p>
  )
}

/** Where a paged list stands, and the buttons to move. */
export function PageBar({ page, size, total, onPage }: { page: number; size: number; total: number; onPage: (page: number) => void }) {
  const t = useT()
  const pages = Math.max(1, Math.ceil(total / size))
  return (
    <div className="toolbar">
      <span className="muted">{t('dir.pageOf', { page: formatNumber(page + 1), pages: formatNumber(pages), n: formatNumber(total) })}</span>
      <Pager page={page} hasNext={(page + 1) * size < total} onPage={onPage} />
    </div>
  )
}
