import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core'
import { inject } from 'vitest'

export const DEMO_PASSWORD = 'phongdich2026'

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

export async function newContext(browser: Browser, width = 1280, height = 900): Promise<BrowserContext> {
  const context = await browser.newContext({ viewport: { width, height }, locale: 'vi-VN', baseURL: baseUrl() })
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

/** A JSON API call with the browser context's session (for looking up test data, as admin). */
export async function apiGet<T>(context: BrowserContext, path: string): Promise<T> {
  const res = await context.request.get(path)
  if (!res.ok()) throw new Error(`GET ${path}: ${res.status()} ${await res.text()}`)
  return (await res.json()) as T
}
