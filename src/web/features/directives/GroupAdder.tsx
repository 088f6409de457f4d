import { useId, useState } from 'react'
import { useT } from '../../app/i18n.tsx'
import { useApi } from '../../app/useApi.ts'
import { api } from '../../app/api.ts'
import { type BodyRef, newUid } from './draft.ts'

interface Group {
  key: string
  name: string
}

/** Adds an addressee group ("Các sở, ban, ngành tỉnh") as one line of the Kính gửi list. */
export function GroupAdder({ onAdd }: { onAdd: (b: BodyRef) => void }) {
  const t = useT()
  const id = useId()
  const groups = useApi('org-groups', (signal) => api.get<{ groups: Group[] }>('/api/orgs/groups', undefined, signal).then((r) => r.groups))
  const [key, setKey] = useState('')
  if (!groups.data?.length) return null
  const add = () => {
    const g = groups.data?.find((x) => x.key === key)
    if (!g) return
    onAdd({ uid: newUid(), text: g.name, orgId: null, orgName: null, group: { key: g.key, memberIds: [] } })
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
