import { addresseeBlock, bodyParagraph, headerTable, officialDocument, pack, signatureTable } from '../directives/render/docxKit.ts'
import { letterSummary, numberLine, placeDateLine } from '../directives/render/format.ts'
import type { EventReplyInput } from './service.ts'

// The committee's reply to an event's organiser: an official letter (công văn) in the state layout
// of Decree 30/2020/NĐ-CP — issuing body, number and "V/v …" summary, national title and motto,
// place and date, addressee, body, recipients and signature. Rendered in a worker (workers/tasks.ts).

export async function renderEventReplyDocx(x: EventReplyInput): Promise<Buffer> {
  const children = [
    headerTable({ system: 'state', issuerParent: null, issuer: x.issuer, numberLine: numberLine('state', x.number), placeDate: placeDateLine(x.place, x.date), letterSummary: letterSummary(x.summary), marks: [] }),
    ...addresseeBlock(x.addressee, []),
    ...x.paragraphs.map((p, i) => bodyParagraph(p, i === x.paragraphs.length - 1)),
    signatureTable({ system: 'state', recipients: x.recipients, authorityLines: ['TM. ỦY BAN NHÂN DÂN', 'KT. CHỦ TỊCH', 'PHÓ CHỦ TỊCH'], signer: '' }),
  ]
  return pack(officialDocument(children, `Văn bản trả lời đăng ký sự kiện ${x.number}`))
}
