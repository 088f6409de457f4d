import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { matcherInputFromDemo } from './demoOrgs.ts'
import { buildOrgMatcher, cleanName } from './orgMatcher.ts'
import type { GroupForMatching, OrgForMatching } from './types.ts'

const org = (id: number, key: string, name: string, kind: string, aliases: string[], unitCode = '91'): OrgForMatching => ({
  id,
  key,
  name,
  kind,
  unitCode,
  unitLevel: unitCode.length === 2 ? 'province' : 'commune',
  aliases,
})

const ORGS: OrgForMatching[] = [
  org(1, 'tu', 'Tỉnh ủy An Giang', 'party_committee', ['Tỉnh ủy', 'TU', 'Tỉnh ủy Kiên Giang']),
  org(2, 'btv', 'Ban Thường vụ Tỉnh ủy An Giang', 'party_standing_board', ['Ban Thường vụ Tỉnh ủy', 'BTV Tỉnh ủy']),
  org(3, 'btg', 'Ban Tuyên giáo và Dân vận Tỉnh ủy An Giang', 'party_board', ['Ban Tuyên giáo Tỉnh ủy', 'Ban Dân vận Tỉnh ủy']),
  org(4, 'bcsd_ubnd', 'Ban cán sự đảng Ủy ban nhân dân tỉnh An Giang', 'party_delegation', ['Ban cán sự đảng UBND tỉnh']),
  org(5, 'ubnd', 'Ủy ban nhân dân tỉnh An Giang', 'peoples_committee', ['UBND tỉnh', 'UBND tỉnh Kiên Giang']),
  org(6, 'so_yte', 'Sở Y tế tỉnh An Giang', 'department', ['Sở Y tế', 'SYT']),
  org(7, 'so_vhttdl', 'Sở Văn hóa, Thể thao và Du lịch tỉnh An Giang', 'department', ['Sở Văn hóa, Thể thao và Du lịch', 'Sở VHTTDL']),
  org(8, 'ca', 'Công an tỉnh An Giang', 'police', ['Công an tỉnh', 'Công an']),
  org(9, 'bchqs', 'Bộ Chỉ huy Quân sự tỉnh An Giang', 'military', ['Bộ Chỉ huy Quân sự tỉnh', 'Quân sự tỉnh']),
  org(10, 'bcd', 'Ban Chỉ đạo phòng, chống dịch tỉnh An Giang', 'steering_committee', ['Ban Chỉ đạo tỉnh', 'Ban Chỉ đạo tỉnh về phòng, chống dịch Covid-19']),
  org(11, 'du_ca', 'Đảng ủy Công an tỉnh An Giang', 'party_affiliate_committee', ['Đảng ủy Công an tỉnh']),
  org(12, 'mttq', 'Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh An Giang', 'fatherland_front', ['Ủy ban MTTQ tỉnh', 'MTTQ tỉnh']),
  org(13, 'doan', 'Đoàn Thanh niên Cộng sản Hồ Chí Minh tỉnh An Giang', 'mass_organisation', ['Tỉnh Đoàn']),
  org(14, 'vptu', 'Văn phòng Tỉnh ủy An Giang', 'party_office', ['Văn phòng Tỉnh ủy', 'VPTU']),
  org(15, 'x1_du', 'Đảng ủy phường Rạch Giá', 'party_committee', [], '30742'),
  org(16, 'x2_du', 'Đảng ủy phường Hà Tiên', 'party_committee', [], '30769'),
  org(17, 'x2_ubnd', 'UBND phường Hà Tiên', 'peoples_committee', [], '30769'),
  org(18, 'tu_post', 'Đồn Biên phòng Hà Tiên', 'border_post', [], '30769'),
]

