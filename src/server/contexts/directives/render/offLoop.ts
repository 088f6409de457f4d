import { PARSE_LIMITS } from '../../../../domain/files/limits.ts'
import { runUntrusted } from '../../../platform/untrusted/pool.ts'
import type { RendererName } from '../../../workers/tasks.ts'

/** Renders a Word, PDF or Excel document in a worker thread, so a long report never stalls the server. */
export async function renderOffLoop(renderer: RendererName, input: unknown): Promise<Buffer> {
  const bytes = await runUntrusted<Uint8Array>('render', { renderer, input }, PARSE_LIMITS.renderSeconds)
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength)
}
