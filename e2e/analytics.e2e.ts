import { readFile } from 'node:fs/promises'
import mammoth from 'mammoth'
import type { Page } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import { en } from '../src/web/app/i18n/en.ts'
import { vi } from '../src/web/app/i18n/vi.ts'
import { apiGet, browserForFile, login, newContext } from './helpers.ts'

/** A figure as the page writes it: two decimals, Vietnamese separators. */
const r2 = (x: number) => x.toLocaleString('vi-VN', { minimumFractionDigits: 2, maximumFractionDigits: 2 })

/**
 * The English interface's own wording: each message's text between its placeholders, when it is
 * long enough to mean something and the Vietnamese interface does not say the same (R = 1, SpO2…).
 */
const viText = Object.values(vi).join('\n')
const englishPhrases = [
  ...new Set(
    Object.values(en)
      .flatMap((m) => m.split(/\{\w+\}/))
      .map((s) => s.replace(/^[\s.,:;()–-]+|[\s.,:;()–-]+$/g, ''))
      .filter((s) => s.length >= 8 && /[a-z]{3}/i.test(s) && !viText.includes(s)),
  ),
]

/** The non-blank pixels drawn on a canvas. */
const inked = (page: Page, testId: string) =>
  page.getByTestId(testId).evaluate((c: HTMLCanvasElement) => {
    const { width, height } = c
    const data = c.getContext('2d')?.getImageData(0, 0, width, height).data ?? new Uint8ClampedArray()
    let n = 0
    for (let i = 3; i < data.length; i += 4) if (data[i]! > 0) n++
    return n
  })

interface Rt {
  unit: { code: string; name: string } | null
  windows: { dateEnd: string; mean: number; quantiles: Record<string, number> }[]
}
interface Communes {
  communes: { code: string; name: string; cases: number; latest: { mean: number; lower: number; upper: number; localCases: number } | null }[]
}

describe('analytics', () => {
  const browser = browserForFile()

  it('picks a unit and sees its R(t) chart and table with figures, in Vietnamese only', async () => {
    const context = await newContext(browser())
    const page = await context.newPage()
    await login(page, 'bcd')
    await page.getByRole('navigation').getByRole('link', { name: 'Phân tích dịch' }).click()
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('Phân tích dịch')
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('vi')

    // Phường Rạch Giá, found by its name without diacritics.
    const filters = page.getByRole('search', { name: 'Đơn vị và thời gian' })
    await filters.getByLabel('Tìm đơn vị (tên hoặc mã)').fill('rach gia')
    await filters.getByRole('button', { name: /Rạch Giá.*\(30742\)/ }).click()
    await filters.getByRole('button', { name: 'Xem', exact: true }).click()
    await page.waitForURL(/unitCode=30742/)

    // What the server estimates for the unit, to compare with what the page shows.
    const rt = await apiGet<Rt>(context, '/api/analytics/rt?unit=30742&by=confirmed')
    const communes = await apiGet<Communes>(context, '/api/analytics/rt/communes?unit=30742&by=confirmed')
    expect(rt.unit?.name).toBe('Rạch Giá')
    const last = rt.windows.at(-1)
    if (!last) throw new Error('the demo commune has no R(t) estimate')

    const latest = page.getByTestId('rt-latest')
    await expect.poll(() => latest.textContent()).toContain(`R ≈ ${r2(last.mean)}`)
    expect(await latest.textContent()).toContain(`${r2(last.quantiles['0.025']!)} – ${r2(last.quantiles['0.975']!)}`)
    expect(await latest.textContent()).toMatch(/\d{2}\/\d{2}\/\d{4}–\d{2}\/\d{2}\/\d{4}/)

    // The chart is drawn, not an empty canvas.
    const chart = page.getByTestId('rt-chart')
    await chart.waitFor()
    expect(await chart.getAttribute('aria-label')).toBe('Hệ số lây nhiễm R theo thời gian')
    await expect.poll(() => inked(page, 'rt-chart')).toBeGreaterThan(500)

    // The table: the commune, its cases, its R and interval as the server computed them.
    const table = page.getByTestId('communes-rt')
    const row = table.locator('tbody tr', { hasText: 'Rạch Giá' })
    await expect.poll(() => row.count()).toBe(1)
    const c = communes.communes.find((x) => x.code === '30742')
    if (!c?.latest?.localCases) throw new Error('the demo commune has no local cases in the last window')
    const cells = (await row.locator('td').allTextContents()).map((s) => s.trim())
    expect(cells).toEqual(['Rạch Giá', c.cases.toLocaleString('vi-VN'), r2(c.latest.mean), `${r2(c.latest.lower)} – ${r2(c.latest.upper)}`])
    expect(c.cases).toBeGreaterThan(0)

    // No error anywhere, and no English: neither the English interface's wording nor a raw value.
    const main = page.getByRole('main')
    await page.getByTestId('incidence-summary').waitFor()
    expect(await main.getByRole('alert').count()).toBe(0)
    const text = ((await main.textContent()) ?? '').replace(/\s+/g, ' ')
    expect(text).not.toMatch(/\b(NaN|undefined|null|Invalid Date|Error|Loading)\b/)
    expect(englishPhrases.length).toBeGreaterThan(50)
    expect(englishPhrases.filter((p) => text.includes(p))).toEqual([])
    const labels = await main.locator('[aria-label]').evaluateAll((es) => es.map((e) => e.getAttribute('aria-label') ?? ''))
    expect(labels.filter((l) => englishPhrases.some((p) => l.includes(p)))).toEqual([])
    await context.close()
  })

  it('makes today’s situation report in the background, downloads it and reads back the province’s figures', async () => {
    const context = await newContext(browser())
    const page = await context.newPage()
    await login(page, 'bcd')
    await page.goto('/analytics')
    const card = page.getByTestId('daily-report')
    await card.getByRole('button', { name: 'Lập báo cáo (Word)' }).click()
    const ready = card.getByRole('link', { name: /^Tải bao-cao-nhanh-tinh-hinh-dich-.*\.docx/ })
    await ready.waitFor({ timeout: 90_000 })
    const [download] = await Promise.all([page.waitForEvent('download'), ready.click()])
    const { value } = await mammoth.extractRawText({ buffer: await readFile(await download.path()) })
    const today = await apiGet<{ date: string; newCases: { today: number; last7Days: number } }>(context, '/api/surveillance/today')
    const d = today.date.split('-').reverse().join('/')
    expect(value).toContain(`Tình hình dịch COVID-19 ngày ${d}`)
    expect(value).toContain(`Trong ngày ${d} ghi nhận ${today.newCases.today.toLocaleString('vi-VN')} ca mắc mới`)
    expect(value).toContain(`ghi nhận ${today.newCases.last7Days.toLocaleString('vi-VN')} ca; đang điều trị`)
    expect(value).toContain('TIÊM CHỦNG VẮC XIN')
    expect(value).toContain('CẤP ĐỘ DỊCH')
    // The charts and the map, each under its caption.
    expect(value).toContain('Biểu đồ 1. Số ca mắc mới theo ngày xác định và nguồn lây')
    expect(value).toContain('Bản đồ 1. Cấp độ dịch đang áp dụng')
    await context.close()
  }, 180_000)
})
