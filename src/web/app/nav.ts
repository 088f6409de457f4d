import type { Permission } from '../../domain/access/roles.ts'
import type { MessageKey } from './i18n.tsx'

export interface NavItem {
  to: string
  label: MessageKey
  permission?: Permission
  /** Also needs one of these: a screen only useful to those who can act on it. */
  anyOf?: Permission[]
}

export interface NavGroup {
  label: MessageKey
  items: NavItem[]
}

/** Functions of the command system that have no screen yet; each opens a plain notice. */
export const NOT_BUILT: { path: string; label: MessageKey }[] = [
  { path: 'reports', label: 'nav.reports' },
  { path: 'public', label: 'nav.public' },
]

/** The roles that lead (Office, steering committee, health department, administrators): the command board is theirs. */
export const LEADS: Permission[] = ['directives:review', 'levels:publish', 'levels:rules', 'users:admin']

export const NAV: NavGroup[] = [
  {
    label: 'nav.groupMain',
    items: [
      { to: '/', label: 'nav.home' },
      { to: '/bang-dieu-hanh', label: 'board.nav', permission: 'analytics:read', anyOf: LEADS },
      { to: '/map', label: 'nav.map', permission: 'units:read' },
      { to: '/units', label: 'nav.units', permission: 'units:read' },
      { to: '/orgs', label: 'nav.orgs', permission: 'orgs:read' },
      { to: '/people', label: 'nav.people', permission: 'people:read' },
    ],
  },
  {
    label: 'nav.surveillance',
    items: [
      { to: '/surveillance/overview', label: 'nav.surv.overview', permission: 'surveillance:read' },
      { to: '/surveillance/cases', label: 'nav.surv.cases', permission: 'surveillance:read' },
      { to: '/surveillance/contacts', label: 'nav.surv.contacts', permission: 'surveillance:read' },
      { to: '/surveillance/tests', label: 'nav.surv.tests', permission: 'surveillance:read' },
      { to: '/surveillance/campaigns', label: 'nav.surv.campaigns', permission: 'surveillance:read' },
      { to: '/surveillance/clusters', label: 'nav.surv.clusters', permission: 'surveillance:read' },
      { to: '/surveillance/zones', label: 'nav.surv.zones', permission: 'surveillance:read' },
      { to: '/surveillance/followups', label: 'nav.surv.followups', permission: 'surveillance:read' },
      { to: '/surveillance/imports', label: 'nav.surv.imports', permission: 'surveillance:import' },
      { to: '/analytics', label: 'nav.analytics', permission: 'analytics:read' },
    ],
  },
  {
    label: 'nav.quarantine',
    items: [
      { to: '/quarantine', label: 'q.nav.facilities', permission: 'quarantine:read' },
      { to: '/quarantine/due', label: 'q.nav.due', permission: 'quarantine:read' },
      { to: '/quarantine/home', label: 'q.nav.home', permission: 'quarantine:read' },
      { to: '/quarantine/rules', label: 'q.nav.rules', permission: 'quarantine:read' },
    ],
  },
  {
    label: 'entry.nav',
    items: [
      { to: '/entry/arrivals', label: 'entry.nav.arrivals', permission: 'entry:read' },
      { to: '/entry/checkpoints', label: 'entry.nav.checkpoints', permission: 'entry:read' },
      { to: '/entry/illegal', label: 'entry.nav.illegal', permission: 'entry:read' },
      { to: '/entry/zones', label: 'entry.nav.zones', permission: 'entry:read' },
      { to: '/khai-bao/den-dia-phuong', label: 'entry.nav.publicArrival' },
      { to: '/bao-tin/nhap-canh-trai-phep', label: 'entry.nav.publicReport' },
    ],
  },
  {
    label: 'nav.care',
    items: [
      { to: '/care', label: 'care.nav.tower', permission: 'care:read' },
      { to: '/care/home', label: 'care.nav.home', permission: 'care:read' },
      { to: '/care/tasks', label: 'care.nav.tasks', permission: 'care:read' },
      { to: '/care/rules', label: 'care.nav.rules', permission: 'care:read' },
    ],
  },
  {
    label: 'vac.nav',
    items: [
      { to: '/tiem-chung', label: 'vac.nav.coverage', permission: 'vaccination:read' },
      { to: '/tiem-chung/nhap', label: 'vac.nav.entry', permission: 'vaccination:write' },
      { to: '/tiem-chung/nhap-tep', label: 'vac.nav.import', permission: 'vaccination:import' },
    ],
  },
  {
    label: 'nav.groupOperations',
    items: [
      { to: '/viec-cua-toi', label: 'nav.myTasks', permission: 'directives:read' },
      { to: '/directives', label: 'nav.directives', permission: 'directives:read' },
      { to: '/levels', label: 'nav.levels', permission: 'levels:read' },
      { to: '/levels/rules', label: 'nav.levels.rules', permission: 'levels:read' },
      { to: '/cong-khai/cap-do', label: 'nav.levels.public' },
      { to: '/an-toan', label: 'nav.safety', permission: 'safety:read' },
      { to: '/an-toan/bo-tieu-chi', label: 'safety.nav.checklists', permission: 'safety:read' },
      { to: '/cong-khai/an-toan', label: 'safety.nav.publicMap' },
      { to: '/su-kien', label: 'ev.nav.calendar', permission: 'events:read' },
      { to: '/cong-khai/su-kien', label: 'ev.nav.public' },
      { to: '/kiem-tra', label: 'enf.nav.violations', permission: 'enforcement:read' },
      { to: '/kiem-tra/ke-hoach', label: 'enf.nav.plans', permission: 'enforcement:read' },
      { to: '/kiem-tra/khen-thuong', label: 'enf.nav.recognitions', permission: 'enforcement:read' },
      { to: '/su-kien/quy-dinh', label: 'ev.nav.rules', permission: 'events:read' },
      ...NOT_BUILT.map((n) => ({ to: `/${n.path}`, label: n.label })),
    ],
  },
  {
    label: 'nav.groupAdmin',
    items: [
      { to: '/admin/users', label: 'nav.users', permission: 'users:admin' },
      { to: '/admin/audit', label: 'nav.audit', permission: 'audit:read' },
      // Everyone may read jobs (the home page shows their progress); the screen is for those who start or manage them.
      { to: '/admin/jobs', label: 'nav.jobs', permission: 'jobs:read', anyOf: ['jobs:manage', 'units:import'] },
    ],
  },
]
