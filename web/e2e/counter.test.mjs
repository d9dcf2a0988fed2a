// Counter appointments in the browser: the citizen books a time at window B on the next open
// day after today (a day chosen on the strip, a time by the keyboard, for one of their
// applications), finds it in "My appointments", is refused a second booking of the same time
// beside the time, and cancels the booking after confirming (zh-CN); the officer registers a
// walk-in at window A and checks them in, getting a queue number A0nn (en-US); the auditor
// reads the day's list without a button (zh-CN); the officer marks the booking nobody came to
// on the last working day a no-show and cancels a future one with a reason, refused without
// one beside the field, which the applicant then reads in My appointments (en-US, zh-CN).
// Today is China's (UTC+8), as on the server, and may be a day off. Every screen audited
// (a11y.mjs).
import { after, before, test } from 'node:test'
import assert from 'node:assert/strict'
import { PASSWORD, assertTranslated, auditScreen, inp, launch, missingKeys, newPage, sel, shot } from './helpers.mjs'

let browser
before(async () => { browser = await launch() })
after(async () => { await browser?.close() })

/** Today in China, YYYY-MM-DD (the server's calendar). */
const todayInChina = () => new Date(Date.now() + 8 * 3600 * 1000).toISOString().slice(0, 10)
const attr = (locator, name) => locator.getAttribute(name)

/** A calendar date plus `n` days. */
const addDays = (date, n) => { const d = new Date(`${date}T00:00:00Z`); d.setUTCDate(d.getUTCDate() + n); return d.toISOString().slice(0, 10) }

/**
 * Signs in through the API, in the page's cookies, in `lang`: the sign-in screen is the other files' (its audit's time goes to the counter's screens).
 * Returns the session's CSRF token, for calls through the page's API client.
 */
async function signInQuietly(page, username, lang) {
  const r = await page.context().request.post('/api/v1/auth/login', { data: { username, password: PASSWORD } })
  assert.equal(r.status(), 200, `login ${username}`)
  const { csrf_token: csrf } = await r.json()
  const me = await page.context().request.patch('/api/v1/me', { data: { locale: lang }, headers: { 'X-CSRF-Token': csrf } })
  assert.equal(me.status(), 200, `${username} reads ${lang}`)
  return csrf
}

test('the citizen books the next open day at window B, sees it in My appointments and cancels it (zh-CN)', async () => {
  const page = await newPage(browser)
  await signInQuietly(page, 'citizen', 'zh-CN')
  await page.goto('/appointments')
  await page.locator(sel('appointments-page')).waitFor()
  await page.locator(sel('menu-counter-book')).click()
  await page.locator(sel('counter-book-page')).waitFor()
  await page.locator(sel('counter-B')).click()
  await page.locator(sel('counter-facts')).getByText('13:30–17:00').waitFor()

  // the strip: closed days cannot be chosen; the next open day after today is
  await page.locator(`${sel('booking-days')} [data-state="open"]`).first().waitFor()
  const days = await page.locator(`${sel('booking-days')} [data-test^="day-"]`).evaluateAll((els) =>
    els.map((e) => ({ date: e.dataset.test.slice(4), state: e.dataset.state, disabled: !!e.querySelector('input')?.disabled })))
  for (const d of days) assert.equal(d.disabled, d.state !== 'open', `${d.date} ${d.state}`)
  const date = days.find((d) => d.date > todayInChina() && d.state === 'open')?.date
  assert.ok(date, `an open day after today: ${JSON.stringify(days)}`)
  await page.locator(sel(`day-${date}`)).click()

  // the time, by the keyboard: the first free one, then the next with the arrow key
  const free = page.locator(`${sel('booking-slots')} [data-state="free"]`)
  await free.first().waitFor()
  const [first, second] = await free.evaluateAll((els) => els.slice(0, 2).map((e) => e.dataset.test.slice(5)))
  await page.locator(`${sel(`slot-${first}`)} input`).focus()
  await page.keyboard.press('Space')
  await page.keyboard.press('ArrowRight')
  assert.equal(await page.locator(`${sel(`slot-${second}`)} input`).isChecked(), true, 'the arrow key moves to the next time')
  const start = second
  const slotName = await page.locator(`${sel(`slot-${start}`)} .sr-only`).innerText()
  assert.match(slotName, new RegExp(`${start} 至 .*剩余 \\d 个名额`), 'the places left are read out')

  await page.locator(inp('booking-purpose')).fill('递交学历公证书(端到端测试)')
  await page.locator(`${sel('field-case_id')} .el-select__wrapper`).click()
  await page.locator('[data-test^="case-option-"]').first().click()
  // the option list, below the fold, scrolled the window: back to the top for the picture
  await page.evaluate(() => window.scrollTo(0, 0))
  assert.match(await page.locator(sel('booking-summary')).innerText(), new RegExp(`外事服务窗口 2 号.*${start}`))
  await assertTranslated(page, 'the booking page')
  await shot(page, 'zh-CN-counter-book')
  await page.locator(sel('booking-submit')).click()

  // My appointments, the new booking marked
  await page.waitForURL(/\/appointments\?booked=\d+$/)
  const id = Number(new URL(page.url()).searchParams.get('booked'))
  const row = page.locator(sel(`appointment-${id}`))
  await row.waitFor()
  assert.deepEqual([await attr(row, 'data-date'), await attr(row, 'data-start'), await attr(row, 'data-state')], [date, start, 'booked'])
  assert.match(await page.locator(sel('appointments-table')).innerText(), /外事服务窗口 2 号[\s\S]*已预约/)
  await shot(page, 'zh-CN-counter-appointments')

  // the same time again: refused beside the time
  await page.locator(sel('new-appointment')).click()
  await page.locator(sel('counter-B')).click()
  await page.locator(sel(`day-${date}`)).click()
  await page.locator(sel(`slot-${start}`)).click()
  await page.locator(sel('booking-submit')).click()
  const refusal = page.locator(`${sel('field-start')} .el-form-item__error`)
  await refusal.waitFor()
  assert.match(await refusal.innerText(), /已预约了这个时段/)

  // cancelled after confirming
  await page.locator(sel('menu-appointments')).click()
  await page.locator(sel(`cancel-${id}`)).click()
  const dialog = page.locator('.cancel-appointment-dialog')
  await dialog.waitFor()
  assert.match(await dialog.innerText(), new RegExp(`${start}.*名额将释放`))
  await auditScreen(page, { force: true })
  await dialog.getByRole('button', { name: '取消预约', exact: true }).click()
  await page.locator(`${sel(`appointment-${id}`)}[data-state="cancelled"]`).waitFor()
  assert.equal(await page.locator(sel(`cancel-${id}`)).count(), 0, 'nothing left to cancel')
  assert.equal(await page.locator(sel(`appointment-state-${id}`)).innerText(), '已取消')
  assert.deepEqual(await missingKeys(page), [])
  await page.context().close()
})

