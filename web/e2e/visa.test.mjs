// The visa agency in the browser: anyone reads the catalog without signing in and finds Japan's
// checklist (en-US); the citizen applies for a Japanese visa, pasting her passport's MRZ, and
// uploads the passport into its slot of the checklist (zh-CN); the visa desk puts the accepted
// application for Germany in a batch (a dispatch date in the past refused beside the date),
// sends it, records the visa issued, downloads the dispatch list and finds the passport among
// those to collect (en-US); the desk cancels an open batch after confirming, and its application
// can go in another batch (zh-CN); the admin changes a fee of France with a reason, finds it in the
// history, and sets it back (zh-CN); the dialog that adds a destination is audited on the way.
// Every screen and dialog audited (a11y.mjs).
import { test, describe, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { auditScreen, BASE, day, field, inp, launch, login, missingKeys, newPage, PASSWORD, pickCountry, sel, shot } from './helpers.mjs'

let browser
before(async () => { browser = await launch() })
after(async () => { await browser?.close() })

// A minimal API client (cookie + CSRF token) for the set-up the screens do not show.
async function api(username) {
  const r = await fetch(`${BASE}/api/v1/auth/login`, {
    method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ username, password: PASSWORD }),
  })
  assert.equal(r.status, 200, `login ${username}`)
  const cookie = r.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ')
  const { csrf_token: csrf } = await r.json()
  return async (method, path, body, contentType = 'application/json') => {
    const raw = body instanceof Buffer
    const res = await fetch(`${BASE}/api/v1${path}`, {
      method, headers: { Cookie: cookie, 'X-CSRF-Token': csrf, ...(body ? { 'Content-Type': raw ? 'application/pdf' : contentType } : {}) },
      body: body ? (raw ? body : JSON.stringify(body)) : undefined,
    })
    const text = await res.text()
    return { status: res.status, body: text ? JSON.parse(text) : null }
  }
}

// ICAO Doc 9303 Part 3 §4.9 check digit; a Chinese passport's MRZ (TD3).
function checkDigit(s) {
  const v = (c) => (c >= '0' && c <= '9' ? +c : c === '<' ? 0 : c.charCodeAt(0) - 55)
  return String([...s].reduce((sum, c, i) => sum + v(c) * [7, 3, 1][i % 3], 0) % 10)
}
function mrz(surname, given, passport, birth, sex, expiry) {
  const pad = (s, n) => (s + '<'.repeat(n)).slice(0, n)
  const yymmdd = (iso) => iso.slice(2, 4) + iso.slice(5, 7) + iso.slice(8, 10)
  const num = pad(passport, 9), b = yymmdd(birth), e = yymmdd(expiry)
  let two = num + checkDigit(num) + 'CHN' + b + checkDigit(b) + sex + e + checkDigit(e) + '<'.repeat(15)
  two += checkDigit(two.slice(0, 10) + two.slice(13, 20) + two.slice(21, 43))
  return `${pad(`P<CHN${surname}<<${given}`, 44)}\n${two}`
}
const PDF = Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n')

async function fill(page, path, value) {
  await page.locator(`${field(path)} input, ${field(path)} textarea`).first().fill(value)
}
/** Chooses an option of an Element Plus select (teleported or not) by its data-test. */
async function choose(page, select, option) {
  await page.locator(`${select} .el-select__wrapper`).click()
  await page.locator(`${sel(option)}:visible`).click()
}

/**
 * An accepted application for Germany for the desk's batch: the demo's, or (the demo's already
 * sent, on a server the tests ran on before) a new one with its checklist, submitted and accepted.
 */
