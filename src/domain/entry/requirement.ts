import { ZONE_MEASURES, type ZoneMeasure } from './codes.ts'

/**
 * What an arrival must do, from where they come from and the quarantine rule for entry in force on
 * the day they arrived (rule periods of the quarantine context). From abroad: centralised
 * quarantine for the rule's days, or the rule's monitoring when it no longer quarantines. From a
 * domestic epidemic zone in force that day: the zone's measure for the rule's days (monitoring for
 * the zone's days). From elsewhere in the country: nothing.
 */

export type RequiredAction = 'facility' | 'home' | 'monitoring' | 'none'

export const ACTION_LABELS: Record<RequiredAction, string> = {
  facility: 'Cách ly tập trung',
  home: 'Cách ly tại nhà, nơi lưu trú',
  monitoring: 'Theo dõi sức khỏe',
  none: 'Không phải cách ly, theo dõi',
}

export interface EntryRuleFacts {
  name: string
  source: string
  days: number
  monitoringDays: number
}
export interface ZoneFacts {
  placeName: string
  measure: ZoneMeasure
  monitoringDays: number
  source: string
}

export interface Requirement {
  action: RequiredAction
  /** Days of quarantine (facility or home), or of monitoring. */
  days: number
  /** Days of monitoring after quarantine. */
  monitoringDays: number
  why: string
}

export function requiredAction(a: { originKind: 'abroad' | 'domestic'; zone: ZoneFacts | null; rule: EntryRuleFacts | null }): Requirement {
  const rule = a.rule
  if (a.originKind === 'abroad') {
    if (!rule) return { action: 'none', days: 0, monitoringDays: 0, why: 'Không có quy định cách ly người nhập cảnh áp dụng vào ngày đến: cần bổ sung quy định.' }
    if (rule.days > 0) return { action: 'facility', days: rule.days, monitoringDays: rule.monitoringDays, why: `Nhập cảnh: ${rule.name} (${rule.source}).` }
    if (rule.monitoringDays > 0) return { action: 'monitoring', days: rule.monitoringDays, monitoringDays: 0, why: `Nhập cảnh: ${rule.name} (${rule.source}) — theo dõi sức khỏe ${rule.monitoringDays} ngày.` }
    return { action: 'none', days: 0, monitoringDays: 0, why: `Nhập cảnh: ${rule.name} (${rule.source}) — không phải cách ly.` }
  }
  const zone = a.zone
  if (!zone) return { action: 'none', days: 0, monitoringDays: 0, why: 'Không đến từ vùng dịch đang công bố vào ngày đến.' }
  const from = `Đến từ vùng dịch ${zone.placeName} (${zone.source}): ${ZONE_MEASURES[zone.measure].toLowerCase()}`
  if (zone.measure === 'monitoring' || !rule || rule.days === 0) {
    const days = zone.measure === 'monitoring' ? zone.monitoringDays : (rule?.monitoringDays ?? zone.monitoringDays)
    return { action: days > 0 ? 'monitoring' : 'none', days, monitoringDays: 0, why: `${from}; theo dõi sức khỏe ${days} ngày.` }
  }
  return { action: zone.measure, days: rule.days, monitoringDays: rule.monitoringDays, why: `${from} ${rule.days} ngày theo ${rule.name} (${rule.source}).` }
}
