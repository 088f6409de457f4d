import { describe, expect, it } from 'vitest'
import { browserForFile, login, newContext } from './helpers.ts'

interface Target {
  code: string
  fullName: string
  x: number
  y: number
}

describe('province map', () => {
  const browser = browserForFile()

  it('draws the 102 communes, names the one under the mouse and opens it on click', async () => {
    const context = await newContext(browser())
    const page = await context.newPage()
    await login(page, 'admin')
    await page.goto('/map')
    await page.waitForFunction(() => {
      const map = window.__phongdichMap
      return !!map && !!map.getSource('communes') && map.isSourceLoaded('communes') && map.loaded()
    })

    const count = await page.evaluate(async () => {
      const source = window.__phongdichMap!.getSource('communes') as unknown as { getData(): Promise<{ features: unknown[] }> }
      return (await source.getData()).features.length
    })
    expect(count).toBe(102)
    const rows = page.getByTestId('commune-table').locator('tbody tr')
    expect(await rows.count()).toBe(102)
    expect(await page.getByTestId('commune-table').getByRole('link', { name: 'Phường Rạch Giá' }).count()).toBe(1)

    // The pixel of a commune's centroid, checked against what is drawn there (a concave commune's centroid may lie outside it).
    const target = await page.evaluate(async (): Promise<Target | null> => {
      const map = window.__phongdichMap!
      type Ring = [number, number][]
      type Feature = { properties: { code: string; fullName: string }; geometry: { type: string; coordinates: Ring[] | Ring[][] } }
      const source = map.getSource('communes') as unknown as { getData(): Promise<{ features: Feature[] }> }
      const { features } = await source.getData()
      const centroid = (ring: Ring) => {
        let a = 0
        let cx = 0
        let cy = 0
        for (let i = 0; i < ring.length - 1; i++) {
          const [x0, y0] = ring[i]!
          const [x1, y1] = ring[i + 1]!
          const f = x0 * y1 - x1 * y0
          a += f
          cx += (x0 + x1) * f
          cy += (y0 + y1) * f
        }
        return { area: Math.abs(a / 2), lng: cx / (3 * a), lat: cy / (3 * a) }
      }
      const canvas = map.getCanvas()
      const candidates = features
        .map((f) => {
          const polygons = (f.geometry.type === 'Polygon' ? [f.geometry.coordinates] : f.geometry.coordinates) as Ring[][]
          const biggest = polygons.map((p) => centroid(p[0]!)).sort((a, b) => b.area - a.area)[0]!
          return { f, c: biggest }
        })
        .sort((a, b) => b.c.area - a.c.area)
      for (const { f, c } of candidates) {
        const p = map.project([c.lng, c.lat])
        if (p.x < 40 || p.y < 40 || p.x > canvas.clientWidth - 60 || p.y > canvas.clientHeight - 40) continue
        const hit = map.queryRenderedFeatures([p.x, p.y], { layers: ['communes-fill'] })[0]
        if (hit?.properties?.code === f.properties.code) return { code: f.properties.code, fullName: f.properties.fullName, x: p.x, y: p.y }
      }
      return null
    })
    expect(target).not.toBeNull()
    const { code, fullName, x, y } = target!
    const box = (await page.locator('.maplibregl-canvas').boundingBox())!
    await page.mouse.move(box.x + x - 10, box.y + y - 10)
    await page.mouse.move(box.x + x, box.y + y, { steps: 4 })
    const tooltip = page.locator('.map-tooltip')
    await tooltip.waitFor()
    expect(await tooltip.textContent()).toContain(fullName)
    expect(await tooltip.textContent()).toMatch(/Dân số: [\d.]+/)

    await page.mouse.click(box.x + x, box.y + y)
    await page.waitForURL(new RegExp(`/units/${code}$`))
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe(fullName)
    await context.close()
  })
})
