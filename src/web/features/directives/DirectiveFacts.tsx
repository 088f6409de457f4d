import { Link } from 'react-router'
import { DOCUMENT_TYPES } from '../../../domain/documents/types.ts'
import { formatVnDate } from '../../app/format.ts'
import { nameIn, useI18n } from '../../app/i18n.tsx'
import { FactList } from '../../ui/FactList.tsx'
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

function References({ references }: { references: DirectiveView['references'] }) {
  if (references.length === 0) return <>—</>
  return (
    <ul className="plain-list">
      {references.map((r) => (
        <li key={r.id}>
          {r.targetId ? <Link to={`/directives/${r.targetId}`}>{r.text}</Link> : r.text}
          {r.targetId && r.targetSummary ? <span className="muted"> — {r.targetSummary}</span> : null}
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
      <FactList
        facts={[
          { label: t('dir.field.type'), value: nameIn(DOCUMENT_TYPES, d.type, locale) ?? d.typeName },
          { label: t('dir.field.symbol'), value: d.symbol ?? t('dir.noSymbol') },
          { label: t('dir.field.date'), value: d.date ? `${d.place ? `${d.place}, ` : ''}${formatVnDate(d.date)}` : '—' },
          { label: t('dir.field.issuer'), value: d.issuerOrgId ? <Link to={`/orgs/${d.issuerOrgId}`}>{d.issuerName}</Link> : d.issuerName },
          { label: t('dir.field.summary'), value: d.summary },
          { label: t('dir.field.addressees'), value: <NameList names={d.addressees} /> },
          { label: t('dir.field.recipients'), value: <NameList names={d.recipients} /> },
          { label: t('dir.signing'), value: signing || '—' },
          { label: t('dir.references'), value: <References references={d.references} /> },
        ]}
      />
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
