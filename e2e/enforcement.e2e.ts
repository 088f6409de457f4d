import { describe, expect, it } from 'vitest'
import { apiGet, browserForFile, login, newContext, vnDay, vnFormat } from './helpers.ts'

/** Names no demo record bears. */
const tag = Date.now().toString(36).slice(-5).toUpperCase()

describe('enforcement', () => {
  const browser = browserForFile()

  it('an inspection on a phone overrides the self-assessment on the public map, and its violation is followed up until closed', async () => {
    const context = await newContext(browser(), 390, 844)
    const page = await context.newPage()
    await login(page, 'rachgia')
    const list = await apiGet<{ items: { id: number; name: string; result: { source: string | null } | null }[] }>(context, '/api/safety/facilities?unitCode=30742&kind=market&limit=50')
    const f = list.items.find((x) => x.result?.source !== 'inspection') ?? list.items[0]!

    await page.goto(`/kiem-tra/co-so/${f.id}`)
    const form = page.getByRole('form', { name: 'Phiếu kiểm tra' })
    await form.getByLabel('Đoàn kiểm tra').fill('Tổ kiểm tra phường Rạch Giá')
    const selects = form.locator('select')
    const n = await selects.count()
    // Every checklist item answered with its last option; the last select is the sanction.
    for (let i = 0; i < n - 1; i++) {
      const options = await selects.nth(i).locator('option').count()
      await selects.nth(i).selectOption({ index: options - 1 })
    }
    await form.getByLabel('Xử lý vi phạm').selectOption('warning')
    await form.getByLabel('Hành vi vi phạm').fill('Tiểu thương không đeo khẩu trang.')
    await form.getByRole('button', { name: 'Ghi kết quả kiểm tra' }).click()
    await expect.poll(() => page.getByTestId('enf-result').textContent()).toContain('thay cho kết quả tự đánh giá')

    const shown = await apiGet<{ band: string | null }>(context, `/api/public/facilities/${f.id}`)
    const record = await apiGet<{ result: { band: string; source: string } }>(context, `/api/safety/facilities/${f.id}`)
    expect(record.result.source).toBe('inspection')
    expect(shown.band).toBe(record.result.band)

    await page.getByRole('link', { name: /Vi phạm #\d+/ }).click()
    await expect.poll(() => page.getByTestId('enf-status').textContent()).toBe('Đang theo dõi')
    const follow = page.getByRole('form', { name: 'Theo dõi khắc phục' })
    await follow.getByLabel('Nội dung').fill('Đã nhắc nhở, tiểu thương đã đeo khẩu trang.')
    await follow.getByLabel('Đã khắc phục, kết thúc theo dõi').check()
    await follow.getByRole('button', { name: 'Ghi theo dõi' }).click()
    await expect.poll(() => page.getByTestId('enf-status').textContent()).toBe('Đã khắc phục')
    await context.close()
  })

  it('a commune plans an inspection round, assigns a facility and inspects it from the plan on a phone', async () => {
    const context = await newContext(browser(), 390, 844)
    const page = await context.newPage()
    await login(page, 'rachgia')
    const title = `Kiểm tra chợ, siêu thị đợt ${tag}`
    await page.goto('/kiem-tra/ke-hoach')
    await page.getByRole('button', { name: 'Lập kế hoạch kiểm tra' }).click()
    const plan = page.getByRole('form', { name: 'Kế hoạch kiểm tra mới' })
    await expect.poll(() => plan.getByRole('group', { name: /Địa bàn/ }).textContent()).toContain('Rạch Giá')
    await plan.getByLabel('Tên kế hoạch').fill(title)
    await plan.getByLabel('Đoàn kiểm tra (của xã hoặc của sở, ngành)').fill('Tổ kiểm tra liên ngành phường Rạch Giá')
    await plan.getByLabel('Đến ngày').fill(vnFormat(vnDay(7)))
    await plan.getByRole('button', { name: 'Lưu kế hoạch' }).click()
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe(title)
    await expect.poll(() => page.getByTestId('enf-visits').textContent()).toContain('Chưa phân công cơ sở nào.')

    // Assign a facility of the commune to today, to a named inspector.
    const assign = page.getByRole('form', { name: 'Phân công kiểm tra' })
    const first = assign.getByRole('checkbox').first()
    const facility = ((await first.locator('xpath=..').textContent()) ?? '').split(' — ')[0]!.trim()
    await first.check()
    await assign.getByLabel('Người, tổ đi kiểm tra').fill('Tổ 2')
    await assign.getByRole('button', { name: 'Phân công' }).click()
    await expect.poll(() => page.getByTestId('enf-visits').textContent()).toContain(facility)
    expect(await page.getByTestId('enf-visits').textContent()).toContain('Tổ 2')

    // A facility assigned by mistake comes off the plan (after a confirmation), the right one stays.
    const second = assign.getByRole('checkbox').nth(1)
    const mistaken = ((await second.locator('xpath=..').textContent()) ?? '').split(' — ')[0]!.trim()
    await first.uncheck()
    await second.check()
    await assign.getByRole('button', { name: 'Phân công' }).click()
    await expect.poll(() => page.getByTestId('enf-visits').textContent()).toContain(mistaken)
    page.once('dialog', (d) => void d.accept())
    await page.getByTestId('enf-visits').getByRole('button', { name: `Bỏ ${mistaken} khỏi kế hoạch` }).click()
    await expect.poll(() => page.getByText(`Đã bỏ ${mistaken} khỏi kế hoạch.`).count()).toBe(1)
    expect(await page.getByTestId('enf-visits').textContent()).not.toContain(mistaken)
    expect(await page.getByTestId('enf-visits').textContent()).toContain(facility)

    // The visit opens the inspection form under the plan; once recorded the plan shows it done.
    await page.getByTestId('enf-visits').getByRole('link', { name: 'Kiểm tra' }).click()
    await expect.poll(() => page.getByRole('link', { name: `Theo kế hoạch: ${title}` }).count()).toBe(1)
    const form = page.getByRole('form', { name: 'Phiếu kiểm tra' })
    await form.getByLabel('Đoàn kiểm tra').fill('Tổ 2')
    const selects = form.locator('select')
    const n = await selects.count()
    for (let i = 0; i < n - 1; i++) await selects.nth(i).selectOption({ index: 1 })
    await form.getByRole('button', { name: 'Ghi kết quả kiểm tra' }).click()
    await expect.poll(() => page.getByTestId('enf-result').textContent()).toContain('Kết quả kiểm tra')
    await page.getByRole('link', { name: `Theo kế hoạch: ${title}` }).click()
    await expect.poll(() => page.getByTestId('enf-visits').textContent()).toContain(`Đã kiểm tra ${vnFormat(vnDay(0))}`)
    await page.goto('/kiem-tra/ke-hoach')
    await expect.poll(() => page.getByTestId('enf-plans').textContent()).toContain(title)
    await context.close()
  })

  it('a commendation is recorded for a body by its decision and shows in the emulation view of the directives dashboard', async () => {
    const context = await newContext(browser())
    const page = await context.newPage()
    await login(page, 'rachgia')
    await page.goto('/kiem-tra/khen-thuong')
    const form = page.getByRole('form', { name: 'Ghi khen thưởng, kỷ luật' })
    const body = 'Trung tâm Y tế khu vực Rạch Giá'
    const group = form.getByRole('group', { name: /^Cơ quan, đơn vị/ })
    await group.getByLabel('Tìm cơ quan (tên hoặc tên viết tắt)').fill(body)
    await group.getByRole('button', { name: new RegExp(`^${body}`) }).first().click()
    await expect.poll(() => group.textContent()).toContain(`Đã chọn: ${body}`)
    await form.getByLabel('Hình thức (Bằng khen, Giấy khen, Khiển trách…)').fill('Giấy khen')
    await form.getByLabel('Lý do (vì thành tích gì, vi phạm gì)').fill('Lấy mẫu xét nghiệm kịp thời tại các chợ.')
    await form.getByLabel('Số, ngày quyết định').fill(`${tag}/QĐ-UBND`)
    await form.getByRole('button', { name: 'Lưu quyết định' }).click()
    await expect.poll(() => page.getByTestId('enf-recognitions').textContent()).toContain(`${tag}/QĐ-UBND`)
    await expect.poll(() => page.getByTestId('enf-emulation').textContent()).toContain(body)
    await context.close()

    // The Office sees it beside the body's tasks on the directives dashboard, in a card of its own.
    const office = await newContext(browser())
    const dash = await office.newPage()
    await login(dash, 'vanphong')
    await dash.goto('/directives')
    const card = dash.getByTestId('enf-emulation')
    await expect.poll(() => card.textContent()).toContain(body)
    expect(await card.getByRole('columnheader', { name: 'Nhiệm vụ (xong / trễ / tổng)' }).count()).toBe(1)
    await office.close()
  })
})