const GROUPS: GroupForMatching[] = [
  { key: 'so_nganh', name: 'Các sở, ban, ngành, đoàn thể cấp tỉnh', aliases: ['Các sở, ban, ngành, đoàn thể cấp tỉnh', 'Các sở, ban, ngành, ĐT cấp tỉnh', 'Các sở, ban, ngành'], members: { kinds: ['department', 'police', 'military'], keys: ['doan'] } },
  { key: 'huyen_dutt', name: 'Các huyện, thành ủy, đảng ủy trực thuộc', aliases: ['Các huyện, thành ủy, đảng ủy trực thuộc', 'Các huyện, thành ủy, ĐUTT'], members: { kinds: ['party_committee'], level: 'commune', keys: ['du_ca'] } },
  { key: 'tuv', name: 'Các đồng chí Tỉnh ủy viên', aliases: ['Các đồng chí Tỉnh ủy viên', 'Các đ/c Tỉnh ủy viên'], members: { keys: ['tu'], role: 'Ủy viên Ban Chấp hành Đảng bộ tỉnh' } },
  { key: 'bien_gioi', name: 'Các xã, phường biên giới', aliases: ['các địa phương biên giới'], members: { kinds: ['party_committee', 'peoples_committee'], level: 'commune', units: ['30769'] } },
  { key: 'don_bp', name: 'Các đồn biên phòng', aliases: ['Các đồn biên phòng'], members: { kinds: ['border_post'] } },
]

const m = buildOrgMatcher(ORGS, GROUPS)

describe('match', () => {
  it('matches names and aliases ignoring case, diacritics and punctuation', () => {
    expect(m.match('Sở Y tế').orgId).toBe(6)
    expect(m.match('SỞ Y TẾ TỈNH AN GIANG').orgId).toBe(6)
    expect(m.match('so y te tinh').orgId).toBe(6)
    expect(m.match('Sở Văn hóa - Thể thao và Du lịch').orgId).toBe(7)
    expect(m.match('Ban cán sự đảng UBND tỉnh,').orgId).toBe(4)
  })
  it('reads OCR damage, tone placement and abbreviations', () => {
    expect(m.match('Ban cán sự đảng ƯBND tỉnh').orgId).toBe(4)
    expect(m.match('Ban cán sự đảng Uỷ ban nhân dân tỉnh').orgId).toBe(4)
    expect(m.match('Ban cán sự đảng Ủy ban nhân dân tỉnh').orgId).toBe(4)
    expect(m.match('BCS đảng UBND tỉnh').orgId).toBe(4)
    expect(m.match('BTV TU').orgId).toBe(2)
    expect(m.match('Các đ/c Tỉnh ủy viên').groupKey).toBe('tuv')
    expect(m.match('Các sở, ban, ngành, ĐT cấp tỉnh').groupKey).toBe('so_nganh')
    expect(m.match('Các huyện, thành ủy, ĐUTT').groupKey).toBe('huyen_dutt')
  })
  it('does not read "Tư pháp" as "Tỉnh ủy"', () => {
    expect(m.match('Sở Tư pháp').orgId).toBeUndefined()
  })
  it('drops the province suffix, ours only', () => {
    expect(m.match('Ủy ban nhân dân tỉnh An Giang').orgId).toBe(5)
    expect(m.match('UBND tỉnh Kiên Giang').orgId).toBe(5)
    expect(m.match('Công an tỉnh Kiên Giang').orgId).toBe(8)
    expect(m.match('Tỉnh ủy Trà Vinh').orgId).toBeUndefined()
    expect(m.match('TỈNH ỦY TRÀ VINH').orgId).toBeUndefined()
    expect(m.match('Công an tỉnh Quảng Ninh').orgId).toBeUndefined()
    expect(m.match('Ban Tuyên giáo Trung ương').orgId).toBeUndefined()
  })
  it('prefers an exact alias, then the longest contained name', () => {
    expect(m.match('Đảng ủy Công an tỉnh').orgId).toBe(11)
    expect(m.match('đồng chí Giám đốc Sở Y tế').orgId).toBe(6)
    expect(m.match('Ban Chỉ đạo tỉnh về phòng, chống dịch Covid-19').orgId).toBe(10)
    expect(m.match('Ban Thường vụ Tỉnh ủy (qua Văn phòng Tỉnh ủy)').orgId).toBe(2)
  })
  it('expands groups to their members', () => {
    const all = m.match('Các sở, ban, ngành, đoàn thể cấp tỉnh')
    expect(all.groupKey).toBe('so_nganh')
    expect(all.memberIds).toEqual([6, 7, 8, 9, 13])
    expect(m.match('Các huyện, thành ủy, đảng ủy trực thuộc').memberIds).toEqual([11, 15, 16])
    expect(m.match('các địa phương biên giới').memberIds).toEqual([16, 17])
    expect(m.match('Các đồn biên phòng').memberIds).toEqual([18])
  })
  it('keeps unknown names as text only', () => {
    expect(m.match('Thủ tướng Chính phủ')).toEqual({ text: 'Thủ tướng Chính phủ' })
    expect(m.match('- Bộ Y tế (để báo cáo);')).toEqual({ text: 'Bộ Y tế' })
  })
})

