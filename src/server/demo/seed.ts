import { refreshStatistics } from '../platform/db.ts'
import { readFile } from 'node:fs/promises'
import { fileURLToPath } from 'node:url'
import type { Role } from '../../domain/access/roles.ts'
import { personName, Random } from '../../domain/demo/random.ts'
import type { OrgKind } from '../../domain/orgs/kinds.ts'
import { fold } from '../../domain/text/fold.ts'
import { vietnameseSortKey } from '../../domain/text/sortKey.ts'
import { hashPassword } from '../contexts/access/service.ts'
import { seedOrgHistory } from '../contexts/orgs/history.ts'
import * as orgRepo from '../contexts/orgs/repo.ts'
import { seedDemoCascade } from '../contexts/directives/cascadeDemo.ts'
import { seedDemoDirectives } from '../contexts/directives/demo.ts'
import { createLocalUnit, getUnit, listChildren } from '../contexts/units/service.ts'
import { type Ctx, inTransaction } from '../platform/context.ts'
import { seedLevels } from './levels.ts'
import { seedCare } from './care.ts'
import { seedEntry } from './entry.ts'
import { seedEnforcement } from './enforcement.ts'
import { seedEvents } from './events.ts'
import { seedVaccination } from './vaccination.ts'
import { seedVaccinationRecords } from './vaccinationRecords.ts'
import { seedOutbreak } from './outbreak.ts'
import { seedQuarantine } from './quarantine.ts'
import { seedSafety } from './safety.ts'
import { seedResidents, seedVisitorsAndDuplicates } from './people.ts'
import type { RunningJob } from '../platform/jobs.ts'

export const DEMO_JOB = 'demo.seed'
export const DEMO_PASSWORD = 'phongdich2026'
const demoDir = fileURLToPath(new URL('../../../data/demo/', import.meta.url))

interface DemoOrg {
  key: string
  name: string
  kind: OrgKind
  parent: string | null
  unit: string
  head?: { name: string; position: string }
  aliases: string[]
}
interface DemoGroup {
  key: string
  name: string
  aliases: string[]
  members: { kinds?: string[]; keys?: string[]; level?: string; units?: string[]; role?: string }
}

/** Demo accounts, one per role; the README lists them. */
export const DEMO_USERS: { username: string; role: Role; unit: string; org?: string; name: string }[] = [
  { username: 'admin', role: 'admin', unit: '91', name: 'Quản trị hệ thống' },
  { username: 'bcd', role: 'steering', unit: '91', org: 'bcd', name: 'Trần Quốc Thái' },
  { username: 'vanphong', role: 'office', unit: '91', org: 'vptu', name: 'Lê Thị Ngọc Hân' },
  { username: 'cdc', role: 'health', unit: '91', org: 'cdc', name: 'Phạm Minh Trí' },
  { username: 'truyvet', role: 'tracer', unit: '91', org: 'cdc', name: 'Huỳnh Thanh Tâm' },
  { username: 'cachly', role: 'quarantine', unit: '30742', name: 'Võ Văn Lộc' },
  { username: 'dieutri', role: 'care', unit: '30742', name: 'Nguyễn Thị Mỹ Duyên' },
  { username: 'rachgia', role: 'commune', unit: '30742', org: '30742_ubnd', name: 'Đặng Hữu Phúc' },
  { username: 'phuquoc', role: 'commune', unit: '31078', org: '31078_ubnd', name: 'Danh Sơn' },
  { username: 'soyte', role: 'health', unit: '91', org: 'so_yte', name: 'Lâm Thị Kim Ngân' },
  { username: 'bienphong', role: 'border', unit: '30769', org: 'bdbp', name: 'Thạch Văn Khang' },
  { username: 'tramyte', role: 'health', unit: '30742', org: '30742_tyt', name: 'Trần Thị Thu Hà' },
  { username: 'xem', role: 'viewer', unit: '91', name: 'Người xem' },
]

const COMMUNE_BODIES: { suffix: string; kind: OrgKind; name: (t: string) => string; position: string; aliases: (t: string) => string[] }[] = [
  { suffix: 'du', kind: 'party_committee', name: (t) => `Đảng ủy ${t}`, position: 'Bí thư Đảng ủy', aliases: (t) => [`ĐU ${t}`] },
  { suffix: 'ubnd', kind: 'peoples_committee', name: (t) => `UBND ${t}`, position: 'Chủ tịch UBND', aliases: (t) => [`Ủy ban nhân dân ${t}`] },
  { suffix: 'bcd', kind: 'steering_committee', name: (t) => `Ban Chỉ đạo phòng, chống dịch ${t}`, position: 'Trưởng Ban Chỉ đạo', aliases: (t) => [`BCĐ ${t}`] },
  { suffix: 'tyt', kind: 'health_centre', name: (t) => `Trạm Y tế ${t}`, position: 'Trưởng Trạm Y tế', aliases: (t) => [`TYT ${t}`] },
]

