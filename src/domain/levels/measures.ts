import type { Confidence, Level } from './ruleset.ts'

/**
 * The measures that go with each level, in Resolution 128/NQ-CP's broad lines: what may operate,
 * gatherings, schools, transport. The four levels and that measures scale with them are from
 * secondary sources; the wording per level is a summary to be checked against the resolution and
 * the province's own decisions (unverified), which add their details.
 */
export interface Measure {
  area: 'activities' | 'gatherings' | 'schools' | 'transport' | 'general'
  text: string
  confidence: Confidence
}

export const MEASURE_AREAS: Record<Measure['area'], string> = {
  general: 'Chung',
  activities: 'Hoạt động sản xuất, kinh doanh, dịch vụ',
  gatherings: 'Tụ tập, sự kiện đông người',
  schools: 'Trường học',
  transport: 'Giao thông, đi lại',
}

export const MEASURES_SOURCE = 'Nghị quyết 128/NQ-CP ngày 11/10/2021 (Quy định tạm thời "Thích ứng an toàn, linh hoạt, kiểm soát hiệu quả dịch COVID-19")'

export const MEASURES: Record<Level, Measure[]> = {
  1: [
    { area: 'general', text: 'Thực hiện 5K; bình thường mới.', confidence: 'secondary' },
    { area: 'activities', text: 'Các hoạt động sản xuất, kinh doanh, dịch vụ được hoạt động, bảo đảm biện pháp phòng dịch.', confidence: 'unverified' },
    { area: 'gatherings', text: 'Được tổ chức sự kiện, hội họp đông người, thực hiện biện pháp phòng dịch.', confidence: 'unverified' },
    { area: 'schools', text: 'Dạy học trực tiếp.', confidence: 'unverified' },
    { area: 'transport', text: 'Giao thông công cộng, đi lại nội tỉnh và liên tỉnh hoạt động bình thường, có biện pháp phòng dịch.', confidence: 'unverified' },
  ],
  2: [
    { area: 'general', text: 'Thực hiện 5K; tăng cường giám sát, truy vết.', confidence: 'secondary' },
    { area: 'activities', text: 'Hầu hết hoạt động được phép; một số dịch vụ nguy cơ cao (karaoke, quán bar, vũ trường…) hạn chế theo quyết định của tỉnh.', confidence: 'unverified' },
    { area: 'gatherings', text: 'Hạn chế số người tụ tập trong nhà và ngoài trời theo quy định của tỉnh.', confidence: 'unverified' },
    { area: 'schools', text: 'Dạy học trực tiếp, có thể kết hợp trực tuyến theo quyết định của địa phương.', confidence: 'unverified' },
    { area: 'transport', text: 'Hoạt động; có thể giảm công suất phương tiện công cộng.', confidence: 'unverified' },
  ],
  3: [
    { area: 'general', text: 'Thực hiện 5K; hạn chế ra khỏi nhà khi không cần thiết.', confidence: 'unverified' },
    { area: 'activities', text: 'Chỉ cơ sở bảo đảm an toàn phòng dịch được hoạt động; dừng nhiều dịch vụ không thiết yếu.', confidence: 'unverified' },
    { area: 'gatherings', text: 'Hạn chế chặt chẽ số người tụ tập; dừng sự kiện đông người.', confidence: 'unverified' },
    { area: 'schools', text: 'Chủ yếu dạy học trực tuyến.', confidence: 'unverified' },
    { area: 'transport', text: 'Hạn chế; giảm mạnh công suất phương tiện công cộng, kiểm soát đi lại.', confidence: 'unverified' },
  ],
  4: [
    { area: 'general', text: 'Người dân ở tại chỗ, chỉ ra ngoài khi thật cần thiết.', confidence: 'unverified' },
    { area: 'activities', text: 'Chỉ hoạt động thiết yếu (lương thực, thực phẩm, thuốc, y tế…).', confidence: 'unverified' },
    { area: 'gatherings', text: 'Không tụ tập nơi công cộng ngoài số người tỉnh quy định.', confidence: 'unverified' },
    { area: 'schools', text: 'Dạy học trực tuyến.', confidence: 'unverified' },
    { area: 'transport', text: 'Hạn chế tối đa; chỉ phương tiện phục vụ hoạt động thiết yếu.', confidence: 'unverified' },
  ],
}

/** Where the public page shows a level's measures. */
export function measuresUrl(level: number): string {
  return `/cong-khai/cap-do/bien-phap#cap-${level}`
}