test('the officer registers a walk-in at window A and checks them in: a queue number (en-US)', async () => {
  const page = await newPage(browser)
  await signInQuietly(page, 'officer', 'en-US')
  await page.goto('/counter-day')
  await page.locator(sel('counter-day-page')).waitFor()
  assert.equal(await page.getAttribute('html', 'lang'), 'en-US')
  assert.match(await page.locator(`${sel('menu-counter-day')}.is-active`).innerText(), /Counter day list/)
  assert.equal(await page.locator(inp('day-date')).inputValue(), todayInChina(), 'today by default')
  await page.locator(`${sel('day-counter-A')}.is-active`).waitFor()
  await page.locator(sel('day-table')).waitFor()

  const name = `Walk-in ${Date.now().toString(36)}`
  await page.locator(inp('walk-in-name')).fill(name)
  await page.locator(inp('walk-in-purpose')).fill('Enquiry about a visa (e2e)')
  await page.locator(sel('walk-in-submit')).click()
  const person = page.locator('[data-test^="day-person-"]', { hasText: name })
  await person.waitFor()
  const id = Number((await attr(person, 'data-test')).split('-').pop())
  await page.locator(sel(`walk-in-${id}`)).waitFor()
  assert.equal(await page.locator(inp('walk-in-name')).inputValue(), '', 'the form is ready for the next one')
  await shot(page, 'en-US-counter-walk-in')

  await page.locator(sel(`check-in-${id}`)).click()
  const queue = page.locator(sel(`day-queue-${id}`))
  await queue.waitFor()
  const number = await queue.innerText()
  assert.match(number, /^A0\d\d$/)
  assert.equal(await attr(page.locator(sel(`day-state-${id}`)), 'data-state'), 'checked_in')
  assert.equal(await page.locator(sel(`check-in-${id}`)).count(), 0, 'checked in once')
  assert.match(await page.locator(sel('last-check-in')).innerText(), new RegExp(`${name} is checked in: queue number ${number}`))
  await assertTranslated(page, 'the day list')
  await shot(page, 'en-US-counter-checked-in')
  await page.context().close()
})

test('the auditor reads the day list without a button (zh-CN)', async () => {
  const page = await newPage(browser)
  await signInQuietly(page, 'auditor', 'zh-CN')
  await page.goto('/counter-day')
  await page.locator(sel('read-only')).waitFor()
  assert.equal(await page.getAttribute('html', 'lang'), 'zh-CN')
  await page.locator(sel('menu-counter-day')).waitFor()
  await page.locator(sel('day-counter-B')).click()
  await page.locator(`${sel('day-counter-B')}.is-active`).waitFor()
  await page.locator(sel('day-counter-A')).click()
  await page.locator('[data-test^="day-person-"]').first().waitFor()
  assert.equal(await page.locator('[data-test^="check-in-"]').count(), 0)
  assert.equal(await page.locator(sel('walk-in-form')).count(), 0)
  await shot(page, 'zh-CN-counter-day-auditor')
  assert.deepEqual(await missingKeys(page), [])
  await page.context().close()
})