async function acceptedForGermany(desk) {
  const list = await desk('GET', '/cases?type=visa_application&state=accepted&page_size=100')
  const found = list.body.items.find((c) => c.country === 'DE' && !c.visa?.batch)
  if (found) return found
  const citizen = await api('citizen')
  const made = await citizen('POST', '/cases', {
    type: 'visa_application',
    data: {
      country: 'DE', visa_kind: 'business', applicant_for: 'self', name_zh: '李华', surname: 'LI', given_names: 'HUA', sex: 'F',
      birth_date: '1996-04-18', passport_number: 'EJ5823417', passport_expiry: '2034-03-09', blank_pages: 20,
      depart_date: day(30), return_date: day(37), phone: '13805741234',
    },
  })
  assert.equal(made.status, 201, JSON.stringify(made.body))
  const de = await citizen('GET', '/visa/catalog/DE')
  for (const d of de.body.kinds.find((k) => k.kind === 'business').documents) {
    const up = await citizen('POST', `/cases/${made.body.id}/attachments?filename=${d.slot}.pdf&kind=${d.slot}`, PDF)
    assert.equal(up.status, 201, JSON.stringify(up.body))
  }
  assert.equal((await citizen('POST', `/cases/${made.body.id}/transitions`, { action: 'submit' })).status, 200)
  const accepted = await desk('POST', `/cases/${made.body.id}/transitions`, { action: 'accept' })
  assert.equal(accepted.status, 200, JSON.stringify(accepted.body))
  return accepted.body
}

