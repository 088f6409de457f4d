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

const READ: Permission[] = ['units:read', 'orgs:read', 'jobs:read', 'directives:read']
const PEOPLE: Permission[] = ['people:read', 'people:write']

export const ROLE_PERMISSIONS: Record<Role, readonly Permission[]> = {
  admin: [...PERMISSIONS],
  steering: [...READ, 'people:read', 'directives:report'],
  office: [...READ, 'orgs:write', 'jobs:manage', 'directives:write', 'directives:report', 'directives:review'],
  health: [...READ, ...PEOPLE, 'units:import', 'jobs:manage', 'directives:report'],
  tracer: [...READ, ...PEOPLE],
  quarantine: [...READ, ...PEOPLE, 'directives:report'],
  care: [...READ, ...PEOPLE, 'directives:report'],
  commune: [...READ, ...PEOPLE, 'units:write-local', 'directives:report'],
  border: [...READ, ...PEOPLE, 'directives:report'],
  viewer: [...READ],
}

export function isRole(value: string): value is Role {
  return Object.hasOwn(ROLES, value)
}

export function can(role: Role, permission: Permission): boolean {
  return ROLE_PERMISSIONS[role].includes(permission)
}

/** Login lockout: after `maxFailures` consecutive failures the account is locked for `lockMinutes`. */
export const LOCKOUT = { maxFailures: 5, lockMinutes: 15 } as const

export function lockoutAfterFailure(failures: number, now: Date): Date | null {
  return failures >= LOCKOUT.maxFailures ? new Date(now.getTime() + LOCKOUT.lockMinutes * 60_000) : null
}

/**
 * Failed logins per client address in a sliding window: guessing across many accounts from one
 * address is slowed down without counting the successful logins of a shared office connection.
 */
export class FailedLoginWindow {
  private failures = new Map<string, number[]>()
  constructor(
    readonly max = 20,
    readonly windowMs = 10 * 60_000,
  ) {}
  /** Milliseconds until `key` may try again, or 0. */
  retryAfter(key: string, now: number): number {
    const recent = (this.failures.get(key) ?? []).filter((t) => now - t < this.windowMs)
    this.failures.set(key, recent)
    return recent.length >= this.max ? this.windowMs - (now - recent[0]!) : 0
  }
  record(key: string, now: number): void {
    const list = this.failures.get(key) ?? []
    list.push(now)
    this.failures.set(key, list)
  }
}
