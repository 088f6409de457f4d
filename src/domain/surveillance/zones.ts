import area from '@turf/area'

/**
 * Zones: ring-fenced (khoanh vùng), locked-down (phong tỏa) or medically isolated areas (cách ly y
 * tế vùng), given as units and hamlets, as an area drawn on the map, or both. A drawn area is
 * checked here before it is stored: GeoJSON Polygon or MultiPolygon, closed rings, longitude and
 * latitude in range, and bounded in vertices and in area, so one zone cannot make the map heavy or
 * cover a province by mistake (a large area is named by its units instead).
 */

export type ZoneKind = 'ring_fence' | 'lockdown' | 'medical_isolation'

export const ZONE_KINDS: Record<ZoneKind, { vi: string; en: string }> = {
  ring_fence: { vi: 'Khoanh vùng', en: 'Ring-fencing' },
  lockdown: { vi: 'Phong tỏa', en: 'Lockdown' },
  medical_isolation: { vi: 'Cách ly y tế vùng', en: 'Area medical isolation' },
}
export const ZONE_KIND_KEYS = Object.keys(ZONE_KINDS) as [ZoneKind, ...ZoneKind[]]

export const ZONE_LIMITS = {
  /** Vertices of a drawn area, all rings together. */
  vertices: 2_000,
  /** Polygons of a MultiPolygon. */
  polygons: 50,
  /** Rings of one polygon (the outline and its holes). */
  rings: 20,
  /** The largest drawn area, km² (a district's order; larger areas are named by their units). */
  areaKm2: 2_000,
  /** Units and hamlets one zone names. */
  units: 200,
}

export type Position = [number, number]
export type ZoneGeometry = { type: 'Polygon'; coordinates: Position[][] } | { type: 'MultiPolygon'; coordinates: Position[][][] }

export type GeometryCheck = { ok: true; geometry: ZoneGeometry; areaKm2: number } | { ok: false; problems: string[] }

/** At most this many problems are named; the rest are counted. */
const MAX_PROBLEMS = 10

const fmt = (n: number) => n.toLocaleString('vi-VN')

/**
 * Checks a drawn area and gives it back as a plain geometry (a Feature is unwrapped, a third
 * coordinate such as altitude is dropped), with its area in km²; or the problems found, in
 * Vietnamese, each naming where it is.
 */