describe('matchAll', () => {
  const texts = (s: string) => m.matchAll(s).map((r) => r.text)
  it('splits a list of names', () => {
    expect(texts('Sở Y tế, Công an tỉnh và Bộ Chỉ huy Quân sự tỉnh')).toEqual(['Sở Y tế', 'Công an tỉnh', 'Bộ Chỉ huy Quân sự tỉnh'])
    expect(m.matchAll('Sở Y tế, Công an tỉnh và Bộ Chỉ huy Quân sự tỉnh').map((r) => r.orgId)).toEqual([6, 8, 9])
    expect(texts('Sở Y tế; Tỉnh Đoàn')).toEqual(['Sở Y tế', 'Tỉnh Đoàn'])
  })
  it('keeps names that contain commas', () => {
    expect(texts('Sở Văn hóa, Thể thao và Du lịch, Sở Y tế')).toEqual(['Sở Văn hóa, Thể thao và Du lịch', 'Sở Y tế'])
    expect(texts('Các sở, ban, ngành, đoàn thể cấp tỉnh')).toEqual(['Các sở, ban, ngành, đoàn thể cấp tỉnh'])
    expect(texts('Ban Chỉ đạo tỉnh về phòng, chống dịch Covid-19')).toEqual(['Ban Chỉ đạo tỉnh về phòng, chống dịch Covid-19'])
  })
  it('splits unknown names only where a new body starts', () => {
    const bare = buildOrgMatcher([], [])
    expect(bare.matchAll('Các sở, ban, ngành').map((r) => r.text)).toEqual(['Các sở, ban, ngành'])
    expect(bare.matchAll('Sở Công Thương, Sở Xây dựng và các địa phương').map((r) => r.text)).toEqual(['Sở Công Thương', 'Sở Xây dựng', 'các địa phương'])
    expect(bare.matchAll('Ban Bảo vệ, chăm sóc sức khỏe cán bộ tỉnh').map((r) => r.text)).toEqual(['Ban Bảo vệ, chăm sóc sức khỏe cán bộ tỉnh'])
    expect(bare.matchAll('Tập đoàn TKV, Tổng Công ty Đông Bắc').map((r) => r.text)).toEqual(['Tập đoàn TKV', 'Tổng Công ty Đông Bắc'])
  })
  it('removes list notes', () => {
    expect(cleanName('- Thường trực Tỉnh ủy (để b/cáo);')).toBe('Thường trực Tỉnh ủy')
    expect(cleanName('Kính gửi: - Các đồng chí Tỉnh ủy viên,')).toBe('Các đồng chí Tỉnh ủy viên')
  })
})

