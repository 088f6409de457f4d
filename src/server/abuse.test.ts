import { Readable } from 'node:stream'
import { beforeAll, describe, expect, it } from 'vitest'
import { PARSE_LIMITS } from '../domain/files/limits.ts'
import { type Agent, multipartFile, testApp } from '../test/harness.ts'
import { csvTable, docxBomb, pdfFlateBomb, xlsxTable } from '../test/hostile-files.ts'

// What an attacker or a careless operator sends: bombs, huge text, huge tables, wrong units. Each
// is refused with a Vietnamese message naming the limit, and the API keeps answering meanwhile.
const t = await testApp()
let admin: Agent
let officer: Agent

beforeAll(async () => {
  admin = await t.userAgent('admin', '91')
  officer = await t.userAgent('health', '30742')
})

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))

/** Runs `work` while a client asks /api/health every 5 ms; answers the work's result and the latencies. */
async function whileHealthPolled<T>(work: () => Promise<T>): Promise<{ result: T; p99: number; samples: number }> {
  const latencies: number[] = []
  let finished = false
  const poller = (async () => {
    while (!finished) {
      const start = performance.now()
      const res = await t.anon.get('/api/health')
      latencies.push(performance.now() - start)
      expect(res.statusCode).toBe(200)
      await sleep(5)
    }
  })()
  try {
    return { result: await work(), ...percentile99(latencies), samples: latencies.length }
  } finally {
    finished = true
    await poller
  }
}

function percentile99(values: number[]): { p99: number } {
  const sorted = [...values].sort((a, b) => a - b)
  return { p99: sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * 0.99))] ?? 0 }
}

async function jobOf(agent: Agent, id: number) {
  return (await agent.get(`/api/jobs/${id}`)).json()
}

describe('documents', () => {
  it('refuses a .docx zip bomb by its inflated size, naming the limit, and keeps answering', async () => {
    const bomb = await docxBomb(300 * 1024 * 1024)
    expect(bomb.length).toBeLessThan(1024 * 1024)
    const uploadId = await admin.upload('document', 'bom.docx', bomb)
    const { result: res, p99, samples } = await whileHealthPolled(() => admin.post('/api/directives/parse', { uploadId }))
    expect(res.statusCode).toBe(413)
    expect(res.json().error.code).toBe('LIMIT_INFLATED_SIZE')
    expect(res.json().error.message).toContain('64 MB')
    expect(samples).toBeGreaterThan(0)
    expect(p99).toBeLessThan(200)
  })

  it('stops a PDF flate bomb at the time limit and keeps answering', { timeout: 90_000 }, async () => {
    const uploadId = await admin.upload('document', 'bom.pdf', pdfFlateBomb(200 * 1024 * 1024))
    const { result: res, p99 } = await whileHealthPolled(() => admin.post('/api/directives/parse', { uploadId }))
    expect([413, 422]).toContain(res.statusCode)
    expect(['LIMIT_TIME', 'LIMIT_MEMORY', 'LIMIT_CHARACTERS']).toContain(res.json().error.code)
    expect(res.json().error.message).toMatch(/giới hạn/)
    expect(p99).toBeLessThan(200)
  })

  it('refuses text over the character limit, pasted or in a file, and keeps answering', async () => {
    const long = `1. Sở Y tế chủ trì. ${'Tăng cường phòng, chống dịch. '.repeat(17_000)}`
    expect(long.length).toBeGreaterThan(500_000)
    const { result: pasted, p99 } = await whileHealthPolled(() => admin.post('/api/directives/parse', { text: long }))
    expect(pasted.statusCode).toBe(413)
    expect(pasted.json().error.message).toContain(PARSE_LIMITS.documentChars.toLocaleString('vi-VN'))
    expect(p99).toBeLessThan(200)
    const uploadId = await admin.upload('document', 'dai.txt', 'a'.repeat(1024 * 1024))
    const file = await admin.post('/api/directives/parse', { uploadId })
    expect(file.statusCode).toBe(413)
    expect(file.json().error.code).toBe('LIMIT_CHARACTERS')
  })

  it('refuses a text file that is not UTF-8', async () => {
    const uploadId = await admin.upload('document', 'latin1.txt', Buffer.from([0x31, 0x2e, 0x20, 0x53, 0xf5, 0x20, 0x59, 0x20, 0x74, 0xea, 0xff]))
    const res = await admin.post('/api/directives/parse', { uploadId })
    expect(res.statusCode).toBe(400)
    expect(res.json().error.code).toBe('INVALID_ENCODING')
    expect(res.json().error.message).toContain('UTF-8')
  })
})

