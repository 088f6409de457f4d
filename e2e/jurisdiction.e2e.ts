import { describe, expect, it } from 'vitest'
import { apiGet, browserForFile, login, newContext } from './helpers.ts'

describe('jurisdiction', () => {
  const browser = browserForFile()

  it('keeps a Phú Quốc officer out of a Rạch Giá resident record and the Rạch Giá hamlet form', async () => {
    const admin = await newContext(browser())
    await login(await admin.newPage(), 'admin')
    const { people } = await apiGet<{ people: { id: number; fullName: string; unitCode: string }[] }>(admin, '/api/people?unitCode=30742&limit=1')
    const resident = people[0]
    expect(resident?.unitCode).toMatch(/^30742(\.|$)/) // the ward or one of its quarters
    await admin.close()

    const context = await newContext(browser())
    const page = await context.newPage()
    await login(page, 'phuquoc')
    await page.goto(`/people/${resident!.id}`)
    await expect.poll(() => page.getByTestId('person-denied').textContent()).toContain('Không tìm thấy hoặc bạn không có quyền xem hồ sơ này.')
    expect(await page.locator('main').textContent()).not.toContain(resident!.fullName)

    // Control: the officer does get the form in their own special zone.
    const formHeading = page.getByRole('heading', { name: 'Thêm ấp, khóm, thôn, khu phố, tổ' })
    await page.goto('/units/31078')
    await formHeading.waitFor()

    await page.goto('/units/30742')
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('Phường Rạch Giá')
    await page.getByRole('heading', { name: 'Lịch sử sắp xếp' }).waitFor()
    await page.waitForLoadState('networkidle')
    expect(await formHeading.count()).toBe(0)
    await context.close()
  })
})
