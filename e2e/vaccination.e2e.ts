import { describe, expect, it } from 'vitest'
import { apiGet, browserForFile, login, newContext } from './helpers.ts'

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

  it('a commune records a dose on a person’s page from a phone and sees its coverage move, then deletes it', async () => {
    const context = await newContext(browser(), 390, 844)
    const page = await context.newPage()
    await login(page, 'rachgia')
    type Coverage = { communes: { code: string; coverage: { all: { atLeastOne: number } } }[] }
    const firstDoses = async () => (await apiGet<Coverage>(context, '/api/vaccination/coverage?unit=30742')).communes[0]!.coverage.all.atLeastOne
    // A resident of the commune, 18 or over, with no dose recorded yet.
    const { people } = await apiGet<{ people: { id: number; birthYear: number | null; fullName: string }[] }>(context, '/api/people?unitCode=30742&limit=200')
    let chosen: { id: number; fullName: string } | null = null
    for (const p of people.filter((p) => p.birthYear !== null && p.birthYear <= 2000)) {
      if ((await apiGet<{ items: unknown[] }>(context, `/api/vaccination/people/${p.id}/doses`)).items.length === 0) {
        chosen = p
        break
      }
    }
    expect(chosen).not.toBeNull()
    const before = await firstDoses()
    await page.goto(`/people/${chosen!.id}`)
    const section = page.getByTestId('person-doses')
    await expect.poll(() => section.textContent()).toContain('Chưa ghi mũi tiêm nào cho người này.')
    await section.getByLabel('Vắc xin').selectOption('pfizer')
    await section.getByLabel('Số lô').fill('PF-E2E-01')
    await section.getByRole('button', { name: 'Ghi mũi tiêm' }).click()
    await expect.poll(() => section.getByRole('status').textContent()).toMatch(/Đã ghi Mũi 1 ngày .*; người này có 1 mũi/)
    await expect.poll(() => section.getByTestId('person-dose').count()).toBe(1)
    expect(await section.getByTestId('person-dose').textContent()).toContain('PF-E2E-01')
    expect(await firstDoses()).toBe(before + 1)
    // Deleted as entered by mistake: the commune's count goes back.
    page.once('dialog', (d) => void d.accept())
    await section.getByRole('button', { name: 'Xóa' }).click()
    await expect.poll(() => section.getByTestId('person-dose').count()).toBe(0)
    expect(await firstDoses()).toBe(before)
    await context.close()
  })
})
