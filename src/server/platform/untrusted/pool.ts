import { availableParallelism } from 'node:os'
import { Piscina } from 'piscina'
import { PARSE_LIMITS } from '../../../domain/files/limits.ts'
import { AppError } from '../errors.ts'

/** What a worker task answers: its value, or the expected failure it met (errors do not cross threads whole). */
export type Outcome<T> = { ok: true; value: T } | { ok: false; error: { status: number; code: string; message: string; details?: unknown } }

/** Runs `fn` and turns an AppError into an outcome the main thread can rebuild. */
export async function outcome<T>(fn: () => Promise<T> | T): Promise<Outcome<T>> {
  try {
    return { ok: true, value: await fn() }
  } catch (err) {
    if (err instanceof AppError) return { ok: false, error: { status: err.status, code: err.code, message: err.message, details: err.details } }
    throw err
  }
}

let pool: Piscina | null = null

function getPool(): Piscina {
  pool ??= new Piscina({
    filename: new URL('../../workers/worker.mjs', import.meta.url).href,
    minThreads: 0,
    maxThreads: Math.max(1, Math.min(2, availableParallelism() - 1)),
    idleTimeout: 30_000,
    // Queued files wait their turn; past this many the server says it is busy instead of piling up.
    maxQueue: 32,
    resourceLimits: { maxOldGenerationSizeMb: PARSE_LIMITS.workerHeapMb, maxYoungGenerationSizeMb: 16, stackSizeMb: 8 },
  })
  return pool
}

export type UntrustedTask = 'readDirective' | 'populationFile' | 'boundaryFile' | 'render' | 'xlsxTable' | 'surveillanceImport' | 'safetyFacilities' | 'vaccinationDoses' | 'vaccinationPopulations' | 'vaccinationRecords'

/**
 * Runs a parsing, decompression or rendering task in a worker thread with a heap limit and a time
 * limit, so that a hostile or huge input costs a worker, never the server's event loop. Over a
 * limit the caller gets an AppError whose Vietnamese message names the limit.
 */
export async function runUntrusted<T>(
  task: UntrustedTask,
  input: unknown,
  seconds: number,
  options: { transferList?: Transferable[]; signal?: AbortSignal } = {},
): Promise<T> {
  let result: Outcome<T>
  const timeout = AbortSignal.timeout(seconds * 1000)
  try {
    result = await getPool().run(input, {
      name: task,
      signal: options.signal ? AbortSignal.any([timeout, options.signal]) : timeout,
      ...(options.transferList ? { transferList: options.transferList as never } : {}),
    })
  } catch (err) {
    throw workerFailure(err, seconds)
  }
  if (!result.ok) throw new AppError(result.error.status, result.error.code, result.error.message, result.error.details)
  return result.value
}

function workerFailure(err: unknown, seconds: number): Error {
  const e = err as { name?: string; code?: string; message?: string }
  if (e?.name === 'AbortError' || e?.name === 'TimeoutError') {
    return new AppError(422, 'LIMIT_TIME', `Xử lý tệp vượt giới hạn thời gian ${seconds} giây nên đã dừng. Tệp quá lớn hoặc có cấu trúc bất thường.`)
  }
  if (e?.code === 'ERR_WORKER_OUT_OF_MEMORY') {
    return new AppError(
      422,
      'LIMIT_MEMORY',
      `Xử lý tệp vượt giới hạn bộ nhớ ${PARSE_LIMITS.workerHeapMb} MB nên đã dừng. Tệp quá lớn hoặc là tệp nén độc hại; hãy chia nhỏ tệp.`,
    )
  }
  if (typeof e?.message === 'string' && /queue is at limit/i.test(e.message)) {
    return new AppError(503, 'BUSY', 'Máy chủ đang xử lý nhiều tệp cùng lúc. Vui lòng thử lại sau ít phút.')
  }
  return err instanceof Error ? err : new Error(String(err))
}

/** Stops the worker threads (server shutdown, end of tests). */
export async function closeUntrustedPool(): Promise<void> {
  const p = pool
  pool = null
  if (p) await p.destroy()
}
