import type { BrowserContext, Page } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import { apiGet, browserForFile, login, newContext, vnDay, vnFormat } from './helpers.ts'

/** Names no demo record bears. */
const tag = Date.now().toString(36).slice(-5).toUpperCase()

/** A JSON POST with the browser context's session and its CSRF token. */
async function apiPost<T>(context: BrowserContext, path: string, data: unknown): Promise<T> {
  const { csrfToken } = await apiGet<{ csrfToken: string }>(context, '/api/auth/me')
  const res = await context.request.post(path, { data, headers: { 'x-csrf-token': csrfToken } })
  if (!res.ok()) throw new Error(`POST ${path}: ${res.status()} ${await res.text()}`)
  return (await res.json()) as T
}

interface Point {
  x: number
  y: number
}

/** The drawing map, scrolled into view and loaded; answers a function giving page coordinates from offsets to its centre. */
async function drawingMap(page: Page): Promise<(dx: number, dy: number) => Point> {
  const canvas = page.locator('[data-testid=zone-draw-map] canvas.maplibregl-canvas')
  await canvas.scrollIntoViewIfNeeded()
  await page.waitForFunction(() => {
    const map = window.__phongdichMap
    return !!map && !!map.getSource('draw-vertices') && map.loaded()
  })
  const box = (await canvas.boundingBox())!
  return (dx, dy) => ({ x: box.x + box.width / 2 + dx, y: box.y + box.height / 2 + dy })
}

async function zonesMapLoaded(page: Page): Promise<void> {
  await page.waitForFunction(() => {
    const map = window.__phongdichMap
    return !!map && !!map.getSource('zones') && map.isSourceLoaded('zones') && map.loaded()
  })
}

async function clickAll(page: Page, points: Point[]): Promise<void> {
  for (const p of points) {
    await page.mouse.click(p.x, p.y)
    // Apart, so two clicks are never read as a double click.
    await page.waitForTimeout(350)
  }
}

