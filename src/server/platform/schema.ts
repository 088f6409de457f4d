import type { ColumnType, Generated, JSONColumnType } from 'kysely'

type DefaultedTimestamp = ColumnType<Date, Date | string | undefined, Date | string>
type NullableTimestamp = ColumnType<Date | null, Date | string | null | undefined, Date | string | null>
type Json = ColumnType<unknown, string, string>

export interface UnitsTable {
  id: string
  period: string
  code: string
  name: string
  nameEn: string | null
  nameFold: string
  unitType: string
  level: 'province' | 'district' | 'commune' | 'hamlet' | 'group'
  parentId: string | null
  path: string
  validFrom: string | null
  validTo: string | null
  local: Generated<boolean>
  createdAt: DefaultedTimestamp
  updatedAt: DefaultedTimestamp
}

export interface UnitLinksTable {
  oldId: string
  newId: string
  kind: 'full' | 'partial'
}

export interface UnitPopulationsTable {
  unitId: string
  year: number
  population: number
  source: string
  method: string | null
  updatedAt: DefaultedTimestamp
}

export interface UnitBoundariesTable {
  unitId: string
  geometry: Json
  areaKm2: number | null
  source: string
  updatedAt: DefaultedTimestamp
}

export interface OrgsTable {
  id: Generated<number>
  key: string | null
  name: string
  nameFold: string
  kind: string
  parentId: number | null
  unitId: string
  headName: string | null
  headPosition: string | null
  aliases: ColumnType<string[], string[] | undefined, string[]>
  aliasesFold: Generated<string>
  createdAt: DefaultedTimestamp
  updatedAt: DefaultedTimestamp
}

export interface OrgGroupsTable {
  key: string
  name: string
  aliases: ColumnType<string[], string[] | undefined, string[]>
  members: JSONColumnType<{ kinds?: string[]; keys?: string[] }>
}

export interface UsersTable {
  id: Generated<number>
  username: string
  passwordHash: string
  displayName: string
  role: string
  unitId: string
  orgId: number | null
  active: Generated<boolean>
  failedLogins: Generated<number>
  lockedUntil: NullableTimestamp
  lastLoginAt: NullableTimestamp
  locale: Generated<string>
  createdAt: DefaultedTimestamp
  updatedAt: DefaultedTimestamp
}

export interface SessionsTable {
  id: string
  userId: number
  csrfToken: string
  createdAt: DefaultedTimestamp
  expiresAt: ColumnType<Date, Date | string, Date | string>
}

export interface PeopleTable {
  id: Generated<number>
  fullName: string
  nameFold: string
  birthYear: number | null
  birthDate: string | null
  sex: 'male' | 'female' | 'other' | null
  nationalId: string | null
  phone: string | null
  unitId: string
  unitPath: string
  address: string | null
  nationality: Generated<string>
  createdAt: DefaultedTimestamp
  updatedAt: DefaultedTimestamp
}

export interface AuditLogTable {
  id: Generated<number>
  at: DefaultedTimestamp
  actorId: number | null
  actorName: string | null
  action: string
  entity: string
  entityId: string | null
  unitPath: string | null
  before: Json | null
  after: Json | null
  requestId: string | null
}

export interface JobsTable {
  id: Generated<number>
  kind: string
  status: Generated<'queued' | 'running' | 'done' | 'failed' | 'cancelled'>
  title: string
  payload: Json
  checkpoint: Json | null
  result: Json | null
  error: string | null
  progressDone: Generated<number>
  progressTotal: number | null
  message: string | null
  cancelRequested: Generated<boolean>
  attempts: Generated<number>
  createdBy: number | null
  createdAt: DefaultedTimestamp
  startedAt: NullableTimestamp
  heartbeatAt: NullableTimestamp
  finishedAt: NullableTimestamp
}

export interface JobFilesTable {
  jobId: number
  fileName: string
  content: Buffer
}

export interface SettingsTable {
  key: string
  value: Json
}

export interface MigrationsTable {
  name: string
  appliedAt: DefaultedTimestamp
}

export interface DB {
  units: UnitsTable
  unitLinks: UnitLinksTable
  unitPopulations: UnitPopulationsTable
  unitBoundaries: UnitBoundariesTable
  orgs: OrgsTable
  orgGroups: OrgGroupsTable
  users: UsersTable
  sessions: SessionsTable
  people: PeopleTable
  auditLog: AuditLogTable
  jobs: JobsTable
  jobFiles: JobFilesTable
  settings: SettingsTable
  schemaMigrations: MigrationsTable
}
