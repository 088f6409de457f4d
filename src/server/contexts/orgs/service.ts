import { groupMembers, validOn } from '../../../domain/documents/orgMatcher.ts'
import type { GroupForMatching, OrgForMatching } from '../../../domain/documents/types.ts'
import { ORG_KINDS, type OrgKind } from '../../../domain/orgs/kinds.ts'
import { vnDate } from '../../../domain/text/dates.ts'
import { unitTypeName } from '../../../domain/units/types.ts'
import { fold } from '../../../domain/text/fold.ts'
import { type Ctx, inTransaction, isWithin, requirePermission, today } from '../../platform/context.ts'
import { badRequest, notFound, outsideJurisdiction } from '../../platform/errors.ts'
import { getUnit } from '../units/service.ts'
import * as repo from './repo.ts'

export interface OrgView {
  id: number
  key: string | null
  name: string
  kind: string
  kindName: string
  parentId: number | null
  parentName: string | null
  unitCode: string
  unitName: string
  headName: string | null
  headPosition: string | null
  aliases: string[]
  /** ISO dates the body existed between (null: open-ended), and whether it exists today. */
  validFrom: string | null
  validTo: string | null
  current: boolean
  /** The unit it served in its time, when it differs from today's ("thành phố Rạch Giá"). */
  servedUnit: string | null
}

export function presentOrg(o: repo.OrgRow, on = vnDate(new Date())): OrgView {
  return {
    id: o.id,
    key: o.key,
    name: o.name,
    kind: o.kind,
    kindName: ORG_KINDS[o.kind as OrgKind]?.vi ?? o.kind,
    parentId: o.parentId,
    parentName: o.parentName,
    unitCode: o.unitCode,
    unitName: o.unitName,
    headName: o.headName,
    headPosition: o.headPosition,
    aliases: o.aliases,
    validFrom: o.validFrom,
    validTo: o.validTo,
    current: validOn(o, on),
    servedUnit: o.servedUnitName ? `${unitTypeName(o.servedUnitType ?? '').toLowerCase()} ${o.servedUnitName}` : null,
  }
}

export async function listOrgs(
  ctx: Ctx,
  f: {
    q?: string | undefined
    kind?: string | undefined
    unitCode?: string | undefined
    parentId?: number | undefined
    ids?: number[] | undefined
    status?: 'current' | 'historical' | undefined
    limit: number
    offset: number
  },
): Promise<OrgView[]> {
  requirePermission(ctx.access, 'orgs:read')
  const unitPath = f.unitCode ? (await getUnit(ctx, f.unitCode)).path : undefined
  const on = today(ctx)
  const rows = await repo.listOrgs(ctx.db, { ...f, q: f.q ? fold(f.q) : undefined, unitPath, on })
  return rows.map((r) => presentOrg(r, on))
}

/** One page of bodies and how many the filter matches in all. */
export async function pageOrgs(ctx: Ctx, f: Parameters<typeof listOrgs>[1]): Promise<{ orgs: OrgView[]; total: number }> {
  const unitPath = f.unitCode ? (await getUnit(ctx, f.unitCode)).path : undefined
  const [list, total] = await Promise.all([listOrgs(ctx, f), repo.countListed(ctx.db, { ...f, q: f.q ? fold(f.q) : undefined, unitPath, on: today(ctx) })])
  return { orgs: list, total }
}

/** A body linked to another across time: its successor or predecessor, how and from when. */
export interface OrgLinkView {
  id: number
  name: string
  kind: 'merged' | 'renamed' | 'split' | 'transferred'
  effectiveOn: string
  note: string | null
}

export async function getOrg(ctx: Ctx, id: number): Promise<OrgView & { successors: OrgLinkView[]; predecessors: OrgLinkView[] }> {
  requirePermission(ctx.access, 'orgs:read')
  const o = await repo.findOrg(ctx.db, id)
  if (!o) throw notFound(`cơ quan, tổ chức #${id}`)
  const [successors, predecessors] = await Promise.all([repo.linksOf(ctx.db, [id], 'successors'), repo.linksOf(ctx.db, [id], 'predecessors')])
  const link = (l: (typeof successors)[number]): OrgLinkView => ({ id: l.id, name: l.name, kind: l.kind, effectiveOn: l.effectiveOn, note: l.note })
  return { ...presentOrg(o, today(ctx)), successors: successors.map(link), predecessors: predecessors.map(link) }
}

export interface OrgInput {
  name: string
  kind: OrgKind
  unitCode: string
  parentId?: number | null | undefined
  headName?: string | null | undefined
  headPosition?: string | null | undefined
  aliases?: string[] | undefined
  key?: string | null | undefined
}

const foldAliases = (aliases: string[]) => aliases.map(fold).join(' | ')

