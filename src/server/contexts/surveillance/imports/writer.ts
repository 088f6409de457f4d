import type { CaseRow, ContactRow, ImportKind, PersonFields } from '../../../../domain/surveillance/importColumns.ts'
import { type Ctx, inTransaction, isWithin } from '../../../platform/context.ts'
import { onPositiveTest } from '../../quarantine/service.ts'
import { recomputeAllDegrees, syncAllCaseSources, syncCaseSources, updateDegrees } from '../degrees.ts'
import { foldChainLinks } from '../summary/repo.ts'
import { type Batch, type ParsedLine, type RejectedLine, type TestBatch, testRaws } from './parse.ts'
import * as repo from './repo.ts'

/**
 * Writes checked rows of an import, a batch per transaction, set-based: people matched by CCCD or
 * passport, else by reference in the import's source, and created in the commune given when new;
 * then the cases, exposures or results. Rows that cannot be written are answered with their line
 * and reason; the rest of the batch is written. Row auditing is off (the import writes one summary
 * entry) and every row written carries the job's id.
 *
 * References to people further down the file (a case's source case, a contact's source person) are
 * kept aside and resolved once the whole file is in.
 */

/** Fields a caller other than a file may add to a case row (the 2020 line list). */
export interface CaseExtras {
  code?: string | null
  isolatedOn?: string | null
  outcome?: 'recovered' | 'died' | 'transferred' | null
  outcomeDate?: string | null
  /** A cluster the case belongs to besides its source. */
  clusterCode?: string | null
  /** The flight or border gate, when the source reference is not it. */
  travel?: string | null
  /** Where a new person is placed when it is not a commune named by code. */
  place?: { id: string; path: string } | null
}

type Row = ParsedLine['row'] & CaseExtras
type Line = { line: number; raw: string; row: Row }

export interface Counts {
  inserted: number
  updated: number
  rejected: number
  warnings: number
}

/** What to tell about a line in the error file: a refusal (not written) or a warning (written, with a gap). */
export interface Problem {
  line: number
  raw: string
  reason: string
  warning?: boolean
}

/** Deferred references kept at most; past this a forward reference is reported at once. */
const MAX_DEFERRED = 100_000
/**
 * Degrees are kept per batch: the sources a batch's cases gained or lost and the exposures it added
 * go to updateDegrees, whose work follows the part of the graph that changes. An import that is a
 * large part of the graph itself (at least this many rows, and a fifth of the cases and exposures
 * already there) would repair most of the graph batch after batch; it rebuilds every degree once at
 * the end instead (syncAllCaseSources + recomputeAllDegrees, set-based, level by level), and the
 * degrees catch up when the import ends.
 */
const BULK_DEGREES_ROWS = 20_000

export class ImportWriter {
  readonly counts: Counts = { inserted: 0, updated: 0, rejected: 0, warnings: 0 }
  private units = new Map<string, { id: string; path: string; level: string } | null>()
  private deferredLinks: { line: number; raw: string; caseId: number; sourceRef: string; counted: 'inserted' | 'updated' | 'unchanged' }[] = []
  private deferredExposures: { line: number; raw: string; personId: number; touched: boolean; row: ContactRow }[] = []
  /** Rebuild degrees once at the end rather than after each batch. */
  bulkDegrees = false
  /**
   * Results are taken for new ones (inserted without a look for their samples) until a batch finds
   * one of its samples there; the batches after it look, until one finds none again.
   */
  private freshResults = true

  constructor(
    readonly ctx: Ctx,
    readonly kind: ImportKind,
    readonly source: string,
    readonly jobId: number | null,
    readonly today: string,
    /** Whether new people may be placed in units above communes (system loads). */
    readonly anyLevel = false,
  ) {}

  /** Decides how degrees are kept: per batch, or rebuilt once when the import dwarfs the graph. */
  async planDegrees(estimatedRows: number): Promise<void> {
    if (this.kind === 'tests') return
    const graph = await repo.graphSize(this.ctx.db)
    this.bulkDegrees = estimatedRows >= BULK_DEGREES_ROWS && estimatedRows * 5 >= graph
  }

