import { fold } from '../text/fold.ts'
import { lowVi } from './folding.ts'

/** A word as it appears in a sentence, with the forms the rules compare. */
export interface Word {
  start: number
  end: number
  raw: string
  /** Lowercase, diacritics kept (see lowVi). */
  low: string
  /** Lowercase without diacritics. */
  fold: string
  upper: boolean
}

const WORD = /[\p{L}\p{N}]+(?:\/[\p{L}\p{N}]+)*/gu

/** The words of `text` between `from` and `to`, with offsets in `text`. */
export function wordsOf(text: string, from = 0, to = text.length): Word[] {
  const out: Word[] = []
  const slice = text.slice(from, to)
  for (const m of slice.matchAll(WORD)) {
    const raw = m[0]
    const first = raw.charAt(0)
    out.push({
      start: from + m.index,
      end: from + m.index + raw.length,
      raw,
      low: lowVi(raw),
      fold: fold(raw),
      upper: first !== first.toLowerCase() && first === first.toUpperCase(),
    })
  }
  return out
}

const split = (list: string[]) => list.map((p) => p.split(' '))

/**
 * First words of the names of bodies and office holders, folded. A list item or a subject that
 * opens with one of these is taken for an addressee.
 */
export const BODY_HEADS = split([
  'so',
  'ban',
  'uy ban',
  'ubnd',
  'hoi dong',
  'hdnd',
  'cong an',
  'bo chi huy',
  'bo doi',
  'bien phong',
  'quan su',
  'dang uy',
  'dang doan',
  'dang bo',
  'van phong',
  'hoi',
  'doan',
  'lien doan',
  'lien hiep',
  'mat tran',
  'mttq',
  'ubmttq',
  'trung tam',
  'benh vien',
  'bao',
  'dai',
  'cong thong tin',
  'toa an',
  'vien kiem sat',
  'thanh tra',
  'bao hiem',
  'bhxh',
  'tinh uy',
  'thanh uy',
  'huyen uy',
  'thi uy',
  'tinh doan',
  'thuong truc',
  'tap doan',
  'tong cong ty',
  'cong ty',
  'nganh',
  'bo',
  'chinh phu',
  'thu tuong',
  'bcd',
  'cuc',
  'chi cuc',
  'kho bac',
  'ngan hang',
  'thanh pho',
  'thi xa',
  'dac khu',
  'huyen',
  'xa',
  'phuong',
  'dong chi',
  'd/c',
  'chu tich',
  'pho chu tich',
  'giam doc',
  'bi thu',
  'pho bi thu',
  'thu truong',
  'chanh van phong',
  'nguoi dung dau',
  'lanh dao',
  'btv',
  'bcs',
  'bch',
  'bchqs',
  'bdbp',
  'ca',
  'du',
  'co quan',
  'dia phuong',
  'cap uy',
  'chinh quyen',
  'don vi',
  'ubkt',
  'vptu',
  'cdc',
  'phong',
  'don',
  'tram',
  'chot',
  'chi bo',
  'vien',
  'to cong tac',
  'chi huy truong',
  'truong ban',
  'pho truong ban',
  'truong phong',
  'pho truong phong',
  'hieu truong',
])

/** Office holders: a new list item always starts at one of these, even in lowercase. */
export const ROLE_HEADS = split(['nguoi dung dau', 'chu tich', 'pho chu tich', 'giam doc', 'bi thu', 'pho bi thu', 'thu truong', 'lanh dao', 'dong chi', 'd/c', 'truong phong', 'pho truong phong'])

/** Words that begin like a head but are common nouns inside names: "Lao động - Thương binh và Xã hội", "chính trị - xã hội". */
const NOT_HEADS = split(['xa hoi'])

/** What may follow "các" in a plural addressee ("các sở", "các địa phương"). */
export const PLURAL_HEADS = split([
  'so',
  'ban',
  'nganh',
  'co quan',
  'dia phuong',
  'cap uy',
  'cap',
  'huyen',
  'xa',
  'phuong',
  'don vi',
  'dong chi',
  'd/c',
  'to chuc',
  'doan the',
  'phuong tien',
  'hoi',
  'benh vien',
  'trung tam',
  'tinh uy vien',
  'uy vien',
  'luc luong',
  'doanh nghiep',
  'co so',
  'dang uy',
  'dang bo',
  'chi bo',
  'thanh vien',
  'bo',
  'thanh pho',
  'huyen uy',
  'bcs',
  'tram',
  'chot',
  'don',
])

