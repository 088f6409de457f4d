import { execFile } from 'node:child_process'
import { mkdtemp, readFile, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { Readable } from 'node:stream'
import { promisify } from 'node:util'
import { parse as parseCsv } from 'csv-parse/sync'
import ExcelJS from 'exceljs'
import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type Agent, commandEnv, multipartFile, testApp } from '../../../../test/harness.ts'
import { importLineList, readLineList } from './lineList.ts'
import { BATCH_ROWS } from './service.ts'
import { ImportWriter } from './writer.ts'

const t = await testApp()
const db = t.database.db
let officer: Agent & { userId: number; username: string }
let colleague: Agent & { userId: number; username: string }

beforeAll(async () => {
  // A health officer of phường Rạch Giá: may import, inside that ward only.
  officer = await t.userAgent('health', '30742')
  colleague = await t.userAgent('health', '30742')
})

interface Job {
  id: number
  status: string
  error: string | null
  result: { inserted: number; updated: number; rejected: number; warnings: number; errorsFile: string | null }
}

async function importFile(agent: Agent, kind: string, fileName: string, content: string | Buffer, source?: string): Promise<Job> {
  const uploadId = await agent.upload('surveillance', fileName, content)
  const res = await agent.post('/api/surveillance/imports', { kind, uploadId, ...(source ? { source } : {}) })
  expect(res.statusCode, res.body).toBe(202)
  await t.jobs.drain()
  return (await agent.get(`/api/jobs/${res.json().id}`)).json() as Job
}

/** The error file of a job, as records: the header row first. */
async function errorRows(agent: Agent, jobId: number): Promise<string[][]> {
  const res = await agent.get(`/api/jobs/${jobId}/file`)
  expect(res.statusCode, res.body).toBe(200)
  return parseCsv(res.body, { bom: true, relax_column_count: true }) as string[][]
}
const reasons = (rows: string[][]) => rows.slice(1).map((r) => r[r.length - 1]).join('\n')

const personByRef = async (ref: string, source = 'nhap-tep') =>
  (await db.selectFrom('personRefs').select('personId').where('source', '=', source).where('ref', '=', ref).executeTakeFirstOrThrow()).personId
const caseOf = (personId: number) => db.selectFrom('cases').selectAll().where('personId', '=', personId).executeTakeFirstOrThrow()
const degreeOf = async (ref: string) =>
  (await db.selectFrom('contactDegrees').select('degree').where('personId', '=', await personByRef(ref)).executeTakeFirst())?.degree ?? null

const CASES = [
  'Mã tham chiếu,Họ tên,Năm sinh,Giới tính,Số CCCD,Số điện thoại,Mã xã,Ngày khởi phát,Ngày xác định,Phân loại,Nguồn lây,Mã nguồn,Quốc gia',
  'BN-1,Nguyễn Văn An,1985,nam,,0912345678,30742,18/11/2026,20/11/2026,xác định,nhập cảnh,VJ123,Campuchia',
  'BN-2,Trần Thị Bình,1990,nữ,,,30742,,21/11/2026,xác định,liên quan,BN-1,',
  'BN-3,Lê Văn Cường,1970,nam,,,30742,31/02/2026,,xác định,,,',
  'BN-4,Phạm Thị Dung,1995,nữ,,,31078,,21/11/2026,xác định,,,',
  'BN-5,Hoàng Văn Em,1988,nam,,,30742,,22/11/2026,có thể,liên quan,BN-9,',
  'BN-9,Đỗ Văn Chín,1960,nam,,,30742,,19/11/2026,xác định,chưa rõ,,',
].join('\n')

