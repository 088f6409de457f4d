import type { Page } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import type { BoardView } from '../src/web/features/board/api.ts'
import { apiGet, browserForFile, login, newContext, pickUnit, vnFormat } from './helpers.ts'

const n = (x: number) => new Intl.NumberFormat('vi-VN').format(x)

/** The non-blank pixels drawn on a canvas. */
const inked = (page: Page, testId: string) =>
  page.getByTestId(testId).evaluate((c: HTMLCanvasElement) => {
    const data = c.getContext('2d')?.getImageData(0, 0, c.width, c.height).data ?? new Uint8ClampedArray()
    let k = 0
    for (let i = 3; i < data.length; i += 4) if (data[i]! > 0) k++
    return k
  })

const figure = (page: Page, tile: string) => page.getByTestId(`board-${tile}`).locator('.board-figure').textContent()

describe('the steering committee’s board', () => {
  const browser = browserForFile()

  it('opens from the home page as the Office, shows the province’s figures, narrows to a commune and follows a tile to its list', async () => {
    const context = await newContext(browser())
    const page = await context.newPage()
    await login(page, 'vanphong')
    await page.getByTestId('home-board').click()
    await page.waitForURL(/\/bang-dieu-hanh/)
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('Bảng điều hành của Ban Chỉ đạo')
    // The menu has it too.
    expect(await page.getByRole('navigation').getByRole('link', { name: 'Bảng điều hành' }).count()).toBe(1)

    const board = await apiGet<BoardView>(context, '/api/board')
    expect(board.unit.code).toBe('91')
    await expect.poll(() => page.getByTestId('board-heading').textContent()).toBe(`${board.unit.name}, số liệu đến ngày ${vnFormat(board.date)}.`)
    expect(await figure(page, 'cases')).toBe(n(board.cases!.today))
    expect(await page.getByTestId('board-cases').textContent()).toContain(`7 ngày qua: ${n(board.cases!.last7Days)} ca`)
    expect(await figure(page, 'directives')).toBe(n(board.directives!.overdue))
    expect(board.directives!.overdue).toBeGreaterThan(0)
    // The Office reads no quarantine, care or entry data: those tiles are absent and named.
    for (const tile of ['quarantine', 'care', 'entry']) expect(await page.getByTestId(`board-${tile}`).count()).toBe(0)
    expect(await page.getByTestId('board-omitted').textContent()).toContain('Không hiển thị: cách ly y tế, giường điều trị, nhập cảnh trái phép.')
    // The trend is drawn, the levels listed for every commune, the map shown.
    await expect.poll(() => inked(page, 'board-trend'), { timeout: 20_000 }).toBeGreaterThan(500)
    expect(await page.getByTestId('board-levels').locator('li').count()).toBe(board.levels!.communes.length)
    await page.waitForFunction(() => (window as unknown as { __phongdichMap?: unknown }).__phongdichMap !== undefined, undefined, { timeout: 30_000 })

    // Narrowed to phường Rạch Giá.
    await pickUnit(page, 'Đơn vị', 'rach gia', /Rạch Giá.*\(30742\)/)
    await page.waitForURL(/unit=30742/)
    const rg = await apiGet<BoardView>(context, '/api/board?unit=30742')
    await expect.poll(() => page.getByTestId('board-heading').textContent()).toContain(rg.unit.name)
    expect(await figure(page, 'cases')).toBe(n(rg.cases!.today))
    expect(await figure(page, 'directives')).toBe(n(rg.directives!.overdue))

    // The overdue tasks' tile opens the directives' dashboard for the commune's bodies.
    await page.getByTestId('board-directives').getByRole('link', { name: 'Theo dõi thực hiện nhiệm vụ' }).click()
    await page.waitForURL(/\/directives\?unit=30742/)
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('Bảng theo dõi thực hiện chỉ đạo')
    await context.close()
  })
})
