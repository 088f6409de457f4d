import { type ClusterStatus, clusterClosesOn } from '../../../../domain/surveillance/clusters.ts'
import { checkZoneGeometry, ZONE_KINDS, type ZoneGeometry, type ZoneKind } from '../../../../domain/surveillance/zones.ts'
import { formatVnDate } from '../../../../domain/text/dates.ts'
import { type Ctx, auditRead, inTransaction, isWithin, requirePermission, today } from '../../../platform/context.ts'
import { badRequest, conflict, notFound, outsideJurisdiction } from '../../../platform/errors.ts'
import { enqueueJob } from '../../../platform/jobs.ts'
import { getUnit } from '../../units/service.ts'
import * as repo from './repo.ts'

const vn = formatVnDate

async function unitWithin(ctx: Ctx, unitCode: string) {
  const unit = await getUnit(ctx, unitCode)
  if (!isWithin(ctx.access, unit.path)) throw outsideJurisdiction()
  return unit
}

/** A record the caller sees and may change: 404 when not seen, 403 when seen from below. */
function changeable<T extends { unitPath: string }>(ctx: Ctx, row: T | undefined, what: string): T {
  if (!row) throw notFound(what)
  if (!isWithin(ctx.access, row.unitPath)) throw outsideJurisdiction()
  return row
}

// ---------------------------------------------------------------------------------- clusters

export interface ClusterView {
  id: number
  code: string
  name: string
  unitCode: string
  unitName: string
  place: string | null
  status: ClusterStatus
  openedOn: string
  closedOn: string | null
  note: string | null
  /** Cases of the cluster (discarded ones left out), everywhere: a count, not a list. */
  caseCount: number
  firstCaseOn: string | null
  lastCaseOn: string | null
  /** Days without a new case after which it closes (the rule in force today). */
  closeDays: number | null
  /** When an active cluster closes if no new case comes. */
  closesOn: string | null
}

function presentCluster(r: repo.ClusterRow): ClusterView {
  return {
    id: r.id,
    code: r.code,
    name: r.name,
    unitCode: r.unitCode,
    unitName: r.unitName,
    place: r.place,
    status: r.status,
    openedOn: r.openedOn,
    closedOn: r.closedOn,
    note: r.note,
    caseCount: r.caseCount,
    firstCaseOn: r.firstCaseOn,
    lastCaseOn: r.lastCaseOn,
    closeDays: r.closeDays,
    closesOn: r.status === 'active' && r.closeDays !== null ? clusterClosesOn(r.openedOn, r.lastCaseOn, r.closeDays) : null,
  }
}

async function clusterView(ctx: Ctx, id: number): Promise<ClusterView> {
  const row = await repo.findCluster(ctx.db, ctx.access, id, today(ctx))
  if (!row) throw notFound(`ổ dịch #${id}`)
  return presentCluster(row)
}

export interface ClusterInput {
  code: string
  name: string
  unitCode: string
  place?: string | null | undefined
  openedOn: string
  note?: string | null | undefined
}

async function refuseTakenCode(ctx: Ctx, code: string, id?: number) {
  const taken = await repo.clusterByCode(ctx.db, code)
  if (taken && taken.id !== id) throw conflict('CLUSTER_CODE_TAKEN', `Mã ổ dịch ${code} đã được dùng.`)
}

function checkOpenedOn(ctx: Ctx, openedOn: string) {
  if (openedOn > today(ctx)) throw badRequest('DATE_IN_FUTURE', `Ngày ghi nhận ổ dịch ${vn(openedOn)} ở sau hôm nay.`)
}

/** Declares a cluster in a unit of the caller's jurisdiction; its status follows the closing rule at once. */
export async function createCluster(ctx: Ctx, input: ClusterInput): Promise<ClusterView> {
  requirePermission(ctx.access, 'surveillance:write')
  const unit = await unitWithin(ctx, input.unitCode)
  checkOpenedOn(ctx, input.openedOn)
  const code = input.code.trim()
  await refuseTakenCode(ctx, code)
  return inTransaction(ctx, async (tx) => {
    const id = await repo.insertCluster(tx.db, {
      code,
      name: input.name.trim(),
      unitId: unit.id,
      unitPath: unit.path,
      place: input.place ?? null,
      openedOn: input.openedOn,
      note: input.note ?? null,
    })
    await repo.refreshClusters(tx.db, [id], today(tx))
    return clusterView(tx, id)
  })
}