export function checkZoneGeometry(input: unknown): GeometryCheck {
  const problems: string[] = []
  let g = input as { type?: unknown; coordinates?: unknown; geometry?: unknown } | null
  if (g && typeof g === 'object' && g.type === 'Feature') g = g.geometry as typeof g
  if (!g || typeof g !== 'object' || (g.type !== 'Polygon' && g.type !== 'MultiPolygon')) {
    return { ok: false, problems: ['Vùng vẽ phải là hình GeoJSON kiểu Polygon hoặc MultiPolygon.'] }
  }
  const multi = g.type === 'MultiPolygon'
  if (!Array.isArray(g.coordinates) || g.coordinates.length === 0) {
    return { ok: false, problems: ['Vùng vẽ không có tọa độ nào.'] }
  }
  const polygons = (multi ? g.coordinates : [g.coordinates]) as unknown[]
  if (polygons.length > ZONE_LIMITS.polygons) {
    return { ok: false, problems: [`Vùng vẽ có ${fmt(polygons.length)} đa giác, tối đa ${ZONE_LIMITS.polygons}.`] }
  }
  let vertices = 0
  for (const p of polygons) if (Array.isArray(p)) for (const r of p) if (Array.isArray(r)) vertices += r.length
  if (vertices > ZONE_LIMITS.vertices) {
    return { ok: false, problems: [`Vùng vẽ có ${fmt(vertices)} đỉnh, tối đa ${fmt(ZONE_LIMITS.vertices)}. Hãy vẽ đơn giản hơn hoặc chọn theo đơn vị hành chính.`] }
  }
  let swapped = false
  const out: Position[][][] = []
  polygons.forEach((polygon, pi) => {
    const where = (ri: number) => `${ri === 0 ? 'Đường bao' : `Lỗ thứ ${ri}`}${multi ? ` của đa giác ${pi + 1}` : ''}`
    if (!Array.isArray(polygon) || polygon.length === 0) {
      problems.push(`${multi ? `Đa giác ${pi + 1}` : 'Đa giác'} không có đường bao.`)
      return
    }
    if (polygon.length > ZONE_LIMITS.rings) problems.push(`${multi ? `Đa giác ${pi + 1}` : 'Đa giác'} có ${polygon.length} vòng, tối đa ${ZONE_LIMITS.rings}.`)
    const rings: Position[][] = []
    polygon.forEach((ring, ri) => {
      if (!Array.isArray(ring)) {
        problems.push(`${where(ri)} không phải là danh sách điểm.`)
        return
      }
      const positions: Position[] = []
      ring.forEach((pos, vi) => {
        if (!Array.isArray(pos) || pos.length < 2 || !pos.every((x) => typeof x === 'number' && Number.isFinite(x))) {
          problems.push(`${where(ri)}, điểm ${vi + 1}: tọa độ phải là [kinh độ, vĩ độ] bằng số.`)
          return
        }
        const [lon, lat] = pos as number[] as [number, number]
        if (lon < -180 || lon > 180) problems.push(`${where(ri)}, điểm ${vi + 1}: kinh độ ${lon} ngoài khoảng −180…180.`)
        if (lat < -90 || lat > 90) {
          problems.push(`${where(ri)}, điểm ${vi + 1}: vĩ độ ${lat} ngoài khoảng −90…90.`)
          if (lon >= -90 && lon <= 90) swapped = true
        }
        positions.push([lon, lat])
      })
      if (positions.length !== ring.length) return
      if (positions.length < 4) {
        problems.push(`${where(ri)} cần ít nhất 4 điểm (3 đỉnh và điểm cuối trùng điểm đầu), có ${positions.length}.`)
        return
      }
      const first = positions[0]!
      const last = positions[positions.length - 1]!
      if (first[0] !== last[0] || first[1] !== last[1]) problems.push(`${where(ri)} chưa khép kín: điểm cuối phải trùng điểm đầu.`)
      else if (new Set(positions.map((p) => `${p[0]},${p[1]}`)).size < 3) problems.push(`${where(ri)} cần ít nhất 3 đỉnh khác nhau.`)
      else {
        const crossing = ringSelfCrossing(positions)
        if (crossing) problems.push(`${where(ri)} ${crossingText(crossing)}`)
      }
      rings.push(positions)
    })
    out.push(rings)
  })
  if (swapped) problems.push('Có thể kinh độ và vĩ độ đã bị đảo: GeoJSON ghi [kinh độ, vĩ độ], ví dụ [105.08, 10.01].')
  if (problems.length > 0) return { ok: false, problems: cap(problems) }
  const geometry: ZoneGeometry = multi ? { type: 'MultiPolygon', coordinates: out } : { type: 'Polygon', coordinates: out[0]! }
  const areaKm2 = area(geometry) / 1e6
  if (!(areaKm2 > 1e-6)) return { ok: false, problems: ['Vùng vẽ có diện tích bằng 0 (các đỉnh thẳng hàng hoặc trùng nhau).'] }
  if (areaKm2 > ZONE_LIMITS.areaKm2) {
    return {
      ok: false,
      problems: [`Vùng vẽ rộng ${fmt(Math.round(areaKm2))} km², tối đa ${fmt(ZONE_LIMITS.areaKm2)} km². Vùng rộng hơn hãy chọn theo đơn vị hành chính.`],
    }
  }
  return { ok: true, geometry, areaKm2 }
}

/** Where a ring meets itself: two edges, each by the numbers (from 1, as given) of its two points, and a point where they meet. */
export interface RingCrossing {
  first: [number, number]
  second: [number, number]
  at: Position
  /** The edges run along each other (the outline turns back on itself) rather than crossing or touching at one point. */
  overlap: boolean
}

interface Edge {
  /** Index of the edge among the ring's edges (repeated points left out). */
  k: number
  from: Position
  to: Position
  /** Point numbers, from 1, as the ring was given. */
  points: [number, number]
  minX: number
  maxX: number
  minY: number
  maxY: number
}

const cross = (o: Position, a: Position, b: Position) => (a[0] - o[0]) * (b[1] - o[1]) - (a[1] - o[1]) * (b[0] - o[0])
const sign = (x: number) => (x > 0 ? 1 : x < 0 ? -1 : 0)
/** `p`, known to be on the line through `a` and `b`, is within their box. */
const onSegment = (a: Position, b: Position, p: Position) =>
  Math.min(a[0], b[0]) <= p[0] && p[0] <= Math.max(a[0], b[0]) && Math.min(a[1], b[1]) <= p[1] && p[1] <= Math.max(a[1], b[1])

