import { readFile } from 'node:fs/promises'
import mammoth from 'mammoth'
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { apiGet, launchBrowser, login, logout, newContext, vnDay, vnFormat } from './helpers.ts'
import { E2EServer } from './server.ts'

const SYMBOL = '118-CV/TU'

const addDays = (iso: string, days: number) => new Date(Date.parse(`${iso}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10)

/**
 * A Party công văn as the Office receives it. Task 1 names its lead by a body the registry does
 * not know ("Trung tâm Y tế dự phòng tỉnh", merged long ago); the reviewer assigns it to Sở Y tế.
 */
function documentText(issued: string, deadline: string): string {
  const [y, m, d] = issued.split('-').map(Number)
  return [
    'TỈNH ỦY AN GIANG',
    '*',
    `Số ${SYMBOL}`,
    'V/v tăng cường phòng, chống dịch sốt xuất huyết trên địa bàn tỉnh',
    '',
    'ĐẢNG CỘNG SẢN VIỆT NAM',
    `An Giang, ngày ${d} tháng ${m} năm ${y}`,
    '',
    'Kính gửi:',
    '- Sở Y tế,',
    '- Công an tỉnh.',
    '',
    'Trước diễn biến phức tạp của dịch sốt xuất huyết tại một số xã, phường, Thường trực Tỉnh ủy yêu cầu các cơ quan thực hiện tốt các nội dung sau:',
    '',
    `1. Trung tâm Y tế dự phòng tỉnh chủ trì, phối hợp với Công an tỉnh tổ chức giám sát chặt chẽ các ổ dịch, xử lý triệt để các điểm nguy cơ; hoàn thành trước ngày ${vnFormat(deadline)}.`,
    '',
    '2. Công an tỉnh bảo đảm an ninh trật tự tại các khu vực phun hóa chất diệt muỗi; báo cáo hằng tuần.',
    '',
    '3. Sở Y tế chủ trì, phối hợp với Ủy ban MTTQ Việt Nam tỉnh tổ chức chiến dịch diệt lăng quăng, vận động nhân dân vệ sinh môi trường.',
    '',
    'Nơi nhận:',
    '- Như trên,',
    '- Lưu Văn phòng Tỉnh ủy.',
    '',
    'T/M BAN THƯỜNG VỤ',
    'PHÓ BÍ THƯ',
    '',
    'Nguyễn Văn An',
  ].join('\n')
}

const mark = (page: Page) => page.getByTestId('source-pane').locator('mark').textContent()

describe('directives', () => {
  // This journey moves the server's clock, so it has a server of its own.
  let server: E2EServer
  let browser: Browser
  beforeAll(async () => {
    server = await E2EServer.create()
    await server.start()
    await server.waitForJobs('demo.seed')
    browser = await launchBrowser()
  })
  afterAll(async () => {
    await browser?.close()
    await server?.dispose()
  })

  it('shows a pasted markdown document without its marks, still marking what each field was read from', async () => {
    const issued = vnDay()
    const markdown = documentText(issued, addDays(issued, 4))
      .replace('TỈNH ỦY AN GIANG', '# TỈNH ỦY AN GIANG')
      .replace(`Số ${SYMBOL}`, `**Số ${SYMBOL}**`)
      .replace('tổ chức giám sát chặt chẽ', 'tổ chức giám sát *chặt chẽ*')
      .replace('T/M BAN THƯỜNG VỤ', '**T/M BAN THƯỜNG VỤ**')
    const context = await newContext(browser, 1280, 900, server.baseUrl)
    const page = await context.newPage()
    await login(page, 'vanphong')
    await page.goto('/directives/import')
    await page.getByLabel('Nội dung văn bản').fill(markdown)
    await page.getByRole('button', { name: 'Đọc văn bản' }).click()
    const symbol = page.getByLabel('Số, ký hiệu')
    await symbol.waitFor()
    expect(await symbol.inputValue()).toBe(SYMBOL)

    const pane = page.getByTestId('source-pane')
    const shown = (await pane.textContent()) ?? ''
    expect(shown).not.toContain('**')
    expect(shown).not.toContain('# ')
    expect(shown).toContain('tổ chức giám sát chặt chẽ')
    expect(await pane.locator('strong').allTextContents()).toEqual(expect.arrayContaining([`Số ${SYMBOL}`, 'T/M BAN THƯỜNG VỤ']))
    expect(await pane.locator('em').allTextContents()).toContain('chặt chẽ')
    expect(await pane.locator('.source-heading').allTextContents()).toContain('TỈNH ỦY AN GIANG')
    await symbol.focus()
    await expect.poll(() => mark(page)).toBe(SYMBOL)

    // Task 1's lead is not in the registry yet: the save button says so.
    const save = page.getByRole('button', { name: 'Xác nhận và lưu' })
    const hintId = await save.getAttribute('aria-describedby')
    expect(hintId).toBeTruthy()
    expect(await page.locator(`[id="${hintId}"]`).textContent()).toBe('Còn thiếu: Cơ quan chủ trì nhiệm vụ 1.')
    await context.close()
  })

  it('imports a công văn, takes a progress report and shows the task late once its deadline has passed', async () => {
    const issued = vnDay()
    const deadline = addDays(issued, 4)

    // The Office pastes the document and reviews what was read.
    const office = await newContext(browser, 1280, 900, server.baseUrl)
    let page = await office.newPage()
    await login(page, 'vanphong')
    await page.getByRole('navigation', { name: 'Chức năng' }).getByRole('link', { name: 'Chỉ đạo điều hành' }).click()
    await page.getByRole('link', { name: 'Nhập văn bản' }).first().click()
    await page.getByLabel('Nội dung văn bản').fill(documentText(issued, deadline))
    await page.getByRole('button', { name: 'Đọc văn bản' }).click()
    const symbol = page.getByLabel('Số, ký hiệu')
    await symbol.waitFor()
    expect(await symbol.inputValue()).toBe(SYMBOL)
    expect(await page.getByLabel('Ngày ban hành').inputValue()).toBe(vnFormat(issued))
    await expect.poll(() => page.getByRole('group', { name: 'Cơ quan ban hành' }).textContent()).toContain('Đã chọn: Tỉnh ủy An Giang')

    await symbol.focus()
    await expect.poll(() => mark(page)).toBe(SYMBOL)
    const [y, m, d] = issued.split('-').map(Number)
    await page.getByLabel('Ngày ban hành').hover()
    await expect.poll(() => mark(page)).toBe(`ngày ${d} tháng ${m} năm ${y}`)

    // Task 1's lead is not in the registry: the server refuses to save it half-assigned.
    const task1 = page.getByTestId('task-1')
    expect(await task1.textContent()).toContain('Trung tâm Y tế dự phòng tỉnh')
    expect(await task1.getByLabel('Thời hạn').inputValue()).toBe(vnFormat(deadline))
    await page.getByRole('button', { name: 'Xác nhận và lưu' }).click()
    await expect.poll(() => task1.getByRole('alert').textContent()).toContain('chưa có cơ quan chủ trì')
    expect(page.url()).toMatch(/\/directives\/import$/)

    await task1.getByRole('button', { name: 'Chọn cơ quan cho “Trung tâm Y tế dự phòng tỉnh”' }).click()
    await task1.getByLabel('Tìm cơ quan trong danh mục').fill('Sở Y tế')
    await task1.getByRole('button', { name: /^Sở Y tế tỉnh An Giang/ }).click()
    await expect.poll(() => task1.getByRole('group', { name: 'Cơ quan chủ trì' }).textContent()).toContain('Sở Y tế tỉnh An Giang')
    expect(await task1.getByRole('alert').count()).toBe(0)
    await page.getByRole('button', { name: 'Xác nhận và lưu' }).click()
    await page.waitForURL(/\/directives\/\d+$/)
    const directivePath = new URL(page.url()).pathname
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toContain(SYMBOL)
    const lead = page.getByRole('listitem', { name: 'Nhiệm vụ 1', exact: true }).getByRole('listitem', { name: 'Sở Y tế tỉnh An Giang — chủ trì' })
    expect(await lead.textContent()).toContain('Trung tâm Y tế dự phòng tỉnh')
    await logout(page)

    // Sở Y tế is told of its new task, opens it from the bell and reports 40%.
    await login(page, 'soyte')
    const bell = page.getByRole('button', { name: /^Thông báo/ })
    await expect.poll(() => bell.textContent()).toMatch(/\d+ chưa đọc/)
    await bell.click()
    await page.getByRole('region', { name: 'Thông báo' }).getByRole('link', { name: new RegExp(SYMBOL) }).first().click()
    await page.waitForURL((url) => url.pathname === directivePath)
    const task = page.getByRole('listitem', { name: 'Nhiệm vụ 1', exact: true })
    const mine = task.getByRole('listitem', { name: 'Sở Y tế tỉnh An Giang — chủ trì' })
    // Another body's assignment is not Sở Y tế's to report on.
    const police = task.getByRole('listitem', { name: 'Công an tỉnh An Giang — phối hợp' })
    await police.waitFor()
    expect(await police.getByRole('button', { name: 'Báo cáo tiến độ', exact: true }).count()).toBe(0)
    await mine.getByRole('button', { name: 'Báo cáo tiến độ', exact: true }).click()
    await mine.getByLabel('Nội dung báo cáo').fill('Đã giám sát 12 ổ dịch, xử lý 30 điểm nguy cơ; đang tiếp tục tại các xã biên giới.')
    await mine.getByLabel('Tình trạng').selectOption('in_progress')
    await mine.getByLabel('Tiến độ (%)').fill('40')
    await mine.getByRole('button', { name: 'Gửi báo cáo' }).click()
    await expect.poll(() => mine.getByRole('list', { name: 'Các lần báo cáo' }).textContent()).toContain('40% · Đang thực hiện')
    expect(await mine.textContent()).toContain('Chờ xem xét')
    await expect.poll(() => mine.getByRole('progressbar').getAttribute('aria-valuenow')).toBe('40')
    await office.close()

    // Three days after the deadline the start-up sweep finds the task late.
    const sweeps = (await server.jobs(await server.adminCookie())).filter((j) => j.kind === 'directives.sweep' && j.status === 'done').length
    await server.restart(`${addDays(deadline, 3)}T09:00:00+07:00`)
    await server.waitForJobs('directives.sweep', sweeps + 1)

    const later = await newContext(browser, 1280, 900, server.baseUrl)
    page = await later.newPage()
    await login(page, 'vanphong')
    await page.goto('/directives')
    const overdue = page.getByTestId('overdue-list').locator('tbody tr', { hasText: SYMBOL }).filter({ hasText: 'Sở Y tế tỉnh An Giang' })
    await overdue.waitFor()
    const orgHref = await overdue.getByRole('link', { name: 'Sở Y tế tỉnh An Giang' }).getAttribute('href')
    const orgId = Number(/\/directives\/orgs\/(\d+)$/.exec(orgHref ?? '')?.[1])
    const org = await apiGet<{ headName: string; headPosition: string }>(later, `/api/orgs/${orgId}`)
    const row = (await overdue.textContent()) ?? ''
    expect(row).toContain('Nhiệm vụ 1')
    expect(row).toContain(org.headName)
    expect(row).toContain(org.headPosition)
    expect(row).toContain(vnFormat(deadline))
    expect((await overdue.locator('td').last().textContent())?.trim()).toBe('3')

    const cell = page.getByTestId('directive-matrix').locator('tbody tr', { hasText: SYMBOL }).locator(`td[data-org="${orgId}"]`)
    expect(await cell.getAttribute('data-status')).toBe('late')
    expect(await cell.textContent()).toContain('TH')
    expect(await cell.getAttribute('title')).toContain('Trễ hạn')

    await page.getByRole('button', { name: /^Thông báo/ }).click()
    await expect.poll(() => page.getByRole('region', { name: 'Thông báo' }).textContent()).toContain(`Trễ hạn: ${SYMBOL}`)
    await page.keyboard.press('Escape')

    // The report is made in the background with a progress bar, then offered for download.
    await page.getByRole('button', { name: 'Lập báo cáo tổng hợp (.docx)' }).click()
    const ready = page.getByRole('link', { name: /^Tải về bao-cao-tinh-hinh-thuc-hien-.*\.docx/ })
    await ready.waitFor({ timeout: 60_000 })
    const [download] = await Promise.all([page.waitForEvent('download'), ready.click()])
    expect(download.suggestedFilename()).toMatch(/\.docx$/)
    const file = await download.path()
    const { value } = await mammoth.extractRawText({ buffer: await readFile(file) })
    expect(value).toContain('BÁO CÁO')
    expect(value).toContain(SYMBOL)
    await later.close()
  }, 180_000)
})