describe('uploads', () => {
  it('refuses an oversized file by its declared length, naming the limit, and stores nothing', async () => {
    const before = await t.database.db.selectFrom('uploads').select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow()
    const res = await admin.request({ method: 'POST', url: '/api/uploads?purpose=document', ...multipartFile('lon.pdf', Buffer.alloc(12 * 1024 * 1024, 0x41)) })
    expect(res.statusCode).toBe(413)
    expect(res.json().error.message).toContain('10 MB')
    const after = await t.database.db.selectFrom('uploads').select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow()
    expect(after.n).toBe(before.n)
  })

  it('stops reading a file streamed without a declared length at the first byte over the limit', async () => {
    const { payload, headers } = multipartFile('lon.txt', Buffer.alloc(12 * 1024 * 1024, 0x41))
    const chunks = function* () {
      for (let i = 0; i < payload.length; i += 64 * 1024) yield payload.subarray(i, i + 64 * 1024)
    }
    const res = await admin.request({ method: 'POST', url: '/api/uploads?purpose=document', headers, payload: Readable.from(chunks()) })
    expect(res.statusCode).toBe(413)
    expect(res.json().error.code).toBe('FILE_TOO_LARGE')
    expect(res.json().error.message).toContain('10 MB')
  })

  it('takes files only from those who may use them', async () => {
    const viewer = await t.userAgent('viewer', '91')
    const res = await viewer.request({ method: 'POST', url: '/api/uploads?purpose=table', ...multipartFile('ds.csv', 'Mã,Dân số\n30742,1\n') })
    expect(res.statusCode).toBe(403)
    expect(await t.database.db.selectFrom('uploads').select('id').where('fileName', '=', 'ds.csv').execute()).toEqual([])
  })

  it('refuses a file of the wrong kind and an upload of another user', async () => {
    const wrong = await admin.request({ method: 'POST', url: '/api/uploads?purpose=table', ...multipartFile('virus.exe', 'MZ') })
    expect(wrong.statusCode).toBe(415)
    expect(wrong.json().error.message).toContain('.xlsx')
    const mine = await admin.upload('document', 'cv.txt', '1. Sở Y tế chủ trì.')
    const theirs = await officer.post('/api/directives/parse', { uploadId: mine })
    expect(theirs.statusCode).toBe(404)
  })

  it('stores a file as it arrives and lets one user send only two at once', async () => {
    const sender = await t.userAgent('admin', '91')
    // Two slow uploads held open: their parts trickle in until released.
    let release!: () => void
    const released = new Promise<void>((resolve) => (release = resolve))
    const slow = (name: string) => {
      const { payload, headers } = multipartFile(name, Buffer.alloc(3 * 1024 * 1024, 0x42))
      async function* trickle() {
        yield payload.subarray(0, 1024 * 1024)
        await released
        yield payload.subarray(1024 * 1024)
      }
      return sender.request({ method: 'POST', url: '/api/uploads?purpose=attachment', headers, payload: Readable.from(trickle()) })
    }
    const first = slow('a.pdf')
    const second = slow('b.pdf')
    await sleep(300)
    const third = await sender.request({ method: 'POST', url: '/api/uploads?purpose=attachment', ...multipartFile('c.pdf', 'nhỏ') })
    expect(third.statusCode).toBe(429)
    expect(third.json().error.message).toContain('2 tệp cùng lúc')
    release()
    const done = await Promise.all([first, second])
    expect(done.map((r) => r.statusCode)).toEqual([201, 201])
    expect(done.map((r) => r.json().size)).toEqual([3 * 1024 * 1024, 3 * 1024 * 1024])
    // Stored in chunks of 512 KB; afterwards a third may be sent.
    const chunks = await t.database.db.selectFrom('uploadChunks').select('seq').where('uploadId', '=', done[0]!.json().id).execute()
    expect(chunks).toHaveLength(6)
    expect((await sender.request({ method: 'POST', url: '/api/uploads?purpose=attachment', ...multipartFile('c.pdf', 'nhỏ') })).statusCode).toBe(201)
  })
})

