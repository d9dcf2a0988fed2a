// A citizen's trips abroad in the browser (issue 11): the demo citizen opens "出境登记" in
// Chinese, reads the consent the server keeps (the catalogue's safety.consent.v1, word for word),
// registers a trip for themselves and a family member to 东京 (found by its Chinese name) then
// Osaka, some months ahead; nothing is sent while the consent is not ticked; a leg ending before
// it starts is refused beside that leg's end date; the registration then shows in the list with
// both people and both legs, and the consular desk finds them around Tokyo. The citizen
// withdraws the consent (after a confirmation), the list says so, the people are gone from the
// desk's search, and the page has every word in English too. The office has no such page.
// Every screen audited (a11y.mjs).
import { test, describe, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { readFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { api, auditScreen, BASE, day, inp, launch, login, missingKeys, newPage, PASSWORD, sel, shot } from './helpers.mjs'

let browser
before(async () => { browser = await launch() })
after(async () => { await browser?.close() })

// The consent's wording as the server's catalogue has it (the form must show the same).
const CATALOGUE = JSON.parse(readFileSync(join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'src', 'safety', 'messages.json'), 'utf8'))
const CONSENT = CATALOGUE['safety.consent.v1']

const TOKYO = { id: 1850147, lat: 35.6895, lon: 139.69171 }
const OSAKA = { id: 1853909 }

const run = Date.now().toString(36).slice(-5)
const SELF = `李华${run}`
const FAMILY = `李小明${run}`

/** Picks a place in leg i's picker by what is typed (Chinese or English). */
async function pickPlace(page, i, typed, id) {
  const picker = page.locator(sel(`reg-legs-${i}-place`))
  await picker.locator('.el-select__wrapper').click()
  await picker.locator('input').first().fill(typed)
  const option = picker.locator(sel(`place-option-${id}`))
  await option.waitFor()
  await option.click()
}

/** Presses the submit button and waits for the server's answer; returns its status and body. */
async function submit(page) {
  const answered = page.waitForResponse((r) => r.url().endsWith('/api/v1/safety/registrations') && r.request().method() === 'POST')
  await page.locator(sel('reg-submit')).click()
  const r = await answered
  return { status: r.status(), body: await r.json() }
}

/** Who the consular desk finds within 30 km of Tokyo over the trip's dates (names). */
async function foundAroundTokyo(officer) {
  const r = await officer('POST', '/safety/affected', { lat: TOKYO.lat, lon: TOKYO.lon, radius_km: 30, from: day(90), to: day(98), page_size: 200 })
  assert.equal(r.status, 200, JSON.stringify(r.body))
  return r.body.items.map((p) => p.name)
}

describe('trips abroad: the citizen\'s voluntary registration', () => {
  test('registers a trip for self and family to 东京 then Osaka, is refused a leg out of order and nothing without consent, then withdraws', async () => {
    const page = await newPage(browser)
    await login(page, 'citizen', 'zh-CN')
    await page.locator(sel('menu-safety-registrations')).click()
    await page.locator(sel('safety-registrations-page')).waitFor()
    await page.locator(`${sel('reg-list')} h2`).waitFor()
    assert.equal(await page.locator('h1').innerText(), '出境登记')
    // the consent shown is the one the server keeps as agreed
    assert.equal((await page.locator(sel('reg-consent-text')).innerText()).trim(), CONSENT.zh)
    await auditScreen(page)

    // the people: the citizen (self by default) and a family member
    assert.equal(await page.locator(`${sel('reg-people-0-relation-self')} input`).isChecked(), true)
    await page.locator(inp('reg-people-0-name')).fill(SELF)
    await page.locator(inp('reg-people-0-phone')).fill('+86 138 0574 0000')
    await page.locator(inp('reg-people-0-email')).fill(`lihua.${run}@example.cn`)
    await page.locator(sel('reg-person-add')).click()
    await page.locator(inp('reg-people-1-name')).waitFor()
    assert.equal(await page.locator(`${sel('reg-people-1-relation-family')} input`).isChecked(), true)
    assert.equal(await page.evaluate(() => document.activeElement?.id), 'reg-people-1-name', 'the new person\'s name takes the focus')
    await page.locator(inp('reg-people-1-name')).fill(FAMILY)

    // the legs: 东京 typed in Chinese, then Osaka; the second one's end before its start
    await pickPlace(page, 0, '东京', TOKYO.id)
    assert.match(await page.locator(`${sel('reg-legs-0-place')} .el-select__placeholder`).innerText(), /东京 Tokyo · JP/)
    await page.locator(inp('reg-legs-0-from')).fill(day(90))
    await page.locator(inp('reg-legs-0-to')).fill(day(94))
    await page.locator(sel('reg-leg-add')).click()
    await page.locator(sel('reg-leg-1')).waitFor()
    assert.equal(await page.locator(inp('reg-legs-1-from')).inputValue(), day(94), 'the next leg begins the day the last one ends')
    await pickPlace(page, 1, 'Osaka', OSAKA.id)
    await page.locator(inp('reg-legs-1-to')).fill(day(92))

    // without the consent ticked, nothing is sent: the box says why
    let posts = 0
    const count = (r) => { if (r.method() === 'POST' && r.url().endsWith('/api/v1/safety/registrations')) posts++ }
    page.on('request', count)
    await page.locator(sel('reg-submit')).click()
    await page.locator(sel('reg-consent-error')).waitFor()
    assert.equal(await page.locator(sel('reg-consent-error')).innerText(), '请先勾选同意声明，才能提交登记。')
    await page.locator(sel('reg-errors')).waitFor()
    assert.equal(await page.evaluate(() => document.activeElement?.getAttribute('data-test')), 'reg-errors', 'the list of problems takes the focus')
    await page.waitForTimeout(300)
    assert.equal(posts, 0, 'no registration sent without consent')
    await shot(page, 'safety-registrations-no-consent-zh')
    page.off('request', count)

    // ticked: the server refuses the second leg's end, beside it (and only it), in Chinese
    await page.locator(sel('reg-consent')).click()
    assert.equal(await page.locator(sel('reg-consent-error')).count(), 0)
    const refused = await submit(page)
    assert.equal(refused.status, 422)
    assert.deepEqual(refused.body.error.details.map((d) => [d.field, d.rule]), [['legs[1].to', 'safety.window_order']])
    const toError = page.locator(sel('reg-legs-1-to-error'))
    await toError.waitFor()
    assert.equal(await toError.innerText(), '结束日期不能早于开始日期。')
    assert.equal(await page.locator(inp('reg-legs-1-to')).getAttribute('aria-invalid'), 'true')
    assert.match(await page.locator(inp('reg-legs-1-to')).getAttribute('aria-describedby'), /reg-legs-1-to-error/)
    assert.equal(await page.locator(sel('reg-legs-0-to-error')).count(), 0)
    assert.match(await page.locator(sel('reg-errors')).innerText(), /第 2 段行程，结束日期：结束日期不能早于开始日期。/)
    await shot(page, 'safety-registrations-refused-zh')

    // corrected: registered, and shown in the list with both people and both legs
    await page.locator(inp('reg-legs-1-to')).fill(day(98))
    // the error goes once the date is changed
    await page.locator(sel('reg-legs-1-to-error')).waitFor({ state: 'detached' })
    const made = await submit(page)
    assert.equal(made.status, 201, JSON.stringify(made.body))
    const id = made.body.id
    assert.equal(made.body.purpose.zh, CONSENT.zh)
    const card = page.locator(sel(`registration-${id}`))
    await card.waitFor()
    assert.equal(await card.getAttribute('data-state'), 'active')
    assert.equal(await page.locator(sel(`registration-state-${id}`)).innerText(), '有效')
    assert.equal(await page.evaluate(() => document.activeElement?.id), `registration-${id}-title`, 'the new registration takes the focus')
    assert.equal(await card.locator('tbody tr').count(), 2)
    const self = page.locator(sel(`registration-${id}-person-0`))
    const family = page.locator(sel(`registration-${id}-person-1`))
    assert.match(await self.innerText(), new RegExp(`${SELF}\\s+本人\\s+\\+86 138 0574 0000\\s+lihua\\.${run}@example\\.cn`))
    assert.match(await family.innerText(), new RegExp(`${FAMILY}\\s+家人\\s+无\\s+无`))
    for (const person of [self, family]) {
      const legs = person.locator('li')
      assert.equal(await legs.count(), 2)
      assert.match(await legs.nth(0).innerText(), /^Tokyo（日本），.+至.+$/)
      assert.match(await legs.nth(1).innerText(), /^Osaka（日本），/)
    }
    // the form is ready for another trip: the consent to be ticked again
    assert.equal(await page.locator(`${sel('reg-consent')} input`).isChecked(), false)
    await shot(page, 'safety-registrations-registered-zh')

    // the consular desk finds them around Tokyo while the consent stands
    const officer = await api('officer')
    const before = await foundAroundTokyo(officer)
    assert.ok(before.includes(SELF) && before.includes(FAMILY), `the desk finds both: ${before.join(', ')}`)

    // withdrawn after a confirmation: the list says so, the people and legs are gone
    await page.locator(sel(`registration-withdraw-${id}`)).click()
    const box = page.locator('.withdraw-consent-dialog')
    await box.waitFor()
    assert.match(await box.innerText(), new RegExp(`登记 ${id} 中的人员和行程将立即从登记库中删除`))
    await auditScreen(page)
    await box.locator('.el-button--primary').click()
    await page.locator(`${sel(`registration-${id}`)}[data-state="withdrawn"]`).waitFor()
    assert.equal(await page.locator(sel(`registration-state-${id}`)).innerText(), '已撤回')
    assert.match(await page.locator(sel(`registration-withdrawn-${id}`)).innerText(), /撤回同意，人员和行程已删除。/)
    assert.equal(await page.locator(sel(`registration-withdraw-${id}`)).count(), 0)
    assert.equal(await card.locator('tbody tr').count(), 0)
    await shot(page, 'safety-registrations-withdrawn-zh')
    // as the server has it too, after a reload
    await page.reload()
    await page.locator(`${sel(`registration-${id}`)}[data-state="withdrawn"]`).waitFor()

    // the consular desk no longer finds the withdrawn people
    const afterwards = await foundAroundTokyo(officer)
    assert.ok(!afterwards.includes(SELF) && !afterwards.includes(FAMILY), `withdrawn people still found: ${afterwards.join(', ')}`)
    // and a second withdrawal is refused by the server
    const citizen = await api('citizen')
    const again = await citizen('POST', `/safety/registrations/${id}/withdraw`)
    assert.equal(again.status, 409)
    assert.equal(again.body.error.code, 'safety.consent_withdrawn')

    // every word in English too
    await page.locator(sel('lang-en-US')).click()
    await page.locator('html[lang="en-US"]').waitFor()
    assert.equal(await page.locator('h1').innerText(), 'Trips abroad')
    assert.equal((await page.locator(sel('reg-consent-text')).innerText()).trim(), CONSENT.en)
    assert.equal(await page.locator(sel(`registration-state-${id}`)).innerText(), 'Withdrawn')
    await shot(page, 'safety-registrations-en')
    assert.deepEqual(await missingKeys(page), [])
    // the refusal beside a date, in English
    await page.locator(inp('reg-legs-0-from')).fill(day(100))
    await page.locator(inp('reg-legs-0-to')).fill(day(99))
    await pickPlace(page, 0, 'Tokyo', TOKYO.id)
    await page.locator(sel('reg-consent')).click()
    assert.equal((await submit(page)).status, 422)
    await page.locator(sel('reg-legs-0-to-error')).waitFor()
    assert.equal(await page.locator(sel('reg-legs-0-to-error')).innerText(), 'The end date cannot be before the start date.')
    await shot(page, 'safety-registrations-refused-en')
    assert.deepEqual(await missingKeys(page), [])
    // back to Chinese for the next tests (the language is the user's)
    await page.locator(sel('lang-zh-CN')).click()
    await page.locator('html[lang="zh-CN"]').waitFor()
    await page.context().close()
  })

  test('the office has no such page: no entry, and the URL is not found', async () => {
    const page = await newPage(browser)
    await login(page, 'officer', 'zh-CN')
    await page.locator(sel('side-menu')).waitFor()
    assert.equal(await page.locator(sel('menu-safety-registrations')).count(), 0)
    await page.goto('/safety/registrations')
    await page.locator(sel('not-found')).waitFor()
    await page.context().close()
  })
})