  /**
   * Writes one batch in its own transaction; answers the problems to report. A batch that meets a
   * deadlock or a serialisation failure with another writer is written again from the start.
   */
  async write(batch: Batch): Promise<Problem[]> {
    const parsed: Problem[] = batch.rejected.map((r: RejectedLine) => ({ line: r.line, raw: r.raw, reason: r.reasons.join(' ') }))
    this.counts.rejected += batch.rejected.length
    const rows = batch.rows as Line[]
    if (this.kind !== 'tests') {
      if (rows.length === 0) return parsed
      const found = await inTransaction(this.ctx, async (tx) => {
        await repo.bulkWrites(tx.db)
        return this.kind === 'cases' ? this.writeCases(tx, rows) : this.writeContacts(tx, rows)
      })
      return [...parsed, ...found]
    }
    const tests = batch.tests
    if (!tests || tests.lines.length === 0) return parsed
    // Results may be written two batches at a time: each counts for itself and adds up once committed.
    for (let attempt = 1; ; attempt++) {
      const counts: Counts = { inserted: 0, updated: 0, rejected: 0, warnings: 0 }
      try {
        const found = await inTransaction(this.ctx, async (tx) => {
          await repo.bulkWrites(tx.db)
          return this.writeTests(tx, tests, counts)
        })
        for (const k of ['inserted', 'updated', 'rejected', 'warnings'] as const) this.counts[k] += counts[k]
        return [...parsed, ...found]
      } catch (err) {
        const code = (err as { code?: string }).code
        if (attempt >= 3 || (code !== '40P01' && code !== '40001')) throw err
      }
    }
  }

  private reject(problems: Problem[], l: { line: number; raw: string }, reason: string, counts: Counts = this.counts) {
    problems.push({ line: l.line, raw: l.raw, reason })
    counts.rejected++
  }

  private count(status: 'inserted' | 'updated' | 'unchanged') {
    if (status !== 'unchanged') this.counts[status]++
  }

  // -------------------------------------------------------------------------------------------
  // People

  private async loadUnits(tx: Ctx, codes: string[]) {
    const missing = [...new Set(codes)].filter((c) => !this.units.has(c))
    if (missing.length === 0) return
    for (const c of missing) this.units.set(c, null)
    for (const u of await repo.unitsByCode(tx.db, missing, this.today)) this.units.set(u.code, { id: u.id, path: u.path, level: u.level })
  }