/** The first point where two segments meet, with whether they run along each other; null when apart. */
function meet(a: Edge, b: Edge): { at: Position; overlap: boolean } | null {
  const d1 = sign(cross(b.from, b.to, a.from))
  const d2 = sign(cross(b.from, b.to, a.to))
  const d3 = sign(cross(a.from, a.to, b.from))
  const d4 = sign(cross(a.from, a.to, b.to))
  if (d1 !== 0 && d2 !== 0 && d3 !== 0 && d4 !== 0) {
    if (d1 === d2 || d3 === d4) return null
    const t = cross(b.from, b.to, a.from) / (cross(b.from, b.to, a.from) - cross(b.from, b.to, a.to))
    return { at: [a.from[0] + t * (a.to[0] - a.from[0]), a.from[1] + t * (a.to[1] - a.from[1])], overlap: false }
  }
  const collinear = d1 === 0 && d2 === 0
  const touching: Position[] = []
  if (d1 === 0 && onSegment(b.from, b.to, a.from)) touching.push(a.from)
  if (d2 === 0 && onSegment(b.from, b.to, a.to)) touching.push(a.to)
  if (d3 === 0 && onSegment(a.from, a.to, b.from)) touching.push(b.from)
  if (d4 === 0 && onSegment(a.from, a.to, b.to)) touching.push(b.to)
  if (touching.length === 0) return null
  const distinct = new Set(touching.map((p) => `${p[0]},${p[1]}`)).size
  return { at: touching[0]!, overlap: collinear && distinct > 1 }
}

/**
 * Whether a closed ring crosses or touches itself: a bow-tie, a figure eight, an outline passing
 * twice through one point or turning back along itself. Edges next to each other may only share
 * their common point. A point repeated right after itself is not an edge and is passed over. The
 * edges are swept by longitude, so a ring of a few thousand points is checked at once.
 */
export function ringSelfCrossing(ring: Position[]): RingCrossing | null {
  const pts: { p: Position; n: number }[] = []
  ring.forEach((p, i) => {
    const last = pts[pts.length - 1]
    if (!last || last.p[0] !== p[0] || last.p[1] !== p[1]) pts.push({ p, n: i + 1 })
  })
  const edges: Edge[] = []
  for (let i = 0; i + 1 < pts.length; i++) {
    const from = pts[i]!.p
    const to = pts[i + 1]!.p
    edges.push({
      k: i,
      from,
      to,
      points: [pts[i]!.n, pts[i + 1]!.n],
      minX: Math.min(from[0], to[0]),
      maxX: Math.max(from[0], to[0]),
      minY: Math.min(from[1], to[1]),
      maxY: Math.max(from[1], to[1]),
    })
  }
  const n = edges.length
  const adjacent = (i: number, j: number) => Math.abs(i - j) === 1 || Math.abs(i - j) === n - 1
  const sorted = [...edges].sort((a, b) => a.minX - b.minX)
  let found: (RingCrossing & { order: number }) | null = null
  for (let x = 0; x < sorted.length; x++) {
    const a = sorted[x]!
    for (let y = x + 1; y < sorted.length && sorted[y]!.minX <= a.maxX; y++) {
      const b = sorted[y]!
      if (b.minY > a.maxY || b.maxY < a.minY) continue
      const m = meet(a, b)
      if (!m) continue
      // Neighbours share one point by construction: only running back along each other counts.
      if (adjacent(a.k, b.k) && !m.overlap) continue
      const [e1, e2] = a.k < b.k ? [a, b] : [b, a]
      const order = e1.k * n + e2.k
      if (!found || order < found.order) found = { first: e1.points, second: e2.points, at: m.at, overlap: m.overlap, order }
    }
  }
  if (!found) return null
  const { order: _, ...crossing } = found
  return crossing
}

const coord = (x: number) => Math.round(x * 1e6) / 1e6

/** The crossing in words, after the ring's name. */
function crossingText(c: RingCrossing): string {
  const edge = (e: [number, number]) => `cạnh từ điểm ${e[0]} đến điểm ${e[1]}`
  const at = `[${coord(c.at[0])}, ${coord(c.at[1])}]`
  return c.overlap
    ? `tự chồng lên chính nó: ${edge(c.second)} đi ngược lại dọc ${edge(c.first)} (tại ${at}). Hãy vẽ lại để các cạnh không chồng lên nhau.`
    : `tự cắt chính nó (hình nơ hoặc số 8): ${edge(c.first)} cắt ${edge(c.second)} tại ${at}. Hãy vẽ lại để các cạnh không cắt hoặc chạm nhau.`
}

function cap(problems: string[]): string[] {
  if (problems.length <= MAX_PROBLEMS) return problems
  return [...problems.slice(0, MAX_PROBLEMS), `… và ${fmt(problems.length - MAX_PROBLEMS)} lỗi khác.`]
}

/** A zone is in force from its first day to its last, inclusive; open-ended without an end. The SQL in the areas context says the same. */
export function zoneActiveOn(z: { startsOn: string; endsOn: string | null }, day: string): boolean {
  return z.startsOn <= day && (z.endsOn === null || z.endsOn >= day)
}
