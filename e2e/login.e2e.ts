import { describe, expect, it } from 'vitest'
import { browserForFile, login, newContext } from './helpers.ts'

describe('sign-in and layout', () => {
  const browser = browserForFile()

  it('shows the Vietnamese error for a wrong password, then signs the admin in', async () => {
    const context = await newContext(browser())
    const page = await context.newPage()
    await page.goto('/')
    await page.waitForURL(/\/login/)
    await page.getByLabel('Tên đăng nhập').fill('admin')
    await page.getByLabel('Mật khẩu').fill('sai-mat-khau')
    await page.getByRole('button', { name: 'Đăng nhập' }).click()
    await expect.poll(() => page.getByRole('alert').textContent()).toContain('Tên đăng nhập hoặc mật khẩu không đúng.')
    expect(page.url()).toContain('/login')

    await page.getByLabel('Mật khẩu').fill('phongdich2026')
    await page.getByRole('button', { name: 'Đăng nhập' }).click()
    await page.getByRole('button', { name: 'Đăng xuất' }).waitFor()
    const header = await page.locator('header').textContent()
    expect(header).toContain('phongdich')
    expect(header).toContain('Tỉnh An Giang')
    expect(header).toContain('Quản trị hệ thống')
    const nav = page.getByRole('navigation', { name: 'Chức năng' })
    for (const item of ['Tổng quan', 'Bản đồ', 'Đơn vị hành chính', 'Cơ quan, tổ chức', 'Người dân', 'Chỉ đạo điều hành', 'Độ bao phủ vắc xin', 'Báo cáo', 'Người dùng', 'Nhật ký', 'Công việc nền']) {
      await expect.poll(() => nav.getByRole('link', { name: item, exact: true }).count()).toBe(1)
    }
    await nav.getByRole('link', { name: 'Báo cáo', exact: true }).click()
    await expect.poll(() => page.locator('main').textContent()).toContain('Chức năng này chưa được xây dựng')
    await context.close()
  })

  it('collapses the navigation behind a menu button at phone width', async () => {
    const context = await newContext(browser(), 390, 844)
    const page = await context.newPage()
    await login(page, 'xem')
    const menu = page.getByRole('button', { name: 'Mở danh mục chức năng' })
    expect(await menu.isVisible()).toBe(true)
    const nav = page.getByRole('navigation', { name: 'Chức năng' })
    expect(await nav.isVisible()).toBe(false)
    await menu.click()
    expect(await nav.isVisible()).toBe(true)
    // A viewer has no user administration.
    expect(await nav.getByRole('link', { name: 'Người dùng' }).count()).toBe(0)
    await nav.getByRole('link', { name: 'Đơn vị hành chính' }).click()
    await page.waitForURL(/\/units$/)
    await expect.poll(() => nav.isVisible()).toBe(false)
    await context.close()
  })
})
