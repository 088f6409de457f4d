import type { SynthesisLine } from '../../../../domain/documents/render-types.ts'

/**
 * A batch of the synthesis table's lines as it crosses to the table's writer: one JSON text (made
 * by the database, see repo.synthesisBatch) where each directive, task and body comes once and each
 * line names them by id, so a batch costs its distinct texts and a single string to copy.
 */
export interface PackedLines {
  rows: number
  json: string
}

type Id = number
interface Packed {
  /** [id, symbol, date, summary] */
  d: [Id, string | null, string | null, string][]
  /** [id, ref, text] */
  t: [Id, string, string][]
  /** [id, name, head, head's position] */
  o: [Id, string, string | null, string | null][]
  /** [directive, task, body, role, status, percent, deadline, last report, its day] */
  l: [Id, Id, Id, SynthesisLine['role'], SynthesisLine['status'], number | null, string | null, string | null, string | null][]
}

/** Lines packed as the database packs them (small tables, tests): each line its own directive, task and body. */
export function packLines(lines: SynthesisLine[]): PackedLines {
  const packed: Packed = { d: [], t: [], o: [], l: [] }
  lines.forEach((x, i) => {
    packed.d.push([i, x.symbol, x.date, x.summary])
    packed.t.push([i, x.ref, x.task])
    packed.o.push([i, x.org, x.head, x.headPosition])
    packed.l.push([i, i, i, x.role, x.status, x.percent, x.deadline, x.lastReport, x.lastReportDate])
  })
  return { rows: lines.length, json: JSON.stringify(packed) }
}

export function unpackLines(p: PackedLines): SynthesisLine[] {
  const packed = JSON.parse(p.json) as Packed
  const d = new Map(packed.d.map((x) => [x[0], x]))
  const t = new Map(packed.t.map((x) => [x[0], x]))
  const o = new Map(packed.o.map((x) => [x[0], x]))
  return packed.l.map(([dId, tId, oId, role, status, percent, deadline, lastReport, lastReportDate]) => {
    const [, symbol, date, summary] = d.get(dId)!
    const [, ref, task] = t.get(tId)!
    const [, org, head, headPosition] = o.get(oId)!
    return { symbol: symbol ?? '(chưa số)', date, summary, ref, task, deadline, org, role, status, head, headPosition, percent, lastReport, lastReportDate }
  })
}
