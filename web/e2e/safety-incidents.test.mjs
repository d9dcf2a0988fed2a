// Crisis mode in the browser: the officer opens an incident from a search on the crisis map
// (the demo's architects training in Rouen), sends its roll call and sees how many were asked;
// the approver, in a second browser, records a phone call, and the officer's page shows the new
// figure at once (the live view) and announces it; the officer records a call, closes the
// incident and its actions go (en-US, the approver in zh-CN). The person abroad answers on the
// public page: safe, then thanked; the link opened again says the answer given; a link of a
// closed incident has expired (the server's words, with the hotline); an unknown link is not
// found; half a position is refused beside the missing half. The auditor reads the demo's closed
// incident (Gqeberha's floods): its figures, its lists and a timeline ending with the close,
// and no action. A new incident whose end comes before its start is refused beside its end.
// Every screen audited (a11y.mjs).
//
// The e2e runner (scripts/run-e2e-tests.sh) starts no SMTP server and gives the tests neither
// the binary nor the database, and the links' tokens exist in clear only in the e-mails: the
// public page's answers are therefore played by intercepting its API calls (as
// queue-filters.test.mjs does), but for the unknown link, which the server itself refuses.
import { test, describe, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { api, BASE, day, inp, launch, login, missingKeys, newPage, PASSWORD, sel, shot } from './helpers.mjs'

let browser
before(async () => { browser = await launch() })
after(async () => { await browser?.close() })

// Rouen as the demo has it (src/safety/demo.cpp): two architects in training, from 20 days ago
// to 40 days on, without e-mail addresses.
const ROUEN = { lat: 49.4432, lon: 1.0999 }
const STORM = '纳尔逊·曼德拉湾强降雨和洪水'

const figure = async (page, f) => Number(await page.locator(sel(`figure-${f}`)).getAttribute('data-n'))
/** Waits until a figure shows n (the live view updates it). */
const figureIs = (page, f, n) => page.waitForSelector(`${sel(`figure-${f}`)}[data-n="${n}"]`, { timeout: 10000 })

/** Confirms Element Plus's message box with its confirming button. */
async function confirm(page, label) {
  const box = page.locator('.el-message-box')
  await box.waitFor()
  await box.getByRole('button', { name: label }).click()
  await box.waitFor({ state: 'hidden' })
}

/** Records a call on the incident page: the person's row, the outcome, a note. */
async function recordCall(page, personId, outcome, note) {
  await page.locator(sel(`call-${personId}`)).click()
  const dialog = page.locator(sel('call-dialog'))
  await dialog.waitFor()
  await dialog.locator(sel(outcome === 'reached' ? 'call-reached' : 'call-no-answer')).click()
  if (note) await dialog.locator(inp('call-note')).fill(note)
  const saved = page.waitForResponse((r) => /\/calls$/.test(r.url()) && r.request().method() === 'POST')
  await dialog.locator(sel('call-save')).click()
  assert.equal((await saved).status(), 201)
  await dialog.waitFor({ state: 'hidden' })
}

describe('an incident and its roll call', () => {
  let incidentId

  test('the officer opens an incident from a search, sends the roll call; a call made elsewhere shows at once', async () => {
    const page = await newPage(browser)
    await login(page, 'officer', 'en-US')
    await page.locator(sel('menu-safety-affected')).click()
    await page.locator(sel('world-map-chart')).waitFor()
    await page.locator(inp('affected-lat')).fill(String(ROUEN.lat))
    await page.locator(inp('affected-lon')).fill(String(ROUEN.lon))
    await page.locator(inp('affected-radius')).fill('50')
    await page.locator(inp('affected-from')).fill(day(-1))
    await page.locator(inp('affected-to')).fill(day(2))
    await page.locator(sel('affected-search')).click()
    await page.locator(sel('affected-result')).waitFor()

    // the search's circle and dates become the incident's: only a title is asked
    await page.locator(sel('affected-open-incident')).click()
    const dialog = page.locator(sel('incident-new-dialog'))
    await dialog.locator(sel('incident-area')).waitFor()
    assert.match(await dialog.locator(sel('incident-area')).innerText(), /within 50 km of latitude 49\.4432, longitude 1\.0999/)
    assert.equal(await dialog.locator(inp('incident-lat')).count(), 0)
    await shot(page, 'safety-incident-from-search-en-US')
    await dialog.locator(inp('incident-title')).fill('Seine floods, Rouen')
    const made = page.waitForResponse((r) => r.url().endsWith('/api/v1/safety/incidents') && r.request().method() === 'POST')
    await dialog.locator(sel('incident-create')).click()
    const created = await (await made).json()
    assert.deepEqual({ lat: created.lat, lon: created.lon, radius_km: created.radius_km, from: created.from, to: created.to },
      { ...ROUEN, radius_km: 50, from: day(-1), to: day(2) })
    incidentId = created.id
    await page.waitForURL(new RegExp(`/safety/incidents/${incidentId}$`))
    await page.locator(sel('incident-figures')).waitFor()
    assert.equal(await page.locator(sel('incident-title-text')).innerText(), 'Seine floods, Rouen')
    assert.equal(await page.locator(sel('incident-state')).getAttribute('data-state'), 'open')
    assert.equal(await figure(page, 'asked'), 0)
    // the map names its circle; the same is in words above it
    assert.match(await page.locator(sel('world-map-chart')).getAttribute('aria-label'), /a circle of 50 km round latitude 49\.4432, longitude 1\.0999/)
    assert.match(await page.locator(sel('incident-area-text')).innerText(), /Within 50 km of latitude 49\.4432, longitude 1\.0999/)

    // the roll call, confirmed first: the two architects, neither with an address
    const sent = page.waitForResponse((r) => r.url().endsWith(`/incidents/${incidentId}/roll-call`))
    await page.locator(sel('incident-send')).click()
    await confirm(page, 'Send roll call')
    assert.equal((await sent).status(), 200)
    await figureIs(page, 'asked', 2)
    assert.equal(await figure(page, 'emailed'), 0)
    assert.equal(await figure(page, 'unanswered'), 2)
    assert.match(await page.locator(sel('incident-announce')).innerText(), /2 people asked \(0 by e-mail\)/)
    const unanswered = page.locator(`${sel('people-unanswered')} tbody tr`)
    await page.waitForFunction((s) => document.querySelectorAll(`${s} tbody tr`).length === 2, sel('people-unanswered'))
    assert.match(await unanswered.first().innerText(), /No address: call/)
    assert.deepEqual(await missingKeys(page), [])
    await shot(page, 'safety-incident-en-US')

    // the approver, in another browser, reaches one of them by phone
    const officer = await api('officer')
    const people = await officer('GET', `/safety/incidents/${incidentId}/people?status=unanswered`)
    const [first, second] = people.body.items
    const other = await newPage(browser)
    await login(other, 'approver', 'zh-CN')
    await other.goto(`/safety/incidents/${incidentId}`)
    await other.locator(sel('incident-figures')).waitFor()
    await recordCall(other, first.person_id, 'reached', '人在酒店,平安。')
    // the row shows the call once the list is read again after the save
    await other.locator(sel(`last-call-${first.person_id}`)).getByText('已联系上').waitFor()
    await shot(other, 'safety-incident-zh-CN')
    await other.context().close()

    // the officer's page hears it: the figure, the sentence announced, the row, the timeline — no reload
    await figureIs(page, 'reached', 1)
    assert.match(await page.locator(sel('incident-announce')).innerText(), /A call was recorded\. Reached by phone: 1/)
    await page.waitForFunction((s) => /Reached,/.test(document.querySelector(s)?.textContent ?? ''), sel(`last-call-${first.person_id}`))
    await page.waitForSelector(`${sel('incident-timeline')} [data-kind="called"]`)
    assert.match(await page.locator(`${sel('incident-timeline')} [data-kind="called"]`).innerText(), new RegExp(`${first.name} was called and reached`))

    // (b) the officer calls the other one, then closes the incident: its actions go
    await recordCall(page, second.person_id, 'no_answer')
    await page.waitForFunction((s) => /No answer,/.test(document.querySelector(s)?.textContent ?? ''), sel(`last-call-${second.person_id}`))
    assert.equal(await figure(page, 'reached'), 1)
    const closed = page.waitForResponse((r) => r.url().endsWith(`/incidents/${incidentId}/close`))
    await page.locator(sel('incident-close')).click()
    await confirm(page, 'Close incident')
    assert.equal((await closed).status(), 200)
    await page.waitForSelector(`${sel('incident-state')}[data-state="closed"]`)
    await page.locator(sel('incident-read-only')).waitFor()
    assert.equal(await page.locator(sel('incident-actions')).count(), 0)
    assert.equal(await page.locator(sel(`call-${first.person_id}`)).count(), 0)
    await page.waitForFunction((s) => [...document.querySelectorAll(`${s} [data-kind]`)].pop()?.dataset.kind === 'closed', sel('incident-timeline'))
    await shot(page, 'safety-incident-closed-en-US')

    // the list shows it closed, with its figures
    await page.locator(sel('menu-safety-incidents')).click()
    await page.locator(sel(`incident-link-${incidentId}`)).waitFor()
    assert.equal(await page.locator(sel(`incident-state-${incidentId}`)).getAttribute('data-state'), 'closed')
    await shot(page, 'safety-incidents-en-US')
    await page.context().close()
  })

  test('the auditor reads the demo\'s closed incident: its figures, lists and timeline, and no action', async () => {
    const page = await newPage(browser)
    await login(page, 'auditor', 'zh-CN')
    await page.locator(sel('menu-safety-incidents')).click()
    await page.locator(sel('safety-incidents-page')).waitFor()
    // an auditor opens nothing
    assert.equal(await page.locator(sel('incident-new')).count(), 0)
    const link = page.getByRole('link', { name: STORM })
    await link.waitFor()
    await shot(page, 'safety-incidents-zh-CN')
    await link.click()
    await page.locator(sel('incident-figures')).waitFor()
    assert.equal(await page.locator(sel('incident-state')).getAttribute('data-state'), 'closed')
    const want = { asked: 5, emailed: 4, safe: 3, need_help: 1, unanswered: 1, reached: 1 }
    for (const [f, n] of Object.entries(want)) assert.equal(await figure(page, f), n, f)
    assert.equal(await page.locator(sel('incident-actions')).count(), 0)
    assert.equal(await page.locator('[data-test^="call-"]').count(), 0)
    // the timeline ends with the close; the answers by link say who answered. It comes in a
    // request of its own, after the figures: all at once, so its close shows when it is there.
    await page.locator(`${sel('incident-timeline')} [data-kind="closed"]`).waitFor()
    const kinds = await page.locator(`${sel('incident-timeline')} [data-kind]`).evaluateAll((els) => els.map((e) => e.dataset.kind))
    assert.equal(kinds[0], 'created')
    assert.equal(kinds.at(-1), 'closed')
    assert.ok(kinds.includes('asked') && kinds.includes('answered') && kinds.includes('called'), kinds.join(' '))
    assert.match(await page.locator(sel('incident-timeline')).innerText(), /本人（通过链接）/)
    // those who need help, with their note
    await page.getByRole('tab', { name: /需要帮助/ }).click()
    await page.waitForFunction((s) => document.querySelector(s)?.textContent?.includes('护照被泡坏'), sel('people-need_help'))
    assert.deepEqual(await missingKeys(page), [])
    await shot(page, 'safety-incident-closed-zh-CN')
    await page.context().close()
  })

  test('a new incident whose end comes before its start is refused beside its end', async () => {
    const page = await newPage(browser)
    await login(page, 'approver', 'zh-CN')
    await page.goto('/safety/incidents')
    await page.locator(sel('incident-new')).click()
    const dialog = page.locator(sel('incident-new-dialog'))
    await dialog.locator(inp('incident-title')).fill('东京地震')
    await dialog.locator(inp('incident-lat')).fill('35.6895')
    await dialog.locator(inp('incident-lon')).fill('139.6917')
    await dialog.locator(inp('incident-radius')).fill('200')
    await dialog.locator(inp('incident-from')).fill(day(2))
    await dialog.locator(inp('incident-to')).fill(day(-1))
    const refused = page.waitForResponse((r) => r.url().endsWith('/api/v1/safety/incidents') && r.request().method() === 'POST')
    await dialog.locator(sel('incident-create')).click()
    assert.equal((await refused).status(), 422)
    const error = dialog.locator(`${sel('incident-to-item')} .el-form-item__error`)
    await error.waitFor()
    assert.equal((await error.innerText()).trim(), '结束日期不能早于开始日期。')
    const to = dialog.locator(inp('incident-to'))
    assert.equal(await to.getAttribute('aria-invalid'), 'true')
    assert.equal((await page.locator(`#${await to.getAttribute('aria-describedby')}`).innerText()).trim(), '结束日期不能早于开始日期。')
    assert.match(page.url(), /\/safety\/incidents$/)
    await shot(page, 'safety-incident-new-window-zh-CN')
    await page.context().close()
  })
})

describe('the public answer page', () => {
  const QUESTION = { title: 'Seine floods, Rouen', name: '周建国', from: day(-1), to: day(2) }

  /** Plays the server for one token: the question, then the answer once (409 after). */
  async function playServer(page, token) {
    const state = { answer: null, posted: [] }
    await page.route((u) => u.pathname === `/api/v1/safety/answer/${token}`, async (route) => {
      const req = route.request()
      if (req.method() === 'GET') return route.fulfill({ status: 200, contentType: 'application/json', body: JSON.stringify({ ...QUESTION, answer: state.answer }) })
      const body = JSON.parse(req.postData())
      state.posted.push(body)
      if (state.answer) {
        return route.fulfill({ status: 409, contentType: 'application/json', body: JSON.stringify({ error: { code: 'safety.already_answered',
          message: 'You have already answered; an answer cannot be changed. If things have changed, call the consular protection hotline +86-10-12308.',
          message_zh: '您已回复过,回复不能更改。如情况有变,请直接联系领事保护热线 +86-10-12308。' } }) })
      }
      state.answer = body.answer
      return route.fulfill({ status: 200, contentType: 'application/json', body: JSON.stringify({ answer: body.answer, answered_at: new Date().toISOString() }) })
    })
    return state
  }

  test('safe: thanked; the link opened again says the answer given; answered twice, the server\'s refusal said', async () => {
    const page = await newPage(browser)
    const state = await playServer(page, 'tok-safe')
    await page.goto('/safe/tok-safe')
    // Chinese first, outside the signed-in layout
    await page.locator(sel('answer-safe')).waitFor()
    assert.equal(await page.getAttribute('html', 'lang'), 'zh-CN')
    assert.equal(await page.locator(sel('side-menu')).count(), 0)
    assert.equal(await page.locator(sel('answer-incident')).innerText(), QUESTION.title)
    assert.match(await page.locator(sel('answer-person')).innerText(), /周建国/)
    assert.equal((await page.locator(sel('answer-safe')).innerText()).trim(), '我平安')
    assert.equal((await page.locator(sel('answer-help')).innerText()).trim(), '我需要帮助')
    await shot(page, 'safety-answer-zh-CN')
    await page.locator(sel('lang-en-US')).click()
    assert.equal((await page.locator(sel('answer-safe')).innerText()).trim(), 'I am safe')

    // half a position is refused beside the missing half, and nothing is sent
    await page.locator(inp('answer-lat')).fill('49.44')
    await page.locator(sel('answer-safe')).click()
    const lonError = page.locator(`${sel('answer-lon-item')} .el-form-item__error`)
    await lonError.waitFor()
    assert.match(await lonError.innerText(), /latitude and the longitude together/)
    assert.equal(await page.locator(inp('answer-lon')).getAttribute('aria-invalid'), 'true')
    assert.equal(state.posted.length, 0)
    await shot(page, 'safety-answer-position-en-US')

    await page.locator(inp('answer-lon')).fill('1.10')
    await page.locator(inp('answer-note')).fill('At the hotel, all well.')
    await page.locator(sel('answer-safe')).click()
    await page.locator(sel('answer-thanks')).waitFor()
    assert.deepEqual(state.posted, [{ answer: 'safe', note: 'At the hotel, all well.', lat: 49.44, lon: 1.1 }])
    assert.match(await page.locator(sel('answer-thanks')).innerText(), /Thank you/)
    assert.equal(await page.locator(sel('answer-safe')).count(), 0)
    await shot(page, 'safety-answer-thanks-en-US')

    // opened again: the answer given, and no buttons
    await page.reload()
    await page.locator(sel('answer-already')).waitFor()
    assert.equal(await page.locator(sel('answer-already')).getAttribute('data-answer'), 'safe')
    assert.match(await page.locator(sel('answer-already')).innerText(), /This link has been answered: safe\./)
    assert.equal(await page.locator(sel('answer-safe')).count(), 0)
    await shot(page, 'safety-answer-already-en-US')
    await page.context().close()

    // a page opened before the answer, answering after it: the server's 409 said, then the answer given
    const late = await newPage(browser)
    const lateState = await playServer(late, 'tok-late')
    await late.goto('/safe/tok-late')
    await late.locator(sel('answer-help')).waitFor()
    lateState.answer = 'safe'
    await late.locator(sel('answer-help')).click()
    await late.locator(sel('answer-already')).waitFor()
    assert.match(await late.locator(sel('answer-already')).innerText(), /您已回复过,回复不能更改/)
    await late.context().close()
  })

  test('the demo\'s closed incident\'s link has expired; an unknown link is not found', async () => {
    const page = await newPage(browser)
    await page.route((u) => u.pathname === '/api/v1/safety/answer/tok-storm', (route) => route.fulfill({
      status: 410, contentType: 'application/json', body: JSON.stringify({ error: { code: 'safety.link_expired',
        message: 'This link has expired: the incident is closed. If you still need help, call the consular protection hotline +86-10-12308.',
        message_zh: '该链接已失效:事件已结束。如仍需帮助,请拨打外交部全球领事保护与服务应急热线 +86-10-12308。' } }),
    }))
    await page.goto('/safe/tok-storm')
    const expired = page.locator(sel('answer-expired'))
    await expired.waitFor()
    assert.match(await expired.innerText(), /该链接已失效:事件已结束。.*\+86-10-12308/)
    assert.equal(await page.locator(sel('answer-safe')).count(), 0)
    await shot(page, 'safety-answer-expired-zh-CN')
    await page.locator(sel('lang-en-US')).click()
    assert.match(await expired.innerText(), /This link has expired: the incident is closed\./)
    await shot(page, 'safety-answer-expired-en-US')

    // the server itself: a token it does not know
    const answered = page.waitForResponse((r) => r.url().includes('/api/v1/safety/answer/'))
    await page.goto('/safe/no-such-token')
    assert.equal((await answered).status(), 404)
    await page.locator(sel('answer-not-found')).waitFor()
    assert.match(await page.locator(sel('answer-not-found')).innerText(), /This link is not valid/)
    await shot(page, 'safety-answer-not-found-en-US')
    await page.context().close()
  })
})
