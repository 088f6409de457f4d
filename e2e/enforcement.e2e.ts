import { describe, expect, it } from 'vitest'
import { apiGet, browserForFile, login, newContext } from './helpers.ts'

describe('enforcement', () => {
  const browser = browserForFile()

  it('an inspection on a phone overrides the self-assessment on the public map, and its violation is followed up until closed', async () => {
    const context = await newContext(browser(), 390, 844)
    const page = await context.newPage()
    await login(page, 'rachgia')
    const list = await apiGet<{ items: { id: number; name: string; result: { source: string | null } | null }[] }>(context, '/api/safety/facilities?unitCode=30742&kind=market&limit=50')
    const f = list.items.find((x) => x.result?.source !== 'inspection') ?? list.items[0]!

    await page.goto(`/kiem-tra/co-so/${f.id}`)
    const form = page.getByRole('form', { name: 'Phiếu kiểm tra' })
    await form.getByLabel('Đoàn kiểm tra').fill('Tổ kiểm tra phường Rạch Giá')
    const selects = form.locator('select')
    const n = await selects.count()
    // Every checklist item answered with its last option; the last select is the sanction.
    for (let i = 0; i < n - 1; i++) {
      const options = await selects.nth(i).locator('option').count()
      await selects.nth(i).selectOption({ index: options - 1 })
    }
    await form.getByLabel('Xử lý vi phạm').selectOption('warning')
    await form.getByLabel('Hành vi vi phạm').fill('Tiểu thương không đeo khẩu trang.')
    await form.getByRole('button', { name: 'Ghi kết quả kiểm tra' }).click()
    await expect.poll(() => page.getByTestId('enf-result').textContent()).toContain('thay cho kết quả tự đánh giá')

    const shown = await apiGet<{ band: string | null }>(context, `/api/public/facilities/${f.id}`)
    const record = await apiGet<{ result: { band: string; source: string } }>(context, `/api/safety/facilities/${f.id}`)
    expect(record.result.source).toBe('inspection')
    expect(shown.band).toBe(record.result.band)

    await page.getByRole('link', { name: /Vi phạm #\d+/ }).click()
    await expect.poll(() => page.getByTestId('enf-status').textContent()).toBe('Đang theo dõi')
    const follow = page.getByRole('form', { name: 'Theo dõi khắc phục' })
    await follow.getByLabel('Nội dung').fill('Đã nhắc nhở, tiểu thương đã đeo khẩu trang.')
    await follow.getByLabel('Đã khắc phục, kết thúc theo dõi').check()
    await follow.getByRole('button', { name: 'Ghi theo dõi' }).click()
    await expect.poll(() => page.getByTestId('enf-status').textContent()).toBe('Đã khắc phục')
    await context.close()
  })
})
