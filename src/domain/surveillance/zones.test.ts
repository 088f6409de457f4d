import { describe, expect, it } from 'vitest'
import { checkZoneGeometry, type GeometryCheck, type Position, ringSelfCrossing, ZONE_LIMITS, zoneActiveOn } from './zones.ts'

/** A square of `side` degrees with its south-west corner at (lon, lat), closed. */
const square = (lon: number, lat: number, side = 0.01): Position[] => [
  [lon, lat],
  [lon + side, lat],
  [lon + side, lat + side],
  [lon, lat + side],
  [lon, lat],
]

const problems = (c: GeometryCheck) => (c.ok ? [] : c.problems)

describe('drawn zone geometry', () => {
  it('accepts a polygon near Rạch Giá and measures it', () => {
    const c = checkZoneGeometry({ type: 'Polygon', coordinates: [square(105.08, 10.01)] })
    expect(c.ok).toBe(true)
    if (!c.ok) return
    // 0.01° is about 1.09 km east–west at 10° N and 1.11 km north–south.
    expect(c.areaKm2).toBeGreaterThan(1.1)
    expect(c.areaKm2).toBeLessThan(1.3)
  })

  it('accepts a multipolygon and a Feature around it, dropping altitudes', () => {
    const withAltitude = square(105.1, 10.0).map(([x, y]) => [x, y, 3])
    const c = checkZoneGeometry({ type: 'Feature', properties: {}, geometry: { type: 'MultiPolygon', coordinates: [[withAltitude], [square(103.96, 10.2)]] } })
    expect(c.ok).toBe(true)
    if (c.ok) {
      expect(c.geometry.type).toBe('MultiPolygon')
      expect(c.geometry.coordinates[0]![0]![0]).toEqual([105.1, 10.0])
    }
  })

  it('keeps holes and subtracts them from the area', () => {
    const hole = square(105.082, 10.012, 0.002).reverse()
    const whole = checkZoneGeometry({ type: 'Polygon', coordinates: [square(105.08, 10.01)] })
    const holed = checkZoneGeometry({ type: 'Polygon', coordinates: [square(105.08, 10.01), hole] })
    expect(whole.ok && holed.ok).toBe(true)
    if (whole.ok && holed.ok) expect(holed.areaKm2).toBeLessThan(whole.areaKm2)
  })

  it('refuses other types and empty coordinates', () => {
    for (const g of [null, 'x', { type: 'Point', coordinates: [105, 10] }, { type: 'LineString', coordinates: square(105, 10) }, { type: 'FeatureCollection', features: [] }]) {
      expect(problems(checkZoneGeometry(g))[0]).toMatch(/Polygon hoặc MultiPolygon/)
    }
    expect(problems(checkZoneGeometry({ type: 'Polygon', coordinates: [] }))[0]).toMatch(/không có tọa độ/)
  })

  it('names an open ring and a ring with too few points', () => {
    const open = square(105.08, 10.01).slice(0, 4)
    expect(problems(checkZoneGeometry({ type: 'Polygon', coordinates: [[...open, [105.085, 10.0]]] }))).toEqual(['Đường bao chưa khép kín: điểm cuối phải trùng điểm đầu.'])
    expect(problems(checkZoneGeometry({ type: 'MultiPolygon', coordinates: [[square(105, 10)], [[[105, 10], [105.1, 10], [105, 10]]]] }))[0]).toMatch(
      /^Đường bao của đa giác 2 cần ít nhất 4 điểm/,
    )
    const flat = [
      [105, 10],
      [105.1, 10],
      [105, 10],
      [105, 10],
    ]
    expect(problems(checkZoneGeometry({ type: 'Polygon', coordinates: [flat] }))[0]).toMatch(/ít nhất 3 đỉnh khác nhau/)
  })

  it('refuses coordinates out of range, and says when longitude and latitude look swapped', () => {
    const swapped = square(10.01, 105.08)
    const p = problems(checkZoneGeometry({ type: 'Polygon', coordinates: [swapped] }))
    expect(p[0]).toMatch(/điểm 1: vĩ độ 105.08 ngoài khoảng/)
    expect(p.at(-1)).toMatch(/kinh độ và vĩ độ đã bị đảo/)
    expect(problems(checkZoneGeometry({ type: 'Polygon', coordinates: [square(180.5, 10)] }))[0]).toMatch(/kinh độ 180.5 ngoài khoảng/)
    expect(problems(checkZoneGeometry({ type: 'Polygon', coordinates: [[[105, 10], ['105', 10], [105, 11], [105, 10]]] }))[0]).toMatch(/điểm 2: tọa độ phải là/)
    expect(problems(checkZoneGeometry({ type: 'Polygon', coordinates: [[[105, 10], [Number.NaN, 10], [105, 11], [105, 10]]] }))[0]).toMatch(/điểm 2/)
  })

  it('names at most ten problems and counts the rest', () => {
    const bad = Array.from({ length: 30 }, (_, i) => [200 + i, 10])
    const p = problems(checkZoneGeometry({ type: 'Polygon', coordinates: [bad] }))
    expect(p).toHaveLength(11)
    expect(p[10]).toMatch(/và \d+ lỗi khác/)
  })

  it('caps vertices, polygons and area', () => {
    const n = ZONE_LIMITS.vertices
    const circle: Position[] = Array.from({ length: n }, (_, i) => [105 + 0.01 * Math.cos((2 * Math.PI * i) / n), 10 + 0.01 * Math.sin((2 * Math.PI * i) / n)])
    circle.push(circle[0]!)
    expect(problems(checkZoneGeometry({ type: 'Polygon', coordinates: [circle] }))[0]).toMatch(/đỉnh, tối đa 2\.000/)
    expect(checkZoneGeometry({ type: 'Polygon', coordinates: [circle.slice(1, -1).concat([circle[1]!])] }).ok).toBe(true)
    const many = Array.from({ length: ZONE_LIMITS.polygons + 1 }, (_, i) => [square(105 + i * 0.02, 10)])
    expect(problems(checkZoneGeometry({ type: 'MultiPolygon', coordinates: many }))[0]).toMatch(/51 đa giác, tối đa 50/)
    // Half a degree square at 10° N is about 3,000 km².
    expect(problems(checkZoneGeometry({ type: 'Polygon', coordinates: [square(105, 10, 0.5)] }))[0]).toMatch(/^Vùng vẽ rộng 3\.\d{3} km², tối đa 2\.000 km²/)
  })
})

