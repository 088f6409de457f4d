import { useEffect, useState } from 'react'
import { checkedByDefault } from '../../../domain/directives/groupPreview.ts'
import { useT } from '../../app/i18n.tsx'
import { useApi } from '../../app/useApi.ts'
import { Loaded } from '../../ui/ErrorMessage.tsx'
import { IDS_PER_REQUEST, orgsApi } from '../orgs/api.ts'

/**
 * The members a group addressed by a document stands for, before they become assignments: bodies
 * unrelated to epidemic work start unticked (src/domain/directives/groupPreview.ts); the reviewer
 * confirms the list.
 */
export function GroupPreview({ name, memberIds, onConfirm, onCancel }: { name: string; memberIds: number[]; onConfirm: (ids: number[]) => void; onCancel: () => void }) {
  const t = useT()
  const members = useApi(`group-members:${memberIds.join(',')}`, async (signal) => {
    const out = []
    for (let i = 0; i < memberIds.length; i += IDS_PER_REQUEST) out.push(...(await orgsApi.byIds(memberIds.slice(i, i + IDS_PER_REQUEST), signal)))
    return out
  })
  const [checked, setChecked] = useState<Set<number>>(new Set())
  useEffect(() => {
    if (members.data) setChecked(new Set(members.data.filter(checkedByDefault).map((o) => o.id)))
  }, [members.data])
  const toggle = (id: number, on: boolean) => {
    const next = new Set(checked)
    if (on) next.add(id)
    else next.delete(id)
    setChecked(next)
  }

  return (
    <fieldset className="group-preview">
      <legend>{t('import.groupPreview', { name, checked: checked.size, n: memberIds.length })}</legend>
      <p className="hint">{t('import.groupHint')}</p>
      <Loaded state={members}>
        {(orgs) => (
          <ul className="check-list">
            {orgs.map((o) => (
              <li key={o.id}>
                <label>
                  <input type="checkbox" checked={checked.has(o.id)} onChange={(e) => toggle(o.id, e.target.checked)} /> {o.name} <span className="muted">({o.kindName})</span>
                </label>
              </li>
            ))}
          </ul>
        )}
      </Loaded>
      <div className="button-row">
        <button type="button" className="button-primary" disabled={!members.data || checked.size === 0} onClick={() => onConfirm(memberIds.filter((id) => checked.has(id)))}>
          {t('import.groupConfirm')}
        </button>
        <button type="button" className="button-secondary" onClick={onCancel}>
          {t('common.cancel')}
        </button>
      </div>
    </fieldset>
  )
}
