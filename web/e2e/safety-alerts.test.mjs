// Travel alerts in the browser: the officer writes an alert for Iceland in force today and
// publishes it, and the public page (another browser, not signed in) shows it with its level's
// words, on a map whose name says it too, in both languages; an alert for a list of cities (Kyoto
// found by its Chinese name, Osaka by its English one in Japan) is shown on the public page with
// both cities' names in both languages, and one with no city is refused beside the cities
// control; the officer asks to send an alert
// and sees how many it would reach, their own review is refused with the server's words, and
// the approver reviews it and it is sent; a period ending before it starts and an alert with no
// country are refused beside "valid until" and the area; the auditor reads the alerts without
// any way to change them; a citizen has no entry and the URL is not found for them.
// Every screen audited (a11y.mjs).
import { test, describe, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { api, auditScreen, BASE, day, inp, launch, login, missingKeys, newPage, PASSWORD, sel, shot } from './helpers.mjs'

let browser
before(async () => { browser = await launch() })
after(async () => { await browser?.close() })

const run = Date.now().toString(36)

/** Opens the new-alert dialog from the list. */
async function openForm(page) {
  await page.locator(sel('menu-safety-alerts')).click()
  await page.locator(sel('safety-alerts-page')).waitFor()
  await page.locator(sel('alert-new')).click()
  await page.locator(sel('alert-form')).waitFor()
}

async function fillTexts(page, title) {
  await page.locator(inp('alert-title_zh')).fill(`${title}(中文)`)
  await page.locator(inp('alert-title_en')).fill(title)
  await page.locator(inp('alert-body_zh')).fill('雷克雅内斯半岛火山喷发,请远离熔岩区并听从当地政府指示。')
  await page.locator(inp('alert-body_en')).fill('An eruption on the Reykjanes peninsula: keep away from the lava field and follow the authorities.')
}

async function pickAlertCountry(page, code, search) {
  const s = page.locator(sel('alert-area-item'))
  await s.locator('.el-select__wrapper').click()
  await s.locator('input').first().fill(search)
  await page.locator(sel(`alert-country-${code}`)).click()
  await page.keyboard.press('Escape')
}

// The gazetteer's Kyoto and Osaka (GeoNames ids, build/places.csv).
const KYOTO = 1857910
const OSAKA = 1853909

/** Chooses the area "cities" in the dialog. */
async function chooseCities(page) {
  await page.locator(sel('alert-kind-cities')).click()
  await page.locator(sel('alert-cities')).waitFor()
}

/** Adds a city to the alert's list: typed (Chinese or English) in the picker, chosen by its gazetteer id. */
async function addAlertCity(page, typed, id) {
  const picker = page.locator(sel('alert-city'))
  await picker.locator('.el-select__wrapper').click()
  await picker.locator('input').first().fill(typed)
  const option = picker.locator(sel(`place-option-${id}`))
  await option.waitFor()
  await option.click()
}

/** The cities listed in the dialog, as shown. */
const listedCities = (page) => page.locator(`${sel('alert-cities-list')} .city-name`).allInnerTexts()

/** Presses Save and waits for the server's answer; returns its status. */
async function save(page) {
  const answered = page.waitForResponse((r) => r.url().endsWith('/api/v1/safety/alerts') && r.request().method() === 'POST')
  await page.locator(sel('alert-save')).click()
  return (await answered).status()
}

describe('travel alerts', () => {
  test('the officer writes and publishes an alert for Iceland; the public page shows it, without sign-in, in both languages', async () => {
    const page = await newPage(browser)
    await login(page, 'officer', 'en-US')
    await openForm(page)
    await page.locator(sel('alert-level-2-radio')).click()
    await pickAlertCountry(page, 'IS', 'Iceland')
    const title = `Volcano near Grindavík ${run}`
    await fillTexts(page, title)
    for (const f of ['valid_from', 'valid_until']) await page.locator(inp(`alert-${f}`)).fill(day(0))
    await page.locator(inp('alert-review_on')).fill(day(7))
    await shot(page, 'safety-alerts-form-en')
    assert.equal(await save(page), 201)
    await page.locator(sel('safety-alert-page')).waitFor()
    assert.equal(await page.locator(sel('alert-state')).getAttribute('data-state'), 'draft')
    assert.match(await page.locator(sel('alert-area')).innerText(), /Iceland/)
    await page.locator(sel('alert-publish')).click()
    await page.locator(`${sel('alert-state')}[data-state="published"]`).waitFor()
    const id = page.url().match(/\/safety\/alerts\/(\d+)/)[1]
    await shot(page, 'safety-alert-detail-en')
    await page.locator(sel('alert-withdraw')).waitFor()
    await page.goto('/safety/alerts')
    await page.locator(sel(`alert-state-${id}`)).waitFor()
    assert.equal(await page.locator(sel(`alert-state-${id}`)).innerText(), 'Published')
    await shot(page, 'safety-alerts-list-en')
    assert.deepEqual(await missingKeys(page), [])
    await page.context().close()

    // the public: another browser, no sign-in
    const pub = await newPage(browser)
    await pub.goto('/travel-alerts')
    await pub.locator(sel('lang-en-US')).click()
    const card = pub.locator(sel(`travel-alert-${id}`))
    await card.waitFor()
    assert.match(await card.innerText(), new RegExp(`Travel with caution[\\s\\S]*${title}[\\s\\S]*Iceland`))
    assert.match(await pub.locator(sel('travel-alerts-hotline')).innerText(), /\+86-10-12308/)
    const chart = pub.locator(sel('world-map-chart'))
    await chart.waitFor()
    assert.equal(await chart.getAttribute('role'), 'img')
    assert.match(await chart.getAttribute('aria-label'), /Travel with caution: Iceland\./)
    await shot(pub, 'travel-alerts-en')
    await pub.locator(sel('lang-zh-CN')).click()
    await pub.locator('html[lang="zh-CN"]').waitFor()
    assert.match(await card.innerText(), /谨慎前往[\s\S]*冰岛/)
    assert.match(await chart.getAttribute('aria-label'), /谨慎前往:冰岛。|谨慎前往: 冰岛\./)
    await shot(pub, 'travel-alerts-zh')
    assert.deepEqual(await missingKeys(pub), [])
    await pub.context().close()
  })

  test('the officer writes an alert for Kyoto and Osaka, found in Chinese and in English; the public page names both in both languages', async () => {
    const page = await newPage(browser)
    await login(page, 'officer', 'en-US')
    await openForm(page)
    await page.locator(sel('alert-level-3-radio')).click()
    await chooseCities(page)
    assert.equal(await page.locator(sel('alert-cities-none')).innerText(), 'No city added yet.')
    await addAlertCity(page, '京都', KYOTO)
    await page.locator(`${sel('alert-cities-list')} [data-place="${KYOTO}"]`).waitFor()
    // the second kept to one country: Japan
    const country = page.locator(sel('alert-city-country'))
    await country.locator('.el-select__wrapper').click()
    await country.locator('input').first().fill('Japan')
    await page.locator(sel('alert-city-country-JP')).click()
    await addAlertCity(page, 'Osaka', OSAKA)
    await page.locator(`${sel('alert-cities-list')} [data-place="${OSAKA}"]`).waitFor()
    assert.equal(await page.locator(sel('alert-cities-news')).innerText(), 'Added Osaka (Japan).')
    // a city listed already is not listed twice
    await addAlertCity(page, 'Kyoto', KYOTO)
    await page.locator(sel('alert-cities-news')).filter({ hasText: 'Kyoto (Japan) is in the list already.' }).waitFor()
    assert.deepEqual(await listedCities(page), ['Kyoto (Japan)', 'Osaka (Japan)'])
    assert.equal(await page.locator(sel('alert-city-remove-1')).getAttribute('aria-label'), 'Remove Osaka (Japan)')
    const formMap = page.locator(`${sel('alert-cities')} ${sel('world-map-chart')}`)
    await formMap.waitFor()
    assert.match(await formMap.getAttribute('aria-label'), /Kyoto, Osaka \(Japan\)\./)
    const title = `Typhoon in Kansai ${run}`
    await fillTexts(page, title)
    for (const f of ['valid_from', 'valid_until']) await page.locator(inp(`alert-${f}`)).fill(day(0))
    await page.locator(inp('alert-review_on')).fill(day(3))
    await auditScreen(page, { force: true })
    await shot(page, 'safety-alerts-form-cities-en')
    const sent = page.waitForRequest((r) => r.url().endsWith('/api/v1/safety/alerts') && r.method() === 'POST')
    assert.equal(await save(page), 201)
    assert.deepEqual((await sent).postDataJSON().area, { kind: 'cities', place_ids: [KYOTO, OSAKA] })
    await page.locator(sel('safety-alert-page')).waitFor()
    assert.equal(await page.locator(sel('alert-area')).innerText(), 'Kyoto, Osaka (Japan)')
    await page.locator(sel('alert-publish')).click()
    await page.locator(`${sel('alert-state')}[data-state="published"]`).waitFor()
    const id = page.url().match(/\/safety\/alerts\/(\d+)/)[1]
    await shot(page, 'safety-alert-detail-cities-en')
    await page.goto('/safety/alerts')
    await page.locator(sel(`alert-open-${id}`)).waitFor()
    const row = page.locator('tr', { has: page.locator(sel(`alert-open-${id}`)) })
    assert.match(await row.innerText(), /Kyoto, Osaka \(Japan\)/)
    assert.deepEqual(await missingKeys(page), [])
    await page.context().close()

    // the public: another browser, no sign-in
    const pub = await newPage(browser)
    await pub.goto('/travel-alerts')
    await pub.locator(sel('lang-en-US')).click()
    const card = pub.locator(sel(`travel-alert-${id}`))
    await card.waitFor()
    assert.match(await card.innerText(), new RegExp(`Do not travel for now[\\s\\S]*${title}`))
    assert.equal(await card.locator(sel('travel-alert-area')).innerText(), 'Kyoto, Osaka (Japan)')
    const chart = pub.locator(sel('world-map-chart'))
    await chart.waitFor()
    assert.match(await chart.getAttribute('aria-label'), /Do not travel for now: Kyoto, Osaka \(Japan\)\./)
    await shot(pub, 'travel-alerts-cities-en')
    await pub.locator(sel('lang-zh-CN')).click()
    await pub.locator('html[lang="zh-CN"]').waitFor()
    assert.match(await card.innerText(), /暂勿前往/)
    assert.equal(await card.locator(sel('travel-alert-area')).innerText(), '京都、大阪（日本）')
    assert.match(await chart.getAttribute('aria-label'), /暂勿前往: 京都、大阪（日本）\./)
    await shot(pub, 'travel-alerts-cities-zh')
    assert.deepEqual(await missingKeys(pub), [])
    await pub.context().close()
  })

  test('a cities alert with no city is refused beside the cities control', async () => {
    const page = await newPage(browser)
    await login(page, 'officer', 'zh-CN')
    await openForm(page)
    await chooseCities(page)
    await addAlertCity(page, '京都', KYOTO)
    assert.deepEqual(await listedCities(page), ['京都（日本）'])
    // removed with the keyboard: the focus goes back to the search
    await page.locator(sel('alert-city-remove-0')).focus()
    await page.keyboard.press('Enter')
    await page.locator(sel('alert-cities-none')).waitFor()
    assert.equal(await page.locator(sel('alert-cities-news')).innerText(), '已移除 京都（日本）。')
    assert.equal(await page.evaluate(() => document.activeElement?.id), 'alert-city')
    await fillTexts(page, `No city ${run}`)
    for (const f of ['valid_from', 'valid_until', 'review_on']) await page.locator(inp(`alert-${f}`)).fill(day(1))
    assert.equal(await save(page), 422)
    const error = page.locator(`${sel('alert-cities-item')} ${sel('alert-cities-error')}`)
    await error.waitFor()
    assert.equal(await error.innerText(), '必填。')
    assert.equal(await page.locator(sel('alert-city')).getAttribute('aria-invalid'), 'true')
    assert.equal(await page.locator(sel('alert-errors')).count(), 0, 'nothing is said away from its control')
    await auditScreen(page, { force: true })
    await shot(page, 'safety-alerts-form-cities-errors-zh')
    // a city added: the error is gone
    await addAlertCity(page, 'Osaka', OSAKA)
    await page.locator(sel('alert-cities-error')).waitFor({ state: 'detached' })
    await page.locator(sel('alert-cancel')).click()
    await page.context().close()
  })

  test('the send: asked by the officer with its recipients, their own review refused, the approver reviews and it is sent', async () => {
    const officer = await api('officer')
    const made = await officer('POST', '/safety/alerts', {
      level: 3, area: { kind: 'countries', countries: ['IS'] }, title_zh: `冰岛 ${run}`, title_en: `Iceland ${run}`,
      body_zh: '暂勿前往。', body_en: 'Do not travel for now.', valid_from: day(0), valid_until: day(10), review_on: day(5),
    })
    assert.equal(made.status, 201, JSON.stringify(made.body))
    const { id } = made.body
    assert.equal((await officer('POST', `/safety/alerts/${id}/publish`)).status, 200)

    const page = await newPage(browser)
    await login(page, 'officer', 'en-US')
    await page.goto(`/safety/alerts/${id}`)
    await page.locator(sel('alert-ask-send')).click()
    await page.locator(`${sel('alert-send-state')}[data-state="pending_review"]`).waitFor()
    const recipients = page.locator(sel('alert-recipients'))
    const n = Number(await recipients.getAttribute('data-n'))
    assert.match(await recipients.innerText(), new RegExp(`^${n} registered people would receive it\\.`))
    assert.match(await page.locator(sel('alert-four-eyes')).innerText(), /You asked for this send/)
    // their own review: the server refuses, the screen says its words
    await page.locator(sel('alert-approve-send')).click()
    await page.locator('.el-message-box .el-button--primary').click()
    await page.locator(sel('alert-error')).waitFor()
    assert.match(await page.locator(sel('alert-error')).innerText(), /reviewed by another member of the desk than the one who asked/)
    assert.equal(await page.locator(sel('alert-send-state')).getAttribute('data-state'), 'pending_review')
    await shot(page, 'safety-alert-four-eyes-en')
    await page.context().close()

    const other = await newPage(browser)
    await login(other, 'approver', 'zh-CN')
    await other.goto(`/safety/alerts/${id}`)
    await other.locator(sel('alert-approve-send')).click()
    await other.locator('.el-message-box .el-button--primary').click()
    await other.locator(`${sel('alert-send-state')}[data-state="sent"]`).waitFor()
    assert.match(await other.locator(sel('alert-sent')).innerText(), new RegExp(`发送给 ${n} 人`))
    await shot(other, 'safety-alert-sent-zh')
    await other.goto('/safety/alerts')
    await other.locator(sel(`alert-send-${id}`)).waitFor()
    assert.equal(await other.locator(sel(`alert-send-${id}`)).innerText(), '已发送')
    await shot(other, 'safety-alerts-list-zh')
    await other.context().close()
  })

  test('a period ending before it starts and no country are refused beside "valid until" and the area', async () => {
    const page = await newPage(browser)
    await login(page, 'approver', 'en-US')
    await openForm(page)
    await fillTexts(page, `Bad ${run}`)
    await page.locator(inp('alert-valid_from')).fill(day(3))
    await page.locator(inp('alert-valid_until')).fill(day(1))
    await page.locator(inp('alert-review_on')).fill(day(2))
    assert.equal(await save(page), 422)
    const until = page.locator(sel('alert-valid_until-error'))
    await until.waitFor()
    assert.equal(await until.innerText(), 'The end date cannot be before the start date.')
    assert.equal(await page.locator(inp('alert-valid_until')).getAttribute('aria-invalid'), 'true')
    assert.ok((await page.locator(sel('alert-area-error')).innerText()).length > 0, 'the missing country is said beside the area')
    await shot(page, 'safety-alerts-form-errors-en')
    await page.locator(sel('alert-cancel')).click()
    await page.context().close()
  })

  test('the auditor reads the alerts without any way to change them', async () => {
    const page = await newPage(browser)
    await login(page, 'auditor', 'zh-CN')
    await page.locator(sel('menu-safety-alerts')).click()
    await page.locator(sel('safety-alerts-page')).waitFor()
    await page.locator(sel('alerts-read-only')).waitFor()
    assert.equal(await page.locator(sel('alert-new')).count(), 0)
    const first = page.locator('[data-test^="alert-open-"]').first()
    await first.waitFor()
    await first.click()
    await page.locator(sel('alert-facts')).waitFor()
    for (const a of ['alert-publish', 'alert-withdraw', 'alert-ask-send', 'alert-approve-send']) {
      assert.equal(await page.locator(sel(a)).count(), 0, a)
    }
    await shot(page, 'safety-alert-auditor-zh')
    await page.context().close()
  })

  test('a citizen has no entry, and the URL is not found for them', async () => {
    const page = await newPage(browser)
    await login(page, 'citizen', 'zh-CN')
    await page.locator(sel('side-menu')).waitFor()
    assert.equal(await page.locator(sel('menu-safety-alerts')).count(), 0)
    await page.goto('/safety/alerts')
    await page.locator(sel('not-found')).waitFor()
    await page.context().close()
  })
})