  /**
   * The person of each line: known by CCCD, passport or reference (all three name one person when
   * they appear together), or created. Answers person ids by line, the lines whose person changed
   * (created or completed), and the people of this batch by reference.
   */
  private async resolvePeople(tx: Ctx, lines: Line[], problems: Problem[]) {
    const rows = lines.map((l) => l.row as PersonFields & CaseExtras & { nameFold?: string | null; nameSort?: string | null })
    // Lines that share a CCCD, passport or reference are one person: union of their keys.
    const parent = new Map<string, string>()
    const find = (k: string): string => {
      let r = k
      while (parent.get(r) !== r) r = parent.get(r)!
      parent.set(k, r)
      return r
    }
    const keysOf = (p: PersonFields) => {
      const keys: string[] = []
      if (p.nationalId) keys.push(`nid:${p.nationalId}`)
      if (p.passportNo) keys.push(`passport:${p.passportNo}:${p.nationality ?? 'VN'}`)
      if (p.ref) keys.push(`ref:${p.ref}`)
      return keys
    }
    for (const p of rows) {
      const keys = keysOf(p)
      for (const k of keys) if (!parent.has(k)) parent.set(k, k)
      for (const k of keys.slice(1)) parent.set(find(k), find(keys[0]!))
    }
    const groups = new Map<string, number[]>()
    rows.forEach((p, i) => {
      const root = find(keysOf(p)[0]!)
      groups.set(root, [...(groups.get(root) ?? []), i])
    })

    const known = await repo.knownPeople(tx.db, tx.access, {
      nationalIds: [...new Set(rows.flatMap((p) => (p.nationalId ? [p.nationalId] : [])))],
      passports: rows.flatMap((p) => (p.passportNo ? [{ no: p.passportNo, nationality: p.nationality ?? 'VN' }] : [])),
      source: this.source,
      refs: [...new Set(rows.flatMap((p) => (p.ref ? [p.ref] : [])))],
    })
    const knownBy = new Map(known.map((k) => [`${k.by}:${k.key}`, k]))
    await this.loadUnits(
      tx,
      rows.flatMap((p) => (p.communeCode ? [p.communeCode] : [])),
    )

    const personOf = new Map<number, number>() // line index → person
    const touched = new Set<number>() // line indexes whose person was created or completed
    const fresh: { idx: number[]; person: repo.NewPerson; refs: string[] }[] = []
    const fills: { id: number; birthYear: number | null; sex: string | null; phone: string | null; nationalId: string | null; idx: number[] }[] = []
    const refsToRecord: { ref: string; personId: number }[] = []
    const refuse = (idx: number[], reason: string) => {
      for (const i of idx) this.reject(problems, lines[i]!, reason)
    }
    for (const idx of groups.values()) {
      const members = idx.map((i) => rows[i]!)
      const first = <T>(f: (p: (typeof members)[number]) => T | null | undefined): T | null => {
        for (const m of members) {
          const v = f(m)
          if (v !== null && v !== undefined) return v
        }
        return null
      }
      const nids = new Set(members.flatMap((m) => (m.nationalId ? [m.nationalId] : [])))
      if (nids.size > 1) {
        refuse(idx, `Cùng một người (cùng mã tham chiếu hoặc hộ chiếu) nhưng có ${nids.size} số CCCD khác nhau trong tệp.`)
        continue
      }
      const groupKeys = [...new Set(members.flatMap(keysOf))]
      const matches = groupKeys.flatMap((k) => {
        const m = knownBy.get(k)
        return m ? [m] : []
      })
      const outside = matches.find((m) => !m.inside)
      if (outside) {
        refuse(
          idx,
          outside.by === 'ref'
            ? `Mã tham chiếu "${outside.key}" của nguồn "${this.source}" đã dùng cho một người ngoài địa bàn của bạn; hãy đặt tên nguồn khác cho tệp này.`
            : `Người có ${outside.by === 'nid' ? 'số CCCD' : 'hộ chiếu'} này đang cư trú ngoài địa bàn của bạn; đề nghị đơn vị quản lý nơi cư trú nhập.`,
        )
        continue
      }
      const ids = new Set(matches.map((m) => m.id))
      if (ids.size > 1) {
        refuse(idx, 'Số CCCD, hộ chiếu và mã tham chiếu trên dòng này chỉ tới những người khác nhau trong sổ; hãy kiểm tra lại.')
        continue
      }
      const nid = first((m) => m.nationalId)
      if (ids.size === 1) {
        const match = matches[0]!
        if (nid && match.nationalId && match.nationalId !== nid) {
          refuse(idx, `Mã tham chiếu này đã gắn với một người có số CCCD khác (${match.nationalId}).`)
          continue
        }
        for (const i of idx) personOf.set(i, match.id)
        fills.push({ id: match.id, birthYear: first((m) => m.birthYear), sex: first((m) => m.sex), phone: first((m) => m.phone), nationalId: nid, idx })
        for (const m of members) if (m.ref && !knownBy.has(`ref:${m.ref}`)) refsToRecord.push({ ref: m.ref, personId: match.id })
        continue
      }
      // Someone new: placed in the commune given, inside the importer's jurisdiction.
      const fullName = first((m) => m.fullName)
      const place = first((m) => m.place)
      const code = first((m) => m.communeCode)
      if (!fullName || (!code && !place)) {
        refuse(idx, 'Người này chưa có trong sổ: cần "Họ tên" và "Mã xã" nơi cư trú để thêm mới.')
        continue
      }
      let unit = place
      if (!unit) {
        const u = this.units.get(code!) ?? null
        if (!u) {
          refuse(idx, `Không có xã, phường mã ${code} (đơn vị hành chính hiện hành).`)
          continue
        }
        if (!this.anyLevel && !['commune', 'hamlet', 'group'].includes(u.level)) {
          refuse(idx, `Mã ${code} không phải mã xã, phường (hoặc ấp, khu phố): người được thêm vào nơi cư trú cụ thể.`)
          continue
        }
        unit = u
      }
      if (!isWithin(tx.access, unit.path)) {
        refuse(idx, code ? `Xã, phường mã ${code} nằm ngoài địa bàn bạn được phân quyền.` : 'Nơi cư trú nằm ngoài địa bàn bạn được phân quyền.')
        continue
      }
      const namer = members.find((m) => m.fullName === fullName)!
      fresh.push({
        idx,
        refs: [...new Set(members.flatMap((m) => (m.ref ? [m.ref] : [])))],
        person: {
          fullName,
          nameFold: namer.nameFold ?? fullName.toLowerCase(),
          nameSort: namer.nameSort ?? fullName,
          birthYear: first((m) => m.birthYear),
          sex: first((m) => m.sex),
          nationalId: nid,
          passportNo: first((m) => m.passportNo),
          nationality: first((m) => (m.passportNo ? (m.nationality ?? 'VN') : m.nationality)),
          phone: first((m) => m.phone),
          unitId: unit.id,
          unitPath: unit.path,
        },
      })
    }

    const newIds = await repo.insertPeople(
      tx.db,
      fresh.map((f) => f.person),
    )
    fresh.forEach((f, n) => {
      for (const i of f.idx) {
        personOf.set(i, newIds[n]!)
        touched.add(i)
      }
      for (const ref of f.refs) refsToRecord.push({ ref, personId: newIds[n]! })
    })
    await repo.insertRefs(tx.db, this.source, refsToRecord)
    const filled = new Set(await repo.fillPeople(tx.db, tx.access, fills))
    for (const f of fills) if (filled.has(f.id)) for (const i of f.idx) touched.add(i)

    const byRef = new Map<string, number>()
    rows.forEach((p, i) => {
      const id = personOf.get(i)
      if (p.ref && id !== undefined) byRef.set(p.ref, id)
    })
    return { personOf, touched, byRef }
  }

