import { useId, useState } from 'react'
import { useT } from '../../app/i18n.tsx'
import { useSession } from '../../app/session.tsx'
import type { OrgView } from '../orgs/api.ts'
import { useOrgDirectory, useOrgName } from './directory.tsx'
import { type BodyRef, expandGroup, pickedBody } from './draft.ts'
import { GroupPreview } from './GroupPreview.tsx'
import { NewOrgForm } from './NewOrgForm.tsx'
import { OrgSearch } from './OrgSearch.tsx'

const SHOWN = 12

interface ChipProps {
  body: BodyRef
  expandGroups: boolean
  onResolve: (org: OrgView) => void
  /** The members the reviewer kept. */
  onConfirmGroup: (memberIds: number[]) => void
  onRemove: () => void
}

function BodyChip({ body, expandGroups, onResolve, onConfirmGroup, onRemove }: ChipProps) {
  const t = useT()
  const { can } = useSession()
  const [mode, setMode] = useState<'idle' | 'search' | 'create' | 'preview'>('idle')
  const registryName = useOrgName(body.orgId, body.orgName)
  const shown = registryName ?? body.text
  const resolve = (org: OrgView) => {
    setMode('idle')
    onResolve(org)
  }
  const kind = body.orgId ? 'matched' : body.group ? 'group' : 'unmatched'

  return (
    <li className={`chip chip-${kind}`}>
      <span className="chip-name">
        {kind === 'unmatched' ? <span aria-hidden="true">⚠ </span> : null}
        <strong>{shown}</strong>
        {registryName && body.text && body.text !== registryName ? <span className="chip-written"> ({t('dir.chip.written', { text: body.text })})</span> : null}
        {body.group ? (
          <span className="chip-written"> ({body.group.memberIds.length ? t('dir.chip.group', { n: body.group.memberIds.length }) : t('dir.chip.groupUnknown')})</span>
        ) : null}
        {kind === 'unmatched' ? <span className="chip-warning"> — {t('dir.chip.unmatched')}</span> : null}
      </span>
      <span className="chip-actions">
        {kind === 'group' && expandGroups ? (
          <button
            type="button"
            className="button-link"
            onClick={() => setMode(mode === 'preview' ? 'idle' : 'preview')}
            aria-expanded={mode === 'preview'}
            aria-label={t('dir.chip.confirmGroupFor', { name: body.text })}
          >
            {t('dir.chip.confirmGroup')}
          </button>
        ) : null}
        <button type="button" className="button-link" onClick={() => setMode(mode === 'search' ? 'idle' : 'search')} aria-expanded={mode === 'search'} aria-label={t(kind === 'matched' ? 'dir.chip.changeFor' : 'dir.chip.pickFor', { name: shown })}>
          {t(kind === 'matched' ? 'dir.chip.change' : 'dir.chip.pick')}
        </button>
        {kind === 'unmatched' && can('orgs:write') ? (
          <button type="button" className="button-link" onClick={() => setMode(mode === 'create' ? 'idle' : 'create')} aria-expanded={mode === 'create'} aria-label={t('dir.chip.createFor', { name: shown })}>
            {t('dir.chip.create')}
          </button>
        ) : null}
        <button type="button" className="button-link chip-remove" onClick={onRemove} aria-label={t('dir.chip.removeFor', { name: shown })}>
          {t('dir.chip.remove')}
        </button>
      </span>
      {mode === 'search' ? <OrgSearch label={t('dir.orgSearch.label')} onPick={resolve} onCancel={() => setMode('idle')} /> : null}
      {mode === 'preview' && body.group ? (
        <GroupPreview
          name={body.text}
          memberIds={body.group.memberIds}
          onConfirm={(ids) => {
            setMode('idle')
            onConfirmGroup(ids)
          }}
          onCancel={() => setMode('idle')}
        />
      ) : null}
      {mode === 'create' ? <NewOrgForm written={body.text} onCreated={resolve} onCancel={() => setMode('idle')} /> : null}
    </li>
  )
}

interface Props {
  label: string
  bodies: BodyRef[]
  onChange: (bodies: BodyRef[]) => void
  /** Task bodies: a confirmed group becomes its members. Addressees keep the group as written. */
  expandGroups?: boolean
  error?: string | null
}

/** The bodies a document names, as chips: matched, a group to confirm, or not found (with ways to fix it). */
export function BodyChips({ label, bodies, onChange, expandGroups = false, error }: Props) {
  const t = useT()
  const id = useId()
  const { remember } = useOrgDirectory()
  const [adding, setAdding] = useState(false)
  const [all, setAll] = useState(false)
  const visible = all ? bodies : bodies.slice(0, SHOWN)
  const replace = (uid: string, next: BodyRef) => onChange(bodies.map((b) => (b.uid === uid ? next : b)))

  return (
    <div className={error ? 'body-chips field-invalid' : 'body-chips'} role="group" aria-labelledby={`${id}-label`}>
      <span className="body-chips-label" id={`${id}-label`}>
        {label}
      </span>
      {bodies.length === 0 ? <p className="muted chip-empty">{t('dir.chip.none')}</p> : null}
      <ul className="chips">
        {visible.map((b) => (
          <BodyChip
            key={b.uid}
            body={b}
            expandGroups={expandGroups}
            onResolve={(org) => {
              remember(org)
              replace(b.uid, { ...pickedBody(org, b.text), uid: b.uid })
            }}
            onConfirmGroup={(ids) => onChange(expandGroup(bodies.map((x) => (x.uid === b.uid && x.group ? { ...x, group: { ...x.group, memberIds: ids } } : x)), b.uid))}
            onRemove={() => onChange(bodies.filter((x) => x.uid !== b.uid))}
          />
        ))}
      </ul>
      {bodies.length > SHOWN ? (
        <button type="button" className="button-link" onClick={() => setAll(!all)}>
          {all ? t('dir.chip.showFewer') : t('dir.chip.showAll', { n: bodies.length })}
        </button>
      ) : null}
      {error ? <p className="field-error">{error}</p> : null}
      {adding ? (
        <OrgSearch
          label={t('dir.orgSearch.addLabel', { label })}
          onPick={(org) => {
            remember(org)
            setAdding(false)
            if (!bodies.some((b) => b.orgId === org.id)) onChange([...bodies, pickedBody(org)])
          }}
          onCancel={() => setAdding(false)}
        />
      ) : (
        <button type="button" className="button-link chip-add" onClick={() => setAdding(true)} aria-label={t('dir.chip.addTo', { label })}>
          + {t('dir.chip.add')}
        </button>
      )}
    </div>
  )
}
