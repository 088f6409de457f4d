/** What a user may do. Jurisdiction (which units) is separate: the user's unit subtree. */
export const PERMISSIONS = [
  'units:read',
  'units:write-local', // hamlets and residents' groups under a commune
  'units:import', // populations and boundaries
  'orgs:read',
  'orgs:write',
  'people:read',
  'people:write',
  'users:admin',
  'audit:read',
  'jobs:read',
  'jobs:manage',
  'directives:read',
  'directives:write', // import, compose, issue, edit directives
  'directives:report', // post progress reports as one's own body
  'directives:review', // accept or return reports (the Office)
  'surveillance:read', // cases, contacts, tests, clusters and zones in the jurisdiction
  'surveillance:write', // enter and change them, follow contacts up
  'surveillance:import', // bulk imports of cases, contacts and test results
  'surveillance:rules', // the dated surveillance rules (infectious window, follow-up, clusters)
  'analytics:read', // figures without persons: R(t), incidence per 100,000, positivity (the serial interval is a surveillance rule)
  'quarantine:read', // quarantine facilities, placements, occupancy in the jurisdiction
  'quarantine:write', // facilities, placements, transfers, releases, daily checks
  'quarantine:rules', // the dated quarantine rules (durations, monitoring, tests)
  'care:read', // treatment facilities, beds, admissions, F0 at home and their checks in the jurisdiction
  'care:write', // facilities, admissions, transfers, discharges, home care, checks, escalations
  'care:rules', // the dated home-care rules (eligibility, warning signs, release)
  'levels:read', // epidemic levels: weekly assessments, history, rule sets
  'levels:assess', // enter a week's figures and compute the levels of units in the jurisdiction
  'levels:publish', // the steering committee: override with a reason, publish with an effective date
  'levels:rules', // fork a national rule set into the province's dated variant and edit it
  'safety:read', // facilities (with their heads), checklists and assessments in the jurisdiction
  'safety:write', // register facilities, enter assessments, issue links and posters
  'safety:import', // bulk import of facilities from a table
  'safety:rules', // the province's checklist versions
  'entry:read', // arrivals, checkpoints, illegal-entry cases, zones and ports in the jurisdiction
  'entry:write', // record arrivals and act on them, checkpoints and their log, illegal-entry cases and their steps
  'entry:rules', // the province's epidemic zones and ports of entry (dated data)
  'events:read', // registered events, their advice and decisions, the calendar of the jurisdiction
  'events:write', // register events for organisers and ask the health authority for advice
  'events:advise', // the health authority's advice on an event (guests from abroad)
  'events:decide', // approve, approve with conditions or refuse an event (the people's committee)
  'events:rules', // the province's dated variant of the event rules per epidemic level
  'enforcement:read', // inspection plans and visits, violations and their follow-up, commendations and discipline in the jurisdiction
  'enforcement:write', // plan and record inspections and violations, follow them up, record commendations and discipline
  'vaccination:read', // aggregate doses, denominators, coverage and targets (no persons)
  'vaccination:write', // enter a commune's doses of a day and its denominators
  'vaccination:import', // bulk import of dose figures from a table
  'vaccination:targets', // the province's coverage targets with their deadlines
] as const
export type Permission = (typeof PERMISSIONS)[number]

export const ROLES = {
  admin: { vi: 'Quản trị hệ thống', en: 'System administrator' },
  steering: { vi: 'Thành viên Ban Chỉ đạo', en: 'Steering committee member' },
  office: { vi: 'Chuyên viên Văn phòng', en: 'Office staff' },
  health: { vi: 'Cán bộ y tế / CDC', en: 'Health / CDC officer' },
  tracer: { vi: 'Cán bộ truy vết', en: 'Contact tracer' },
  quarantine: { vi: 'Quản lý cơ sở cách ly', en: 'Quarantine facility manager' },
  care: { vi: 'Nhân viên cơ sở điều trị', en: 'Care facility staff' },
  commune: { vi: 'Cán bộ xã, phường', en: 'Commune officer' },
  border: { vi: 'Biên phòng / Công an', en: 'Border guard / police officer' },
  viewer: { vi: 'Người xem', en: 'Viewer' },
} as const
export type Role = keyof typeof ROLES
export const ROLE_KEYS = Object.keys(ROLES) as Role[]

