import { describe, expect, it } from 'vitest'
import { IMPORT_COLUMNS, IMPORT_KINDS, matchHeaders, parseCountry, parseDate, parseRow } from './importColumns.ts'

const opts = { today: '2026-11-26' }

function row(kind: 'cases' | 'contacts' | 'tests', values: Record<string, string | number | null>) {
  const headers = Object.keys(values)
  const m = matchHeaders(kind, headers)
  return parseRow(kind, Object.values(values), m.index, opts)
}

describe('import headers', () => {
  it('takes Vietnamese, English and alias headers alike, whatever the case and diacritics', () => {
    const m = matchHeaders('cases', ['Họ tên', 'NAM SINH', 'gioi tinh', 'national_id', 'Mã tham chiếu', 'Phân loại', 'Ghi chú'])
    expect(m.index).toMatchObject({ full_name: 0, birth_year: 1, sex: 2, national_id: 3, ref: 4, classification: 5 })
    expect(m.missing).toEqual([])
    expect(m.unknown).toEqual(['Ghi chú'])
    expect(matchHeaders('tests', ['ref', 'sample_date', 'result_date', 'method', 'result', 'pool_id', 'lab', 'ct']).missing).toEqual([])
  })

  it('names the required columns a file lacks', () => {
    expect(matchHeaders('tests', ['Mã tham chiếu', 'Kết quả']).missing).toEqual(['"Ngày lấy mẫu" (sample_date)', '"Phương pháp" (method)'])
    expect(matchHeaders('contacts', ['Họ tên', 'Tiếp xúc với', 'Ngày tiếp xúc']).missing).toEqual(['"Mã tham chiếu" (ref) hoặc "Số CCCD" (national_id)'])
  })

  it('has every contract column, once, with a note and a Vietnamese header', () => {
    const contract = {
      cases: 'ref, full_name, birth_year, sex, national_id, phone, commune_code, onset_date, confirmed_date, classification, source, source_ref, country',
      contacts: 'ref, full_name, birth_year, sex, national_id, phone, commune_code, exposed_to_ref, exposure_date, setting',
      tests: 'ref, sample_date, result_date, method, result, pool_id, lab, ct',
    }
    for (const kind of IMPORT_KINDS) {
      const keys = IMPORT_COLUMNS[kind].map((c) => c.key)
      for (const k of contract[kind].split(', ')) expect(keys, kind).toContain(k)
      expect(new Set(keys).size).toBe(keys.length)
      for (const c of IMPORT_COLUMNS[kind]) expect(c.note.length, c.key).toBeGreaterThan(3)
      // The English key itself is always a header.
      expect(matchHeaders(kind, keys).missing).toEqual([])
    }
  })
})

