import { readdir } from 'node:fs/promises'
import { describe, expect, it } from 'vitest'

describe('migrations', () => {
  it('are numbered once each, in a continuous sequence', async () => {
    const files = (await readdir(new URL('../../../migrations/', import.meta.url))).filter((f) => f.endsWith('.sql')).sort()
    const numbers = files.map((f) => Number(/^(\d{4})_[a-z0-9_]+\.sql$/.exec(f)?.[1]))
    expect(numbers.every(Number.isInteger)).toBe(true)
    expect(numbers).toEqual(numbers.map((_, i) => i + 1))
  })
})
