import yauzl from 'yauzl'
import { formatBytes } from '../../../domain/files/limits.ts'
import { AppError } from '../errors.ts'

export interface ZipLimits {
  /** All entries together, inflated. */
  maxInflatedBytes: number
  maxEntries: number
}

const tooBig = (limit: number) =>
  new AppError(
    413,
    'LIMIT_INFLATED_SIZE',
    `Tệp nén bung ra vượt giới hạn ${formatBytes(limit)} (có thể là tệp độc hại "zip bomb"). Hãy lưu lại tệp bằng Word/Excel rồi gửi lại.`,
  )

/**
 * Checks an Office file (.docx, .xlsx: a zip archive) before a library inflates it: the number of
 * entries, the sizes they declare, and the bytes they really inflate to, counted while inflating
 * and stopped at the first byte over the limit, so a zip bomb costs at most the limit.
 */
export function inspectZip(content: Buffer, limits: ZipLimits, what: string, invalidCode = 'INVALID_ARCHIVE'): Promise<void> {
  const invalid = () => new AppError(400, invalidCode, `Không đọc được tệp ${what}: tệp hỏng hoặc không đúng định dạng.`)
  return new Promise((resolve, reject) => {
    yauzl.fromBuffer(content, { lazyEntries: true, validateEntrySizes: true, strictFileNames: false }, (err, zip) => {
      if (err || !zip) return reject(invalid())
      let entries = 0
      let declared = 0
      let inflated = 0
      let settled = false
      const fail = (e: AppError) => {
        if (settled) return
        settled = true
        zip.close()
        reject(e)
      }
      zip.on('error', () => fail(invalid()))
      zip.on('end', () => {
        if (!settled) {
          settled = true
          resolve()
        }
      })
      zip.on('entry', (entry: yauzl.Entry) => {
        if (settled) return
        entries++
        declared += entry.uncompressedSize
        if (entries > limits.maxEntries) return fail(new AppError(413, 'LIMIT_ENTRIES', `Tệp ${what} có quá nhiều thành phần (giới hạn ${limits.maxEntries}).`))
        if (declared > limits.maxInflatedBytes) return fail(tooBig(limits.maxInflatedBytes))
        if (entry.fileName.endsWith('/')) return zip.readEntry()
        zip.openReadStream(entry, (e, stream) => {
          if (e || !stream) return fail(invalid())
          stream.on('data', (chunk: Buffer) => {
            inflated += chunk.length
            if (inflated > limits.maxInflatedBytes) {
              stream.destroy()
              fail(tooBig(limits.maxInflatedBytes))
            }
          })
          stream.on('error', () => fail(invalid()))
          stream.on('end', () => zip.readEntry())
        })
      })
      zip.readEntry()
    })
  })
}
