import type { Paragraph, Table } from 'docx'
import { formatVnDate } from '../../../domain/text/dates.ts'
import { bodyParagraph, headerTable, line, officialDocument, pack, signatureTable, titleBlock } from '../directives/render/docxKit.ts'
import { numberLine, placeDateLine } from '../directives/render/format.ts'
import type { QuarantineDocumentInput } from './service.ts'

// The quarantine decision (quyết định cách ly y tế) and the certificate of completed quarantine
// (giấy xác nhận hoàn thành cách ly) in the state layout of Decree 30/2020/NĐ-CP: national title
// and motto, issuing body and number, place and date, title, legal bases, articles, recipients and
// signature. Rendered in a worker (workers/tasks.ts).

const d = formatVnDate

function personLines(x: QuarantineDocumentInput): string[] {
  return [
    `Họ và tên: ${x.personName}${x.sex ? `; giới tính: ${x.sex}` : ''}${x.birth ? `; sinh ngày (năm): ${x.birth}` : ''}.`,
    ...(x.identity ? [`Giấy tờ tùy thân: ${x.identity}.`] : []),
    ...(x.residence ? [`Nơi cư trú: ${x.residence}.`] : []),
  ]
}

/** The paragraphs of a decision: bases, then Articles 1–3. */
export function decisionText(x: QuarantineDocumentInput): { bases: string[]; articles: string[] } {
  return {
    bases: [
      'Căn cứ Luật Tổ chức chính quyền địa phương;',
      'Căn cứ Luật Phòng, chống bệnh truyền nhiễm ngày 21 tháng 11 năm 2007;',
      'Căn cứ Nghị định số 101/2010/NĐ-CP ngày 30 tháng 9 năm 2010 của Chính phủ quy định chi tiết thi hành một số điều của Luật Phòng, chống bệnh truyền nhiễm về áp dụng biện pháp cách ly y tế, cưỡng chế cách ly y tế và chống dịch đặc thù trong thời gian có dịch;',
      `Căn cứ ${x.ruleSource} (${x.ruleName});`,
      'Theo đề nghị của Trạm Y tế,',
    ],
    articles: [
      `Điều 1. Áp dụng biện pháp cách ly y tế đối với ${x.reasonText}:`,
      ...personLines(x),
      `Địa điểm cách ly: ${x.where}.`,
      `Thời gian cách ly: ${x.duration}, từ ngày ${d(x.startOn)} đến hết ngày ${d(dayBefore(x.plannedEnd))}${x.monitoringDays > 0 ? `; sau đó tiếp tục theo dõi sức khỏe ${x.monitoringDays} ngày` : ''}.`,
      'Điều 2. Người được cách ly có trách nhiệm chấp hành nghiêm các quy định về cách ly y tế, không tiếp xúc với người khác đợt, khai báo y tế hằng ngày và thực hiện xét nghiệm theo chỉ định. Trường hợp không chấp hành sẽ bị cưỡng chế cách ly theo quy định của pháp luật.',
      'Điều 3. Quyết định này có hiệu lực kể từ ngày ký. Văn phòng Ủy ban nhân dân, Trạm Y tế, người phụ trách nơi cách ly, các cơ quan, đơn vị có liên quan và người có tên tại Điều 1 chịu trách nhiệm thi hành Quyết định này./.',
    ],
  }
}

export function certificateText(x: QuarantineDocumentInput): string[] {
  return [
    `${x.issuer.replace(/\n/g, ' ')} xác nhận:`,
    ...personLines(x),
    `Đã hoàn thành thời gian cách ly y tế (${x.reasonText}) tại ${x.where}, từ ngày ${d(x.startOn)} đến ngày ${d(x.releasedOn)}, theo ${x.ruleSource} (${x.ruleName}); kết quả xét nghiệm theo quy định âm tính.`,
    x.monitoringDays > 0 && x.monitoringUntil
      ? `Người được cấp giấy tiếp tục tự theo dõi sức khỏe tại nơi cư trú ${x.monitoringDays} ngày (đến ngày ${d(x.monitoringUntil)}); khi có dấu hiệu sốt, ho, khó thở phải báo ngay cho cơ sở y tế gần nhất.`
      : 'Khi có dấu hiệu sốt, ho, khó thở phải báo ngay cho cơ sở y tế gần nhất.',
    'Giấy xác nhận này được cấp để người có tên trên sử dụng khi cần thiết./.',
  ]
}

