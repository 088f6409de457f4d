/**
 * Limits on untrusted files and text, shared by the browser (checked before sending) and the
 * server (enforced while reading the upload and while parsing it off the event loop).
 */
export const UPLOAD_PURPOSES = ['document', 'table', 'geojson', 'attachment', 'surveillance'] as const
export type UploadPurpose = (typeof UPLOAD_PURPOSES)[number]

export interface PurposeLimits {
  /** Largest file accepted, in bytes; refused while reading, at the first byte over. */
  maxBytes: number
  /** File name endings accepted. */
  extensions: readonly string[]
}

const MB = 1024 * 1024

export const UPLOAD_LIMITS: Record<UploadPurpose, PurposeLimits> = {
  /** A directive to read: Word, PDF with a text layer, plain text or Markdown. */
  document: { maxBytes: 10 * MB, extensions: ['.docx', '.pdf', '.txt', '.md'] },
  /** A table to import (populations now; cases, contacts and tests later). */
  table: { maxBytes: 64 * MB, extensions: ['.xlsx', '.csv', '.tsv', '.txt'] },
  /** Unit boundaries. */
  geojson: { maxBytes: 32 * MB, extensions: ['.geojson', '.json'] },
  /** Evidence attached to a report. */
  attachment: { maxBytes: 10 * MB, extensions: ['.pdf', '.docx', '.xlsx', '.doc', '.xls', '.jpg', '.jpeg', '.png', '.txt', '.md', '.zip'] },
  /**
   * Cases, contacts or test results to import: read as a stream, so the size only bounds the time
   * (a million results are about 60 MB of CSV).
   */
  surveillance: { maxBytes: 256 * MB, extensions: ['.xlsx', '.csv', '.tsv', '.txt'] },
}

/** Limits applied while parsing, in a worker thread. */
export const PARSE_LIMITS = {
  /** Characters of a directive's text, pasted or extracted from a file. */
  documentChars: 300_000,
  /** Bytes a .docx or .xlsx may inflate to (all entries together). */
  documentInflatedBytes: 64 * MB,
  tableInflatedBytes: 400 * MB,
  /** Entries in a .docx or .xlsx archive. */
  zipEntries: 2_000,
  /** Data rows of an imported table. */
  tableRows: 1_000_000,
  /** Features of a boundary file. */
  geojsonFeatures: 20_000,
  /** Seconds a document may take to read, a table to read and check. */
  documentSeconds: 20,
  tableSeconds: 180,
  renderSeconds: 120,
  /** Heap of a parsing worker, in MB. */
  workerHeapMb: 768,
} as const

export function extensionOf(fileName: string): string {
  const i = fileName.lastIndexOf('.')
  return i < 0 ? '' : fileName.slice(i).toLowerCase()
}

/** Vietnamese size for messages: "10 MB", "1,5 MB", "800 KB". */
export function formatBytes(n: number): string {
  if (n >= MB) return `${(n / MB).toLocaleString('vi-VN', { maximumFractionDigits: 1 })} MB`
  return `${Math.ceil(n / 1024).toLocaleString('vi-VN')} KB`
}

/** Why a file cannot be sent, checked in the browser before the upload; null when it can. */
export function uploadProblem(purpose: UploadPurpose, fileName: string, size: number): string | null {
  const limits = UPLOAD_LIMITS[purpose]
  if (!limits.extensions.includes(extensionOf(fileName))) return `Tệp "${fileName}" không đúng loại: chỉ nhận ${limits.extensions.join(', ')}.`
  if (size > limits.maxBytes) return `Tệp "${fileName}" (${formatBytes(size)}) vượt giới hạn ${formatBytes(limits.maxBytes)}.`
  if (size === 0) return `Tệp "${fileName}" rỗng.`
  return null
}
