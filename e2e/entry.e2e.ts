import type { Locator, Page } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import { apiGet, browserForFile, login, newContext, vnDay, vnFormat } from './helpers.ts'

/** A mark no demo record bears. */
const tag = Date.now().toString(36).slice(-5).toUpperCase()

/** Vietnam's date (yyyy-mm-dd) and time (HH:MM) `hoursAgo` hours before now. */
function vnAgo(hoursAgo: number): { day: string; time: string } {
  const iso = new Date(Date.now() + 7 * 3600_000 - hoursAgo * 3600_000).toISOString()
  return { day: iso.slice(0, 10), time: iso.slice(11, 16) }
}

/** Chooses a body in an organisation picker by the start of its name. */
async function chooseOrg(group: Locator, name: string) {
  await group.getByLabel('Tìm cơ quan (tên hoặc tên viết tắt)').fill(name)
  await group.getByRole('button', { name: new RegExp(`^${name}`) }).first().click()
  await expect.poll(() => group.textContent()).toContain(`Đã chọn: ${name}`)
}

async function recordStep(page: Page, step: string, body: string, receiver?: string) {
  const form = page.getByRole('form', { name: 'Bước tiếp theo' })
  await chooseOrg(form.getByRole('group', { name: 'Cơ quan thực hiện' }), body)
  if (receiver) await chooseOrg(form.getByRole('group', { name: 'Cơ quan nhận bàn giao' }), receiver)
  await form.getByRole('button', { name: `Ghi bước: ${step}` }).click()
  await expect.poll(() => page.getByTestId('entry-timeline').textContent()).toContain(`${step}: ${body}`)
}

