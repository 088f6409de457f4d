import { describe, expect, it } from 'vitest'
import { checkedByDefault } from './groupPreview.ts'

describe('the members of an addressed group ticked by default', () => {
  it('leaves courts, procuracy and other unrelated bodies unticked, by kind or by name', () => {
    expect(checkedByDefault({ kind: 'court', name: 'Tòa án nhân dân tỉnh An Giang' })).toBe(false)
    expect(checkedByDefault({ kind: 'procuracy', name: 'VKSND tỉnh' })).toBe(false)
    expect(checkedByDefault({ kind: 'other', name: 'Tòa án nhân dân tỉnh An Giang' })).toBe(false)
    expect(checkedByDefault({ kind: 'other', name: 'Viện Kiểm sát nhân dân tỉnh An Giang' })).toBe(false)
    expect(checkedByDefault({ kind: 'department', name: 'Kho bạc Nhà nước An Giang' })).toBe(false)
    expect(checkedByDefault({ kind: 'other', name: 'Cục Thi hành án dân sự tỉnh' })).toBe(false)
  })

  it('keeps the bodies epidemic work needs', () => {
    for (const [kind, name] of [
      ['department', 'Sở Y tế'],
      ['police', 'Công an tỉnh'],
      ['military', 'Bộ Chỉ huy Quân sự tỉnh'],
      ['fatherland_front', 'Ủy ban MTTQ Việt Nam tỉnh'],
      ['mass_organisation', 'Tỉnh Đoàn'],
      ['other', 'Bảo hiểm xã hội tỉnh An Giang'],
    ])
      expect(checkedByDefault({ kind: kind!, name: name! }), name).toBe(true)
  })
})