describe('importing cases', () => {
  let first: Job
  it('imports the good rows in one pass and reports each bad one with its line and reason', async () => {
    first = await importFile(officer, 'cases', 'ca-benh.csv', CASES)
    expect(first.status, first.error ?? '').toBe('done')
    expect(first.result).toMatchObject({ inserted: 4, updated: 0, rejected: 2, warnings: 0, errorsFile: `/api/jobs/${first.id}/file` })
    const bn1 = await caseOf(await personByRef('BN-1'))
    expect(bn1).toMatchObject({ classification: 'confirmed', sourceKind: 'imported', sourceCountry: 'KH', sourceTravel: 'VJ123', importJobId: first.id, isSource: true })
    // A linked case names its source case, even one further down the file.
    expect((await caseOf(await personByRef('BN-2'))).sourceCaseId).toBe(bn1.id)
    expect((await caseOf(await personByRef('BN-5'))).sourceCaseId).toBe((await caseOf(await personByRef('BN-9'))).id)
    const person = await db.selectFrom('people').selectAll().where('id', '=', await personByRef('BN-1')).executeTakeFirstOrThrow()
    expect(person).toMatchObject({ fullName: 'Nguyễn Văn An', unitId: '2025:30742', phone: '0912345678', sex: 'male', birthYear: 1985 })
    // The name dictionary knows the new names (its trigger is off for bulk writes).
    expect(await db.selectFrom('personNames').select('fullName').where('fullName', '=', 'Nguyễn Văn An').executeTakeFirst()).toBeTruthy()
  })

  it('audits the import once, not row by row', async () => {
    const entries = await db.selectFrom('auditLog').selectAll().where('action', '=', 'import').where('entityId', '=', String(first.id)).execute()
    expect(entries).toHaveLength(1)
    expect(entries[0]).toMatchObject({ actorId: officer.userId, entity: 'cases', unitPath: '/2025:91/2025:30742/' })
    expect(entries[0]!.after).toMatchObject({ fileName: 'ca-benh.csv', inserted: 4, rejected: 2, source: 'nhap-tep' })
    const rows = await sql<{ n: number }>`SELECT count(*)::int AS n FROM audit_log WHERE entity IN ('cases', 'people', 'person_refs') AND action = 'insert' AND after->>'import_job_id' IS NOT DISTINCT FROM ${String(first.id)}`.execute(db)
    expect(rows.rows[0]!.n).toBe(0)
  })

  it('gives the error file to its requester only: original values, line and reason', async () => {
    const res = await officer.get(`/api/jobs/${first.id}/file`)
    expect(res.headers['content-type']).toContain('text/csv')
    const rows = await errorRows(officer, first.id)
    expect(rows[0]).toEqual(['Dòng', ...CASES.split('\n')[0]!.split(','), 'Lỗi'])
    expect(rows).toHaveLength(3)
    expect(rows[1]!.slice(0, 14)).toEqual(['4', ...CASES.split('\n')[3]!.split(',')])
    expect(rows[1]![14]).toContain('"Ngày khởi phát" "31/02/2026" không hợp lệ')
    expect(rows[2]!.slice(0, 3)).toEqual(['5', 'BN-4', 'Phạm Thị Dung'])
    expect(rows[2]![14]).toBe('Xã, phường mã 31078 nằm ngoài địa bàn bạn được phân quyền.')
    const other = await colleague.get(`/api/jobs/${first.id}/file`)
    expect(other.statusCode).toBe(404)
    expect(other.json().error.message).toContain('Không tìm thấy')
  })

  it('changes nothing when the same file is imported again', async () => {
    const again = await importFile(officer, 'cases', 'ca-benh.csv', CASES)
    expect(again.result).toMatchObject({ inserted: 0, updated: 0, rejected: 2 })
    expect(Number((await db.selectFrom('cases').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n)).toBe(4)
  })

  it('counts a changed row as updated', async () => {
    const changed = CASES.replace('BN-9,Đỗ Văn Chín,1960,nam,,,30742,,19/11/2026,xác định,chưa rõ', 'BN-9,Đỗ Văn Chín,1960,nam,,,30742,17/11/2026,19/11/2026,xác định,chưa rõ')
    const job = await importFile(officer, 'cases', 'ca-benh-sua.csv', changed)
    expect(job.result).toMatchObject({ inserted: 0, updated: 1, rejected: 2 })
    expect((await caseOf(await personByRef('BN-9'))).onsetDate).toBe('2026-11-17')
  })
})

describe('importing contacts', () => {
  const CONTACTS = [
    'ref,full_name,birth_year,sex,national_id,phone,commune_code,exposed_to_ref,exposure_date,setting',
    'TX-1,Ngô Văn Một,1980,male,,,30742,BN-1,20/11/2026,household',
    'TX-2,Ngô Thị Hai,1982,female,,,30742,TX-1,22/11/2026,workplace',
    'TX-3,Vũ Văn Ba,1975,male,,,30742,TX-4,22/11/2026,market',
    'TX-4,Vũ Văn Bốn,1976,male,,,30742,BN-1,21/11/2026,',
    'TX-1,Ngô Văn Một,1980,male,,,30742,BN-9,19/11/2026,household',
    'TX-5,Không Ai,1990,male,,,30742,KHONG-CO,22/11/2026,',
  ].join('\n')

  it('imports one exposure a row, contacts of contacts included, and keeps degrees current', async () => {
    const job = await importFile(officer, 'contacts', 'tiep-xuc.csv', CONTACTS)
    expect(job.status, job.error ?? '').toBe('done')
    expect(job.result).toMatchObject({ inserted: 5, updated: 0, rejected: 1 })
    // TX-1 appears twice: one person, two exposures.
    const tx1 = await personByRef('TX-1')
    expect(await db.selectFrom('exposures').select('sourcePersonId').where('personId', '=', tx1).execute()).toHaveLength(2)
    expect(await degreeOf('TX-1')).toBe(1)
    expect(await degreeOf('TX-2')).toBe(2)
    expect(await degreeOf('TX-4')).toBe(1)
    expect(await degreeOf('TX-3')).toBe(2)
    expect(reasons(await errorRows(officer, job.id))).toContain('Không tìm thấy người "KHONG-CO"')
  })

  it('rebuilds degrees once at the end when the import is large beside the graph', async () => {
    const writer = new ImportWriter(t.ctx, 'contacts', 'nhap-tep', null, '2026-11-26')
    await writer.planDegrees(100)
    expect(writer.bulkDegrees).toBe(false)
    await writer.planDegrees(1_000_000)
    expect(writer.bulkDegrees).toBe(true)
    const row = {
      ref: 'TX-LON',
      fullName: 'Bùi Văn Lớn',
      nameFold: 'bui van lon',
      nameSort: 'bui van lon',
      birthYear: null,
      sex: null,
      nationalId: null,
      passportNo: null,
      nationality: null,
      phone: null,
      communeCode: '30742',
      exposedToRef: 'BN-1',
      exposureDate: '2026-11-21',
      setting: 'household' as const,
    }
    expect(await writer.write({ rows: [{ line: 2, raw: '[]', row }], rejected: [] })).toEqual([])
    expect(await degreeOf('TX-LON')).toBeNull()
    await writer.finish()
    expect(await degreeOf('TX-LON')).toBe(1)
    // The rebuild gives every contact the degree the incremental upkeep had given.
    expect([await degreeOf('TX-1'), await degreeOf('TX-2'), await degreeOf('TX-3'), await degreeOf('TX-4')]).toEqual([1, 2, 2, 1])
  })

  it('changes nothing the second time', async () => {
    const again = await importFile(officer, 'contacts', 'tiep-xuc.csv', CONTACTS)
    expect(again.result).toMatchObject({ inserted: 0, updated: 0, rejected: 1 })
  })
})

describe('importing test results', () => {
  async function workbook(rows: (string | number | Date)[][]): Promise<Buffer> {
    const wb = new ExcelJS.Workbook()
    const ws = wb.addWorksheet('Kết quả')
    ws.addRow(['Mã tham chiếu', 'Ngày lấy mẫu', 'Ngày có kết quả', 'Phương pháp', 'Kết quả', 'Mã mẫu gộp', 'Phòng xét nghiệm', 'Ct'])
    for (const r of rows) ws.addRow(r)
    return Buffer.from(await wb.xlsx.writeBuffer())
  }
  const rows = [
    ['BN-1', new Date(Date.UTC(2026, 10, 19)), '20/11/2026', 'RT-PCR', 'Dương tính', 'G-1', 'CDC An Giang', 22.5],
    ['TX-1', '21/11/2026', '21/11/2026', 'test nhanh', 'âm tính', '', 'Trạm Y tế Rạch Giá', ''],
    ['TX-2', '2026-11-23', '', 'pcr', 'negative', 'G-1', 'CDC An Giang', ''],
    ['TX-2', '2026-11-23', '', 'pcr', 'negative', 'G-1', 'CDC An Giang', ''],
    ['KHONG-CO', '21/11/2026', '', 'pcr', 'âm tính', '', '', ''],
    ['TX-4', '21/11/2026', '', 'x-quang', 'âm tính', '', '', ''],
  ]

  it('reads an .xlsx with Vietnamese headers and writes the good rows', async () => {
    const job = await importFile(officer, 'tests', 'ket-qua.xlsx', await workbook(rows))
    expect(job.status, job.error ?? '').toBe('done')
    expect(job.result).toMatchObject({ inserted: 3, updated: 0, rejected: 3 })
    const bn1 = await db.selectFrom('tests').selectAll().where('personId', '=', await personByRef('BN-1')).executeTakeFirstOrThrow()
    expect(bn1).toMatchObject({ method: 'pcr', result: 'positive', sampleDate: '2026-11-19', resultDate: '2026-11-20', ct: 22.5, status: 'resulted', importJobId: job.id })
    const pool = await db.selectFrom('testPools').selectAll().where('id', '=', bn1.poolId!).executeTakeFirstOrThrow()
    expect(pool).toMatchObject({ code: 'G-1', lab: 'CDC An Giang' })
    const errors = reasons(await errorRows(officer, job.id))
    expect(errors).toContain('Trùng mẫu (cùng người, ngày lấy mẫu và phương pháp) với dòng 5')
    expect(errors).toContain('Không tìm thấy người có mã tham chiếu "KHONG-CO"')
    expect(errors).toContain('"Phương pháp" "x-quang" không hợp lệ')
  })

  it('changes nothing the second time, and updates a result that changed', async () => {
    const again = await importFile(officer, 'tests', 'ket-qua.xlsx', await workbook(rows))
    expect(again.result).toMatchObject({ inserted: 0, updated: 0, rejected: 3 })
    const changed = rows.map((r) => (r[0] === 'TX-1' ? [...r.slice(0, 4), 'dương tính', ...r.slice(5)] : r))
    const third = await importFile(officer, 'tests', 'ket-qua-2.xlsx', await workbook(changed))
    expect(third.result).toMatchObject({ inserted: 0, updated: 1, rejected: 3 })
  })
})

describe('positive results of people in facility quarantine', () => {
  it('flag the roommate and the arrival batch after the import commits, as a result entered alone does, and only once', async () => {
    const facility = await officer.post('/api/quarantine/facilities', {
      name: 'Ký túc xá cách ly (nhập kết quả)',
      kind: 'dormitory',
      unitCode: '30742',
      capacity: 20,
      rooms: [
        { name: 'P1', capacity: 5 },
        { name: 'P2', capacity: 5 },
      ],
      lon: 105.08,
      lat: 10.01,
    })
    expect(facility.statusCode, facility.body).toBe(201)
    const [p1, p2] = facility.json().rooms as { id: number }[]
    const place = async (ref: string, roomId: number, batch: string) => {
      const person = await officer.post('/api/people', { fullName: `Người Cách Ly ${ref}`, unitCode: '30742' })
      expect(person.statusCode, person.body).toBe(201)
      await db.insertInto('personRefs').values({ source: 'nhap-tep', ref, personId: person.json().id }).execute()
      const res = await officer.post('/api/quarantine/placements', {
        personId: person.json().id,
        setting: 'facility',
        facilityId: facility.json().id,
        roomId,
        reason: 'illegal_entrant',
        startOn: '2026-11-20',
        batch,
      })
      expect(res.statusCode, res.body).toBe(201)
      return res.json().placement as { id: number; plannedEnd: string }
    }
    const positive = await place('CL-1', p1!.id, 'HT-A')
    const roommate = await place('CL-2', p1!.id, 'HT-B')
    const sameBatch = await place('CL-3', p2!.id, 'HT-A')
    const apart = await place('CL-4', p2!.id, 'HT-C')
    const placement = (id: number) => db.selectFrom('quarantinePlacements').selectAll().where('id', '=', id).executeTakeFirstOrThrow()
    const csv = [
      'ref,sample_date,result_date,method,result,pool_id,lab,ct',
      'CL-1,25/11/2026,26/11/2026,pcr,positive,,CDC An Giang,24',
      'CL-2,25/11/2026,26/11/2026,pcr,negative,,CDC An Giang,',
      'CL-4,25/11/2026,26/11/2026,antigen,negative,,CDC An Giang,',
    ].join('\n')
    const job = await importFile(officer, 'tests', 'ket-qua-cach-ly.csv', csv)
    expect(job.status, job.error ?? '').toBe('done')
    expect(job.result).toMatchObject({ inserted: 3, rejected: 0 })
    expect(await placement(positive.id)).toMatchObject({ status: 'became_case', releasedOn: '2026-11-25' })
    for (const p of [roommate, sameBatch]) {
      const now = await placement(p.id)
      expect(now).toMatchObject({ status: 'active', flaggedOn: '2026-11-25', originalEnd: p.plannedEnd, flagNote: expect.stringContaining('dương tính') })
      expect(now.plannedEnd > p.plannedEnd).toBe(true)
    }
    expect(await placement(apart.id)).toMatchObject({ status: 'active', flaggedOn: null, plannedEnd: apart.plannedEnd })

    // The same file again changes nothing, in the tests or in quarantine.
    const before = await Promise.all([roommate, sameBatch].map((p) => placement(p.id)))
    const again = await importFile(officer, 'tests', 'ket-qua-cach-ly.csv', csv)
    expect(again.result).toMatchObject({ inserted: 0, updated: 0, rejected: 0 })
    expect(await Promise.all([roommate, sameBatch].map((p) => placement(p.id)))).toEqual(before)

    // A later positive of the roommate, by import, ends their stay in turn; the stay in another room and batch is left alone.
    const later = await importFile(officer, 'tests', 'ket-qua-cach-ly-2.csv', 'ref,sample_date,result_date,method,result\nCL-2,26/11/2026,26/11/2026,antigen,positive\n')
    expect(later.result).toMatchObject({ inserted: 1, rejected: 0 })
    expect(await placement(roommate.id)).toMatchObject({ status: 'became_case', releasedOn: '2026-11-26' })
    expect(await placement(apart.id)).toMatchObject({ flaggedOn: null })
  })
})

describe('results in several batches', () => {
  // A laboratory's own references: people of the officer's ward, and one of another commune.
  const SOURCE = 'lab-lon'
  const PEOPLE = 3000
  const ref = (i: number) => `LON-${String(i).padStart(5, '0')}`
  const HEADER = 'Mã tham chiếu,Ngày lấy mẫu,Ngày có kết quả,Phương pháp,Kết quả,Mã mẫu gộp,Phòng xét nghiệm,Ct'
  // Values COPY's text format must escape (tab, line break, backslash, its \N for null and \. for
  // the end of data), and quotes for CSV.
  const TRICKY_LAB = 'Phòng "A"\tB\\C\nD \\N \\.'
  const TRICKY_POOL = 'G\\N'
  const csvCell = (v: string) => `"${v.replace(/"/g, '""')}"`
  const day = (n: number) => `${String(1 + (n % 28)).padStart(2, '0')}/${String(1 + Math.floor(n / 28)).padStart(2, '0')}/2026`
  // Rows past the first batch, so that the file takes three transactions.
  const count = 2 * BATCH_ROWS.tests + 1000
  function file(changed = -1): string {
    const lines = [HEADER]
    for (let i = 0; i < count; i++) {
      const person = 1 + (i % PEOPLE)
      const n = Math.floor(i / PEOPLE)
      const result = i === changed ? 'dương tính' : 'âm tính'
      lines.push(`${ref(person)},${day(n)},${day(n + 1)},RT-PCR,${result},,CDC An Giang,`)
    }
    // In the last batch: a reference no one has, a person of another commune, and the values above.
    lines.push(`KHONG-CO-LON,${day(1)},,pcr,âm tính,,,`)
    lines.push(`${ref(PEOPLE + 1)},${day(1)},,pcr,âm tính,,,`)
    lines.push(`${ref(1)},${day(60)},${day(61)},antigen,dương tính,${csvCell(TRICKY_POOL)},${csvCell(TRICKY_LAB)},`)
    return `${lines.join('\r\n')}\r\n`
  }
  const trickyLine = count + 4

  beforeAll(async () => {
    await db.transaction().execute(async (tx) => {
      await sql`SELECT set_config('phongdich.bulk', 'on', true)`.execute(tx)
      const ward = await tx.selectFrom('units').select(['id', 'path']).where('code', '=', '30742').where('validTo', 'is', null).executeTakeFirstOrThrow()
      const other = await tx.selectFrom('units').select(['id', 'path']).where('code', '=', '31078').where('validTo', 'is', null).executeTakeFirstOrThrow()
      const { rows } = await sql<{ id: number }>`
        INSERT INTO people (full_name, name_fold, name_sort, unit_id, unit_path)
        SELECT 'Người Xét Nghiệm ' || i, 'nguoi xet nghiem ' || i, 'nguoi xet nghiem ' || i,
               CASE WHEN i <= ${PEOPLE} THEN ${ward.id} ELSE ${other.id} END, CASE WHEN i <= ${PEOPLE} THEN ${ward.path} ELSE ${other.path} END
          FROM generate_series(1, ${PEOPLE + 1}) AS i ORDER BY i
        RETURNING id`.execute(tx)
      await sql`INSERT INTO person_refs (source, ref, person_id)
                SELECT ${SOURCE}, 'LON-' || lpad(n::text, 5, '0'), x.id FROM unnest(${sql.val(rows.map((r) => Number(r.id)))}::bigint[]) WITH ORDINALITY AS x(id, n)`.execute(tx)
    })
  })

  let first: Job
  it('writes every good row whatever the batch, values crossing COPY intact, and tells the rows it could not write', async () => {
    first = await importFile(officer, 'tests', 'ket-qua-lon.csv', file(), SOURCE)
    expect(first.status, first.error ?? '').toBe('done')
    expect(first.result).toMatchObject({ inserted: count + 1, updated: 0, rejected: 2 })
    const n = await sql<{ n: number }>`SELECT count(*)::int AS n FROM tests WHERE import_job_id = ${first.id}`.execute(db)
    expect(n.rows[0]!.n).toBe(count + 1)
    const tricky = await db
      .selectFrom('tests as t')
      .innerJoin('testPools as p', 'p.id', 't.poolId')
      .select(['t.lab', 'p.code', 'p.lab as poolLab', 't.method', 't.result', 't.sampleDate'])
      .where('t.importJobId', '=', first.id)
      .where('t.method', '=', 'antigen')
      .executeTakeFirstOrThrow()
    expect(tricky).toEqual({ lab: TRICKY_LAB, code: TRICKY_POOL, poolLab: TRICKY_LAB, method: 'antigen', result: 'positive', sampleDate: '2026-03-05' })
    const rows = await errorRows(officer, first.id)
    expect(rows.slice(1).map((r) => [r[0], r[1], r[2], r[9]])).toEqual([
      [String(trickyLine - 2), 'KHONG-CO-LON', day(1), `Không tìm thấy người có mã tham chiếu "KHONG-CO-LON" trong nguồn dữ liệu "${SOURCE}"; hãy nhập danh sách ca bệnh hoặc người tiếp xúc trước.`],
      [String(trickyLine - 1), ref(PEOPLE + 1), day(1), `Người có mã tham chiếu "${ref(PEOPLE + 1)}" ở ngoài địa bàn của bạn.`],
    ])
    // Nobody outside the ward was given a result.
    expect(await sql<{ n: number }>`SELECT count(*)::int AS n FROM tests WHERE import_job_id = ${first.id} AND unit_path NOT LIKE '/2025:91/2025:30742/%'`.execute(db)).toMatchObject({
      rows: [{ n: 0 }],
    })
    const audit = await db.selectFrom('auditLog').select(['entity', 'after']).where('action', '=', 'import').where('entityId', '=', String(first.id)).execute()
    expect(audit).toEqual([expect.objectContaining({ entity: 'tests', after: expect.objectContaining({ inserted: count + 1, rejected: 2, source: SOURCE }) })])
  })

  it('changes nothing when the same file comes again, and updates the one result that changed', async () => {
    const again = await importFile(officer, 'tests', 'ket-qua-lon.csv', file(), SOURCE)
    expect(again.result).toMatchObject({ inserted: 0, updated: 0, rejected: 2 })
    const changedRow = BATCH_ROWS.tests + 7
    const third = await importFile(officer, 'tests', 'ket-qua-lon-2.csv', file(changedRow), SOURCE)
    expect(third.result).toMatchObject({ inserted: 0, updated: 1, rejected: 2 })
    const updated = await db.selectFrom('tests').select(['result', 'importJobId']).where('importJobId', '=', third.id).execute()
    expect(updated).toEqual([{ result: 'positive', importJobId: third.id }])
  })

  it('refuses a row holding a NUL character (which no text value can hold) and writes the others', async () => {
    // A long note first, so that the NUL comes past the start of the file (where a NUL means a binary file).
    const content = `${HEADER},Ghi chú\r\n${ref(5)},${day(70)},,pcr,âm tính,,CDC,,${'x'.repeat(600_000)}\r\n${ref(6)},${day(70)},,pcr,âm tính,,CDC\u0000X,\r\n`
    const job = await importFile(officer, 'tests', 'ket-qua-nul.csv', content, SOURCE)
    expect(job.status, job.error ?? '').toBe('done')
    expect(job.result).toMatchObject({ inserted: 1, updated: 0, rejected: 1 })
    const rows = await errorRows(officer, job.id)
    expect(rows.slice(1).map((r) => [r[0], r[1], r[r.length - 1]])).toEqual([['3', ref(6), expect.stringContaining('ký tự NUL')]])
  })
})

describe('refused files', () => {
  it('refuses a file over the size limit before reading it, naming the limit', async () => {
    const { headers } = multipartFile('lon.csv', 'x')
    const res = await officer.request({
      method: 'POST',
      url: '/api/uploads?purpose=surveillance',
      headers: { ...headers, 'content-length': String(300 * 1024 * 1024) },
      payload: Readable.from([Buffer.from('x')]),
    })
    expect(res.statusCode).toBe(413)
    expect(res.json().error.message).toContain('256 MB')
  })

  it('refuses a file that is not a spreadsheet, or lacks the columns, with a clear reason', async () => {
    const pdf = await officer.request({ method: 'POST', url: '/api/uploads?purpose=surveillance', ...multipartFile('ket-qua.pdf', '%PDF-1.4') })
    expect(pdf.statusCode).toBe(415)
    const png = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d]), Buffer.alloc(64, 0xff)])
    const binary = await importFile(officer, 'tests', 'anh.csv', png)
    expect(binary.status).toBe('failed')
    expect(binary.error).toContain('không phải văn bản UTF-8')
    const fake = await importFile(officer, 'tests', 'gia.xlsx', 'không phải excel')
    expect(fake.status).toBe('failed')
    expect(fake.error).toContain('Không đọc được tệp Excel')
    const columns = await importFile(officer, 'tests', 'thieu.csv', 'Mã tham chiếu;Kết quả\nBN-1;âm tính\n')
    expect(columns.status).toBe('failed')
    expect(columns.error).toContain('Tệp thiếu cột "Ngày lấy mẫu" (sample_date), "Phương pháp" (method)')
  })

  it('refuses an import to someone without the permission', async () => {
    const tracer = await t.userAgent('tracer', '30742')
    const res = await tracer.post('/api/surveillance/imports', { kind: 'tests', uploadId: 1 })
    expect(res.statusCode).toBe(403)
  })
})

