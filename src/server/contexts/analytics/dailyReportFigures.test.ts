import { readFile } from 'node:fs/promises'
import path from 'node:path'
import { createCanvas, loadImage } from '@napi-rs/canvas'
import { describe, expect, it } from 'vitest'
import { AGE_GROUPS } from '../../../domain/vaccination/groups.ts'
import type { GroupCoverage, UnitCoverage } from '../../../domain/vaccination/coverage.ts'
import { pngSize } from '../directives/render/testing.ts'
import { referenceDir } from '../units/reference.ts'
import { type CurveSeries, coverageChart, epiCurveChart } from './dailyReportCharts.ts'
import { boundsOf, levelsMap, polygonsOf, projection } from './dailyReportMap.ts'

// The stored outlines of An Giang's communes, as the reference registry ships them.
const file = JSON.parse(await readFile(path.join(referenceDir, 'boundaries-communes-91.geojson'), 'utf8')) as {
  features: { properties: { code: string; name: string }; geometry: unknown }[]
}
const outlines = file.features.map((f) => ({ code: f.properties.code, name: f.properties.name, geometry: JSON.stringify(f.geometry) }))
const byName = (name: string) => outlines.find((o) => o.name === name)!

/** The mean of an outline's vertices, projected. */
function centre(geometry: string, p: (lon: number, lat: number) => [number, number]): [number, number] {
  const points = polygonsOf(geometry).flatMap((poly) => poly[0]!)
  const [x, y] = points.map(([lon, lat]) => p(lon, lat)).reduce(([a, b], [c, d]) => [a + c, b + d], [0, 0])
  return [x / points.length, y / points.length]
}

/** Projected extent of an outline across: [west, east]. */
function across(geometry: string, p: (lon: number, lat: number) => [number, number]): [number, number] {
  const xs = polygonsOf(geometry).flatMap((poly) => poly.flatMap((ring) => ring.map(([lon, lat]) => p(lon, lat)[0])))
  return [Math.min(...xs), Math.max(...xs)]
}

/** Pixels that differ between two PNGs of the same size. */
async function differing(a: Uint8Array, b: Uint8Array): Promise<number> {
  const pixels = async (png: Uint8Array) => {
    const image = await loadImage(Buffer.from(png))
    const canvas = createCanvas(image.width, image.height)
    const g = canvas.getContext('2d')
    g.drawImage(image, 0, 0)
    return g.getImageData(0, 0, image.width, image.height).data
  }
  const [pa, pb] = [await pixels(a), await pixels(b)]
  let n = 0
  for (let i = 0; i < pa.length; i += 4) if (pa[i] !== pb[i] || pa[i + 1] !== pb[i + 1] || pa[i + 2] !== pb[i + 2]) n++
  return n
}

