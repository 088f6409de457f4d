import type { UploadView } from '../../server/contexts/uploads/service.ts'
import { uploadProblem, type UploadPurpose } from '../../domain/files/limits.ts'
import { ApiError, request, withQuery } from './api.ts'

export type { UploadPurpose }

/** Why a chosen file cannot be sent (type, size), checked before a byte leaves the browser. */
export function fileProblem(file: File, purpose: UploadPurpose): string | null {
  return uploadProblem(purpose, file.name, file.size)
}

/**
 * Sends a file as multipart (streamed to the server, which stops at its size limit) and answers
 * its upload id, which the request that uses the file then names. Too large or of the wrong type,
 * it is refused here without sending.
 */
export async function uploadFile(file: File, purpose: UploadPurpose): Promise<UploadView> {
  const problem = fileProblem(file, purpose)
  if (problem) throw new ApiError(413, 'FILE_REFUSED', problem)
  const form = new FormData()
  form.append('file', file, file.name)
  return request<UploadView>(withQuery('/api/uploads', { purpose }), { method: 'POST', body: form })
}
