import { describe, expect, it } from 'vitest'
import { checkNationalId } from '../../domain/people/cccd.ts'
import { testApp } from '../../test/harness.ts'
import { findDuplicateCandidates } from '../contexts/people/service.ts'
import { seedDemo } from './seed.ts'

const t = await testApp()

describe('demo residents', () => {
  it('carry CCCD numbers that agree with them, foreigners with passports on Phú Quốc, and likely duplicates', { timeout: 180_000 }, async () => {
    await seedDemo({ ctx: t.ctx, progress: async () => {} })
    const people = await t.database.db.selectFrom('people').selectAll().execute()
    expect(people.length).toBeGreaterThan(600)
    const cccd = people.filter((p) => p.nationalId?.length === 12)
    expect(cccd.length).toBeGreaterThan(400)
    for (const p of cccd) expect(checkNationalId(p.nationalId!, { birthYear: p.birthYear, sex: p.sex, currentYear: 2026 }), p.fullName).toEqual([])
    const foreigners = people.filter((p) => p.passportNo)
    expect(new Set(foreigners.map((p) => p.nationality)).size).toBeGreaterThanOrEqual(6)
    expect(foreigners.every((p) => p.unitPath.includes('2025:31078'))).toBe(true)
    expect(people.some((p) => p.tempUnitId) && people.some((p) => p.workplace)).toBe(true)
    const twin = people.find((p) => p.fullName === 'Nguyen Thi Thu Ha')!
    const candidates = await findDuplicateCandidates(t.ctx, { fullName: twin.fullName, birthYear: twin.birthYear, phone: twin.phone, unitCode: '30742' }, twin.id)
    expect(candidates.map((c) => c.fullName)).toContain('Nguyễn Thị Thu Hà')
  })
})
