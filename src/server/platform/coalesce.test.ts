import { describe, expect, it } from 'vitest'
import { coalesce, keptRead } from './coalesce.ts'

describe('coalesce', () => {
  it('shares one computation among identical reads in flight, and keeps nothing after', async () => {
    const scope = {}
    let runs = 0
    const compute = () => new Promise<number>((resolve) => setTimeout(() => resolve(++runs), 20))
    const together = await Promise.all(Array.from({ length: 20 }, () => coalesce(scope, 'k', compute)))
    expect(together).toEqual(Array(20).fill(1))
    expect(await coalesce(scope, 'k', compute)).toBe(2)
    // Other keys and other scopes compute on their own.
    const [a, b, c] = await Promise.all([coalesce(scope, 'k', compute), coalesce(scope, 'other', compute), coalesce({}, 'k', compute)])
    expect(new Set([a, b, c]).size).toBe(3)
  })

  it('shares a failure with those waiting, then tries again', async () => {
    const scope = {}
    let runs = 0
    const failing = () => new Promise<number>((_, reject) => setTimeout(() => reject(new Error(`lần ${++runs}`)), 10))
    const results = await Promise.allSettled([coalesce(scope, 'k', failing), coalesce(scope, 'k', failing)])
    expect(results.map((r) => (r.status === 'rejected' ? (r.reason as Error).message : 'ok'))).toEqual(['lần 1', 'lần 1'])
    await expect(coalesce(scope, 'k', failing)).rejects.toThrow('lần 2')
  })

  it('reuses an answer while the write position stays, and computes again once it moves', async () => {
    const scope = {}
    let position: string | null = '0/100'
    let runs = 0
    const compute = async () => ++runs
    const read = () => keptRead(scope, async () => position, 'k', compute)
    expect(await read()).toBe(1)
    expect(await read()).toBe(1)
    expect(await Promise.all([read(), read(), read()])).toEqual([1, 1, 1])
    position = '0/180'
    expect(await read()).toBe(2)
    expect(await read()).toBe(2)
    // Another key is its own answer; without a position nothing is reused.
    expect(await keptRead(scope, async () => position, 'other', compute)).toBe(3)
    position = null
    expect(await read()).toBe(4)
    expect(await read()).toBe(5)
  })

  it('keeps a bounded number of answers, forgetting the least recently used', async () => {
    const scope = {}
    let runs = 0
    const read = (key: string) => keptRead(scope, async () => '0/1', key, async () => ++runs)
    await read('first')
    for (let i = 0; i < 100; i++) await read(`k${i}`)
    expect(runs).toBe(101)
    await read('first')
    expect(runs).toBe(102)
    await read('k99')
    expect(runs).toBe(102)
  })
})
