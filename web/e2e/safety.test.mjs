// The consular desk's crisis map in the browser: the demo officer finds the menu entry, asks
// who is within 300 km of Aachen (a partner city where the demo has a delegation) during a week
// round today and sees the counts, those there today, the tallies and the people nearest first
// that the API gives for the same question, asks for 10 a page, and takes a centre from a click
// on the map (en-US); the approver asks about Tokyo, then sees a window ending before it starts
// refused beside its end date, with no answer (zh-CN); on a phone with larger text the question
// is asked by keyboard alone (en-US); a citizen has no entry for it and the URL shows the
// not-found page (the router's refusal), the API refusing them too; and a member of staff the
// server does not let ask (403: not on the consular desk) is told so on the screen.
// Every screen audited (a11y.mjs).
import { test, describe, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { api, BASE, day, inp, launch, login, missingKeys, newPage, PASSWORD, sel, shot } from './helpers.mjs'

let browser
before(async () => { browser = await launch() })
after(async () => { await browser?.close() })

// Aachen's centre as the demo has it (src/safety/demo.cpp): its delegation is there from two days
// ago to two days on, then in Frankfurt (about 200 km away); Rouen (about 390 km) is outside.
const AACHEN = { lat: 50.7753, lon: 6.0839 }

async function fillForm(page, { lat, lon, radius, from, to }) {
  await page.locator(inp('affected-lat')).fill(String(lat))
  await page.locator(inp('affected-lon')).fill(String(lon))
  await page.locator(inp('affected-radius')).fill(String(radius))
  await page.locator(inp('affected-from')).fill(from)
  await page.locator(inp('affected-to')).fill(to)
}

/** Presses Search and waits for the server's answer; returns its status. */
async function search(page) {
  const answered = page.waitForResponse((r) => r.url().endsWith('/api/v1/safety/affected') && r.request().method() === 'POST')
  await page.locator(sel('affected-search')).click()
  return (await answered).status()
}

describe('the crisis map', () => {
  test('the officer asks who is near Aachen and sees what the API answers; a click on the map sets the centre', async () => {
    const page = await newPage(browser)
    await login(page, 'officer', 'en-US')
    await page.locator(sel('menu-safety-affected')).click()
    await page.locator(sel('safety-affected-page')).waitFor()
    await page.locator(sel('world-map-chart')).waitFor()
    // the map is an image with a name that says what it shows
    const chart = page.locator(sel('world-map-chart'))
    assert.equal(await chart.getAttribute('role'), 'img')
    assert.match(await chart.getAttribute('aria-label'), /World map\. No centre has been given yet\./)

    const from = day(-2)
    const to = day(5)
    await fillForm(page, { ...AACHEN, radius: 300, from, to })
    assert.equal(await search(page), 200)
    await page.locator(sel('affected-result')).waitFor()

    const officer = await api('officer')
    const asked = await officer('POST', '/safety/affected', { ...AACHEN, radius_km: 300, from, to, page: 1, page_size: 20 })
    assert.equal(asked.status, 200, JSON.stringify(asked.body))
    const want = asked.body
    assert.ok(want.people >= 3, `the demo's delegation is near Aachen (${want.people} people)`)
    for (const k of ['legs', 'people', 'groups', 'enterprises']) {
      assert.equal(Number(await page.locator(sel(`affected-count-${k}`)).getAttribute('data-n')), want[k], k)
    }
    // today is inside the window: those there now
    assert.ok(want.now)
    assert.equal(Number(await page.locator(sel('affected-now')).getAttribute('data-people')), want.now.people)
    assert.equal(Number(await page.locator(sel('affected-now')).getAttribute('data-legs')), want.now.legs)
    // the tallies: a row per country and per city, the country by its name
    assert.equal(await page.locator(`${sel('affected-by-country')} tbody tr`).count(), want.by_country.length)
    assert.equal(await page.locator(`${sel('affected-by-city')} tbody tr`).count(), want.by_city.length)
    assert.match(await page.locator(sel('affected-by-country')).innerText(), /Germany/)
    // the people, nearest first, each with their place, dates and distance
    const rows = page.locator(`${sel('affected-people')} tbody tr`)
    assert.equal(await rows.count(), want.items.length)
    for (const [i, p] of want.items.entries()) {
      const row = rows.nth(i)
      assert.equal(await row.locator(sel(`affected-person-${p.person_id}`)).innerText(), p.name)
      assert.match(await row.innerText(), new RegExp(p.city))
      assert.equal(await row.locator(sel(`affected-distance-${p.person_id}`)).innerText(), `${p.distance_km.toLocaleString('en-US', { maximumFractionDigits: 1 })} km`)
    }
    assert.match(await rows.first().innerText(), /Aachen/)
    assert.match(await page.locator(sel('affected-total')).innerText(), new RegExp(`${want.people} people`))
    // the map now names the circle and the dots it shows
    assert.match(await chart.getAttribute('aria-label'), /a circle of 300 km round latitude 50\.7753, longitude 6\.0839\..*places? of the people on this page/)
    assert.deepEqual(await missingKeys(page), [])
    await shot(page, 'safety-affected-en-US')

    // a page of 10 at a time asks the server for that page
    await page.locator(`${sel('affected-page-size')} .el-select__wrapper`).click()
    const sized = page.waitForRequest((r) => r.url().endsWith('/api/v1/safety/affected'))
    await page.locator('.el-select-dropdown__item:visible').filter({ hasText: '10 per page' }).click()
    assert.deepEqual(JSON.parse((await sized).postData()), { ...AACHEN, radius_km: 300, from, to, page: 1, page_size: 10 })

    // the results in view: the tallies and the people
    await page.locator(sel('affected-people')).scrollIntoViewIfNeeded()
    await shot(page, 'safety-affected-results-en-US')

    // a click on the map takes the centre from it (the map shows the area asked about close up):
    // further right is further east, on the same parallel
    await page.locator(inp('affected-lat')).fill('')
    await page.locator(inp('affected-lon')).fill('')
    const box = await chart.boundingBox()
    await chart.click({ position: { x: box.width * 0.4, y: box.height * 0.35 } })
    const lat1 = Number(await page.locator(inp('affected-lat')).inputValue())
    const lon1 = Number(await page.locator(inp('affected-lon')).inputValue())
    assert.ok(lat1 > 35 && lat1 < 70 && lon1 > -20 && lon1 < 40, `picked ${lat1}, ${lon1}: round Aachen`)
    await chart.click({ position: { x: box.width * 0.6, y: box.height * 0.35 } })
    const lat2 = Number(await page.locator(inp('affected-lat')).inputValue())
    const lon2 = Number(await page.locator(inp('affected-lon')).inputValue())
    assert.ok(lon2 > lon1 + 1, `east of the first click (${lon1} → ${lon2})`)
    assert.ok(Math.abs(lat2 - lat1) < 0.01, `on the same parallel (${lat1} → ${lat2})`)
    assert.match(await chart.getAttribute('aria-label'), new RegExp(`latitude ${lat2}, longitude ${lon2}`))
    await page.context().close()
  })

  test('the approver\'s window that ends before it starts is refused beside its end, with no answer', async () => {
    const page = await newPage(browser)
    await login(page, 'approver', 'zh-CN')
    await page.goto('/safety/affected')
    await page.locator(sel('world-map-chart')).waitFor()
    // first a good question (Tokyo, where the demo's tour group is), for the screenshot in Chinese
    await fillForm(page, { lat: 35.6895, lon: 139.6917, radius: 600, from: day(-1), to: day(4) })
    assert.equal(await search(page), 200)
    await page.locator(sel('affected-result')).waitFor()
    assert.match(await page.locator(sel('affected-people')).innerText(), /王芳/)
    assert.match(await page.locator(sel('affected-by-country')).innerText(), /日本/)
    assert.deepEqual(await missingKeys(page), [])
    await shot(page, 'safety-affected-zh-CN')

    await page.locator(inp('affected-from')).fill(day(3))
    await page.locator(inp('affected-to')).fill(day(0))
    assert.equal(await search(page), 422)
    const error = page.locator(`${sel('affected-to-item')} .el-form-item__error`)
    await error.waitFor()
    assert.equal((await error.innerText()).trim(), '结束日期不能早于开始日期。')
    assert.equal(await page.locator(sel('affected-result')).count(), 0)
    // the field is marked for assistive technology too, and described by the message
    const to = page.locator(inp('affected-to'))
    assert.equal(await to.getAttribute('aria-invalid'), 'true')
    assert.equal((await page.locator(`#${await to.getAttribute('aria-describedby')}`).innerText()).trim(), '结束日期不能早于开始日期。')
    await shot(page, 'safety-affected-window-zh-CN')
    // typing the date again takes the error away
    await page.locator(inp('affected-to')).fill(day(6))
    await error.waitFor({ state: 'detached' })
    assert.equal(await to.getAttribute('aria-invalid'), null)
    await page.context().close()
  })

  test('on a phone with larger text, the question is asked by keyboard alone', async () => {
    const page = await newPage(browser, { width: 390, height: 844 })
    await login(page, 'officer2', 'en-US')
    await page.locator(sel('larger-text')).click()
    await page.waitForFunction(() => document.documentElement.classList.contains('larger-text'))
    await page.goto('/safety/affected')
    await page.locator(sel('world-map-chart')).waitFor()
    // the fields in order, typed into; Enter asks (the radius and the window as proposed: 300 km, the week ahead)
    await page.locator(inp('affected-lat')).focus()
    await page.keyboard.type('43.7696')
    await page.keyboard.press('Tab')
    assert.equal(await page.evaluate(() => document.activeElement?.id), 'affected-lon')
    await page.keyboard.type('11.2558')
    await page.keyboard.press('Tab')
    assert.equal(await page.evaluate(() => document.activeElement?.id), 'affected-radius')
    const answered = page.waitForResponse((r) => r.url().endsWith('/api/v1/safety/affected'))
    await page.keyboard.press('Enter')
    assert.equal((await answered).status(), 200)
    // the demo's traveller in Florence, from tomorrow
    await page.locator(sel('affected-result')).waitFor()
    assert.match(await page.locator(sel('affected-people')).innerText(), /何佳/)
    assert.equal(await page.evaluate(() => { const m = document.querySelector('main'); return m.scrollWidth > m.clientWidth + 1 }), false, 'no sideways scrolling')
    await shot(page, 'safety-affected-phone-larger-en-US')
    await page.locator(sel('larger-text')).click()
    await page.context().close()
  })

  test('a citizen has no entry, the URL is not found for them, and the API refuses them', async () => {
    const page = await newPage(browser)
    await login(page, 'citizen', 'zh-CN')
    await page.locator(sel('side-menu')).waitFor()
    assert.equal(await page.locator(sel('menu-safety-affected')).count(), 0)
    await page.goto('/safety/affected')
    await page.locator(sel('not-found')).waitFor()
    assert.equal(await page.locator(sel('safety-affected-page')).count(), 0)
    const citizen = await api('citizen')
    const r = await citizen('POST', '/safety/affected', { ...AACHEN, radius_km: 300, from: day(0), to: day(1) })
    assert.equal(r.status, 403)
    await page.context().close()
  })

  test('staff the server does not let ask (not on the consular desk) are told so', async () => {
    // The demo puts every officer and approver on the desk, so the server's refusal is played here.
    const page = await newPage(browser)
    await login(page, 'officer2', 'en-US')
    await page.route((u) => u.pathname === '/api/v1/safety/affected', (route) => route.fulfill({
      status: 403, contentType: 'application/json',
      body: JSON.stringify({ error: { code: 'forbidden', message: 'Forbidden', message_zh: '无权操作' } }),
    }))
    await page.goto('/safety/affected')
    await fillForm(page, { ...AACHEN, radius: 300, from: day(0), to: day(1) })
    assert.equal(await search(page), 403)
    const told = page.locator(sel('affected-forbidden'))
    await told.waitFor()
    assert.match(await told.innerText(), /consular protection desk/)
    assert.equal(await page.locator(sel('affected-result')).count(), 0)
    await shot(page, 'safety-affected-forbidden-en-US')
    await page.context().close()
  })
})