async function checkPlacement(ctx: Ctx, unitCode: string, parentId: number | null | undefined, selfId?: number) {
  const unit = await getUnit(ctx, unitCode)
  if (!isWithin(ctx.access, unit.path)) throw outsideJurisdiction()
  if (parentId) {
    if (parentId === selfId) throw badRequest('ORG_PARENT_SELF', 'Cơ quan không thể trực thuộc chính nó.')
    await getOrg(ctx, parentId)
  }
  return unit
}

export async function createOrg(ctx: Ctx, input: OrgInput): Promise<OrgView> {
  requirePermission(ctx.access, 'orgs:write')
  const unit = await checkPlacement(ctx, input.unitCode, input.parentId)
  const aliases = [...new Set((input.aliases ?? []).map((a) => a.trim()).filter(Boolean))]
  return inTransaction(ctx, async (tx) => {
    const id = await repo.insertOrg(tx.db, {
      key: input.key ?? null,
      name: input.name.trim(),
      nameFold: fold(input.name),
      kind: input.kind,
      parentId: input.parentId ?? null,
      unitId: unit.id,
      headName: input.headName ?? null,
      headPosition: input.headPosition ?? null,
      aliases,
      aliasesFold: foldAliases(aliases),
    })
    return getOrg(tx, id)
  })
}

export async function updateOrg(ctx: Ctx, id: number, patch: Partial<OrgInput>): Promise<OrgView> {
  requirePermission(ctx.access, 'orgs:write')
  const current = await repo.findOrg(ctx.db, id)
  if (!current) throw notFound(`cơ quan, tổ chức #${id}`)
  if (!isWithin(ctx.access, current.unitPath)) throw outsideJurisdiction()
  const unit = patch.unitCode || patch.parentId ? await checkPlacement(ctx, patch.unitCode ?? current.unitCode, patch.parentId, id) : undefined
  const aliases = patch.aliases ? [...new Set(patch.aliases.map((a) => a.trim()).filter(Boolean))] : undefined
  return inTransaction(ctx, async (tx) => {
    await repo.updateOrg(tx.db, id, {
      ...(patch.name !== undefined ? { name: patch.name.trim(), nameFold: fold(patch.name) } : {}),
      ...(patch.kind !== undefined ? { kind: patch.kind } : {}),
      ...(unit ? { unitId: unit.id } : {}),
      ...(patch.parentId !== undefined ? { parentId: patch.parentId } : {}),
      ...(patch.headName !== undefined ? { headName: patch.headName } : {}),
      ...(patch.headPosition !== undefined ? { headPosition: patch.headPosition } : {}),
      ...(aliases ? { aliases, aliasesFold: foldAliases(aliases) } : {}),
    })
    return getOrg(tx, id)
  })
}

/** Addressee groups with the ids of the bodies each stands for. */
export async function listGroups(ctx: Ctx) {
  requirePermission(ctx.access, 'orgs:read')
  const { orgs, groups } = await orgsForMatching(ctx)
  return groups.map((g) => ({ ...g, memberIds: groupMembers(g, orgs) }))
}

/**
 * Every body with its names and validity, and the addressee groups: what the directive parser
 * matches against; with the names of the provinces the registry's bodies do not belong to (both
 * periods), whose bodies are external.
 */
export async function orgsForMatching(ctx: Ctx): Promise<{ orgs: OrgForMatching[]; groups: GroupForMatching[]; externalProvinces: string[] }> {
  const [rows, groups, provinces] = await Promise.all([repo.allForMatching(ctx.db), repo.listGroups(ctx.db), repo.provinces(ctx.db)])
  const provinceOf = (path: string) => provinces.find((p) => path.startsWith(p.path))?.name ?? null
  const ours = new Set(rows.flatMap((r) => [provinceOf(r.unitPath), r.servedUnitPath ? provinceOf(r.servedUnitPath) : null]).filter((n): n is string => n !== null))
  return {
    orgs: rows.map((r) => ({
      id: r.id,
      key: r.key,
      name: r.name,
      kind: r.kind,
      unitCode: r.unitCode,
      unitLevel: r.unitLevel === 'province' || r.unitLevel === 'commune' ? r.unitLevel : 'other',
      aliases: r.aliases,
      validFrom: r.validFrom,
      validTo: r.validTo,
      province: provinceOf(r.servedUnitPath ?? r.unitPath),
    })),
    groups: groups.map((g) => ({ key: g.key, name: g.name, aliases: g.aliases, members: g.members })),
    externalProvinces: [...new Set(provinces.map((p) => p.name))].filter((n) => !ours.has(n)),
  }
}

export function existingOrgIds(ctx: Ctx, ids: number[]): Promise<Set<number>> {
  return repo.existingIds(ctx.db, ids)
}

/** The first body of a kind seated at a unit, e.g. the provincial Party office. */
export function bodyOfKind(ctx: Ctx, kind: OrgKind, unitPath: string) {
  return repo.firstOfKind(ctx.db, kind, unitPath)
}

export function orgDocCode(ctx: Ctx, id: number) {
  return repo.docCodeOf(ctx.db, id)
}
