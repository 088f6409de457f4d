import type { BrowserContext, Locator, Page } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import { EXAMPLE_ELIGIBLE_FACTS } from '../src/domain/care/rules.ts'
import { apiGet, browserForFile, login, newContext, vnDay, vnFormat } from './helpers.ts'

/** A name no demo resident bears. */
const tag = Date.now().toString(36).slice(-5).toUpperCase()

/** A count as the screens write it (1.234 → 1234). */
const count = (text: string | null) => Number((text ?? '').replace(/\D/g, ''))

/** The "Đang nằm" figure of a bed kind in the facility's bed table. */
async function occupiedOf(page: Page, kind: string): Promise<number> {
  const row = page.getByTestId('facility-beds').locator('tbody tr', { has: page.getByRole('cell', { name: kind, exact: true }) })
  return count(await row.locator('td').nth(2).textContent())
}

/** The occupied beds of a kind in tier 2 of the tower. */
async function towerOccupied(page: Page, kind: 'oxygen' | 'regular'): Promise<number> {
  return count(await page.getByTestId(`tier-2-${kind}`).locator('strong').textContent())
}

/** The rows of a table with a link to `href`. */
const rowLinkingTo = (table: Locator, href: string) => table.locator('tbody tr', { has: table.page().locator(`a[href="${href}"]`) })

/** POST as the signed-in user of `context`, expecting 201. */
async function poster(context: BrowserContext) {
  const { csrfToken } = await apiGet<{ csrfToken: string }>(context, '/api/auth/me')
  return async <T>(path: string, data: unknown): Promise<T> => {
    const res = await context.request.post(path, { data, headers: { 'x-csrf-token': csrfToken } })
    expect(res.status(), await res.text()).toBe(201)
    return (await res.json()) as T
  }
}

/** A new F0 of phường Rạch Giá confirmed on `confirmedDate` (through the API: the case form has its own journey). */
async function newF0(context: BrowserContext, fullName: string, birthYear: number, confirmedDate: string) {
  const post = await poster(context)
  const person = await post<{ id: number }>('/api/people', { fullName, unitCode: '30742', birthYear })
  return post<{ id: number }>('/api/surveillance/cases', { personId: person.id, classification: 'confirmed', confirmedDate })
}

/** The station enrols a mild F0 for home care from the home-care list. */
async function enrolAtHome(page: Page, caseId: number) {
  await page.getByRole('navigation').getByRole('link', { name: 'F0 tại nhà', exact: true }).click()
  await page.getByRole('button', { name: 'Đưa F0 vào theo dõi tại nhà' }).click()
  const enrol = page.getByRole('form', { name: 'Đưa F0 vào theo dõi tại nhà' })
  await enrol.getByLabel('Mã ca bệnh (số)').fill(String(caseId))
  await enrol.getByLabel('Trạm quản lý').selectOption({ label: 'Trạm Y tế phường Rạch Giá' })
  await enrol.getByLabel('Mức độ bệnh').selectOption('mild')
  await enrol.getByLabel('SpO2 (%)').fill('98')
  await enrol.getByLabel('Nhịp thở (lần/phút)').fill('18')
  await enrol.getByRole('button', { name: 'Kiểm tra điều kiện và đưa vào theo dõi' }).click()
}

