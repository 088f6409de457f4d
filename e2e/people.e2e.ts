import { describe, expect, it } from 'vitest'
import { apiGet, browserForFile, login, newContext } from './helpers.ts'

describe('people', () => {
  const browser = browserForFile()

  it('shows a likely duplicate before saving, opens it as the same person or saves a different one', async () => {
    const context = await newContext(browser())
    const page = await context.newPage()
    await login(page, 'rachgia')
    const fill = async () => {
      await page.goto('/people/new')
      await page.getByLabel('Họ và tên').fill('nguyễn thị thu HÀ')
      await page.getByLabel('Năm sinh', { exact: true }).fill('1988')
      await page.getByLabel('Số điện thoại').fill('0913555201')
      await page.getByRole('button', { name: 'Lưu', exact: true }).click()
    }
    // The demo holds this resident twice already: both are shown, nothing is saved yet.
    await fill()
    const candidates = page.getByTestId('duplicate-candidates')
    await expect.poll(() => candidates.textContent()).toContain('Nguyễn Thị Thu Hà')
    expect(await candidates.textContent()).toContain('cùng số điện thoại')
    expect(page.url()).toMatch(/\/people\/new$/)
    // "The same person": their record opens.
    await candidates.getByRole('link', { name: 'Đúng là người này — mở hồ sơ' }).first().click()
    await page.waitForURL(/\/people\/\d+$/)
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toMatch(/Nguy(ễn|en) Th(ị|i) Thu H(à|a)/i)
    // "A different person": saved as new.
    await fill()
    await page.getByRole('button', { name: 'Là người khác — vẫn lưu' }).click()
    await page.waitForURL(/\/people\/\d+$/)
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('nguyễn thị thu HÀ')
    await context.close()
  })

  it('merges a record entered twice into the other and undoes the merge', async () => {
    const context = await newContext(browser())
    const page = await context.newPage()
    await login(page, 'rachgia')
    // Phú Quốc's pair is not Rạch Giá's to see.
    const { people } = await apiGet<{ people: { id: number }[] }>(context, '/api/people?q=tran%20phuoc&limit=50')
    expect(people).toEqual([])
    const found = await apiGet<{ people: { id: number; fullName: string }[] }>(context, `/api/people?q=${encodeURIComponent('nguyen thi thu ha')}&limit=50`)
    const kept = found.people.find((p) => p.fullName === 'Nguyễn Thị Thu Hà')!
    const twin = found.people.find((p) => p.fullName === 'Nguyen Thi Thu Ha')!
    await page.goto(`/people/${kept.id}`)
    await page.getByLabel('Mã hồ sơ cần gộp vào đây').fill(String(twin.id))
    await page.getByRole('button', { name: 'Gộp vào hồ sơ này' }).click()
    await expect.poll(() => page.locator('main').textContent()).toContain(`Đã gộp hồ sơ #${twin.id} vào hồ sơ này`)
    expect((await context.request.get(`/api/people/${twin.id}`)).status()).toBe(404)
    await page.getByRole('button', { name: 'Hoàn tác lần gộp' }).click()
    await expect.poll(() => page.locator('main').textContent()).toContain(`Đã hoàn tác: hồ sơ #${twin.id} đã được khôi phục.`)
    expect((await context.request.get(`/api/people/${twin.id}`)).status()).toBe(200)
    await context.close()
  })
})
