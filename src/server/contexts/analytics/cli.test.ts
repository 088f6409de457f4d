import { execFile } from 'node:child_process'
import { mkdtemp, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { promisify } from 'node:util'
import { describe, expect, it } from 'vitest'
import { estimateR, RT_QUANTILES } from '../../../domain/analytics/rt.ts'
import { rtFromFiles } from './cli.ts'

const run = promisify(execFile)
const bin = path.resolve('bin/phongdich.js')
const work = await mkdtemp(path.join(tmpdir(), 'phongdich-rt-'))
const local = [4, 5, 3, 6, 8, 7, 9, 11, 10, 13, 12, 15, 14, 16]
const imported = local.map((_, i) => (i % 4 === 0 ? 2 : 0))
const csv = path.join(work, 'so-ca.csv')
await writeFile(csv, `date,local,imported\n${local.map((l, i) => `2021-07-${String(i + 1).padStart(2, '0')},${l},${imported[i]}`).join('\n')}\n`)

const phongdich = (...args: string[]) => run(process.execPath, [bin, ...args], { env: { ...process.env, DEMO: '0' }, timeout: 60_000 })
const fails = (p: Promise<unknown>) => p.then(() => ({ code: 0, stderr: 'accepted' }), (e: { code: number; stderr: string }) => e)

describe('phongdich rt', () => {
  it('prints every window as JSON, from a CSV and a parametric serial interval', { timeout: 60_000 }, async () => {
    const { stdout } = await phongdich('rt', '--incidence', csv, '--si-mean', '4.7', '--si-sd', '2.9', '--window', '7', '--json')
    const out = JSON.parse(stdout)
    const expected = estimateR({ local, imported, si: { kind: 'parametric', mean: 4.7, sd: 2.9 }, window: 7 })
    expect(out.windows).toHaveLength(expected.windows.length)
    expect(out.windows[0]).toMatchObject({ tStart: 2, tEnd: 8, dateStart: '2021-07-02', dateEnd: '2021-07-08' })
    expect(Object.keys(out.windows[0].quantiles)).toEqual([...RT_QUANTILES])
    expect(out.windows.at(-1).mean).toBeCloseTo(expected.windows.at(-1)!.mean, 12)
    expect(out.windows.at(-1).quantiles['0.975']).toBeCloseTo(expected.windows.at(-1)!.quantiles['0.975'], 12)
  })

  it('exits non-zero with a Vietnamese message on bad input', { timeout: 60_000 }, async () => {
    const si = path.join(work, 'si.txt')
    await writeFile(si, '0.2\n0.5\n0.3\n')
    const bad = await fails(phongdich('rt', '--incidence', csv, '--si-distr', si, '--json'))
    expect(bad.code).not.toBe(0)
    expect(bad.stderr).toContain('Xác suất của ngày 0 phải bằng 0')
  })

  it('reads a serial interval file, JSON or one value a line, and names each problem', async () => {
    const json = path.join(work, 'si.json')
    await writeFile(json, '[0, 0.25, 0.5, 0.25]')
    const lines = path.join(work, 'si-lines.txt')
    await writeFile(lines, '0\n0.25\n0.5\n0.25\n')
    const a = await rtFromFiles({ incidence: csv, siDistr: json, window: '7' })
    const b = await rtFromFiles({ incidence: csv, siDistr: lines, window: '7' })
    expect(a.windows.map((w) => w.mean)).toEqual(b.windows.map((w) => w.mean))
    expect(a.siMean).toBe(2)
    const message = (p: Promise<unknown>) => p.then(() => 'accepted', (e: Error) => e.message)
    expect(await message(rtFromFiles({ incidence: csv, siMean: '4.7', siSd: '2.9', window: '14' }))).toContain('Cửa sổ 14 ngày dài hơn số liệu')
    expect(await message(rtFromFiles({ incidence: csv, siMean: '4.7' }))).toContain('Cần khoảng nối tiếp')
    expect(await message(rtFromFiles({ incidence: csv, siMean: 'bốn', siSd: '2' }))).toContain('--si-mean phải là một số')
    expect(await message(rtFromFiles({ incidence: path.join(work, 'khong-co.csv'), siMean: '4.7', siSd: '2.9' }))).toContain('không có tệp này')
    const noLocal = path.join(work, 'thieu-cot.csv')
    await writeFile(noLocal, 'date,imported\n2021-07-01,1\n')
    expect(await message(rtFromFiles({ incidence: noLocal, siMean: '4.7', siSd: '2.9' }))).toContain('Thiếu cột local')
    const gap = path.join(work, 'thieu-ngay.csv')
    await writeFile(gap, 'date,local\n2021-07-01,1\n2021-07-03,2\n')
    expect(await message(rtFromFiles({ incidence: gap, siMean: '4.7', siSd: '2.9' }))).toContain('thiếu ngày 2021-07-02')
  })
})
