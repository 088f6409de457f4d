import {
  type Cadence,
  DOCUMENT_TYPE_KEYS,
  type DocumentSystem,
  type DocumentType,
  type NameRef,
  type ParsedDirective,
  SIGNING_AUTHORITIES,
  type SigningAuthority,
  type Span,
} from '../../../domain/documents/types.ts'
import type { DirectiveInput, DirectiveView, Reference, TaskInput } from './api.ts'

/** A body named in the document, as the reviewer sees it: matched, a group awaiting confirmation, or not found. */
export interface BodyRef {
  uid: string
  /** The name as written in the document; empty when the body was picked from the registry. */
  text: string
  orgId: number | null
  /** The registry name when it is known here (picked or created); otherwise looked up by id. */
  orgName: string | null
  /** A matched addressee group ("Các sở, ban, ngành…") that the reviewer has not confirmed yet. */
  group: { key: string; memberIds: number[] } | null
}

export interface TaskDraft {
  uid: string
  ref: string
  text: string
  lead: BodyRef[]
  coordinating: BodyRef[]
  /** yyyy-mm-dd or '' */
  deadline: string
  cadence: Cadence
  span: Span | null
}

export interface DirectiveDraft {
  system: DocumentSystem
  type: DocumentType
  number: string
  symbol: string
  issuerOrgId: number | null
  issuerOrgName: string | null
  /** The issuer as written in the document's header. */
  issuerName: string
  place: string
  date: string
  urgency: string
  secrecy: string
  summary: string
  addressees: BodyRef[]
  recipients: BodyRef[]
  body: string
  signing: { authority: SigningAuthority | ''; position: string; signer: string; actingFor: string }
  references: Reference[]
  tasks: TaskDraft[]
}

const isDocumentType = (v: string): v is DocumentType => (DOCUMENT_TYPE_KEYS as readonly string[]).includes(v)
export const isAuthority = (v: string): v is SigningAuthority => (SIGNING_AUTHORITIES as readonly string[]).includes(v)

let counter = 0
export const newUid = (prefix = 'b') => `${prefix}${++counter}`

export function bodyOf(ref: NameRef): BodyRef {
  return {
    uid: newUid(),
    text: ref.text,
    orgId: ref.orgId ?? null,
    orgName: null,
    group: !ref.orgId && ref.groupKey ? { key: ref.groupKey, memberIds: ref.memberIds ?? [] } : null,
  }
}

export const pickedBody = (org: { id: number; name: string }, text = ''): BodyRef => ({ uid: newUid(), text, orgId: org.id, orgName: org.name, group: null })

export function emptyTask(ref: string): TaskDraft {
  return { uid: newUid('t'), ref, text: '', lead: [], coordinating: [], deadline: '', cadence: { kind: 'once' }, span: null }
}

/** The next free number for a task added by hand. */
export function nextRef(tasks: TaskDraft[]): string {
  const numbers = tasks.map((t) => Number.parseInt(t.ref, 10)).filter((n) => Number.isFinite(n))
  return String(numbers.length ? Math.max(...numbers) + 1 : tasks.length + 1)
}

/** The parser's proposal as an editable draft. */
export function fromParsed(p: ParsedDirective): DirectiveDraft {
  return {
    system: p.system ?? 'party',
    type: p.type ?? 'CV',
    number: p.number ?? '',
    symbol: p.symbol ?? '',
    issuerOrgId: p.issuer?.orgId ?? null,
    issuerOrgName: null,
    issuerName: p.issuer?.text ?? '',
    place: p.place ?? '',
    date: p.date ?? '',
    urgency: p.urgency ?? '',
    secrecy: p.secrecy ?? '',
    summary: p.summary ?? '',
    addressees: p.addressees.map(bodyOf),
    recipients: p.recipients.map(bodyOf),
    body: p.body,
    signing: { authority: p.signing.authority ?? '', position: p.signing.position ?? '', signer: p.signing.signer ?? '', actingFor: p.signing.actingFor ?? '' },
    references: p.references,
    tasks: p.tasks.map((t) => ({
      uid: newUid('t'),
      ref: t.ref,
      text: t.text,
      lead: t.lead.map(bodyOf),
      coordinating: t.coordinating.map(bodyOf),
      deadline: t.deadline ?? '',
      cadence: t.cadence,
      span: t.span,
    })),
  }
}

export function emptyDraft(): DirectiveDraft {
  return {
    system: 'party',
    type: 'CV',
    number: '',
    symbol: '',
    issuerOrgId: null,
    issuerOrgName: null,
    issuerName: '',
    place: '',
    date: '',
    urgency: '',
    secrecy: '',
    summary: '',
    addressees: [],
    recipients: [],
    body: '',
    signing: { authority: 'TM', position: '', signer: '', actingFor: '' },
    references: [],
    tasks: [emptyTask('1')],
  }
}

