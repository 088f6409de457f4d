import { useMemo, useState } from 'react'
import { BAND_KEYS, BANDS, type BandRule, type Checklist, type ChecklistItem, parseChecklist } from '../../../domain/safety/checklist.ts'
import { useI18n } from '../../app/i18n.tsx'
import { FormShell } from '../../ui/FormShell.tsx'
import { safetyApi } from './api.ts'

const num = (v: string): number | undefined => (v.trim() === '' ? undefined : Number(v.replace(',', '.')))
const slug = (n: number) => `muc${n}`

/**
 * A checklist edited field by field (items, options and points, mandatory items, weights, bands
 * and their limits) and saved as the province's new version with a reason. The same schema the
 * server checks names every problem before sending.
 */
export function ChecklistEditor({ initial, onSaved }: { initial: Checklist; onSaved: () => void }) {
  const { t } = useI18n()
  const [c, setC] = useState<Checklist>(() => structuredClone(initial))
  const [reason, setReason] = useState('')
  const problems = useMemo(() => {
    const r = parseChecklist(c)
    return r.ok ? [] : r.problems
  }, [c])
  const setItem = (i: number, patch: Partial<ChecklistItem>) => setC({ ...c, items: c.items.map((x, k) => (k === i ? { ...x, ...patch } : x)) })
  const setBand = (i: number, patch: Partial<BandRule>) => setC({ ...c, banding: { ...c.banding, bands: c.banding.bands.map((x, k) => (k === i ? { ...x, ...patch } : x)) } })
  return (
    <FormShell
      submitLabel={t('safety.checklist.save')}
      canSubmit={problems.length === 0 && reason.trim().length > 0}
      onSubmit={async () => {
        await safetyApi.saveChecklist(c, reason)
        onSaved()
      }}
      className="safety-editor"
    >
      <label>
        {t('safety.name')}
        <input value={c.name} onChange={(e) => setC({ ...c, name: e.target.value })} />
      </label>
      <label>
        {t('safety.editor.validity')}
        <input type="number" min={1} max={366} value={c.validityDays} onChange={(e) => setC({ ...c, validityDays: Number(e.target.value) })} />
      </label>
      <fieldset>
        <legend>{t('safety.editor.bands', { measure: c.banding.measure === 'percent' ? '%' : t('safety.editor.points') })}</legend>
        {c.banding.bands.map((b, i) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: band rules are ordered and have no id
          <div key={i} className="safety-editor-row">
            <select aria-label={t('safety.band')} value={b.band} onChange={(e) => setBand(i, { band: e.target.value as BandRule['band'] })}>
              {BAND_KEYS.map((k) => (
                <option key={k} value={k}>
                  {BANDS[k].vi}
                </option>
              ))}
            </select>
            {(['min', 'max', 'above', 'below'] as const).map((k) => (
              <label key={k}>
                {t(`safety.editor.${k}`)}
                <input inputMode="decimal" size={5} value={b[k] ?? ''} onChange={(e) => setBand(i, { [k]: num(e.target.value) })} />
              </label>
            ))}
            <label>
              <input type="checkbox" checked={b.noCriticalFailure ?? false} onChange={(e) => setBand(i, { noCriticalFailure: e.target.checked || undefined })} />
              {t('safety.editor.noCritical')}
            </label>
          </div>
        ))}
      </fieldset>
      {c.items.map((item, i) => (
        <fieldset key={item.id}>
          <legend>
            {i + 1}. {item.id}
          </legend>
          <label>
            {t('safety.editor.text')}
            <input value={item.text} onChange={(e) => setItem(i, { text: e.target.value })} />
          </label>
          <label>
            {t('safety.editor.weight')}
            <input inputMode="decimal" size={4} value={item.weight ?? ''} onChange={(e) => setItem(i, { weight: num(e.target.value) })} />
          </label>
          <label>
            <input type="checkbox" checked={item.critical ?? false} onChange={(e) => setItem(i, e.target.checked ? { critical: true } : { critical: undefined, options: item.options.map(({ fails: _, ...o }) => o) })} />
            {t('safety.critical')}
          </label>
          {item.options.map((o, k) => (
            <div key={o.id} className="safety-editor-row">
              <input aria-label={t('safety.editor.option')} value={o.label} onChange={(e) => setItem(i, { options: item.options.map((x, m) => (m === k ? { ...x, label: e.target.value } : x)) })} />
              <input aria-label={t('safety.editor.points')} inputMode="decimal" size={5} value={o.points} onChange={(e) => setItem(i, { options: item.options.map((x, m) => (m === k ? { ...x, points: num(e.target.value) ?? 0 } : x)) })} />
              {item.critical ? (
                <label>
                  <input type="checkbox" checked={o.fails ?? false} onChange={(e) => setItem(i, { options: item.options.map((x, m) => (m === k ? { ...x, fails: e.target.checked || undefined } : x)) })} />
                  {t('safety.editor.fails')}
                </label>
              ) : null}
            </div>
          ))}
          <button type="button" className="button-secondary" onClick={() => setC({ ...c, items: c.items.filter((_, k) => k !== i) })}>
            {t('safety.editor.removeItem')}
          </button>
        </fieldset>
      ))}
      <button
        type="button"
        className="button-secondary"
        onClick={() => {
          let n = c.items.length + 1
          while (c.items.some((x) => x.id === slug(n))) n++
          setC({ ...c, items: [...c.items, { id: slug(n), text: t('safety.editor.newItem'), options: [{ id: 'dat', label: 'Đạt', points: 1 }, { id: 'khong_dat', label: 'Không đạt', points: 0 }] }] })
        }}
      >
        {t('safety.editor.addItem')}
      </button>
      <label>
        {t('safety.checklist.reason')}
        <input value={reason} onChange={(e) => setReason(e.target.value)} required />
      </label>
      {problems.length ? (
        <ul className="safety-critical" role="status">
          {problems.map((p) => (
            <li key={p}>{p}</li>
          ))}
        </ul>
      ) : null}
    </FormShell>
  )
}
