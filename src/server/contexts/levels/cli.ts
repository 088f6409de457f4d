import { readFile } from 'node:fs/promises'
import path from 'node:path'
import { contractView } from '../../../domain/levels/assess.ts'
import { rowsFromTable } from '../../../domain/levels/importColumns.ts'
import type { Ctx } from '../../platform/context.ts'
import { AppError } from '../../platform/errors.ts'
import { assessWith, enterInputs, nationalOrThrow, type WeekInputs } from './service.ts'

/** `phongdich levels assess --rules 2686|4800|218 --input FILE.json [--json]`: what it prints. */
export async function assessFileCommand(opts: { rules: string; input: string; json?: boolean }): Promise<string> {
  let rs: ReturnType<typeof nationalOrThrow>
  try {
    rs = nationalOrThrow(opts.rules)
  } catch (err) {
    throw new AppError(1, 'RULES', err instanceof AppError ? err.message : String(err))
  }
  let value: unknown
  try {
    value = JSON.parse(await readFile(opts.input, 'utf8'))
  } catch (err) {
    throw new AppError(1, 'INPUT', `Không đọc được tệp JSON ${opts.input}: ${err instanceof Error ? err.message : String(err)}`)
  }
  let units: ReturnType<typeof assessWith>
  try {
    units = assessWith(rs, value)
  } catch (err) {
    if (err instanceof AppError) throw new AppError(1, err.code, ((err.details as { problems?: string[] } | undefined)?.problems ?? [err.message]).join('\n'))
    throw err
  }
  if (opts.json) return JSON.stringify({ units: units.map(contractView) }, null, 2)
  const lines = [`${rs.name} — ${rs.document}`]
  for (const u of units) {
    lines.push(`${u.unit}: ${rs.levels[u.level - 1]!.name}${u.confidence === 'unverified' ? ' (dựa trên ô chưa kiểm chứng)' : ''}`)
    for (const r of u.reasons.slice(0, -1)) lines.push(`  - ${r}`)
  }
  return lines.join('\n')
}

/** `phongdich levels import --week 2021-W33 FILE.xlsx|.csv`: a week's figures per unit, assessed. */
export async function importWeekCommand(ctx: Ctx, week: string, file: string): Promise<string> {
  const { readTable } = await import('../../platform/tabular.ts')
  const table = await readTable(path.basename(file), await readFile(file))
  const { rows, problems } = rowsFromTable(table.headers, table.rows)
  if (problems.length) throw new AppError(1, 'IMPORT_INVALID', `Tệp có lỗi, chưa nhập gì:\n${problems.join('\n')}`)
  const r = await enterInputs(ctx, week, rows as { unitCode: string; inputs: WeekInputs }[], 'imported')
  return `Tuần ${week}: đã nhập ${rows.length} đơn vị, tính được cấp độ ${r.assessed}, còn thiếu số liệu ${r.incomplete}.`
}
