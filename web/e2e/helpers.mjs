// Shared helpers of the end-to-end tests: Debian's Chromium through playwright-core,
// sign-in, the application form, screenshots. Selectors are data-test attributes.
// Every page from newPage audits its screens for accessibility (a11y.mjs): after each goto,
// in the helpers below that wait for a screen, and when its context closes.
import { chromium } from 'playwright-core'
import { mkdirSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import assert from 'node:assert/strict'
import { auditScreen, watchScreens } from './a11y.mjs'

export { auditScreen }

export const BASE = (process.env.WAISHI_URL ?? 'http://127.0.0.1:8099').replace(/\/$/, '')
export const PASSWORD = process.env.WAISHI_DEMO_PASSWORD ?? 'demo-Passw0rd'
export const LANGS = ['zh-CN', 'en-US']
/**
 * A signed-in API client for what a test does not show through the screen (cookie + CSRF
 * token): `await (await api('officer'))('POST', '/safety/incidents', body)` → {status, body}.
 */
export async function api(username) {
  const r = await fetch(`${BASE}/api/v1/auth/login`, {
    method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ username, password: PASSWORD }),
  })
  assert.equal(r.status, 200, `login ${username}`)
  const cookie = r.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ')
  const { csrf_token: csrf } = await r.json()
  return async (method, path, body) => {
    const res = await fetch(`${BASE}/api/v1${path}`, {
      method, headers: { Cookie: cookie, 'X-CSRF-Token': csrf, ...(body ? { 'Content-Type': 'application/json' } : {}) },
      body: body ? JSON.stringify(body) : undefined,
    })
    const text = await res.text()
    return { status: res.status, body: text ? JSON.parse(text) : null }
  }
}

/** A date n days from today in China (the server's calendar, which the demo's dates count from). */
export const day = (n) => new Date(Date.now() + 8 * 3600e3 + n * 86400e3).toISOString().slice(0, 10)

export const SHOTS = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'test-output', 'screenshots')
mkdirSync(SHOTS, { recursive: true })

/**
 * Chromium without its own interface's pages: since the new headless mode is the whole
 * browser, each window (a test's context) also loads the omnibox's popup, a WebUI page in a
 * renderer of its own, which cost 1.5 s of CPU a window (four fifths of what loading the sign-in
 * page costs in all; measured with /proc/PID/stat around page.goto('/login'), Chromium 156).
 */
const NO_BROWSER_UI = '--disable-features=WebUIOmniboxPopup,WebUIOmniboxAimPopup,WebUIOmniboxFullPopup'

export async function launch() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync', NO_BROWSER_UI],
  })
}

/**
 * A fresh browser context (own cookies) with a page at 1366×768 (or the given viewport). The
 * context asks for less motion (prefers-reduced-motion, which the UI honours: theme.css) unless
 * `motion` says 'no-preference': screens are then still the moment a test looks at them, and
 * Chromium, drawing without a GPU, does not spend the run's CPU on transitions.
 */
export async function newPage(browser, viewport = { width: 1366, height: 768 }, { motion = 'reduce' } = {}) {
  const context = await browser.newContext({ baseURL: BASE, viewport, locale: 'en-US', reducedMotion: motion })
  const page = await context.newPage()
  page.setDefaultTimeout(15000)
  page.on('pageerror', (e) => console.error(`[pageerror] ${e.message}`))
  return watchScreens(page)
}

export const sel = (name) => `[data-test="${name}"]`
/** The native input/textarea of an Element Plus input that carries data-test (it lands on the native element). */
export const inp = (name) => `:is(input,textarea)[data-test="${name}"], [data-test="${name}"] :is(input,textarea)`

export async function shot(page, name) {
  await auditScreen(page)
  await page.waitForTimeout(300)
  await page.screenshot({ path: join(SHOTS, `${name}.png`), fullPage: false })
}

/** Signs in on the sign-in page with the language switched to `lang` first. */
export async function login(page, username, lang, password = PASSWORD) {
  await page.goto('/login')
  await page.locator(sel(`lang-${lang}`)).click()
  await auditScreen(page)
  await page.locator(inp('login-username')).fill(username)
  await page.locator(inp('login-password')).fill(password)
  await page.locator(sel('login-submit')).click()
  await page.locator(sel('header-user')).waitFor()
  assert.equal(await page.getAttribute('html', 'lang'), lang)
  await auditScreen(page)
}

export async function logout(page) {
  await auditScreen(page)
  await page.locator(sel('logout')).click()
  await page.locator(sel('login-submit')).waitFor()
}

/** A resident ID with a valid GB 11643 check character. */
export function residentId(first17) {
  const w = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
  const sum = [...first17].reduce((s, c, i) => s + Number(c) * w[i], 0)
  return first17 + '10X98765432'[sum % 11]
}

export const field = (path) => sel(`field-${path}`)

async function fillText(page, path, value) {
  await page.locator(`${field(path)} input, ${field(path)} textarea`).first().fill(value)
}

/**
 * Picks a country in a country select (a locator): types the search, clicks the country's option
 * and checks that the select shows it. The list is redrawn as the search filters it, and a click
 * that lands during a redraw (on a loaded machine) picks nothing or the row that took the
 * option's place; the pick is then made again, up to three times.
 */
export async function pickCountryIn(select, code, search) {
  const option = select.locator(sel(`country-option-${code}`))
  for (let attempt = 1; ; attempt++) {
    await select.locator('.el-select__wrapper').click()
    await select.locator('input').first().fill(search)
    const label = (await option.locator('span').first().textContent()).trim()
    await option.click()
    const picked = select.locator('.el-select__placeholder:not(.is-transparent)', { hasText: label })
    try {
      await picked.waitFor({ timeout: 2000 })
      return
    } catch (e) {
      if (attempt === 3) throw new Error(`${code} (${label}) not picked after 3 tries: ${e.message}`)
      await select.page().keyboard.press('Escape')
    }
  }
}

