import { badRequest } from './errors.ts'

export const TEXT_FILE_TYPES = ['.docx', '.pdf', '.txt', '.md'] as const

export function mimeOf(fileName: string): string {
  const ext = fileName.toLowerCase().slice(fileName.lastIndexOf('.'))
  switch (ext) {
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
    default:
      return 'application/octet-stream'
  }
}

/** The text of an uploaded document: Word (.docx), PDF with a text layer, plain text or Markdown. */
export async function extractDocumentText(fileName: string, content: Buffer): Promise<string> {
  const ext = fileName.toLowerCase().slice(fileName.lastIndexOf('.'))
  if (ext === '.txt' || ext === '.md') {
    const text = content.toString('utf8')
    if (text.includes('\uFFFD')) throw badRequest('INVALID_ENCODING', 'Tệp văn bản phải được lưu với mã UTF-8.')
    return text.replace(/^\uFEFF/, '')
  }
  if (ext === '.docx') {
    try {
      const mammoth = (await import('mammoth')).default
      return (await mammoth.extractRawText({ buffer: content })).value
    } catch {
      throw badRequest('INVALID_DOCX', `Không đọc được tệp Word "${fileName}": tệp hỏng hoặc không phải .docx.`)
    }
  }
  if (ext === '.pdf') {
    let text: string
    try {
      const { extractText, getDocumentProxy } = await import('unpdf')
      const pdf = await getDocumentProxy(new Uint8Array(content))
      text = (await extractText(pdf, { mergePages: true })).text
    } catch {
      throw badRequest('INVALID_PDF', `Không đọc được tệp PDF "${fileName}".`)
    }
    if (text.trim().length < 20) {
      throw badRequest('PDF_WITHOUT_TEXT', 'Tệp PDF không có lớp chữ (bản quét ảnh). Hãy nhận dạng chữ (OCR) trước hoặc dán nội dung văn bản.')
    }
    return text
  }
  throw badRequest('UNSUPPORTED_FILE', `Chỉ nhận tệp ${TEXT_FILE_TYPES.join(', ')}.`)
}
