import { useT } from '../../app/i18n.tsx'
import { useReadySession, useSession } from '../../app/session.tsx'
import { useApi, usePageTitle } from '../../app/useApi.ts'
import { Loaded, NotAllowed } from '../../ui/ErrorMessage.tsx'
import { unitsApi } from './api.ts'
import { AtDatePicker, useAtDate } from './AtDatePicker.tsx'
import { UnitChildren } from './UnitChildren.tsx'
import { UnitSearch } from './UnitSearch.tsx'

export function UnitsPage() {
  const t = useT()
  usePageTitle(t('nav.units'))
  const { can } = useSession()
  const { me } = useReadySession()
  const [at] = useAtDate()
  const province = useApi(`units:${me.provinceCode}:${at ?? ''}`, (signal) =>
    Promise.all([unitsApi.get(me.provinceCode, at, signal), unitsApi.children(me.provinceCode, at, signal)]),
  )
  if (!can('units:read')) return <NotAllowed />
  return (
    <section aria-labelledby="page-title">
      <h1 id="page-title">{t('nav.units')}</h1>
      <AtDatePicker />
      <UnitSearch at={at} />
      <Loaded state={province}>{([unit, children]) => <UnitChildren parent={unit} units={children} at={at} />}</Loaded>
    </section>
  )
}
