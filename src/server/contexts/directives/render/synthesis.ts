import type { SynthesisReport } from '../../../../domain/documents/render-types.ts'
import { pack } from './docxKit.ts'
import { reportTitle, synthesisContent } from './synthesisContent.ts'
import { synthesisDocument } from './synthesisDocx.ts'
import { synthesisPdf } from './synthesisPdf.ts'

/** The Office's implementation report as an official Word document (Party format). */
export async function renderSynthesisDocx(r: SynthesisReport): Promise<Buffer> {
  return pack(synthesisDocument(synthesisContent(r), reportTitle(r)))
}

/** The same report as a PDF with the Tinos font embedded, for reading and printing anywhere. */
export async function renderSynthesisPdf(r: SynthesisReport): Promise<Buffer> {
  return synthesisPdf(synthesisContent(r), reportTitle(r))
}
