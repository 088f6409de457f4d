import { describe, expect, it } from 'vitest'
import { accountDelayMs, FailedLoginWindow, LOGIN_THROTTLE, pairBlockMs, throttleAddress } from './roles.ts'

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

describe('the address failures are counted against', () => {
  it('is an IPv4 address itself, and the /64 network of an IPv6 address however it is written', () => {
    expect(throttleAddress('203.113.5.9')).toBe('203.113.5.9')
    expect(throttleAddress('::ffff:203.113.5.9')).toBe('203.113.5.9')
    expect(throttleAddress('2001:ee0:4141:7a2::1')).toBe('2001:ee0:4141:7a2::/64')
    expect(throttleAddress('2001:0ee0:4141:07a2:9c1f:22ff:fe01:abcd')).toBe('2001:ee0:4141:7a2::/64')
    expect(throttleAddress('2001:EE0:4141:7A2:ffff::5')).toBe('2001:ee0:4141:7a2::/64')
    expect(throttleAddress('2001:ee0::1')).toBe('2001:ee0:0:0::/64')
    expect(throttleAddress('::1')).toBe('0:0:0:0::/64')
    expect(throttleAddress('fe80::1%eth0')).toBe('fe80:0:0:0::/64')
    // Two addresses of one /64 are one, of two networks are two.
    expect(throttleAddress('2001:ee0:4141:7a2::aa')).toBe(throttleAddress('2001:ee0:4141:7a2:1:2:3:4'))
    expect(throttleAddress('2001:ee0:4141:7a3::aa')).not.toBe(throttleAddress('2001:ee0:4141:7a2::aa'))
  })
})