async function seedOrgs(ctx: Ctx, rng: Random): Promise<number> {
  const { orgs, groups } = JSON.parse(await readFile(`${demoDir}orgs-91.json`, 'utf8')) as { orgs: DemoOrg[]; groups: DemoGroup[] }
  const province = await getUnit(ctx, '91')
  const communes = await listChildren(ctx, '91')
  const unitIds = new Map([[province.code, province.id], ...communes.map((c) => [c.code, c.id] as const)])
  const ids = await orgRepo.idsByKey(ctx.db)
  const values = (o: { key: string; name: string; kind: string; unit: string; head?: { name: string; position: string } | undefined; aliases: string[] }, parentId: number | null) => ({
    key: o.key,
    name: o.name,
    nameFold: fold(o.name),
    kind: o.kind,
    parentId,
    unitId: unitIds.get(o.unit) ?? province.id,
    headName: o.head?.name ?? null,
    headPosition: o.head?.position ?? null,
    aliases: o.aliases,
    aliasesFold: o.aliases.map(fold).join(' | '),
  })
  // Parents come before children in the file; insert in order so parent ids are known.
  for (const o of orgs) {
    if (ids.has(o.key)) continue
    ids.set(o.key, await orgRepo.insertOrg(ctx.db, values(o, o.parent ? (ids.get(o.parent) ?? null) : null)))
  }
  for (const c of communes) {
    const title = `${c.unitTypeName.toLowerCase()} ${c.name}`
    for (const b of COMMUNE_BODIES) {
      const key = `${c.code}_${b.suffix}`
      if (ids.has(key)) continue
      const parent = b.suffix === 'du' ? (ids.get('tu') ?? null) : b.suffix === 'bcd' ? (ids.get(`${c.code}_ubnd`) ?? null) : b.suffix === 'tyt' ? (ids.get('so_yte') ?? null) : null
      const sex = rng.chance(0.7) ? 'male' : 'female'
      ids.set(
        key,
        await orgRepo.insertOrg(ctx.db, values({ key, name: b.name(title), kind: b.kind, unit: c.code, head: { name: personName(rng, sex), position: b.position }, aliases: b.aliases(title) }, parent)),
      )
    }
  }
  for (const g of groups) await orgRepo.upsertGroup(ctx.db, g)
  return ids.size
}

async function seedUsers(ctx: Ctx): Promise<number> {
  const hash = await hashPassword(DEMO_PASSWORD)
  const orgIds = await orgRepo.idsByKey(ctx.db)
  for (const u of DEMO_USERS) {
    const exists = await ctx.db.selectFrom('users').select('id').where('username', '=', u.username).executeTakeFirst()
    if (exists) continue
    const unit = await getUnit(ctx, u.unit)
    await ctx.db
      .insertInto('users')
      .values({ username: u.username, passwordHash: hash, displayName: u.name, nameSort: vietnameseSortKey(u.name), role: u.role, unitId: unit.id, orgId: u.org ? (orgIds.get(u.org) ?? null) : null })
      .execute()
  }
  return DEMO_USERS.length
}

const HAMLETS: Record<string, { type: 'ap' | 'khom' | 'khu_pho'; names: string[] }> = {
  '30742': { type: 'khu_pho', names: ['Khu phố 1', 'Khu phố 2', 'Khu phố 3', 'Khu phố Vĩnh Lạc', 'Khu phố Vĩnh Thanh Vân'] },
  '31078': { type: 'ap', names: ['Khu phố 1 Dương Đông', 'Khu phố 5 Dương Đông', 'Ấp Suối Đá', 'Ấp Cửa Lấp', 'Ấp Bãi Thơm'] },
  '30769': { type: 'khu_pho', names: ['Khu phố Pháo Đài', 'Khu phố Bình San', 'Khu phố Tô Châu'] },
  '30316': { type: 'khom', names: ['Khóm Châu Long', 'Khóm Vĩnh Tây', 'Khóm Vĩnh Đông'] },
}

async function seedHamlets(ctx: Ctx): Promise<number> {
  let n = 0
  for (const [code, h] of Object.entries(HAMLETS)) {
    const existing = new Set((await listChildren(ctx, code)).map((u) => u.name))
    for (const name of h.names) {
      if (existing.has(name)) continue
      await createLocalUnit(ctx, code, { name, unitType: h.type })
      n++
    }
  }
  return n
}

/**
 * The demo, step by step. Each step is idempotent and recorded when done, so a data directory
 * made by an earlier version gets the steps added since (a new context's demo data) on its next start.
 */
