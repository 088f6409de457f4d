import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core'
import { afterAll, beforeAll, inject } from 'vitest'
import { DEMO_PASSWORD } from './server.ts'

export const baseUrl = (): string => inject('baseUrl')

/** Debian's Chromium, headless, with software WebGL for the map; nothing is downloaded. */
export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: [
      '--headless=new',
      '--no-sandbox',
      '--disable-gpu',
      '--enable-unsafe-swiftshader',
      '--use-angle=swiftshader',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--disable-dev-shm-usage',
    ],
  })
}

/** One browser for the journeys of a test file, launched before them and closed after; call inside `describe`. */
export function browserForFile(): () => Browser {
  let browser: Browser | undefined
  beforeAll(async () => {
    browser = await launchBrowser()
  })
  afterAll(async () => {
    await browser?.close()
  })
  return () => {
    if (!browser) throw new Error('the browser is not launched yet')
    return browser
  }
}

/** A fresh browser session; `origin` is the shared server unless a journey runs its own. */
export async function newContext(browser: Browser, width = 1280, height = 900, origin = baseUrl()): Promise<BrowserContext> {
  const context = await browser.newContext({ viewport: { width, height }, locale: 'vi-VN', baseURL: origin, acceptDownloads: true })
  context.setDefaultTimeout(20_000)
  return context
}

/** Signs in through the login form and waits for the overview. */
export async function login(page: Page, username: string, password = DEMO_PASSWORD): Promise<void> {
  await page.goto('/login')
  await page.getByLabel('Tên đăng nhập').fill(username)
  await page.getByLabel('Mật khẩu').fill(password)
  await page.getByRole('button', { name: 'Đăng nhập' }).click()
  await page.getByRole('button', { name: 'Đăng xuất' }).waitFor()
}

/** Signs out through the header button and waits for the login page. */
export async function logout(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Đăng xuất' }).click()
  await page.waitForURL(/\/login/)
}

/** Today in Vietnam as yyyy-mm-dd, shifted by `days`: the server's calendar, whatever the machine's zone. */
export function vnDay(days = 0, from = new Date()): string {
  const shifted = new Date(from.getTime() + days * 86_400_000)
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Ho_Chi_Minh', year: 'numeric', month: '2-digit', day: '2-digit' }).format(shifted)
}

/** yyyy-mm-dd → dd/mm/yyyy */
export const vnFormat = (iso: string) => `${iso.slice(8, 10)}/${iso.slice(5, 7)}/${iso.slice(0, 4)}`

/** A JSON API call with the browser context's session (for looking up test data, as admin). */
export async function apiGet<T>(context: BrowserContext, path: string): Promise<T> {
  const res = await context.request.get(path)
  if (!res.ok()) throw new Error(`GET ${path}: ${res.status()} ${await res.text()}`)
  return (await res.json()) as T
}

/** Chooses a unit in a filter form's unit picker (found by `query`, e.g. a name without diacritics) and applies the form. */
export async function pickUnit(page: Page, form: string, query: string, button: RegExp): Promise<void> {
  const filters = page.getByRole('search', { name: form })
  await filters.getByLabel('Tìm đơn vị (tên hoặc mã)').fill(query)
  await filters.getByRole('button', { name: button }).click()
  await filters.getByRole('button', { name: 'Xem', exact: true }).click()
}
