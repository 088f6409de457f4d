import { describe, expect, it } from 'vitest'
import { apiGet, browserForFile, login, newContext } from './helpers.ts'

describe('drafts and the home page', () => {
  const browser = browserForFile()

  it('shows the directives picture on the home page, then drafts a document to a group and deletes it', async () => {
    const context = await newContext(browser())
    const page = await context.newPage()
    await login(page, 'vanphong')

    // The home page: the tasks by status, and the notifications one click away.
    const panel = page.getByRole('region', { name: 'Chỉ đạo điều hành' })
    await panel.getByRole('img', { name: /^Tình hình \d+ nhiệm vụ/ }).waitFor()
    expect(await panel.textContent()).toContain('Trễ hạn lâu nhất')
    await panel.getByRole('button', { name: /thông báo/ }).click()
    const notifications = page.getByRole('region', { name: 'Thông báo' })
    await notifications.waitFor()
    await expect.poll(() => notifications.evaluate((el) => el.contains(document.activeElement))).toBe(true)
    await page.keyboard.press('Escape')

    // A draft addressed to a whole group keeps the group's members.
    await page.goto('/directives/new')
    // The save button says what the draft still lacks, and forgets each item once it is filled.
    const saveDraft = page.getByRole('button', { name: 'Lưu bản nháp' })
    const hint = async () => {
      const id = await saveDraft.getAttribute('aria-describedby')
      return id ? ((await page.locator(`[id="${id}"]`).textContent()) ?? '') : ''
    }
    await expect.poll(hint).toBe('Còn thiếu: Trích yếu, Cơ quan ban hành, Nội dung nhiệm vụ 1.')
    const issuer = page.getByRole('group', { name: 'Cơ quan ban hành' })
    await issuer.getByLabel('Tìm cơ quan (tên hoặc tên viết tắt)').fill('Tỉnh ủy An Giang')
    await issuer.getByRole('button', { name: /^Tỉnh ủy An Giang/ }).click()
    await expect.poll(() => issuer.textContent()).toContain('Đã chọn: Tỉnh ủy An Giang')
    await page.getByLabel('Trích yếu').fill('V/v rà soát công tác phòng, chống dịch mùa mưa')
    await page.getByLabel('Thêm nhóm nơi nhận').selectOption({ label: 'Các sở, ban, ngành tỉnh' })
    await page.getByRole('button', { name: 'Thêm nhóm', exact: true }).click()
    await expect.poll(() => page.getByRole('group', { name: 'Kính gửi' }).textContent()).toMatch(/Các sở, ban, ngành tỉnh \(nhóm \d+ cơ quan\)/)
    await expect.poll(hint).toBe('Còn thiếu: Nội dung nhiệm vụ 1.')
    await page.getByTestId('task-1').getByLabel('Nội dung nhiệm vụ').fill('Rà soát phương án phòng, chống dịch tại đơn vị, báo cáo kết quả.')
    await expect.poll(hint).toBe('')
    await saveDraft.click()
    await page.waitForURL(/\/directives\/\d+\/edit$/)
    await expect.poll(() => page.getByRole('status').filter({ hasText: 'Đã lưu bản nháp.' }).count()).toBe(1)
    const id = Number(/\/directives\/(\d+)\/edit$/.exec(page.url())?.[1])
    const saved = await apiGet<{ addressees: { text: string; groupKey?: string; memberIds?: number[] }[] }>(context, `/api/directives/${id}`)
    expect(saved.addressees[0]?.groupKey).toBe('cac_so_ban_nganh')
    expect(saved.addressees[0]?.memberIds?.length).toBeGreaterThan(0)

    // Deleting asks first, then lands on the list, which no longer has the draft.
    await page.getByRole('button', { name: 'Xóa bản nháp' }).click()
    const dialog = page.getByRole('dialog', { name: 'Xóa bản nháp?' })
    await dialog.getByRole('button', { name: 'Xóa', exact: true }).click()
    await page.waitForURL(/\/directives\/list$/)
    await expect.poll(() => page.getByRole('status').filter({ hasText: 'Đã xóa bản nháp.' }).count()).toBe(1)
    expect((await context.request.get(`/api/directives/${id}`)).status()).toBe(404)
    await expect.poll(() => page.getByTestId('directive-list').locator('caption').textContent()).toMatch(/trong tổng số \d+$/)
    await context.close()
  })
})