describe('self-crossing outlines', () => {
  // A bow-tie: the edges from point 2 to 3 and from point 4 to 5 cross in the middle.
  const bowTie: Position[] = [
    [105.08, 10.01],
    [105.09, 10.01],
    [105.08, 10.02],
    [105.09, 10.025],
    [105.08, 10.01],
  ]

  it('refuses a bow-tie, naming the crossing edges and where they cross', () => {
    const p = problems(checkZoneGeometry({ type: 'Polygon', coordinates: [bowTie] }))
    expect(p).toHaveLength(1)
    expect(p[0]).toBe(
      'Đường bao tự cắt chính nó (hình nơ hoặc số 8): cạnh từ điểm 2 đến điểm 3 cắt cạnh từ điểm 4 đến điểm 5 tại [105.084, 10.016]. Hãy vẽ lại để các cạnh không cắt hoặc chạm nhau.',
    )
    expect(ringSelfCrossing(bowTie)).toMatchObject({ first: [2, 3], second: [4, 5], overlap: false })
  })

  it('finds the crossing point of a symmetric bow-tie', () => {
    const c = ringSelfCrossing([
      [0, 0],
      [2, 2],
      [2, 0],
      [0, 2],
      [0, 0],
    ])
    expect(c).toEqual({ first: [1, 2], second: [3, 4], at: [1, 1], overlap: false })
  })

  it('names the polygon of a multipolygon and a hole that crosses itself', () => {
    const p = problems(checkZoneGeometry({ type: 'MultiPolygon', coordinates: [[square(105, 10)], [bowTie]] }))
    expect(p[0]).toMatch(/^Đường bao của đa giác 2 tự cắt chính nó/)
    const hole: Position[] = [
      [105.082, 10.012],
      [105.084, 10.014],
      [105.084, 10.012],
      [105.082, 10.014],
      [105.082, 10.012],
    ]
    expect(problems(checkZoneGeometry({ type: 'Polygon', coordinates: [square(105.08, 10.01), hole] }))[0]).toMatch(/^Lỗ thứ 1 tự cắt chính nó/)
  })

  it('refuses an outline passing twice through one point (a figure eight on a vertex)', () => {
    const eight: Position[] = [
      [0, 0],
      [1, 0],
      [1, 1],
      [0, 0],
      [-1, 0],
      [-1, -1],
      [0, 0],
    ]
    expect(ringSelfCrossing(eight)).toMatchObject({ at: [0, 0], overlap: false })
  })

  it('refuses an outline turning back along itself', () => {
    const spike: Position[] = [
      [0, 0],
      [2, 0],
      [1, 0],
      [1, 1],
      [0, 0],
    ]
    expect(ringSelfCrossing(spike)).toMatchObject({ first: [1, 2], second: [2, 3], overlap: true })
    const p = problems(checkZoneGeometry({ type: 'Polygon', coordinates: [spike.map(([x, y]) => [105 + x / 100, 10 + y / 100] as Position)] }))
    expect(p[0]).toMatch(/^Đường bao tự chồng lên chính nó: cạnh từ điểm 2 đến điểm 3 đi ngược lại dọc cạnh từ điểm 1 đến điểm 2/)
  })

  it('accepts simple outlines: a triangle, a concave shape, straight runs and repeated points', () => {
    expect(ringSelfCrossing([[0, 0], [1, 0], [0, 1], [0, 0]])).toBeNull()
    expect(
      ringSelfCrossing([
        [0, 0],
        [4, 0],
        [4, 4],
        [2, 1],
        [0, 4],
        [0, 0],
      ]),
    ).toBeNull()
    expect(
      ringSelfCrossing([
        [0, 0],
        [1, 0],
        [1, 0],
        [2, 0],
        [2, 2],
        [0, 2],
        [0, 0],
      ]),
    ).toBeNull()
    expect(checkZoneGeometry({ type: 'Polygon', coordinates: [[[105, 10], [105.01, 10], [105.01, 10], [105.01, 10.01], [105, 10]]] }).ok).toBe(true)
  })

  it('checks a ring of the largest size at once', () => {
    const n = ZONE_LIMITS.vertices - 1
    const circle: Position[] = Array.from({ length: n }, (_, i) => [105 + 0.01 * Math.cos((2 * Math.PI * i) / n), 10 + 0.01 * Math.sin((2 * Math.PI * i) / n)])
    circle.push(circle[0]!)
    const started = performance.now()
    expect(ringSelfCrossing(circle)).toBeNull()
    // Two points swapped make two edges cross.
    const twisted = circle.map((p) => p)
    ;[twisted[500], twisted[501]] = [twisted[501]!, twisted[500]!]
    expect(ringSelfCrossing(twisted)).not.toBeNull()
    expect(performance.now() - started).toBeLessThan(500)
  })
})

describe('zone in force', () => {
  it('runs from its first day to its last, open-ended without one', () => {
    expect(zoneActiveOn({ startsOn: '2026-11-01', endsOn: '2026-11-14' }, '2026-10-31')).toBe(false)
    expect(zoneActiveOn({ startsOn: '2026-11-01', endsOn: '2026-11-14' }, '2026-11-01')).toBe(true)
    expect(zoneActiveOn({ startsOn: '2026-11-01', endsOn: '2026-11-14' }, '2026-11-14')).toBe(true)
    expect(zoneActiveOn({ startsOn: '2026-11-01', endsOn: '2026-11-14' }, '2026-11-15')).toBe(false)
    expect(zoneActiveOn({ startsOn: '2026-11-01', endsOn: null }, '2030-01-01')).toBe(true)
  })
})