const STEPS: { name: string; run: (ctx: Ctx, rng: Random) => Promise<number> }[] = [
  { name: 'orgs', run: seedOrgs },
  // Bodies before the 2025 reform, retired with their successors (data/demo/orgs-91-history.json).
  { name: 'org-history', run: (ctx) => seedOrgHistory(ctx) },
  { name: 'users', run: (ctx) => seedUsers(ctx) },
  { name: 'hamlets', run: (ctx) => seedHamlets(ctx) },
  { name: 'people', run: seedResidents },
  { name: 'directives', run: seedDemoDirectives },
  // Provincial tasks passed on to communes (after the directives).
  { name: 'cascade', run: seedDemoCascade },
  // The health station's account of phường Rạch Giá (bodies and directives first).
  { name: 'station-user', run: (ctx) => seedUsers(ctx) },
  // Foreigners with passports on Phú Quốc, and records likely entered twice (duplicate detection).
  { name: 'people-visitors', run: seedVisitorsAndDuplicates },
  // An outbreak in progress: cases, contacts to F2, follow-ups, tests, clusters (demo/outbreak.ts).
  { name: 'outbreak', run: seedOutbreak },
  // A level history telling 2021 (summer wave, coverage push, new normal), published week by week.
  { name: 'levels', run: seedLevels },
  // The 3-tier treatment tower, the outbreak's F0 in its beds and at home with daily checks (demo/care.ts).
  { name: 'care', run: seedCare },
  // Quarantine facilities with rooms, the outbreak's contacts placed and released, border and airport arrivals (demo/quarantine.ts).
  { name: 'quarantine', run: seedQuarantine },
  // Facilities with their COVID-safety self-assessments in every band: Phú Quốc hotels, Rạch Giá markets, schools, factories (demo/safety.ts).
  { name: 'safety', run: (ctx) => seedSafety(ctx) },
  // Ports of entry, epidemic zones, checkpoints and illegal crossings along the Hà Tiên – Giang Thành border, arrivals at Phú Quốc airport and the border gates (demo/entry.ts).
  { name: 'entry', run: seedEntry },
  // Gatherings in the weeks ahead at every step: Phú Quốc's tourism fair and marathon with guests from abroad, Rạch Giá's festival, conference and a wedding, Long Xuyên's trade fair, Hà Tiên's Nghinh Ông festival (demo/events.ts).
  { name: 'events', run: (ctx) => seedEvents(ctx) },
  // Inspection plans and visits to Phú Quốc hotels and Rạch Giá markets (after safety), violations followed up, commendations and discipline (demo/enforcement.ts).
  { name: 'enforcement', run: (ctx) => seedEnforcement(ctx) },
  // Doses week by week for every commune from March 2021 to June 2022 (slow start, Phú Quốc first, the August–September push, boosters in 2022) and the province's targets (demo/vaccination.ts).
  { name: 'vaccination', run: seedVaccination },
  // 300 residents of Rạch Giá with their doses, carved out of the commune's weekly figures so nothing is counted twice (demo/vaccinationRecords.ts).
  { name: 'vaccination-records', run: seedVaccinationRecords },
]
const DONE_KEY = 'demo.steps'

async function doneSteps(ctx: Ctx): Promise<string[]> {
  const row = await ctx.db.selectFrom('settings').select('value').where('key', '=', DONE_KEY).executeTakeFirst()
  return (row?.value as string[] | undefined) ?? []
}

/** True when some demo step has not run on this database yet. */
export async function demoIncomplete(ctx: Ctx): Promise<boolean> {
  const done = new Set(await doneSteps(ctx))
  return STEPS.some((s) => !done.has(s.name))
}

/** Seeds the demo province (An Giang): bodies, demo users, hamlets, residents, directives. */
export async function seedDemo(job: Pick<RunningJob, 'ctx' | 'progress'>): Promise<Record<string, number>> {
  const out: Record<string, number> = {}
  for (const [i, step] of STEPS.entries()) {
    if ((await doneSteps(job.ctx)).includes(step.name)) continue
    await job.progress(i, STEPS.length, `Dữ liệu mẫu: ${step.name}`)
    // One generator per step, so adding or resuming a step never changes another's data.
    const rng = new Random(20211011 + i)
    out[step.name] = await inTransaction(job.ctx, async (tx) => {
      const n = await step.run(tx, rng)
      const done = [...(await doneSteps(tx)), step.name]
      await tx.db
        .insertInto('settings')
        .values({ key: DONE_KEY, value: JSON.stringify(done) })
        .onConflict((oc) => oc.column('key').doUpdateSet({ value: JSON.stringify(done) }))
        .execute()
      return n
    })
  }
  await refreshStatistics(job.ctx.db)
  await job.progress(STEPS.length, STEPS.length, 'Đã tạo dữ liệu mẫu')
  return out
}