describe('surveillance areas', () => {
  const browser = browserForFile()

  it('draws a zone on the map, is told why a too large or self-crossing one is refused, and sees the saved zone on the map and in the list', async () => {
    const context = await newContext(browser())
    const page = await context.newPage()
    await login(page, 'cdc')
    await page.getByRole('navigation').getByRole('link', { name: 'Vùng khoanh, phong tỏa' }).click()
    // The zones map first: the drawing map opened after it is the one the page names for the tests.
    await zonesMapLoaded(page)
    await page.getByRole('button', { name: 'Tạo vùng mới' }).click()
    const form = page.getByRole('form', { name: 'Tạo vùng khoanh, phong tỏa' })
    const zoneName = `Phong tỏa thử ${tag}`
    await form.getByLabel('Tên vùng').fill(zoneName)
    await form.getByLabel('Loại vùng').selectOption('lockdown')
    await form.getByLabel('Số quyết định').fill(`${tag}/QĐ-UBND`)
    await form.getByLabel('Biện pháp').fill('Không ra, không vào; chốt kiểm soát 24/24.')
    const status = form.getByTestId('zone-draw-status')
    const geojson = form.getByLabel(/GeoJSON kiểu Polygon/)

    // Across most of the province: refused as soon as it is closed, by the server's rule, and saying why.
    const at = await drawingMap(page)
    const problems = form.getByTestId('zone-draw-problems')
    const save = form.getByRole('button', { name: 'Lưu vùng' })
    await clickAll(page, [at(-250, -180), at(250, -180), at(250, 180), at(-250, 180)])
    expect(await status.textContent()).toContain('Đã đặt 4 đỉnh')
    await form.getByRole('button', { name: 'Khép vùng' }).click()
    await expect.poll(() => problems.textContent()).toMatch(/Vùng vẽ rộng [\d.]+ km², tối đa 2\.000 km²/)
    expect(await save.isDisabled()).toBe(true)

    // A bow-tie: its edges cross, which is named.
    await form.getByRole('button', { name: 'Xóa hình vẽ' }).click()
    await clickAll(page, [at(-140, -100), at(-80, -40), at(-80, -100), at(-140, -40)])
    await form.getByRole('button', { name: 'Khép vùng' }).click()
    await expect.poll(() => problems.textContent()).toMatch(/Đường bao tự cắt chính nó \(hình nơ hoặc số 8\): cạnh từ điểm \d đến điểm \d cắt cạnh từ điểm \d đến điểm \d/)
    expect(await save.isDisabled()).toBe(true)

    // A small area instead: four clicks, closed on the first vertex.
    await form.getByRole('button', { name: 'Xóa hình vẽ' }).click()
    expect(await status.textContent()).toContain('Chưa vẽ')
    const corners = [at(-30, -30), at(30, -30), at(30, 30), at(-30, 30)]
    await clickAll(page, corners)
    await clickAll(page, [corners[0]!])
    await expect.poll(() => status.textContent()).toContain('Vùng đã khép, 4 đỉnh')
    expect(await problems.count()).toBe(0)
    const drawn = await geojson.inputValue()
    expect(JSON.parse(drawn).coordinates[0]).toHaveLength(5)

    // A vertex dragged moves; undone, it is back.
    await page.mouse.move(corners[2]!.x, corners[2]!.y)
    await page.mouse.down()
    await page.mouse.move(corners[2]!.x + 25, corners[2]!.y + 15, { steps: 6 })
    await page.mouse.up()
    await expect.poll(() => geojson.inputValue()).not.toBe(drawn)
    await form.getByRole('button', { name: 'Hoàn tác' }).click()
    await expect.poll(() => geojson.inputValue()).toBe(drawn)

    await form.getByRole('button', { name: 'Lưu vùng' }).click()
    await expect.poll(() => page.getByRole('status').filter({ hasText: 'Đã lưu vùng' }).textContent()).toContain(zoneName)
    const row = page.getByTestId('zones-table').getByRole('row', { name: new RegExp(zoneName) })
    await expect.poll(() => row.textContent()).toContain('vùng vẽ trên bản đồ')
    expect(await row.textContent()).toContain('Phong tỏa')

    // Stored as drawn, and drawn on the zones map in the colour of its kind.
    const zones = await apiGet<{ zones: { id: number; name: string; drawn: boolean }[] }>(context, '/api/surveillance/zones')
    const saved = zones.zones.find((z) => z.name === zoneName)
    expect(saved?.drawn).toBe(true)
    const zone = await apiGet<{ geometry: { type: string; coordinates: number[][][] } }>(context, `/api/surveillance/zones/${saved!.id}`)
    expect(zone.geometry.coordinates[0]).toEqual(JSON.parse(drawn).coordinates[0])
    await page.reload()
    await zonesMapLoaded(page)
    const onMap = await page.evaluate(async (name) => {
      const source = window.__phongdichMap!.getSource('zones') as unknown as { getData(): Promise<{ features: { properties: { name: string; kind: string; source: string } }[] }> }
      return (await source.getData()).features.filter((f) => f.properties.name === name).map((f) => `${f.properties.kind}:${f.properties.source}`)
    }, zoneName)
    expect(onMap).toEqual(['lockdown:drawn'])
    expect(await page.locator('.map-legend').textContent()).toContain('Phong tỏa')
    await context.close()
  })

  it('creates a pool of three people, enters a positive result and sees the three retests to do', async () => {
    const context = await newContext(browser())
    const page = await context.newPage()
    await login(page, 'tramyte')
    const people = ['Gộp Một', 'Gộp Hai', 'Gộp Ba'].map((n) => `${n} ${tag}`)
    for (const [i, fullName] of people.entries()) {
      await apiPost(context, '/api/people', { fullName, birthYear: 1980 + i, unitCode: '30742', confirmedNew: true })
    }

    await page.getByRole('navigation').getByRole('link', { name: 'Xét nghiệm', exact: true }).click()
    await page.getByRole('link', { name: 'Ghi mẫu gộp mới' }).click()
    const form = page.getByRole('form', { name: 'Ghi mẫu gộp mới' })
    await form.getByLabel('Mã mẫu gộp').fill(`MG-${tag}`)
    await form.getByLabel('Nơi xét nghiệm').fill('CDC An Giang')
    const search = form.getByLabel('Tìm theo họ tên, số CCCD hoặc số điện thoại')
    for (const fullName of people) {
      await search.fill(fullName)
      await form.getByRole('list', { name: 'Kết quả tìm kiếm' }).getByRole('button', { name: new RegExp(fullName) }).click()
    }
    expect(await form.getByTestId('pool-member-count').textContent()).toBe('Đã chọn 3/30 người.')
    await form.getByRole('button', { name: 'Lưu mẫu gộp' }).click()
    await page.waitForURL(/\/surveillance\/pools\/\d+$/)
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe(`Mẫu gộp MG-${tag}`)
    expect(await page.getByTestId('pool-result').textContent()).toBe('Chờ kết quả')

    await page.getByLabel('Kết quả', { exact: true }).selectOption('positive')
    await page.getByLabel('Ngày có kết quả').fill(vnFormat(vnDay(0)))
    await page.getByRole('button', { name: 'Lưu kết quả mẫu gộp' }).click()
    const retests = page.getByTestId('pool-retests')
    await expect.poll(() => retests.getByRole('heading', { level: 2 }).textContent()).toBe('Xét nghiệm lại cần làm (3)')
    expect(await page.getByTestId('pool-result').textContent()).toBe('Dương tính')
    const rows = page.getByTestId('retests-table').locator('tbody tr')
    expect(await rows.count()).toBe(3)
    for (const fullName of people) {
      const row = page.getByTestId('retests-table').getByRole('row', { name: new RegExp(fullName) })
      expect(await row.textContent()).toContain('Đã hẹn')
      expect(await row.textContent()).toContain(vnFormat(vnDay(0)))
    }

    // The list of pools, from the tests page: the pool with its size and result, one click from its page.
    await page.getByRole('link', { name: `← Xét nghiệm` }).click()
    await page.getByRole('link', { name: 'Xem danh sách mẫu gộp' }).click()
    await page.waitForURL(/\/surveillance\/pools$/)
    const listed = page.getByTestId('pools-table').getByRole('row', { name: new RegExp(`MG-${tag}`) })
    await expect.poll(() => listed.count()).toBe(1)
    const cells = await listed.locator('td').allTextContents()
    expect(cells).toEqual(expect.arrayContaining([`MG-${tag}`, '3', 'Dương tính', 'CDC An Giang']))
    await listed.getByRole('link', { name: `MG-${tag}` }).click()
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe(`Mẫu gộp MG-${tag}`)
    await context.close()
  })
})
