import { lazy, Suspense } from 'react'
import { useT } from '../../app/i18n.tsx'
import { useApi } from '../../app/useApi.ts'
import { ErrorMessage, Loading } from '../../ui/ErrorMessage.tsx'
import { type ChildrenMap, unitsApi } from './api.ts'

// MapLibre is large; screens without a map should not download it.
const CommuneMap = lazy(() => import('./CommuneMap.tsx'))

/** Loads the boundaries of the province and its communes, then draws the map. */
export function useProvinceMap(provinceCode: string) {
  return useApi(`map:${provinceCode}`, () => Promise.all([unitsApi.provincesMap(), unitsApi.childrenMap(provinceCode)]))
}

export function ProvinceMap({ data, compact }: { data: ReturnType<typeof useProvinceMap>; compact?: boolean }) {
  const t = useT()
  if (data.error) return <ErrorMessage error={data.error} />
  if (!data.data) return <Loading label={t('map.loading')} />
  const [provinces, communes] = data.data
  return (
    <Suspense fallback={<Loading label={t('map.loading')} />}>
      <CommuneMap provinces={provinces} communes={communes as ChildrenMap} compact={compact ?? false} />
    </Suspense>
  )
}
