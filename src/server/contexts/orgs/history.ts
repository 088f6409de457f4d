import { readFile } from 'node:fs/promises'
import { fileURLToPath } from 'node:url'
import { addDays, formatISO, parseISO } from 'date-fns'
import { buildOrgMatcher } from '../../../domain/documents/orgMatcher.ts'
import type { OrgKind } from '../../../domain/orgs/kinds.ts'
import { formatVnDate, isIsoDate } from '../../../domain/text/dates.ts'
import { fold } from '../../../domain/text/fold.ts'
import { PRE_REFORM_END } from '../../../domain/units/types.ts'
import { type Ctx, hasPermission, inTransaction, isWithin, requirePermission, today } from '../../platform/context.ts'
import { badRequest, notFound, outsideJurisdiction } from '../../platform/errors.ts'
import { transferOpenAssignments } from '../directives/repo.ts'
import { refreshAssignments } from '../directives/service.ts'
import * as repo from './repo.ts'
import { orgsForMatching } from './service.ts'

// Bodies across time: a body is retired (given the last day it existed) with the bodies that took
// over its work; its open assignments pass to them with a note. The demo province's pre-2025
// bodies are created and retired by the same function (seedOrgHistory).

export type SuccessionKind = 'merged' | 'renamed' | 'split' | 'transferred'

export interface RetireInput {
  /** The last day the body existed (ISO). */
  validTo: string
  successors: { orgId: number; kind: SuccessionKind }[]
  /** Why, as it reads in the note on passed tasks: "sắp xếp đơn vị hành chính". */
  reason?: string | null | undefined
  /** The basis (a decision) or what is assumed. */
  note?: string | null | undefined
}

const nextDay = (iso: string) => formatISO(addDays(parseISO(iso), 1), { representation: 'date' })

/** "Chuyển từ UBND huyện Châu Thành do sắp xếp đơn vị hành chính ngày 01/07/2025". */
export function transferNote(fromName: string, reason: string, effectiveOn: string): string {
  return `Chuyển từ ${fromName} do ${reason} ngày ${formatVnDate(effectiveOn)}`
}

/**
 * Retires a body without checks, in the caller's transaction: sets its last day, links its
 * successors and passes its open assignments to them. For the reference and demo loads and for
 * retireOrg after its checks. Answers the assignments passed on.
 */
export async function retireBody(ctx: Ctx, id: number, input: RetireInput): Promise<number[]> {
  const body = await repo.findOrg(ctx.db, id)
  if (!body) throw notFound(`cơ quan, tổ chức #${id}`)
  const effectiveOn = nextDay(input.validTo)
  await repo.setValidity(ctx.db, id, { validTo: input.validTo })
  await repo.insertSuccessors(
    ctx.db,
    input.successors.map((s) => ({ orgId: id, successorId: s.orgId, kind: s.kind, effectiveOn, note: input.note ?? null })),
  )
  const note = transferNote(body.name, input.reason ?? 'sắp xếp tổ chức bộ máy', effectiveOn)
  const moved = await transferOpenAssignments(
    ctx.db,
    id,
    input.successors.map((s) => s.orgId),
    note,
  )
  if (moved.length) await refreshAssignments(ctx, { assignmentIds: moved })
  return moved
}

/** Records that a body ceased to exist and who took over its work; its open tasks pass to them. */
export async function retireOrg(ctx: Ctx, id: number, input: RetireInput): Promise<{ transferred: number }> {
  requirePermission(ctx.access, 'orgs:write')
  const body = await repo.findOrg(ctx.db, id)
  if (!body) throw notFound(`cơ quan, tổ chức #${id}`)
  if (!isWithin(ctx.access, body.unitPath)) throw outsideJurisdiction()
  if (body.validTo) throw badRequest('ORG_ALREADY_RETIRED', `${body.name} đã thôi hoạt động từ ngày ${formatVnDate(nextDay(body.validTo))}.`)
  if (!isIsoDate(input.validTo) || input.validTo >= today(ctx)) {
    throw badRequest('ORG_RETIRE_DATE', 'Ngày cuối cùng cơ quan hoạt động phải là một ngày trước hôm nay.')
  }
  if (body.validFrom && input.validTo < body.validFrom) throw badRequest('ORG_RETIRE_DATE', 'Ngày thôi hoạt động không thể trước ngày thành lập.')
  if (input.successors.length === 0) throw badRequest('ORG_SUCCESSOR_REQUIRED', 'Cần chọn ít nhất một cơ quan tiếp nhận nhiệm vụ.')
  if (new Set(input.successors.map((s) => s.orgId)).size !== input.successors.length) throw badRequest('ORG_SUCCESSOR_TWICE', 'Mỗi cơ quan tiếp nhận chỉ chọn một lần.')
  for (const s of input.successors) {
    if (s.orgId === id) throw badRequest('ORG_SUCCESSOR_SELF', 'Cơ quan không thể tiếp nhận nhiệm vụ của chính nó.')
    const successor = await repo.findOrg(ctx.db, s.orgId)
    if (!successor) throw badRequest('ORG_NOT_FOUND', `Không tìm thấy cơ quan, tổ chức #${s.orgId}.`)
    // Work passes only to bodies the caller answers for, never out of their area.
    if (!isWithin(ctx.access, successor.unitPath)) throw outsideJurisdiction()
    if (successor.validTo && successor.validTo <= input.validTo) throw badRequest('ORG_SUCCESSOR_RETIRED', `${successor.name} đã thôi hoạt động nên không thể tiếp nhận nhiệm vụ.`)
  }
  const moved = await inTransaction(ctx, (tx) => retireBody(tx, id, input))
  return { transferred: moved.length }
}

