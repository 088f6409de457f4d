import { sql } from 'kysely'
import { beforeAll, describe, expect, it } from 'vitest'
import { testApp } from '../../../test/harness.ts'
import { registerPersonReference } from './references.ts'
import { nameIndexPresent } from './repo.ts'

const t = await testApp()
const RG = '30742' // phường Rạch Giá
const PQ = '31078' // đặc khu Phú Quốc

/** Rows that belong to a person, standing for the cases, contacts and tests of later contexts. */
beforeAll(async () => {
  await sql`CREATE TABLE person_probe (id bigserial PRIMARY KEY, person_id bigint NOT NULL REFERENCES people(id), note text)`.execute(t.database.db)
  registerPersonReference({ table: 'person_probe', column: 'person_id', label: 'bản ghi thử' })
})

const probesOf = async (personId: number) =>
  (await sql<{ id: number }>`SELECT id FROM person_probe WHERE person_id = ${personId} ORDER BY id`.execute(t.database.db)).rows.map((r) => r.id)
const addProbe = (personId: number, note: string) => sql`INSERT INTO person_probe (person_id, note) VALUES (${personId}, ${note})`.execute(t.database.db)
let serial = 100

describe('people', () => {
  it('records every read of a person’s record in the audit log', async () => {
    const tracer = await t.userAgent('tracer', RG)
    const created = (await tracer.post('/api/people', { fullName: 'Trần Thị Bé', unitCode: RG, nationalId: '091190000123' })).json()
    const before = await t.database.db.selectFrom('auditLog').select('id').where('action', '=', 'read').where('entity', '=', 'people').execute()
    expect((await tracer.get(`/api/people/${created.id}`)).json().fullName).toBe('Trần Thị Bé')
    const list = (await tracer.get('/api/people?q=tran%20thi%20be')).json().people
    expect(list.map((p: { id: number }) => p.id)).toContain(created.id)
    const reads = await t.database.db.selectFrom('auditLog').selectAll().where('action', '=', 'read').where('entity', '=', 'people').execute()
    expect(reads.length - before.length).toBe(2)
    expect(reads.every((r) => r.actorName === tracer.username)).toBe(true)
  })

  it('hides people outside the caller’s unit subtree from searches', async () => {
    const rg = await t.userAgent('tracer', RG)
    const pq = await t.userAgent('tracer', PQ)
    await rg.post('/api/people', { fullName: 'Lâm Văn Riêng', unitCode: RG })
    expect((await pq.get('/api/people?q=lam%20van%20rieng')).json().people).toEqual([])
    const province = await t.userAgent('steering', '91')
    expect((await province.get('/api/people?q=lam%20van%20rieng')).json().people).toHaveLength(1)
  })

  it('keeps the audit log append-only', async () => {
    await expect(t.database.db.deleteFrom('auditLog').execute()).rejects.toThrow(/append-only/)
    await expect(t.database.db.updateTable('auditLog').set({ action: 'x' }).execute()).rejects.toThrow(/append-only/)
  })
})

