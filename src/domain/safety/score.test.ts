import { describe, expect, it } from 'vitest'
import { type Checklist, FACILITY_KINDS, failsOf, maxPoints, parseChecklist } from './checklist.ts'
import { defaultChecklistFor, SHIPPED_CHECKLISTS, shippedChecklist } from './national.ts'
import { type Answers, ScoreError, score } from './score.ts'

const shipped = (key: string) => shippedChecklist(key)!

/** A checklist of one item whose options are exactly `values` points out of `max`. */
function oneItem(base: Checklist, values: number[], max = 100): Checklist {
  return { ...base, items: [{ id: 'x', text: 'Thước đo', options: [...values, max].map((p, i) => ({ id: `o${i}`, label: `${p}`, points: p })) }] }
}
const pick = (c: Checklist, points: number): Answers => ({ x: c.items[0]!.options.find((o) => o.points === points)!.id })

/** Every answer set with the worst (risk) or best (safety) choice, or a fixed option per item. */
const all = (c: Checklist, choose: (options: Checklist['items'][number]['options']) => string): Answers =>
  Object.fromEntries(c.items.map((i) => [i.id, choose(i.options)]))
const highest = (o: { id: string; points: number }[]) => [...o].sort((a, b) => b.points - a.points)[0]!.id
const lowest = (o: { id: string; points: number }[]) => [...o].sort((a, b) => a.points - b.points)[0]!.id

describe('shipped checklists', () => {
  it('are valid data with a source, a confidence mark and a completeness mark', () => {
    expect(SHIPPED_CHECKLISTS.length).toBeGreaterThanOrEqual(6)
    for (const c of SHIPPED_CHECKLISTS) {
      expect(parseChecklist(c).ok, c.key).toBe(true)
      expect(c.source.document.length, c.key).toBeGreaterThan(10)
      expect(['verified', 'secondary', 'unverified']).toContain(c.source.confidence)
      if (c.completeness !== 'complete') expect(c.items.some((i) => i.confidence === 'unverified'), c.key).toBe(true)
    }
  })

  it('give every facility kind a default checklist', () => {
    for (const kind of FACILITY_KINDS) expect(defaultChecklistFor(kind), kind).toBeDefined()
  })

  it('keep the sources’ maxima: 2194 300 points in 15 criteria, hospitals 150, schools 15 and 16 criteria, 1203 100 points', () => {
    expect(shipped('qd2194-noi-lam-viec').items).toHaveLength(15)
    expect(maxPoints(shipped('qd2194-noi-lam-viec'))).toBe(300)
    expect(maxPoints(shipped('byt-benh-vien-an-toan'))).toBe(150)
    expect(maxPoints(shipped('hcm-1203-noi-lam-viec'))).toBe(100)
    expect(shipped('bgddt-truong-hoc-2020').items).toHaveLength(15)
    expect(shipped('hanoi-truong-hoc-2021').items).toHaveLength(16)
    expect(shipped('hanoi-truong-hoc-2021').items.filter((i) => i.critical).map((i) => i.id)).toEqual(['t4', 't5', 't8', 't11', 't12'])
  })
})

describe('the workplace family (2194): points as a share of the maximum', () => {
  const c = oneItem(shipped('qd2194-noi-lam-viec'), [0, 15, 15.5, 16, 30, 31, 50, 51, 80, 81])
  const bandAt = (p: number) => score(c, pick(c, p)).band
  it.each([
    [0, 'very_low'],
    [15, 'very_low'],
    [15.5, 'low'],
    [16, 'low'],
    [30, 'low'],
    [31, 'medium'],
    [50, 'medium'],
    [51, 'high'],
    [80, 'high'],
    [81, 'very_high'],
    [100, 'very_high'],
  ])('%s%% is %s', (p, band) => expect(bandAt(p)).toBe(band))

  it('scores the real checklist: the lowest answers are very low risk, the highest very high', () => {
    const real = shipped('qd2194-noi-lam-viec')
    const best = score(real, all(real, lowest))
    expect(best).toMatchObject({ points: 1, max: 300, percent: 0.3, band: 'very_low', critical: [], missing: [] })
    expect(score(real, all(real, highest))).toMatchObject({ points: 300, percent: 100, band: 'very_high' })
  })

  it('reads 45 of 300 points as 15% (very low) and 48 as 16% (low)', () => {
    const real = shipped('qd2194-noi-lam-viec')
    const base = all(real, lowest)
    // cs1 from 1 to 10 points (+9), cs3 F2 (+5), cs4 and cs5 half (+10 each), cs6 half (+10): 1+9+5+30 = 45.
    const at45 = { ...base, cs1: 'tu_5000', cs3: 'f2', cs4: 'mot_phan', cs5: 'mot_phan', cs6: 'mot_phan' }
    expect(score(real, at45)).toMatchObject({ points: 45, percent: 15, band: 'very_low' })
    // cs1 8 points, cs2 under 1 m² (10) and three halves (30): 48 = 16%.
    const at48 = { ...base, cs1: '1000_4999', cs2: 'duoi_1m2', cs4: 'mot_phan', cs5: 'mot_phan', cs6: 'mot_phan' }
    expect(score(real, at48)).toMatchObject({ points: 48, percent: 16, band: 'low' })
  })
})

