/**
 * Chains of transmission in figures. A chain is a connected component of the people currently
 * active in surveillance (the active F0 and the contacts that have a degree), joined by exposures
 * and source links. Every contact's degree leads to one F0 (its root), so the people sharing a
 * root form a connected tree; chains are the unions of the trees that an exposure or a source link
 * joins. Given the trees that join nothing (already summed), the trees that do and the pairs of
 * roots joined, this says how many chains there are, the number of people in the largest and the
 * highest degree in any.
 */
export interface ChainFigures {
  count: number
  largest: number
  deepest: number
}

export function summariseChains(
  single: ChainFigures,
  trees: readonly { root: number; n: number; deep: number }[],
  pairs: readonly (readonly [number, number])[],
): ChainFigures {
  const index = new Map<number, number>()
  trees.forEach((t, i) => {
    index.set(t.root, i)
  })
  const parent = Int32Array.from(trees, (_, i) => i)
  const find = (x: number): number => {
    let r = x
    while (parent[r] !== r) r = parent[r]!
    // Path halving keeps later finds short.
    while (parent[x] !== r) {
      const next = parent[x]!
      parent[x] = r
      x = next
    }
    return r
  }
  for (const [a, b] of pairs) {
    const ia = index.get(a)
    const ib = index.get(b)
    if (ia === undefined || ib === undefined) continue
    const ra = find(ia)
    const rb = find(ib)
    if (ra !== rb) parent[Math.max(ra, rb)] = Math.min(ra, rb)
  }
  const size = new Map<number, number>()
  let deepest = single.deepest
  trees.forEach((t, i) => {
    const r = find(i)
    size.set(r, (size.get(r) ?? 0) + t.n)
    deepest = Math.max(deepest, t.deep)
  })
  let largest = single.largest
  for (const n of size.values()) largest = Math.max(largest, n)
  return { count: single.count + size.size, largest, deepest }
}
