// Issue 14: everything reachable and operable by keyboard alone. A green-channel enterprise user signs in,
// fills in and submits an application, signs out; the officer signs in, finds it in the queue
// and opens it, opens an action dialog (focus stays inside, and returns to the button when it
// closes) and switches to larger text. Only page.keyboard is used after the sign-in URL: Tab,
// Shift+Tab, Enter, Space, arrow keys and Escape; no mouse, no element.click().
import { after, before, test } from 'node:test'
import assert from 'node:assert/strict'
import { MEMBERS, PASSWORD, auditScreen, launch, newPage, sel } from './helpers.mjs'

let browser
before(async () => { browser = await launch() })
after(async () => { await browser?.close() })

/** What has the focus: its data-test (or that of the nearest ancestor), tag and whether its focus can be seen. */
const focused = (page) => page.evaluate(() => {
  const el = document.activeElement
  if (!el || el === document.body) return { test: null, visible: false }
  const style = getComputedStyle(el)
  const ring = style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) >= 2
  // a field's ring is drawn by its Element Plus wrapper (theme.css)
  const wrapper = el.closest('.el-input__wrapper, .el-select__wrapper')
  const wrapperRing = !!wrapper && /0px 0px 0px 2px/.test(getComputedStyle(wrapper).boxShadow)
  const textarea = el.tagName === 'TEXTAREA' && /0px 0px 0px 2px/.test(style.boxShadow)
  // radios and checkboxes: the ring is on the box next to the hidden native input
  const box = el.matches('.el-radio__original, .el-checkbox__original') && el.nextElementSibling
    && getComputedStyle(el.nextElementSibling).outlineStyle !== 'none'
  return { test: el.closest('[data-test]')?.getAttribute('data-test') ?? null, tag: el.tagName, visible: ring || wrapperRing || textarea || !!box }
})

/**
 * Presses Tab (or Shift+Tab) until the focused element matches `css`; fails after `max`
 * presses. Every stop on the way must show where the focus is (WCAG 2.4.7).
 */
async function tabTo(page, css, { back = false, max = 80 } = {}) {
  for (let i = 0; i < max; i++) {
    await page.keyboard.press(back ? 'Shift+Tab' : 'Tab')
    let f = await focused(page)
    if (f.tag && !f.visible) { // Element Plus animates its fields' rings in
      await page.waitForTimeout(350)
      f = await focused(page)
    }
    if (f.tag) assert.ok(f.visible, `the focus can be seen on ${f.tag} [data-test=${f.test}]`)
    if (await page.evaluate((c) => document.activeElement?.matches(c) ?? false, css)) return
  }
  assert.fail(`${css} not reached with ${max} presses of ${back ? 'Shift+Tab' : 'Tab'}`)
}

const inField = (path, what = 'input, textarea') => what.split(',').map((w) => `[data-test="field-${path}"] ${w.trim()}`).join(', ')

async function typeInto(page, path, text) {
  await tabTo(page, inField(path))
  await page.keyboard.type(text)
}

/** A native date input: the browser's segments (the context's locale, en-US: month, day, year). */
async function typeDate(page, path, iso) {
  const [y, m, d] = iso.split('-')
  await typeInto(page, path, `${m}${d}${y}`)
  assert.equal(await page.locator(inField(path, 'input')).inputValue(), iso)
}

/** A filterable country select: type to filter, arrow down to the first match, Enter. */
async function pickCountry(page, path, search, code) {
  await typeInto(page, path, search)
  await page.locator(`[data-test="field-${path}"] [data-test="country-option-${code}"]`).waitFor()
  await page.keyboard.press('ArrowDown')
  await page.keyboard.press('Enter')
  await page.waitForFunction(({ p, code }) => {
    const el = document.querySelector(`[data-test="country-option-${code}"]`)
    return el?.classList.contains('is-selected') && document.querySelector(`[data-test="field-${p}"]`) !== null
  }, { p: path, code })
}

/** A radio group: Tab into it, then arrow keys until `value` is checked (arrows move and check). */
async function chooseRadio(page, path, value) {
  await tabTo(page, `[data-test="field-${path}"] input[type="radio"]`)
  for (let i = 0; i < 6; i++) {
    const v = await page.evaluate(() => document.activeElement.value)
    if (v === value) { await page.keyboard.press('Space'); break }
    await page.keyboard.press('ArrowRight')
  }
  assert.equal(await page.locator(`[data-test="field-${path}"] input[type="radio"]:checked`).getAttribute('value'), value)
}

async function signIn(page, username) {
  await tabTo(page, '#login-username')
  await page.keyboard.type(username)
  await page.keyboard.press('Tab')
  await page.keyboard.type(PASSWORD)
  await page.keyboard.press('Enter')
  await page.locator(sel('header-user')).waitFor()
}