describe('import values', () => {
  it('reads dates as dd/mm/yyyy or ISO, refusing days that do not exist', () => {
    expect(parseDate('05/07/2021')).toBe('2021-07-05')
    expect(parseDate('5-7-2021')).toBe('2021-07-05')
    expect(parseDate('2021-07-05')).toBe('2021-07-05')
    expect(parseDate('31/02/2021')).toBeNull()
    expect(parseDate('2021-13-01')).toBeNull()
    expect(parseDate('hôm qua')).toBeNull()
  })

  it('reads countries by ISO code or by name in Vietnamese or English', () => {
    expect(parseCountry('kh')).toBe('KH')
    expect(parseCountry('KHM')).toBe('KH')
    expect(parseCountry('Campuchia')).toBe('KH')
    expect(parseCountry('Trung Quốc')).toBe('CN')
    expect(parseCountry('Anh')).toBe('GB')
    expect(parseCountry('United Kingdom')).toBe('GB')
    expect(parseCountry('Hàn Quốc')).toBe('KR')
    expect(parseCountry('Atlantis')).toBeNull()
  })

  it('reads a test result row in Vietnamese or English words', () => {
    const vi = row('tests', { 'Mã tham chiếu': 'BN-1', 'Ngày lấy mẫu': '13/07/2021', 'Ngày có kết quả': '14/07/2021', 'Phương pháp': 'RT-PCR', 'Kết quả': 'Dương tính', Ct: '24,5' })
    expect(vi).toEqual({ ok: true, row: { ref: 'BN-1', sampleDate: '2021-07-13', resultDate: '2021-07-14', method: 'pcr', result: 'positive', poolId: null, lab: '', ct: 24.5 } })
    const en = row('tests', { ref: 'BN-1', sample_date: '2021-07-13', method: 'test nhanh', result: 'negative', lab: 'CDC', pool_id: 'G-7' })
    expect(en).toMatchObject({ ok: true, row: { method: 'antigen', result: 'negative', lab: 'CDC', poolId: 'G-7' } })
  })

  it('names every problem of a bad row in Vietnamese', () => {
    const r = row('tests', { ref: 'BN-1', sample_date: '31/02/2021', result_date: '01/01/2021', method: 'xquang', result: 'có thể', ct: '75' })
    expect(r.ok).toBe(false)
    if (r.ok) return
    expect(r.reasons.join(' ')).toContain('"Ngày lấy mẫu" "31/02/2021" không hợp lệ')
    expect(r.reasons.join(' ')).toContain('"Phương pháp" "xquang" không hợp lệ')
    expect(r.reasons.join(' ')).toContain('"Kết quả" "có thể" không hợp lệ')
    expect(r.reasons.join(' ')).toContain('"Ct" "75" không hợp lệ')
    const future = row('tests', { ref: 'BN-1', sample_date: '01/01/2027', method: 'pcr', result: 'âm tính' })
    expect(future).toEqual({ ok: false, reasons: ['"Ngày lấy mẫu" 01/01/2027 ở sau ngày hôm nay.'] })
  })

  it('reads a case row: sex, classification, source and country', () => {
    const r = row('cases', {
      'Mã tham chiếu': 'BN-2',
      'Họ tên': '  Trần   Thị Bình ',
      'Năm sinh': 1990,
      'Giới tính': 'Nữ',
      'Số điện thoại': '+84 912 345 678',
      'Mã xã': 30742,
      'Phân loại': 'xác định',
      'Nguồn lây': 'nhập cảnh',
      'Mã nguồn': 'VN0054',
      'Quốc gia': 'Anh',
    })
    expect(r).toEqual({
      ok: true,
      row: {
        ref: 'BN-2',
        fullName: 'Trần Thị Bình',
        birthYear: 1990,
        sex: 'female',
        nationalId: null,
        passportNo: null,
        nationality: null,
        phone: '0912345678',
        communeCode: '30742',
        onsetDate: null,
        confirmedDate: null,
        classification: 'confirmed',
        source: 'imported',
        sourceRef: 'VN0054',
        country: 'GB',
      },
    })
    expect(row('cases', { ref: 'X', classification: 'probable', source: 'linked' })).toEqual({
      ok: false,
      reasons: ['Ca "liên quan" cần "Mã nguồn": mã của ca nguồn hoặc mã ổ dịch.'],
    })
  })

  it('checks a CCCD against the year of birth and sex given', () => {
    // 091 (Kiên Giang), century-and-sex digit 0 (male, 1900s), year 85.
    expect(row('cases', { national_id: '091085000123', birth_year: 1985, sex: 'nam', classification: 'confirmed' }).ok).toBe(true)
    const r = row('cases', { national_id: '091085000123', birth_year: 1985, sex: 'nữ', classification: 'confirmed' })
    expect(r.ok).toBe(false)
    if (!r.ok) expect(r.reasons[0]).toMatch(/^"Số CCCD" 091085000123: .*nữ/)
    expect(row('cases', { national_id: '12345', classification: 'confirmed' })).toMatchObject({ ok: false })
  })

  it('reads a contact row with its setting, and refuses a contact with themself', () => {
    expect(row('contacts', { ref: 'TX-1', exposed_to_ref: 'BN-1', exposure_date: '10/07/2021', setting: 'Hộ gia đình' })).toMatchObject({
      ok: true,
      row: { ref: 'TX-1', exposedToRef: 'BN-1', exposureDate: '2021-07-10', setting: 'household' },
    })
    expect(row('contacts', { ref: 'TX-1', exposed_to_ref: 'TX-1', exposure_date: '10/07/2021' })).toEqual({ ok: false, reasons: ['Một người không thể tiếp xúc với chính mình.'] })
    expect(row('contacts', { ref: 'TX-1', exposure_date: '10/07/2021' })).toEqual({ ok: false, reasons: ['Thiếu "Tiếp xúc với".'] })
  })
})