/** True when the folded words at `i` begin with one of `heads`. */
export function startsWithAny(words: readonly string[], i: number, heads: readonly string[][]): number {
  if (NOT_HEADS.some((h) => h.every((w, k) => words[i + k] === w))) return 0
  let best = 0
  for (const h of heads) {
    if (h.length <= best) continue
    let ok = true
    for (let k = 0; k < h.length; k++) {
      if (words[i + k] !== h[k]) {
        ok = false
        break
      }
    }
    if (ok) best = h.length
  }
  return best
}

/** A subject that names a body: "Sở Y tế", "Các địa phương", "Bí thư các huyện ủy". */
export function looksLikeBody(folded: readonly string[]): boolean {
  if (folded.length === 0) return false
  if (folded[0] === 'cac' || folded[0] === 'nhung' || folded[0] === 'tung' || folded[0] === 'moi') return startsWithAny(folded, 1, PLURAL_HEADS) > 0 || startsWithAny(folded, 1, BODY_HEADS) > 0
  return startsWithAny(folded, 0, BODY_HEADS) > 0
}

/**
 * Verbs and function words that end the name of a body inside a sentence, with diacritics:
 * folded forms merge "có"/"cơ", "đang"/"đảng", "thì"/"thị", which all occur in names.
 */
export const STOP_PHRASES = [
  'chủ trì',
  'phối hợp',
  'có trách nhiệm',
  'chịu trách nhiệm',
  'theo dõi',
  'đôn đốc',
  'hướng dẫn',
  'triển khai',
  'thực hiện',
  'tổ chức',
  'tham mưu',
  'chỉ đạo',
  'lãnh đạo',
  'tiếp tục',
  'tăng cường',
  'kiểm tra',
  'giám sát',
  'báo cáo',
  'xây dựng',
  'ban hành',
  'tuyên truyền',
  'vận động',
  'quản lý',
  'rà soát',
  'chuẩn bị',
  'bảo đảm',
  'đảm bảo',
  'khẩn trương',
  'chủ động',
  'tập trung',
  'làm nòng cốt',
  'giúp',
  'cần',
  'phải',
  'duy trì',
  'cập nhật',
  'xử lý',
  'phát hiện',
  'đề xuất',
  'tổng hợp',
  'nghiên cứu',
  'hoàn thành',
  'bố trí',
  'cung cấp',
  'hỗ trợ',
  'điều phối',
  'tiếp nhận',
  'nâng cao',
  'đẩy mạnh',
  'quán triệt',
  'phát động',
  'trực tiếp',
  'nắm',
  'sắp xếp',
  'huy động',
  'kiểm soát',
  'ngăn chặn',
  'chấp hành',
  'tuân thủ',
  'xác định',
  'mở',
  'tuần tra',
  'phân bổ',
  'tập huấn',
  'lấy mẫu',
  'khoanh vùng',
  'phong tỏa',
  'đánh giá',
  'công bố',
  'định hướng',
  'thông tin',
  'vận chuyển',
  'ứng phó',
  'khắc phục',
  'từ',
  'tùy',
  'tuỳ',
  'kịp thời',
  'thường xuyên',
  'định kỳ',
  'không',
  'được',
  'sẽ',
  'đã',
  'đang',
  'là',
  'nhất là',
  'trước hết',
  'trong đó',
  'để',
  'nhằm',
  'theo',
  'tại',
  'về',
  'trong',
  'của',
  'cùng',
  'với',
  'nếu',
  'thì',
  'khi',
  'có',
  'quy định',
  'tích cực',
  'nghiêm túc',
  'rà',
  'lập',
  'trình',
  'gửi',
  'thông báo',
  'bổ sung',
  'chăm lo',
  'tiêm',
  'xét nghiệm',
  'cách ly',
  'điều tra',
  'truy vết',
  'giải quyết',
  'phổ biến',
  'thành lập',
  'kêu gọi',
  'mua sắm',
  'vừa',
  'sớm',
  'ngay',
  'luôn',
  'liên tục',
].map((p) => p.split(' '))