/** A stored draft back into the form. Its type and signing authority were saved from these same lists. */
export function fromDirective(d: DirectiveView): DirectiveDraft {
  const draft = emptyDraft()
  const bodies = (t: DirectiveView['tasks'][number], role: 'lead' | 'coordinating') =>
    t.assignments.filter((a) => a.role === role).map((a) => ({ uid: newUid(), text: a.nameAsWritten ?? '', orgId: a.orgId, orgName: a.orgName, group: null }))
  return {
    ...draft,
    system: d.system,
    type: isDocumentType(d.type) ? d.type : draft.type,
    issuerOrgId: d.issuerOrgId,
    issuerOrgName: d.issuerName,
    issuerName: d.issuerName,
    place: d.place ?? '',
    urgency: d.urgency ?? '',
    secrecy: d.secrecy ?? '',
    summary: d.summary,
    addressees: d.addressees.map(bodyOf),
    recipients: d.recipients.map(bodyOf),
    body: d.body,
    signing: {
      authority: d.signing.authority && isAuthority(d.signing.authority) ? d.signing.authority : '',
      position: d.signing.position ?? '',
      signer: d.signing.signer ?? '',
      actingFor: d.signing.actingFor ?? '',
    },
    references: d.references.map((r) => ({ text: r.text, symbol: r.symbol, date: r.refDate })),
    tasks: d.tasks.map((t) => ({
      uid: newUid('t'),
      ref: t.ref,
      text: t.text,
      lead: bodies(t, 'lead'),
      coordinating: bodies(t, 'coordinating'),
      deadline: t.deadline ?? '',
      cadence: t.cadence,
      span: null,
    })),
  }
}

/** Replaces a confirmed group by its member bodies, leaving out bodies already listed. */
export function expandGroup(list: BodyRef[], uid: string): BodyRef[] {
  const chip = list.find((b) => b.uid === uid)
  if (!chip?.group) return list
  const present = new Set(list.flatMap((b) => (b.orgId ? [b.orgId] : [])))
  const members = chip.group.memberIds.filter((id) => !present.has(id)).map((id) => ({ uid: newUid(), text: chip.text, orgId: id, orgName: null, group: null }))
  return list.flatMap((b) => (b.uid === uid ? members : [b]))
}

/** A body that cannot be assigned yet: not found in the registry, or a group not confirmed. */
export const isUnresolved = (b: BodyRef) => b.orgId === null

export function unresolvedNames(d: DirectiveDraft): number {
  return d.tasks.reduce((n, t) => n + [...t.lead, ...t.coordinating].filter(isUnresolved).length, 0)
}

function nameRef(b: BodyRef): NameRef {
  const text = b.text.trim() || b.orgName || (b.orgId ? `#${b.orgId}` : '')
  if (b.orgId) return { text, orgId: b.orgId }
  if (b.group) return { text, groupKey: b.group.key, memberIds: b.group.memberIds }
  return { text }
}

function taskInput(t: TaskDraft): TaskInput {
  const ids = (list: BodyRef[]) => [...new Set(list.flatMap((b) => (b.orgId ? [b.orgId] : [])))]
  const namesAsWritten: Record<string, string> = {}
  for (const b of [...t.lead, ...t.coordinating]) if (b.orgId && b.text.trim()) namesAsWritten[String(b.orgId)] = b.text.trim()
  return {
    ref: t.ref.trim(),
    text: t.text.trim(),
    lead: ids(t.lead),
    coordinating: ids(t.coordinating),
    ...(Object.keys(namesAsWritten).length ? { namesAsWritten } : {}),
    deadline: t.deadline || null,
    cadence: t.cadence,
  }
}

const orNull = (s: string) => s.trim() || null

export function toInput(d: DirectiveDraft): DirectiveInput {
  return {
    system: d.system,
    type: d.type,
    number: orNull(d.number),
    symbol: orNull(d.symbol),
    issuerOrgId: d.issuerOrgId,
    issuerName: d.issuerName.trim() || d.issuerOrgName || '',
    place: orNull(d.place),
    date: d.date || null,
    urgency: d.urgency || null,
    secrecy: d.secrecy || null,
    summary: d.summary.trim(),
    addressees: d.addressees.map(nameRef).filter((r) => r.text),
    recipients: d.recipients.map(nameRef).filter((r) => r.text),
    body: d.body,
    signing: { authority: d.signing.authority || null, position: orNull(d.signing.position), signer: orNull(d.signing.signer), actingFor: orNull(d.signing.actingFor) },
    references: d.references,
    tasks: d.tasks.map(taskInput),
  }
}