const READ: Permission[] = ['units:read', 'orgs:read', 'jobs:read', 'directives:read', 'analytics:read', 'levels:read', 'vaccination:read']
const PEOPLE: Permission[] = ['people:read', 'people:write']
const SURVEILLANCE: Permission[] = ['surveillance:read', 'surveillance:write']
const QUARANTINE: Permission[] = ['quarantine:read', 'quarantine:write']
const CARE: Permission[] = ['care:read', 'care:write']
const SAFETY: Permission[] = ['safety:read', 'safety:write']
const ENTRY: Permission[] = ['entry:read', 'entry:write']

export const ROLE_PERMISSIONS: Record<Role, readonly Permission[]> = {
  admin: [...PERMISSIONS],
  steering: [...READ, 'people:read', 'surveillance:read', 'directives:report', 'quarantine:read', 'care:read', 'levels:assess', 'levels:publish', 'safety:read', 'entry:read', 'events:read', 'events:decide', 'enforcement:read', 'vaccination:targets'],
  office: [...READ, 'orgs:write', 'jobs:manage', 'directives:write', 'directives:report', 'directives:review'],
  health: [...READ, ...PEOPLE, ...SURVEILLANCE, 'surveillance:import', 'surveillance:rules', 'units:import', 'jobs:manage', 'directives:report', ...QUARANTINE, 'quarantine:rules', ...CARE, 'care:rules', 'levels:assess', 'levels:rules', ...SAFETY, 'safety:import', 'safety:rules', ...ENTRY, 'entry:rules', 'events:read', 'events:advise', 'events:rules', 'enforcement:read', 'enforcement:write', 'vaccination:write', 'vaccination:import', 'vaccination:targets'],
  tracer: [...READ, ...PEOPLE, ...SURVEILLANCE, 'quarantine:read', 'care:read', 'entry:read'],
  quarantine: [...READ, ...PEOPLE, ...SURVEILLANCE, 'directives:report', ...QUARANTINE, 'care:read', 'entry:read'],
  care: [...READ, ...PEOPLE, ...SURVEILLANCE, 'directives:report', 'quarantine:read', ...CARE],
  commune: [...READ, ...PEOPLE, ...SURVEILLANCE, 'units:write-local', 'directives:report', ...QUARANTINE, ...CARE, 'levels:assess', ...SAFETY, 'safety:import', ...ENTRY, 'events:read', 'events:write', 'events:decide', 'enforcement:read', 'enforcement:write', 'vaccination:write', 'vaccination:import'],
  border: [...READ, ...PEOPLE, ...SURVEILLANCE, 'directives:report', ...QUARANTINE, ...ENTRY],
  viewer: [...READ],
}

export function isRole(value: string): value is Role {
  return Object.hasOwn(ROLES, value)
}

export function can(role: Role, permission: Permission): boolean {
  return ROLE_PERMISSIONS[role].includes(permission)
}

/**
 * Login throttling. A wrong password never locks the account itself: failures are counted per
 * (account name, client address) pair, so guessing one account from one place is slowed down while
 * its owner can still sign in from elsewhere.
 * - After `pairFreeFailures` failures the pair is refused for `pairFirstBlockMs`, doubling with every
 *   further failure up to `pairMaxBlockMs`. Attempts while refused are not counted.
 * - A pair's count is forgotten `forgetAfterMs` after its last failure, and on a successful login.
 * - An account with many failures from all addresses together (within `accountWindowMs`) answers
 *   every attempt, right or wrong, after a short delay of at most `accountMaxDelayMs`: guessing
 *   from many addresses is slowed without refusing the owner.
 * - One address may fail `addressMaxFailures` times within `addressWindowMs`, across accounts, before
 *   it is refused altogether: high enough for a whole office behind one proxy.
 * Unknown names are counted like real ones, so throttling reveals nothing about which accounts exist.
 */
