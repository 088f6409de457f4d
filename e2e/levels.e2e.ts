import { describe, expect, it } from 'vitest'
import { weekOf } from '../src/domain/levels/weeks.ts'
import { browserForFile, login, newContext, vnDay } from './helpers.ts'

const RG = 'Phường Rạch Giá'

describe('epidemic levels', () => {
  const browser = browserForFile()

  it('assesses the week, tries a what-if, overrides with a reason, publishes, and the public page shows the new colour', async () => {
    const context = await newContext(browser())
    const page = await context.newPage()
    await login(page, 'bcd')
    const week = weekOf(vnDay())
    await page.goto(`/levels?unit=91&week=${week}`)
    await page.getByRole('heading', { name: new RegExp(`tuần ${week}`) }).waitFor()
    // The rule set in force is named with its unverified marks.
    expect(await page.getByText('chưa kiểm chứng').first().isVisible()).toBe(true)

    // This week's figures from the data: cases from surveillance, coverage from the vaccination figures, each indicator naming its source.
    await page.getByRole('button', { name: 'Tính từ dữ liệu (giám sát, điều trị, tiêm chủng)' }).click()
    await page.getByText(/Đã tính \d+ xã/).waitFor()
    const table = page.getByTestId('levels-table')
    const row = table.locator('tr', { hasText: RG })
    await expect.poll(() => row.textContent()).toMatch(/Ca mắc mới\/100\.000 dân\/tuần/)
    expect(await row.locator('[data-source="surveillance"]').first().textContent()).toBe('giám sát')
    expect(await row.locator('[data-source="vaccination"]').count()).toBeGreaterThan(0)

    // What if Rạch Giá had a thousand cases this week: the level moves, nothing is saved.
    await page.getByRole('button', { name: `Thử thay đổi số liệu của ${RG}` }).click()
    const panel = page.getByRole('region', { name: new RegExp(`Thử thay đổi: ${RG}`) })
    await panel.getByLabel('Ca mắc mới trên địa bàn (7 ngày)').fill('20000')
    await expect.poll(() => panel.getByTestId('whatif-result').textContent()).toMatch(/Cấp [34]/)
    await panel.getByRole('button', { name: 'Đóng' }).click()

    // The steering committee raises Rạch Giá to red, with its reason.
    await page.getByRole('button', { name: `Điều chỉnh cấp độ của ${RG}` }).click()
    const override = page.getByRole('region', { name: `Điều chỉnh cấp độ của ${RG}` })
    await override.getByLabel('Cấp độ Ban Chỉ đạo quyết định').selectOption('4')
    await override.getByLabel('Lý do').fill('Chùm ca tại chợ Rạch Giá chưa rõ nguồn lây')
    await override.getByRole('button', { name: 'Lưu điều chỉnh' }).click()
    await expect.poll(() => row.textContent()).toContain('Chùm ca tại chợ Rạch Giá chưa rõ nguồn lây')
    expect(await row.locator('[data-level]').first().getAttribute('data-level')).toBe('4')

    // Published from today (the notice reminds of the 48 hours).
    await page.getByRole('button', { name: 'Công bố cấp độ tuần này' }).click()
    await page.getByText(/Đã công bố \d+ xã.*48 giờ/).waitFor()
    await expect.poll(() => row.textContent()).toContain('Đã công bố')
    // Its history: this week's red on top, with the committee's reason, then the demo's published weeks of 2021–2022.
    await page.getByRole('button', { name: `Lịch sử cấp độ của ${RG}` }).click()
    const history = page.getByRole('region', { name: `Lịch sử cấp độ đã công bố: ${RG}` })
    await expect.poll(() => history.locator('tbody tr').first().textContent()).toContain('Chùm ca tại chợ Rạch Giá chưa rõ nguồn lây')
    expect(await history.locator('tbody tr').count()).toBeGreaterThan(40)

    // The public page, without a session: Rạch Giá in red in the table and on the map.
    const anonymous = await newContext(browser())
    const pub = await anonymous.newPage()
    await pub.goto('/cong-khai/cap-do')
    await pub.getByRole('heading', { name: 'Cấp độ dịch COVID-19' }).waitFor()
    const publicRow = pub.getByTestId('public-levels').locator('tr', { hasText: RG })
    await expect.poll(() => publicRow.locator('[data-level]').getAttribute('data-level')).toBe('4')
    // Found by its name before the 2025 reform too (phường Vĩnh Thanh of the former city of Rạch Giá).
    await pub.getByLabel('Tìm xã, phường').fill('vinh thanh')
    await expect.poll(() => publicRow.textContent()).toContain('Vĩnh Thanh (')
    expect(await publicRow.locator('[data-level]').getAttribute('data-level')).toBe('4')
    expect(await publicRow.textContent()).toContain('Xem biện pháp')
    await pub.waitForFunction(() => window.__phongdichMap?.getSource('levels') !== undefined && window.__phongdichMap.loaded())
    const mapLevel = await pub.evaluate(() => {
      const f = window.__phongdichMap!.querySourceFeatures('levels').find((x) => x.properties?.code === '30742')
      return f?.properties?.level
    })
    expect(mapLevel).toBe(4)
    // Nothing personal: the public answer has only units and levels.
    const body = await (await anonymous.request.get('/api/public/levels?unit=91')).json()
    for (const c of body) expect(Object.keys(c).sort()).toEqual(['code', 'level', 'measuresUrl', 'name', 'since'])
    expect(await pub.locator('body').textContent()).not.toMatch(/CCCD|\b\d{12}\b|điện thoại/i)
    await pub.getByRole('link', { name: 'Xem biện pháp' }).first().click()
    await pub.getByRole('heading', { name: 'Biện pháp phòng, chống dịch theo cấp độ' }).waitFor()
    await anonymous.close()
    await context.close()
  })
})
