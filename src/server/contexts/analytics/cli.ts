import { readFile } from 'node:fs/promises'
import path from 'node:path'
import { parseSerialIntervalText } from '../../../domain/analytics/input.ts'
import { estimateR, RT_QUANTILES } from '../../../domain/analytics/rt.ts'
import { AnalyticsInputError } from '../../../domain/analytics/errors.ts'
import { AppError } from '../../platform/errors.ts'
import { incidenceFromCsv, presentRt, type RtView, serialIntervalOf } from './service.ts'

// `phongdich rt`: R over time from files, no database. Every problem is an AppError whose
// Vietnamese message the command prints before exiting with a non-zero code.

export interface RtCommandOptions {
  incidence?: string | undefined
  siMean?: string | undefined
  siSd?: string | undefined
  siDistr?: string | undefined
  window?: string | undefined
  meanPrior?: string | undefined
  stdPrior?: string | undefined
}

function number(value: string | undefined, option: string, integer = false): number | undefined {
  if (value === undefined) return undefined
  const n = Number(value.replace(',', '.'))
  if (!Number.isFinite(n) || (integer && !Number.isInteger(n))) throw new AppError(1, 'RT_BAD_OPTION', `${option} phải là ${integer ? 'số nguyên' : 'một số'} (đang là "${value}").`)
  return n
}

async function readInput(file: string, what: string): Promise<Buffer> {
  try {
    return await readFile(file)
  } catch (err) {
    throw new AppError(1, 'RT_FILE', `Không đọc được ${what} "${file}": ${(err as NodeJS.ErrnoException).code === 'ENOENT' ? 'không có tệp này' : (err as Error).message}.`)
  }
}

/** Reads the files, estimates R over time and answers the view. */
export async function rtFromFiles(opts: RtCommandOptions): Promise<RtView> {
  if (!opts.incidence) throw new AppError(1, 'RT_INCIDENCE_REQUIRED', 'Thiếu --incidence: tệp CSV số ca mỗi ngày (các cột date,local,imported).')
  const siDistr = opts.siDistr === undefined ? undefined : await readInput(opts.siDistr, 'tệp khoảng nối tiếp')
  const incidenceFile = opts.incidence
  const csv = await readInput(incidenceFile, 'tệp số ca')
  try {
    const si = serialIntervalOf({
      siMean: number(opts.siMean, '--si-mean'),
      siSd: number(opts.siSd, '--si-sd'),
      siDistr: siDistr === undefined ? undefined : parseSerialIntervalText(siDistr.toString('utf8')),
    })
    const fileName = ['.csv', '.tsv', '.txt', '.xlsx'].includes(path.extname(incidenceFile).toLowerCase()) ? path.basename(incidenceFile) : 'incidence.csv'
    const incidence = await incidenceFromCsv(fileName, csv)
    const result = estimateR({
      local: incidence.local,
      imported: incidence.imported,
      si,
      window: number(opts.window, '--window', true),
      meanPrior: number(opts.meanPrior, '--mean-prior'),
      stdPrior: number(opts.stdPrior, '--std-prior'),
    })
    return presentRt(result, incidence.dates)
  } catch (err) {
    if (err instanceof AnalyticsInputError) throw new AppError(1, err.code, err.message)
    throw err
  }
}

const fmt = (x: number) => x.toFixed(3).padStart(8)

/** The estimate as a table for a terminal. */
export function rtTable(view: RtView): string {
  const head = `${'từ ngày'.padEnd(10)}  ${'đến ngày'.padEnd(10)}  ${'R TB'.padStart(8)}  ${'ĐLC'.padStart(8)}  ${RT_QUANTILES.map((q) => `Q${q}`.padStart(8)).join('  ')}`
  const lines = view.windows.map(
    (w) => `${(w.dateStart ?? String(w.tStart)).padEnd(10)}  ${(w.dateEnd ?? String(w.tEnd)).padEnd(10)}  ${fmt(w.mean)}  ${fmt(w.std)}  ${RT_QUANTILES.map((q) => fmt(w.quantiles[q])).join('  ')}`,
  )
  const si = `Khoảng nối tiếp: trung bình ${view.siMean.toFixed(3)} ngày, độ lệch chuẩn ${view.siSd.toFixed(3)} ngày; tiên nghiệm gamma trung bình ${view.prior.mean}, độ lệch chuẩn ${view.prior.std}.`
  return [si, ...view.notes, head, ...lines].join('\n')
}