  /** Keeps the last line of each key; earlier lines are refused, naming the line kept. */
  private lastOfEach<T>(items: T[], key: (t: T) => string, lineOf: (t: T) => Line, problems: Problem[], what: string, counts: Counts = this.counts): T[] {
    const last = new Map<string, T>()
    for (const t of items) last.set(key(t), t)
    const kept = new Set(last.values())
    for (const t of items) if (!kept.has(t)) this.reject(problems, lineOf(t), `Trùng ${what} với dòng ${lineOf(last.get(key(t))!).line} (dòng đó được nhập).`, counts)
    return items.filter((t) => kept.has(t))
  }

  // -------------------------------------------------------------------------------------------
  // Cases

  private async writeCases(tx: Ctx, lines: Line[]): Promise<Problem[]> {
    const problems: Problem[] = []
    const { personOf, touched, byRef } = await this.resolvePeople(tx, lines, problems)
    const items = this.lastOfEach(
      lines.flatMap((l, i) => (personOf.has(i) ? [{ l, i, personId: personOf.get(i)! }] : [])),
      (x) => String(x.personId),
      (x) => x.l,
      problems,
      'người',
    )
    const written = await repo.upsertCases(
      tx.db,
      tx.access,
      this.jobId,
      items.map(({ l, personId }) => {
        const r = l.row as CaseRow & CaseExtras
        const imported = r.source === 'imported'
        return {
          personId,
          code: r.code ?? null,
          classification: r.classification,
          onsetDate: r.onsetDate,
          confirmedDate: r.confirmedDate,
          isolatedOn: r.isolatedOn ?? null,
          sourceKind: r.source,
          sourceCountry: r.country,
          sourceTravel: r.travel ?? (imported ? r.sourceRef : null),
          outcome: r.outcome ?? null,
          outcomeDate: r.outcomeDate ?? null,
        }
      }),
    )
    const writtenBy = new Map(written.map((w) => [w.personId, w]))
    const status = new Map<number, 'inserted' | 'updated' | 'unchanged'>()
    for (const x of items) {
      const w = writtenBy.get(x.personId)
      status.set(x.i, w ? (w.inserted ? 'inserted' : 'updated') : touched.has(x.i) ? 'updated' : 'unchanged')
    }

    // Links: a linked case's source case (by reference) or cluster (by code), and line list clusters.
    const caseOf = new Map((await repo.caseIdsOf(tx.db, items.map((x) => x.personId))).map((c) => [c.personId, c.id]))
    const linked = items.filter((x) => {
      const r = x.l.row as CaseRow & CaseExtras
      return (r.source === 'linked' && r.sourceRef) || r.clusterCode
    })
    const links = await this.resolveLinks(tx, linked.map((x) => ({ ...x, caseId: caseOf.get(x.personId)!, counted: status.get(x.i)! })), byRef, caseOf, problems)
    const relinked = new Set(await repo.linkCases(tx.db, tx.access, links))
    for (const x of items) {
      const s = status.get(x.i)!
      this.count(s === 'unchanged' && relinked.has(caseOf.get(x.personId)!) ? 'updated' : s)
    }

    // Degrees: the cases written may have become (or stopped being) active sources.
    const changed = written.map((w) => w.id)
    if (!this.bulkDegrees && changed.length > 0) {
      const { gained, lost } = await syncCaseSources(tx.db, changed, this.today)
      await updateDegrees(tx.db, { gainedSources: gained, lostSources: lost })
    }
    return problems
  }