export const LOGIN_THROTTLE = {
  pairFreeFailures: 5,
  pairFirstBlockMs: 5 * 60_000,
  pairMaxBlockMs: 60 * 60_000,
  forgetAfterMs: 24 * 3600_000,
  accountWindowMs: 60 * 60_000,
  accountDelayAfter: 10,
  accountDelayStepMs: 100,
  accountMaxDelayMs: 1000,
  addressMaxFailures: 100,
  addressWindowMs: 10 * 60_000,
} as const

/** How long a (name, address) pair is refused after its `failures`-th consecutive failure (0: not refused). */
export function pairBlockMs(failures: number): number {
  const over = failures - LOGIN_THROTTLE.pairFreeFailures
  if (over < 0) return 0
  return Math.min(LOGIN_THROTTLE.pairFirstBlockMs * 2 ** Math.min(over, 30), LOGIN_THROTTLE.pairMaxBlockMs)
}

/** The delay before answering any attempt on an account with `recentFailures` failures from all addresses. */
export function accountDelayMs(recentFailures: number): number {
  const over = recentFailures - LOGIN_THROTTLE.accountDelayAfter
  if (over < 0) return 0
  return Math.min((over + 1) * LOGIN_THROTTLE.accountDelayStepMs, LOGIN_THROTTLE.accountMaxDelayMs)
}

/**
 * Failed logins per client address in a sliding window, across all accounts: spraying many names
 * from one address is stopped, successful logins of a shared office connection are never counted.
 */
export class FailedLoginWindow {
  private failures = new Map<string, number[]>()
  constructor(
    readonly max: number = LOGIN_THROTTLE.addressMaxFailures,
    readonly windowMs: number = LOGIN_THROTTLE.addressWindowMs,
  ) {}
  /** Milliseconds until `key` may try again, or 0. */
  retryAfter(key: string, now: number): number {
    const recent = (this.failures.get(key) ?? []).filter((t) => now - t < this.windowMs)
    if (recent.length) this.failures.set(key, recent)
    else this.failures.delete(key)
    return recent.length >= this.max ? this.windowMs - (now - recent[0]!) : 0
  }
  record(key: string, now: number): void {
    // Addresses that never come back are dropped once the map grows.
    if (this.failures.size > 10_000) for (const k of [...this.failures.keys()]) this.retryAfter(k, now)
    const list = (this.failures.get(key) ?? []).filter((t) => now - t < this.windowMs)
    list.push(now)
    this.failures.set(key, list)
  }
}

/**
 * The address failures are counted against: an IPv4 address as it is, an IPv6 address by its /64
 * network (one subscriber's line gets a whole /64, so counting single addresses would let one
 * client rotate through billions of them), an IPv4-mapped IPv6 address as the IPv4 address.
 */
export function throttleAddress(address: string): string {
  const a = address.trim().toLowerCase().replace(/%.*$/, '')
  const mapped = /^(?:0*:)*:?ffff:(\d{1,3}(?:\.\d{1,3}){3})$/.exec(a) ?? /^::ffff:(\d{1,3}(?:\.\d{1,3}){3})$/.exec(a)
  if (mapped) return mapped[1]!
  if (!a.includes(':')) return a
  const [head, tail] = a.includes('::') ? (a.split('::') as [string, string]) : [a, null]
  const left = head ? head.split(':') : []
  const right = tail === null ? [] : tail ? tail.split(':') : []
  const groups = tail === null ? left : [...left, ...Array(Math.max(0, 8 - left.length - right.length)).fill('0'), ...right]
  if (groups.length !== 8 || groups.some((g) => !/^[0-9a-f]{1,4}$/.test(g))) return a
  return `${groups
    .slice(0, 4)
    .map((g) => g.replace(/^0+(?=.)/, ''))
    .join(':')}::/64`
}