describe('the visa agency', () => {
  test('anyone reads the catalog without signing in: Japan, its sole agency and its checklist (en-US)', async () => {
    const page = await newPage(browser)
    await page.goto('/public/visa-catalog')
    await page.locator(sel('visa-catalog-public')).waitFor()
    await page.locator(sel('lang-en-US')).click()
    await page.locator(inp('catalog-search')).fill('Japan')
    const japan = page.locator(sel('destination-JP'))
    await japan.waitFor()
    assert.equal((await page.locator(sel('catalog-total')).innerText()).trim(), '1 destination')
    await page.locator(sel('sole-agency-JP')).waitFor()
    assert.equal(await page.locator(sel('edit-JP')).count(), 0, 'only the admin edits')
    await shot(page, 'en-US-visa-catalog-public')

    await japan.click()
    const drawer = page.locator(sel('destination-drawer'))
    await drawer.locator(sel('drawer-kind-tourism')).waitFor()
    assert.match(await drawer.locator(sel('drawer-consulate')).innerText(), /Consulate General of Japan in Shanghai/)
    assert.equal((await drawer.locator(sel('visa-fee-tourism')).innerText()).trim(), 'CN¥200.00')
    const checklist = await drawer.locator(sel('checklist-tourism')).innerText()
    assert.match(checklist, /Passport and its data page/)
    assert.match(checklist, /Recent passport photo/)
    // not signed in: the way to apply is to sign in
    assert.equal(await drawer.locator(sel('drawer-sign-in')).getAttribute('href'), '/login?redirect=/visas/new')
    await auditScreen(page, { force: true })
    await shot(page, 'en-US-visa-catalog-japan')
    assert.deepEqual(await missingKeys(page), [])
    await page.context().close()
  })

  test('the citizen applies for a Japanese visa, pasting the MRZ, and uploads her passport into the checklist (zh-CN)', async () => {
    const page = await newPage(browser)
    await login(page, 'citizen', 'zh-CN')
    await page.locator(sel('menu-visa-applications')).click()
    await page.locator(sel('applications-page')).waitFor()
    await auditScreen(page)
    await page.locator(sel('new-application')).click()
    await page.locator(field('country')).waitFor()
    await pickCountry(page, 'country', 'JP', '日本')
    await page.locator(`${field('visa_kind')} .el-select__wrapper`).click()
    await page.locator(`${field('visa_kind')} ${sel('option-tourism')}`).click()
    await page.locator(`${field('applicant_for')} ${sel('option-self')}`).click()
    const passport = `EA${String(Date.now() % 1e7).padStart(7, '0')}`
    // the MRZ fills surname, given names, sex, birth date, passport number and expiry
    await fill(page, 'mrz', mrz('LI', 'MEI', passport, '1990-05-17', 'F', day(3000)))
    await page.locator(sel('mrz-filled')).waitFor()
    assert.equal(await page.locator(`${field('surname')} input`).inputValue(), 'LI')
    assert.equal(await page.locator(`${field('passport_number')} input`).inputValue(), passport)
    assert.equal(await page.locator(`${field('birth_date')} input`).inputValue(), '1990-05-17')
    await fill(page, 'name_zh', '李梅')
    await fill(page, 'blank_pages', '20')
    await fill(page, 'depart_date', day(30))
    await fill(page, 'return_date', day(37))
    await fill(page, 'phone', '13805740000')
    await auditScreen(page)
    await page.locator(sel('save-draft')).click()
    await page.waitForURL(/\/cases\/\d+\/edit$/)
    const caseId = Number(new URL(page.url()).pathname.split('/')[2])
    await page.goto(`/cases/${caseId}`)

    const panel = page.locator(sel('visa-panel'))
    await panel.locator(sel('checklist-table')).waitFor()
    assert.match(await panel.locator(sel('visa-consulate')).innerText(), /日本驻上海总领事馆/)
    await panel.locator(sel('visa-sole-agency')).waitFor()
    assert.equal((await panel.locator(sel('visa-fee')).innerText()).trim(), '¥200.00')
    assert.equal(await panel.locator(sel('visa-fees-source')).getAttribute('data-recorded'), 'false')
    assert.equal((await panel.locator(sel('visa-batch')).innerText()).trim(), '尚未列入批次')
    assert.match(await panel.locator(sel('checklist-count')).innerText(), /已上传 0 \/ 8 项材料/)
    assert.equal(await panel.locator(sel('slot-state-passport')).getAttribute('data-state'), 'missing')

    await panel.locator(sel('slot-input-passport')).setInputFiles({ name: 'passport.pdf', mimeType: 'application/pdf', buffer: PDF })
    await panel.locator(`${sel('slot-state-passport')}[data-state="attached"]`).waitFor()
    assert.equal((await panel.locator(sel('slot-file-passport')).innerText()).trim(), 'passport.pdf')
    assert.match(await panel.locator(sel('checklist-count')).innerText(), /已上传 1 \/ 8 项材料/)
    assert.equal(await panel.locator(sel('slot-state-photo')).getAttribute('data-state'), 'missing')
    // the case page's own list has the file too
    await page.locator(sel('attachments')).getByText('passport.pdf').waitFor()
    await shot(page, 'zh-CN-visa-checklist')
    assert.deepEqual(await missingKeys(page), [])
    await page.context().close()
  })

  test('the visa desk batches the accepted application for Germany, sends it, records the visa and finds the passport to collect (en-US)', async () => {
    const desk = await api('officer')
    const accepted = await acceptedForGermany(desk)

    const page = await newPage(browser)
    await login(page, 'officer', 'en-US')
    // the queue narrowed to Germany with the destination picker: the application is there
    await page.locator(sel('menu-visa-queue')).click()
    await page.waitForURL(/\/visa-queue$/) // the landing queue is drawn by the same component
    await page.locator(sel('queue-page')).waitFor()
    const filtered = page.waitForResponse((r) => r.url().includes('/api/v1/cases?') && new URL(r.url()).searchParams.get('country') === 'DE')
    const picker = page.locator(sel('filter-country'))
    await picker.locator('.el-select__wrapper').click()
    await picker.locator('input').first().fill('germ')
    await picker.locator(sel('country-option-DE')).click()
    assert.equal((await filtered).status(), 200)
    await page.waitForURL((u) => u.searchParams.get('country') === 'DE')
    assert.equal(await picker.getAttribute('data-value'), 'DE')
    await page.locator(`${sel('case-link')}[data-id="${accepted.id}"]`).waitFor()
    const destinations = await page.locator(sel('case-destinations')).allInnerTexts()
    assert.ok(destinations.length > 0 && destinations.every((d) => d === 'Germany'), `rows: ${destinations}`)
    await shot(page, 'en-US-visa-queue-germany')
    await auditScreen(page)

    await page.locator(sel('menu-visa-batches')).click()
    await page.locator(sel('visa-batches-page')).waitFor()
    // the demo's batches to Japan
    await page.locator('[data-test^="batch-VB-"]').first().waitFor()
    await auditScreen(page)

    await page.locator(sel('batch-new')).click()
    const dialog = page.locator(sel('new-batch-dialog'))
    await dialog.locator(sel('batch-country')).waitFor()
    await choose(page, sel('batch-country'), 'batch-country-DE')
    const pick = dialog.locator(sel(`batch-pick-${accepted.id}`))
    await pick.waitFor()
    await pick.click()
    // a date in the past: the server's refusal beside the date
    await dialog.locator(inp('batch-dispatch-date')).fill(day(-3))
    await dialog.locator(sel('batch-create')).click()
    await dialog.getByText('The dispatch date cannot be in the past.').waitFor()
    await auditScreen(page, { force: true })
    await dialog.locator(inp('batch-dispatch-date')).fill(day(1))
    await dialog.locator(sel('batch-create')).click()
    await page.waitForURL(/\/visa-batches\/\d+$/)
    await page.locator(`${sel('batch-state')}[data-state="open"]`).waitFor()
    assert.match(await page.locator(sel('batch-consulate')).innerText(), /Consulate General of Germany in Shanghai/)
    const pdf = await page.request.get(await page.locator(sel('batch-pdf')).getAttribute('href'))
    assert.equal(pdf.status(), 200)
    assert.equal((await pdf.body()).subarray(0, 5).toString(), '%PDF-')
    const xlsx = await page.request.get(await page.locator(sel('batch-xlsx')).getAttribute('href'))
    assert.equal(xlsx.status(), 200)
    assert.equal((await xlsx.body()).subarray(0, 2).toString(), 'PK')
    await auditScreen(page)

    await page.locator(sel('batch-send')).click()
    await page.locator('.el-message-box').getByRole('button', { name: 'Confirm' }).click()
    await page.locator(`${sel('batch-state')}[data-state="sent"]`).waitFor()
    assert.equal(await page.locator(sel(`item-state-${accepted.id}`)).getAttribute('data-state'), 'at_consulate')

    // the result: issued, its validity checked before it is sent
    const result = page.locator(sel(`result-${accepted.id}`))
    await result.locator(sel(`result-${accepted.id}-issued`)).click()
    await result.locator(inp(`result-${accepted.id}-valid-from`)).fill(day(5))
    await result.locator(inp(`result-${accepted.id}-valid-until`)).fill(day(2))
    await page.locator(sel('results-record')).click()
    await result.getByText('The visa cannot end before it begins.').waitFor()
    await auditScreen(page, { force: true })
    await result.locator(inp(`result-${accepted.id}-valid-until`)).fill(day(94))
    await result.locator(inp(`result-${accepted.id}-stay-days`)).fill('30')
    await result.locator(inp(`result-${accepted.id}-visa-number`)).fill('DE0012345')
    await shot(page, 'en-US-visa-batch-results')
    await page.locator(sel('results-record')).click()
    await page.locator(`${sel(`item-result-${accepted.id}`)}[data-result="issued"]`).waitFor()
    await page.locator(`${sel('batch-state')}[data-state="returned"]`).waitFor()
    assert.equal(await page.locator(sel(`item-state-${accepted.id}`)).getAttribute('data-state'), 'issued')
    await shot(page, 'en-US-visa-batch-returned')

    // the passport is back: on the list of those to collect, and its case says which batch
    await page.locator(sel('menu-visa-uncollected')).click()
    await page.locator(sel('visa-uncollected-page')).waitFor()
    const row = page.locator(sel(`uncollected-${accepted.id}`))
    await row.waitFor()
    assert.equal(await page.locator(sel(`uncollected-result-${accepted.id}`)).getAttribute('data-result'), 'issued')
    assert.equal((await page.locator(sel(`uncollected-due-${accepted.id}`)).innerText()).trim().length > 0, true)
    assert.match(await page.locator(sel(`uncollected-latin-${accepted.id}`)).innerText(), /^[A-Z]+ [A-Z]+$/)
    assert.match(await page.locator(sel(`uncollected-visa-${accepted.id}`)).innerText(), /Single entry|Double entry|Multiple entries/)
    await shot(page, 'en-US-visa-uncollected')
    await row.click()
    await page.locator(sel('visa-panel')).waitFor()
    assert.match(await page.locator(sel('visa-batch')).innerText(), /^VB-\d{4}-\d{4}$/)
    assert.equal(await page.locator(sel('visa-batch-state')).getAttribute('data-state'), 'returned')
    assert.match(await page.locator(sel('visa-batch')).getAttribute('href') ?? '', /\/visa-batches\/\d+$/, 'the desk follows the link to its batch')
    assert.equal(await page.locator(sel('visa-fees-source')).getAttribute('data-recorded'), 'true')
    await auditScreen(page)
    assert.deepEqual(await missingKeys(page), [])
    await page.context().close()
  })

  test('the visa desk cancels an open batch, and its application is free for another batch (zh-CN)', async () => {
    const desk = await api('officer')
    const accepted = await acceptedForGermany(desk)

    const page = await newPage(browser)
    await login(page, 'officer', 'zh-CN')
    await page.locator(sel('menu-visa-batches')).click()
    await page.locator(sel('visa-batches-page')).waitFor()
    await page.locator(sel('batch-new')).click()
    const dialog = page.locator(sel('new-batch-dialog'))
    await dialog.locator(sel('batch-country')).waitFor()
    await choose(page, sel('batch-country'), 'batch-country-DE')
    await dialog.locator(sel(`batch-pick-${accepted.id}`)).click()
    await dialog.locator(inp('batch-dispatch-date')).fill(day(2))
    await dialog.locator(sel('batch-create')).click()
    await page.waitForURL(/\/visa-batches\/\d+$/)
    await page.locator(`${sel('batch-state')}[data-state="open"]`).waitFor()
    const number = (await page.locator(sel('batch-number')).innerText()).match(/VB-\d{4}-\d{4}/)[0]

    // asked first, by the keyboard: Escape keeps the batch
    await page.locator(sel('batch-cancel')).focus()
    await page.keyboard.press('Enter')
    const confirm = page.locator('.batch-cancel-dialog')
    await confirm.waitFor()
    assert.match(await confirm.innerText(), new RegExp(`撤销批次 ${number}[\\s\\S]*可重新列入其他批次`))
    await auditScreen(page, { force: true })
    await page.keyboard.press('Escape')
    await confirm.waitFor({ state: 'hidden' })
    assert.equal(await page.locator(sel('batch-state')).getAttribute('data-state'), 'open')

    // confirmed: the batch is cancelled, nothing left to send or cancel
    await page.locator(sel('batch-cancel')).click()
    await confirm.waitFor()
    await confirm.getByRole('button', { name: '撤销批次', exact: true }).click()
    await page.locator(`${sel('batch-state')}[data-state="cancelled"]`).waitFor()
    await page.locator('.el-message--success').filter({ hasText: `批次 ${number} 已撤销` }).waitFor()
    assert.equal((await page.locator(sel('batch-state')).innerText()).trim(), '已取消')
    assert.equal(await page.locator(sel('batch-send')).count() + await page.locator(sel('batch-cancel')).count(), 0)
    assert.equal(await page.locator(sel(`item-state-${accepted.id}`)).getAttribute('data-state'), 'accepted')
    await auditScreen(page, { force: true })

    // the list says so, and the application can be chosen for a new batch
    await page.locator(sel('menu-visa-batches')).click()
    await page.locator(`${sel(`batch-state-${number}`)}[data-state="cancelled"]`).waitFor()
    await page.locator(sel('batch-new')).click()
    await dialog.locator(sel('batch-country')).waitFor()
    await choose(page, sel('batch-country'), 'batch-country-DE')
    const pick = dialog.locator(sel(`batch-pick-${accepted.id}`))
    await pick.waitFor()
    assert.doesNotMatch(await pick.getAttribute('class'), /is-disabled/)
    await pick.click()
    assert.match(await dialog.locator(sel('batch-accepted')).innerText(), /已选 1/)
    await dialog.getByRole('button', { name: '取消', exact: true }).click()
    await dialog.waitFor({ state: 'hidden' })
    assert.deepEqual(await missingKeys(page), [])
    await page.context().close()

    // the server agrees: a new batch takes it; a batch no longer open is not cancelled again (409)
    const again = await desk('POST', '/visa/batches', { country: 'DE', dispatch_date: day(2), cases: [accepted.id] })
    assert.equal(again.status, 201, JSON.stringify(again.body))
    assert.equal((await desk('POST', `/visa/batches/${again.body.id}/cancel`)).status, 200)
    assert.equal((await desk('POST', `/visa/batches/${again.body.id}/cancel`)).status, 409)
  })

  test('the admin changes a fee of France with a reason, finds it in the history, and sets it back (zh-CN)', async () => {
    const page = await newPage(browser)
    await login(page, 'admin', 'zh-CN')
    await page.locator(sel('menu-visa-catalog')).click()
    await page.locator(sel('visa-catalog-page')).waitFor()
    await page.locator(inp('catalog-search')).fill('法国')
    await page.locator(sel('edit-FR')).waitFor()
    await auditScreen(page)
    // a destination can be added too: the same form with the country to choose
    await page.locator(sel('catalog-add')).click()
    const adding = page.locator(sel('catalog-dialog'))
    await adding.locator(sel('catalog-country')).waitFor()
    await auditScreen(page, { force: true })
    await adding.getByRole('button', { name: '取消' }).click()
    await adding.waitFor({ state: 'hidden' })

    const dialog = page.locator(sel('catalog-dialog'))
    let audited = false
    const edit = async (fee, reason) => {
      await page.locator(sel('edit-FR')).click()
      await dialog.locator(inp('catalog-kind-0-fee')).waitFor()
      await dialog.locator(inp('catalog-kind-0-fee')).fill(fee)
      await dialog.locator(sel('catalog-save')).click()
      // the reason is required
      await dialog.getByText('请填写修改理由。').waitFor()
      if (!audited) await auditScreen(page, { force: true })
      audited = true
      await dialog.locator(inp('catalog-reason')).fill(reason)
      await dialog.locator(sel('catalog-save')).click()
      await dialog.waitFor({ state: 'hidden' })
    }
    // the tourist visa's fee as it is (90.00 in the demo), then 5 euros more
    const france = await (await fetch(`${BASE}/api/v1/visa/catalog/FR`)).json()
    const tourism = france.kinds.find((k) => k.kind === 'tourism')
    assert.equal(france.kinds[0].kind, 'tourism', 'the first kind of the form')
    const was = (tourism.visa_fee.amount / 100).toFixed(2)
    const now = (Number(was) + 5).toFixed(2)
    const reason = `法国驻上海总领事馆调整签证费(e2e ${Date.now() % 1e6})`
    await edit(now, reason)
    await page.locator(sel('destination-FR')).click()
    const drawer = page.locator(sel('destination-drawer'))
    await drawer.locator(sel('visa-fee-tourism')).waitFor()
    assert.equal((await drawer.locator(sel('visa-fee-tourism')).innerText()).trim(), `€${now}`)
    await drawer.getByRole('button', { name: /关闭|Close/ }).first().click()
    await drawer.waitFor({ state: 'hidden' })

    await page.locator(sel('history-FR')).click()
    const history = page.locator(sel('catalog-history-dialog'))
    await history.locator(sel('catalog-history-item')).first().waitFor()
    assert.equal(await history.locator(sel('catalog-history-reason')).first().innerText(), reason)
    assert.equal((await history.locator(sel('catalog-history-changes')).first().innerText()).trim(), `旅游 · 签证费:€${was} → €${now}`)
    await auditScreen(page, { force: true })
    await shot(page, 'zh-CN-visa-catalog-history')
    await history.getByRole('button', { name: '关闭' }).last().click()
    await history.waitFor({ state: 'hidden' })

    await edit(was, `测试后恢复(${reason})`)
    assert.deepEqual(await missingKeys(page), [])
    await page.context().close()
  })
})