  /** Source cases and clusters of linked cases; references not found yet are kept for the end. */
  private async resolveLinks(
    tx: Ctx,
    linked: { l: Line; caseId: number; personId: number; counted: 'inserted' | 'updated' | 'unchanged' }[],
    byRef: Map<string, number>,
    caseOf: Map<number, number>,
    problems: Problem[],
    final = false,
  ): Promise<{ caseId: number; sourceCaseId: number | null; clusterId: number | null }[]> {
    if (linked.length === 0) return []
    const rowOf = (x: (typeof linked)[number]) => x.l.row as CaseRow & CaseExtras
    const refs = [...new Set(linked.flatMap((x) => (rowOf(x).source === 'linked' && rowOf(x).sourceRef ? [rowOf(x).sourceRef!] : [])))]
    const inDb = new Map((await repo.sourceCases(tx.db, tx.access, this.source, refs.filter((r) => !byRef.has(r)))).map((s) => [s.ref, s]))
    const codes = [...new Set([...refs, ...linked.flatMap((x) => (rowOf(x).clusterCode ? [rowOf(x).clusterCode!] : []))])]
    const clusters = new Map((await repo.clustersByCode(tx.db, tx.access, codes)).map((c) => [c.code, c]))
    const out: { caseId: number; sourceCaseId: number | null; clusterId: number | null }[] = []
    const warn = (x: (typeof linked)[number], reason: string) => {
      problems.push({ line: x.l.line, raw: x.l.raw, reason, warning: true })
      this.counts.warnings++
    }
    for (const x of linked) {
      const r = rowOf(x)
      const extraCluster = r.clusterCode ? clusters.get(r.clusterCode) : undefined
      let sourceCaseId: number | null = null
      let clusterId: number | null = extraCluster?.visible ? extraCluster.id : null
      if (r.source === 'linked' && r.sourceRef) {
        const ref = r.sourceRef
        const samePerson = byRef.get(ref)
        const db = inDb.get(ref)
        const cluster = clusters.get(ref)
        if (samePerson !== undefined || db) {
          const caseId = samePerson !== undefined ? caseOf.get(samePerson) : db!.caseId
          if (db && !db.inside) {
            warn(x, `Ca nguồn "${ref}" ở ngoài địa bàn của bạn: đã nhập ca, chưa gắn nguồn lây.`)
            continue
          }
          if (caseId === undefined || caseId === null) {
            warn(x, `"${ref}" không phải là ca bệnh (chưa có ca của người này): đã nhập ca, chưa gắn nguồn lây.`)
            continue
          }
          if (caseId === x.caseId) {
            warn(x, 'Ca không thể là nguồn lây của chính mình: đã nhập ca, chưa gắn nguồn lây.')
            continue
          }
          sourceCaseId = caseId
        } else if (cluster) {
          if (!cluster.visible) {
            warn(x, `Ổ dịch "${ref}" thuộc địa bàn khác: đã nhập ca, chưa gắn ổ dịch.`)
            continue
          }
          clusterId = cluster.id
        } else if (!final && this.deferredLinks.length < MAX_DEFERRED) {
          // Perhaps a case further down the file: tried again at the end.
          this.deferredLinks.push({ line: x.l.line, raw: x.l.raw, caseId: x.caseId, sourceRef: ref, counted: x.counted })
          if (clusterId !== null) out.push({ caseId: x.caseId, sourceCaseId: null, clusterId })
          continue
        } else {
          warn(x, `Không tìm thấy ca nguồn hoặc ổ dịch "${ref}" (nguồn dữ liệu "${this.source}"): đã nhập ca, chưa gắn nguồn lây.`)
          continue
        }
      }
      out.push({ caseId: x.caseId, sourceCaseId, clusterId })
    }
    return out
  }

