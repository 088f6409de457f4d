import { readFile } from 'node:fs/promises'
import type { Page } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import { apiGet, browserForFile, login, newContext, vnDay, vnFormat } from './helpers.ts'

/** A name no demo resident bears, so no likely duplicate interrupts unless the journey asks for one. */
const tag = Date.now().toString(36).slice(-5).toUpperCase()
const name = (who: string) => `${who} Thử ${tag}`

/** The person's surveillance record opened from a link with their name. */
async function openPerson(page: Page, fullName: string): Promise<void> {
  await page.getByRole('link', { name: fullName, exact: true }).first().click()
  await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toContain(fullName)
}

const degreeText = (page: Page) => page.getByTestId('person-degree').textContent()

/** Adds a new person exposed (today) to the person whose record is open; answers the status line. */
async function addContact(page: Page, fullName: string, birthYear: string): Promise<string> {
  const form = page.getByRole('form', { name: 'Thêm người tiếp xúc' })
  if (!(await form.isVisible())) await page.getByRole('button', { name: 'Thêm người tiếp xúc' }).click()
  await form.getByLabel('Người mới').check()
  await form.getByLabel('Họ và tên').fill(fullName)
  await form.getByLabel('Năm sinh', { exact: true }).fill(birthYear)
  await form.getByRole('button', { name: 'Lưu tiếp xúc' }).click()
  await expect.poll(() => form.getByRole('status').textContent()).toContain(fullName)
  return (await form.getByRole('status').textContent()) ?? ''
}