describe('HCMC 1203: a medium result needs no component at 7 or more', () => {
  const c = shipped('hcm-1203-noi-lam-viec')
  it('moves a medium share up to high when a component fails', () => {
    const base = all(c, lowest) // 10 points
    const medium = { ...base, tp5: 'mot_phan', tp6: 'mot_phan', tp7: 'mot_phan', tp8: 'mot_phan', tp9: 'mot_phan', tp10: 'mot_phan' } // 10 + 6×4 = 34
    expect(score(c, medium)).toMatchObject({ points: 34, band: 'medium', critical: [] })
    const failing = { ...base, tp3: 'thieu', tp5: 'mot_phan', tp6: 'mot_phan', tp7: 'mot_phan' } // 10 + 9 + 12 = 31
    const r = score(c, failing)
    expect(r).toMatchObject({ points: 31, band: 'high' })
    expect(r.critical.map((f) => f.item)).toEqual(['tp3'])
  })
  it('keeps 10% very low and under 30% low', () => {
    expect(score(c, all(c, lowest)).band).toBe('very_low')
    expect(score(c, { ...all(c, lowest), tp1: '1000_4999' }).band).toBe('low') // 16%, a failing component does not matter below medium
  })
})

describe('the hospital set: any indicator at zero means unsafe', () => {
  const c = shipped('byt-benh-vien-an-toan')
  const full = all(c, highest)
  it('is safe above 75% with no zero, low safety from 50% to 75%, unsafe below 50%', () => {
    expect(score(c, full)).toMatchObject({ points: 150, percent: 100, band: 'safe', critical: [] })
    // c2, c3 half (−12, −12 = 126 → 84%): safe. Then c4, c5 half too (−20 → 106 → 70.7%): low safety.
    expect(score(c, { ...full, c2: 'mot_phan', c3: 'mot_phan' })).toMatchObject({ points: 126, band: 'safe' })
    expect(score(c, { ...full, c2: 'mot_phan', c3: 'mot_phan', c4: 'mot_phan', c5: 'mot_phan' })).toMatchObject({ points: 106, band: 'low_safety' })
    expect(score(c, all(c, (o) => o.find((x) => x.id === 'mot_phan')!.id))).toMatchObject({ band: 'low_safety' })
  })
  it('is unsafe with one indicator at zero even at 90%', () => {
    const r = score(c, { ...full, c1: 'khong_dat' })
    expect(r.percent).toBe(90)
    expect(r.band).toBe('unsafe')
    expect(r.critical).toEqual([{ item: 'c1', text: c.items[0]!.text, option: 'Không đạt' }])
  })
  it('puts exactly 75% in low safety (safe is above 75%) and exactly 50% in low safety', () => {
    const g = oneItem(c, [50, 75, 76])
    const edge = (p: number) => score({ ...g, items: g.items.map((i) => ({ ...i, critical: false })) }, pick(g, p)).band
    expect(edge(75)).toBe('low_safety')
    expect(edge(76)).toBe('safe')
    expect(edge(50)).toBe('low_safety')
    expect(score({ ...oneItem(c, [49]), items: oneItem(c, [49]).items.map((i) => ({ ...i, critical: false })) }, { x: 'o0' }).band).toBe('unsafe')
  })
})

describe('school sets: passes counted, mandatory items', () => {
  it('MoET 2020: 7 passes or fewer is unsafe, 8 is safe', () => {
    const c = shipped('bgddt-truong-hoc-2020')
    const passes = (n: number) => Object.fromEntries(c.items.map((i, k) => [i.id, k < n ? 'dat' : 'khong_dat']))
    expect(score(c, passes(7))).toMatchObject({ points: 7, band: 'unsafe' })
    expect(score(c, passes(8))).toMatchObject({ points: 8, band: 'safe' })
  })
  it('Hà Nội 2021: 12 passes with every mandatory criterion is safe; missing one drops to unsafe', () => {
    const c = shipped('hanoi-truong-hoc-2021')
    const pass = (ids: string[]) => Object.fromEntries(c.items.map((i) => [i.id, ids.includes(i.id) ? 'dat' : 'khong_dat']))
    const twelve = ['t1', 't2', 't3', 't4', 't5', 't6', 't7', 't8', 't9', 't10', 't11', 't12']
    expect(score(c, pass(twelve))).toMatchObject({ points: 12, band: 'safe', critical: [] })
    expect(score(c, pass(['t4', 't5', 't8', 't11', 't12', 't1', 't2', 't3']))).toMatchObject({ points: 8, band: 'fair' })
    expect(score(c, pass(['t4', 't5', 't8', 't11', 't12', 't1', 't2']))).toMatchObject({ points: 7, band: 'unsafe' })
    const without4 = score(c, pass([...twelve.filter((x) => x !== 't4'), 't13']))
    expect(without4).toMatchObject({ points: 12, band: 'unsafe' })
    expect(without4.critical.map((f) => f.item)).toEqual(['t4'])
  })
  it('HCMC 2021: 8 passes safe, 6 fair, 5 unsafe', () => {
    const c = shipped('hcm-truong-hoc-2021')
    const passes = (n: number) => Object.fromEntries(c.items.map((i, k) => [i.id, k < n ? 'dat' : 'khong_dat']))
    expect(score(c, passes(8)).band).toBe('safe')
    expect(score(c, passes(7)).band).toBe('fair')
    expect(score(c, passes(6)).band).toBe('fair')
    expect(score(c, passes(5)).band).toBe('unsafe')
  })
})

