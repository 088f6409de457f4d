import type { BrowserContext, Page } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import { apiGet, browserForFile, login, newContext, vnDay } from './helpers.ts'

/** Names no demo record bears. */
const tag = Date.now().toString(36).slice(-5).toUpperCase()

async function apiPost<T>(context: BrowserContext, path: string, data: unknown): Promise<T> {
  const { csrfToken } = await apiGet<{ csrfToken: string }>(context, '/api/auth/me')
  const res = await context.request.post(path, { data, headers: { 'x-csrf-token': csrfToken } })
  if (!res.ok()) throw new Error(`POST ${path}: ${res.status()} ${await res.text()}`)
  return (await res.json()) as T
}

/** Places a person of the registry, found by name, in the open facility's room; answers the form. */
async function place(page: Page, fullName: string) {
  const form = page.getByRole('form', { name: 'Đưa người vào cách ly' })
  await form.getByLabel('Tìm theo họ tên, CCCD, số điện thoại').fill(fullName)
  await form.getByRole('button', { name: new RegExp(fullName) }).click()
  await form.getByLabel('Phòng', { exact: true }).selectOption({ index: 1 })
  await form.getByLabel('Đợt (chuyến, ngày đến)').fill(`HT-${tag}`)
  await form.getByRole('button', { name: 'Đưa vào cách ly' }).click()
  return form
}