describe('templates', () => {
  it('gives each kind as an .xlsx with its headers, an example row and the notes', async () => {
    const res = await officer.get('/api/surveillance/imports/templates/contacts')
    expect(res.statusCode).toBe(200)
    const wb = new ExcelJS.Workbook()
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer)
    const data = wb.getWorksheet('Dữ liệu')!
    expect(data.getRow(1).values).toContain('Tiếp xúc với')
    expect(data.getRow(2).values).toContain('hộ gia đình')
    expect(wb.getWorksheet('Hướng dẫn')!.rowCount).toBeGreaterThan(10)
    expect((await officer.get('/api/surveillance/imports/templates/vaccines')).statusCode).toBe(400)
  })
})

describe('the 2020 line list', () => {
  it('loads 288 cases with their source links, placed in the provinces that hold them today, once', async () => {
    const data = await readLineList()
    const r = await importLineList(t.ctx, data)
    expect(r).toMatchObject({ inserted: 288, updated: 0, rejected: 0, warnings: 0 })
    const bn = async (id: string) => caseOf(await personByRef(`BN${id}`, 'vncovid19-2020'))
    const [one, two, seventeen] = [await bn('1'), await bn('2'), await bn('17')]
    // Patient 2 caught it from his father, patient 1, who came from Wuhan.
    expect(two).toMatchObject({ sourceKind: 'linked', sourceCaseId: one.id, outcome: 'recovered', outcomeDate: '2020-02-12' })
    expect(one).toMatchObject({ sourceKind: 'imported', sourceCountry: 'CN', unitPath: '/2025:79/' })
    expect(seventeen).toMatchObject({ sourceKind: 'imported', sourceCountry: 'GB', sourceTravel: 'VN0054', unitPath: '/2025:01/' })
    const bachMai = await db.selectFrom('clusters').selectAll().where('code', '=', 'BVBM').executeTakeFirstOrThrow()
    const inCluster = await db.selectFrom('cases').select('id').where('clusterId', '=', bachMai.id).execute()
    expect(inCluster.length).toBeGreaterThanOrEqual(38)
    const again = await importLineList(t.ctx, data)
    expect(again).toMatchObject({ inserted: 0, updated: 0, rejected: 0 })
    // A commune's officer sees none of it.
    expect(await sql<{ n: number }>`SELECT count(*)::int AS n FROM cases WHERE unit_path LIKE '/2025:91/2025:30742/%' AND code LIKE 'BN%/2020'`.execute(db)).toMatchObject({ rows: [{ n: 0 }] })
  })
})

