import { describe, expect, it } from 'vitest'
import { browserForFile, login, newContext } from './helpers.ts'

describe('administrative units', () => {
  const browser = browserForFile()

  it('finds Rạch Giá without diacritics in both periods and shows how the ward was formed', async () => {
    const context = await newContext(browser())
    const page = await context.newPage()
    await login(page, 'admin')
    await page.goto('/units')
    await page.getByLabel('Tên hoặc mã đơn vị').fill('rach gia')
    await page.getByRole('button', { name: 'Tìm', exact: true }).click()
    const results = page.getByTestId('unit-search-results')
    await results.waitFor()
    const ward = results.locator('tbody tr', { hasText: 'Phường Rạch Giá' })
    const city = results.locator('tbody tr', { hasText: 'Thành phố Rạch Giá' })
    expect(await ward.textContent()).toContain('Hiện hành')
    expect(await city.textContent()).toContain('trước 01/07/2025')

    await city.getByRole('link', { name: 'Thành phố Rạch Giá' }).click()
    await page.waitForURL(/\/units\/899\?at=2025-06-30$/)
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('Thành phố Rạch Giá')
    await page.goBack()

    await page.getByTestId('unit-search-results').getByRole('link', { name: 'Phường Rạch Giá' }).click()
    await page.waitForURL(/\/units\/30742$/)
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('Phường Rạch Giá')
    const history = page.getByRole('region', { name: 'Lịch sử sắp xếp' })
    await history.waitFor()
    const text = await history.textContent()
    expect(text).toContain('Hình thành từ')
    expect(text).toContain('Phường Vĩnh Thanh Vân')
    expect(text).toContain('toàn bộ')

    // The same code before the reorganisation is the old ward, which merged into the new one.
    await history.getByRole('link', { name: 'Phường Vĩnh Thanh Vân' }).click()
    await page.waitForURL(/\/units\/30742\?at=2025-06-30$/)
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('Phường Vĩnh Thanh Vân')
    await expect.poll(() => page.locator('main').textContent()).toContain('Đã sáp nhập vào')
    await context.close()
  })

  it('lets the Rạch Giá commune officer add a hamlet and lists it', async () => {
    const context = await newContext(browser())
    const page = await context.newPage()
    await login(page, 'rachgia')
    await page.goto('/units/30742')
    const form = page.getByRole('region', { name: 'Thêm ấp, khóm, thôn, khu phố, tổ' })
    await form.waitFor()
    const name = `Khu phố Kiểm Thử ${Date.now() % 100000}`
    await form.getByLabel('Tên').fill(name)
    await form.getByLabel('Loại').selectOption('khu_pho')
    await form.getByRole('button', { name: 'Thêm' }).click()
    await expect.poll(() => form.getByRole('status').textContent()).toContain(`Đã thêm ${name}`)
    const children = page.getByTestId('unit-children')
    await expect.poll(() => children.getByRole('link', { name }).count()).toBe(1)
    await context.close()
  })
})
