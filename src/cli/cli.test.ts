import { execFile } from 'node:child_process'
import { mkdtemp, readFile, stat, writeFile } from 'node:fs/promises'
import { tmpdir, userInfo } from 'node:os'
import path from 'node:path'
import { promisify } from 'node:util'
import { afterAll, describe, expect, it } from 'vitest'
import { openDatabase } from '../server/platform/db.ts'
import { commandEnv } from '../test/harness.ts'

const run = promisify(execFile)
const bin = path.resolve('bin/phongdich.js')
const first = await commandEnv()
const second = await commandEnv()
const work = await mkdtemp(path.join(tmpdir(), 'phongdich-cli-files-'))
afterAll(async () => {
  await first.cleanup()
  await second.cleanup()
})

const phongdich = (env: Record<string, string>, ...args: string[]) =>
  run(process.execPath, [bin, ...args], { env: { ...process.env, ...env, DEMO: '0' }, timeout: 60_000 })

describe('the phongdich command', () => {
  it('adds a user, imports populations, and round-trips a backup into another database', { timeout: 180_000 }, async () => {
    const added = await phongdich(first.env, 'user', 'add', '--username', 'cli.admin', '--password', 'mat-khau-dai', '--role', 'admin', '--unit', '91', '--name', 'Quản trị CLI')
    expect(added.stdout).toContain('Đã tạo người dùng cli.admin')

    const csv = path.join(work, 'dan-so.csv')
    await writeFile(csv, 'Mã,Dân số,Năm,Nguồn\n30742,210000,2025,Thống kê tỉnh\n')
    const imported = await phongdich(first.env, 'units', 'import-population', csv)
    expect(imported.stdout).toContain('xong')

    const bad = await phongdich(first.env, 'user', 'add', '--username', 'x', '--password', 'ngan', '--role', 'admin', '--unit', '91').catch((e: { code: number; stderr: string }) => e)
    expect('code' in bad && bad.code).toBe(1)
    expect((bad as { stderr: string }).stderr).toContain('Mật khẩu phải có ít nhất 8 ký tự')

    const file = path.join(work, 'sao-luu.jsonl.gz')
    expect((await phongdich(first.env, 'backup', file)).stdout).toMatch(/Đã sao lưu \d+ dòng/)
    expect((await phongdich(second.env, 'restore', file)).stdout).toMatch(/Đã khôi phục \d+ dòng/)
    // The restored database has the user (log in through the API of a server on it) and the population.
    const doc = path.join(work, 'cv.md')
    await writeFile(doc, 'TỈNH ỦY AN GIANG\n\nSố 15-CV/TU\n\nAn Giang, ngày 02 tháng 3 năm 2026\n\n1. Sở Y tế chủ trì.\n\n2. Công an tỉnh phối hợp.\n')
    const parsed = JSON.parse((await phongdich(second.env, 'directive', 'parse', doc, '--json')).stdout)
    expect(parsed).toMatchObject({ symbol: '15-CV/TU', date: '2026-03-02', type: 'CV' })
    expect(parsed.tasks).toHaveLength(2)
    const again = await phongdich(second.env, 'user', 'add', '--username', 'cli.admin', '--password', 'mat-khau-dai', '--role', 'admin', '--unit', '91').catch((e: { stderr: string }) => e)
    expect((again as { stderr: string }).stderr).toContain('đã được dùng')
  })
  it('encrypts a backup with the passphrase from the environment and restores it only with it', { timeout: 180_000 }, async () => {
    const file = path.join(work, 'sao-luu-ma-hoa.bak')
    const passphrase = { PHONGDICH_BACKUP_PASSPHRASE: 'mật khẩu sao lưu dòng lệnh' }
    const none = { PHONGDICH_BACKUP_PASSPHRASE: '' }
    const fails = (p: Promise<unknown>) => p.then(() => ({ stderr: 'no error' }), (e: { stderr: string }) => e)

    expect((await fails(phongdich({ ...first.env, ...none }, 'backup', file, '--encrypt'))).stderr).toContain('PHONGDICH_BACKUP_PASSPHRASE')
    expect((await phongdich({ ...first.env, ...passphrase }, 'backup', file, '--encrypt')).stdout).toMatch(/Đã sao lưu \d+ dòng .*\(đã mã hóa\)/)
    expect((await stat(file)).mode & 0o777).toBe(0o600)
    expect((await readFile(file)).subarray(0, 8).toString('latin1')).toBe('PDICHENC')

    // stdin is not a terminal here, so without the variable the passphrase cannot be asked.
    expect((await fails(phongdich({ ...second.env, ...none }, 'restore', file))).stderr).toContain('PHONGDICH_BACKUP_PASSPHRASE')
    const wrong = { PHONGDICH_BACKUP_PASSPHRASE: 'không phải mật khẩu này' }
    expect((await fails(phongdich({ ...second.env, ...wrong }, 'restore', file))).stderr).toContain('Sai mật khẩu hoặc tệp sao lưu bị sửa đổi')
    expect((await phongdich({ ...second.env, ...passphrase }, 'restore', file)).stdout).toMatch(/Đã khôi phục \d+ dòng/)

    // The restore is in the audit trail, naming the operating-system user who ran it.
    const database = await openDatabase({ databaseUrl: second.env.DATABASE_URL, dataDir: second.env.DATA_DIR || undefined })
    try {
      const entries = await database.db.selectFrom('auditLog').selectAll().where('action', '=', 'restore').orderBy('id').execute()
      expect(entries.at(-1)).toMatchObject({ actorName: `system (${userInfo().username})`, entityId: 'sao-luu-ma-hoa.bak' })
      expect(entries.at(-1)!.after).toMatchObject({ encrypted: true, file: 'sao-luu-ma-hoa.bak' })
    } finally {
      await database.close()
    }
  })
})