export async function updateCluster(ctx: Ctx, id: number, patch: Partial<ClusterInput>): Promise<ClusterView> {
  requirePermission(ctx.access, 'surveillance:write')
  return inTransaction(ctx, async (tx) => {
    changeable(tx, await repo.findCluster(tx.db, tx.access, id, today(tx)), `ổ dịch #${id}`)
    const unit = patch.unitCode ? await unitWithin(tx, patch.unitCode) : undefined
    if (patch.openedOn) checkOpenedOn(tx, patch.openedOn)
    if (patch.code) await refuseTakenCode(tx, patch.code.trim(), id)
    const { unitCode: _u, code, name, ...rest } = patch
    await repo.updateCluster(tx.db, tx.access, id, {
      ...rest,
      ...(code !== undefined ? { code: code.trim() } : {}),
      ...(name !== undefined ? { name: name.trim() } : {}),
      ...(unit ? { unitId: unit.id, unitPath: unit.path } : {}),
    })
    if (patch.openedOn) await repo.refreshClusters(tx.db, [id], today(tx))
    return clusterView(tx, id)
  })
}

export async function listClusters(
  ctx: Ctx,
  f: { unitCode?: string | undefined; status?: ClusterStatus | undefined; limit: number; offset: number },
): Promise<{ rows: ClusterView[]; total: number }> {
  requirePermission(ctx.access, 'surveillance:read')
  const unitPath = f.unitCode ? (await unitWithin(ctx, f.unitCode)).path : null
  const page = await repo.listClusters(ctx.db, ctx.access, today(ctx), { unitPath, status: f.status, limit: f.limit, offset: f.offset })
  return { rows: page.rows.map(presentCluster), total: page.total }
}

export interface ClusterCaseView {
  id: number
  code: string | null
  personId: number
  fullName: string
  unitCode: string
  unitName: string
  classification: string
  onsetDate: string | null
  sampleDate: string | null
  confirmedDate: string | null
  sourceKind: string
  /** The day the case counts for the cluster: confirmed, else sampled, else onset, else entered. */
  caseDay: string
}

/** A cluster and a page of its cases inside the caller's jurisdiction (their reads audited). */
export async function getCluster(ctx: Ctx, id: number, page: { limit: number; offset: number }): Promise<ClusterView & { cases: { rows: ClusterCaseView[]; total: number } }> {
  requirePermission(ctx.access, 'surveillance:read')
  const cluster = await clusterView(ctx, id)
  const cases = await repo.clusterCases(ctx.db, ctx.access, id, page)
  await auditRead(ctx, 'cases', cases.rows.map((c) => ({ id: c.id, unitPath: c.unitPath })), { cluster: id, people: cases.rows.map((c) => c.personId) })
  return {
    ...cluster,
    cases: {
      rows: cases.rows.map(({ unitPath: _p, ...c }) => c),
      total: cases.total,
    },
  }
}

/**
 * Attaches cases of the caller's jurisdiction to a cluster they see (their own, or one of a unit
 * above them). A case moved from another cluster leaves it; both clusters' status follows the
 * rule again, so a recent case reopens a closed cluster.
 */
