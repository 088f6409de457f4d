import { describe, expect, it } from 'vitest'
import { apiGet, browserForFile, login, logout, newContext } from './helpers.ts'

interface MyTask {
  id: number
  directiveId: number
  taskRef: string
  taskText: string
  orgName: string
  subCount: number
  canCascade: boolean
}

describe('việc của tôi and cascading work to the communes', () => {
  const browser = browserForFile()

  it('lands a commune user on "việc của tôi", showing the province’s task', async () => {
    const context = await newContext(browser())
    const page = await context.newPage()
    await login(page, 'rachgia')
    await page.waitForURL(/\/viec-cua-toi$/)
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('Việc của tôi')
    const table = page.getByTestId('my-tasks')
    await expect.poll(() => table.textContent()).toContain('UBND phường Rạch Giá thiết lập vùng phong tỏa tạm thời')
    expect(await table.textContent()).toContain('Ủy ban nhân dân tỉnh An Giang')
    // The menu offers the page too.
    expect(await page.getByRole('navigation', { name: 'Chức năng' }).getByRole('link', { name: 'Việc của tôi' }).count()).toBe(1)
    await context.close()
  })

  it('passes a Sở Y tế task to a commune health station, which reports it done; the Sở sees the roll-up', async () => {
    const context = await newContext(browser())
    let page = await context.newPage()
    await login(page, 'soyte')
    await page.waitForURL(/\/viec-cua-toi$/)
    const mine = await apiGet<{ items: MyTask[] }>(context, '/api/directives/mine?limit=100')
    const task = mine.items.find((i) => i.canCascade && i.subCount === 0)
    expect(task, 'an open task of the Sở Y tế not passed on yet').toBeDefined()
    const directivePath = `/directives/${task!.directiveId}`

    // The Sở passes it on to the health station of phường Rạch Giá.
    await page.goto(directivePath)
    const section = page.getByRole('region', { name: 'Giao tiếp và gia hạn' })
    await section.getByRole('button', { name: `Giao tiếp nhiệm vụ ${task!.taskRef} của ${task!.orgName}` }).click()
    const form = section.getByRole('form', { name: `Giao tiếp nhiệm vụ ${task!.taskRef} cho đơn vị cấp dưới` })
    const source = form.getByLabel('Giao cho')
    const stationsOption = async () => (await source.locator('option').allTextContents()).find((k) => k.startsWith('Trung tâm y tế, trạm y tế ở các xã, phường'))
    await expect.poll(stationsOption).toBeDefined()
    const stations = await stationsOption()
    await source.selectOption({ label: stations! })
    await form.getByRole('checkbox', { name: 'Trạm Y tế phường Rạch Giá', exact: true }).waitFor()
    await form.getByRole('button', { name: 'Bỏ chọn tất cả' }).click()
    await form.getByRole('checkbox', { name: 'Trạm Y tế phường Rạch Giá', exact: true }).check()
    await form.getByRole('button', { name: 'Giao cho 1 đơn vị' }).click()
    const branch = section.getByTestId(`cascade-of-${task!.id}`)
    await expect.poll(() => branch.textContent()).toContain('Trạm Y tế phường Rạch Giá')
    expect(await branch.textContent()).toContain('0/1 đơn vị đã hoàn thành')
    await logout(page)

    // The station finds it on its own list and reports it done.
    await login(page, 'tramyte')
    await page.waitForURL(/\/viec-cua-toi$/)
    const row = page.getByTestId('my-tasks').locator('tbody tr', { hasText: 'Giao tiếp từ Sở Y tế tỉnh An Giang' }).filter({ hasText: task!.taskText.slice(0, 40) })
    await row.waitFor()
    await row.getByRole('link', { name: 'Mở văn bản' }).click()
    await page.waitForURL((url) => url.pathname === directivePath)
    const taskItem = page.getByRole('listitem', { name: `Nhiệm vụ ${task!.taskRef}`, exact: true })
    const station = taskItem.getByRole('listitem', { name: 'Trạm Y tế phường Rạch Giá — chủ trì' })
    await station.getByRole('button', { name: 'Báo cáo tiến độ', exact: true }).click()
    await station.getByLabel('Nội dung báo cáo').fill('Đã giám sát toàn bộ khu phố, xử lý các điểm nguy cơ.')
    await station.getByLabel('Tình trạng').selectOption('done')
    await station.getByRole('button', { name: 'Gửi báo cáo' }).click()
    await expect.poll(() => station.textContent()).toContain('Chờ xem xét')
    await logout(page)

    // The Office accepts the report.
    await login(page, 'vanphong')
    await page.goto(directivePath)
    const reviewed = page.getByRole('listitem', { name: `Nhiệm vụ ${task!.taskRef}`, exact: true }).getByRole('listitem', { name: 'Trạm Y tế phường Rạch Giá — chủ trì' })
    await reviewed.getByRole('button', { name: 'Chấp nhận', exact: true }).click()
    await expect.poll(() => reviewed.textContent()).toContain('Đã chấp nhận')
    await context.close()

    // The Sở sees its task done through the station's work.
    const later = await newContext(browser())
    page = await later.newPage()
    await login(page, 'soyte')
    await page.goto(directivePath)
    const done = page.getByRole('region', { name: 'Giao tiếp và gia hạn' }).getByTestId(`cascade-of-${task!.id}`)
    await expect.poll(() => done.textContent()).toContain('1/1 đơn vị đã hoàn thành')
    expect(await done.textContent()).toContain('Đã hoàn thành')
    const own = page.getByRole('listitem', { name: `Nhiệm vụ ${task!.taskRef}`, exact: true }).getByRole('listitem', { name: new RegExp(`^${task!.orgName} — `) })
    await expect.poll(() => own.locator('.badge').allTextContents()).toContain('Đã hoàn thành')
    await later.close()
  }, 180_000)
})