describe('the registry’s fields', () => {
  it('keeps every field, for foreign and ethnic-minority names too', async () => {
    const pq = await t.userAgent('border', PQ)
    const hamlet = (await (await t.userAgent('commune', PQ)).post(`/api/units/${PQ}/children`, { name: 'Ấp Suối Lớn', unitType: 'ap' })).json()
    const body = {
      fullName: 'Søren Müller-Østergaard',
      birthDate: '1985-04-12',
      sex: 'male',
      passportNo: 'ab 1234567'.replace(' ', ''),
      nationality: 'dk',
      phone: '+4520123456',
      unitCode: hamlet.code,
      address: 'Khu nghỉ dưỡng Bãi Trường, phòng 214',
      tempUnitCode: RG,
      tempAddress: '12 Trần Phú',
      workplace: 'Công ty Du lịch Biển Xanh',
    }
    const res = await pq.post('/api/people', body)
    expect(res.statusCode, res.body).toBe(201)
    const p = res.json()
    expect(p).toMatchObject({
      fullName: 'Søren Müller-Østergaard',
      birthYear: 1985,
      passportNo: 'AB1234567',
      nationality: 'DK',
      unitCode: hamlet.code,
      tempUnitCode: RG,
      tempAddress: '12 Trần Phú',
      workplace: 'Công ty Du lịch Biển Xanh',
    })
    const ede = await pq.post('/api/people', { fullName: "H'Hen Niê", birthYear: 1992, sex: 'female', nationalId: '066192000321', unitCode: PQ })
    expect(ede.statusCode, ede.body).toBe(201)
    expect((await pq.get('/api/people?q=HEN%20NIE')).json().people.map((x: { fullName: string }) => x.fullName)).toContain("H'Hen Niê")
    expect((await pq.get('/api/people?q=muller')).json().people.map((x: { id: number }) => x.id)).toContain(p.id)
    expect((await pq.get('/api/people?q=ab1234567')).json().people.map((x: { id: number }) => x.id)).toEqual([p.id])
  })

  it('refuses a nationality that is no ISO 3166 country, and bad input without a 500', async () => {
    const rg = await t.userAgent('tracer', RG)
    for (const body of [
      { fullName: 'A', unitCode: RG, nationality: 'XX' },
      { fullName: 'A', unitCode: RG, passportNo: 'AB 12' },
      { fullName: 'A', unitCode: RG, tempUnitCode: '99999' },
      { fullName: 'A\u0007', unitCode: RG },
      { fullName: 'A', unitCode: RG, birthYear: 1990, birthDate: '1991-02-03' },
      { fullName: 'A', unitCode: RG, birthYear: 2099 },
    ]) {
      const res = await rg.post('/api/people', body)
      expect([400, 404], `${JSON.stringify(body)}: ${res.body}`).toContain(res.statusCode)
      expect(res.json().error.message).toMatch(/[ạảãàáâậầấẩẫăắằặẳẵđêếềệểễôồốộổỗơờớợởỡưừứựửữ]/)
    }
  })
})

describe('CCCD rules', () => {
  it('checks the province code, the century and sex digit and the year digits against what is given', async () => {
    const rg = await t.userAgent('tracer', RG)
    const province = await rg.post('/api/people', { fullName: 'Mã Tỉnh Sai', unitCode: RG, nationalId: '099190000001' })
    expect(province.statusCode).toBe(400)
    expect(province.json().error.message).toContain('ba chữ số đầu (099)')
    const year = await rg.post('/api/people', { fullName: 'Năm Sinh Sai', unitCode: RG, nationalId: '091190000002', birthYear: 1991, sex: 'female' })
    expect(year.statusCode).toBe(400)
    expect(year.json().error.message).toContain('năm sinh 1990')
    expect(year.json().error.message).toContain('năm sinh đã nhập là 1991')
    const sex = await rg.post('/api/people', { fullName: 'Giới Tính Sai', unitCode: RG, nationalId: '091190000003', birthDate: '1990-05-06', sex: 'male' })
    expect(sex.statusCode).toBe(400)
    expect(sex.json().error.message).toContain('người nữ')
    const ok = await rg.post('/api/people', { fullName: 'Đúng Hết', unitCode: RG, nationalId: '091290000004', birthDate: '2090-05-06', sex: 'male' })
    expect(ok.statusCode).toBe(400) // born in the future
    const good = await rg.post('/api/people', { fullName: 'Đúng Hết', unitCode: RG, nationalId: '089201000004', birthDate: '2001-05-06', sex: 'male' })
    expect(good.statusCode, good.body).toBe(201)
    const cmnd = await rg.post('/api/people', { fullName: 'Chứng Minh Cũ', unitCode: RG, nationalId: '123456789', birthYear: 1950, sex: 'male' })
    expect(cmnd.statusCode, cmnd.body).toBe(201)
    // A change that makes the record disagree with its CCCD is refused too.
    const patch = await rg.patch(`/api/people/${good.json().id}`, { sex: 'female' })
    expect(patch.statusCode).toBe(400)
    expect(patch.json().error.message).toContain('người nam')
  })
})