describe('the demo province (data/demo/orgs-91.json)', () => {
  const file = fileURLToPath(new URL('../../../data/demo/orgs-91.json', import.meta.url))
  const { orgs, groups, keyOf } = matcherInputFromDemo(JSON.parse(readFileSync(file, 'utf8')))
  const demo = buildOrgMatcher(orgs, groups)
  const key = (name: string) => {
    const r = demo.match(name)
    return r.orgId !== undefined ? keyOf.get(r.orgId) : r.groupKey
  }
  it('finds the bodies the seed documents name', () => {
    expect(key('Ban cán sự đảng ƯBND tỉnh')).toBe('bcsd_ubnd')
    expect(key('Ban Tuyên giáo Tỉnh ủy')).toBe('btgdv')
    expect(key('Ban Chỉ đạo tỉnh về phòng, chống dịch Covid-19')).toBe('bcd')
    expect(key('Bộ Chỉ huy Bộ đội Biên phòng tỉnh')).toBe('bdbp')
    expect(key('Đảng ủy Bộ đội Biên phòng tỉnh')).toBe('du_bdbp')
    expect(key('Lưu VPTU')).toBe('vptu')
    expect(key('Đảng đoàn HĐND tỉnh')).toBe('dd_hdnd')
    expect(key('Thường trực TU')).toBe('tttu')
    expect(key('TT. Tỉnh ủy')).toBe('tttu')
    expect(key('TỈNH ỦY KIÊN GIANG')).toBe('tu')
    expect(key('TỈNH ỦY TRÀ VINH')).toBeUndefined()
  })
  it('finds the plural addressees of the seeds', () => {
    expect(key('Các đồng chí Tỉnh ủy viên')).toBe('tinh_uy_vien')
    expect(key('Các sở, ban, ngành, đoàn thể cấp tỉnh')).toBe('cac_so_nganh_doan_the')
    expect(key('Các huyện, thành ủy, đảng ủy trực thuộc')).toBe('cac_huyen_thanh_uy_dutt')
    expect(key('Các huyện, thị, thành ủy và đảng ủy trực thuộc tỉnh')).toBe('cac_huyen_thanh_uy_dutt')
    expect(key('MTTQ và các tổ chức chính trị - xã hội tỉnh')).toBe('mttq_doan_the')
    expect(key('Các sở, ban, ngành, ĐT cấp tỉnh')).toBe('cac_so_nganh_doan_the')
    expect(key('Các BCS đảng, đảng đoàn')).toBe('bcs_dang_doan')
    expect(key('Đảng ủy Công an tỉnh, Quân sự tỉnh, Bộ đội Biên phòng tỉnh')).toBe('dang_uy_lltv')
  })
  it('expands a group of listed bodies', () => {
    const g = demo.match('Các ban cán sự đảng, đảng đoàn')
    expect(g.memberIds?.map((id) => keyOf.get(id)).sort()).toEqual(['bcsd_ubnd', 'dd_hdnd', 'dd_mttq'])
  })
})

