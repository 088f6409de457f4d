import { describe, expect, it } from 'vitest'
import { coalesce } from './coalesce.ts'

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
})
