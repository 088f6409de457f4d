import { PassThrough } from 'node:stream'
import { buffer } from 'node:stream/consumers'
import ExcelJS from 'exceljs'
import { type Kysely, sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { testDatabase } from '../../../test/harness.ts'
import { createUser } from '../access/service.ts'
import { type Access, type Ctx, SYSTEM } from '../../platform/context.ts'
import type { Database } from '../../platform/db.ts'
import { readStoredFile } from '../../platform/fileStore.ts'
import type { RunningJob } from '../../platform/jobs.ts'
import type { DB } from '../../platform/schema.ts'
import { recomputeAllDegrees, syncAllCaseSources } from './degrees.ts'
import { type ExportInput, runListExport, writeListXlsx } from './listExports.ts'

const TODAY = '2026-11-26'
let database: Database
let db: Kysely<DB>

beforeAll(async () => {
  database = await testDatabase()
  db = database.db
})
afterAll(() => database.close())

async function ctxIn(unitId: string, userId: number | null = null): Promise<Ctx> {
  const u = await db.selectFrom('units').select('path').where('id', '=', unitId).executeTakeFirstOrThrow()
  const access: Access = { userId, username: 'xuat.danh.sach', displayName: 'Xuất', role: 'health', unitId, unitPath: u.path, orgId: null }
  return { db, access, now: () => new Date(`${TODAY}T03:00:00Z`) }
}

/** `n` people of the unit with a confirmed case each (the first `imported` of them imported), one query. */
async function casesIn(unitId: string, prefix: string, n: number, imported = 0): Promise<void> {
  await sql`
    WITH made AS (
      INSERT INTO people (full_name, name_fold, unit_id, unit_path, birth_year, sex)
      SELECT ${prefix} || ' ' || lpad(g::text, 4, '0'), lower(${prefix}) || ' ' || g, u.id, u.path, 1980 + g % 30, CASE WHEN g % 2 = 0 THEN 'female' ELSE 'male' END
        FROM units u, generate_series(1, ${n}) g WHERE u.id = ${unitId}
      RETURNING id, full_name
    )
    INSERT INTO cases (person_id, classification, onset_date, confirmed_date, source_kind, source_country)
    SELECT id, 'confirmed', '2026-11-10', '2026-11-12',
           CASE WHEN right(full_name, 4)::int <= ${imported} THEN 'imported' ELSE 'unknown' END,
           CASE WHEN right(full_name, 4)::int <= ${imported} THEN 'KH' END
      FROM made`.execute(db)
}

async function rowsOf(content: Buffer): Promise<unknown[][]> {
  const wb = new ExcelJS.Workbook()
  await wb.xlsx.load(content as unknown as ArrayBuffer)
  const out: unknown[][] = []
  wb.worksheets[0]!.eachRow((row) => out.push((row.values as unknown[]).slice(1)))
  return out
}

async function exported(ctx: Ctx, input: ExportInput): Promise<unknown[][]> {
  const out = new PassThrough()
  const [content] = await Promise.all([buffer(out), writeListXlsx(ctx, input, out)])
  return rowsOf(content)
}

const CASES = { dateField: 'confirmed', sort: 'confirmedDate', order: 'desc' } as const

describe('list exports', () => {
  beforeAll(async () => {
    await casesIn('2025:30742', 'Rạch Giá', 1_050, 3)
    await casesIn('2025:31078', 'Phú Quốc', 2)
  })

  it('writes every case of the filter page after page, inside the jurisdiction only, with dates as dates', async () => {
    const rows = await exported(await ctxIn('2025:30742'), { list: 'cases', filter: CASES })
    expect(rows[0]).toEqual(expect.arrayContaining(['Họ tên', 'Phân loại', 'Ngày xác định', 'Nguồn lây']))
    const data = rows.slice(1)
    expect(data).toHaveLength(1_050)
    expect(data.some((r) => String(r[1]).startsWith('Phú Quốc'))).toBe(false)
    expect(new Set(data.map((r) => r[1])).size).toBe(1_050)
    const first = data[0]!
    expect(first[5]).toBe('Ca xác định (F0)')
    expect(first[8]).toEqual(new Date('2026-11-12T00:00:00Z'))
    // The province reads commune by commune: both communes' cases.
    const province = await exported(await ctxIn('2025:91'), { list: 'cases', filter: { ...CASES, sourceKind: 'imported' } })
    expect(province.slice(1).map((r) => [r[1], r[10], r[11]]).sort((x, y) => String(x[0]).localeCompare(String(y[0])))).toEqual([
      ['Rạch Giá 0001', 'Ca nhập cảnh', 'KH'],
      ['Rạch Giá 0002', 'Ca nhập cảnh', 'KH'],
      ['Rạch Giá 0003', 'Ca nhập cảnh', 'KH'],
    ])
    const phuQuoc = await exported(await ctxIn('2025:91'), { list: 'cases', filter: { ...CASES, unitCode: '31078' } })
    expect(phuQuoc).toHaveLength(3)
  })

  it('refuses an area outside the jurisdiction before writing, and records every page read', async () => {
    const before = Number((await db.selectFrom('auditLog').select((eb) => eb.fn.countAll<number>().as('n')).where('action', '=', 'read').executeTakeFirstOrThrow()).n)
    await exported(await ctxIn('2025:30742'), { list: 'cases', filter: CASES })
    const after = Number((await db.selectFrom('auditLog').select((eb) => eb.fn.countAll<number>().as('n')).where('action', '=', 'read').executeTakeFirstOrThrow()).n)
    expect(after - before).toBeGreaterThanOrEqual(3) // 1,050 rows: three pages
    const out = new PassThrough()
    out.on('error', () => {})
    await expect(writeListXlsx(await ctxIn('2025:31078'), { list: 'cases', filter: { ...CASES, unitCode: '30742' } }, out)).rejects.toMatchObject({ status: 403 })
    expect(out.destroyed).toBe(true)
  })

  it('exports contacts with their degree and tests with their results', async () => {
    const [source] = await db.selectFrom('cases').innerJoin('people', 'people.id', 'cases.personId').select(['people.id']).where('people.fullName', '=', 'Rạch Giá 0010').execute()
    const contact = await db
      .insertInto('people')
      .values({ fullName: 'Tiếp Xúc Một', nameFold: 'tiep xuc mot', unitId: '2025:30742', unitPath: (await ctxIn('2025:30742')).access.unitPath, phone: '0912000111' })
      .returning('id')
      .executeTakeFirstOrThrow()
    await db.insertInto('exposures').values({ personId: contact.id, sourcePersonId: source!.id, exposedOn: '2026-11-11', setting: 'household' }).execute()
    await db.transaction().execute(async (tx) => {
      await syncAllCaseSources(tx, TODAY)
      await recomputeAllDegrees(tx)
    })
    const contacts = await exported(await ctxIn('2025:30742'), { list: 'contacts', filter: {} })
    expect(contacts.slice(1).map((r) => [r[0], r[3], r[5], r[6]])).toEqual([['Tiếp Xúc Một', '0912000111', 'F1', 'Rạch Giá 0010']])

    await db.insertInto('tests').values({ personId: contact.id, method: 'pcr', sampleDate: '2026-11-24', resultDate: '2026-11-25', result: 'positive', ct: 22.5, lab: 'CDC An Giang' }).execute()
    const tests = await exported(await ctxIn('2025:30742'), { list: 'tests', filter: { from: '2026-11-20', to: TODAY } })
    expect(tests.slice(1).map((r) => [r[0], r[2], r[6], r[7], r[8]])).toEqual([['Tiếp Xúc Một', 'RT-PCR', 'Dương tính', 22.5, 'CDC An Giang']])
  })

  it('makes a large list as a job: the file stored for its requester, with progress', async () => {
    const user = await createUser({ db, access: SYSTEM, now: () => new Date() }, { username: 'xuat.ds', password: 'mat-khau-dai-du', displayName: 'Xuất', role: 'health', unitCode: '30742' })
    const reports: [number, number | null | undefined][] = []
    const job: RunningJob<ExportInput> = {
      id: 1,
      payload: { list: 'cases', filter: CASES },
      checkpoint: null,
      file: null,
      ctx: await ctxIn('2025:30742', user.id),
      progress: async (done, total) => {
        reports.push([done, total])
      },
    }
    const result = await runListExport(job)
    expect(result).toMatchObject({ fileName: `ca-benh-${TODAY}.xlsx`, rows: 1_050 })
    expect(reports.at(-1)).toEqual([1, 1])
    const stored = await db.selectFrom('uploads').select(['createdBy', 'purpose']).where('id', '=', result.uploadId).executeTakeFirstOrThrow()
    expect(stored).toEqual({ createdBy: user.id, purpose: 'export' })
    expect(await rowsOf(await readStoredFile(db, result.uploadId))).toHaveLength(1_051)
  })
})
