import { fold } from '../text/fold.ts'
import { numberedTaskCount } from './parse.ts'
import type { Cadence, DocumentSystem, DocumentType, NameRef, ParsedDirective, ParsedTask, Secrecy, SigningAuthority, Urgency } from './types.ts'

/** What a reader found in one task. Only the keys given are compared. */
export interface ExpectedTask {
  ref: string
  /** The lead bodies, as written; compared as a set. */
  lead?: string[]
  /** Bodies that must be among the leads (others may be found too). */
  leadIncludes?: string[]
  coordinating?: string[]
  coordinatingIncludes?: string[]
  deadline?: string | null
  cadence?: Cadence['kind']
  /** A section heading, an objective or an enacting article: nothing to assign. */
  heading?: boolean
}

/** What a reader found in one document; `null` means the document does not have it. Absent keys are not compared. */
export interface ExpectedFacts {
  system?: DocumentSystem | null
  type?: DocumentType | null
  number?: string | null
  symbol?: string | null
  issuer?: string | null
  place?: string | null
  date?: string | null
  urgency?: Urgency | null
  secrecy?: Secrecy | null
  summary?: string | null
  signer?: string | null
  signingAuthority?: SigningAuthority | null
  signingPosition?: string | null
  numberedTaskCount?: number | null
  addressees?: string[]
  references?: string[]
  tasks?: ExpectedTask[]
}

/** The fields every document is judged on. */
export const CORE_FIELDS = ['type', 'number+symbol', 'date', 'issuer', 'urgency', 'signer', 'numberedTaskCount'] as const

export interface FieldResult {
  field: string
  expected: string
  actual: string
  correct: boolean
  core: boolean
}

/** Case, diacritics, punctuation and markup do not count. */
export function sameText(a: string | null | undefined, b: string | null | undefined): boolean {
  const norm = (s: string | null | undefined) => (s === null || s === undefined ? '' : fold(s.replace(/[^\p{L}\p{N}]+/gu, ' ')))
  return norm(a) === norm(b)
}

const show = (v: unknown): string => (v === null || v === undefined ? '∅' : typeof v === 'string' ? v : JSON.stringify(v))

function result(field: string, expected: unknown, actual: unknown, correct: boolean): FieldResult {
  return { field, expected: show(expected), actual: show(actual), correct, core: (CORE_FIELDS as readonly string[]).includes(field) }
}

function textField(field: string, expected: string | null, actual: string | null): FieldResult {
  return result(field, expected, actual, sameText(expected, actual))
}

function sameSet(expected: string[], actual: string[]): boolean {
  if (expected.length !== actual.length) return false
  const left = [...actual]
  return expected.every((e) => {
    const k = left.findIndex((a) => sameText(a, e))
    if (k < 0) return false
    left.splice(k, 1)
    return true
  })
}

const includesAll = (expected: string[], actual: string[]) => expected.every((e) => actual.some((a) => sameText(a, e)))
const texts = (refs: NameRef[]) => refs.map((r) => r.text)

function taskResults(expected: ExpectedTask, task: ParsedTask | undefined): FieldResult[] {
  const out: FieldResult[] = []
  const name = `task[${expected.ref}]`
  const lead = task ? texts(task.lead) : []
  const coord = task ? texts(task.coordinating) : []
  if (!task) out.push(result(`${name} found`, expected.ref, null, false))
  if (expected.lead) out.push(result(`${name} lead`, expected.lead, lead, sameSet(expected.lead, lead)))
  if (expected.leadIncludes) out.push(result(`${name} lead ⊇`, expected.leadIncludes, lead, includesAll(expected.leadIncludes, lead)))
  if (expected.coordinating) out.push(result(`${name} coordinating`, expected.coordinating, coord, sameSet(expected.coordinating, coord)))
  if (expected.coordinatingIncludes) out.push(result(`${name} coordinating ⊇`, expected.coordinatingIncludes, coord, includesAll(expected.coordinatingIncludes, coord)))
  if (expected.deadline !== undefined) out.push(result(`${name} deadline`, expected.deadline, task?.deadline ?? null, expected.deadline === (task?.deadline ?? null)))
  if (expected.cadence !== undefined) out.push(result(`${name} cadence`, expected.cadence, task?.cadence.kind ?? null, expected.cadence === task?.cadence.kind))
  if (expected.heading !== undefined) out.push(result(`${name} heading`, expected.heading, task?.heading === true, expected.heading === (task?.heading === true)))
  return out
}

