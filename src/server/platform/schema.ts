import type { ColumnType, Generated, JSONColumnType } from 'kysely'

type DefaultedTimestamp = ColumnType<Date, Date | string | undefined, Date | string>
type NullableTimestamp = ColumnType<Date | null, Date | string | null | undefined, Date | string | null>
type Json = ColumnType<unknown, string, string>
/** Vietnamese sort key of the row's name (src/domain/text/sortKey.ts); filled after migrations when missing. */
type SortKey = ColumnType<string | null, string | null | undefined, string | null>

export interface UnitsTable {
  id: string
  period: string
  code: string
  name: string
  nameEn: string | null
  nameFold: string
  nameSort: SortKey
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
  nameSort: SortKey
  kind: string
  parentId: number | null
  unitId: string
  headName: string | null
  headPosition: string | null
  aliases: ColumnType<string[], string[] | undefined, string[]>
  aliasesFold: Generated<string>
  docCode: string | null
  validFrom: string | null
  validTo: string | null
  servedUnitId: string | null
  createdAt: DefaultedTimestamp
  updatedAt: DefaultedTimestamp
}

/** A body's successor: who took over its work, from which day, and how (0008). */
export interface OrgSuccessorsTable {
  id: Generated<number>
  orgId: number
  successorId: number
  kind: 'merged' | 'renamed' | 'split' | 'transferred'
  effectiveOn: string
  note: string | null
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
  nameSort: SortKey
  role: string
  unitId: string
  orgId: number | null
  active: Generated<boolean>
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

export interface LoginThrottleTable {
  username: string
  address: string
  failures: Generated<number>
  lastFailedAt: ColumnType<Date, Date | string, Date | string>
  blockedUntil: NullableTimestamp
}

export interface PeopleTable {
  id: Generated<number>
  fullName: string
  nameFold: string
  nameSort: SortKey
  birthYear: number | null
  birthDate: string | null
  sex: 'male' | 'female' | 'other' | null
  nationalId: string | null
  phone: string | null
  unitId: string
  unitPath: string
  address: string | null
  nationality: Generated<string>
  /** Uppercase letters and digits; unique per nationality. */
  passportNo: string | null
  /** Temporary residence (tạm trú): a unit of any level, and the address there. */
  tempUnitId: string | null
  tempAddress: string | null
  workplace: string | null
  createdAt: DefaultedTimestamp
  updatedAt: DefaultedTimestamp
}

/** Every distinct name borne in `people`, once, for name search (kept by a trigger). */
export interface PersonNamesTable {
  fullName: string
  nameFold: string
  nameSort: string
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
  /** The runner holding the job while it runs, and until when (renewed by its heartbeat). */
  leaseOwner: string | null
  leaseExpiresAt: NullableTimestamp
  /** The upload holding the job's file. */
  uploadId: number | null
}

export interface JobFilesTable {
  jobId: number
  fileName: string
  content: Buffer
}

export interface UploadsTable {
  id: Generated<number>
  purpose: string
  fileName: string
  size: number
  sha256: string | null
  complete: Generated<boolean>
  createdBy: number | null
  unitPath: string
  createdAt: Generated<Date>
  expiresAt: Date | null
}

export interface UploadChunksTable {
  uploadId: number
  seq: number
  data: Buffer
}

export interface SettingsTable {
  key: string
  value: Json
}

export interface MigrationsTable {
  name: string
  appliedAt: DefaultedTimestamp
}

export interface DirectivesTable {
  id: Generated<number>
  status: 'imported' | 'draft' | 'issued'
  system: 'party' | 'state'
  docType: string
  number: string | null
  symbol: string | null
  issuerOrgId: number | null
  issuerName: string
  place: string | null
  issuedOn: string | null
  urgency: string | null
  secrecy: string | null
  summary: string
  addressees: Json
  recipients: Json
  body: string
  signing: Json
  sourceText: string | null
  unitPath: string
  createdBy: number | null
  createdAt: DefaultedTimestamp
  updatedAt: DefaultedTimestamp
  issuedAt: NullableTimestamp
}

export interface DirectiveReferencesTable {
  id: Generated<number>
  directiveId: number
  text: string
  symbol: string | null
  refDate: string | null
  targetId: number | null
}

export interface DirectiveFilesTable {
  id: Generated<number>
  directiveId: number
  fileName: string
  mime: string
  content: Buffer
  createdAt: DefaultedTimestamp
}

export interface DirectiveTasksTable {
  id: Generated<number>
  directiveId: number
  position: number
  ref: string
  text: string
  deadline: string | null
  cadence: Json
}

export interface TaskAssignmentsTable {
  id: Generated<number>
  taskId: number
  orgId: number
  role: 'lead' | 'coordinating'
  nameAsWritten: string | null
  status: Generated<'done' | 'on_time' | 'late' | 'not_started'>
  overdueSince: string | null
  nextDue: string | null
  percent: number | null
  lastReportAt: NullableTimestamp
  statusAt: DefaultedTimestamp
  /** Filled from the task by a trigger. */
  directiveId: Generated<number>
  /** The directive's date once it is not a draft (kept by triggers). */
  issuedOn: Generated<string | null>
  /** When the stored status may next change with the clock; null: only a report or review changes it. */
  nextCheckAt: Generated<Date | null>
  /** The path of the body's unit (kept by triggers), for the body rule by index. */
  orgUnitPath: Generated<string>
  transferredFrom: number | null
  transferNote: string | null
}

/** Assignments per status by month, directive unit, issuer and body (migration 0007). */
export interface DirectiveStatusCountsTable {
  month: string
  unitPath: string
  issuerOrgId: number
  orgId: number
  done: number
  onTime: number
  late: number
  notStarted: number
}

/** The counts of DirectiveStatusCountsTable summed over issuers (migration 0034). */
export type DirectiveStatusBodyCountsTable = Omit<DirectiveStatusCountsTable, 'issuerOrgId'>

/** The deepest unit path the bodies of a directive's assignments share (migration 0033). */
export interface DirectiveReachTable {
  directiveId: number
  bodiesRoot: string | null
}

export interface TaskReportsTable {
  id: Generated<number>
  assignmentId: number
  text: string
  status: 'in_progress' | 'done' | 'blocked'
  percent: number
  submittedBy: number | null
  submittedAt: DefaultedTimestamp
  review: Generated<'pending' | 'accepted' | 'returned'>
  reviewComment: string | null
  reviewedBy: number | null
  reviewedAt: NullableTimestamp
}

export interface TaskReportFilesTable {
  id: Generated<number>
  reportId: number
  fileName: string
  mime: string
  content: Buffer
}

export interface NotificationsTable {
  id: Generated<number>
  userId: number
  kind: string
  title: string
  body: string | null
  link: string | null
  dedupeKey: string
  createdAt: DefaultedTimestamp
  readAt: NullableTimestamp
  emailedAt: NullableTimestamp
}

export interface DocumentCountersTable {
  issuerOrgId: number
  docType: string
  period: string
  lastNumber: number
}

// Surveillance (migration 0015). Paths are the person's unit path, copied on insert when omitted.
type PathOnInsert = ColumnType<string, string | undefined, string>
/** numeric columns come back as text. */
type Numeric = ColumnType<string | null, number | string | null | undefined, number | string | null>
type TextArray = ColumnType<string[], string[] | undefined, string[]>

export interface SurveillanceRulesTable {
  id: Generated<number>
  validFrom: string
  unitId: string | null
  daysBeforeOnset: number
  daysBeforeSample: number
  contactFollowDays: number
  clusterCloseDays: number
  source: string
  confidence: 'verified' | 'secondary' | 'unverified'
  note: string | null
  createdAt: DefaultedTimestamp
}

export interface PersonRefsTable {
  source: string
  ref: string
  personId: number
  createdAt: DefaultedTimestamp
}

export interface ClustersTable {
  id: Generated<number>
  code: string
  name: string
  unitId: string
  unitPath: string
  place: string | null
  status: Generated<'active' | 'closed'>
  openedOn: string
  closedOn: string | null
  note: string | null
  createdAt: DefaultedTimestamp
  updatedAt: DefaultedTimestamp
}

export interface TestCampaignsTable {
  id: Generated<number>
  name: string
  unitId: string
  unitPath: string
  startsOn: string
  endsOn: string
  method: 'pcr' | 'antigen'
  targetPeople: number | null
  note: string | null
  createdAt: DefaultedTimestamp
}

export interface TestPoolsTable {
  id: Generated<number>
  code: string
  lab: Generated<string>
  sampleDate: string
  resultDate: string | null
  result: Generated<'pending' | 'positive' | 'negative' | 'inconclusive'>
  ct: Numeric
  unitPath: string
  campaignId: number | null
  createdAt: DefaultedTimestamp
}

/** Daily counts of cases per unit path, day and facet, kept by statement triggers (migration 0037). */
export interface CaseDayCountsTable {
  unitPath: string
  kind: 'confirmed' | 'onset' | 'no_onset' | 'died'
  day: string
  sourceKind: string
  community: boolean
  oxygen: boolean
  n: number
}

/** Daily counts of test results (with positives) and samples per unit path, kept by statement triggers. */
export interface TestDayCountsTable {
  unitPath: string
  kind: 'result' | 'sample'
  day: string
  n: number
  positive: number
}

/** Contacts counted per root case, unit path and degree, kept by statement triggers (migration 0040). */
export interface ContactDegreeCountsTable {
  rootCaseId: number
  unitPath: string
  degree: number
  n: number
}

export interface TestsTable {
  id: Generated<number>
  personId: number
  unitPath: PathOnInsert
  method: 'pcr' | 'antigen'
  status: Generated<'planned' | 'sampled' | 'resulted' | 'cancelled'>
  plannedOn: string | null
  sampleDate: string | null
  resultDate: string | null
  result: 'positive' | 'negative' | 'inconclusive' | null
  ct: Numeric
  lab: Generated<string>
  poolId: number | null
  retestOfPoolId: number | null
  campaignId: number | null
  importJobId: number | null
  createdAt: DefaultedTimestamp
  updatedAt: DefaultedTimestamp
}

export type CaseClassification = 'suspected' | 'probable' | 'confirmed' | 'discarded'
export interface CasesTable {
  id: Generated<number>
  personId: number
  unitPath: PathOnInsert
  code: string | null
  classification: CaseClassification
  onsetDate: string | null
  sampleDate: string | null
  confirmedDate: string | null
  isolatedOn: string | null
  foundBy: 'quarantine' | 'community' | 'hospital' | 'entry' | 'tracing' | 'other' | null
  sourceKind: Generated<'imported' | 'linked' | 'unknown'>
  sourceCountry: string | null
  sourceTravel: string | null
  sourceCaseId: number | null
  clusterId: number | null
  infectionPlace: string | null
  symptoms: TextArray
  severity: 'asymptomatic' | 'mild' | 'moderate' | 'severe' | 'critical' | null
  outcome: 'recovered' | 'died' | 'transferred' | null
  outcomeDate: string | null
  transferredTo: string | null
  isolationPlace: string | null
  confirmingTestId: number | null
  isSource: Generated<boolean>
  windowFrom: string | null
  windowTo: string | null
  importJobId: number | null
  createdAt: DefaultedTimestamp
  updatedAt: DefaultedTimestamp
}

export type ExposureSetting =
  | 'household' | 'workplace' | 'school' | 'market' | 'vehicle' | 'health_facility' | 'gathering' | 'entertainment' | 'religious' | 'other'
export interface ExposuresTable {
  id: Generated<number>
  personId: number
  sourcePersonId: number
  unitPath: PathOnInsert
  exposedOn: string
  place: string | null
  setting: Generated<ExposureSetting>
  f1Criteria: TextArray
  note: string | null
  importJobId: number | null
  createdAt: DefaultedTimestamp
}

export interface ContactDegreesTable {
  personId: number
  degree: number
  viaPersonId: number
  viaExposureId: number
  rootCaseId: number
  unitPath: PathOnInsert
  updatedAt: DefaultedTimestamp
}

export interface ContactFollowupsTable {
  id: Generated<number>
  personId: number
  unitPath: PathOnInsert
  startedOn: string
  until: string
  tracerUserId: number | null
  status: Generated<'active' | 'completed' | 'became_case' | 'lost' | 'cancelled'>
  note: string | null
  createdAt: DefaultedTimestamp
  updatedAt: DefaultedTimestamp
}

export interface FollowupChecksTable {
  id: Generated<number>
  followupId: number
  checkedOn: string
  temperature: Numeric
  symptoms: TextArray
  note: string | null
  checkedBy: number | null
  createdAt: DefaultedTimestamp
}

export interface ZonesTable {
  id: Generated<number>
  name: string
  kind: 'ring_fence' | 'lockdown' | 'medical_isolation'
  unitId: string
  unitPath: string
  unitIds: TextArray
  geometry: ColumnType<unknown, string | null | undefined, string | null>
  startsOn: string
  endsOn: string | null
  measures: string | null
  decisionNo: string | null
  clusterId: number | null
  createdAt: DefaultedTimestamp
  updatedAt: DefaultedTimestamp
  // The lifting's decision (migration 0040).
  liftDecisionNo: Generated<string | null>
  liftDecidedOn: Generated<string | null>
}

// Quarantine (migration 0018).
export interface QuarantineRulesTable {
  id: Generated<number>
  unitId: string | null
  kind: 'f1' | 'f1-vaccinated' | 'entry' | 'illegal-entry'
  name: string
  validFrom: string
  validTo: string | null
  days: number
  monitoringDays: number
  requiredTests: ColumnType<number[], number[] | undefined, number[]>
  source: string
  confidence: 'verified' | 'secondary' | 'unverified'
  note: string | null
  createdAt: DefaultedTimestamp
}

export interface QuarantineFacilitiesTable {
  id: Generated<number>
  name: string
  kind: 'military_camp' | 'dormitory' | 'hotel' | 'other'
  unitId: string
  unitPath: string
  address: string | null
  lon: number | null
  lat: number | null
  capacity: number
  managingUnit: string | null
  managerName: string | null
  managerPhone: string | null
  status: Generated<'open' | 'full' | 'closed' | 'disinfecting'>
  note: string | null
  createdAt: DefaultedTimestamp
  updatedAt: DefaultedTimestamp
}

export interface QuarantineRoomsTable {
  id: Generated<number>
  facilityId: number
  name: string
  capacity: number
  unitPath: string
}

export interface QuarantinePlacementsTable {
  id: Generated<number>
  personId: number
  /** Kept by a trigger from the person's residence. */
  personPath: PathOnInsert
  unitId: string
  unitPath: string
  setting: 'facility' | 'home' | 'accommodation'
  facilityId: number | null
  roomId: number | null
  address: string | null
  reason: 'contact' | 'traveller' | 'returnee' | 'illegal_entrant'
  ruleKind: 'f1' | 'entry' | 'illegal-entry'
  vaccinated: Generated<boolean>
  ruleId: number
  ruleWhy: string
  startOn: string
  firstStartOn: string
  plannedEnd: string
  monitoringDays: number
  batch: string | null
  riskGroup: string | null
  status: Generated<'active' | 'released' | 'transferred' | 'became_case' | 'cancelled'>
  releasedOn: string | null
  releaseKind: 'completed' | 'early' | null
  releaseNote: string | null
  monitoringUntil: string | null
  flaggedOn: string | null
  flagNote: string | null
  originalEnd: string | null
  transferredFrom: number | null
  decisionNo: string | null
  decisionOn: string | null
  note: string | null
  createdBy: number | null
  createdAt: DefaultedTimestamp
  updatedAt: DefaultedTimestamp
}

export interface QuarantineChecksTable {
  id: Generated<number>
  placementId: number
  unitPath: string
  checkedOn: string
  phase: 'quarantine' | 'monitoring'
  temperature: Numeric
  symptoms: TextArray
  note: string | null
  checkedBy: number | null
  createdAt: DefaultedTimestamp
}

// Care: the treatment tower and F0 home care (migration 0019).
export interface CareRulesTable {
  id: Generated<number>
  validFrom: string
  unitId: string | null
  name: string
  eligibility: Json
  warnings: Json
  release: Json
  source: string
  confidence: 'verified' | 'secondary' | 'unverified'
  note: string | null
  createdAt: DefaultedTimestamp
}

export interface CareFacilitiesTable {
  id: Generated<number>
  name: string
  tier: number
  kind: string
  unitId: string
  unitPath: string
  address: string | null
  lat: number | null
  lon: number | null
  bedsRegular: Generated<number>
  bedsOxygen: Generated<number>
  bedsIcu: Generated<number>
  bedsVentilator: Generated<number>
  staffDoctors: Generated<number>
  staffNurses: Generated<number>
  staffOther: Generated<number>
  oxygenTankM3: Numeric
  oxygenCylinders: Generated<number>
  oxygenConcentrators: Generated<number>
  managerName: string | null
  phone: string | null
  status: Generated<'open' | 'full' | 'closed'>
  note: string | null
  createdAt: DefaultedTimestamp
  updatedAt: DefaultedTimestamp
}

export interface CareAdmissionsTable {
  id: Generated<number>
  personId: number
  caseId: number | null
  unitPath: PathOnInsert
  facilityId: number
  facilityPath: string
  tier: number
  bedKind: 'regular' | 'oxygen' | 'icu' | 'ventilator'
  severity: 'asymptomatic' | 'mild' | 'moderate' | 'severe' | 'critical' | null
  admittedOn: string
  status: Generated<'active' | 'transferred' | 'discharged' | 'died'>
  endedOn: string | null
  outcome: 'recovered' | 'home_care' | 'transferred_out' | 'died' | null
  transferredTo: string | null
  fromAdmissionId: number | null
  nextAdmissionId: number | null
  note: string | null
  createdAt: DefaultedTimestamp
  updatedAt: DefaultedTimestamp
}

export interface CareHomePatientsTable {
  id: Generated<number>
  personId: number
  caseId: number | null
  unitPath: PathOnInsert
  stationId: number
  stationPath: string
  ruleId: number
  facts: Json
  grounds: TextArray
  ageYears: number | null
  fullyVaccinated: Generated<boolean>
  positiveOn: string
  startedOn: string
  status: Generated<'active' | 'released' | 'admitted' | 'died'>
  endedOn: string | null
  linkHash: string | null
  linkIssuedAt: NullableTimestamp
  note: string | null
  createdAt: DefaultedTimestamp
  updatedAt: DefaultedTimestamp
  /** A death at home (migration 0030): the cause and who reported it. */
  deathCause: Generated<string | null>
  deathReportedBy: Generated<string | null>
}

export interface CareHomeChecksTable {
  id: Generated<number>
  patientId: number
  checkedAt: Date | string
  checkedOn: string
  spo2: number | null
  respiratoryRate: number | null
  pulse: number | null
  temperature: Numeric
  systolic: number | null
  diastolic: number | null
  symptoms: TextArray
  byPatient: Generated<boolean>
  checkedBy: number | null
  warnings: Json
  note: string | null
  createdAt: DefaultedTimestamp
}

export interface CareEscalationsTable {
  id: Generated<number>
  patientId: number
  checkId: number
  unitPath: string
  stationPath: string
  warnings: Json
  openedAt: Date | string
  dueAt: Date | string
  status: Generated<'open' | 'closed'>
  closedAt: NullableTimestamp
  closedBy: number | null
  resolution: 'admitted' | 'visited' | 'false_alarm' | 'other' | null
  note: string | null
}

// Analytics (migration 0021).
export interface SerialIntervalsTable {
  id: Generated<number>
  validFrom: string
  unitId: string | null
  meanDays: number
  sdDays: number
  source: string
  confidence: 'verified' | 'secondary' | 'unverified'
  note: string | null
  createdAt: DefaultedTimestamp
}

/** Epidemic levels (0020): rule sets as dated data, weekly assessments per unit. */
export interface LevelRuleSetsTable {
  id: Generated<number>
  code: string
  baseCode: string | null
  unitId: string | null
  unitPath: string | null
  readOnly: Generated<boolean>
  name: string
  document: string
  validFrom: string
  validTo: string | null
  version: number
  definition: Json
  createdBy: number | null
  createdAt: DefaultedTimestamp
  updatedAt: DefaultedTimestamp
}

export interface LevelAssessmentsTable {
  id: Generated<number>
  unitId: string
  unitPath: string
  weekStart: string
  ruleSetId: number
  inputs: Json
  source: 'entered' | 'imported' | 'surveillance'
  computedLevel: number | null
  indicators: Json
  reasons: Json
  confidence: 'verified' | 'secondary' | 'unverified' | null
  /** Where each figure came from (migration 0031). */
  sources: Generated<Json>
  overrideLevel: number | null
  overrideReason: string | null
  status: Generated<'draft' | 'reviewed' | 'published'>
  effectiveFrom: string | null
  reviewedBy: number | null
  reviewedAt: NullableTimestamp
  publishedBy: number | null
  publishedAt: NullableTimestamp
  createdAt: DefaultedTimestamp
  updatedAt: DefaultedTimestamp
}

// Safety: facilities, checklists, assessments, codes and photos (migration 0023).
export interface SafetyChecklistsTable {
  id: Generated<number>
  key: string
  version: number
  unitId: string | null
  unitPath: string | null
  name: string
  kinds: ColumnType<string[], string[] | undefined, string[]>
  definition: Json
  confidence: 'verified' | 'secondary' | 'unverified'
  completeness: 'complete' | 'partial' | 'reconstructed'
  reason: string | null
  createdBy: number | null
  createdAt: DefaultedTimestamp
}

export interface SafetyFacilitiesTable {
  id: Generated<number>
  name: string
  nameFold: string
  kind: string
  unitId: string
  unitPath: string
  address: string | null
  addressFold: Generated<string>
  lon: number | null
  lat: number | null
  headName: string | null
  headPhone: string | null
  workers: number | null
  students: number | null
  rooms: number | null
  dailyVisitors: number | null
  checklistKey: string | null
  token: string
  status: Generated<'active' | 'closed'>
  importJobId: number | null
  resultId: number | null
  band: string | null
  bandLevel: number | null
  assessedAt: NullableTimestamp
  validUntil: string | null
  resultSource: 'self' | 'officer' | 'inspection' | null
  createdAt: DefaultedTimestamp
  updatedAt: DefaultedTimestamp
}

export interface SafetyAssessmentsTable {
  id: Generated<number>
  facilityId: number
  unitPath: string
  checklistId: number
  source: 'self' | 'officer' | 'inspection'
  answers: Json
  points: ColumnType<number, number, number>
  maxPoints: ColumnType<number, number, number>
  percent: ColumnType<number, number, number>
  band: string
  bandLevel: number
  critical: Json
  assessedAt: ColumnType<Date, Date | string, Date | string>
  validUntil: string
  contact: string | null
  contactName: string | null
  note: string | null
  remindedAt: NullableTimestamp
  createdBy: number | null
  createdAt: DefaultedTimestamp
}

export interface SafetyPhotosTable {
  id: Generated<number>
  facilityId: number
  codeId: number | null
  assessmentId: number | null
  uploadId: number
  createdAt: DefaultedTimestamp
}

export interface SafetyCodesTable {
  id: Generated<number>
  facilityId: number
  contact: string
  codeHash: string
  attempts: Generated<number>
  expiresAt: ColumnType<Date, Date | string, Date | string>
  verifiedAt: NullableTimestamp
  proofHash: string | null
  proofExpiresAt: NullableTimestamp
  usedAt: NullableTimestamp
  createdAt: DefaultedTimestamp
}

export interface SafetyCurrentResultsView {
  facilityId: number
  assessmentId: number
  band: string
  bandLevel: number
  assessedAt: Date
  validUntil: string
  source: 'self' | 'officer' | 'inspection'
}

// Events: gatherings, their rules per epidemic level and decisions (migration 0026).
export interface EventRuleSetsTable {
  id: Generated<number>
  unitId: string | null
  validFrom: string
  name: string
  definition: Json
  reason: string | null
  createdBy: number | null
  createdAt: DefaultedTimestamp
}

export interface EventsTable {
  id: Generated<number>
  unitId: string
  unitPath: string
  title: string
  organiser: string
  contactName: string | null
  contactPhone: string | null
  place: string
  setting: 'indoor' | 'outdoor'
  startsOn: string
  startTime: string | null
  endsOn: string
  expectedAttendance: number
  foreignGuests: Generated<number>
  countries: ColumnType<string[], string[] | undefined, string[]>
  purpose: string | null
  status: Generated<'submitted' | 'advice_requested' | 'advised' | 'approved' | 'approved_with_conditions' | 'refused'>
  assessment: Json
  adviceRequestedAt: NullableTimestamp
  adviceRequestedBy: number | null
  adviceTo: string | null
  adviceText: string | null
  advisedAt: NullableTimestamp
  advisedBy: number | null
  decisionConditions: ColumnType<string[], string[] | undefined, string[]>
  decisionReason: string | null
  decisionNumber: string | null
  decidedAt: NullableTimestamp
  decidedBy: number | null
  createdBy: number | null
  createdAt: DefaultedTimestamp
  updatedAt: DefaultedTimestamp
}

// Enforcement: inspections, violations and their follow-up, commendations and discipline (migration 0027).
export interface InspectionPlansTable {
  id: Generated<number>
  unitId: string
  unitPath: string
  title: string
  team: string
  startsOn: string
  endsOn: string
  note: string | null
  createdBy: number | null
  createdAt: DefaultedTimestamp
}

export interface InspectionsTable {
  id: Generated<number>
  planId: number | null
  facilityId: number
  unitPath: string
  visitedOn: string
  inspectors: string
  assessmentId: number
  band: string
  note: string | null
  createdBy: number | null
  createdAt: DefaultedTimestamp
}

export interface InspectionVisitsTable {
  id: Generated<number>
  planId: number
  facilityId: number
  unitPath: string
  plannedOn: string
  assignee: string | null
  inspectionId: number | null
  createdBy: number | null
  createdAt: DefaultedTimestamp
}

export interface ViolationsTable {
  id: Generated<number>
  inspectionId: number | null
  facilityId: number
  unitPath: string
  description: string
  legalBasis: string
  responsibleName: string
  responsibleTitle: string | null
  sanction: 'warning' | 'fine' | 'suspension' | 'other'
  fineAmount: ColumnType<number | null, number | null | undefined, number | null>
  sanctionNote: string | null
  dueOn: string | null
  status: Generated<'open' | 'closed'>
  closedOn: string | null
  /** The remedy date the overdue reminder was sent for (migration 0036). */
  remedyRemindedFor: ColumnType<string | null, string | null | undefined, string | null>
  createdBy: number | null
  createdAt: DefaultedTimestamp
  updatedAt: DefaultedTimestamp
}

export interface ViolationFollowupsTable {
  id: Generated<number>
  violationId: number
  unitPath: string
  onDate: string
  note: string
  closes: Generated<boolean>
  createdBy: number | null
  createdAt: DefaultedTimestamp
}

export interface RecognitionsTable {
  id: Generated<number>
  kind: 'commendation' | 'discipline'
  orgId: number | null
  personName: string | null
  personTitle: string | null
  unitId: string
  unitPath: string
  form: string
  reason: string
  decisionRef: string
  decidedOn: string
  createdBy: number | null
  createdAt: DefaultedTimestamp
}

// Entry and movement (migration 0024).
export interface EntryZonesTable {
  id: Generated<number>
  ownerUnitId: string
  ownerPath: string
  zoneUnitId: string | null
  zonePath: string | null
  placeName: string
  validFrom: string
  validTo: string | null
  measure: 'facility' | 'home' | 'monitoring'
  monitoringDays: Generated<number>
  source: string
  confidence: 'verified' | 'secondary' | 'unverified'
  note: string | null
  createdAt: DefaultedTimestamp
  updatedAt: DefaultedTimestamp
}

export interface EntryPortsTable {
  id: Generated<number>
  code: string
  name: string
  kind: 'airport' | 'seaport' | 'border_gate' | 'crossing'
  unitId: string
  unitPath: string
  lon: number | null
  lat: number | null
  active: Generated<boolean>
  source: string | null
  note: string | null
  createdAt: DefaultedTimestamp
}

export interface EntryArrivalsTable {
  id: Generated<number>
  unitId: string
  unitPath: string
  stayAddress: string
  declaredBy: 'self' | 'host' | 'commune'
  declarantName: string | null
  declarantPhone: string | null
  fullName: string
  birthYear: number | null
  sex: 'male' | 'female' | 'other' | null
  nationalId: string | null
  passportNo: string | null
  nationality: Generated<string>
  phone: string | null
  originKind: 'abroad' | 'domestic'
  originCountry: string | null
  originUnitId: string | null
  originPlace: string | null
  zoneId: number | null
  portId: number | null
  arrivedOn: string
  transport: string | null
  vaccinated: Generated<boolean>
  personId: number | null
  status: Generated<'new' | 'placed' | 'monitoring' | 'no_action'>
  placementId: number | null
  monitoringUntil: string | null
  actedBy: number | null
  actedAt: NullableTimestamp
  createdBy: number | null
  createdAt: DefaultedTimestamp
}

export interface EntryCheckpointsTable {
  id: Generated<number>
  name: string
  unitId: string
  unitPath: string
  location: string | null
  lon: number | null
  lat: number | null
  orgId: number | null
  active: Generated<boolean>
  createdAt: DefaultedTimestamp
}

export interface EntryCheckpointEventsTable {
  id: Generated<number>
  checkpointId: number
  action: 'activate' | 'deactivate'
  onDay: string
  decision: string | null
  byUser: number | null
  createdAt: DefaultedTimestamp
}

export interface EntryCheckpointStaffTable {
  id: Generated<number>
  checkpointId: number
  name: string
  role: string
  orgId: number | null
  phone: string | null
  fromOn: string
  toOn: string | null
}

export interface EntryCheckpointLogsTable {
  id: Generated<number>
  checkpointId: number
  unitPath: string
  day: string
  peopleChecked: number
  vehiclesChecked: number
  sentToQuarantine: number
  note: string | null
  byUser: number | null
  updatedAt: DefaultedTimestamp
}

export interface EntryIllegalCasesTable {
  id: Generated<number>
  unitId: string
  unitPath: string
  point: string | null
  lon: number | null
  lat: number | null
  occurredAt: ColumnType<Date, Date | string, Date | string>
  reportedBy: 'border_guard' | 'police' | 'commune' | 'public'
  reporterOrgId: number | null
  reporterName: string | null
  reporterPhone: string | null
  peopleCount: number
  crossing: 'on_foot' | 'boat' | 'vehicle' | 'other' | 'unknown'
  crossingNote: string | null
  guidedBy: string | null
  shelteredBy: string | null
  foundLiving: Generated<boolean>
  description: string | null
  stage: Generated<'reported' | 'intercepted' | 'handed_over' | 'placed' | 'concluded'>
  outcome: string | null
  createdBy: number | null
  createdAt: DefaultedTimestamp
}

export interface EntryIllegalPeopleTable {
  id: Generated<number>
  caseId: number
  personId: number
  unitPath: string
  placementId: number | null
}

export interface EntryIllegalStepsTable {
  id: Generated<number>
  caseId: number
  unitPath: string
  step: 'interception' | 'handover' | 'placement' | 'outcome'
  orgId: number
  at: ColumnType<Date, Date | string, Date | string>
  toOrgId: number | null
  outcome: string | null
  note: string | null
  byUser: number | null
  createdAt: DefaultedTimestamp
}

export interface EntryAccountableHeadsTable {
  id: Generated<number>
  caseId: number
  unitId: string
  unitPath: string
  orgId: number | null
  headName: string
  headPosition: string | null
  reason: string
  recordedOn: string
  byUser: number | null
}

// --- Vaccination (migration 0028) ---
export type VaccinationAgeGroup = '5-11' | '12-17' | '18-49' | '50-64' | '65+'
export type VaccinationRiskGroup = 'none' | 'chronic' | 'health_worker' | 'frontline' | 'pregnant'
export type VaccinationDose = '1' | '2' | '3' | 'booster'
export type DataConfidence = 'verified' | 'secondary' | 'unverified'

export interface VaccineProductsTable {
  code: string
  name: string
  primaryDoses: number
  source: string
  confidence: DataConfidence
}

export interface VaccinationAgeSharesTable {
  ageGroup: VaccinationAgeGroup | 'high_risk'
  share: ColumnType<string, string | number, string | number>
  source: string
  confidence: DataConfidence
  updatedAt: DefaultedTimestamp
}

export interface VaccinationDosesTable {
  id: Generated<number>
  unitId: string
  unitPath: string
  doseDate: string
  ageGroup: VaccinationAgeGroup
  riskGroup: Generated<VaccinationRiskGroup>
  product: string
  dose: VaccinationDose
  doses: number
  source: 'entered' | 'imported' | 'demo' | 'records'
  importJobId: number | null
  updatedBy: number | null
  createdAt: DefaultedTimestamp
  updatedAt: DefaultedTimestamp
}

/** One dose given to a person (migration 0038), counted into vaccination_doses as source 'records'. */
export interface VaccinationRecordsTable {
  id: Generated<number>
  personId: number
  doseDate: string
  product: string
  dose: VaccinationDose
  /** The vaccinating commune: its path decides jurisdiction. */
  unitId: string
  unitPath: string
  /** The person's age group on the day of the dose. */
  ageGroup: VaccinationAgeGroup
  riskGroup: Generated<VaccinationRiskGroup>
  lot: string | null
  importJobId: number | null
  enteredBy: number | null
  createdAt: DefaultedTimestamp
  updatedAt: DefaultedTimestamp
}

export interface VaccinationPopulationsTable {
  unitId: string
  unitPath: string
  ageGroup: VaccinationAgeGroup | 'high_risk'
  population: number
  source: string
  updatedAt: DefaultedTimestamp
}

export interface VaccinationTargetsTable {
  id: Generated<number>
  unitId: string
  unitPath: string
  name: string
  measure: 'at_least_one' | 'fully' | 'boosted'
  ageGroups: VaccinationAgeGroup[]
  share: ColumnType<string, string | number, string | number>
  startsOn: string
  deadline: string
  source: string | null
  createdBy: number | null
  createdAt: DefaultedTimestamp
}
// --- end vaccination ---

export interface DB {
  directives: DirectivesTable
  directiveReferences: DirectiveReferencesTable
  directiveFiles: DirectiveFilesTable
  directiveTasks: DirectiveTasksTable
  taskAssignments: TaskAssignmentsTable
  directiveStatusCounts: DirectiveStatusCountsTable
  directiveReach: DirectiveReachTable
  directiveStatusBodyCounts: DirectiveStatusBodyCountsTable
  directiveStatusChanges: DirectiveStatusCountsTable
  taskReports: TaskReportsTable
  taskReportFiles: TaskReportFilesTable
  notifications: NotificationsTable
  documentCounters: DocumentCountersTable
  units: UnitsTable
  unitLinks: UnitLinksTable
  unitPopulations: UnitPopulationsTable
  unitBoundaries: UnitBoundariesTable
  orgs: OrgsTable
  orgSuccessors: OrgSuccessorsTable
  orgGroups: OrgGroupsTable
  users: UsersTable
  sessions: SessionsTable
  loginThrottle: LoginThrottleTable
  people: PeopleTable
  personNames: PersonNamesTable
  auditLog: AuditLogTable
  jobs: JobsTable
  jobFiles: JobFilesTable
  uploads: UploadsTable
  uploadChunks: UploadChunksTable
  settings: SettingsTable
  schemaMigrations: MigrationsTable
  surveillanceRules: SurveillanceRulesTable
  personRefs: PersonRefsTable
  clusters: ClustersTable
  testCampaigns: TestCampaignsTable
  testPools: TestPoolsTable
  tests: TestsTable
  cases: CasesTable
  caseDayCounts: CaseDayCountsTable
  testDayCounts: TestDayCountsTable
  exposures: ExposuresTable
  contactDegrees: ContactDegreesTable
  contactDegreeCounts: ContactDegreeCountsTable
  contactFollowups: ContactFollowupsTable
  followupChecks: FollowupChecksTable
  zones: ZonesTable
  levelRuleSets: LevelRuleSetsTable
  levelAssessments: LevelAssessmentsTable
  serialIntervals: SerialIntervalsTable
  quarantineRules: QuarantineRulesTable
  quarantineFacilities: QuarantineFacilitiesTable
  quarantineRooms: QuarantineRoomsTable
  quarantinePlacements: QuarantinePlacementsTable
  quarantineChecks: QuarantineChecksTable
  entryZones: EntryZonesTable
  entryPorts: EntryPortsTable
  entryArrivals: EntryArrivalsTable
  entryCheckpoints: EntryCheckpointsTable
  entryCheckpointEvents: EntryCheckpointEventsTable
  entryCheckpointStaff: EntryCheckpointStaffTable
  entryCheckpointLogs: EntryCheckpointLogsTable
  entryIllegalCases: EntryIllegalCasesTable
  entryIllegalPeople: EntryIllegalPeopleTable
  entryIllegalSteps: EntryIllegalStepsTable
  entryAccountableHeads: EntryAccountableHeadsTable
  careRules: CareRulesTable
  careFacilities: CareFacilitiesTable
  careAdmissions: CareAdmissionsTable
  careHomePatients: CareHomePatientsTable
  careHomeChecks: CareHomeChecksTable
  careEscalations: CareEscalationsTable
  safetyChecklists: SafetyChecklistsTable
  safetyFacilities: SafetyFacilitiesTable
  safetyAssessments: SafetyAssessmentsTable
  safetyPhotos: SafetyPhotosTable
  safetyCodes: SafetyCodesTable
  safetyCurrentResults: SafetyCurrentResultsView
  eventRuleSets: EventRuleSetsTable
  events: EventsTable
  inspectionPlans: InspectionPlansTable
  inspections: InspectionsTable
  inspectionVisits: InspectionVisitsTable
  violations: ViolationsTable
  violationFollowups: ViolationFollowupsTable
  recognitions: RecognitionsTable
  vaccineProducts: VaccineProductsTable
  vaccinationAgeShares: VaccinationAgeSharesTable
  vaccinationDoses: VaccinationDosesTable
  vaccinationRecords: VaccinationRecordsTable
  vaccinationPopulations: VaccinationPopulationsTable
  vaccinationTargets: VaccinationTargetsTable
}