// ---------------------------------------------------------------- learning names as written

/** Words that say what kind of body, not which: a spelling made only of them names no body. */
const GENERIC = new Set(
  'cac co quan don vi to chuc ban nganh so doan the dia phuong lien quan cap tinh huyen xa phuong thanh pho thi tran dac khu uy nhan dan chinh quyen dang bo chi hoi dong lanh dao chuc nang va cung voi tren duoi tat ca nhung moi'.split(
    ' ',
  ),
)

/** A spelling specific enough to stand for one body: a few words, at least one of them not generic. */
export function specificEnough(text: string): boolean {
  const words = fold(text)
    .split(/[^a-z0-9]+/)
    .filter(Boolean)
  if (words.length < 2 || text.trim().length < 8 || text.length > 200) return false
  return words.some((w) => !GENERIC.has(w) && !/^\d+$/.test(w))
}

export interface LearnedAlias {
  orgId: number
  orgName: string
  alias: string
}

/**
 * Remembers the spellings the reviewer resolved by hand: a name as written that the registry did
 * not know (or knew only as a body of another time), chosen for one body, becomes an alias of that
 * body so the next document matches it. Only by users who may write bodies or directives, only for
 * bodies in their jurisdiction, only specific spellings. Each change is a row update of the body (audited).
 */
export async function learnAliases(
  ctx: Ctx,
  input: { date?: string | null | undefined; tasks: { lead: number[]; coordinating: number[]; namesAsWritten?: Record<string, string> | undefined }[] },
): Promise<LearnedAlias[]> {
  if (!hasPermission(ctx.access, 'orgs:write') && !hasPermission(ctx.access, 'directives:write')) return []
  const pairs = new Map<string, { orgId: number; text: string }>()
  for (const t of input.tasks) {
    const assigned = new Set([...t.lead, ...t.coordinating])
    for (const [id, raw] of Object.entries(t.namesAsWritten ?? {})) {
      const orgId = Number(id)
      const text = raw.replace(/\s+/g, ' ').trim()
      if (!assigned.has(orgId) || !specificEnough(text)) continue
      pairs.set(`${orgId}:${fold(text)}`, { orgId, text })
    }
  }
  if (pairs.size === 0) return []
  const { orgs, groups, externalProvinces } = await orgsForMatching(ctx)
  const matcher = buildOrgMatcher(orgs, groups, { date: input.date ?? today(ctx), externalProvinces })
  const learned: LearnedAlias[] = []
  await inTransaction(ctx, async (tx) => {
    for (const { orgId, text } of pairs.values()) {
      const ref = matcher.match(text)
      // Known already (to this body or another), a group, or a body of another province: nothing to learn.
      if (ref.orgId !== undefined || ref.groupKey !== undefined || ref.external) continue
      const body = await repo.findOrg(tx.db, orgId)
      if (!body || !isWithin(tx.access, body.unitPath)) continue
      if (body.aliases.some((a) => fold(a) === fold(ref.text))) continue
      const aliases = [...body.aliases, ref.text]
      await repo.updateOrg(tx.db, orgId, { aliases, aliasesFold: aliases.map(fold).join(' | ') })
      learned.push({ orgId, orgName: body.name, alias: ref.text })
    }
  })
  return learned
}

// ---------------------------------------------------------------- the demo province's history

