import { describe, expect, it } from 'vitest'
import { requiredAction } from './requirement.ts'

const rule14 = { name: 'Cách ly 14 ngày + 14 ngày theo dõi', source: 'Công văn 5599/BYT-MT', days: 14, monitoringDays: 14 }
const rule0 = { name: 'Không cách ly', source: 'Văn bản X', days: 0, monitoringDays: 10 }
const zone = (measure: 'facility' | 'home' | 'monitoring') => ({ placeName: 'TP. Hồ Chí Minh', measure, monitoringDays: 7, source: 'Thông báo Y' })

describe('what an arrival requires', () => {
  it('sends a traveller from abroad to centralised quarantine for the rule’s days, else to monitoring', () => {
    expect(requiredAction({ originKind: 'abroad', zone: null, rule: rule14 })).toMatchObject({ action: 'facility', days: 14, monitoringDays: 14 })
    expect(requiredAction({ originKind: 'abroad', zone: null, rule: rule0 })).toMatchObject({ action: 'monitoring', days: 10 })
    expect(requiredAction({ originKind: 'abroad', zone: null, rule: { ...rule0, monitoringDays: 0 } }).action).toBe('none')
    expect(requiredAction({ originKind: 'abroad', zone: null, rule: null }).why).toContain('bổ sung quy định')
  })

  it('asks a returnee from a zone for the zone’s measure, and nothing from elsewhere', () => {
    expect(requiredAction({ originKind: 'domestic', zone: zone('home'), rule: rule14 })).toMatchObject({ action: 'home', days: 14 })
    expect(requiredAction({ originKind: 'domestic', zone: zone('facility'), rule: rule14 })).toMatchObject({ action: 'facility', days: 14 })
    const m = requiredAction({ originKind: 'domestic', zone: zone('monitoring'), rule: rule14 })
    expect(m).toMatchObject({ action: 'monitoring', days: 7 })
    expect(m.why).toContain('TP. Hồ Chí Minh')
    expect(requiredAction({ originKind: 'domestic', zone: zone('home'), rule: rule0 })).toMatchObject({ action: 'monitoring', days: 10 })
    expect(requiredAction({ originKind: 'domestic', zone: null, rule: rule14 }).action).toBe('none')
  })
})
