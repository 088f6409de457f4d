import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { browserForFile, login, newContext } from './helpers.ts'

describe('file uploads', () => {
  const browser = browserForFile()

  it('sends a population file as multipart, imports it with progress, and refuses an oversized one before sending it', async () => {
    const context = await newContext(browser())
    const page = await context.newPage()
    const uploads: string[] = []
    page.on('request', (r) => {
      if (r.url().includes('/api/uploads')) uploads.push(`${r.method()} ${r.headers()['content-type'] ?? ''}`)
    })
    await login(page, 'admin')
    await page.goto('/admin/jobs')
    const form = page.getByRole('region', { name: 'Nhập dân số (CSV, XLSX)' })
    await form.waitFor()

    // 70 MB is over the 64 MB limit for tables: the browser says so and sends nothing.
    const dir = await mkdtemp(path.join(tmpdir(), 'phongdich-e2e-'))
    const big = path.join(dir, 'qua-lon.csv')
    await writeFile(big, Buffer.alloc(70 * 1024 * 1024, 0x31))
    await form.getByLabel('Tệp').setInputFiles(big)
    await rm(dir, { recursive: true, force: true })
    await expect.poll(() => form.getByRole('alert').textContent()).toContain('vượt giới hạn 64 MB')
    expect(await form.getByRole('button', { name: 'Tải lên và nhập' }).isDisabled()).toBe(true)
    expect(uploads).toEqual([])

    await form.getByLabel('Tệp').setInputFiles({ name: 'dan-so-rach-gia.csv', mimeType: 'text/csv', buffer: Buffer.from('Mã;Dân số;Năm\n30742;123.457;2019\n') })
    expect(await form.getByRole('alert').count()).toBe(0)
    await form.getByRole('button', { name: 'Tải lên và nhập' }).click()
    await expect.poll(() => form.textContent(), { timeout: 30_000 }).toContain('Đã nhập xong.')
    expect(uploads).toHaveLength(1)
    expect(uploads[0]).toMatch(/^POST multipart\/form-data; boundary=/)
    await context.close()
  })
})
