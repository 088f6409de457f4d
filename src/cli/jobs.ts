import type { Command } from 'commander'
import { cancelJob, type JobView, listJobs } from '../server/contexts/jobs/service.ts'
import type { Ctx } from '../server/platform/context.ts'
import { AppError } from '../server/platform/errors.ts'

/** Opens the configured database for the length of `fn` (see `withDatabase` in main.ts). */
type WithDatabase = <T>(fn: (ctx: Ctx, engine: string) => Promise<T>) => Promise<T>

const STATUS_LABELS: Record<string, string> = {
  queued: 'đang chờ',
  running: 'đang chạy',
  done: 'xong',
  failed: 'lỗi',
  cancelled: 'đã hủy',
}

const width = (s: string) => [...s].length
const pad = (s: string, n: number) => s + ' '.repeat(Math.max(0, n - width(s)))
const clip = (s: string, n: number) => (width(s) > n ? `${[...s].slice(0, n - 1).join('')}…` : s)

function progressOf(j: JobView): string {
  if (j.status === 'done') return '100%'
  if (j.progressTotal) return `${j.progressDone}/${j.progressTotal} (${j.percent ?? 0}%)`
  return j.progressDone > 0 ? String(j.progressDone) : '—'
}

/** The jobs as a text table, one line each, in the given order. */
export function jobTable(jobs: JobView[]): string {
  const header = ['Mã', 'Loại', 'Trạng thái', 'Lần thử', 'Tiến độ', 'Tên', 'Lỗi']
  const rows = jobs.map((j) => [
    String(j.id),
    j.kind,
    `${STATUS_LABELS[j.status] ?? j.status}${j.status === 'running' && j.cancelRequested ? ', đang hủy' : ''}`,
    String(j.attempts),
    progressOf(j),
    clip(j.title, 50),
    (j.error ?? '').replace(/\s+/g, ' '),
  ])
  const widths = header.map((h, i) => Math.max(width(h), ...rows.map((r) => width(r[i] ?? ''))))
  const line = (cells: string[]) =>
    cells
      .map((c, i) => (i === cells.length - 1 ? c : pad(c, widths[i] ?? 0)))
      .join('  ')
      .trimEnd()
  return [line(header), ...rows.map(line)].join('\n')
}

function parseStatus(value: string | undefined): string | undefined {
  if (value === undefined) return undefined
  const wrong = value.split(',').filter((s) => !(s in STATUS_LABELS))
  if (wrong.length > 0) {
    throw new AppError(400, 'INVALID_STATUS', `Trạng thái không hợp lệ: ${wrong.join(', ')}. Dùng: ${Object.keys(STATUS_LABELS).join(', ')}.`)
  }
  return value
}

function positiveInt(value: string, what: string, max = Number.MAX_SAFE_INTEGER): number {
  const n = Number(value)
  if (!Number.isInteger(n) || n < 1 || n > max) throw new AppError(400, 'INVALID_NUMBER', `${what} không hợp lệ: ${value}.`)
  return n
}

/**
 * `phongdich jobs list|cancel`: looking at and stopping background jobs straight on the database,
 * so they work while the server is stopped (for instance after it was killed by a job).
 */
export function registerJobCommands(program: Command, withDatabase: WithDatabase): void {
  const jobs = program.command('jobs').description('Công việc chạy nền (dùng được cả khi máy chủ không chạy)')
  jobs
    .command('list')
    .description('Liệt kê công việc, mới nhất trước')
    .option('--status <status>', 'lọc theo trạng thái: queued (đang chờ), running (đang chạy), done (xong), failed (lỗi), cancelled (đã hủy); phân cách bằng dấu phẩy')
    .option('--limit <n>', 'số công việc tối đa', '50')
    .action((o: { status?: string; limit: string }) =>
      withDatabase(async (ctx) => {
        const found = await listJobs(ctx, { status: parseStatus(o.status), limit: positiveInt(o.limit, 'Số công việc tối đa', 10_000) })
        console.log(found.length ? jobTable(found) : 'Không có công việc nào.')
      }),
    )
  jobs
    .command('cancel')
    .argument('<id>', 'mã công việc')
    .description('Hủy công việc: đang chờ thì hủy ngay; đang chạy thì dừng ở lần báo tiến độ tiếp theo (hủy ngay nếu máy chủ chạy nó đã dừng)')
    .action((id: string) =>
      withDatabase(async (ctx, engine) => {
        // The embedded engine is locked by one process: this command holds it, so no server runs.
        const j = await cancelJob(ctx, positiveInt(id, 'Mã công việc'), { serverStopped: engine === 'embedded' })
        console.log(
          j.status === 'cancelled'
            ? `Đã hủy công việc #${j.id} (${j.title}).`
            : `Đã yêu cầu hủy công việc #${j.id} (${j.title}); công việc sẽ dừng ở lần báo tiến độ tiếp theo.`,
        )
      }),
    )
}
