import { PLACEMENT_KINDS, type PlacementKind } from '../../../domain/quarantine/rules.ts'
import { formatVnDate, isIsoDate } from '../../../domain/text/dates.ts'
import type { Ctx } from '../../platform/context.ts'
import { AppError } from '../../platform/errors.ts'
import { getUnit } from '../units/service.ts'
import { ruleFor } from './service.ts'

export interface DurationOptions {
  start?: string
  kind?: string
  vaccinated?: boolean
  unit?: string
}

/**
 * `phongdich quarantine duration`: the rule in force on the start date for the kind (a province's
 * own rule when --unit names a unit inside it), as {rule, source, days, monitoringDays}.
 */
export async function durationCommand(ctx: Ctx, opts: DurationOptions) {
  if (!opts.start || !isIsoDate(opts.start)) throw new AppError(1, 'BAD_START', 'Hãy ghi --start là một ngày có thật theo dạng YYYY-MM-DD.')
  if (!opts.kind || !(PLACEMENT_KINDS as readonly string[]).includes(opts.kind)) {
    throw new AppError(1, 'BAD_KIND', `--kind phải là một trong: ${PLACEMENT_KINDS.join(', ')}.`)
  }
  const unitPath = opts.unit ? (await getUnit(ctx, opts.unit)).path : null
  const c = await ruleFor(ctx, { kind: opts.kind as PlacementKind, start: opts.start, vaccinated: opts.vaccinated ?? false, unitPath })
  return { rule: c.rule.name, source: c.rule.source, days: c.rule.days, monitoringDays: c.rule.monitoringDays, why: c.why, confidence: c.rule.confidence }
}

export function durationText(r: Awaited<ReturnType<typeof durationCommand>>, start: string): string {
  return `${r.rule}: ${r.days} ngày cách ly, ${r.monitoringDays} ngày theo dõi (bắt đầu ${formatVnDate(start)}).\n${r.why}`
}