export async function attachCases(ctx: Ctx, id: number, caseIds: number[]): Promise<ClusterView & { attached: number }> {
  requirePermission(ctx.access, 'surveillance:write')
  return inTransaction(ctx, async (tx) => {
    if (!(await repo.findCluster(tx.db, tx.access, id, today(tx)))) throw notFound(`ổ dịch #${id}`)
    const found = await repo.lockCasesWithin(tx.db, tx.access, caseIds)
    const missing = caseIds.filter((c) => !found.some((f) => f.id === c))
    if (missing.length > 0) throw notFound(`ca bệnh ${missing.map((c) => `#${c}`).join(', ')} trong địa bàn của bạn`)
    const moving = found.filter((c) => c.clusterId !== id)
    await repo.setCasesCluster(tx.db, tx.access, moving.map((c) => c.id), id)
    const previous = [...new Set(moving.flatMap((c) => (c.clusterId === null ? [] : [c.clusterId])))]
    await repo.refreshClusters(tx.db, [id, ...previous], today(tx))
    return { ...(await clusterView(tx, id)), attached: moving.length }
  })
}

/** Detaches one case of the caller's jurisdiction from the cluster; the cluster's status follows the rule. */
export async function detachCase(ctx: Ctx, id: number, caseId: number): Promise<ClusterView> {
  requirePermission(ctx.access, 'surveillance:write')
  return inTransaction(ctx, async (tx) => {
    if (!(await repo.findCluster(tx.db, tx.access, id, today(tx)))) throw notFound(`ổ dịch #${id}`)
    const [found] = await repo.lockCasesWithin(tx.db, tx.access, [caseId])
    if (!found || found.clusterId !== id) throw notFound(`ca bệnh #${caseId} trong ổ dịch này`)
    await repo.setCasesCluster(tx.db, tx.access, [caseId], null)
    await repo.refreshClusters(tx.db, [id], today(tx))
    return clusterView(tx, id)
  })
}

/**
 * For other writers of `cases.cluster_id` (case forms, imports): brings these clusters' status in
 * line with the rule after their cases changed. Call it in the same transaction.
 */
export async function clusterCasesChanged(tx: Ctx, clusterIds: number[]): Promise<void> {
  await repo.refreshClusters(tx.db, [...new Set(clusterIds)], today(tx))
}

export const CLUSTER_CLOSE_JOB = 'surveillance.clusters.close'

/** Queues the daily closing of quiet clusters unless one is waiting or already ran today. */
export async function queueClusterClose(ctx: Ctx): Promise<void> {
  const day = today(ctx)
  if (await repo.clusterCloseQueuedOrDone(ctx.db, CLUSTER_CLOSE_JOB, day)) return
  await enqueueJob(ctx, { kind: CLUSTER_CLOSE_JOB, title: 'Kết thúc các ổ dịch không có ca mới', payload: { day } })
}

/** The daily pass (a job): clusters without a new case for the rule's number of days close. */
export async function closeQuietClusters(ctx: Ctx): Promise<{ closed: number; reopened: number }> {
  return inTransaction(ctx, async (tx) => {
    const changed = await repo.sweepClusters(tx.db, today(tx))
    return { closed: changed.filter((c) => c.status === 'closed').length, reopened: changed.filter((c) => c.status === 'active').length }
  })
}

// ------------------------------------------------------------------------------------- zones

export interface ZoneView {
  id: number
  name: string
  kind: ZoneKind
  kindName: string
  /** The unit that decided it. */
  unitCode: string
  unitName: string
  /** The units and hamlets it covers. */
  units: { code: string; name: string }[]
  geometry: ZoneGeometry | null
  startsOn: string
  endsOn: string | null
  measures: string | null
  decisionNo: string | null
  /** The decision that lifted it, when it was lifted (its number and date). */
  liftDecisionNo: string | null
  liftDecidedOn: string | null
  clusterId: number | null
  clusterCode: string | null
  clusterName: string | null
}

async function presentZones(ctx: Ctx, rows: repo.ZoneRow[]): Promise<ZoneView[]> {
  const units = new Map((await repo.unitsOf(ctx.db, [...new Set(rows.flatMap((r) => r.unitIds))])).map((u) => [u.id, u]))
  return rows.map((r) => ({
    id: r.id,
    name: r.name,
    kind: r.kind,
    kindName: ZONE_KINDS[r.kind].vi,
    unitCode: r.unitCode,
    unitName: r.unitName,
    units: r.unitIds.flatMap((id) => {
      const u = units.get(id)
      return u ? [{ code: u.code, name: u.name }] : []
    }),
    geometry: (r.geometry as ZoneGeometry | null) ?? null,
    startsOn: r.startsOn,
    endsOn: r.endsOn,
    measures: r.measures,
    decisionNo: r.decisionNo,
    liftDecisionNo: r.liftDecisionNo,
    liftDecidedOn: r.liftDecidedOn,
    clusterId: r.clusterId,
    clusterCode: r.clusterCode,
    clusterName: r.clusterName,
  }))
}

async function zoneView(ctx: Ctx, id: number): Promise<ZoneView> {
  const row = await repo.findZone(ctx.db, ctx.access, id)
  if (!row) throw notFound(`vùng #${id}`)
  return (await presentZones(ctx, [row]))[0]!
}

export interface ZoneInput {
  name: string
  kind: ZoneKind
  /** The unit that decided it (inside the caller's jurisdiction). */
  unitCode: string
  /** Units and hamlets it covers, inside the deciding unit. */
  unitCodes?: string[] | undefined
  /** An area drawn on the map: GeoJSON Polygon or MultiPolygon. */
  geometry?: unknown
  startsOn: string
  endsOn?: string | null | undefined
  measures?: string | null | undefined
  decisionNo?: string | null | undefined
  clusterId?: number | null | undefined
}

/** The zone's fields checked as a whole: covered units inside the deciding unit, a valid drawing, dates in order, a cluster the caller sees. */
async function checkedZone(ctx: Ctx, z: Omit<ZoneInput, 'unitCodes' | 'geometry'> & { unitCodes: string[]; geometry: unknown }): Promise<repo.ZoneValues> {
  const unit = await unitWithin(ctx, z.unitCode)
  const codes = [...new Set(z.unitCodes)]
  const found = await repo.unitsByCodes(ctx.db, codes, today(ctx))
  const unknown = codes.filter((c) => !found.some((u) => u.code === c))
  if (unknown.length > 0) throw badRequest('UNKNOWN_UNITS', `Không có đơn vị hành chính mã ${unknown.join(', ')}.`, { codes: unknown })
  const outside = found.filter((u) => !u.path.startsWith(unit.path))
  if (outside.length > 0) {
    throw badRequest('UNITS_OUTSIDE', `${outside.map((u) => `${u.name} (${u.code})`).join(', ')} không thuộc ${unit.name}, đơn vị quyết định khoanh vùng.`, {
      codes: outside.map((u) => u.code),
    })
  }
  let geometry: string | null = null
  if (z.geometry !== null && z.geometry !== undefined) {
    const check = checkZoneGeometry(z.geometry)
    if (!check.ok) throw badRequest('ZONE_GEOMETRY', `Vùng vẽ không hợp lệ: ${check.problems.join(' ')}`, { problems: check.problems })
    geometry = JSON.stringify(check.geometry)
  }
  if (codes.length === 0 && geometry === null) throw badRequest('ZONE_EMPTY', 'Chọn ít nhất một đơn vị, ấp, khu phố hoặc vẽ vùng trên bản đồ.')
  if (z.endsOn && z.endsOn < z.startsOn) throw badRequest('DATE_RANGE', `Ngày kết thúc (${vn(z.endsOn)}) ở trước ngày bắt đầu (${vn(z.startsOn)}).`)
  if (z.clusterId && !(await repo.findCluster(ctx.db, ctx.access, z.clusterId, today(ctx)))) throw notFound(`ổ dịch #${z.clusterId}`)
  return {
    name: z.name.trim(),
    kind: z.kind,
    unitId: unit.id,
    unitPath: unit.path,
    unitIds: codes.map((c) => found.find((u) => u.code === c)!.id),
    geometry,
    startsOn: z.startsOn,
    endsOn: z.endsOn ?? null,
    measures: z.measures ?? null,
    decisionNo: z.decisionNo ?? null,
    clusterId: z.clusterId ?? null,
  }
}

export async function createZone(ctx: Ctx, input: ZoneInput): Promise<ZoneView> {
  requirePermission(ctx.access, 'surveillance:write')
  const values = await checkedZone(ctx, { ...input, unitCodes: input.unitCodes ?? [], geometry: input.geometry ?? null })
  return inTransaction(ctx, async (tx) => zoneView(tx, await repo.insertZone(tx.db, values)))
}

export async function updateZone(ctx: Ctx, id: number, patch: Partial<ZoneInput>): Promise<ZoneView> {
  requirePermission(ctx.access, 'surveillance:write')
  return inTransaction(ctx, async (tx) => {
    changeable(tx, await repo.findZone(tx.db, tx.access, id), `vùng #${id}`)
    const current = await zoneView(tx, id)
    const values = await checkedZone(tx, {
      name: patch.name ?? current.name,
      kind: patch.kind ?? current.kind,
      unitCode: patch.unitCode ?? current.unitCode,
      unitCodes: patch.unitCodes ?? current.units.map((u) => u.code),
      geometry: patch.geometry !== undefined ? patch.geometry : current.geometry,
      startsOn: patch.startsOn ?? current.startsOn,
      endsOn: patch.endsOn !== undefined ? patch.endsOn : current.endsOn,
      measures: patch.measures !== undefined ? patch.measures : current.measures,
      decisionNo: patch.decisionNo !== undefined ? patch.decisionNo : current.decisionNo,
      clusterId: patch.clusterId !== undefined ? patch.clusterId : current.clusterId,
    })
    // In force again with no end: the decision that lifted it no longer applies.
    await repo.updateZone(tx.db, tx.access, id, values.endsOn === null ? { ...values, liftDecisionNo: null, liftDecidedOn: null } : values)
    return zoneView(tx, id)
  })
}

export interface LiftInput {
  /** The zone's last day in force. */
  endsOn: string
  /** The number and date of the decision that lifts it. */
  decisionNo: string
  decidedOn: string
}

/** Lifts a zone by a decision: its last day in force, with the decision's number and date (audited with the change). */
export async function liftZone(ctx: Ctx, id: number, input: LiftInput): Promise<ZoneView> {
  requirePermission(ctx.access, 'surveillance:write')
  return inTransaction(ctx, async (tx) => {
    const zone = changeable(tx, await repo.findZone(tx.db, tx.access, id), `vùng #${id}`)
    const decisionNo = input.decisionNo.trim()
    if (!decisionNo) throw badRequest('LIFT_DECISION_REQUIRED', 'Nhập số quyết định gỡ bỏ vùng.')
    if (input.endsOn < zone.startsOn) throw badRequest('DATE_RANGE', `Ngày cuối áp dụng (${vn(input.endsOn)}) ở trước ngày bắt đầu (${vn(zone.startsOn)}).`)
    if (input.decidedOn < zone.startsOn) throw badRequest('LIFT_DECIDED_BEFORE_START', `Ngày quyết định gỡ bỏ (${vn(input.decidedOn)}) ở trước ngày vùng bắt đầu (${vn(zone.startsOn)}).`)
    if (input.decidedOn > today(tx)) throw badRequest('LIFT_DECIDED_IN_FUTURE', `Ngày quyết định gỡ bỏ (${vn(input.decidedOn)}) ở sau hôm nay.`)
    await repo.updateZone(tx.db, tx.access, id, { endsOn: input.endsOn, liftDecisionNo: decisionNo, liftDecidedOn: input.decidedOn })
    return zoneView(tx, id)
  })
}

export async function deleteZone(ctx: Ctx, id: number): Promise<{ ok: true }> {
  requirePermission(ctx.access, 'surveillance:write')
  return inTransaction(ctx, async (tx) => {
    changeable(tx, await repo.findZone(tx.db, tx.access, id), `vùng #${id}`)
    await repo.deleteZone(tx.db, tx.access, id)
    return { ok: true as const }
  })
}

export async function getZone(ctx: Ctx, id: number): Promise<ZoneView> {
  requirePermission(ctx.access, 'surveillance:read')
  return zoneView(ctx, id)
}

/** At most this many zones, and unit outlines, in one map answer. */
export const MAP_LIMITS = { zones: 100, boundaries: 300 }

export interface ZoneFeature {
  type: 'Feature'
  id: string
  geometry: unknown
  properties: {
    zoneId: number
    name: string
    kind: ZoneKind
    kindName: string
    startsOn: string
    endsOn: string | null
    /** 'drawn': the area drawn for the zone; 'unit': the outline of a unit it covers. */
    source: 'drawn' | 'unit'
    unitCode: string | null
    unitName: string | null
  }
}

export interface ZoneMap {
  type: 'FeatureCollection'
  features: ZoneFeature[]
  /** The zones themselves, for the table beside the map (units without an outline are listed here only). */
  zones: (Omit<ZoneView, 'geometry'> & { drawn: boolean; units: { code: string; name: string; outlined: boolean }[] })[]
  activeOn: string
  /** More zones or outlines than one answer carries: narrow by unit or kind. */
  truncated: boolean
}

/**
 * The zones in force on a day (today by default) the caller sees, as GeoJSON for the map: a drawn
 * zone with its area, a zone of units with the outline of each unit (unit_boundaries). Bounded:
 * MAP_LIMITS.zones zones (newest first) and MAP_LIMITS.boundaries unit outlines; a drawn area is itself
 * capped in vertices (ZONE_LIMITS).
 */
export async function zonesMap(ctx: Ctx, f: { activeOn?: string | undefined; unitCode?: string | undefined; kind?: ZoneKind | undefined }): Promise<ZoneMap> {
  requirePermission(ctx.access, 'surveillance:read')
  const day = f.activeOn ?? today(ctx)
  const unitPath = f.unitCode ? (await unitWithin(ctx, f.unitCode)).path : null
  const rows = await repo.zonesActiveOn(ctx.db, ctx.access, { day, unitPath, kind: f.kind, limit: MAP_LIMITS.zones + 1 })
  let truncated = rows.length > MAP_LIMITS.zones
  const zones = rows.slice(0, MAP_LIMITS.zones)
  // Outlines for the first units, in zone order, up to the bound; the rest are listed only.
  const units = new Map((await repo.unitsOf(ctx.db, [...new Set(zones.flatMap((z) => z.unitIds))])).map((u) => [u.id, u]))
  const outlinedIds = [...new Set(zones.flatMap((z) => z.unitIds))].filter((id) => units.get(id)?.outlined)
  if (outlinedIds.length > MAP_LIMITS.boundaries) truncated = true
  const outlines = new Map((await repo.outlinesOf(ctx.db, outlinedIds.slice(0, MAP_LIMITS.boundaries))).map((b) => [b.unitId, b.geometry]))
  const features: ZoneFeature[] = []
  let outlineFeatures = 0
  const out: ZoneMap['zones'] = []
  for (const z of zones) {
    const props = { zoneId: z.id, name: z.name, kind: z.kind, kindName: ZONE_KINDS[z.kind].vi, startsOn: z.startsOn, endsOn: z.endsOn }
    if (z.geometry) features.push({ type: 'Feature', id: `zone-${z.id}`, geometry: z.geometry, properties: { ...props, source: 'drawn', unitCode: null, unitName: null } })
    const listed: ZoneMap['zones'][number]['units'] = []
    for (const id of z.unitIds) {
      const u = units.get(id)
      if (!u) continue
      let outline = outlines.get(id)
      if (outline && outlineFeatures >= MAP_LIMITS.boundaries) {
        truncated = true
        outline = undefined
      }
      if (outline) outlineFeatures++
      if (outline) features.push({ type: 'Feature', id: `zone-${z.id}-${u.code}`, geometry: outline, properties: { ...props, source: 'unit', unitCode: u.code, unitName: u.name } })
      listed.push({ code: u.code, name: u.name, outlined: outline !== undefined })
    }
    out.push({
      id: z.id,
      name: z.name,
      kind: z.kind,
      kindName: ZONE_KINDS[z.kind].vi,
      unitCode: z.unitCode,
      unitName: z.unitName,
      units: listed,
      drawn: z.geometry !== null,
      startsOn: z.startsOn,
      endsOn: z.endsOn,
      measures: z.measures,
      decisionNo: z.decisionNo,
      liftDecisionNo: z.liftDecisionNo,
      liftDecidedOn: z.liftDecidedOn,
      clusterId: z.clusterId,
      clusterCode: z.clusterCode,
      clusterName: z.clusterName,
    })
  }
  return { type: 'FeatureCollection', features, zones: out, activeOn: day, truncated }
}

