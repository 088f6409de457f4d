import { describe, expect, it } from 'vitest'
import { browserForFile, login, newContext } from './helpers.ts'

describe('vaccination', () => {
  const browser = browserForFile()

  it('a commune enters its day of doses; the province sees 2021’s coverage with the communes behind highlighted', async () => {
    const commune = await newContext(browser())
    const page = await commune.newPage()
    await login(page, 'rachgia')
    await page.getByRole('navigation').getByRole('link', { name: 'Nhập số mũi tiêm' }).click()
    await page.getByLabel('Vắc xin 1', { exact: true }).selectOption('pfizer')
    await page.getByLabel('Nhóm tuổi 1', { exact: true }).selectOption('65+')
    await page.getByLabel('Mũi 1', { exact: true }).selectOption('booster')
    await page.getByLabel('Số mũi 1', { exact: true }).fill('42')
    await page.getByRole('button', { name: 'Lưu số mũi tiêm' }).click()
    await expect.poll(() => page.getByRole('status').first().textContent()).toMatch(/Đã lưu số mũi tiêm của .*1 dòng mới, 0 dòng sửa/)
    await commune.close()

    const province = await newContext(browser())
    const view = await province.newPage()
    await login(view, 'bcd')
    await view.goto(new URL('/tiem-chung?unit=91&date=2021-12-31', view.url()).href)
    const table = view.getByTestId('vac-coverage')
    await expect.poll(() => table.locator('tbody tr').count()).toBeGreaterThan(90)
    await expect.poll(() => view.getByRole('heading', { name: 'Người từ 18 tuổi tiêm đủ 2 mũi' }).count()).toBe(1)
    const behind = await table.locator('tbody tr[data-behind]').count()
    expect(behind).toBeGreaterThan(0)
    expect(behind).toBeLessThan(30)
    expect(await table.locator('tbody tr[data-behind] .vac-status').first().textContent()).toBe('Quá hạn, chưa đạt')
    const text = (await view.locator('main').textContent()) ?? ''
    expect(text).not.toMatch(/undefined|NaN|Error/)
    await province.close()
  })
})