describe('duplicates', () => {
  it('refuses the same CCCD or passport always, naming the holder only inside the jurisdiction', async () => {
    const province = await t.userAgent('tracer', '91')
    const first = (await province.post('/api/people', { fullName: 'Lê Văn Gốc', unitCode: RG, nationalId: '091200000999' })).json()
    const dup = await province.post('/api/people', { fullName: 'B', unitCode: RG, nationalId: '091200000999' })
    expect(dup.statusCode).toBe(409)
    expect(dup.json().error.code).toBe('DUPLICATE_IDENTITY')
    expect(dup.json().error.message).toMatch(/đã tồn tại/)
    expect(dup.json().error.message).toContain('Lê Văn Gốc')
    expect(dup.json().error.details.personId).toBe(first.id)
    const pq = await t.userAgent('tracer', PQ)
    const outside = await pq.post('/api/people', { fullName: 'B', unitCode: PQ, nationalId: '091200000999', confirmedNew: true })
    expect(outside.statusCode).toBe(409)
    expect(outside.json().error.message).toMatch(/ngoài địa bàn/)
    expect(outside.body).not.toContain('Lê Văn Gốc')
    expect(outside.json().error.details).toBeUndefined()

    const passport = { unitCode: PQ, passportNo: 'E12345678', nationality: 'CN' }
    expect((await pq.post('/api/people', { fullName: 'Wang Xiaoming', ...passport })).statusCode).toBe(201)
    const again = await pq.post('/api/people', { fullName: 'Vương Tiểu Minh', ...passport, confirmedNew: true })
    expect(again.statusCode).toBe(409)
    expect(again.json().error.message).toContain('Hộ chiếu số E12345678 (quốc tịch CN) đã tồn tại')
    expect((await pq.post('/api/people', { fullName: 'Kim Min-jun', ...passport, nationality: 'KR' })).statusCode).toBe(201)
  })

  it('shows similar people of the same year and phone or commune before saving, only inside the jurisdiction', async () => {
    const province = await t.userAgent('tracer', '91')
    const pq = await t.userAgent('tracer', PQ)
    const rgPerson = (await province.post('/api/people', { fullName: 'Nguyễn Văn Hùng', birthYear: 1980, sex: 'male', phone: '0909000111', unitCode: RG })).json()
    // Phú Quốc cannot see the Rạch Giá record, so nothing stops it (and nothing is shown).
    const pqFirst = await pq.post('/api/people', { fullName: 'NGUYEN VAN HUNG', birthYear: 1980, phone: '0909000111', unitCode: PQ })
    expect(pqFirst.statusCode, pqFirst.body).toBe(201)
    // Another Phú Quốc record: the Phú Quốc one is a candidate (commune and phone), never the Rạch Giá one.
    const pqSecond = await pq.post('/api/people', { fullName: 'Hùng Nguyễn', birthYear: 1980, unitCode: PQ })
    expect(pqSecond.statusCode).toBe(409)
    const error = pqSecond.json().error
    expect(error.code).toBe('DUPLICATE_CANDIDATES')
    expect(error.message).toMatch(/có thể là người này/)
    expect(error.details.candidates.map((c: { id: number }) => c.id)).toEqual([pqFirst.json().id])
    expect(error.details.candidates[0].reasons).toEqual(['commune'])
    expect(JSON.stringify(error)).not.toContain(`"id":${rgPerson.id},`)
    // The province sees both, by phone for the one in another commune.
    const fromProvince = await province.post('/api/people', { fullName: 'Nguyễn Văn Hùng', birthYear: 1980, phone: '0909000111', unitCode: PQ })
    expect(fromProvince.statusCode).toBe(409)
    const seen = fromProvince.json().error.details.candidates as { id: number; reasons: string[] }[]
    expect(seen.map((c) => c.id).sort()).toEqual([rgPerson.id, pqFirst.json().id].sort())
    expect(seen.find((c) => c.id === rgPerson.id)!.reasons).toEqual(['phone'])
    // Another year, or a different given name, is no candidate; a confirmed new person is saved.
    expect((await pq.post('/api/people', { fullName: 'Nguyễn Văn Hùng', birthYear: 1981, unitCode: PQ })).statusCode).toBe(201)
    expect((await pq.post('/api/people', { fullName: 'Nguyễn Văn Dũng', birthYear: 1980, unitCode: PQ })).statusCode).toBe(201)
    const confirmed = await pq.post('/api/people', { fullName: 'Hùng Nguyễn', birthYear: 1980, unitCode: PQ, confirmedNew: true })
    expect(confirmed.statusCode).toBe(201)
    // The candidates shown were read, and that is in the audit log.
    const audited = await t.database.db.selectFrom('auditLog').select('after').where('action', '=', 'read').where('actorName', '=', pq.username).execute()
    expect(audited.some((a) => (a.after as { reason?: string }).reason === 'duplicate-candidates')).toBe(true)
  })
})

