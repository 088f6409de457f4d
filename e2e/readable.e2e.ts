import type { Page } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import { browserForFile, login, newContext } from './helpers.ts'

/** How far the page scrolls sideways, and the widest elements when it does (for the failure message). */
async function sidewaysOverflow(page: Page): Promise<{ scrollWidth: number; innerWidth: number; widest: string[] }> {
  return page.evaluate(() => {
    const innerWidth = window.innerWidth
    // elements sticking out of the window that no scrolling ancestor clips
    const clipped = (e: Element) => {
      for (let p = e.parentElement; p; p = p.parentElement) if (['auto', 'scroll'].includes(getComputedStyle(p).overflowX)) return true
      return false
    }
    const widest = [...document.querySelectorAll('body *')]
      .map((e) => ({ e, r: e.getBoundingClientRect() }))
      .filter(({ e, r }) => r.right > innerWidth + 1 && (!clipped(e) || ['absolute', 'fixed'].includes(getComputedStyle(e).position)))
      .slice(0, 8)
      .map(({ e, r }) => `${e.tagName.toLowerCase()}.${String((e as HTMLElement).className)} ${getComputedStyle(e).position} right=${Math.round(r.right)} width=${Math.round(r.width)}`)
    return { scrollWidth: document.documentElement.scrollWidth, innerWidth, widest }
  })
}

async function expectNoSidewaysScroll(page: Page) {
  const o = await sidewaysOverflow(page)
  expect(o.scrollWidth, o.widest.join('\n')).toBeLessThanOrEqual(o.innerWidth)
}

describe('pages that fit their window and read in words', () => {
  const browser = browserForFile()

  for (const [width, height] of [
    [1366, 768],
    [390, 844],
  ] as const) {
    it(`the directives dashboard fits a ${width} px window; the matrix scrolls inside its card`, async () => {
      const context = await newContext(browser(), width, height)
      const page = await context.newPage()
      await login(page, 'vanphong')
      await page.goto('/directives')
      await page.getByTestId('directive-matrix').waitFor()
      await expectNoSidewaysScroll(page)
      const wrap = page.locator('.matrix-wrap')
      const scrolls = await wrap.evaluate((e) => getComputedStyle(e).overflowX)
      expect(['auto', 'scroll']).toContain(scrolls)
      // a document's number and symbol is never broken inside it
      const symbols = page.locator('.doc-symbol')
      expect(await symbols.count()).toBeGreaterThan(0)
      expect(await symbols.first().evaluate((e) => getComputedStyle(e).whiteSpace)).toBe('nowrap')
      await context.close()
    })
  }

  it('the compose page fits a phone', async () => {
    const context = await newContext(browser(), 390, 844)
    const page = await context.newPage()
    await login(page, 'vanphong')
    await page.goto('/directives/new')
    await page.locator('.draft-form').waitFor()
    await expectNoSidewaysScroll(page)
    // with a task and a long unbroken text in it
    await page.getByRole('button', { name: 'Thêm nhiệm vụ' }).click()
    await page.locator('.draft-form textarea').last().fill(`Giao ${'Sở_Y_tế_chủ_trì_phối_hợp_'.repeat(8)} thực hiện.`)
    await expectNoSidewaysScroll(page)
    await context.close()
  })

  it('the audit log reads in words: sign-ins by the user, records by kind and name', async () => {
    const context = await newContext(browser())
    const page = await context.newPage()
    await login(page, 'admin')
    await page.goto('/admin/audit')
    const table = page.locator('main table.data-table')
    await table.waitFor()
    const text = (await table.textContent()) ?? ''
    expect(text).toContain('Đăng nhập')
    expect(text).toContain('Quản trị hệ thống (admin)')
    expect(text).not.toContain('Phiên đăng nhập')
    expect(text).not.toMatch(/task_assignments|directive_tasks/)
    const entity = page.getByLabel('Đối tượng')
    for (const option of ['Văn bản chỉ đạo', 'Nhiệm vụ', 'Giao nhiệm vụ', 'Báo cáo tiến độ']) {
      expect(await entity.locator('option', { hasText: option }).count()).toBeGreaterThan(0)
    }
    await context.close()
  })

  it('the jobs screen is offered only to those who can start or manage jobs', async () => {
    const context = await newContext(browser())
    const page = await context.newPage()
    await login(page, 'xem')
    const nav = page.getByRole('navigation', { name: 'Chức năng' })
    await nav.getByRole('link', { name: 'Tổng quan' }).waitFor()
    expect(await nav.getByRole('link', { name: 'Công việc nền' }).count()).toBe(0)
    await context.close()
  })

  it('a waiting save button says what is missing', async () => {
    const context = await newContext(browser())
    const page = await context.newPage()
    await login(page, 'admin')
    await page.goto('/orgs/new')
    const save = page.getByRole('button', { name: 'Lưu' })
    await save.waitFor()
    expect(await save.isDisabled()).toBe(true)
    const hintId = await save.getAttribute('aria-describedby')
    expect(hintId).toBeTruthy()
    const hint = (await page.locator(`[id="${hintId}"]`).textContent()) ?? ''
    expect(hint).toContain('Còn thiếu')
    expect(hint).toContain('Tên')
    await context.close()
  })
})
