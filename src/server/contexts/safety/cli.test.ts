import { execFile } from 'node:child_process'
import { mkdtemp, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { promisify } from 'node:util'
import { describe, expect, it } from 'vitest'
import { shippedChecklist } from '../../../domain/safety/national.ts'
import { score } from '../../../domain/safety/score.ts'
import { scoreCommand } from './cli.ts'

const run = promisify(execFile)
const bin = path.resolve('bin/phongdich.js')
const work = await mkdtemp(path.join(tmpdir(), 'phongdich-safety-'))
const hospital = shippedChecklist('byt-benh-vien-an-toan')!
const answers = { ...Object.fromEntries(hospital.items.map((i) => [i.id, 'dat'])), c3: 'khong_dat' }
const file = path.join(work, 'tra-loi.json')
await writeFile(file, JSON.stringify(answers))

describe('phongdich safety score', () => {
  it('prints {points, max, percent, band, critical} as JSON, as the shared function scores', { timeout: 60_000 }, async () => {
    const { stdout } = await run(process.execPath, [bin, 'safety', 'score', '--checklist', 'byt-benh-vien-an-toan', '--answers', file, '--json'], { env: { ...process.env, DEMO: '0' } })
    const out = JSON.parse(stdout)
    const s = score(hospital, answers)
    expect(out).toEqual({ points: s.points, max: s.max, percent: s.percent, band: s.band, critical: s.critical })
    expect(out).toMatchObject({ points: 125, max: 150, band: 'unsafe', critical: [{ item: 'c3' }] })
  })

  it('exits non-zero naming the problem in Vietnamese', { timeout: 60_000 }, async () => {
    const bad = path.join(work, 'sai.json')
    await writeFile(bad, JSON.stringify({ ...answers, c9: 'dat' }))
    const e = await run(process.execPath, [bin, 'safety', 'score', '--checklist', 'byt-benh-vien-an-toan', '--answers', bad, '--json'], { env: { ...process.env, DEMO: '0' } }).then(
      () => ({ code: 0, stderr: '' }),
      (err: { code: number; stderr: string }) => err,
    )
    expect(e.code).not.toBe(0)
    expect(e.stderr).toContain('Tiêu chí "c9" không có trong bộ tiêu chí')
  })

  it('reads {answers} files and checklist files, and names unknown keys and broken JSON', async () => {
    const wrapped = path.join(work, 'boc.json')
    await writeFile(wrapped, JSON.stringify({ answers }))
    expect((await scoreCommand({ checklist: 'byt-benh-vien-an-toan', answers: wrapped })).band).toBe('unsafe')
    const own = path.join(work, 'bo-rieng.json')
    await writeFile(own, JSON.stringify({ ...hospital, banding: { ...hospital.banding, bands: [{ band: 'safe' }] } }))
    expect((await scoreCommand({ checklist: own, answers: file })).band).toBe('safe')
    await expect(scoreCommand({ checklist: 'khong-co', answers: file })).rejects.toThrow(/Không có bộ tiêu chí "khong-co"/)
    const broken = path.join(work, 'hong.json')
    await writeFile(broken, '{"c1": ')
    await expect(scoreCommand({ checklist: 'byt-benh-vien-an-toan', answers: broken })).rejects.toThrow(/không phải JSON hợp lệ/)
  })
})
