import { DOCUMENT_TYPE_KEYS, DOCUMENT_TYPES, type DocumentType, type ParsedDirective, SECRECIES, URGENCIES } from '../../../domain/documents/types.ts'
import { useI18n } from '../../app/i18n.tsx'
import { DateInput } from '../../ui/DateInput.tsx'
import { SelectField, TextAreaField, TextField } from '../../ui/Field.tsx'
import { OrgPicker } from '../orgs/OrgPicker.tsx'
import { useOrgName } from './directory.tsx'
import type { DirectiveDraft } from './draft.ts'
import { SpanZone } from './SourcePane.tsx'

interface Props {
  draft: DirectiveDraft
  set: (patch: Partial<DirectiveDraft>) => void
  /** An imported document carries its own number, symbol, date and place; a draft gets them when issued. */
  mode: 'import' | 'compose'
  spans?: ParsedDirective['spans']
}

/** What identifies a document: type, number and symbol, issuer, place and date, marks and summary. */
export function IdentityFields({ draft, set, mode, spans = {} }: Props) {
  const { t, locale } = useI18n()
  const issuerName = useOrgName(draft.issuerOrgId, draft.issuerOrgName)
  const none = { value: '', label: t('dir.field.none') }
  return (
    <fieldset className="doc-fields">
      <legend>{t('dir.identity')}</legend>
      {mode === 'compose' ? (
        <SelectField
          label={t('dir.field.system')}
          value={draft.system}
          onChange={(v) => set({ system: v === 'state' ? 'state' : 'party' })}
          options={[
            { value: 'party', label: t('dir.system.party') },
            { value: 'state', label: t('dir.system.state') },
          ]}
        />
      ) : null}
      <SpanZone span={spans.type}>
        <SelectField
          label={t('dir.field.type')}
          value={draft.type}
          onChange={(v) => set({ type: v as DocumentType })}
          options={DOCUMENT_TYPE_KEYS.map((k) => ({ value: k, label: `${DOCUMENT_TYPES[k][locale]} (${k})` }))}
        />
      </SpanZone>
      {mode === 'import' ? (
        <div className="field-row">
          <SpanZone span={spans.symbol}>
            <TextField label={t('dir.field.number')} value={draft.number} onChange={(number) => set({ number })} maxLength={20} className="short-input" />
          </SpanZone>
          <SpanZone span={spans.symbol}>
            <TextField label={t('dir.field.symbol')} value={draft.symbol} onChange={(symbol) => set({ symbol })} maxLength={60} />
          </SpanZone>
        </div>
      ) : null}
      <SpanZone span={spans.issuer}>
        <OrgPicker
          label={t('dir.field.issuer')}
          value={draft.issuerOrgId && issuerName ? { id: draft.issuerOrgId, name: issuerName } : null}
          onChange={(org) => set({ issuerOrgId: org?.id ?? null, issuerOrgName: org?.name ?? null, ...(mode === 'compose' ? { issuerName: org?.name ?? '' } : {}) })}
        />
        {mode === 'import' ? (
          <TextField label={t('dir.field.issuerWritten')} value={draft.issuerName} onChange={(issuerName) => set({ issuerName })} maxLength={300} />
        ) : null}
      </SpanZone>
      {mode === 'import' ? (
        <div className="field-row">
          <SpanZone span={spans.place}>
            <TextField label={t('dir.field.place')} value={draft.place} onChange={(place) => set({ place })} maxLength={100} />
          </SpanZone>
          <SpanZone span={spans.date}>
            <DateInput label={t('dir.field.date')} value={draft.date} onChange={(date) => set({ date })} required />
          </SpanZone>
        </div>
      ) : null}
      <div className="field-row">
        <SpanZone span={spans.urgency}>
          <SelectField label={t('dir.field.urgency')} value={draft.urgency} onChange={(urgency) => set({ urgency })} options={[none, ...URGENCIES.map((u) => ({ value: u, label: u }))]} />
        </SpanZone>
        <SpanZone span={spans.secrecy}>
          <SelectField label={t('dir.field.secrecy')} value={draft.secrecy} onChange={(secrecy) => set({ secrecy })} options={[none, ...SECRECIES.map((s) => ({ value: s, label: s }))]} />
        </SpanZone>
      </div>
      <SpanZone span={spans.summary}>
        <TextAreaField label={t('dir.field.summary')} value={draft.summary} onChange={(summary) => set({ summary })} required rows={2} maxLength={2000} />
      </SpanZone>
    </fieldset>
  )
}
