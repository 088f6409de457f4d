import { useId, useState } from 'react'
import { useT } from '../../app/i18n.tsx'
import { useApi } from '../../app/useApi.ts'
import { orgsApi } from '../orgs/api.ts'
import { type BodyRef, newUid } from './draft.ts'

/**
 * Adds an addressee group ("Các sở, ban, ngành tỉnh") as one line of the Kính gửi list. The group
 * keeps its members, so that issuing assigns a task without a named body to each of them.
 */
export function GroupAdder({ onAdd }: { onAdd: (b: BodyRef) => void }) {
  const t = useT()
  const id = useId()
  const groups = useApi('org-groups', (signal) => orgsApi.groups(signal))
  const [key, setKey] = useState('')
  if (!groups.data?.length) return null
  const add = () => {
    const g = groups.data?.find((x) => x.key === key)
    if (!g) return
    onAdd({ uid: newUid(), text: g.name, orgId: null, orgName: null, group: { key: g.key, memberIds: g.memberIds } })
    setKey('')
  }
  return (
    <div className="group-adder">
      <label htmlFor={`${id}-g`}>{t('dir.addGroup')}</label>
      <div className="org-search-row">
        <select id={`${id}-g`} value={key} onChange={(e) => setKey(e.target.value)}>
          <option value="">{t('dir.chooseGroup')}</option>
          {groups.data.map((g) => (
            <option key={g.key} value={g.key}>
              {g.name}
            </option>
          ))}
        </select>
        <button type="button" className="button-secondary" onClick={add} disabled={!key}>
          {t('dir.addGroupButton')}
        </button>
      </div>
    </div>
  )
}