function dayBefore(iso: string): string {
  const t = new Date(`${iso}T00:00:00Z`)
  t.setUTCDate(t.getUTCDate() - 1)
  return t.toISOString().slice(0, 10)
}

export async function renderQuarantineDocx(x: QuarantineDocumentInput): Promise<Buffer> {
  const header = headerTable({ system: 'state', issuerParent: x.issuerParent, issuer: x.issuer, numberLine: numberLine('state', x.number), placeDate: placeDateLine(x.place, x.date), letterSummary: null, marks: [] })
  const children: (Paragraph | Table)[] = [header]
  if (x.kind === 'decision') {
    const t = decisionText(x)
    children.push(
      ...titleBlock('state', 'QUYẾT ĐỊNH', `Về việc áp dụng biện pháp cách ly y tế`),
      line(`CHỦ TỊCH ${x.issuer.replace(/\n/g, ' ')}`, { size: 14, bold: true, before: 120, after: 240 }),
      ...t.bases.map((b) => bodyParagraph(b)),
      line('QUYẾT ĐỊNH:', { size: 14, bold: true, before: 120, after: 120 }),
      ...t.articles.map((a, i) => bodyParagraph(a, i === t.articles.length - 1)),
    )
  } else {
    const t = certificateText(x)
    children.push(...titleBlock('state', 'GIẤY XÁC NHẬN', 'Hoàn thành thời gian cách ly y tế'), ...t.map((p, i) => bodyParagraph(p, i === t.length - 1)))
  }
  children.push(
    signatureTable({
      system: 'state',
      recipients: x.kind === 'decision' ? ['- Như Điều 3;', '- Trung tâm Y tế;', '- Lưu: VT.'] : ['- Người được cấp giấy;', '- Lưu: VT.'],
      authorityLines: ['TM. ỦY BAN NHÂN DÂN', 'CHỦ TỊCH'],
      signer: '',
    }),
  )
  return pack(officialDocument(children, `${x.kind === 'decision' ? 'Quyết định cách ly' : 'Giấy xác nhận hoàn thành cách ly'} ${x.number}`))
}

/** The certificate as PDF, in the same layout. */
export async function renderQuarantineCertificatePdf(x: QuarantineDocumentInput): Promise<Buffer> {
  const { centred, createPdf, paragraph, twoColumns } = await import('../directives/render/pdfLayout.ts')
  const pdf = createPdf(`Giấy xác nhận hoàn thành cách ly ${x.number}`, x.issuer.replace(/\n/g, ' '))
  twoColumns(
    pdf,
    0.4,
    [...x.issuer.split('\n').map((t) => ({ text: t, size: 13, style: 'bold' as const })), { text: numberLine('state', x.number), size: 13, before: 6 }],
    [
      { text: 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', size: 12, style: 'bold' },
      { text: 'Độc lập - Tự do - Hạnh phúc', size: 13, style: 'bold', underline: true },
      { text: placeDateLine(x.place, x.date), size: 14, style: 'italic', before: 6 },
    ],
  )
  centred(pdf, [
    { text: 'GIẤY XÁC NHẬN', size: 14, style: 'bold', before: 18 },
    { text: 'Hoàn thành thời gian cách ly y tế', size: 14, style: 'bold' },
  ])
  pdf.doc.moveDown()
  for (const p of certificateText(x)) paragraph(pdf, p)
  pdf.doc.moveDown()
  twoColumns(
    pdf,
    0.45,
    [
      { text: 'Nơi nhận:', size: 12, style: 'boldItalic' },
      { text: '- Người được cấp giấy;', size: 11 },
      { text: '- Lưu: VT.', size: 11 },
    ],
    [
      { text: 'TM. ỦY BAN NHÂN DÂN', size: 14, style: 'bold' },
      { text: 'CHỦ TỊCH', size: 14, style: 'bold' },
    ],
  )
  pdf.doc.end()
  return pdf.done
}
