import { buildOrgMatcher } from '../../domain/documents/orgMatcher.ts'
import { parseDirective } from '../../domain/documents/parse.ts'
import type { GroupForMatching, OrgForMatching, ParsedDirective } from '../../domain/documents/types.ts'
import { checkBoundaryFile, checkPopulationFile, type UnitIndex } from '../contexts/units/importFiles.ts'
import { checkDocumentLength, extractDocumentText } from '../platform/textract.ts'
import { outcome } from '../platform/untrusted/pool.ts'
import type { SynthesisLine, SynthesisReport } from '../../domain/documents/render-types.ts'
import type { PackedLines } from '../contexts/directives/render/packedLines.ts'
import type { MessagePort } from 'node:worker_threads'
import { Writable } from 'node:stream'
import type { ParseInput } from '../contexts/surveillance/imports/parse.ts'

// Everything that reads untrusted input or renders large documents, run in worker threads by
// runUntrusted (platform/untrusted/pool.ts). Each task answers an Outcome: expected failures
// (AppError) come back whole; anything else is the worker's failure.

const buf = (u: Uint8Array) => Buffer.from(u.buffer, u.byteOffset, u.byteLength)

/** A directive's text (pasted, or read from its file) and the parser's proposal for it. */
export function readDirective(input: {
  text?: string
  file?: { fileName: string; content: Uint8Array }
  orgs: OrgForMatching[]
  groups: GroupForMatching[]
  externalProvinces?: string[]
}) {
  return outcome(async (): Promise<{ text: string; parsed: ParsedDirective }> => {
    const text = input.file ? await extractDocumentText(input.file.fileName, buf(input.file.content)) : checkDocumentLength(input.text ?? '')
    return { text, parsed: parseAtItsDate(text, input.orgs, input.groups, input.externalProvinces ?? []) }
  })
}

/**
 * Parses twice when the document has a date: the second time with the bodies that existed on it,
 * preferring the issuer's province in its time (its body's, or the place line's).
 */
function parseAtItsDate(text: string, orgs: OrgForMatching[], groups: GroupForMatching[], externalProvinces: string[]): ParsedDirective {
  const matcher = buildOrgMatcher(orgs, groups, { externalProvinces })
  const first = parseDirective(text, matcher)
  if (!first.date || !matcher.at) return first
  const issuerId = first.issuer?.orgId ?? first.issuer?.historicalOrgId
  const issuer = issuerId === undefined ? undefined : orgs.find((o) => o.id === issuerId)
  const place = first.place && orgs.some((o) => o.province === first.place) ? first.place : null
  return parseDirective(text, matcher.at(first.date, issuer?.province ?? place))
}

export function populationFile(input: { fileName: string; content: Uint8Array; defaultYear: number; units: UnitIndex }) {
  return outcome(() => checkPopulationFile(input))
}

export function boundaryFile(input: { fileName: string; content: Uint8Array; units: UnitIndex }) {
  return outcome(() => checkBoundaryFile(input))
}

/** A table of facilities to register (safety context): every row checked. */
export function safetyFacilities(input: { fileName: string; content: Uint8Array; units: Record<string, { id: string; path: string }> }) {
  return outcome(async () => (await import('../contexts/safety/importFile.ts')).checkFacilityFile({ ...input, content: buf(input.content) }))
}

export function vaccinationDoses(input: { fileName: string; content: Uint8Array; units: Record<string, { id: string; path: string; level: string }>; products: { code: string; name: string; primaryDoses: number }[]; today: string }) {
  return outcome(async () => (await import('../contexts/vaccination/importFile.ts')).checkDoseFile({ ...input, content: buf(input.content) }))
}

/** A table of denominators per commune and age group (vaccination context): every row checked. */
export function vaccinationPopulations(input: { fileName: string; content: Uint8Array; units: Record<string, { id: string; path: string; level: string }> }) {
  return outcome(async () => (await import('../contexts/vaccination/importFile.ts')).checkPopulationFile({ ...input, content: buf(input.content) }))
}