/** Back up to the header's sign-out button, then Enter. */
async function signOut(page) {
  await tabTo(page, sel('logout'), { back: true })
  await page.keyboard.press('Enter')
  await page.locator(sel('login-submit')).waitFor()
}

const largerText = (page) => page.evaluate(() => document.documentElement.classList.contains('larger-text'))

test('keyboard only: apply, submit, and open the application as the officer', async () => {
  const page = await newPage(browser)
  const purpose = `E2E keyboard ${Math.random().toString(36).slice(2, 7)}`
  await page.goto('/login')
  await signIn(page, 'ent.green') // green channel: straight to the office, where the officer can act
  await page.locator(sel('applications-page')).waitFor()
  await auditScreen(page)

  // the skip link is the first stop; it moves the focus to the page, past header and menu
  await page.keyboard.press('Tab')
  assert.equal((await focused(page)).test, 'skip-link')
  await page.keyboard.press('Enter')
  await tabTo(page, sel('new-application'), { max: 3 })
  await page.keyboard.press('Enter')
  await page.locator(sel('field-purpose')).waitFor()
  await auditScreen(page)

  await typeInto(page, 'purpose', purpose)
  await typeDate(page, 'departure_date', '2027-03-01')
  await typeDate(page, 'return_date', '2027-03-05')
  await pickCountry(page, 'itinerary[0].country', 'Germany', 'DE')
  await typeInto(page, 'itinerary[0].city', 'Aachen')
  await typeDate(page, 'itinerary[0].from', '2027-03-01')
  await typeDate(page, 'itinerary[0].to', '2027-03-05')
  const m = MEMBERS[0]
  await typeInto(page, 'members[0].name', m.name)
  await typeInto(page, 'members[0].id_number', m.id_number)
  await typeInto(page, 'members[0].unit', m.unit)
  await typeInto(page, 'members[0].position', m.position)
  await chooseRadio(page, 'members[0].role', 'leader')
  await page.waitForFunction(() => document.querySelector('[data-test="field-members[0].passport_name"] input')?.value === 'ZHANG HAO')
  await typeInto(page, 'inviter.name', 'Stadt Aachen')
  await pickCountry(page, 'inviter.country', 'DE', 'DE')
  await chooseRadio(page, 'inviter.kind', 'foreign_counterpart')
  await typeInto(page, 'funding.source', 'Company funds')
  await typeInto(page, 'funding.budget_cny', '50000')
  await typeDate(page, 'publicity_start', '2027-02-15')
  await page.locator(`${sel('live-rules')} ${sel('live-ok')}`).waitFor()

  await tabTo(page, sel('submit-case'))
  await page.keyboard.press('Enter')
  await page.waitForURL(/\/cases\/\d+$/, { timeout: 20000 })
  await page.locator(sel('case-state')).waitFor()
  const number = (await page.locator(sel('case-number')).innerText()).trim()
  assert.equal(await page.locator(sel('case-state')).getAttribute('data-state'), 'office_review')

  await signOut(page)

  // the officer: the queue's search finds the application, its link opens it
  await signIn(page, 'officer')
  await page.locator(sel('queue-page')).waitFor()
  await tabTo(page, 'input[data-test="filter-q"]')
  await page.keyboard.type(number)
  await page.keyboard.press('Enter')
  const link = `a[data-test="case-link"][data-number="${number}"]`
  await page.locator(link).waitFor()
  await tabTo(page, link)
  await page.keyboard.press('Enter')
  await page.waitForURL(/\/cases\/\d+$/)
  await page.locator(sel('case-number')).waitFor()
  assert.equal((await page.locator(sel('case-number')).innerText()).trim(), number)
  await auditScreen(page)

  // an action's dialog keeps the focus inside and gives it back to its button when it closes
  const actionButton = '[data-test^="action-"]:not([data-test="action-dialog"])'
  await tabTo(page, actionButton)
  const opener = (await focused(page)).test
  await page.keyboard.press('Enter')
  const dialog = page.locator('.el-dialog').filter({ has: page.locator(sel('action-confirm')) })
  await dialog.waitFor()
  for (let i = 0; i < 12; i++) {
    await page.keyboard.press('Tab')
    assert.ok(await page.evaluate(() => !!document.activeElement?.closest('.el-dialog')), `Tab ${i + 1} stays in the dialog`)
  }
  await page.keyboard.press('Escape')
  await dialog.waitFor({ state: 'hidden' })
  await page.waitForFunction((t) => document.activeElement?.getAttribute('data-test') === t, opener)

  // larger text, switched on by keyboard, is remembered for the officer
  await tabTo(page, sel('larger-text'), { back: true })
  await page.keyboard.press('Space')
  await page.waitForFunction(() => document.documentElement.classList.contains('larger-text'))
  await auditScreen(page)
  await signOut(page)
  assert.equal(await largerText(page), false, 'signed out: normal text')
  await signIn(page, 'officer')
  assert.equal(await largerText(page), true, 'the officer\'s choice is remembered')
  await page.context().close()
})
