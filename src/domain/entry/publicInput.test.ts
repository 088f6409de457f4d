import { describe, expect, it } from 'vitest'
import { abuseProblems, abusiveText } from './publicInput.ts'

describe('abusive text on the public forms', () => {
  it('lets ordinary Vietnamese, Khmer and addresses through', () => {
    for (const ok of ['Nguyễn Thị Hồng Nhung', 'Số 12/3 đường 3 Tháng 2, khu phố 4', 'សុខ ដារ៉ា', 'Bờ kênh Vĩnh Tế, gần cột mốc 313', 'Lê Văn A.']) expect(abusiveText(ok)).toBeNull()
  })
  it('names links, markup, control characters and endless repeats', () => {
    expect(abusiveText('xem http://a.b')).toContain('đường dẫn')
    expect(abusiveText('vào www.example.vn')).toContain('đường dẫn')
    expect(abusiveText('thuoc-re.com giá rẻ')).toContain('đường dẫn')
    expect(abusiveText('<b>x</b>')).toContain('HTML')
    expect(abusiveText('a\u0000b')).toContain('điều khiển')
    expect(abusiveText('abc\u202Edef')).toContain('điều khiển')
    expect(abusiveText('!!!!!!!!!!!!!!!!!!!!')).toContain('lặp lại')
    expect(abuseProblems({ fullName: 'http://x', note: 'ổn' }, { fullName: 'Họ và tên' })).toEqual(['Họ và tên: không được chứa đường dẫn (link).'])
  })
})