  // -------------------------------------------------------------------------------------------
  // Contacts

  private async writeContacts(tx: Ctx, lines: Line[]): Promise<Problem[]> {
    const problems: Problem[] = []
    const { personOf, touched, byRef } = await this.resolvePeople(tx, lines, problems)
    const pending = lines.flatMap((l, i) => (personOf.has(i) ? [{ line: l.line, raw: l.raw, personId: personOf.get(i)!, touched: touched.has(i), row: l.row as ContactRow }] : []))
    await this.writeExposures(tx, pending, byRef, problems, false)
    return problems
  }

  private async writeExposures(tx: Ctx, pending: ImportWriter['deferredExposures'], byRef: Map<string, number>, problems: Problem[], final: boolean) {
    const refs = [...new Set(pending.map((p) => p.row.exposedToRef).filter((r) => !byRef.has(r)))]
    const inDb = new Map(
      (await repo.knownPeople(tx.db, tx.access, { nationalIds: [], passports: [], source: this.source, refs })).map((k) => [k.key, k]),
    )
    const items: { p: (typeof pending)[number]; sourcePersonId: number }[] = []
    for (const p of pending) {
      const ref = p.row.exposedToRef
      const known = inDb.get(ref)
      const sourcePersonId = byRef.get(ref) ?? known?.id
      if (sourcePersonId === undefined) {
        if (!final && this.deferredExposures.length < MAX_DEFERRED) this.deferredExposures.push(p)
        else this.reject(problems, p, `Không tìm thấy người "${ref}" (ca bệnh hoặc người tiếp xúc) trong nguồn dữ liệu "${this.source}".`)
        continue
      }
      if (known && !known.inside) {
        this.reject(problems, p, `Người nguồn "${ref}" ở ngoài địa bàn của bạn.`)
        continue
      }
      if (sourcePersonId === p.personId) {
        this.reject(problems, p, 'Một người không thể tiếp xúc với chính mình (mã tham chiếu và người nguồn là một).')
        continue
      }
      items.push({ p, sourcePersonId })
    }
    const key = (personId: number, sourcePersonId: number, on: string) => `${personId}:${sourcePersonId}:${on}`
    const kept = this.lastOfEach(
      items,
      (x) => key(x.p.personId, x.sourcePersonId, x.p.row.exposureDate),
      (x) => ({ line: x.p.line, raw: x.p.raw, row: x.p.row }),
      problems,
      'lần tiếp xúc (cùng người, người nguồn và ngày)',
    )
    const written = await repo.upsertExposures(
      tx.db,
      tx.access,
      this.jobId,
      kept.map((x) => ({ personId: x.p.personId, sourcePersonId: x.sourcePersonId, exposedOn: x.p.row.exposureDate, setting: x.p.row.setting })),
    )
    const writtenBy = new Map(written.map((w) => [key(w.personId, w.sourcePersonId, w.exposedOn), w]))
    for (const x of kept) {
      const w = writtenBy.get(key(x.p.personId, x.sourcePersonId, x.p.row.exposureDate))
      this.count(w ? (w.inserted ? 'inserted' : 'updated') : x.p.touched ? 'updated' : 'unchanged')
    }
    const added = written.filter((w) => w.inserted).map((w) => w.id)
    if (!this.bulkDegrees && added.length > 0) await updateDegrees(tx.db, { addedExposures: added })
  }