const demoDir = fileURLToPath(new URL('../../../../data/demo/', import.meta.url))

interface HistoricalBody {
  key: string
  name: string
  kind: OrgKind
  served: string
  validTo: string
  aliases: string[]
  successors: { key: string; kind: SuccessionKind }[]
  /** Aliases the body shares with its successor (names without a place, told apart by the date). */
  shared?: string[]
  reason: string
  note: string
}
interface DistrictBody {
  suffix: string
  kind: OrgKind
  /** Templates: {type} "huyện", {Type} "Huyện", {name} "Châu Thành", {committee} "Huyện ủy". */
  name: string
  aliases: string[]
  validTo: string
  /** Successors: the bodies with this suffix of the 2025 communes that took over the territory, or listed keys. */
  successors: { communes: string; kind: SuccessionKind } | { keys: { key: string; kind: SuccessionKind }[] }
  reason: string
  note: string
}
interface HistoryFile {
  provinces: string[]
  provincial: HistoricalBody[]
  district: DistrictBody[]
}

const COMMITTEE: Record<string, string> = { huyen: 'Huyện ủy', thanh_pho: 'Thành ủy', thi_xa: 'Thị ủy', quan: 'Quận ủy' }
const TYPE_WORD: Record<string, string> = { huyen: 'huyện', thanh_pho: 'thành phố', thi_xa: 'thị xã', quan: 'quận' }

function fill(template: string, v: Record<string, string>): string {
  return template.replace(/\{(\w+)\}/g, (_, k: string) => v[k] ?? '')
}

/**
 * The demo province's bodies before 1 July 2025 (data/demo/orgs-91-history.json): the bodies of
 * old Kiên Giang merged into An Giang's, the departments merged in 2025, and five bodies of every
 * pre-2025 district of old An Giang and old Kiên Giang, derived from the unit registry. Each is
 * created as a historical body and retired with its successors; aliases it takes over from a current
 * body are removed there. Idempotent (keys).
 */
export async function seedOrgHistory(ctx: Ctx): Promise<number> {
  const data = JSON.parse(await readFile(`${demoDir}orgs-91-history.json`, 'utf8')) as HistoryFile
  const ids = await repo.idsByKey(ctx.db)
  const province = await ctx.db.selectFrom('units').select(['id', 'path']).where('id', '=', '2025:91').executeTakeFirstOrThrow()
  let created = 0
  const create = async (b: { key: string; name: string; kind: OrgKind; served: string; aliases: string[]; parent: number | null }) => {
    if (ids.has(b.key)) return null
    const aliases = [...new Set(b.aliases)]
    const id = await repo.insertOrg(ctx.db, {
      key: b.key,
      name: b.name,
      nameFold: fold(b.name),
      kind: b.kind,
      parentId: b.parent,
      // Historical bodies sit under today's province for jurisdiction; the unit they served is kept beside.
      unitId: province.id,
      servedUnitId: b.served,
      headName: null,
      headPosition: null,
      aliases,
      aliasesFold: aliases.map(fold).join(' | '),
    })
    ids.set(b.key, id)
    created++
    return id
  }
  const retire = async (id: number, successorIds: { orgId: number; kind: SuccessionKind }[], validTo: string, reason: string, note: string, names: string[], shared: string[] = []) => {
    await retireBody(ctx, id, { validTo, successors: successorIds, reason, note })
    // The names now belong to the historical body: they leave the successors' aliases (unless shared).
    const keep = new Set(shared.map(fold))
    const taken = new Set(names.map(fold).filter((n) => !keep.has(n)))
    for (const s of successorIds) {
      const o = await repo.findOrg(ctx.db, s.orgId)
      if (!o) continue
      const kept = o.aliases.filter((a) => !taken.has(fold(a)))
      if (kept.length !== o.aliases.length) await repo.updateOrg(ctx.db, o.id, { aliases: kept, aliasesFold: kept.map(fold).join(' | ') })
    }
  }

  for (const b of data.provincial) {
    const id = await create({ ...b, parent: null })
    if (id === null) continue
    const successors = b.successors.flatMap((s) => (ids.has(s.key) ? [{ orgId: ids.get(s.key)!, kind: s.kind }] : []))
    if (successors.length) await retire(id, successors, b.validTo, b.reason, b.note, [b.name, ...b.aliases], b.shared)
  }

  for (const code of data.provinces) {
    const old = await ctx.db.selectFrom('units').select(['name', 'path']).where('id', '=', `2008:${code}`).executeTakeFirst()
    if (!old) continue
    const districts = await repo.unitsUnder(ctx.db, old.path, 'district')
    for (const d of districts) {
      // Two districts of the same name (Châu Thành in both provinces) are told apart by their province.
      const twin = (await sameNamedDistricts(ctx, data.provinces, d.name)) > 1
      const v = {
        type: TYPE_WORD[d.unitType] ?? d.unitType,
        Type: (TYPE_WORD[d.unitType] ?? d.unitType).replace(/^./, (c) => c.toUpperCase()),
        name: d.name,
        committee: COMMITTEE[d.unitType] ?? 'Huyện ủy',
        province: old.name,
      }
      const communes = await repo.successorCommunes(ctx.db, d.path)
      for (const b of data.district) {
        const baseName = fill(b.name, v)
        const name = twin ? `${baseName} (tỉnh ${old.name})` : baseName
        const aliases = b.aliases.map((a) => fill(a, v)).concat(twin ? [baseName] : [])
        const id = await create({ key: `h${d.code}_${b.suffix}`, name, kind: b.kind, served: d.id, aliases, parent: null })
        if (id === null) continue
        const s = b.successors
        // Listed keys: the first that exists ("ttyt_{slug}", the area health centre, else "so_yte").
        const listed = 'keys' in s ? s.keys.map((k) => ({ orgId: ids.get(fill(k.key, { slug: slug(d.name) })), kind: k.kind })).find((x) => x.orgId !== undefined) : undefined
        const successorIds =
          'communes' in s
            ? communes.flatMap((c) => {
                const sid = ids.get(`${c.code}_${s.communes}`)
                return sid === undefined ? [] : [{ orgId: sid, kind: s.kind }]
              })
            : listed?.orgId === undefined
              ? []
              : [{ orgId: listed.orgId, kind: listed.kind }]
        if (successorIds.length) await retire(id, successorIds, b.validTo, b.reason, b.note, [name, ...aliases])
        else await repo.setValidity(ctx.db, id, { validTo: b.validTo || PRE_REFORM_END })
      }
    }
  }
  return created
}

