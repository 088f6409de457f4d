import { IMPORT_COLUMNS, IMPORT_KIND_NAMES, type ImportKind } from '../../../../domain/surveillance/importColumns.ts'

/**
 * The template of an import file (.xlsx): the Vietnamese headers (English keys are accepted too),
 * one example row, and a sheet of notes on each column. Rendered in a worker thread.
 */
export async function renderImportTemplate(kind: ImportKind): Promise<Buffer> {
  const ExcelJS = (await import('exceljs')).default
  const wb = new ExcelJS.Workbook()
  wb.creator = 'phongdich'
  const columns = IMPORT_COLUMNS[kind]
  const data = wb.addWorksheet('Dữ liệu')
  data.columns = columns.map((c) => ({ header: c.vi, key: c.key, width: Math.max(14, c.vi.length + 4) }))
  data.addRow(Object.fromEntries(columns.map((c) => [c.key, c.example])))
  data.getRow(1).font = { bold: true }
  data.views = [{ state: 'frozen', ySplit: 1 }]
  // Everything is text: codes keep their leading zeros, dates stay as typed.
  for (let i = 1; i <= columns.length; i++) data.getColumn(i).numFmt = '@'
  const notes = wb.addWorksheet('Hướng dẫn')
  notes.columns = [
    { header: 'Cột (tiêu đề tiếng Việt)', key: 'vi', width: 26 },
    { header: 'Tiêu đề tiếng Anh', key: 'key', width: 18 },
    { header: 'Bắt buộc', key: 'required', width: 10 },
    { header: 'Ghi chú', key: 'note', width: 90 },
  ]
  notes.getRow(1).font = { bold: true }
  for (const c of columns) notes.addRow({ vi: c.vi, key: c.key, required: c.required ? 'có' : '', note: c.note })
  notes.addRow({})
  notes.addRow({ vi: `Tệp ${IMPORT_KIND_NAMES[kind]}: mỗi dòng một ${kind === 'contacts' ? 'lần tiếp xúc' : kind === 'tests' ? 'mẫu xét nghiệm' : 'ca bệnh'}.` })
  notes.addRow({ vi: 'Nhập lại cùng một tệp không làm thay đổi gì; dòng lỗi được trả lại kèm lý do trong tệp lỗi, sửa xong có thể nhập lại chính tệp lỗi đó.' })
  return Buffer.from(await wb.xlsx.writeBuffer())
}
