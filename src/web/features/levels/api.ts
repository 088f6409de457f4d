import type { publicLevels, publicMap, publicSearch, RuleSetView as ServerRuleSetView, WeekInputs, WeekView as ServerWeekView } from '../../../server/contexts/levels/service.ts'
import type { RuleSet } from '../../../domain/levels/ruleset.ts'
import { api, type Json } from '../../app/api.ts'

export type WeekView = Json<ServerWeekView>
export type WeekRow = WeekView['rows'][number]
export type RuleSetView = Json<ServerRuleSetView>
export type RuleSetDetail = RuleSetView & { definition: RuleSet; canEdit: boolean }
export type PublicLevel = Json<Awaited<ReturnType<typeof publicLevels>>[number]>
export type PublicMap = Json<Awaited<ReturnType<typeof publicMap>>>
export type PublicSearchRow = Json<Awaited<ReturnType<typeof publicSearch>>[number]>
export interface MeasuresCatalogue {
  source: string
  areas: Record<string, string>
  levels: Record<'1' | '2' | '3' | '4', { area: string; text: string; confidence: string }[]>
}
export interface HistoryRow {
  id: number
  weekStart: string
  level: number
  computedLevel: number | null
  overrideLevel: number | null
  overrideReason: string | null
  effectiveFrom: string
  ruleSetCode: string
}

export const levelsApi = {
  week: (unit: string, week: string, signal?: AbortSignal) => api.get<WeekView>('/api/levels/weeks', { unit, week }, signal),
  enter: (week: string, rows: { unitCode: string; inputs: Json<WeekInputs> }[]) => api.put<{ assessed: number; incomplete: number }>(`/api/levels/weeks/${week}/inputs`, { rows }),
  compute: (week: string, unit: string) => api.post<{ assessed: number; incomplete: number }>(`/api/levels/weeks/${week}/compute`, { unit }),
  publish: (week: string, unit: string, effectiveFrom: string) =>
    api.post<{ published: number; effectiveFrom: string; notice: string | null }>(`/api/levels/weeks/${week}/publish`, { unit, effectiveFrom }),
  override: (id: number, level: number | null, reason: string | null) => api.post<{ id: number }>(`/api/levels/assessments/${id}/override`, { level, reason }),
  history: (unit: string, signal?: AbortSignal) => api.get<{ unit: { code: string; name: string }; history: HistoryRow[] }>('/api/levels/history', { unit }, signal),
  ruleSets: (signal?: AbortSignal) => api.get<{ ruleSets: RuleSetView[] }>('/api/levels/rule-sets', undefined, signal),
  ruleSet: (code: string, signal?: AbortSignal) => api.get<RuleSetDetail>(`/api/levels/rule-sets/${encodeURIComponent(code)}`, undefined, signal),
  fork: (baseCode: string, validFrom: string, validTo: string | null) => api.post<RuleSetDetail>('/api/levels/rule-sets', { baseCode, validFrom, validTo }),
  saveRuleSet: (code: string, definition: RuleSet) => api.put<RuleSetDetail>(`/api/levels/rule-sets/${encodeURIComponent(code)}`, { definition }),
  publicLevels: (unit: string, signal?: AbortSignal) => api.get<PublicLevel[]>('/api/public/levels', { unit }, signal),
  publicMap: (unit: string, signal?: AbortSignal) => api.get<PublicMap>('/api/public/levels/map', { unit }, signal),
  publicSearch: (q: string, signal?: AbortSignal) => api.get<PublicSearchRow[]>('/api/public/levels/search', { q }, signal),
  measures: (signal?: AbortSignal) => api.get<MeasuresCatalogue>('/api/public/levels/measures', undefined, signal),
}

/** The levels' colours (green, yellow, orange, red), as Resolution 128 names them. */
export const LEVEL_COLORS: Record<number, string> = { 1: '#2e9d4a', 2: '#f2c53d', 3: '#f08a24', 4: '#d7301f' }