describe('bodies across time', () => {
  const dated = (o: OrgForMatching, validFrom: string | null, validTo: string | null, province: string): OrgForMatching => ({ ...o, validFrom, validTo, province })
  const TIMED: OrgForMatching[] = [
    dated(org(1, 'tu', 'Tỉnh ủy An Giang', 'party_committee', ['Tỉnh ủy', 'TU']), null, null, 'An Giang'),
    dated(org(5, 'ubnd', 'Ủy ban nhân dân tỉnh An Giang', 'peoples_committee', ['UBND tỉnh', 'UBND']), null, null, 'An Giang'),
    dated(org(6, 'so_yte', 'Sở Y tế tỉnh An Giang', 'department', ['Sở Y tế']), null, null, 'An Giang'),
    dated(org(30, 'h_tu_kg', 'Tỉnh ủy Kiên Giang', 'party_committee', ['Tỉnh ủy', 'TU'], '91'), null, '2025-06-30', 'Kiên Giang'),
    dated(org(31, 'h_ubnd_kg', 'Ủy ban nhân dân tỉnh Kiên Giang', 'peoples_committee', ['UBND tỉnh Kiên Giang'], '91'), null, '2025-06-30', 'Kiên Giang'),
    dated(org(32, 'h_899_ubnd', 'Ủy ban nhân dân thành phố Rạch Giá', 'peoples_committee', ['UBND thành phố Rạch Giá', 'UBND TP Rạch Giá'], '899'), null, '2025-06-30', 'Kiên Giang'),
    dated(org(33, 'h_tttt', 'Sở Thông tin và Truyền thông tỉnh An Giang', 'department', ['Sở Thông tin và Truyền thông', 'Sở TT&TT']), null, '2025-02-28', 'An Giang'),
    dated(org(34, '30742_ubnd', 'UBND phường Rạch Giá', 'peoples_committee', [], '30742'), '2025-07-01', null, 'An Giang'),
  ]
  const other = ['Sóc Trăng', 'Long An', 'Cà Mau', 'Trà Vinh', 'Cần Thơ', 'Hồ Chí Minh', 'An Giang', 'Kiên Giang']
  const today = buildOrgMatcher(TIMED, GROUPS, { externalProvinces: other })
  const in2021 = buildOrgMatcher(TIMED, GROUPS, { date: '2021-05-26', externalProvinces: other })

  it('reads a city committee in a 2021 document as that city committee, never the provincial one', () => {
    expect(in2021.match('UBND thành phố Rạch Giá').orgId).toBe(32)
    expect(in2021.match('Ủy ban nhân dân thành phố Rạch Giá').orgId).toBe(32)
    expect(in2021.match('đồng chí Chủ tịch UBND TP Rạch Giá').orgId).toBe(32)
  })
  it('flags the same name in a 2026 document as a body no longer in existence', () => {
    const r = today.match('UBND thành phố Rạch Giá')
    expect(r.orgId).toBeUndefined()
    expect(r.historicalOrgId).toBe(32)
    const later = buildOrgMatcher(TIMED, GROUPS, { date: '2026-03-01' })
    expect(later.match('UBND thành phố Rạch Giá')).toEqual({ text: 'UBND thành phố Rạch Giá', historicalOrgId: 32 })
    // An unknown city is not the provincial committee either.
    expect(today.match('UBND thành phố Long Xuyên').orgId).toBeUndefined()
    expect(today.match('UBND thị xã Tân Châu').orgId).toBeUndefined()
  })
  it('prefers the body that existed on the date, and of the document’s province among namesakes', () => {
    expect(in2021.match('Sở Thông tin và Truyền thông').orgId).toBe(33)
    expect(today.match('Sở Thông tin và Truyền thông').historicalOrgId).toBe(33)
    expect(in2021.match('UBND tỉnh Kiên Giang').orgId).toBe(31)
    expect(today.match('UBND tỉnh Kiên Giang').historicalOrgId).toBe(31)
    expect(today.match('Tỉnh ủy').orgId).toBe(1)
    expect(in2021.match('Tỉnh ủy').orgId).toBe(1)
    expect(in2021.at?.('2021-05-26', 'Kiên Giang').match('Tỉnh ủy').orgId).toBe(30)
    expect(today.at?.('2021-05-26', 'Kiên Giang').match('TỈNH ỦY KIÊN GIANG').orgId).toBe(30)
    expect(in2021.match('UBND phường Rạch Giá').historicalOrgId).toBe(34)
  })
  it('keeps bodies of other provinces as written, flagged external', () => {
    for (const name of ['UBND tỉnh Sóc Trăng', 'Ban Chỉ đạo tỉnh Long An', 'Sở Y tế tỉnh Cà Mau', 'TỈNH ỦY TRÀ VINH', 'Sở Y tế thành phố Hồ Chí Minh', 'Báo Cà Mau']) {
      for (const m of [today, in2021]) expect(m.match(name), name).toEqual({ text: name, external: true })
    }
    expect(today.match('Sở Y tế tỉnh An Giang').orgId).toBe(6)
    expect(today.match('UBND xã Long An').external).toBeUndefined()
    expect(today.matchAll('Sở Y tế, UBND tỉnh Sóc Trăng').map((r) => [r.orgId, r.external])).toEqual([
      [6, undefined],
      [undefined, true],
    ])
  })
})
