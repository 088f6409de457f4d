import type { HistoryLink, LocalUnitInput, searchUnits, UnitHistory as ServerUnitHistory, UnitView as ServerUnitView } from '../../../server/contexts/units/service.ts'
import { api, type Json } from '../../app/api.ts'

export type UnitView = Json<ServerUnitView>
export type UnitSearchResult = Json<Awaited<ReturnType<typeof searchUnits>>[number]>
export type UnitLink = Json<HistoryLink>
export type UnitHistory = Json<ServerUnitHistory>

// The server types map geometry and feature properties loosely (it passes them through from the
// database); the map needs their exact shape, which these describe.
export interface CommuneProperties {
  code: string
  name: string
  fullName: string
  population: number | null
  areaKm2: number | null
  density: number | null
}

export type Position = [number, number]
export type Geometry =
  | { type: 'Polygon'; coordinates: Position[][] }
  | { type: 'MultiPolygon'; coordinates: Position[][][] }

export interface Feature<P> {
  type: 'Feature'
  id: string
  geometry: Geometry
  properties: P
}

export interface FeatureCollection<P> {
  type: 'FeatureCollection'
  features: Feature<P>[]
}

export interface ChildrenMap {
  unit: UnitView
  outline: Feature<{ code: string; name: string }> | null
  children: FeatureCollection<CommuneProperties>
}

export type ProvinceProperties = { code: string; name: string; fullName: string; population: number | null }

/** Units before this date belong to the pre-2025 structure; this date reaches them. */
export const BEFORE_REFORM = '2025-06-30'

/** The date at which a unit of a given period is valid, for links (`undefined`: today). */
export function atFor(unit: { period: string; validTo?: string | null }): string | undefined {
  if (unit.validTo) return unit.validTo
  return unit.period === '2025' ? undefined : BEFORE_REFORM
}

export function unitHref(code: string, at?: string): string {
  return at ? `/units/${code}?at=${at}` : `/units/${code}`
}

/** Hamlet names usually carry their type word already ("Khu phố 1"), so the full name would repeat it. */
export function displayName(u: { local?: boolean; name: string; fullName: string }): string {
  return u.local ? u.name : u.fullName
}

const q = (at: string | undefined) => (at ? { at } : undefined)

// Boundaries do not change while the page is open; keep them rather than refetch 100 kB on each visit.
const mapCache = new Map<string, Promise<unknown>>()
function cached<T>(key: string, load: () => Promise<T>): Promise<T> {
  let p = mapCache.get(key) as Promise<T> | undefined
  if (!p) {
    p = load()
    mapCache.set(key, p)
    p.catch(() => mapCache.delete(key))
  }
  return p
}

export const unitsApi = {
  get: (code: string, at?: string, signal?: AbortSignal) => api.get<UnitView>(`/api/units/${code}`, q(at), signal),
  children: (code: string, at?: string, signal?: AbortSignal) =>
    api.get<{ children: UnitView[] }>(`/api/units/${code}/children`, q(at), signal).then((r) => r.children),
  history: (code: string, at?: string, signal?: AbortSignal) => api.get<UnitHistory>(`/api/units/${code}/history`, q(at), signal),
  search: (text: string, at?: string, signal?: AbortSignal, limit = 20) =>
    api.get<{ results: UnitSearchResult[] }>('/api/units/search', { q: text, at, limit }, signal).then((r) => r.results),
  childrenMap: (code: string) => cached(`children:${code}`, () => api.get<ChildrenMap>(`/api/units/${code}/map`)),
  provincesMap: () => cached('provinces', () => api.get<FeatureCollection<ProvinceProperties>>('/api/units/map/provinces')),
  createLocal: (parentCode: string, body: LocalUnitInput) => api.post<UnitView>(`/api/units/${parentCode}/children`, body),
  updateLocal: (code: string, body: Partial<LocalUnitInput>) => api.patch<UnitView>(`/api/units/${code}`, body),
}

/** The ids from the root down to `unit`, as in the server's unit paths ("/2025:91/2025:30742/"). */
export async function unitPathOf(unit: UnitView, at?: string): Promise<string> {
  const ids = [unit.id]
  let parent = unit.parentCode
  for (let depth = 0; parent && depth < 6; depth++) {
    const p = await unitsApi.get(parent, at)
    ids.unshift(p.id)
    parent = p.parentCode
  }
  return `/${ids.join('/')}/`
}
