import { describe, expect, it } from 'vitest'
import { LEVEL_COLOURS } from '../src/domain/safety/checklist.ts'
import { apiGet, browserForFile, login, newContext } from './helpers.ts'

/** A name no demo facility bears. */
const tag = Date.now().toString(36).slice(-5).toUpperCase()

describe('safety', () => {
  const browser = browserForFile()

  it('a hotel fills its self-assessment on a phone and appears on the public map in its colour', async () => {
    // The commune officer of Phú Quốc registers the hotel and reads its form link.
    const office = await newContext(browser())
    const officer = await office.newPage()
    await login(officer, 'phuquoc')
    await officer.goto('/an-toan')
    const name = `Khách sạn Sóng Xanh ${tag}`
    await officer.getByLabel(/^Tên cơ sở/).fill(name)
    await officer.getByLabel('Loại cơ sở', { exact: true }).last().selectOption('hotel')
    await officer.getByLabel(/^Mã xã, phường/).fill('31078')
    await officer.getByLabel('Địa chỉ', { exact: true }).fill(`${tag} Trần Hưng Đạo, Dương Đông`)
    await officer.getByLabel('Kinh độ', { exact: true }).fill('103.9612')
    await officer.getByLabel('Vĩ độ', { exact: true }).fill('10.2178')
    await officer.getByLabel('Người đứng đầu', { exact: true }).fill('Lý Văn Chủ')
    await officer.getByLabel('Điện thoại người đứng đầu', { exact: true }).fill('0912345678')
    await officer.getByRole('button', { name: 'Đăng ký', exact: true }).click()
    await expect.poll(() => officer.getByRole('heading', { level: 1 }).textContent()).toBe(name)
    const formPath = (await officer.getByTestId('safety-form-link').getAttribute('href')) ?? ''
    expect(formPath).toMatch(/^\/an-toan\/[A-Za-z0-9_-]{20,}$/)

    // On a phone: the hotel answers every item, the score shows as it goes.
    const phone = await newContext(browser(), 390, 844)
    const page = await phone.newPage()
    await page.goto(formPath)
    await expect.poll(() => page.getByTestId('safety-facility').textContent()).toBe(name)
    const items = page.locator('fieldset[data-item]')
    const n = await items.count()
    expect(n).toBeGreaterThanOrEqual(10)
    await items.nth(0).locator('input[type=radio]').first().check()
    await expect.poll(() => page.getByTestId('safety-live-score').textContent()).toContain(`còn ${n - 1} tiêu chí chưa trả lời`)
    for (let i = 1; i < n; i++) await items.nth(i).locator('input[type=radio]').first().check()
    await expect.poll(() => page.getByTestId('safety-live-score').textContent()).toContain('An toàn')

    // The contact is verified by a code the commune officer sees (never in the form's answer).
    await page.getByLabel('Số điện thoại hoặc thư điện tử').fill('0987 000 111')
    await page.getByRole('button', { name: 'Gửi mã xác nhận' }).click()
    await page.getByText('Đã gửi mã tới').waitFor()
    const notes = await apiGet<{ items: { kind: string; title: string; body: string | null }[] }>(office, '/api/notifications')
    const note = notes.items.find((x) => x.kind === 'safety.code' && x.title.endsWith(name))
    const code = /Mã (\d{6})/.exec(note?.body ?? '')?.[1] ?? ''
    expect(code).toMatch(/^\d{6}$/)
    await page.getByLabel('Mã xác nhận').fill(code)
    await page.getByRole('button', { name: 'Xác nhận', exact: true }).click()
    await page.getByTestId('safety-verified').waitFor()
    await page.getByLabel('Tên người điền (không bắt buộc)').fill('Lễ tân')
    await page.getByTestId('safety-submit').click()
    const result = page.getByTestId('safety-result')
    await result.waitFor()
    expect(await result.textContent()).toContain('An toàn')
    expect(await result.locator('[data-band]').getAttribute('data-band')).toBe('safe')

    // The public map, on the phone and without login, shows it in the colour of its band.
    await page.goto(`/cong-khai/an-toan?unit=31078&q=${encodeURIComponent(tag)}`)
    const list = page.getByTestId('safety-public-list')
    const row = list.locator('tbody tr', { hasText: name })
    await row.waitFor()
    expect(await row.locator('[data-band]').getAttribute('data-band')).toBe('safe')
    const colour = await row.locator('[data-band]').evaluate((el) => getComputedStyle(el).backgroundColor)
    expect(colour).toBe('rgb(26, 152, 80)')
    await page.waitForFunction(() => window.__phongdichMap?.getLayer('facilities-points') !== undefined)
    const onMap = await page.evaluate((wanted) => {
      const map = window.__phongdichMap!
      const data = (map.getSource('facilities') as unknown as { serialize(): { data: { features: { properties: { name: string; level: number } }[] } } }).serialize().data
      const feature = data.features.find((f) => f.properties.name === wanted)
      const paint = map.getPaintProperty('facilities-points', 'circle-color') as unknown[]
      const i = paint.indexOf(feature?.properties.level ?? -1)
      return { level: feature?.properties.level, colour: i > 0 ? paint[i + 1] : null }
    }, name)
    expect(onMap).toEqual({ level: 1, colour: LEVEL_COLOURS[0] })
    // Nothing personal on the public page.
    expect(await page.content()).not.toContain('Lý Văn Chủ')
    expect(await page.content()).not.toContain('0912345678')

    await phone.close()
    await office.close()
  })

  it('the province edits a checklist from the web into a new version', async () => {
    const context = await newContext(browser())
    const page = await context.newPage()
    await login(page, 'soyte')
    await page.goto('/an-toan/bo-tieu-chi')
    await page.getByRole('button', { name: /Bộ tiêu chí an toàn COVID-19 cho cơ sở lưu trú/ }).click()
    const editor = page.locator('form.safety-editor')
    await editor.waitFor()
    // The first band ("An toàn" from 80%) now needs 85%; an empty reason keeps the button off.
    await editor.getByLabel('từ (≥)').first().fill('85')
    await expect.poll(() => editor.getByRole('button', { name: 'Lưu phiên bản mới' }).isDisabled()).toBe(true)
    await editor.getByLabel('Lý do sửa (văn bản căn cứ)').fill(`Quyết định mẫu ${tag} của tỉnh`)
    await editor.getByRole('button', { name: 'Lưu phiên bản mới' }).click()
    const list = await apiGet<{ key: string; version: number; owner: string | null; reason: string | null; method: { bands: { min?: number }[] } }[]>(context, '/api/safety/checklists')
    await expect
      .poll(async () => (await apiGet<typeof list>(context, '/api/safety/checklists')).find((c) => c.key === 'luu-tru-du-lich' && c.owner !== null)?.reason)
      .toBe(`Quyết định mẫu ${tag} của tỉnh`)
    const own = (await apiGet<typeof list>(context, '/api/safety/checklists')).find((c) => c.key === 'luu-tru-du-lich' && c.owner !== null)!
    expect(own.version).toBeGreaterThanOrEqual(2)
    expect(own.method.bands[0]!.min).toBe(85)
    await context.close()
  })
})