/** Picks a country in the form's country field at `path`. */
export async function pickCountry(page, path, code, search) {
  await pickCountryIn(page.locator(field(path)), code, search)
}

export async function fillLeg(page, i, leg) {
  await pickCountry(page, `itinerary[${i}].country`, leg.country, leg.search)
  await fillText(page, `itinerary[${i}].city`, leg.city)
  await fillText(page, `itinerary[${i}].from`, leg.from)
  await fillText(page, `itinerary[${i}].to`, leg.to)
}

export async function fillMember(page, i, m) {
  await fillText(page, `members[${i}].name`, m.name)
  await fillText(page, `members[${i}].id_number`, m.id_number)
  await fillText(page, `members[${i}].unit`, m.unit)
  await fillText(page, `members[${i}].position`, m.position)
  await page.locator(`${field(`members[${i}].role`)} ${sel(`option-${m.role}`)}`).click()
  // the passport name is proposed from the Chinese name
  const pn = page.locator(`${field(`members[${i}].passport_name`)} input`)
  await page.waitForFunction((el) => el.value.length > 0, await pn.elementHandle(), { timeout: 10000 })
  if (m.passport_name) assert.equal(await pn.inputValue(), m.passport_name)
}

export const DE = { country: 'DE', search: 'Germany', city: 'Aachen', from: '2027-03-01', to: '2027-03-02' }
export const FR = { country: 'FR', search: '法国', city: 'Rouen', from: '2027-03-02', to: '2027-03-03' }
export const IT = { country: 'IT', search: 'Italy', city: 'Florence', from: '2027-03-03', to: '2027-03-04' }
export const GB = { country: 'GB', search: '英国', city: 'Nottingham', from: '2027-03-04', to: '2027-03-05' }
export const MEMBERS = [
  { name: '张昊', passport_name: 'ZHANG HAO', id_number: '11010519491231002X', unit: '宁波测试公司', position: '总经理', role: 'leader' },
  { name: '徐文杰', passport_name: 'XU WENJIE', id_number: residentId('33020319880512003'), unit: '宁波测试公司', position: '销售经理', role: 'member' },
]

/** Fills a new application: two members, two countries, inviter, funding, publicity. */
export async function fillApplication(page, purpose) {
  await page.locator(field('purpose')).waitFor()
  await auditScreen(page)
  await fillText(page, 'purpose', purpose)
  await fillText(page, 'departure_date', '2027-03-01')
  await fillText(page, 'return_date', '2027-03-05')
  await fillLeg(page, 0, DE)
  await page.locator(sel('add-itinerary')).click()
  await fillLeg(page, 1, FR)
  await fillMember(page, 0, MEMBERS[0])
  await page.locator(sel('add-members')).click()
  await fillMember(page, 1, MEMBERS[1])
  await fillText(page, 'inviter.name', 'Stadt Aachen')
  await pickCountry(page, 'inviter.country', 'DE', 'DE')
  await page.locator(`${field('inviter.kind')} ${sel('option-foreign_counterpart')}`).click()
  await fillText(page, 'funding.source', 'Company funds')
  await fillText(page, 'funding.budget_cny', '80000')
  await fillText(page, 'publicity_start', '2027-02-15')
}

/** Submits the form and waits for the case page; returns the case id. */
export async function submitApplication(page) {
  await page.locator(sel('submit-case')).click()
  await page.waitForURL(/\/cases\/\d+$/, { timeout: 20000 })
  await page.locator(sel('case-state')).waitFor()
  await auditScreen(page)
  return Number(new URL(page.url()).pathname.split('/').pop())
}

export async function caseState(page) {
  return page.locator(sel('case-state')).getAttribute('data-state')
}

export async function waitForState(page, state) {
  await page.waitForSelector(`${sel('case-state')}[data-state="${state}"]`, { timeout: 15000 })
}

/** Takes an action on the open case page (with a comment when given). */
export async function act(page, action, comment) {
  await page.locator(sel(`action-${action}`)).waitFor()
  await auditScreen(page)
  await page.locator(sel(`action-${action}`)).click()
  const dialog = page.locator('.el-dialog').filter({ has: page.locator(sel('action-confirm')) })
  await dialog.waitFor()
  if (comment) await dialog.locator(inp('action-comment')).fill(comment)
  await dialog.locator(sel('action-confirm')).click()
}

/** The UI's record of i18n keys it could not find. */
export async function missingKeys(page) {
  return page.evaluate(() => window.__i18nMissing ?? [])
}

/** Text that looks like an untranslated key (module.key...) on the page. */
export async function rawKeys(page) {
  // rule ids are shown on purpose inside <code>: leave them out
  const text = await page.evaluate(() => {
    const b = document.body.cloneNode(true)
    b.querySelectorAll('code').forEach((c) => c.remove())
    return b.innerText ?? b.textContent
  })
  return [...text.matchAll(/\b(?:common|auth|cases|travel|orgs|users|audit|reference|dashboard)\.[a-zA-Z_]+(?:\.[a-zA-Z_]+)*/g)].map((m) => m[0])
}

export async function assertTranslated(page, where) {
  await auditScreen(page)
  assert.deepEqual(await missingKeys(page), [], `missing i18n keys on ${where}`)
  assert.deepEqual(await rawKeys(page), [], `untranslated keys visible on ${where}`)
}