async function sameNamedDistricts(ctx: Ctx, provinces: string[], name: string): Promise<number> {
  const rows = await ctx.db
    .selectFrom('units')
    .select('id')
    .where('level', '=', 'district')
    .where('name', '=', name)
    .where(
      'parentId',
      'in',
      provinces.map((c) => `2008:${c}`),
    )
    .execute()
  return rows.length
}

/** "Châu Thành" → "chauthanh", as the demo's keys spell places. */
function slug(name: string): string {
  return fold(name).replace(/[^a-z0-9]/g, '')
}

/**
 * After a document is recorded: tasks it gave to bodies abolished since (a 2021 directive naming a
 * former district's committee) pass at once to their successors, with the note.
 */
export async function passTasksOfRetiredBodies(ctx: Ctx, orgIds: number[]): Promise<number> {
  const on = today(ctx)
  let moved = 0
  await inTransaction(ctx, async (tx) => {
    const links = await repo.linksOf(tx.db, [...new Set(orgIds)], 'successors')
    for (const orgId of new Set(links.map((l) => l.ofId))) {
      const body = await repo.findOrg(tx.db, orgId)
      if (!body?.validTo || body.validTo >= on) continue
      const mine = links.filter((l) => l.ofId === orgId)
      const ids = await transferOpenAssignments(
        tx.db,
        orgId,
        mine.map((l) => l.id),
        transferNote(body.name, 'sắp xếp tổ chức bộ máy', mine[0]!.effectiveOn),
      )
      if (ids.length) await refreshAssignments(tx, { assignmentIds: ids })
      moved += ids.length
    }
  })
  return moved
}

/** A body as it stood when it issued a document: its name and the province it belonged to then. */
export async function bodyAsIssued(ctx: Ctx, id: number): Promise<{ name: string; province: string | null; validFrom: string | null; validTo: string | null } | null> {
  const o = await repo.findOrg(ctx.db, id)
  if (!o) return null
  const path = o.servedUnitPath ?? o.unitPath
  const province = (await repo.provinces(ctx.db)).find((p) => path.startsWith(p.path))?.name ?? null
  return { name: o.name, province, validFrom: o.validFrom, validTo: o.validTo }
}

/** Names of the provinces of both periods, longest first (to find one at the end of a name). */
export async function provinceNames(ctx: Ctx): Promise<string[]> {
  return [...new Set((await repo.provinces(ctx.db)).map((p) => p.name))].sort((a, b) => b.length - a.length)
}