/** Compares a parse with a reader's facts, field by field. */
export function evaluateDirective(parsed: ParsedDirective, expected: ExpectedFacts): FieldResult[] {
  const out: FieldResult[] = []
  const e = expected
  if (e.type !== undefined) out.push(result('type', e.type, parsed.type, e.type === parsed.type))
  if (e.number !== undefined || e.symbol !== undefined) {
    const ok = sameText(e.number ?? null, parsed.number) && sameText(e.symbol ?? null, parsed.symbol)
    out.push(result('number+symbol', `${show(e.number)} ${show(e.symbol)}`, `${show(parsed.number)} ${show(parsed.symbol)}`, ok))
  }
  if (e.date !== undefined) out.push(result('date', e.date, parsed.date, e.date === parsed.date))
  if (e.issuer !== undefined) out.push(textField('issuer', e.issuer, parsed.issuer?.text ?? null))
  if (e.urgency !== undefined) out.push(result('urgency', e.urgency, parsed.urgency, e.urgency === parsed.urgency))
  if (e.signer !== undefined) out.push(textField('signer', e.signer, parsed.signing.signer))
  if (e.numberedTaskCount !== undefined) {
    const n = numberedTaskCount(parsed)
    out.push(result('numberedTaskCount', e.numberedTaskCount, n, (e.numberedTaskCount ?? 0) === n))
  }
  if (e.system !== undefined) out.push(result('system', e.system, parsed.system, e.system === parsed.system))
  if (e.place !== undefined) out.push(textField('place', e.place, parsed.place))
  if (e.secrecy !== undefined) out.push(result('secrecy', e.secrecy, parsed.secrecy, e.secrecy === parsed.secrecy))
  if (e.summary !== undefined) out.push(textField('summary', e.summary, parsed.summary))
  if (e.signingAuthority !== undefined) out.push(result('signingAuthority', e.signingAuthority, parsed.signing.authority, e.signingAuthority === parsed.signing.authority))
  if (e.signingPosition !== undefined) out.push(textField('signingPosition', e.signingPosition, parsed.signing.position))
  if (e.addressees) out.push(result('addressees', e.addressees, texts(parsed.addressees), sameSet(e.addressees, texts(parsed.addressees))))
  if (e.references) {
    const symbols = parsed.references.map((r) => r.symbol ?? r.text)
    out.push(result('references', e.references, symbols, includesAll(e.references, symbols)))
  }
  for (const t of e.tasks ?? []) out.push(...taskResults(t, parsed.tasks.find((p) => p.ref === t.ref)))
  return out
}

export interface FieldAccuracy {
  field: string
  correct: number
  total: number
  core: boolean
}

/** Accuracy per field over many documents; task fields are pooled under "tasks". */
export function accuracyByField(results: FieldResult[][]): FieldAccuracy[] {
  const acc = new Map<string, FieldAccuracy>()
  for (const doc of results) {
    for (const r of doc) {
      const field = r.field.startsWith('task[') ? `tasks: ${r.field.replace(/^task\[.*?\] /, '')}` : r.field
      const a = acc.get(field) ?? { field, correct: 0, total: 0, core: r.core }
      a.total++
      if (r.correct) a.correct++
      acc.set(field, a)
    }
  }
  return [...acc.values()].sort((a, b) => Number(b.core) - Number(a.core))
}
