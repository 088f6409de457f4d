import { describe, expect, it } from 'vitest'
import { summariseChains } from './chains.ts'

const none = { count: 0, largest: 0, deepest: 0 }

describe('chain figures', () => {
  it('counts lone trees as they are', () => {
    expect(summariseChains({ count: 3, largest: 7, deepest: 2 }, [], [])).toEqual({ count: 3, largest: 7, deepest: 2 })
    expect(summariseChains(none, [], [])).toEqual(none)
  })

  it('joins trees through pairs, transitively, whatever the order and repetitions', () => {
    const trees = [
      { root: 10, n: 4, deep: 1 },
      { root: 20, n: 3, deep: 3 },
      { root: 30, n: 5, deep: 2 },
      { root: 40, n: 1, deep: 0 },
      { root: 50, n: 2, deep: 1 },
    ]
    const pairs: [number, number][] = [
      [30, 20],
      [10, 20],
      [20, 10],
      [40, 50],
    ]
    expect(summariseChains({ count: 2, largest: 6, deepest: 4 }, trees, pairs)).toEqual({ count: 4, largest: 12, deepest: 4 })
    expect(summariseChains(none, trees, [...pairs].reverse())).toEqual({ count: 2, largest: 12, deepest: 3 })
  })

  it('joins a long chain of pairs into one (no recursion depth limit)', () => {
    const trees = Array.from({ length: 200_000 }, (_, i) => ({ root: i, n: 1, deep: i % 7 }))
    const pairs = trees.slice(1).map((t) => [t.root, t.root - 1] as [number, number])
    expect(summariseChains(none, trees, pairs)).toEqual({ count: 1, largest: 200_000, deepest: 6 })
  })

  it('ignores pairs naming a root it was not given', () => {
    expect(summariseChains(none, [{ root: 1, n: 2, deep: 1 }], [[1, 99]])).toEqual({ count: 1, largest: 2, deepest: 1 })
  })
})
