import type { SynthesisLine } from '../../../../domain/documents/render-types.ts'

/**
 * A batch of the synthesis table's lines as it crosses to the table's writer, as the database
 * packs it (see repo.synthesisBatch): each directive, task and body once, each line naming them by
 * id, every kind as comma-separated JSON arrays in parts of a few tens of thousands of characters.
 * A batch costs its distinct texts to copy, and each part is a small string, which the serving
 * thread's young generation frees at once (a single large string would wait for a full collection).
 */
export interface PackedLines {
  rows: number
  parts: {
    /** [id, symbol, date, summary] */
    d: string[]
    /** [id, ref, text] */
    t: string[]
    /** [id, name, head, head's position] */
    o: string[]
    /** [directive, task, body, role, status, percent, deadline, last report, its day] */
    l: string[]
  }
}

type Id = number
type Line = [Id, Id, Id, SynthesisLine['role'], SynthesisLine['status'], number | null, string | null, string | null, string | null]

/** Lines packed as the database packs them (small tables, tests): each line its own directive, task and body. */
export function packLines(lines: SynthesisLine[]): PackedLines {
  const json = (rows: unknown[]) => (rows.length ? [JSON.stringify(rows).slice(1, -1)] : [])
  return {
    rows: lines.length,
    parts: {
      d: json(lines.map((x, i) => [i, x.symbol, x.date, x.summary])),
      t: json(lines.map((x, i) => [i, x.ref, x.task])),
      o: json(lines.map((x, i) => [i, x.org, x.head, x.headPosition])),
      l: json(lines.map((x, i): Line => [i, i, i, x.role, x.status, x.percent, x.deadline, x.lastReport, x.lastReportDate])),
    },
  }
}

function parsed<T>(parts: string[]): T[] {
  return parts.flatMap((part) => JSON.parse(`[${part}]`) as T[])
}

export function unpackLines(p: PackedLines): SynthesisLine[] {
  const d = new Map(parsed<[Id, string | null, string | null, string]>(p.parts.d).map((x) => [x[0], x]))
  const t = new Map(parsed<[Id, string, string]>(p.parts.t).map((x) => [x[0], x]))
  const o = new Map(parsed<[Id, string, string | null, string | null]>(p.parts.o).map((x) => [x[0], x]))
  return parsed<Line>(p.parts.l).map(([dId, tId, oId, role, status, percent, deadline, lastReport, lastReportDate]) => {
    const [, symbol, date, summary] = d.get(dId)!
    const [, ref, task] = t.get(tId)!
    const [, org, head, headPosition] = o.get(oId)!
    return { symbol: symbol ?? '(chưa số)', date, summary, ref, task, deadline, org, role, status, head, headPosition, percent, lastReport, lastReportDate }
  })
}
