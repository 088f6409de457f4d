import { describe, expect, it } from 'vitest'
import { accountDelayMs, FailedLoginWindow, LOGIN_THROTTLE, pairBlockMs } from './roles.ts'

describe('login throttling rules', () => {
  it('refuses a pair from the fifth failure, twice as long each time, at most an hour', () => {
    expect([1, 2, 3, 4].map(pairBlockMs)).toEqual([0, 0, 0, 0])
    expect([5, 6, 7, 8, 9].map((n) => pairBlockMs(n) / 60_000)).toEqual([5, 10, 20, 40, 60])
    expect(pairBlockMs(1_000_000)).toBe(LOGIN_THROTTLE.pairMaxBlockMs)
  })

  it('delays an account under attack by a bounded amount', () => {
    expect(accountDelayMs(9)).toBe(0)
    expect(accountDelayMs(10)).toBe(100)
    expect(accountDelayMs(1_000_000)).toBe(1000)
  })

  it('blocks an address only after a flood of failures, for the rest of the window', () => {
    const w = new FailedLoginWindow(3, 60_000)
    for (let i = 0; i < 3; i++) {
      expect(w.retryAfter('a', i * 1000)).toBe(0)
      w.record('a', i * 1000)
    }
    expect(w.retryAfter('a', 3000)).toBe(57_000)
    expect(w.retryAfter('b', 3000)).toBe(0)
    expect(w.retryAfter('a', 61_000)).toBe(0)
  })
})