describe('the command line', () => {
  let env: Awaited<ReturnType<typeof commandEnv>>
  beforeAll(async () => {
    env = await commandEnv()
  })
  afterAll(() => env?.cleanup())

  it('prints {inserted, updated, rejected, errorsFile} and writes the error file next to the input', { timeout: 330_000 }, async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'phongdich-import-'))
    const cases = path.join(dir, 'ca.csv')
    await writeFile(cases, 'ref,full_name,commune_code,classification\nCLI-1,Lý Văn Một,30742,confirmed\n')
    const tests = path.join(dir, 'xn.csv')
    await writeFile(tests, 'ref,sample_date,method,result\nCLI-1,20/07/2021,pcr,positive\nCLI-1,20/07/2021,pcr,mơ hồ\n')
    const run = (...args: string[]) =>
      promisify(execFile)(process.execPath, [path.resolve('bin/phongdich.js'), ...args], { env: { ...process.env, ...env.env, DEMO: '0' }, timeout: 150_000 })
    const c = await run('import', 'cases', cases, '--unit', '30742')
    expect(JSON.parse(c.stdout)).toEqual({ inserted: 1, updated: 0, rejected: 0, errorsFile: null })
    const x = await run('import', 'tests', tests, '--source', 'nhap-tep')
    const printed = JSON.parse(x.stdout)
    expect(printed).toEqual({ inserted: 1, updated: 0, rejected: 1, errorsFile: path.join(dir, 'xn.loi.csv') })
    const rows = parseCsv(await readFile(printed.errorsFile, 'utf8'), { bom: true }) as string[][]
    expect(rows[1]).toEqual(['3', 'CLI-1', '20/07/2021', 'pcr', 'mơ hồ', '"Kết quả" "mơ hồ" không hợp lệ: dương tính hoặc âm tính (positive, negative).'])
  })
})