describe('merge and undo', () => {
  async function pair(agentUnit = RG) {
    const agent = await t.userAgent('tracer', agentUnit)
    const keep = (await agent.post('/api/people', { fullName: 'Phạm Thị Lan', birthYear: 1975, sex: 'female', unitCode: RG, confirmedNew: true })).json()
    const from = (
      await agent.post('/api/people', {
        fullName: 'Pham Thi Lan',
        birthYear: 1975,
        sex: 'female',
        unitCode: RG,
        phone: '0918000222',
        nationalId: `091175${String(++serial).padStart(6, '0')}`,
        workplace: 'Chợ Rạch Giá',
        confirmedNew: true,
      })
    ).json()
    expect(keep.id && from.id).toBeTruthy()
    for (const note of ['xét nghiệm', 'tiếp xúc']) await addProbe(from.id, note)
    await addProbe(keep.id, 'ca bệnh')
    return { agent, keep, from }
  }

  it('moves every linked record, fills the kept record’s gaps, deletes the other and records it all', async () => {
    const { agent, keep, from } = await pair()
    const fromProbes = await probesOf(from.id)
    const keepProbes = await probesOf(keep.id)
    const res = await agent.post(`/api/people/${keep.id}/merge`, { from: from.id })
    expect(res.statusCode, res.body).toBe(200)
    const out = res.json()
    expect(out.person).toMatchObject({ id: keep.id, phone: '0918000222', nationalId: from.nationalId, workplace: 'Chợ Rạch Giá' })
    expect(out.filled).toEqual(expect.arrayContaining(['số CCCD', 'số điện thoại', 'nơi làm việc']))
    expect(out.moved).toEqual([{ label: 'bản ghi thử', count: 2 }])
    expect((await probesOf(keep.id)).sort()).toEqual([...keepProbes, ...fromProbes].sort())
    expect((await agent.get(`/api/people/${from.id}`)).statusCode).toBe(404)
    const entry = await t.database.db.selectFrom('auditLog').selectAll().where('id', '=', out.auditId).executeTakeFirstOrThrow()
    expect(entry).toMatchObject({ action: 'merge', entity: 'people', entityId: String(keep.id), actorName: agent.username })
  })

  it('refuses a merge across jurisdictions, into itself, or of two different CCCD holders', async () => {
    const { keep, from } = await pair()
    const pq = await t.userAgent('tracer', PQ)
    const outside = await pq.post(`/api/people/${keep.id}/merge`, { from: from.id })
    expect(outside.statusCode).toBe(404)
    const rg = await t.userAgent('tracer', RG)
    expect((await rg.post(`/api/people/${keep.id}/merge`, { from: keep.id })).statusCode).toBe(400)
    const other = (await rg.post('/api/people', { fullName: 'Phạm Thị Lan', birthYear: 1975, sex: 'female', unitCode: RG, nationalId: '091175000001', confirmedNew: true })).json()
    const conflict = await rg.post(`/api/people/${other.id}/merge`, { from: from.id })
    expect(conflict.statusCode).toBe(409)
    expect(conflict.json().error.message).toMatch(/số CCCD khác nhau/)
    const viewer = await t.userAgent('viewer', RG)
    expect((await viewer.post(`/api/people/${keep.id}/merge`, { from: from.id })).statusCode).toBe(403)
  })

  it('undoes a merge from its audit entry: the record, its links and the kept record’s fields come back', async () => {
    const { agent, keep, from } = await pair()
    const fromProbes = await probesOf(from.id)
    const keepProbes = await probesOf(keep.id)
    const merged = (await agent.post(`/api/people/${keep.id}/merge`, { from: from.id })).json()
    const pq = await t.userAgent('tracer', PQ)
    expect((await pq.post(`/api/people/merges/${merged.auditId}/undo`)).statusCode).toBe(404)
    const res = await agent.post(`/api/people/merges/${merged.auditId}/undo`)
    expect(res.statusCode, res.body).toBe(200)
    expect(res.json().restored).toMatchObject({ id: from.id, fullName: 'Pham Thi Lan', nationalId: from.nationalId, phone: '0918000222' })
    expect(res.json().kept).toMatchObject({ id: keep.id, nationalId: null, phone: null, workplace: null })
    expect((await probesOf(from.id)).sort()).toEqual(fromProbes.sort())
    expect((await probesOf(keep.id)).sort()).toEqual(keepProbes.sort())
    expect((await agent.get(`/api/people?q=pham%20thi%20lan`)).json().people.map((p: { id: number }) => p.id)).toContain(from.id)
    const again = await agent.post(`/api/people/merges/${merged.auditId}/undo`)
    expect(again.statusCode).toBe(409)
    expect(again.json().error.message).toMatch(/đã được hoàn tác/)
  })

  it('refuses an undo once the kept record changed what the merge gave it', async () => {
    const { agent, keep, from } = await pair()
    const merged = (await agent.post(`/api/people/${keep.id}/merge`, { from: from.id })).json()
    expect((await agent.patch(`/api/people/${keep.id}`, { phone: '0918999888' })).statusCode).toBe(200)
    const res = await agent.post(`/api/people/merges/${merged.auditId}/undo`)
    expect(res.statusCode).toBe(409)
    expect(res.json().error.code).toBe('MERGE_UNDO_UNSAFE')
    expect(res.json().error.message).toContain('số điện thoại')
    // Nothing moved: the merge stands.
    expect((await agent.get(`/api/people/${from.id}`)).statusCode).toBe(404)
    expect((await probesOf(from.id)).length).toBe(0)
  })

  it('refuses an undo whose kept record was merged away since', async () => {
    const { agent, keep, from } = await pair()
    const first = (await agent.post(`/api/people/${keep.id}/merge`, { from: from.id })).json()
    const third = (await agent.post('/api/people', { fullName: 'Phạm Thị Lan', birthYear: 1975, unitCode: RG, confirmedNew: true })).json()
    expect((await agent.post(`/api/people/${third.id}/merge`, { from: keep.id })).statusCode).toBe(200)
    const res = await agent.post(`/api/people/merges/${first.auditId}/undo`)
    expect(res.statusCode).toBe(409)
    expect(res.json().error.message).toMatch(/hoàn tác lần gộp sau trước/)
  })
})