describe('weights', () => {
  it('multiply an item’s points and its maximum', () => {
    const base = shipped('qd2225-cho-sieu-thi')
    const c: Checklist = { ...base, items: [{ ...base.items[0]!, weight: 3 }, base.items[1]!] }
    expect(maxPoints(c)).toBe(40)
    expect(score(c, { m1: 'khong', m2: 'tot' })).toMatchObject({ points: 30, max: 40, percent: 75, band: 'high' })
    expect(score(c, { m1: 'tot', m2: 'khong' })).toMatchObject({ points: 10, max: 40, percent: 25, band: 'low' })
  })
})

describe('critical options', () => {
  it('are the marked options, else zero on a safety checklist and the maximum on a risk checklist', () => {
    const h = shipped('byt-benh-vien-an-toan')
    expect([...failsOf(h.items[0]!, 'safety')]).toEqual(['khong_dat'])
    const r = shipped('hcm-1203-noi-lam-viec')
    expect([...failsOf(r.items[0]!, 'risk')]).toEqual(['1000_4999', 'tu_5000'])
    expect([...failsOf({ ...r.items[2]!, options: r.items[2]!.options.map(({ fails: _, ...o }) => o) }, 'risk')]).toEqual(['thieu'])
    expect(failsOf(shipped('qd2194-noi-lam-viec').items[0]!, 'risk').size).toBe(0)
  })
})

describe('bad answers', () => {
  const c = shipped('bgddt-truong-hoc-2020')
  const full = all(c, highest)
  const problems = (a: unknown) => {
    try {
      score(c, a as Answers)
    } catch (e) {
      expect(e).toBeInstanceOf(ScoreError)
      return (e as ScoreError).problems
    }
    throw new Error('scored')
  }
  it('names an unknown item', () => expect(problems({ ...full, t99: 'dat' })).toEqual([expect.stringMatching(/Tiêu chí "t99" không có trong bộ tiêu chí/)]))
  it('names an option that is not offered and the allowed ones', () =>
    expect(problems({ ...full, t1: 'tot' })).toEqual([expect.stringMatching(/Tiêu chí "t1": lựa chọn "tot" không được phép; chỉ chọn một trong "dat" \(Đạt\), "khong_dat"/)]))
  it('refuses a number where an option id is expected', () => expect(problems({ ...full, t1: 1 })[0]).toMatch(/lựa chọn 1 không được phép/))
  it('names the unanswered items', () => {
    const { t3: _, t7: __, ...partial } = full
    expect(problems(partial)).toEqual(['Chưa trả lời 2 tiêu chí: t3, t7.'])
  })
  it('refuses answers that are not a table', () => expect(problems(['dat'])[0]).toMatch(/bảng/))
  it('scores a form being filled without a band', () => {
    expect(score(c, { t1: 'dat', t2: 'khong_dat' }, { allowMissing: true })).toMatchObject({ points: 1, max: 15, band: null, missing: expect.arrayContaining(['t3', 't15']) })
  })
})

describe('checklist validation', () => {
  it('names duplicate ids, a conditional last band and a non-critical failing option in Vietnamese', () => {
    const base = shipped('bgddt-truong-hoc-2020')
    const bad = {
      ...base,
      items: [base.items[0], { ...base.items[0], options: [{ id: 'a', label: 'A', points: 1, fails: true }, { id: 'a', label: 'B', points: 0 }] }],
      banding: { ...base.banding, bands: [{ band: 'unsafe', max: 7 }] },
    }
    const r = parseChecklist(bad)
    expect(r.ok).toBe(false)
    const text = r.ok ? '' : r.problems.join('\n')
    expect(text).toMatch(/Mã tiêu chí "t1" bị trùng/)
    expect(text).toMatch(/mã lựa chọn "a" bị trùng/)
    expect(text).toMatch(/không phải tiêu chí bắt buộc/)
    expect(text).toMatch(/Mức cuối cùng phải không có điều kiện/)
  })
  it('refuses an unknown band and a negative point', () => {
    const base = shipped('qd2225-cho-sieu-thi')
    const r = parseChecklist({ ...base, banding: { ...base.banding, bands: [{ band: 'green' }] }, items: [{ ...base.items[0], options: [{ id: 'a', label: 'A', points: -1 }, { id: 'b', label: 'B', points: 1 }] }] })
    expect(r.ok ? '' : r.problems.join('\n')).toMatch(/Mức kết quả phải là một trong[\s\S]*Điểm không được âm/)
  })
})
