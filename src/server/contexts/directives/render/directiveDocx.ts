import type { Paragraph, Table } from 'docx'
import type { DirectiveForRender } from '../../../../domain/documents/render-types.ts'
import { addresseeBlock, bodyParagraph, headerTable, officialDocument, pack, signatureTable, titleBlock } from './docxKit.ts'
import { letterSummary, listLines, numberLine, placeDateLine, recipientLines, signingLines, singleAddressee, typeTitle } from './format.ts'

/** A letter (công văn) carries its summary under the number instead of a centred type name. */
function isLetter(d: DirectiveForRender): boolean {
  return d.type === 'CV'
}

function header(d: DirectiveForRender): Table {
  return headerTable({
    system: d.system,
    issuerParent: d.issuerParent,
    issuer: d.issuer,
    numberLine: numberLine(d.system, d.symbol),
    placeDate: placeDateLine(d.place, d.date),
    letterSummary: isLetter(d) ? letterSummary(d.summary) : null,
    marks: [d.secrecy, d.urgency].filter((m): m is NonNullable<typeof m> => m !== null),
  })
}

function addressees(d: DirectiveForRender): Paragraph[] {
  const items = d.addressees.filter((a) => a.trim().length > 0)
  if (items.length === 0) return []
  if (items.length === 1) return addresseeBlock(singleAddressee(items[0]!), [])
  return addresseeBlock(null, listLines(items, d.system))
}

/** The last paragraph is kept with the signature: a signature page must carry some of the text. */
function body(d: DirectiveForRender): Paragraph[] {
  const paragraphs = d.body.map((p) => p.trim()).filter((p) => p.length > 0)
  return paragraphs.map((p, i) => bodyParagraph(p, i === paragraphs.length - 1))
}

/** The directive as an official Word document (.docx), laid out per Decree 30 or Guidance 36. */
export async function renderDirectiveDocx(d: DirectiveForRender): Promise<Buffer> {
  const children: (Paragraph | Table)[] = [
    header(d),
    ...(isLetter(d) ? [] : titleBlock(d.system, typeTitle(d.type), d.summary)),
    ...addressees(d),
    ...body(d),
    signatureTable({
      system: d.system,
      recipients: recipientLines(d.recipients, d.system),
      authorityLines: signingLines(d.system, d.signing),
      signer: d.signing.signer,
    }),
  ]
  const title = `${typeTitle(d.type)} ${numberLine(d.system, d.symbol)}`
  return pack(officialDocument(children, title))
}
