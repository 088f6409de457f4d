/**
 * The citizen identity number (số định danh cá nhân, printed on the CCCD card): 12 digits.
 *
 *   digits 1–3  the province or city where the birth was registered (the 63 provinces before
 *               1 July 2025, "0" followed by the province's GSO code);
 *   digit 4     century of birth and sex: 0/1 = male/female born 1900–1999, 2/3 = 2000–2099,
 *               4/5 = 2100–2199, 6/7 = 2200–2299, 8/9 = 2300–2399 (male even, female odd);
 *   digits 5–6  the last two digits of the year of birth;
 *   digits 7–12 a random number.
 *
 * Source: Thông tư 07/2016/TT-BCA (Điều 7, Phụ lục I: mã tỉnh nơi đăng ký khai sinh), replaced by
 * Thông tư 59/2021/TT-BCA (Điều 7, same codes). The old identity card (CMND) number has 9 digits
 * and no structure that can be checked.
 */

/** Province codes of birth registration (pre-2025 provinces), with the province's name. */
export const CCCD_PROVINCES: Readonly<Record<string, string>> = {
  '001': 'Hà Nội',
  '002': 'Hà Giang',
  '004': 'Cao Bằng',
  '006': 'Bắc Kạn',
  '008': 'Tuyên Quang',
  '010': 'Lào Cai',
  '011': 'Điện Biên',
  '012': 'Lai Châu',
  '014': 'Sơn La',
  '015': 'Yên Bái',
  '017': 'Hòa Bình',
  '019': 'Thái Nguyên',
  '020': 'Lạng Sơn',
  '022': 'Quảng Ninh',
  '024': 'Bắc Giang',
  '025': 'Phú Thọ',
  '026': 'Vĩnh Phúc',
  '027': 'Bắc Ninh',
  '030': 'Hải Dương',
  '031': 'Hải Phòng',
  '033': 'Hưng Yên',
  '034': 'Thái Bình',
  '035': 'Hà Nam',
  '036': 'Nam Định',
  '037': 'Ninh Bình',
  '038': 'Thanh Hóa',
  '040': 'Nghệ An',
  '042': 'Hà Tĩnh',
  '044': 'Quảng Bình',
  '045': 'Quảng Trị',
  '046': 'Thừa Thiên Huế',
  '048': 'Đà Nẵng',
  '049': 'Quảng Nam',
  '051': 'Quảng Ngãi',
  '052': 'Bình Định',
  '054': 'Phú Yên',
  '056': 'Khánh Hòa',
  '058': 'Ninh Thuận',
  '060': 'Bình Thuận',
  '062': 'Kon Tum',
  '064': 'Gia Lai',
  '066': 'Đắk Lắk',
  '067': 'Đắk Nông',
  '068': 'Lâm Đồng',
  '070': 'Bình Phước',
  '072': 'Tây Ninh',
  '074': 'Bình Dương',
  '075': 'Đồng Nai',
  '077': 'Bà Rịa - Vũng Tàu',
  '079': 'Hồ Chí Minh',
  '080': 'Long An',
  '082': 'Tiền Giang',
  '083': 'Bến Tre',
  '084': 'Trà Vinh',
  '086': 'Vĩnh Long',
  '087': 'Đồng Tháp',
  '089': 'An Giang',
  '091': 'Kiên Giang',
  '092': 'Cần Thơ',
  '093': 'Hậu Giang',
  '094': 'Sóc Trăng',
  '095': 'Bạc Liêu',
  '096': 'Cà Mau',
}

export type Sex = 'male' | 'female'

/** What a 12-digit number says about its holder. */
export interface CccdFacts {
  provinceCode: string
  provinceName: string
  sex: Sex
  birthYear: number
}

const SEX_VI: Record<Sex, string> = { male: 'nam', female: 'nữ' }

/** The century-and-sex digit for a year of birth and sex (the inverse of what `readCccd` reads). */
export function centurySexDigit(birthYear: number, sex: Sex): number {
  const century = Math.floor((birthYear - 1900) / 100)
  if (century < 0 || century > 4) throw new RangeError(`năm sinh ${birthYear} ngoài khoảng 1900–2399`)
  return century * 2 + (sex === 'female' ? 1 : 0)
}

/** Reads a 12-digit number: its facts, or why it cannot be a CCCD number (Vietnamese). */
export function readCccd(number: string): { ok: true; facts: CccdFacts } | { ok: false; problem: string } {
  if (!/^\d{12}$/.test(number)) return { ok: false, problem: 'Số CCCD gồm đúng 12 chữ số.' }
  const provinceCode = number.slice(0, 3)
  const provinceName = CCCD_PROVINCES[provinceCode]
  if (!provinceName) {
    return { ok: false, problem: `Số CCCD ${number}: ba chữ số đầu (${provinceCode}) không phải mã tỉnh, thành phố nơi đăng ký khai sinh.` }
  }
  const digit = Number(number[3])
  return {
    ok: true,
    facts: {
      provinceCode,
      provinceName,
      sex: digit % 2 === 0 ? 'male' : 'female',
      birthYear: 1900 + Math.floor(digit / 2) * 100 + Number(number.slice(4, 6)),
    },
  }
}

export interface IdentityClaims {
  birthYear?: number | null | undefined
  sex?: 'male' | 'female' | 'other' | null | undefined
  /** The current year: a number saying its holder is born later is refused. */
  currentYear?: number | undefined
}

/**
 * Checks a national id number (12-digit CCCD, or 9-digit old CMND) against the year of birth and
 * sex given with it. Returns the problems in Vietnamese, each saying what disagrees; none when valid.
 */
export function checkNationalId(number: string, claims: IdentityClaims = {}): string[] {
  if (/^\d{9}$/.test(number)) return []
  if (!/^\d{12}$/.test(number)) return ['Số CCCD gồm 12 chữ số (CMND cũ 9 chữ số).']
  const read = readCccd(number)
  if (!read.ok) return [read.problem]
  const { facts } = read
  const problems: string[] = []
  if (claims.currentYear !== undefined && facts.birthYear > claims.currentYear) {
    problems.push(`Số CCCD ${number} cho năm sinh ${facts.birthYear} (chữ số thứ 4 là ${number[3]}, thứ 5–6 là ${number.slice(4, 6)}), sau năm hiện tại.`)
  }
  if (claims.birthYear != null && claims.birthYear !== facts.birthYear) {
    problems.push(
      `Số CCCD ${number} cho năm sinh ${facts.birthYear} (chữ số thứ 4 là ${number[3]}, thứ 5–6 là ${number.slice(4, 6)}) nhưng năm sinh đã nhập là ${claims.birthYear}.`,
    )
  }
  if ((claims.sex === 'male' || claims.sex === 'female') && claims.sex !== facts.sex) {
    problems.push(
      `Số CCCD ${number} là của người ${SEX_VI[facts.sex]} (chữ số thứ 4 là ${number[3]}: ${facts.sex === 'male' ? 'số chẵn' : 'số lẻ'}) nhưng giới tính đã nhập là ${SEX_VI[claims.sex]}.`,
    )
  }
  return problems
}