describe('surveillance', () => {
  const browser = browserForFile()

  it('enters a case, adds three contacts as F1 and their contacts as F2, and moves the degrees when an F1 becomes a case', async () => {
    const context = await newContext(browser())
    const page = await context.newPage()
    await login(page, 'tramyte')
    await page.getByRole('navigation').getByRole('link', { name: 'Ca bệnh' }).click()
    await page.getByRole('link', { name: 'Nhập ca bệnh mới' }).click()

    // The F0, a new person entered with the case.
    const f0 = name('Nguồn')
    await page.getByLabel('Người mới').check()
    await page.getByLabel('Họ và tên').fill(f0)
    await page.getByLabel('Năm sinh', { exact: true }).fill('1979')
    await page.getByLabel('Ngày khởi phát').fill(vnFormat(vnDay(-3)))
    await page.getByLabel('Ngày xác định').fill(vnFormat(vnDay(-1)))
    await page.getByLabel('Phát hiện qua').selectOption('community')
    await page.getByRole('button', { name: 'Lưu ca bệnh' }).click()
    await page.waitForURL(/\/surveillance\/people\/\d+$/)
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toContain(f0)
    expect(await degreeText(page)).toContain('ca bệnh (F0)')
    expect(await page.getByTestId('case-classification').textContent()).toBe('Ca xác định (F0)')
    const f0Url = page.url()

    // Three contacts: each is F1 at once.
    const f1 = [name('Một A'), name('Một B'), name('Một C')]
    for (const [i, who] of f1.entries()) expect(await addContact(page, who, String(1990 + i))).toContain('là F1')
    const exposed = page.getByRole('table', { name: /Những người đã tiếp xúc với người này \(3\)/ })
    await expect.poll(() => exposed.locator('tbody tr').count()).toBe(3)
    expect(await exposed.textContent()).toMatch(/F1.*F1.*F1/s)

    // Their contacts are F2, with the path to the F0 drawn.
    const f2a = name('Hai A')
    await openPerson(page, f1[0]!)
    expect(await degreeText(page)).toContain('F1')
    expect(await addContact(page, f2a, '2001')).toContain('là F2')
    await openPerson(page, f2a)
    expect(await degreeText(page)).toContain('F2')
    expect(await page.getByTestId('degree-path').textContent()).toMatch(new RegExp(`F0.*${f0}.*F1.*${f1[0]}.*F2.*${f2a}`, 's'))

    // The same person entered again from another F1: the likely duplicate is shown and chosen.
    await page.goto(f0Url)
    await openPerson(page, f1[1]!)
    const form = page.getByRole('form', { name: 'Thêm người tiếp xúc' })
    await page.getByRole('button', { name: 'Thêm người tiếp xúc' }).click()
    await form.getByLabel('Người mới').check()
    await form.getByLabel('Họ và tên').fill(f2a.toLowerCase())
    await form.getByLabel('Năm sinh', { exact: true }).fill('2001')
    await form.getByRole('button', { name: 'Lưu tiếp xúc' }).click()
    const candidates = page.getByTestId('duplicate-candidates')
    await expect.poll(() => candidates.textContent()).toContain(f2a)
    await candidates.getByRole('button', { name: 'Đúng là người này — chọn' }).click()
    await expect.poll(() => form.getByRole('status').textContent()).toContain(`${f2a} là F2`)

    // The contacts list has them, by degree.
    const contacts = await apiGet<{ rows: { fullName: string; degree: number }[] }>(context, `/api/surveillance/contacts?limit=200&degree=2`)
    expect(contacts.rows.filter((r) => r.fullName === f2a).map((r) => r.degree)).toEqual([2])

    // The first F1 tests positive and becomes a case in one action: their contact moves from F2 to F1.
    await page.goto(f0Url)
    await openPerson(page, f1[0]!)
    await page.getByRole('button', { name: 'Chuyển thành ca bệnh' }).click()
    await expect.poll(() => degreeText(page)).toContain('ca bệnh (F0)')
    expect(await page.getByTestId('case-classification').textContent()).toBe('Ca xác định (F0)')
    await openPerson(page, f2a)
    expect(await degreeText(page)).toContain('F1')
    expect(await page.getByTestId('degree-path').textContent()).toMatch(new RegExp(`F0.*${f1[0]}.*F1.*${f2a}`, 's'))
    // On the first F0's record the converted contact now shows as F0, the others stay F1.
    await page.goto(f0Url)
    const row = page.getByRole('table', { name: /Những người đã tiếp xúc với người này/ }).getByRole('row', { name: new RegExp(f1[0]!) })
    await expect.poll(() => row.textContent()).toContain('F0')
    await context.close()
  })

  it('imports a test-results file with bad rows and downloads the error report', async () => {
    const context = await newContext(browser())
    const page = await context.newPage()
    await login(page, 'tramyte')
    await page.getByRole('navigation').getByRole('link', { name: 'Nhập dữ liệu' }).click()
    const casesCard = page.getByRole('region', { name: 'Ca bệnh', exact: true })
    const testsCard = page.getByRole('region', { name: 'Kết quả xét nghiệm', exact: true })
    // The templates are offered.
    expect(await testsCard.getByRole('link', { name: 'Tải tệp mẫu (.xlsx)' }).getAttribute('href')).toBe('/api/surveillance/imports/templates/tests')

    // The people the results belong to, by their reference.
    const cases = ['Mã tham chiếu,Họ tên,Năm sinh,Mã xã,Phân loại,Ngày xác định', `XN-${tag}-1,${name('Xét Nghiệm Một')},1985,30742,nghi ngờ,`, `XN-${tag}-2,${name('Xét Nghiệm Hai')},1992,30742,nghi ngờ,`].join('\n')
    await casesCard.getByLabel('Tệp').setInputFiles({ name: 'ca-benh.csv', mimeType: 'text/csv', buffer: Buffer.from(cases) })
    await casesCard.getByRole('button', { name: 'Tải lên và nhập' }).click()
    await expect.poll(() => casesCard.textContent(), { timeout: 60_000 }).toContain('Đã nhập xong: 2 dòng mới')

    const tests = [
      'ref,sample_date,result_date,method,result,lab,ct',
      `XN-${tag}-1,${vnFormat(vnDay(-2))},${vnFormat(vnDay(-1))},pcr,negative,CDC An Giang,`,
      `XN-${tag}-2,${vnFormat(vnDay(-2))},${vnFormat(vnDay(-1))},antigen,positive,Trạm Y tế Rạch Giá,`,
      `XN-${tag}-404,${vnFormat(vnDay(-2))},,pcr,negative,CDC An Giang,`,
      `XN-${tag}-1,31/02/2026,,pcr,negative,CDC An Giang,`,
      `XN-${tag}-2,${vnFormat(vnDay(-2))},,xquang,negative,CDC An Giang,`,
    ].join('\n')
    await testsCard.getByLabel('Tệp').setInputFiles({ name: 'ket-qua.csv', mimeType: 'text/csv', buffer: Buffer.from(tests) })
    await testsCard.getByRole('button', { name: 'Tải lên và nhập' }).click()
    await expect.poll(() => testsCard.getByRole('progressbar').count(), { timeout: 30_000 }).toBe(1)
    const result = testsCard.getByTestId('import-result-tests')
    await expect.poll(() => result.textContent(), { timeout: 60_000 }).toContain('3 dòng bị từ chối')
    expect(await result.textContent()).toContain('2 dòng mới')

    const [download] = await Promise.all([page.waitForEvent('download'), result.getByRole('link', { name: 'Tải tệp lỗi' }).click()])
    const report = (await readFile((await download.path())!)).toString('utf8')
    // One line per refused row, with its line number in the file and the reason.
    const lines = report.replace(/^\uFEFF/, '').trim().split(/\r?\n/)
    expect(lines[0]).toMatch(/^Dòng,.*Lỗi$/)
    expect(lines.slice(1).map((l) => l.split(',')[0])).toEqual(['4', '5', '6'])
    expect(lines[1]).toContain(`XN-${tag}-404`)
    await context.close()
  })

  it("opens a cluster's transmission graph", async () => {
    const context = await newContext(browser())
    const page = await context.newPage()
    await login(page, 'admin')
    await page.getByRole('navigation').getByRole('link', { name: 'Ổ dịch' }).click()
    const table = page.getByTestId('clusters-table')
    await table.getByRole('link', { name: 'Xem sơ đồ lây' }).first().click()
    await page.waitForURL(/\/surveillance\/graph\?clusterId=\d+/)
    const counts = page.getByTestId('graph-counts')
    await expect.poll(() => counts.textContent(), { timeout: 30_000 }).toMatch(/[\d.]+ người, [\d.]+ mối liên hệ/)
    const shown = Number(/([\d.]+) người/.exec((await counts.textContent()) ?? '')![1]!.replace(/\./g, ''))
    expect(shown).toBeGreaterThan(0)
    // Drawn with WebGL: the graph's canvases are on the page, and the graph holds the people counted.
    await page.waitForFunction(() => !!window.__phongdichGraph)
    expect(await page.getByTestId('graph-canvas').locator('canvas').count()).toBeGreaterThan(0)
    expect(await page.evaluate(() => window.__phongdichGraph!.nodes)).toBe(shown)
    await context.close()
  })
})
