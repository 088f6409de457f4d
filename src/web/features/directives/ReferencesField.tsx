import { formatVnDate } from '../../app/format.ts'
import { useT } from '../../app/i18n.tsx'
import type { Reference } from './api.ts'
import { uniqueKeys } from './labels.ts'

/** Documents the text cites; recorded so they link to each other once both are in the system. */
export function ReferencesField({ references, onChange }: { references: Reference[]; onChange: (r: Reference[]) => void }) {
  const t = useT()
  return (
    <fieldset className="doc-fields">
      <legend>{t('dir.references')}</legend>
      {references.length === 0 ? <p className="muted">{t('dir.noReferences')}</p> : null}
      <ul className="plain-list references">
        {uniqueKeys(references, (r) => r.text).map(({ key, item: r }) => (
          <li key={key}>
            {r.text}
            {r.symbol ? <span className="muted"> — {r.symbol}</span> : null}
            {r.date ? <span className="muted"> ({formatVnDate(r.date)})</span> : null}{' '}
            <button type="button" className="button-link" onClick={() => onChange(references.filter((x) => x !== r))} aria-label={t('dir.removeReference', { text: r.text })}>
              {t('dir.chip.remove')}
            </button>
          </li>
        ))}
      </ul>
    </fieldset>
  )
}