/** Multi-word stops whose folded form is unambiguous, so OCR text without diacritics still stops. */
export const FOLDED_STOPS = split([
  'chu tri',
  'phoi hop',
  'co trach nhiem',
  'chiu trach nhiem',
  'theo doi',
  'don doc',
  'trien khai',
  'thuc hien',
  'tham muu',
  'tang cuong',
  'khan truong',
  'lam nong cot',
  'chu dong',
  'tap trung',
  'truc tiep',
  'tiep tuc',
  'tuan thu',
  'truoc het',
  'nhat la',
  'chi dao',
])

/** Openers of an assignment sentence: "Giao …", "Đề nghị …", "Yêu cầu …" (folded: OCR drops marks). */
export const TRIGGERS = split(['giao cho', 'giao', 'de nghi', 'yeu cau', 'de xuat voi'])

/**
 * Syllables written in lowercase inside the names of bodies ("Sở Y tế", "Trung tâm Kiểm soát
 * bệnh tật", "Ủy ban nhân dân các xã, thị trấn"), from the registry's names and the official
 * naming of departments, offices and units. A name that opens with a body's head word ends before
 * the first lowercase word that is not one of these ("Phòng Nghiệp vụ Y | làm đầu mối"). Folded, so
 * OCR forms ("Giám đôc") still read.
 */
export const NAME_SYLLABLES = new Set(
  (
    'an ban bay binh biên biểu bàn báo bến bệnh bộ cao chiến chuyên chí chính chúng chăm chất chống chốt chủ chức chữa các cán có cơ cảng cấp của cửa ' +
    'dân dịch dục dựng gia giáo giới hiểm hiệp hoạch huy huyện hàng hành hình hóa hoá hệ học hội khoa khu khách khám không khẩu khỏe khoẻ kinh kiểm lý lượng lịch lực ' +
    'môn mạch nghiệp nghệ nguyên ngành nhân niên nông năng nữ pháp phát phòng phương phường phố quan quyền quốc soát sát sân sóc sản sở sức sự ' +
    'thanh thao thuật thuộc thành thôn thông thù thư thường thập thể thị thống tin tiện tra trang triển truyền trường trạm trận trị trực tuyến tuổi tàu tâm tính tư tạo tải tật tế tỉnh tịch tổ tộc tử ' +
    'viên viện và vũ vận về vệ vị vụ vực xã y án điều điện đoàn đơn đại đạo đảng đặc địa đỏ đồn đồng đội động ấp ủy uỷ ' +
    'trấn khóm liên ngoại nội tôn lao xuất doanh cá người đứng đầu thủ trưởng trẻ em mầm non tiểu toán kế thương mại nước sạch lợi thủy lâm thú ' +
    'cục đô lường sinh toàn phủ đốc phó tướng quân chỉ huy tổng bí hiệu sĩ tá thực phẩm môi nhi đa lưu động dự nhiễm phổi cộng sản hồ minh vi ấp giao đình số đảo biển giáp'
  )
    .split(' ')
    .map((w) => fold(w))
    // "lâm" (Kiểm lâm) folds like the verb "làm" ("Phòng Nghiệp vụ Y làm đầu mối").
    .filter((w) => w !== 'lam'),
)

/** Verbs after a subject that are enough to make a sentence outside the numbered items a task. */
export const STRONG_VERBS = split(['chủ trì', 'phối hợp', 'có trách nhiệm', 'chịu trách nhiệm', 'giúp', 'theo dõi', 'đôn đốc', 'tham mưu', 'cùng'])

/** Leading connectives that do not belong to the subject. */
export const CONNECTIVES = split(['đồng thời', 'đặc biệt', 'trong đó', 'ngoài ra', 'bên cạnh đó', 'mặt khác', 'trước mắt', 'sau đó'])