describe('entry', () => {
  const browser = browserForFile()

  it('reports an illegal entry from the public form, hands it over, and places the people until the facility is full', async () => {
    // A member of the public, not signed in, on a phone.
    const phone = await newContext(browser(), 390, 844)
    const mobile = await phone.newPage()
    await mobile.goto('/bao-tin/nhap-canh-trai-phep')
    await expect.poll(() => mobile.getByRole('heading', { level: 1 }).textContent()).toBe('Báo tin người nhập cảnh trái phép')
    const report = mobile.getByRole('form', { name: 'Báo tin người nhập cảnh trái phép' })
    const when = vnAgo(2)
    await report.getByLabel('Xã, phường nơi phát hiện').selectOption({ label: 'Hà Tiên' })
    await report.getByLabel('Địa điểm cụ thể').fill(`Rạch Đầm Chích ${tag}`)
    await report.getByLabel(/^Ngày/).fill(vnFormat(when.day))
    await report.getByLabel(/^Giờ/).fill(when.time)
    await report.getByLabel('Số người').fill('3')
    await report.getByLabel('Cách vượt biên').selectOption('boat')
    await report.getByLabel('Người dẫn đường').fill('Một người chạy xuồng máy')
    await report.getByLabel('Tên người báo tin').fill(`Người Báo Tin ${tag}`)
    await report.getByLabel('Số điện thoại người báo tin').fill('0912 345 678')
    await report.getByRole('button', { name: 'Gửi' }).click()
    const received = mobile.getByTestId('entry-received')
    await expect.poll(() => received.textContent()).toContain('Đã nhận tin báo')
    // Nothing of what was sent is shown back, and the form fits the phone.
    const shown = (await mobile.locator('main').textContent()) ?? ''
    expect(shown).not.toContain(`Người Báo Tin ${tag}`)
    expect(shown).not.toContain('0912')
    expect(await mobile.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390)
    await phone.close()

    // The border guard of Hà Tiên finds the report in the list of the commune's cases.
    const context = await newContext(browser())
    const page = await context.newPage()
    await login(page, 'bienphong')
    await page.getByRole('navigation').getByRole('link', { name: 'Nhập cảnh trái phép', exact: true }).click()
    const row = page.getByTestId('entry-cases').locator('tbody tr', { hasText: tag })
    await expect.poll(() => row.count()).toBe(1)
    expect(await row.textContent()).toContain('Người dân báo tin')
    await row.getByRole('link').first().click()
    await page.waitForURL(/\/entry\/illegal\/\d+$/)
    const caseId = Number(/\/entry\/illegal\/(\d+)$/.exec(page.url())?.[1])
    await expect.poll(() => page.getByTestId('entry-stage').textContent()).toBe('Mới tiếp nhận tin báo')
    expect(await page.locator('main').textContent()).not.toContain('0912345678')

    // Interception, then handover to the ward's health station, each by a named body.
    await recordStep(page, 'Chặn giữ, phát hiện', 'Đồn Biên phòng Cửa khẩu Quốc tế Hà Tiên')
    await expect.poll(() => page.getByTestId('entry-stage').textContent()).toBe('Đã chặn giữ')
    await recordStep(page, 'Bàn giao', 'Đồn Biên phòng Cửa khẩu Quốc tế Hà Tiên', 'Trạm Y tế phường Hà Tiên')
    await expect.poll(() => page.getByTestId('entry-stage').textContent()).toBe('Đã bàn giao')

    // The three people, recorded in the registry from the case.
    const add = page.getByRole('form', { name: 'Thêm người' })
    for (const [i, name] of ['Sok', 'Chan', 'Keo'].entries()) {
      await add.getByLabel('Họ và tên').fill(`${name} Dara ${tag}`)
      await add.getByLabel('Năm sinh').fill(String(1990 + i))
      await add.getByRole('button', { name: 'Thêm người' }).click()
      await expect.poll(() => page.getByTestId('entry-case-people').locator('tbody tr', { hasText: tag }).count()).toBe(i + 1)
    }

    // A temporary facility of two places (made through the API: the facility form has its own journey).
    const { csrfToken } = await apiGet<{ csrfToken: string }>(context, '/api/auth/me')
    const made = await context.request.post('/api/quarantine/facilities', {
      data: { name: `Điểm cách ly tạm ${tag}`, kind: 'other', unitCode: '30769', capacity: 2 },
      headers: { 'x-csrf-token': csrfToken },
    })
    expect(made.status(), await made.text()).toBe(201)
    await page.reload()

    // The people placed one by one: the second fills it and the warning says so; the third is refused.
    const place = page.getByRole('form', { name: 'Đưa người vào cơ sở cách ly' })
    await place.getByLabel('Cơ sở cách ly').selectOption({ label: `Điểm cách ly tạm ${tag} (0/2)` })
    await chooseOrg(place.getByRole('group', { name: 'Cơ quan thực hiện' }), 'Trạm Y tế phường Hà Tiên')
    await place.getByRole('button', { name: 'Đưa vào cách ly' }).click()
    await expect.poll(() => page.getByTestId('entry-stage').textContent()).toBe('Đã đưa vào cách ly')
    await expect.poll(() => page.getByTestId('entry-case-people').textContent()).toContain(`Điểm cách ly tạm ${tag}`)
    await place.getByLabel('Cơ sở cách ly').selectOption({ label: `Điểm cách ly tạm ${tag} (1/2)` })
    await place.getByRole('button', { name: 'Đưa vào cách ly' }).click()
    const warnings = page.getByTestId('q-warnings')
    await expect.poll(() => warnings.textContent()).toContain(`Điểm cách ly tạm ${tag} đã đủ 2/2 người`)
    expect(await warnings.locator('.q-full').count()).toBe(1)
    const placedRows = page.getByTestId('entry-case-people').locator('tbody tr', { hasText: `Điểm cách ly tạm ${tag}` })
    await expect.poll(() => placedRows.count()).toBe(2)
    await place.getByLabel('Cơ sở cách ly').selectOption({ label: `Điểm cách ly tạm ${tag} (2/2)` })
    await place.getByRole('button', { name: 'Đưa vào cách ly' }).click()
    await expect.poll(() => place.getByRole('alert').textContent()).toContain('đã đủ 2 người')
    expect(await placedRows.count()).toBe(2)

    // The timeline names each step's body and the placement by the health station.
    const timeline = (await page.getByTestId('entry-timeline').textContent()) ?? ''
    expect(timeline).toContain('Đưa vào cách ly: Trạm Y tế phường Hà Tiên')
    // And the weekly counts of the border communes include it.
    await page.getByRole('navigation').getByRole('link', { name: 'Nhập cảnh trái phép', exact: true }).click()
    const weekly = page.getByTestId('entry-weekly').locator('tbody tr', { hasText: 'Hà Tiên' })
    await expect.poll(() => weekly.count()).toBeGreaterThan(0)
    expect(caseId).toBeGreaterThan(0)
    await context.close()
  })

  it('records an arrival from an epidemic zone and creates the home quarantine the zone requires in one click; zones, ports and checkpoints on screen', async () => {
    const context = await newContext(browser())
    const page = await context.newPage()
    await login(page, 'rachgia')
    await page.getByRole('navigation').getByRole('link', { name: 'Người đến địa phương' }).click()
    await page.getByRole('button', { name: 'Ghi người đến địa phương' }).click()
    const form = page.getByRole('form', { name: 'Ghi người đến địa phương' })
    const name = `Người Về Từ Thành Phố ${tag}`
    await form.getByLabel('Họ và tên').fill(name)
    await form.getByLabel('Năm sinh').fill('1985')
    await form.getByLabel('Địa chỉ nơi lưu trú').fill('Số 5 đường Lâm Quang Ky')
    await form.getByLabel('Đến từ').selectOption('domestic')
    await form.getByLabel('Tỉnh, thành phố nơi đi').selectOption({ label: 'Hồ Chí Minh' })
    await form.getByLabel(/^Ngày đến/).fill(vnFormat(vnDay()))
    await form.getByRole('button', { name: 'Ghi người đến' }).click()
    const row = page.getByTestId('entry-arrivals').locator('tbody tr', { hasText: name })
    await expect.poll(() => row.count()).toBe(1)
    expect(await row.textContent()).toContain('Cách ly tại nhà, nơi lưu trú · 14 ngày')
    await row.getByRole('button', { name: 'Tạo cách ly' }).click()
    await expect.poll(() => row.textContent()).toContain('Đã cách ly')
    expect(await row.getByRole('link', { name: /Đã cách ly/ }).getAttribute('href')).toMatch(/^\/quarantine\/placements\/\d+$/)

    await page.getByRole('navigation').getByRole('link', { name: 'Vùng dịch, cửa khẩu' }).click()
    await expect.poll(() => page.getByTestId('entry-zones').textContent()).toContain('Thành phố Hồ Chí Minh')
    await expect.poll(() => page.locator('main').textContent()).toContain('Cảng hàng không quốc tế Phú Quốc')
    await context.close()

    const border = await newContext(browser())
    const guard = await border.newPage()
    await login(guard, 'bienphong')
    await guard.getByRole('navigation').getByRole('link', { name: 'Chốt kiểm tra y tế' }).click()
    await expect.poll(() => guard.getByTestId('entry-checkpoints').textContent()).toContain('Chốt kiểm tra y tế Cửa khẩu Quốc tế Hà Tiên')
    await border.close()
  })

  it('edits a checkpoint, puts someone on duty and ends the duty, stops it; adds a port of entry, edits and closes it; gives a zone its end date', async () => {
    const context = await newContext(browser())
    const page = await context.newPage()
    await login(page, 'bienphong')
    await page.getByRole('navigation').getByRole('link', { name: 'Chốt kiểm tra y tế' }).click()
    await page.getByRole('button', { name: 'Lập chốt kiểm tra' }).click()
    const create = page.getByRole('form', { name: 'Lập chốt kiểm tra' })
    const name = `Chốt Thử ${tag}`
    await create.getByLabel('Tên chốt').fill(name)
    await create.getByLabel('Hoạt động từ ngày').fill(vnFormat(vnDay(-2)))
    await create.getByRole('button', { name: 'Lập chốt' }).click()
    await page.getByTestId('entry-checkpoints').getByRole('link', { name }).click()
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe(name)

    // Its name and place edited.
    await page.getByRole('button', { name: 'Sửa chốt' }).click()
    const edit = page.getByRole('form', { name: 'Sửa chốt' })
    await edit.getByLabel('Tên chốt').fill(`${name} (cầu)`)
    await edit.getByLabel('Vị trí').fill('Đầu cầu Xà Xía')
    await edit.getByRole('button', { name: 'Lưu chốt' }).click()
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe(`${name} (cầu)`)
    expect(await page.locator('main').textContent()).toContain('Đầu cầu Xà Xía')

    // Someone on duty from today, then their duty ended today.
    const staff = page.getByRole('form', { name: 'Bố trí người trực' })
    const who = `Người Trực ${tag}`
    await staff.getByLabel('Họ tên').fill(who)
    await staff.getByLabel('Nhiệm vụ').fill('Y tế')
    await staff.getByRole('button', { name: 'Thêm người trực' }).click()
    const row = page.getByTestId('entry-cp-staff').locator('tbody tr', { hasText: who })
    await expect.poll(() => row.count()).toBe(1)
    await row.getByRole('button', { name: `Kết thúc trực: ${who}` }).click()
    const end = page.getByRole('form', { name: `Kết thúc trực: ${who}` })
    await end.getByRole('button', { name: 'Kết thúc trực' }).click()
    await expect.poll(() => row.locator('td').nth(3).textContent()).toBe(vnFormat(vnDay()))

    // Stopped from today.
    const activation = page.getByRole('form', { name: 'Kích hoạt, dừng chốt' })
    await activation.getByLabel('Quyết định').fill(`QĐ ${tag}`)
    await activation.getByRole('button', { name: 'Dừng' }).click()
    await expect.poll(() => page.getByTestId('entry-cp-state').textContent()).toBe('Tạm dừng')
    await context.close()

    // The province adds a crossing, edits it and closes it.
    const province = await newContext(browser())
    const p = await province.newPage()
    await login(p, 'soyte')
    await p.getByRole('navigation').getByRole('link', { name: 'Vùng dịch, cửa khẩu' }).click()
    await p.getByRole('button', { name: 'Thêm cửa khẩu, cảng' }).click()
    const add = p.getByRole('form', { name: 'Thêm cửa khẩu, cảng' })
    const port = `Lối mở Thử ${tag}`
    await add.getByLabel(/^Mã/).fill(`LM-${tag}`)
    await add.getByLabel(/^Tên/).fill(port)
    await add.getByLabel('Loại').selectOption('crossing')
    await add.getByLabel('Tìm đơn vị (tên hoặc mã)').fill('30769')
    await add.getByRole('button', { name: /Hà Tiên/ }).first().click()
    await add.getByRole('button', { name: 'Lưu cửa khẩu, cảng' }).click()
    const ports = p.getByTestId('entry-ports')
    const portRow = ports.locator('tbody tr', { hasText: port })
    await expect.poll(() => portRow.count()).toBe(1)
    await portRow.getByRole('button', { name: `Sửa ${port}` }).click()
    const change = p.getByRole('form', { name: `Sửa ${port}` })
    await change.getByLabel('Căn cứ').fill('Bản đồ thử của Biên phòng')
    await change.getByLabel('Đang hoạt động (bỏ chọn để đóng)').uncheck()
    await change.getByRole('button', { name: 'Lưu', exact: true }).click()
    await expect.poll(() => portRow.textContent()).toMatch(/Đã đóng.*Bản đồ thử của Biên phòng/s)

    // A zone of its own is given its end date.
    await p.getByRole('button', { name: 'Thêm vùng dịch' }).click()
    const zoneForm = p.getByRole('form', { name: 'Thêm vùng dịch' })
    const zone = `Vùng Thử ${tag}`
    await zoneForm.getByLabel(/^Vùng dịch/).fill(zone)
    await zoneForm.getByLabel('Từ ngày').fill(vnFormat(vnDay(-10)))
    await zoneForm.getByLabel('Căn cứ').fill('Thông báo thử của BCĐ tỉnh')
    await zoneForm.getByRole('button', { name: 'Lưu vùng dịch' }).click()
    const zoneRow = p.getByTestId('entry-zones').locator('tbody tr', { hasText: zone })
    await expect.poll(() => zoneRow.count()).toBe(1)
    await zoneRow.getByRole('button', { name: `Sửa vùng dịch ${zone}` }).click()
    const zoneEdit = p.getByRole('form', { name: `Sửa vùng dịch ${zone}` })
    await zoneEdit.getByLabel('Đến ngày').fill(vnFormat(vnDay(-1)))
    await zoneEdit.getByRole('button', { name: 'Lưu vùng dịch' }).click()
    await expect.poll(() => zoneRow.textContent()).toContain(vnFormat(vnDay(-1)))
    await province.close()
  })
})