describe('quarantine', () => {
  const browser = browserForFile()

  it('places people in a facility until it is full and sees the warning, with the rule used and why', async () => {
    const context = await newContext(browser())
    const page = await context.newPage()
    await login(page, 'cachly')
    const people = [`Người Cách Ly Một ${tag}`, `Người Cách Ly Hai ${tag}`, `Người Cách Ly Ba ${tag}`, `Người Cách Ly Bốn ${tag}`]
    for (const [i, fullName] of people.entries()) await apiPost(context, '/api/people', { fullName, unitCode: '30742', birthYear: 1980 + i })

    await page.getByRole('navigation').getByRole('link', { name: 'Cơ sở cách ly' }).click()
    await page.getByRole('button', { name: 'Thêm cơ sở cách ly' }).click()
    const facility = `Khách sạn Thử ${tag}`
    const newForm = page.getByRole('form', { name: 'Thêm cơ sở cách ly' })
    await newForm.getByLabel('Tên cơ sở').fill(facility)
    await newForm.getByLabel('Loại cơ sở').selectOption('hotel')
    await newForm.getByLabel('Sức chứa').fill('3')
    await newForm.getByLabel('Phòng, khu').fill('P101:3')
    await newForm.getByRole('button', { name: 'Lưu cơ sở' }).click()
    await page.getByRole('link', { name: facility }).click()
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe(facility)

    // The rule that will apply is shown before saving, with its source.
    const form = page.getByRole('form', { name: 'Đưa người vào cách ly' })
    await form.getByLabel('Lý do').selectOption('illegal_entrant')
    await expect.poll(() => form.getByTestId('q-rule').textContent()).toMatch(/5599\/BYT-MT.*người nhập cảnh trái phép/s)

    for (const fullName of people.slice(0, 2)) {
      await place(page, fullName)
      await expect.poll(() => page.getByRole('status').first().textContent()).toContain(fullName)
    }
    expect(await page.getByTestId('q-warnings').count()).toBe(0)
    await place(page, people[2]!)
    await expect.poll(() => page.getByTestId('q-warnings').first().textContent()).toContain(`${facility} đã đủ 3/3 người`)
    await expect.poll(() => page.getByTestId('q-status').textContent()).toBe('Đã đầy')
    await expect.poll(() => page.getByTestId('q-placements').locator('tbody tr').count()).toBe(3)

    // A fourth person is refused, with the reason.
    const refused = await place(page, people[3]!)
    await expect.poll(() => refused.getByRole('alert').textContent()).toContain('đã đủ 3 người')

    // The province's list warns of the full facility too; a stay shows its rule and source.
    await page.getByRole('link', { name: /Cách ly tập trung/ }).first().click()
    await expect.poll(() => page.getByTestId('q-warnings').textContent()).toContain(`${facility} đã đủ 3 người`)
    await page.getByRole('link', { name: facility }).click()
    await page.getByRole('link', { name: people[0]! }).click()
    await expect.poll(() => page.getByTestId('q-rule').textContent()).toMatch(/Công văn 5599\/BYT-MT/)
    const download = page.waitForEvent('download')
    await page.getByRole('link', { name: 'Quyết định cách ly (.docx)' }).click()
    expect((await download).suggestedFilename()).toMatch(/^quyet-dinh-cach-ly-\d+\.docx$/)

    // The facility grows: capacity 5 with a second room, open again.
    await page.getByRole('link', { name: new RegExp(facility) }).click()
    await page.getByRole('button', { name: 'Sửa cơ sở' }).click()
    const edit = page.getByRole('form', { name: 'Sửa cơ sở' })
    await edit.getByLabel('Sức chứa').fill('5')
    await edit.getByLabel('Trạng thái').selectOption('open')
    await edit.getByLabel('Thêm phòng, khu').fill('P102:2')
    await edit.getByRole('button', { name: 'Lưu thay đổi' }).click()
    await expect.poll(() => page.getByTestId('q-status').textContent()).toBe('Đang nhận')
    await expect.poll(() => page.getByTestId('q-occupied').textContent()).toContain('3/5')
    await expect.poll(() => page.getByRole('table', { name: 'Phòng, khu' }).textContent()).toContain('P102')
    await context.close()
  })

  it('registers a returnee and places them in quarantine at home, with the rule shown before saving and the decision to download', async () => {
    const context = await newContext(browser())
    const page = await context.newPage()
    await login(page, 'cachly')
    await page.getByRole('navigation').getByRole('link', { name: 'Cách ly tại nhà' }).click()
    const form = page.getByRole('form', { name: 'Đưa vào cách ly tại nhà' })
    const fullName = `Người Về Từ Vùng Dịch ${tag}`
    await form.getByLabel('Người mới').check()
    await form.getByLabel('Họ và tên').fill(fullName)
    await form.getByLabel('Năm sinh', { exact: true }).fill('1984')
    await form.getByLabel('Địa chỉ').fill('Số 5 đường Lạc Hồng')
    await form.getByLabel('Lý do').selectOption('returnee')
    await form.getByLabel('Ngày bắt đầu').fill('01/08/2021')
    // The rule in force on the first day is shown, with its source, before saving.
    await expect.poll(() => form.getByTestId('q-rule').textContent()).toMatch(/5599\/BYT-MT/)
    await form.getByLabel('Số quyết định cách ly').fill(`${tag}/QĐ-UBND`)
    await form.getByRole('button', { name: 'Đưa vào cách ly' }).click()

    const placed = page.getByTestId('q-home-placed')
    await expect.poll(() => placed.getByRole('status').textContent()).toContain(`Đã đưa ${fullName} vào cách ly, dự kiến kết thúc ngày 15/08/2021`)
    expect(await placed.getByTestId('q-rule').textContent()).toMatch(/5599\/BYT-MT/)
    const download = page.waitForEvent('download')
    await placed.getByRole('link', { name: 'Quyết định cách ly (.docx)' }).click()
    expect((await download).suggestedFilename()).toMatch(/^quyet-dinh-cach-ly-\d+\.docx$/)
    await expect.poll(() => page.getByTestId('q-home-placements').textContent()).toContain(fullName)

    await placed.getByRole('link', { name: 'Xem đợt cách ly' }).click()
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toContain(fullName)
    expect(await page.getByTestId('q-rule').textContent()).toMatch(/5599\/BYT-MT/)
    expect(await page.getByTestId('q-planned-end').textContent()).toBe('15/08/2021')
    await context.close()
  })

  it("lists the quarantine rules with source and mark, and the province's admin adds a dated variant that then applies", async () => {
    const context = await newContext(browser())
    const page = await context.newPage()
    await login(page, 'cdc')
    await page.getByRole('navigation').getByRole('link', { name: 'Quy định cách ly' }).click()
    const table = page.getByTestId('q-rules')
    await expect.poll(() => table.textContent()).toMatch(/5599\/BYT-MT/)
    await expect.poll(() => table.textContent()).toMatch(/đã đối chiếu văn bản|theo nguồn thứ cấp|chưa kiểm chứng/)

    await page.getByRole('button', { name: 'Thêm quy định riêng của tỉnh' }).click()
    const form = page.getByRole('form', { name: 'Quy định cách ly riêng của tỉnh' })
    const name = `Quy định tỉnh thử ${tag}`
    await form.getByLabel('Nhóm').selectOption('illegal-entry')
    await form.getByLabel('Tên quy định').fill(name)
    await form.getByLabel('Áp dụng từ ngày').fill('05/03/2019')
    await form.getByLabel('Đến hết ngày').fill('31/12/2019')
    await form.getByLabel('Số ngày cách ly').fill('10')
    await form.getByLabel('Số ngày theo dõi sau cách ly').fill('4')
    await form.getByLabel('Xét nghiệm vào ngày thứ').fill('12')
    await form.getByLabel('Văn bản căn cứ').fill(`Công văn thử ${tag} của UBND tỉnh`)
    // A test day outside the stay is refused with the reason; corrected, the rule is kept.
    await form.getByRole('button', { name: 'Lưu quy định' }).click()
    await expect.poll(() => form.getByRole('alert').textContent()).toContain('nằm ngoài thời gian cách ly')
    await form.getByLabel('Xét nghiệm vào ngày thứ').fill('1, 10')
    await form.getByRole('button', { name: 'Lưu quy định' }).click()
    await expect.poll(() => page.getByTestId('q-rules-saved').textContent()).toContain(name)
    const row = table.locator('tbody tr', { hasText: name })
    await expect.poll(() => row.textContent()).toMatch(/An Giang.*05\/03\/2019 – 31\/12\/2019/s)
    expect(await row.textContent()).toContain(`Công văn thử ${tag} của UBND tỉnh (đã đối chiếu văn bản)`)

    const choice = await apiGet<{ rule: string; days: number; monitoringDays: number }>(context, '/api/quarantine/rules/choice?kind=illegal-entry&start=2019-06-01')
    expect(choice).toMatchObject({ rule: name, days: 10, monitoringDays: 4 })
    await context.close()
  })

  it('lists the people under medical monitoring after release with their daily check due, and a check recorded today clears it', async () => {
    const context = await newContext(browser())
    const page = await context.newPage()
    await login(page, 'cachly')
    const fullName = `Người Theo Dõi ${tag}`
    const person = await apiPost<{ id: number }>(context, '/api/people', { fullName, unitCode: '30742', birthYear: 1990 })
    const placed = await apiPost<{ placement: { id: number } }>(context, '/api/quarantine/placements', {
      personId: person.id,
      setting: 'home',
      unitCode: '30742',
      address: 'Số 3 đường Trần Phú',
      reason: 'traveller',
      startOn: vnDay(-3),
    })
    await apiPost(context, `/api/quarantine/placements/${placed.placement.id}/release`, { on: vnDay(), early: true, note: 'Kết thúc sớm theo quyết định của Trung tâm Y tế' })

    await page.getByRole('navigation').getByRole('link', { name: 'Đến hạn ngày mai' }).click()
    const table = page.getByTestId('q-monitoring')
    const row = table.locator('tbody tr', { hasText: fullName })
    await expect.poll(() => row.textContent()).toContain('Cần kiểm tra')
    expect(await row.textContent()).toContain('Chưa kiểm tra')
    expect(await table.locator('caption').textContent()).toMatch(/Đang theo dõi sức khỏe sau cách ly/)

    await row.getByRole('link', { name: fullName }).click()
    const check = page.getByRole('form', { name: 'Ghi theo dõi sức khỏe' })
    await check.getByLabel('Nhiệt độ').fill('36,7')
    await check.getByRole('button', { name: 'Lưu theo dõi' }).click()
    await expect.poll(() => page.getByRole('table', { name: 'Theo dõi sức khỏe hằng ngày' }).textContent()).toContain('36')
    await page.getByRole('navigation').getByRole('link', { name: 'Đến hạn ngày mai' }).click()
    await expect.poll(() => page.getByTestId('q-monitoring').locator('tbody tr', { hasText: fullName }).textContent()).toContain('Đã kiểm tra')
    await context.close()
  })
})