describe('imports', () => {
  it('fails an 8-million-row .xlsx once, by its inflated size, without running it again', { timeout: 90_000 }, async () => {
    const bomb = await xlsxTable(8_000_000, () => ['30742', 1, 2020], { sameRow: true })
    expect(bomb.length).toBeLessThan(5 * 1024 * 1024)
    const job = (await admin.post('/api/units/import/population', { uploadId: await admin.upload('table', 'bom.xlsx', bomb) })).json()
    await t.jobs.drain()
    const done = await jobOf(admin, job.id)
    expect(done.status).toBe('failed')
    expect(done.error).toContain('400 MB')
    expect(done.attempts).toBe(1)
    expect(await t.jobs.drain()).toBe(0)
  })

  it('refuses a table over the row limit', { timeout: 60_000 }, async () => {
    const csv = csvTable(PARSE_LIMITS.tableRows + 1, (i) => [String(10_000 + (i % 50_000)), 1, 1900 + (i % 200)])
    const job = (await admin.post('/api/units/import/population', { uploadId: await admin.upload('table', 'dai.csv', csv) })).json()
    await t.jobs.drain()
    const done = await jobOf(admin, job.id)
    expect(done.status).toBe('failed')
    expect(done.error).toContain('1.000.000 dòng')
  })

  it('refuses a CSV that is not UTF-8', async () => {
    const csv = Buffer.concat([Buffer.from('Mã,Dân số\n30742,'), Buffer.from([0xff, 0xfe]), Buffer.from('\n')])
    const job = (await admin.post('/api/units/import/population', { uploadId: await admin.upload('table', 'ansi.csv', csv) })).json()
    await t.jobs.drain()
    const done = await jobOf(admin, job.id)
    expect(done.status).toBe('failed')
    expect(done.error).toContain('UTF-8')
  })

  it('checks the whole file, duplicates included, before writing a row', async () => {
    const rows: [string, number, number][] = []
    for (let i = 0; i < 450; i++) rows.push([['30742', '30769', '31078'][i % 3]!, 1000 + i, 1950 + Math.floor(i / 3)])
    rows.push(['30742', 5, 1950]) // repeats line 2's (code, year) at the very end
    const job = (await admin.post('/api/units/import/population', { uploadId: await admin.upload('table', 'trung.csv', csvTable(rows.length, (i) => rows[i]!)) })).json()
    await t.jobs.drain()
    const done = await jobOf(admin, job.id)
    expect(done.status).toBe('failed')
    expect(done.error).toContain('dòng 452: trùng mã 30742 năm 1950 với dòng 2')
    expect(done.error).not.toMatch(/duplicate key|violates|constraint/i)
    const written = await t.database.db.selectFrom('unitPopulations').select('unitId').where('source', '=', 'Tệp trung.csv').execute()
    expect(written).toEqual([])
  })

  it('refuses rows outside the uploader\'s jurisdiction and lists them, writing nothing', async () => {
    // A health officer of phường Rạch Giá: Hà Nội and Phú Quốc are not theirs.
    const csv = 'Mã,Dân số,Năm\n30742,50000,2031\n00004,1,2031\n31078,2,2031\n'
    const job = (await officer.post('/api/units/import/population', { uploadId: await officer.upload('table', 'ngoai.csv', csv) })).json()
    await t.jobs.drain()
    const done = await jobOf(officer, job.id)
    expect(done.status).toBe('failed')
    expect(done.error).toContain('2 lỗi')
    expect(done.error).toContain('dòng 3: đơn vị mã 00004 nằm ngoài địa bàn')
    expect(done.error).toContain('dòng 4: đơn vị mã 31078 nằm ngoài địa bàn')
    const written = await t.database.db.selectFrom('unitPopulations').select('unitId').where('year', '=', 2031).execute()
    expect(written).toEqual([])
    // Their own commune alone goes through.
    const ok = (await officer.post('/api/units/import/population', { uploadId: await officer.upload('table', 'xa.csv', 'Mã,Dân số,Năm\n30742,50000,2031\n') })).json()
    await t.jobs.drain()
    expect((await jobOf(officer, ok.id)).status).toBe('done')
  })

  it('keeps answering while a large import is checked and written', { timeout: 180_000 }, async () => {
    // Every commune of the province for every year the import accepts: 102 × 201 rows.
    const codes = (
      await t.database.db.selectFrom('units').select('code').where('level', '=', 'commune').where('validTo', 'is', null).where('path', 'like', '/2025:91/%').execute()
    ).map((u) => u.code)
    const n = codes.length * 201
    expect(n).toBeGreaterThan(20_000)
    const csv = csvTable(n, (i) => [codes[i % codes.length]!, 1000 + (i % 5000), 1900 + Math.floor(i / codes.length)])
    const job = (await admin.post('/api/units/import/population', { uploadId: await admin.upload('table', 'lon.csv', csv) })).json()
    const { p99, samples } = await whileHealthPolled(() => t.jobs.drain())
    const done = await jobOf(admin, job.id)
    expect(done.status, done.error).toBe('done')
    expect(done.result).toEqual({ imported: n })
    expect(samples).toBeGreaterThan(10)
    expect(p99).toBeLessThan(200)
  })
})

describe('dates', () => {
  it('refuses dates outside sane ranges with a clear message', async () => {
    for (const birthDate of ['9999-01-01', '1800-05-05', '2021-02-31']) {
      const res = await admin.post('/api/people', { fullName: 'Nguyễn Văn Ngày', unitCode: '30742', birthDate })
      expect(res.statusCode, birthDate).toBe(400)
      expect(res.json().error.message).toContain('1900–2100')
    }
  })
})
