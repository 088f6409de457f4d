import type { Kysely } from 'kysely'
import { isRole } from '../domain/access/roles.ts'
import { DAILY_REPORT_JOB, runDailyReport } from './contexts/analytics/dailyReport.ts'
import { REMIND_JOB, remindUpcoming } from './contexts/directives/cascade.ts'
import { EXPORT_JOB, runExport } from './contexts/directives/exports.ts'
import { SWEEP_JOB, sweepOverdue } from './contexts/directives/service.ts'
import { CLUSTER_CLOSE_JOB, closeQuietClusters } from './contexts/surveillance/areas/service.ts'
import { SURVEILLANCE_SWEEP_JOB, sweepSurveillance } from './contexts/surveillance/cases/service.ts'
import { LINELIST_JOB, runLineListImport } from './contexts/surveillance/imports/lineList.ts'
import { LIST_EXPORT_JOB, runListExport } from './contexts/surveillance/listExports.ts'
import { IMPORT_JOB as SAFETY_IMPORT_JOB, runImport as runSafetyImport } from './contexts/safety/imports.ts'
import { REMIND_JOB as SAFETY_REMIND_JOB, remindReassessment } from './contexts/safety/service.ts'
import { remindOverdueViolations } from './contexts/enforcement/service.ts'
import { IMPORT_JOB as SURVEILLANCE_IMPORT_JOB, runImport as runSurveillanceImport } from './contexts/surveillance/imports/service.ts'
import { RECORD_IMPORT_JOB as VACCINATION_RECORD_JOB, runRecordImport as runVaccinationRecordImport } from './contexts/vaccination/recordsImport.ts'
import { IMPORT_JOB as VACCINATION_IMPORT_JOB, POPULATION_IMPORT_JOB as VACCINATION_POPULATION_JOB, runImport as runVaccinationImport, runPopulationImport as runVaccinationPopulationImport } from './contexts/vaccination/imports.ts'
import { BOUNDARY_JOB, POPULATION_JOB, runBoundaryImport, runPopulationImport } from './contexts/units/imports.ts'
import { loadReference, REFERENCE_JOB } from './contexts/units/reference.ts'
import { DEMO_JOB, seedDemo } from './demo/seed.ts'
import { type Access, SYSTEM } from './platform/context.ts'
import { JobRunner, type JobRunnerOptions } from './platform/jobs.ts'
import type { DB } from './platform/schema.ts'

/** The job runner with every context's background work registered. */
export function createJobRunner(db: Kysely<DB>, now: () => Date = () => new Date(), options: JobRunnerOptions = {}): JobRunner {
  const runner = new JobRunner(db, (userId) => actorOf(db, userId), now, options)
  runner.register(REFERENCE_JOB, loadReference)
  runner.register(DEMO_JOB, seedDemo)
  runner.register(POPULATION_JOB, runPopulationImport)
  runner.register(BOUNDARY_JOB, runBoundaryImport)
  runner.register(SWEEP_JOB, (job) => sweepOverdue(job.ctx))
  runner.register(REMIND_JOB, (job) => remindUpcoming(job.ctx))
  runner.register(EXPORT_JOB, runExport)
  runner.register(CLUSTER_CLOSE_JOB, (job) => closeQuietClusters(job.ctx))
  runner.register(SURVEILLANCE_SWEEP_JOB, (job) => sweepSurveillance(job.ctx))
  runner.register(SURVEILLANCE_IMPORT_JOB, runSurveillanceImport)
  runner.register(LIST_EXPORT_JOB, runListExport)
  runner.register(LINELIST_JOB, runLineListImport)
  runner.register(SAFETY_IMPORT_JOB, runSafetyImport)
  runner.register(SAFETY_REMIND_JOB, async (job) => ({ ...(await remindReassessment(job.ctx)), ...(await remindOverdueViolations(job.ctx)) }))
  runner.register(VACCINATION_IMPORT_JOB, runVaccinationImport)
  runner.register(DAILY_REPORT_JOB, runDailyReport)
  runner.register(VACCINATION_POPULATION_JOB, runVaccinationPopulationImport)
  runner.register(VACCINATION_RECORD_JOB, runVaccinationRecordImport)
  return runner
}

async function actorOf(db: Kysely<DB>, userId: number | null): Promise<Access> {
  if (userId === null) return SYSTEM
  const u = await db
    .selectFrom('users as u')
    .innerJoin('units as un', 'un.id', 'u.unitId')
    .select(['u.id', 'u.username', 'u.displayName', 'u.role', 'u.unitId', 'un.path', 'u.orgId'])
    .where('u.id', '=', userId)
    .executeTakeFirst()
  if (!u || !isRole(u.role)) return SYSTEM
  return { userId: u.id, username: u.username, displayName: u.displayName, role: u.role, unitId: u.unitId, unitPath: u.path, orgId: u.orgId }
}