  // -------------------------------------------------------------------------------------------
  // Tests

  /**
   * Results: the batch is loaded by COPY into a staging table, then one statement finds each row's
   * person by reference (inside the jurisdiction), keeps the last row of each sample, and inserts
   * or updates; it answers the rows it could not write, by line.
   */
  private async writeTests(tx: Ctx, t: TestBatch, counts: Counts): Promise<Problem[]> {
    const problems: Problem[] = []
    const rows = await repo.stageTests(tx.db, t.copy)
    // Pooled samples are found (or created) first, in the importer's area.
    if (t.pooled > 0) await repo.ensureStagedPools(tx.db, tx.access.unitPath)
    const written = await repo.writeTests(tx.db, tx.access, this.source, this.jobId, { rows, fresh: this.freshResults, pooled: t.pooled > 0 })
    this.freshResults = written.fresh
    if (written.missing.length + written.outside.length + written.duplicates.length > 0) {
      const raw = testRaws(t)
      const at = (line: number) => ({ line, raw: raw(line) })
      for (const [line, ref] of written.missing) {
        this.reject(problems, at(line), `Không tìm thấy người có mã tham chiếu "${ref}" trong nguồn dữ liệu "${this.source}"; hãy nhập danh sách ca bệnh hoặc người tiếp xúc trước.`, counts)
      }
      for (const [line, ref] of written.outside) this.reject(problems, at(line), `Người có mã tham chiếu "${ref}" ở ngoài địa bàn của bạn.`, counts)
      for (const [line, kept] of written.duplicates) {
        this.reject(problems, at(line), `Trùng mẫu (cùng người, ngày lấy mẫu và phương pháp) với dòng ${kept} (dòng đó được nhập).`, counts)
      }
    }
    counts.inserted += written.inserted
    counts.updated += written.updated
    return problems
  }

  // -------------------------------------------------------------------------------------------
  // The end of the file

  /** Resolves the references kept for the end, then rebuilds degrees if the import was large. */
  async finish(): Promise<Problem[]> {
    const problems: Problem[] = []
    const size = 5000
    while (this.deferredExposures.length > 0) {
      const part = this.deferredExposures.splice(0, size)
      await inTransaction(this.ctx, async (tx) => {
        await repo.bulkWrites(tx.db)
        await this.writeExposures(tx, part, new Map(), problems, true)
      })
    }
    while (this.deferredLinks.length > 0) {
      const part = this.deferredLinks.splice(0, size)
      await inTransaction(this.ctx, async (tx) => {
        await repo.bulkWrites(tx.db)
        const linked = part.map((d) => ({
          l: { line: d.line, raw: d.raw, row: { source: 'linked', sourceRef: d.sourceRef } as unknown as Row },
          caseId: d.caseId,
          personId: 0,
          counted: d.counted,
        }))
        const links = await this.resolveLinks(tx, linked, new Map(), new Map(), problems, true)
        const relinked = new Set(await repo.linkCases(tx.db, tx.access, links))
        // A case counted unchanged in its batch that gains its source now counts as updated.
        for (const d of part) if (d.counted === 'unchanged' && relinked.has(d.caseId)) this.counts.updated++
      })
    }
    if (this.bulkDegrees) {
      await inTransaction(this.ctx, async (tx) => {
        await syncAllCaseSources(tx.db, this.today)
        await recomputeAllDegrees(tx.db)
      })
      await foldChainLinks(this.ctx.db)
    }
    await this.positivesInQuarantine()
    return problems
  }

  /**
   * Once the results are committed: each person in facility quarantine with a positive result of
   * this import gets what a positive result entered alone gives them (the quarantine's
   * onPositiveTest: their stay ends as a case, their roommates and arrival batch are flagged and
   * kept longer). The people are found by one statement for the whole import; only those found are
   * handled, each in a transaction of its own. Answers how many.
   */
  async positivesInQuarantine(): Promise<number> {
    if (this.kind !== 'tests' || this.jobId === null) return 0
    const found = await repo.positivesInFacility(this.ctx.db, this.jobId)
    for (const p of found) await onPositiveTest(this.ctx, p.personId, p.sampleDate)
    return found.length
  }
}