describe('name search', () => {
  it('finds a name fragment typed without diacritics or case', async () => {
    const rg = await t.userAgent('tracer', RG)
    const p = (await rg.post('/api/people', { fullName: 'Đoàn Thị Ngọc Huyền', unitCode: RG })).json()
    for (const q of ['ngoc huyen', 'DOAN THI', 'oc huy', 'Ngọc Huyền']) {
      expect((await rg.get(`/api/people?q=${encodeURIComponent(q)}`)).json().people.map((x: { id: number }) => x.id), q).toContain(p.id)
    }
    expect((await rg.get('/api/people?q=%25')).json().people.map((x: { id: number }) => x.id)).not.toContain(p.id)
  })

  it('lists matches in dictionary order, page by page, only inside the caller’s area', async () => {
    const province = await t.userAgent('tracer', '91')
    const names = ['Ông Văn Zét', 'Âu Thị Zét', 'An Văn Zét', 'Ân Văn Zét', 'Ăn Thị Zét']
    for (const fullName of names) await province.post('/api/people', { fullName, unitCode: RG, confirmedNew: true })
    await province.post('/api/people', { fullName: 'An Văn Zét', unitCode: PQ, confirmedNew: true })
    const page = async (agent: typeof province, offset: number) =>
      (await agent.get(`/api/people?q=zet&limit=2&offset=${offset}`)).json().people.map((p: { fullName: string; unitCode: string }) => `${p.fullName}/${p.unitCode}`)
    const all = [...(await page(province, 0)), ...(await page(province, 2)), ...(await page(province, 4)), ...(await page(province, 6))]
    expect(all).toEqual(['An Văn Zét/30742', 'An Văn Zét/31078', 'Ăn Thị Zét/30742', 'Ân Văn Zét/30742', 'Âu Thị Zét/30742', 'Ông Văn Zét/30742'])
    const rg = await t.userAgent('tracer', RG)
    expect([...(await page(rg, 0)), ...(await page(rg, 2)), ...(await page(rg, 4))]).toEqual(all.filter((n) => n.endsWith(RG)))
  })

  it('reads on past the first names when their bearers do not fill the page, in the same order as a plain sort (a name’s bearers by place)', async () => {
    const province = await t.userAgent('tracer', '91')
    const families = ['Bùi', 'Cao', 'Đinh', 'Hồ', 'Lâm', 'Mai', 'Phan', 'Tạ', 'Trịnh', 'Vũ']
    const middles = ['Văn', 'Thị', 'Minh', 'Ngọc']
    const ids = new Map<string, number>()
    for (const [i, family] of families.entries()) {
      for (const [j, middle] of middles.entries()) {
        const r = await province.post('/api/people', { fullName: `${family} ${middle} Quýt`, unitCode: (i + j) % 3 === 0 ? PQ : RG, confirmedNew: true })
        ids.set(`${family} ${middle}`, r.json().id)
      }
    }
    // A second Bùi Văn Quýt, entered later in phường Rạch Giá: listed before the one of Phú Quốc.
    const second = (await province.post('/api/people', { fullName: 'Bùi Văn Quýt', unitCode: RG, confirmedNew: true })).json().id
    const plain = async (path: string) =>
      (
        await sql<{ id: number }>`SELECT id FROM people WHERE name_fold LIKE '%quyt%' AND unit_path LIKE ${`${path}%`} ORDER BY name_sort, full_name, unit_path COLLATE "C", id`.execute(t.database.db)
      ).rows.map((r) => Number(r.id))
    const rg = await t.userAgent('tracer', RG)
    for (const [agent, path] of [[province, '/2025:91/'], [rg, (await t.database.db.selectFrom('units').select('path').where('code', '=', RG).executeTakeFirstOrThrow()).path]] as const) {
      const all = await plain(path)
      expect(all.length).toBeGreaterThan(20)
      if (agent === province) expect(all.indexOf(second)).toBe(all.indexOf(ids.get('Bùi Văn')!) - 1)
      for (const [offset, limit] of [[0, 30], [14, 10], [all.length - 3, 10]] as const) {
        const got = (await agent.get(`/api/people?q=quyt&limit=${limit}&offset=${offset}`)).json().people.map((x: { id: number }) => x.id)
        expect(got, `${path} ${offset}`).toEqual(all.slice(offset, offset + limit))
      }
    }
  })

  it('is served by the trigram index on the dictionary of folded names', async () => {
    expect(await nameIndexPresent(t.database.db)).toBe(true)
    const plan = await t.database.db.transaction().execute(async (tx) => {
      await sql`SET LOCAL enable_seqscan = off`.execute(tx)
      return (await sql<{ 'QUERY PLAN': string }>`EXPLAIN SELECT full_name FROM person_names WHERE name_fold LIKE '%huyen%'`.execute(tx)).rows
        .map((r) => r['QUERY PLAN'])
        .join('\n')
    })
    expect(plan).toContain('person_names_trgm')
  })
})
