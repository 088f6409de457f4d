import { describe, expect, it } from 'vitest'
import { browserForFile, login, newContext, vnDay, vnFormat } from './helpers.ts'

/** Names no demo record bears. */
const tag = Date.now().toString(36).slice(-5).toUpperCase()

describe('events', () => {
  const browser = browserForFile()

  it('an event with guests from abroad is submitted, advised by the health authority and approved with conditions', async () => {
    const title = `Hội nghị xúc tiến du lịch ${tag}`
    const startsOn = vnDay(20)

    // The commune registers it; the rules that will apply show before saving.
    const commune = await newContext(browser())
    const page = await commune.newPage()
    await login(page, 'rachgia')
    await page.getByRole('navigation').getByRole('link', { name: 'Sự kiện, tụ tập đông người' }).click()
    await page.getByRole('button', { name: 'Đăng ký sự kiện' }).click()
    const form = page.getByRole('form', { name: 'Đăng ký sự kiện' })
    await form.getByLabel('Tên sự kiện').fill(title)
    await form.getByLabel('Đơn vị, người tổ chức').fill('Công ty Du lịch Biển Tây')
    await form.getByLabel('Người liên hệ').fill('Nguyễn Thị Hồng')
    await form.getByLabel('Số điện thoại liên hệ').fill('0918123456')
    await form.getByLabel(/^Địa điểm/).fill('Trung tâm Hội nghị tỉnh')
    await form.getByLabel('Ngày bắt đầu').fill(vnFormat(startsOn))
    await form.getByLabel('Giờ bắt đầu (HH:MM)').fill('08:00')
    await form.getByLabel('Số người dự kiến').fill('20')
    await form.getByLabel('Số khách từ nước ngoài').fill('6')
    await form.getByLabel(/Khách đến từ nước/).fill('KR, JP')
    await expect.poll(() => form.getByTestId('ev-assessment').textContent()).toContain('Cần ý kiến của cơ quan y tế')
    await form.getByRole('button', { name: 'Lưu đăng ký' }).click()
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe(title)
    await expect.poll(() => page.getByTestId('ev-status').textContent()).toBe('Đã đăng ký')
    const eventUrl = new URL(page.url()).pathname

    // Advice is asked; no decision can be taken until it is given.
    await page.getByRole('button', { name: 'Gửi xin ý kiến y tế' }).click()
    await expect.poll(() => page.getByTestId('ev-status').textContent()).toBe('Đang xin ý kiến y tế')
    expect(await page.getByRole('form', { name: 'Quyết định' }).count()).toBe(0)

    // The health authority gives its advice.
    const health = await newContext(browser())
    const cdc = await health.newPage()
    await login(cdc, 'cdc')
    await cdc.goto(eventUrl)
    const advice = cdc.getByRole('form', { name: 'Ý kiến của cơ quan y tế' })
    await advice.getByLabel('Ý kiến').fill('Khách nước ngoài xuất trình kết quả xét nghiệm âm tính trong 72 giờ; bố trí phòng cách ly tạm thời.')
    await advice.getByRole('button', { name: 'Ghi ý kiến y tế' }).click()
    await expect.poll(() => cdc.getByTestId('ev-status').textContent()).toBe('Đã có ý kiến y tế')
    await health.close()

    // The commune approves with conditions and prints the reply.
    await page.reload()
    await expect.poll(() => page.getByTestId('ev-advice').textContent()).toContain('72 giờ')
    const decision = page.getByRole('form', { name: 'Quyết định' })
    await decision.getByLabel(/^Quyết định/).selectOption('approved_with_conditions')
    await decision.getByLabel('Điều kiện (mỗi dòng một điều kiện)').fill('Không quá 20 người.\nKhách nước ngoài có kết quả xét nghiệm âm tính trong 72 giờ.')
    await decision.getByRole('button', { name: 'Ghi quyết định' }).click()
    await expect.poll(() => page.getByTestId('ev-status').textContent()).toBe('Đồng ý có điều kiện')
    await expect.poll(() => page.getByTestId('ev-decision').textContent()).toMatch(/Đồng ý có điều kiện — Số văn bản \d+\/UBND-SK/)
    const download = page.waitForEvent('download')
    await page.getByRole('link', { name: 'Văn bản trả lời (.docx)' }).click()
    expect((await download).suggestedFilename()).toMatch(/^tra-loi-su-kien-\d+\.docx$/)

    // It is in the commune's calendar.
    await page.getByRole('link', { name: /Lịch sự kiện/ }).click()
    await expect.poll(() => page.getByTestId('ev-calendar').textContent()).toContain(title)
    // And on the month's wall calendar, on its own day.
    await page.getByRole('button', { name: 'Lịch tháng' }).click()
    await expect.poll(() => page.getByTestId('ev-month').count()).toBe(1)
    if (startsOn.slice(0, 7) !== vnDay(0).slice(0, 7)) await page.getByRole('button', { name: 'Tháng sau ›' }).click()
    await expect.poll(() => page.getByRole('heading', { level: 2, name: /^Tháng / }).textContent()).toBe(`Tháng ${startsOn.slice(5, 7)}/${startsOn.slice(0, 4)}`)
    await expect.poll(() => page.getByTestId('ev-month').locator(`td[data-day="${startsOn}"]`).textContent()).toContain(title)
    await commune.close()
  })

  it('the province’s rules per level are shown with their sources, its high-risk countries listed, and edited into a new dated set', async () => {
    const context = await newContext(browser())
    const page = await context.newPage()
    await login(page, 'cdc')
    await page.goto('/su-kien/quy-dinh')
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('Quy định tổ chức sự kiện theo cấp độ dịch')
    // The demo province's own list, in force, with its source and mark.
    await expect.poll(() => page.getByTestId('ev-high-risk').textContent()).toContain('Campuchia')
    expect(await page.getByTestId('ev-rules-view').textContent()).toContain('chưa kiểm chứng')

    await page.getByRole('button', { name: 'Lập bộ quy định mới của tỉnh từ bộ này' }).click()
    const form = page.getByRole('form', { name: 'Bộ quy định mới của tỉnh' })
    // A day of its own far ahead, so that the journey can run again on the same data.
    const from = vnDay(400 + (Number.parseInt(tag, 36) % 2000))
    await form.getByLabel('Áp dụng từ ngày').fill(vnFormat(from))
    await form.getByLabel('Lý do, văn bản của tỉnh').fill(`Công văn ${tag}/SYT của Sở Y tế`)
    await form.getByLabel(/^Mã nước có nguy cơ cao/).fill('KH, IN')
    const level2 = form.getByRole('group', { name: 'Cấp độ 2, trong nhà' })
    await level2.getByLabel('Tối đa (người; để trống: không giới hạn)').fill('80')
    await form.getByRole('button', { name: 'Lưu bộ quy định' }).click()
    await expect.poll(() => page.getByTestId('ev-rules-saved').textContent()).toContain(`áp dụng từ ${vnFormat(from)}`)
    const sets = page.getByTestId('ev-rule-sets')
    await expect.poll(() => sets.textContent()).toContain(`Công văn ${tag}/SYT`)
    await sets.getByRole('row', { name: new RegExp(`Công văn ${tag}/SYT`) }).getByRole('button', { name: 'Xem' }).click()
    await expect.poll(() => page.getByTestId('ev-high-risk').textContent()).toContain('Ấn Độ')
    expect(await page.getByTestId('ev-rules-view').textContent()).toContain('80')
    await context.close()
  })
})
