import { Link } from 'react-router'
import { DOCUMENT_TYPES } from '../../../domain/documents/types.ts'
import { formatVnDate } from '../../app/format.ts'
import { useI18n } from '../../app/i18n.tsx'
import { type DirectiveView, downloads, type NameRef } from './api.ts'
import { DIRECTIVE_STATUS, uniqueKeys } from './labels.ts'

/** Party documents write T/M, K/T, T/L; state documents TM., KT., TL. */
function authorityMark(system: DirectiveView['system'], authority: string | null): string | null {
  if (!authority) return null
  if (system === 'party' && authority.length === 2) return `${authority[0]}/${authority[1]}`
  return `${authority}.`
}

function NameList({ names }: { names: NameRef[] }) {
  const { t } = useI18n()
  if (names.length === 0) return <>—</>
  return (
    <ul className="plain-list">
      {uniqueKeys(names, (n) => n.text).map(({ key, item: n }) => (
        <li key={key}>
          {n.orgId ? <Link to={`/directives/orgs/${n.orgId}`}>{n.text}</Link> : n.text}
          {n.groupKey ? <span className="muted"> ({n.memberIds?.length ? t('dir.chip.group', { n: n.memberIds.length }) : t('dir.chip.groupUnknown')})</span> : null}
        </li>
      ))}
    </ul>
  )
}

/** What the document is, who sent it to whom, what it cites, and the original as received. */
export function DirectiveFacts({ d }: { d: DirectiveView }) {
  const { t, locale } = useI18n()
  const mark = authorityMark(d.system, d.signing.authority)
  const signing = [mark && d.signing.actingFor ? `${mark} ${d.signing.actingFor}` : mark, d.signing.position, d.signing.signer]
    .filter(Boolean)
    .join(' — ')
  return (
    <div className="card">
      <p className="badges">
        <span className="badge">{t(DIRECTIVE_STATUS[d.status])}</span>
        {d.urgency ? <span className="badge badge-urgent">{d.urgency}</span> : null}
        {d.secrecy ? <span className="badge badge-secret">{d.secrecy}</span> : null}
      </p>
      <dl className="facts">
        <dt>{t('dir.field.type')}</dt>
        <dd>{DOCUMENT_TYPES[d.type]?.[locale] ?? d.typeName}</dd>
        <dt>{t('dir.field.symbol')}</dt>
        <dd>{d.symbol ?? t('dir.noSymbol')}</dd>
        <dt>{t('dir.field.date')}</dt>
        <dd>{d.date ? `${d.place ? `${d.place}, ` : ''}${formatVnDate(d.date)}` : '—'}</dd>
        <dt>{t('dir.field.issuer')}</dt>
        <dd>{d.issuerOrgId ? <Link to={`/orgs/${d.issuerOrgId}`}>{d.issuerName}</Link> : d.issuerName}</dd>
        <dt>{t('dir.field.summary')}</dt>
        <dd>{d.summary}</dd>
        <dt>{t('dir.field.addressees')}</dt>
        <dd>
          <NameList names={d.addressees} />
        </dd>
        <dt>{t('dir.field.recipients')}</dt>
        <dd>
          <NameList names={d.recipients} />
        </dd>
        <dt>{t('dir.signing')}</dt>
        <dd>{signing || '—'}</dd>
        <dt>{t('dir.references')}</dt>
        <dd>
          {d.references.length === 0 ? (
            '—'
          ) : (
            <ul className="plain-list">
              {d.references.map((r) => (
                <li key={r.id}>
                  {r.targetId ? <Link to={`/directives/${r.targetId}`}>{r.text}</Link> : r.text}
                  {r.targetId && r.targetSummary ? <span className="muted"> — {r.targetSummary}</span> : null}
                </li>
              ))}
            </ul>
          )}
        </dd>
      </dl>
      <div className="button-row">
        <a className="button-secondary" href={downloads.directiveDocx(d.id)} download>
          {t('dir.downloadDocx')}
        </a>
        {d.files.map((f) => (
          <a key={f.id} className="button-secondary" href={downloads.directiveFile(d.id, f.id)} download>
            {t('dir.downloadOriginal', { name: f.fileName })}
          </a>
        ))}
      </div>
      {d.sourceText ? (
        <details className="source-details">
          <summary>{t('dir.sourceShow')}</summary>
          <pre className="source-text">{d.sourceText}</pre>
        </details>
      ) : null}
    </div>
  )
}