/** A table of person-level doses (vaccination context): every row checked; people are matched on the server thread. */
export function vaccinationRecords(input: { fileName: string; content: Uint8Array; units: Record<string, { id: string; path: string; level: string }>; products: { code: string; name: string; primaryDoses: number }[]; today: string }) {
  return outcome(async () => (await import('../contexts/vaccination/recordsFile.ts')).checkRecordFile({ ...input, content: buf(input.content) }))
}

const RENDERERS = {
  synthesisDocx: async (r: never) => (await import('../contexts/directives/render/synthesis.ts')).renderSynthesisDocx(r),
  synthesisPdf: async (r: never) => (await import('../contexts/directives/render/synthesis.ts')).renderSynthesisPdf(r),
  directiveDocx: async (r: never) => (await import('../contexts/directives/render/directiveDocx.ts')).renderDirectiveDocx(r),
  surveillanceTemplate: async (r: never) => (await import('../contexts/surveillance/imports/template.ts')).renderImportTemplate(r),
  quarantineDocx: async (r: never) => (await import('../contexts/quarantine/documents.ts')).renderQuarantineDocx(r),
  quarantineCertificatePdf: async (r: never) => (await import('../contexts/quarantine/documents.ts')).renderQuarantineCertificatePdf(r),
  eventReplyDocx: async (r: never) => (await import('../contexts/events/documents.ts')).renderEventReplyDocx(r),
  dailyReportDocx: async (r: never) => (await import('../contexts/analytics/dailyReportContent.ts')).renderDailyReportDocx(r),
  dailyReportPdf: async (r: never) => (await import('../contexts/analytics/dailyReportContent.ts')).renderDailyReportPdf(r),
} as const
export type RendererName = keyof typeof RENDERERS

/**
 * Writes the synthesis's Excel table from rows that arrive on `port` ({ lines } batches, then
 * { end }), posting the file back as it is made ({ chunk }), how many rows are written after each
 * batch ({ written }), and { done } after the last byte.
 */
export function xlsxTable(input: { report: SynthesisReport; port: MessagePort }) {
  return outcome(async () => {
    const { port } = input
    const { writeTasksXlsx } = await import('../contexts/directives/render/tasksXlsx.ts')
    const out = new Writable({
      write(chunk: Buffer, _encoding, done) {
        // A copy of its own (the zip's chunk may share a pooled buffer), moved to the other thread.
        const own = new Uint8Array(chunk)
        port.postMessage({ chunk: own }, [own.buffer])
        done()
      },
    })
    const finished = new Promise<void>((resolve, reject) => out.once('finish', resolve).once('error', reject))
    const rows = await writeTasksXlsx(input.report, linesFrom(port), out, async (written) => port.postMessage({ written }), Number.POSITIVE_INFINITY)
    await finished
    port.postMessage({ done: rows })
    port.close()
    return rows
  })
}

/** The batches of rows posted on `port`, in order, until { end }. */
async function* linesFrom(port: MessagePort): AsyncGenerator<SynthesisLine[]> {
  const { unpackLines } = await import('../contexts/directives/render/packedLines.ts')
  const queue: { lines?: PackedLines; end?: true }[] = []
  let wake: (() => void) | null = null
  port.on('message', (m: { lines?: PackedLines; end?: true }) => {
    queue.push(m)
    wake?.()
  })
  for (;;) {
    while (queue.length === 0) await new Promise<void>((resolve) => (wake = resolve))
    const m = queue.shift()!
    if (m.end) return
    if (m.lines) yield unpackLines(m.lines)
  }
}

/**
 * Reads a surveillance import file arriving a chunk at a time on `port` and posts its checked rows
 * back in batches (see contexts/surveillance/imports/parse.ts for the exchange).
 */
export function surveillanceImport(input: ParseInput) {
  return outcome(async () => (await import('../contexts/surveillance/imports/parse.ts')).parseImportStream(input))
}

/** Renders a Word, PDF or Excel document from its input. */
export function render(input: { renderer: RendererName; input: unknown }) {
  return outcome(async () => {
    const out = await RENDERERS[input.renderer](input.input as never)
    return new Uint8Array(out.buffer, out.byteOffset, out.byteLength)
  })
}
