import { useParams } from 'react-router'
import { useT } from '../../app/i18n.tsx'
import { useReadySession, useSession } from '../../app/session.tsx'
import { useApi, usePageTitle } from '../../app/useApi.ts'
import { Loaded, NotAllowed } from '../../ui/ErrorMessage.tsx'
import { displayName, type UnitView, unitPathOf, unitsApi } from './api.ts'
import { AtDatePicker, useAtDate } from './AtDatePicker.tsx'
import { LocalUnitEdit, LocalUnitForm } from './LocalUnitForm.tsx'
import { UnitChildren } from './UnitChildren.tsx'
import { UnitFacts } from './UnitFacts.tsx'
import { UnitHistorySection } from './UnitHistory.tsx'

/** Local units may be added or edited only by a commune officer (or above) whose area holds the unit. */
function useLocalEditing(unit: UnitView | undefined, at: string | undefined) {
  const { can } = useSession()
  const { me } = useReadySession()
  const eligible = !!unit && can('units:write-local') && unit.period === '2025' && !unit.validTo && ['commune', 'hamlet', 'group'].includes(unit.level)
  const path = useApi(eligible && unit ? `path:${unit.id}` : null, () => unitPathOf(unit!, at))
  return eligible && !!path.data && path.data.startsWith(me.user.unitPath)
}

export function UnitPage() {
  const t = useT()
  const { code = '' } = useParams()
  const { can } = useSession()
  const [at] = useAtDate()
  const key = `unit:${code}:${at ?? ''}`
  const data = useApi(key, (signal) =>
    Promise.all([unitsApi.get(code, at, signal), unitsApi.children(code, at, signal), unitsApi.history(code, at, signal)]),
  )
  const unit = data.data?.[0]
  const editable = useLocalEditing(unit, at)
  usePageTitle(unit ? displayName(unit) : t('nav.units'))
  if (!can('units:read')) return <NotAllowed />

  return (
    <section aria-labelledby="page-title">
      <h1 id="page-title">{unit ? displayName(unit) : t('units.unitTitle', { code })}</h1>
      <AtDatePicker />
      <Loaded state={data}>
        {([shown, children, history]) => (
          <>
            <UnitFacts unit={shown} at={at} />
            {editable && shown.local ? <LocalUnitEdit unit={shown} onSaved={data.reload} /> : null}
            <UnitChildren parent={shown} units={children} at={at} />
            {editable && shown.level !== 'group' ? <LocalUnitForm parent={shown} onCreated={data.reload} /> : null}
            <UnitHistorySection history={history} />
          </>
        )}
      </Loaded>
    </section>
  )
}
