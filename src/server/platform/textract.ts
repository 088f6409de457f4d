import { extensionOf, formatBytes, PARSE_LIMITS } from '../../domain/files/limits.ts'
import { docxHtmlToText } from './docxText.ts'
import { AppError, badRequest } from './errors.ts'
import { inspectZip } from './untrusted/zip.ts'

export const TEXT_FILE_TYPES = ['.docx', '.pdf', '.txt', '.md'] as const

export function mimeOf(fileName: string): string {
  switch (extensionOf(fileName)) {
    case '.docx':
      return 'application/vnd.openxmlformats-officedocument.wordprocessingml.document'
    case '.pdf':
      return 'application/pdf'
    case '.md':
      return 'text/markdown; charset=utf-8'
    case '.txt':
      return 'text/plain; charset=utf-8'
    case '.xlsx':
      return 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'
    case '.png':
      return 'image/png'
    case '.jpg':
    case '.jpeg':
      return 'image/jpeg'
    default:
      return 'application/octet-stream'
  }
}

/** UTF-8 text of a file, refusing bytes that are not UTF-8 (rather than turning them into �). */
export function decodeUtf8(content: Uint8Array, fileName: string): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(content).replace(/^\uFEFF/, '')
  } catch {
    throw badRequest('INVALID_ENCODING', `Tệp "${fileName}" không phải văn bản UTF-8 hợp lệ. Hãy lưu lại với mã UTF-8 (Unicode) rồi gửi lại.`)
  }
}

/** Refuses a text longer than a document may be, naming the limit. */
export function checkDocumentLength(text: string): string {
  if (text.length > PARSE_LIMITS.documentChars) {
    throw new AppError(
      413,
      'LIMIT_CHARACTERS',
      `Văn bản dài ${text.length.toLocaleString('vi-VN')} ký tự, vượt giới hạn ${PARSE_LIMITS.documentChars.toLocaleString('vi-VN')} ký tự của một văn bản chỉ đạo.`,
    )
  }
  return text
}

/**
 * The text of an uploaded document: Word (.docx), PDF with a text layer, plain text or Markdown.
 * Runs in a parsing worker (see untrusted/pool.ts), never on the server's event loop.
 */
export async function extractDocumentText(fileName: string, content: Buffer): Promise<string> {
  const ext = extensionOf(fileName)
  if (ext === '.txt' || ext === '.md') return checkDocumentLength(decodeUtf8(content, fileName))
  if (ext === '.docx') {
    await inspectZip(content, { maxInflatedBytes: PARSE_LIMITS.documentInflatedBytes, maxEntries: PARSE_LIMITS.zipEntries }, `Word "${fileName}"`, 'INVALID_DOCX')
    let text: string
    try {
      const mammoth = (await import('mammoth')).default
      // Through HTML, so that a task table keeps its rows (extractRawText gives one cell per paragraph).
      text = docxHtmlToText((await mammoth.convertToHtml({ buffer: content })).value)
    } catch {
      throw badRequest('INVALID_DOCX', `Không đọc được tệp Word "${fileName}": tệp hỏng hoặc không phải .docx.`)
    }
    return checkDocumentLength(text)
  }
  if (ext === '.pdf') {
    let text = ''
    try {
      const { getDocumentProxy } = await import('unpdf')
      const pdf = await getDocumentProxy(new Uint8Array(content))
      // Page by page, stopping as soon as the text is over the limit.
      for (let i = 1; i <= pdf.numPages; i++) {
        const page = await pdf.getPage(i)
        const tc = await page.getTextContent()
        text += `${tc.items.map((it) => ('str' in it ? `${it.str}${it.hasEOL ? '\n' : ''}` : '')).join('')}\n`
        if (text.length > PARSE_LIMITS.documentChars) break
      }
    } catch {
      throw badRequest('INVALID_PDF', `Không đọc được tệp PDF "${fileName}".`)
    }
    checkDocumentLength(text)
    if (text.trim().length < 20) {
      throw badRequest('PDF_WITHOUT_TEXT', 'Tệp PDF không có lớp chữ (bản quét ảnh). Hãy nhận dạng chữ (OCR) trước hoặc dán nội dung văn bản.')
    }
    return text
  }
  throw badRequest('UNSUPPORTED_FILE', `Chỉ nhận tệp ${TEXT_FILE_TYPES.join(', ')} (tệp "${fileName}", tối đa ${formatBytes(10 * 1024 * 1024)}).`)
}