describe('care', () => {
  const browser = browserForFile()

  it('discharges a tier-2 patient from the facility page and sees the occupancy fall there and on the tower', async () => {
    const context = await newContext(browser())
    const page = await context.newPage()
    await login(page, 'dieutri')
    await page.getByRole('navigation').getByRole('link', { name: 'Tháp điều trị' }).click()
    await page.getByTestId('care-tower').waitFor()
    // Tier 2 of the commune's tower, by bed kind, before.
    const towerBefore = { oxygen: await towerOccupied(page, 'oxygen'), regular: await towerOccupied(page, 'regular') }

    const facility = 'Bệnh viện Dã chiến số 1 Rạch Giá'
    await page.getByTestId('care-facilities').getByRole('link', { name: facility }).click()
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe(facility)

    // The first patient in a bed: name, bed kind, and that kind's occupancy before.
    const admissions = page.getByTestId('care-admissions')
    const row = admissions.locator('tbody tr').first()
    await row.waitFor()
    const name = ((await row.locator('td').nth(0).textContent()) ?? '').trim()
    const kind = ((await row.locator('td').nth(2).textContent()) ?? '').trim()
    expect(name).not.toBe('')
    expect(['Giường thường', 'Giường có oxy']).toContain(kind)
    const key = kind === 'Giường có oxy' ? 'oxygen' : 'regular'
    const before = await occupiedOf(page, kind)
    expect(before).toBeGreaterThan(0)
    const personHref = (await row.locator('a').first().getAttribute('href')) ?? ''
    expect(personHref).not.toBe('')

    await row.getByRole('button', { name: `Cho ra viện: ${name}` }).click()
    const form = page.getByRole('form', { name: `Cho ${name} ra viện` })
    await form.getByLabel('Kết quả').selectOption('recovered')
    await form.getByRole('button', { name: 'Xác nhận ra viện' }).click()
    await expect.poll(() => page.getByRole('status').first().textContent()).toContain(`${name} đã ra viện.`)
    await expect.poll(() => occupiedOf(page, kind)).toBe(before - 1)
    // No longer among the patients in a bed.
    expect(await rowLinkingTo(admissions, personHref).count()).toBe(0)

    // The facility's staff and oxygen supply are kept up to date on its page.
    await page.getByRole('button', { name: 'Sửa cơ sở' }).click()
    const edit = page.getByRole('form', { name: 'Sửa cơ sở' })
    await edit.getByLabel('Bác sĩ').fill('42')
    await edit.getByLabel('Bình oxy').fill('120')
    await edit.getByRole('button', { name: 'Lưu thay đổi' }).click()
    await expect.poll(() => page.locator('main').textContent()).toMatch(/42 \/ \d+ \/ \d+/)
    expect(await page.locator('main').textContent()).toMatch(/ \/ 120 \/ /)

    // The tower counts one fewer in that kind of tier-2 bed, the other kind unchanged.
    await page.getByRole('link', { name: /Tháp điều trị 3 tầng/ }).click()
    await page.getByTestId('care-tower').waitFor()
    await expect.poll(() => towerOccupied(page, key)).toBe(towerBefore[key] - 1)
    const other = key === 'oxygen' ? 'regular' : 'oxygen'
    expect(await towerOccupied(page, other)).toBe(towerBefore[other])
    await context.close()
  })

  it("a home-cared F0 sends SpO2 94% from a phone through the personal link; the task shows on the commune's list and a named user closes it", async () => {
    // A new F0 of phường Rạch Giá, confirmed today.
    const staff = await newContext(browser())
    const page = await staff.newPage()
    await login(page, 'tramyte')
    const patient = `Người Theo Dõi Tại Nhà ${tag}`
    const made = await newF0(staff, patient, 1990, vnDay())

    // The station enrols them for home care and is given the personal link, once.
    await enrolAtHome(page, made.id)
    const link = (await page.locator('.care-link a').getAttribute('href')) ?? ''
    expect(link).toMatch(/\/theo-doi\/[A-Za-z0-9_-]{20,}$/)
    const listed = page.getByTestId('care-home').getByRole('link', { name: patient, exact: true })
    const href = (await listed.getAttribute('href')) ?? ''
    expect(href).toMatch(/^\/care\/home\/\d+$/)
    // Enrolled without warning signs: no open task yet.
    expect(await rowLinkingTo(page.getByTestId('care-home'), href).locator('.care-badge-warn').count()).toBe(0)

    // The patient, not signed in, on a phone.
    const phone = await newContext(browser(), 390, 844)
    const mobile = await phone.newPage()
    await mobile.goto(new URL(link).pathname)
    await expect.poll(() => mobile.getByRole('heading', { level: 1 }).textContent()).toBe('Tự theo dõi sức khỏe tại nhà')
    await expect.poll(() => mobile.locator('main').textContent()).toContain(`Chào ${tag}.`)
    expect(await mobile.locator('main').textContent()).toContain('Trạm Y tế')
    const form = mobile.getByRole('form', { name: 'Tự theo dõi sức khỏe tại nhà' })
    await form.getByLabel('SpO2 (%)').fill('94')
    await form.getByLabel('Nhịp thở (lần/phút)').fill('18')
    await form.getByLabel('Nhiệt độ (°C)').fill('37,2')
    await form.getByRole('button', { name: 'Gửi kết quả đo' }).click()
    const result = mobile.getByTestId('link-result')
    await expect.poll(() => result.textContent()).toContain('Chỉ số có dấu hiệu cần xử lý')
    expect(await result.locator('li').count()).toBeGreaterThan(0)
    expect(await result.locator('li').first().textContent()).toContain('SpO2 94%')
    // The form fits the phone: nothing to scroll sideways.
    expect(await mobile.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390)
    await phone.close()

    // The commune's task list shows it, open, with its warning.
    await page.getByRole('navigation').getByRole('link', { name: 'Việc cần xử lý (F0 tại nhà)' }).click()
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('Việc cần xử lý')
    const tasks = page.getByTestId('care-tasks')
    const task = rowLinkingTo(tasks, href)
    await expect.poll(() => task.count()).toBe(1)
    expect(await task.textContent()).toContain('SpO2 94%')

    // A named user closes it: it leaves the open list and shows who closed it.
    await task.getByRole('button', { name: `Đóng việc: ${patient}` }).click()
    const close = page.getByRole('form', { name: `Đóng việc: ${patient}` })
    await close.getByLabel('Cách xử lý').selectOption('visited')
    await close.getByLabel('Ghi chú').fill('Đến nhà đo lại SpO2 96%')
    await close.getByRole('button', { name: 'Xác nhận đã xử lý' }).click()
    await expect.poll(() => task.count()).toBe(0)
    await page.getByLabel('Chỉ việc đang mở').uncheck()
    await page.getByRole('button', { name: 'Tìm', exact: true }).click()
    await expect
      .poll(() => rowLinkingTo(tasks, href).first().textContent())
      .toContain('Đã đến khám, tiếp tục theo dõi tại nhà — Trần Thị Thu Hà (Đến nhà đo lại SpO2 96%)')

    // The patient's record lists the check as sent by the patient, and the task closed.
    await page.goto(href)
    const checks = page.getByTestId('care-checks')
    await expect.poll(() => checks.locator('tbody tr', { hasText: '94%' }).count()).toBeGreaterThan(0)
    expect(await checks.locator('tbody tr', { hasText: '94%' }).first().textContent()).toMatch(/SpO2.*Người bệnh tự nhập/s)
    await staff.close()
  })

  it('records the death at home of a home-cared F0: home care ends, the case is a death, the tower counts it', async () => {
    const context = await newContext(browser())
    const page = await context.newPage()
    await login(page, 'tramyte')
    const patient = `Người Mất Tại Nhà ${tag}`
    const made = await newF0(context, patient, 1948, vnDay(-1))

    await page.getByRole('navigation').getByRole('link', { name: 'Tháp điều trị', exact: true }).click()
    const homeDied = page.getByTestId('care-flow-homeDied').locator('strong')
    await homeDied.waitFor()
    const before = count(await homeDied.textContent())

    await enrolAtHome(page, made.id)
    await page.getByTestId('care-home').getByRole('link', { name: patient, exact: true }).click()
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe(patient)

    await page.getByRole('button', { name: 'Ghi nhận tử vong tại nhà' }).click()
    const form = page.getByRole('form', { name: 'Ghi nhận tử vong tại nhà' })
    await form.getByLabel('Nguyên nhân tử vong').fill('Suy hô hấp cấp')
    await form.getByLabel('Người báo tử vong').fill('Con trai, báo trạm y tế qua điện thoại')
    await form.getByRole('button', { name: 'Ghi nhận tử vong' }).click()
    await expect.poll(() => page.getByTestId('care-death-on').textContent()).toBe(vnFormat(vnDay()))
    expect(await page.locator('main').textContent()).toContain('Suy hô hấp cấp')
    // Home care has ended: no more checks or link for the station to enter or issue.
    expect(await page.getByRole('form', { name: 'Nhập lần đo' }).count()).toBe(0)
    const kase = await apiGet<{ outcome: string; outcomeDate: string }>(context, `/api/surveillance/cases/${made.id}`)
    expect(kase).toMatchObject({ outcome: 'died', outcomeDate: vnDay() })

    await page.getByRole('navigation').getByRole('link', { name: 'Tháp điều trị', exact: true }).click()
    await expect.poll(async () => count(await page.getByTestId('care-flow-homeDied').locator('strong').textContent())).toBe(before + 1)
    await context.close()
  })

  it("lists the home-care rules with source and mark, and the province's admin adds a dated variant that then decides eligibility", async () => {
    const context = await newContext(browser())
    const page = await context.newPage()
    await login(page, 'cdc')
    await page.getByRole('navigation').getByRole('link', { name: 'Quy định F0 tại nhà' }).click()
    const table = page.getByTestId('care-rules')
    await expect.poll(() => table.textContent()).toMatch(/261\/QĐ-BYT/)
    await expect.poll(() => table.textContent()).toContain('Đang áp dụng')
    await expect.poll(() => page.getByTestId('care-rule-view').textContent()).toMatch(/Dấu hiệu cảnh báo.*SpO2/s)

    // A variant from a day before the national guidance: it decides only the days it is in force.
    await page.getByRole('button', { name: 'Thêm quy định riêng của tỉnh' }).click()
    const form = page.getByRole('form', { name: 'Quy định theo dõi F0 tại nhà riêng của tỉnh' })
    const name = `Quy định F0 tại nhà thử ${tag}`
    await form.getByLabel('Tên quy định').fill(name)
    await form.getByLabel('Áp dụng từ ngày').fill('01/06/2020')
    await form.getByLabel('Văn bản căn cứ').fill(`Kế hoạch thử ${tag} của UBND tỉnh`)
    await form.getByLabel('Được ở nhà khi SpO2').selectOption('>=')
    await form.getByLabel('Ngưỡng SpO2 được ở nhà (%)').fill('95')
    await form.getByLabel('Thời hạn xử lý cảnh báo (giờ)').fill('1,5')
    await form.getByRole('button', { name: 'Lưu quy định' }).click()
    await expect.poll(() => page.getByTestId('care-rules-saved').textContent()).toContain(name)
    const row = table.locator('tbody tr', { hasText: name })
    await expect.poll(() => row.textContent()).toMatch(/01\/06\/2020.*An Giang.*đã đối chiếu văn bản/s)
    await row.getByRole('button', { name: 'Xem' }).click()
    await expect.poll(() => page.getByTestId('care-rule-view').textContent()).toMatch(/SpO2 ≥ 95%.*xử lý trong 1,5 giờ/s)

    const rules = await apiGet<{ rules: { name: string; eligibility: { spo2: { value: number } }; warnings: { escalationHours: number } }[] }>(context, '/api/care/rules')
    expect(rules.rules.find((r) => r.name === name)).toMatchObject({ eligibility: { spo2: { value: 95 } }, warnings: { escalationHours: 1.5 } })
    await context.close()
  })

  it('an F0 with an open escalation task is not released until the task is closed in the same action, by a tick on the patient page', async () => {
    const context = await newContext(browser())
    const page = await context.newPage()
    await login(page, 'tramyte')
    const fullName = `F0 Chưa Xử Lý ${tag}`
    const made = await newF0(context, fullName, 1988, vnDay(-9))
    const post = await poster(context)
    const stations = await apiGet<{ facilities: { id: number; name: string }[] }>(context, '/api/care/facilities?unitCode=30742&limit=500')
    const station = stations.facilities.find((f) => f.name === 'Trạm Y tế phường Rạch Giá')!
    const kase = await apiGet<{ personId: number }>(context, `/api/surveillance/cases/${made.id}`)
    const home = await post<{ patient: { id: number } }>('/api/care/home', { caseId: made.id, stationId: station.id, startedOn: vnDay(-8), facts: EXAMPLE_ELIGIBLE_FACTS })
    await post('/api/surveillance/tests', { personId: kase.personId, method: 'antigen', sampleDate: vnDay(), result: 'negative', resultDate: vnDay(), lab: 'Trạm Y tế' })
    const warned = await post<{ escalation: { id: number } }>(`/api/care/home/${home.patient.id}/checks`, { spo2: 94 })

    await page.goto(`/care/home/${home.patient.id}`)
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe(fullName)
    await page.getByRole('button', { name: 'Kết thúc cách ly' }).click()
    await expect.poll(() => page.getByText(`việc cần xử lý #${warned.escalation.id} chưa đóng`).count()).toBe(1)
    await page.getByLabel(`Đã xử lý việc cần xử lý #${warned.escalation.id}`).check()
    await page.getByRole('button', { name: 'Kết thúc cách ly' }).click()
    await expect.poll(() => page.getByText('Đã kết thúc cách ly.').count()).toBeGreaterThan(0)
    const tasks = await apiGet<{ escalations: { id: number; status: string; closedByName: string | null }[] }>(context, '/api/care/escalations?unitCode=30742&status=closed&limit=500')
    expect(tasks.escalations.find((e) => e.id === warned.escalation.id)).toMatchObject({ status: 'closed', closedByName: 'Trần Thị Thu Hà' })
    await context.close()
  })
})
