import { execFile } from 'node:child_process'
import path from 'node:path'
import { promisify } from 'node:util'
import { afterAll, describe, expect, it } from 'vitest'
import { commandEnv } from '../../../test/harness.ts'

const run = promisify(execFile)
const bin = path.resolve('bin/phongdich.js')
const env = await commandEnv()
afterAll(() => env.cleanup())

const phongdich = (...args: string[]) => run(process.execPath, [bin, ...args], { env: { ...process.env, ...env.env, DEMO: '0' }, timeout: 60_000 })
const json = async (...args: string[]) => JSON.parse((await phongdich('quarantine', 'duration', ...args, '--json')).stdout)

describe('phongdich quarantine duration', () => {
  it('answers the rule in force on the start date, from the rule periods', { timeout: 180_000 }, async () => {
    expect(await json('--start', '2021-06-01', '--kind', 'f1')).toEqual({ rule: 'Cách ly tập trung 21 ngày', source: 'Công điện 600/CĐ-BCĐ ngày 05/05/2021', days: 21, monitoringDays: 7 })
    expect(await json('--start', '2022-03-01', '--kind', 'f1', '--vaccinated')).toMatchObject({ days: 5, monitoringDays: 5, source: 'Công văn 762/BYT-DP ngày 21/02/2022' })
    expect(await json('--start', '2022-03-01', '--kind', 'f1')).toMatchObject({ days: 7, monitoringDays: 3 })
    expect(await json('--start', '2022-05-01', '--kind', 'f1')).toMatchObject({ days: 0, monitoringDays: 10 })
    expect(await json('--start', '2020-04-01', '--kind', 'illegal-entry')).toMatchObject({ days: 14, monitoringDays: 14 })
    const text = (await phongdich('quarantine', 'duration', '--start', '2021-12-20', '--kind', 'f1', '--vaccinated')).stdout
    expect(text).toContain('10696/BYT-MT')
    const bad = await phongdich('quarantine', 'duration', '--start', '2021-02-30', '--kind', 'f1').catch((e: { code: number; stderr: string }) => e)
    expect('code' in bad && bad.code).toBe(1)
    expect((bad as { stderr: string }).stderr).toContain('YYYY-MM-DD')
    const kind = await phongdich('quarantine', 'duration', '--start', '2021-06-01', '--kind', 'f2').catch((e: { stderr: string }) => e)
    expect((kind as { stderr: string }).stderr).toContain('illegal-entry')
  })
})
