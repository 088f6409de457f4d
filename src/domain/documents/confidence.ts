import { foldKeep } from './folding.ts'
import { typeOfSymbol } from './header.ts'
import type { ConfidenceField, NameRef, ParsedDirective, ParsedTask, TaskConfidence } from './types.ts'

/**
 * How sure the parser is of what it proposes, 0–1, so that the review leads the reader to the
 * doubtful fields first. The figures rank, they are not probabilities: a field read from a fixed
 * form (the symbol, "ngày … tháng … năm …") scores high, a name not found in the registry or a
 * sentence that reads like an assignment without a body scores low.
 */
const known = (r: NameRef) => r.orgId !== undefined || r.groupKey !== undefined

function namesConfidence(refs: NameRef[]): number {
  if (refs.length === 0) return 0.5
  const k = refs.filter(known).length
  return k === refs.length ? 0.9 : k > 0 ? 0.7 : 0.55
}

const ASSIGNING = /\b(?:chu tri|giao|phoi hop|de nghi|yeu cau|chiu trach nhiem|co trach nhiem|dau moi)\b/
const DATE_LIKE = /\b\d{1,2}\s?[/.-]\s?\d{1,2}\b|\bngay\s+\d|\bthang\s+\d|\bquy\s+(?:i|ii|iii|iv|[1-4])\b|\btuan\s+\d/
const SCHEDULE_LIKE = /\b(?:dinh ky|hang quy|hang nam|6 thang|sau thang)\b/

/** Confidence of each part of one task. */
export function taskConfidence(task: ParsedTask): TaskConfidence {
  const f = foldKeep(task.text).toLowerCase()
  if (task.heading) return { task: 0.8, lead: 1, coordinating: 1, deadline: 1, cadence: 1 }
  const lead = task.lead.length > 0 ? namesConfidence(task.lead) : ASSIGNING.test(f) ? 0.3 : 0.55
  const coordinating = task.coordinating.length > 0 ? namesConfidence(task.coordinating) : /\bphoi hop\b/.test(f) ? 0.4 : 0.85
  const deadline = task.deadline ? 0.9 : DATE_LIKE.test(f) ? 0.45 : 0.85
  const cadence = task.cadence.kind === 'once' && SCHEDULE_LIKE.test(f) ? 0.4 : 0.85
  const taskScore = /^S\d+$/.test(task.ref) ? 0.65 : 0.85
  return { task: taskScore, lead, coordinating, deadline, cadence }
}

/** Confidence of each header field. */
export function headerConfidence(p: ParsedDirective): Partial<Record<ConfidenceField, number>> {
  const explicit = p.symbol ? typeOfSymbol(p.symbol).explicit : false
  return {
    type: p.type === null ? 0.2 : explicit ? 0.95 : p.spans.type ? 0.85 : 0.55,
    symbol: p.symbol ? 0.9 : 0.3,
    issuer: p.issuer ? (known(p.issuer) ? 0.9 : 0.55) : 0.2,
    date: p.date ? 0.95 : 0.2,
    urgency: 0.9,
    summary: p.summary ? 0.8 : 0.45,
    addressees: p.addressees.length > 0 ? namesConfidence(p.addressees) : 0.6,
    signing: p.signing.signer ? (p.signing.position ? 0.9 : 0.7) : 0.25,
    recipients: p.recipients.length > 0 ? namesConfidence(p.recipients) : 0.75,
  }
}

/** The lowest part of a task's confidence. */
export function lowestOf(c: TaskConfidence): number {
  return Math.min(c.task, c.lead, c.coordinating, c.deadline, c.cadence)
}
