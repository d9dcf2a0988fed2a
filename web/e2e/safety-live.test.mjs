// A roll-call answer arriving in the live view, end to end with nothing played: a citizen has
// registered a trip to Valparaíso with an e-mail address; the officer opens an incident there
// and sends the roll call from the incident's page; the message reaches a real SMTP server
// (tests/smtp/sink.py, started by scripts/run-e2e-tests.sh); the person opens the link it
// holds in another browser, without an account, and asks for help; the officer's page, never
// reloaded, shows the answer at once: the figures, the sentence announced, the person's row.
// The link opened again says the answer given. The officer then turns the "need help" into a
// consular case and opens it; another officer watching the incident sees the row's button become
// a link to the case, live; back on the incident, the officer sees the link too. Every screen
// audited (a11y.mjs).
import { test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { act, api, auditScreen, BASE, day, inp, launch, login, newPage, PASSWORD, sel, shot, waitForState } from './helpers.mjs'
import { mailTo } from '../../tests/api/lib/mail.mjs'

let browser
before(async () => { browser = await launch() })
after(async () => { await browser?.close() })

const figureIs = (page, f, n) => page.waitForSelector(`${sel(`figure-${f}`)}[data-n="${n}"]`, { timeout: 10000 })

test('an answer given through the e-mailed link arrives in the officer\'s live view', async () => {
  const run = Date.now().toString(36)
  const address = `live.${run}@example.org`
  const citizen = await api('citizen')
  const officer = await api('officer')
  const place = (await citizen('GET', '/places?q=Valparaiso&country=CL&limit=1')).body.items[0]
  assert.equal(place.name_en, 'Valparaíso')
  const registered = await citizen('POST', '/safety/registrations', {
    people: [{ name: '林海', relation: 'self', email: address, phone: '13600000077' }],
    legs: [{ place_id: place.id, from: day(200), to: day(205) }],
    consent: true,
  })
  assert.equal(registered.status, 201)
  const incident = await officer('POST', '/safety/incidents', {
    title: `Valparaíso earthquake ${run}`, lat: place.lat, lon: place.lon, radius_km: 20, from: day(201), to: day(202),
  })
  assert.equal(incident.status, 201)

  // the officer sends the roll call from the incident's page
  const page = await newPage(browser)
  await login(page, 'officer', 'en-US')
  await page.goto(`/safety/incidents/${incident.body.id}`)
  await page.locator(sel('incident-figures')).waitFor()
  const sent = page.waitForResponse((r) => r.url().endsWith(`/incidents/${incident.body.id}/roll-call`))
  await page.locator(sel('incident-send')).click()
  const box = page.locator('.el-message-box')
  await box.waitFor()
  await box.getByRole('button', { name: 'Send roll call' }).click()
  assert.equal((await sent).status(), 200)
  await figureIs(page, 'asked', 1)
  await figureIs(page, 'emailed', 1)
  await figureIs(page, 'unanswered', 1)

  // the message, as the person receives it, holds their one-time link to this server
  const mail = await mailTo(address, '/safe/')
  const link = new RegExp(`${BASE.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}/safe/[A-Za-z0-9_-]+`).exec(mail.body)?.[0]
  assert.ok(link, `a link to ${BASE}/safe/… in: ${mail.body}`)

  // the person, in another browser and without an account, asks for help
  const person = await newPage(browser)
  await person.goto(link)
  await person.locator(sel('answer-help')).waitFor()
  assert.match(await person.locator(sel('answer-person')).innerText(), /林海/)
  await person.locator(inp('answer-note')).fill('房屋受损，需要临时住处。')
  const answered = person.waitForResponse((r) => r.url().includes('/api/v1/safety/answer/') && r.request().method() === 'POST')
  await person.locator(sel('answer-help')).click()
  assert.equal((await answered).status(), 200)
  await person.locator(sel('answer-thanks')).waitFor()
  await shot(person, 'safety-answer-real-link-zh-CN')

  // the officer's page hears it, no reload: the figures, the sentence, the person's row
  await figureIs(page, 'need_help', 1)
  await figureIs(page, 'unanswered', 0)
  assert.match(await page.locator(sel('incident-announce')).innerText(), /An answer came in/)
  await page.locator('#tab-need_help').click()
  await page.waitForFunction((s) => document.querySelector(s)?.innerText.includes('房屋受损，需要临时住处。'), sel('people-need_help'))
  assert.match(await page.locator(sel('people-need_help')).innerText(), /林海/)
  await shot(page, 'safety-incident-live-answer-en-US')

  // the link opened again says the answer given, and asks nothing more
  await person.reload()
  await person.locator(sel('answer-already')).waitFor()
  assert.equal(await person.locator(sel('answer-already')).getAttribute('data-answer'), 'need_help')
  assert.equal(await person.locator(sel('answer-help')).count(), 0)
  await person.context().close()

  // another officer of the desk follows the incident too, the button on the person's row
  const { person_id: personId } = (await officer('GET', `/safety/incidents/${incident.body.id}/people?status=need_help`)).body.items[0]
  const colleague = await newPage(browser)
  await login(colleague, 'officer2', 'zh-CN')
  await colleague.goto(`/safety/incidents/${incident.body.id}`)
  await colleague.locator('#tab-need_help').click()
  await colleague.locator(sel(`open-case-${personId}`)).waitFor()
  assert.equal((await colleague.locator(sel(`open-case-${personId}`)).innerText()).trim(), '转为领事协助案件')
  await auditScreen(colleague)

  // the officer turns the "need help" into a consular case and lands on its draft
  const opened = page.waitForResponse((r) => r.url().endsWith(`/incidents/${incident.body.id}/cases`) && r.request().method() === 'POST')
  assert.equal((await page.locator(sel(`open-case-${personId}`)).innerText()).trim(), 'Open a consular case')
  await page.locator(sel(`open-case-${personId}`)).click()
  const { case_id: caseId } = await (await opened).json()
  await page.waitForURL(new RegExp(`/cases/${caseId}$`))
  await waitForState(page, 'draft')
  assert.match(await page.locator(sel('case-page')).innerText(), /林海/)
  assert.equal(await page.locator(sel('data-situation')).innerText(), '房屋受损，需要临时住处。')
  await act(page, 'open')
  await waitForState(page, 'open')
  await shot(page, 'safety-incident-case-opened-en-US')

  // the colleague's page, never reloaded, links to the case now
  const caseLink = colleague.locator(sel(`case-link-${personId}`))
  await caseLink.waitFor()
  assert.equal(await colleague.locator(sel(`open-case-${personId}`)).count(), 0)
  assert.ok((await caseLink.getAttribute('href')).endsWith(`/cases/${caseId}`))
  await auditScreen(colleague)
  await colleague.context().close()

  // and so does the officer's, back on the incident
  await page.goto(`/safety/incidents/${incident.body.id}`)
  await page.locator('#tab-need_help').click()
  await page.locator(sel(`case-link-${personId}`)).waitFor()
  assert.equal(await page.locator(sel(`open-case-${personId}`)).count(), 0)
  assert.equal((await page.locator(sel(`case-link-${personId}`)).innerText()).trim(), 'Consular case')
  await shot(page, 'safety-incident-case-link-en-US')
  await page.context().close()
})