describe('the map projection', () => {
  const all = outlines.flatMap((o) => polygonsOf(o.geometry))
  const bounds = boundsOf(all)!
  const p = projection(bounds, 1160, 1000, 24)

  it('fits the province in the picture, north up, with a known commune inside it', () => {
    expect(p.width).toBeLessThanOrEqual(1160)
    expect(p.height).toBeLessThanOrEqual(1000)
    const [x, y] = centre(byName('Rạch Giá').geometry, p.project)
    expect(x).toBeGreaterThan(0)
    expect(x).toBeLessThan(p.width)
    expect(y).toBeGreaterThan(0)
    expect(y).toBeLessThan(p.height)
    // Every vertex inside the picture.
    for (const ring of all.flat()) {
      for (const [lon, lat] of ring) {
        const [px, py] = p.project(lon, lat)
        expect(px >= 0 && px <= p.width && py >= 0 && py <= p.height).toBe(true)
      }
    }
    // North up: the northernmost point is at the top.
    expect(p.project(bounds.west, bounds.north)[1]).toBeLessThan(p.project(bounds.west, bounds.south)[1])
  })

  it('puts the islands west of the mainland, and a kilometre as long east–west as north–south', () => {
    const pq = across(byName('Phú Quốc').geometry, p.project)
    const rg = across(byName('Rạch Giá').geometry, p.project)
    expect(pq[1]).toBeLessThan(rg[0])
    const [islandX] = centre(byName('Phú Quốc').geometry, p.project)
    const [mainlandX] = centre(byName('Rạch Giá').geometry, p.project)
    expect(islandX).toBeLessThan(mainlandX)
    // A tenth of a degree north, and the same ground distance east (a tenth over the cosine).
    const lat = (bounds.north + bounds.south) / 2
    const [x0, y0] = p.project(105, lat)
    const north = y0 - p.project(105, lat + 0.1)[1]
    const east = p.project(105 + 0.1 / Math.cos((lat * Math.PI) / 180), lat)[0] - x0
    expect(east).toBeCloseTo(north, 6)
    expect(north).toBeCloseTo(0.1 * 111.32 * p.pxPerKm, 6)
  })

  it('draws the communes with a legend into a PNG of modest size, and nothing without outlines', async () => {
    const levels = [1, 2, 3, 4, null]
    const picture = levelsMap(outlines.map((o, i) => ({ code: o.code, level: levels[i % levels.length]!, geometry: o.geometry })))!
    expect(pngSize(picture.png)).toEqual({ width: picture.width, height: picture.height })
    expect(picture.width).toBeLessThanOrEqual(1600)
    expect(picture.height).toBeLessThanOrEqual(1000)
    // The same communes with no level published look different.
    const grey = levelsMap(outlines.map((o) => ({ code: o.code, level: null, geometry: o.geometry })))!
    expect(await differing(picture.png, grey.png)).toBeGreaterThan(picture.width * picture.height * 0.05)
    expect(levelsMap([])).toBeNull()
    expect(levelsMap([{ code: 'x', level: 1, geometry: JSON.stringify({ type: 'Point', coordinates: [105, 10] }) }])).toBeNull()
  })
})

describe('the charts', () => {
  const days = (cases: (i: number) => number): CurveSeries => {
    const list = Array.from({ length: 30 }, (_, i) => {
      const d = new Date(Date.UTC(2026, 9, 28 + i)).toISOString().slice(0, 10)
      return { date: d, imported: 0, linked: cases(i), unknown: 0 }
    })
    return { from: list[0]!.date, to: list[29]!.date, days: list }
  }

  it('draws the epidemic curve print-sharp; a day with cases changes the picture', async () => {
    const empty = epiCurveChart(days(() => 0))
    const one = epiCurveChart(days((i) => (i === 29 ? 5 : 0)))
    for (const p of [empty, one]) {
      expect(pngSize(p.png)).toEqual({ width: 1600, height: 900 })
      expect(p.png.length).toBeGreaterThan(5_000)
    }
    expect(Buffer.from(one.png).equals(Buffer.from(empty.png))).toBe(false)
    expect(await differing(one.png, empty.png)).toBeGreaterThan(1_000)
  })

  it('draws coverage by age group, with the target line when there is a target', async () => {
    const group = (population: number, atLeastOne: number, fully: number, boosted: number): GroupCoverage => ({
      population,
      atLeastOne,
      fully,
      boosted,
      atLeastOneShare: atLeastOne / population,
      fullyShare: fully / population,
      boostedShare: boosted / population,
      recent: { atLeastOne: 0, fully: 0, boosted: 0 },
    })
    const g = group(1000, 900, 700, 300)
    const totals: UnitCoverage = { groups: Object.fromEntries(AGE_GROUPS.map((a) => [a, g])) as UnitCoverage['groups'], adults: g, highRisk: g, all: g }
    const plain = coverageChart({ totals, target: null })
    const withTarget = coverageChart({ totals, target: { measure: 'fully', ageGroups: ['18-49', '50-64', '65+'], share: 0.9 } })
    expect(pngSize(plain.png)).toEqual({ width: 1600, height: 900 })
    expect(await differing(plain.png, withTarget.png)).toBeGreaterThan(500)
  })
})