test('the officer marks a no-show at window B, and cancels a future booking with a reason the applicant reads (en-US, zh-CN)', async () => {
  // the applicant books a free time at window B on a day after today, through the API
  const applicant = await newPage(browser)
  const csrf = await signInQuietly(applicant, 'ent.normal', 'zh-CN')
  const api = applicant.context().request
  const B = (await (await api.get('/api/v1/counters')).json()).items.find((c) => c.code === 'B')
  const slots = await (await api.get(`/api/v1/counters/${B.id}/slots?from=${todayInChina()}&days=31`)).json()
  const free = slots.days.filter((d) => d.date > todayInChina())
    .flatMap((d) => d.slots.filter((s) => s.available > 0 && !s.past).map((s) => ({ date: d.date, start: s.start })))
  assert.ok(free.length, 'a free slot at window B after today')
  const slot = free[free.length - 1]
  const booked = await api.post(`/api/v1/counters/${B.id}/bookings`, {
    data: { ...slot, purpose: '递交认证材料(端到端测试)' }, headers: { 'X-CSRF-Token': csrf } })
  assert.equal(booked.status(), 201, await booked.text())
  const future = await booked.json()

  const page = await newPage(browser)
  await signInQuietly(page, 'officer', 'en-US')
  // the last working day's booking at window B nobody came to (the demo's, at 15:00)
  let last = null
  for (let d = 1; d <= 14 && !last; d++) {
    const date = addDays(todayInChina(), -d)
    const items = (await (await page.context().request.get(`/api/v1/counters/${B.id}/day?date=${date}`)).json()).items
    const b = items.find((x) => x.state === 'booked' && x.start === '15:00')
    if (b) last = b
  }
  assert.ok(last, 'a past booking at window B left booked in the demo')

  await page.goto('/counter-day')
  await page.locator(sel('day-counter-B')).click()
  await page.locator(`${sel('day-counter-B')}.is-active`).waitFor()
  await page.locator(inp('day-date')).fill(last.date)
  await page.locator(sel(`no-show-${last.id}`)).waitFor()
  assert.equal(await page.locator(sel(`desk-cancel-${last.id}`)).count(), 0, 'a past day\'s booking is not cancelled')
  assert.equal(await page.locator(sel(`check-in-${last.id}`)).count(), 0, 'nor checked in')
  await page.locator(sel(`no-show-${last.id}`)).click()
  await page.locator(`${sel(`day-state-${last.id}`)}[data-state="no_show"]`).waitFor()
  assert.equal(await page.locator(sel(`day-state-${last.id}`)).innerText(), 'No-show')
  assert.equal(await page.locator(sel(`no-show-${last.id}`)).count(), 0, 'marked once')
  await shot(page, 'en-US-counter-no-show')

  // the future booking: its slot not over, so no no-show; cancelled with a reason
  await page.locator(inp('day-date')).fill(future.date)
  const cancel = page.locator(sel(`desk-cancel-${future.id}`))
  await cancel.waitFor()
  assert.equal(await page.locator(sel(`no-show-${future.id}`)).count(), 0, 'not over yet')
  await cancel.click()
  const dialog = page.locator(`.el-dialog${sel('cancel-dialog')}, ${sel('cancel-dialog')} .el-dialog`).first()
  await dialog.waitFor()
  assert.match(await dialog.innerText(), new RegExp(`${future.start}`))
  // no reason: refused beside the field, the dialog stays
  await dialog.locator(sel('cancel-submit')).click()
  const error = dialog.locator('.el-form-item__error')
  await error.waitFor()
  assert.match(await error.innerText(), /Enter the reason/)
  assert.equal(await dialog.isVisible(), true, 'the dialog stays open')
  assert.equal(await attr(page.locator(sel(`day-state-${future.id}`)), 'data-state'), 'booked')
  await auditScreen(page, { force: true })
  const reason = `The window is closed for training ${Date.now().toString(36)}`
  await dialog.locator(inp('cancel-reason')).fill(reason)
  await error.waitFor({ state: 'hidden' }) // the error goes as the reason is typed
  await dialog.locator(sel('cancel-submit')).click()
  await page.locator(`${sel(`day-state-${future.id}`)}[data-state="cancelled"]`).waitFor()
  await dialog.waitFor({ state: 'hidden' })
  assert.equal(await page.locator(sel(`day-reason-${future.id}`)).innerText(), `Reason: ${reason}`)
  assert.equal(await page.locator(sel(`desk-cancel-${future.id}`)).count(), 0, 'nothing left to cancel')
  await assertTranslated(page, 'the day list')
  await shot(page, 'en-US-counter-desk-cancelled')
  await page.context().close()

  // the applicant reads why
  await applicant.goto('/appointments')
  const row = applicant.locator(sel(`appointment-${future.id}`))
  await row.waitFor()
  assert.equal(await attr(row, 'data-state'), 'cancelled')
  assert.equal(await applicant.locator(sel(`appointment-reason-${future.id}`)).innerText(), `外办已取消,原因:${reason}`)
  assert.equal(await applicant.locator(sel(`cancel-${future.id}`)).count(), 0)
  assert.deepEqual(await missingKeys(applicant), [])
  await applicant.context().close()
})
