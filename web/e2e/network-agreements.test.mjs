// The agreements with partner cities and the contacts there, in the browser. On a city of its own
// (added through the API, so the demo's stay as they are) the officer finds no agreement nor
// contact yet; the agreement's dialog opens and closes from the keyboard; a signing date in the
// future, an expiry before the signing and a copy that is no PDF are refused beside their fields,
// nothing sent; a copy the server refuses (415, the request's body changed on its way as if the
// form's check had missed it) is said beside the file, the agreement saved once and the copy
// uploaded again alone; the agreement is listed in force with its renewal's day, and its copy
// downloads byte for byte — in Chinese. In English the officer adds a contact — an e-mail refused
// by the form, a phone number refused by the server (422 beside the phone) —, sees it and deletes
// it after a confirmation. On the same city the officer renews an agreement of the test's own from
// its button (opened from the keyboard, the form filled as recorded): a signing date in the
// future is refused beside its field by the form, nothing sent, and by the server (422), nothing
// written; the later expiry saved, the row shows it in force with its new renewal's day and the
// focus is back on the button — in Chinese; in English the officer corrects a contact's office and
// empties their phone. The agreements overview lists all agreements, its "renewal due" filter
// (kept in the URL, sent as ?due=true) keeps those due — Aachen's memorandum among them — and a
// row's city opens its page. The auditor reads Aachen's agreements and contacts with no way to add,
// edit, upload or delete. Every screen and dialog audited (a11y.mjs).
import { test, describe, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { api, auditScreen, day, inp, launch, login, missingKeys, newPage, sel, shot } from './helpers.mjs'

let browser
let city
before(async () => {
  browser = await launch()
  // a city of the test's own: its agreements and contacts start empty
  const officer = await api('officer')
  const r = await officer('POST', '/network/cities', {
    name_zh: `协议测试市${run}`, name_en: `Agreement Test ${run}`, country: 'NZ', lat: -41.2706, lon: 173.284, tier: 'friendly', established: '2019-05-20',
  })
  assert.equal(r.status, 201)
  city = r.body
})
after(async () => { await browser?.close() })

const run = Date.now().toString(36)
/** A small PDF (ISO 32000: it begins %PDF-); the server judges the copy by that and its name. */
const PDF = Buffer.from(`%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n2 0 obj << /Type /Pages /Kids [] /Count 0 >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF ${run}\n`)

/** The element that has the focus, by its data-test. */
const focused = (page) => page.evaluate(() => document.activeElement?.closest('[data-test]')?.dataset.test)

/** Opens the test's city page and waits for its agreements and contacts. */
async function openCity(page, id = city.id) {
  await page.goto(`/network/cities/${id}`)
  await page.locator(sel('city-facts')).waitFor()
  await listsLoaded(page)
}

async function listsLoaded(page) {
  for (const table of ['agreements-table', 'contacts-table']) {
    await page.waitForFunction((s) => document.querySelector(s) && !document.querySelector(`${s} .el-loading-mask`), sel(table))
  }
}

/** Counts the requests of `method` to a path of the API ending with `suffix`, from now on. */
function counting(page, method, suffix) {
  const seen = []
  page.on('request', (r) => { if (r.method() === method && new URL(r.url()).pathname.endsWith(suffix)) seen.push(r.url()) })
  return seen
}

/** A field's error once shown (a cleared one may still be fading out, empty). */
async function errorOf(page, name) {
  const e = page.locator(sel(name)).filter({ hasText: /\S/ })
  await e.waitFor()
  return e.innerText()
}

/** A day (YYYY-MM-DD) as the Chinese UI writes it. */
const zhDay = (d) => d.replaceAll('-', '/')

/** The values of the dialog's fields, by their data-test. */
const values = (page, names) => Promise.all(names.map((n) => page.locator(inp(n)).inputValue()))

/** Chooses an option of an Element Plus select (not teleported) carrying data-test `select`. */
async function choose(page, select, option) {
  await page.locator(`${sel(select)} .el-select__wrapper`).click()
  await page.locator(sel(option)).click()
}

describe('agreements and contacts of a partner city', () => {
  test('the officer adds an agreement with its signed copy; the mistakes are said beside their fields (Chinese)', async () => {
    const page = await newPage(browser)
    await login(page, 'officer', 'zh-CN')
    await openCity(page)
    assert.equal(await page.locator(`${sel('agreements-table')} .el-table__empty-text`).innerText(), '暂无与该城市签署的协议')
    assert.equal(await page.locator(`${sel('contacts-table')} .el-table__empty-text`).innerText(), '暂无该城市的联系人')
    assert.match(await page.locator(sel('city-contacts')).innerText(), /每次查看本列表都会记入审计日志/)

    // the dialog opens and closes from the keyboard, the focus given back to its button
    await page.locator(sel('agreement-add')).focus()
    await page.keyboard.press('Enter')
    const dialog = page.locator(sel('agreement-dialog'))
    await dialog.waitFor()
    assert.equal(await dialog.locator('.el-dialog__title').innerText(), `新增与协议测试市${run}的协议`)
    await auditScreen(page, { force: true })
    await page.keyboard.press('Escape')
    await dialog.waitFor({ state: 'hidden' })
    assert.equal(await focused(page), 'agreement-add')

    // the form's own checks: beside each field, the first focused, nothing sent
    const posts = counting(page, 'POST', '/api/v1/network/agreements')
    const puts = counting(page, 'PUT', '/file')
    await page.locator(sel('agreement-add')).click()
    await dialog.waitFor()
    await page.locator(sel('agreement-save')).click()
    for (const f of ['title_zh', 'title_en', 'signed_on']) assert.equal(await errorOf(page, `agreement-${f}-error`), '必填。', f)
    assert.equal(await page.evaluate(() => document.activeElement?.id), 'agreement-title_zh')
    await page.locator(inp('agreement-title_zh')).fill(`宁波市与协议测试市友好交流备忘录 ${run}`)
    await page.locator(inp('agreement-title_en')).fill(`Memorandum on friendly exchanges ${run}`)
    await page.locator(inp('agreement-signed_on')).fill(day(1))
    await page.locator(inp('agreement-expires_on')).fill(day(-10))
    // a copy that is no PDF, whatever its name says
    await page.locator(sel('agreement-file-input')).setInputFiles({ name: 'memorandum.pdf', mimeType: 'application/pdf', buffer: Buffer.from('PK\u0003\u0004 a zip') })
    await page.locator(sel('agreement-file-chosen')).filter({ hasText: 'memorandum.pdf' }).waitFor()
    await page.locator(sel('agreement-save')).click()
    assert.equal(await errorOf(page, 'agreement-signed_on-error'), '签署日期不能晚于今天')
    assert.equal(await errorOf(page, 'agreement-expires_on-error'), '到期日应晚于签署日期')
    assert.equal(await errorOf(page, 'agreement-file-error'), '协议文本应为 PDF 文件（.pdf）')
    assert.equal(await page.locator(inp('agreement-signed_on')).getAttribute('aria-invalid'), 'true')
    assert.equal(await page.locator(inp('agreement-signed_on')).getAttribute('aria-describedby'), 'agreement-signed_on-error')
    assert.equal(await page.locator(sel('agreement-file')).getAttribute('aria-describedby'), 'agreement-file-hint agreement-file-error')
    assert.equal(await page.evaluate(() => document.activeElement?.id), 'agreement-signed_on')
    assert.deepEqual([posts.length, puts.length], [0, 0], 'nothing sent')
    await shot(page, 'network-agreement-refused-zh')

    // corrected: a term of 400 days, reminded 90 days before; the renewal's day shown as the server will set it
    await page.locator(inp('agreement-signed_on')).fill(day(-3))
    await page.locator(inp('agreement-expires_on')).fill(day(400))
    await page.locator(inp('agreement-renewal_notice_days')).fill('90')
    const renewalOn = day(310)
    const [y, m, d] = renewalOn.split('-')
    assert.equal(await page.locator(sel('agreement-renewal')).innerText(), `续签提醒日为 ${y}/${m}/${d}。`)
    await page.locator(sel('agreement-file-input')).setInputFiles({ name: 'memorandum.pdf', mimeType: 'application/pdf', buffer: PDF })
    assert.equal(await page.locator(sel('agreement-file-error')).filter({ hasText: /\S/ }).count(), 0)

    // the server refuses the copy (its body changed on its way): said beside the file, the agreement kept
    await page.route('**/api/v1/network/agreements/*/file?*', (route) => route.continue({ postData: Buffer.from('not a PDF at all') }))
    const refused = page.waitForResponse((r) => r.url().includes('/file?') && r.request().method() === 'PUT')
    await page.locator(sel('agreement-save')).click()
    assert.equal((await refused).status(), 415)
    assert.equal(await errorOf(page, 'agreement-file-error'), '协议文本应为 PDF 文件（.pdf）')
    await page.locator(sel('agreement-saved-no-copy')).waitFor()
    assert.equal((await page.locator(sel('agreement-save')).innerText()).trim(), '上传文本')
    assert.equal(await page.locator(inp('agreement-title_zh')).isDisabled(), true)
    assert.equal(posts.length, 1)
    await auditScreen(page, { force: true })
    await shot(page, 'network-agreement-copy-refused-zh')
    await page.unroute('**/api/v1/network/agreements/*/file?*')

    // uploaded again, alone
    const taken = page.waitForResponse((r) => r.url().includes('/file?') && r.request().method() === 'PUT')
    await page.locator(sel('agreement-save')).click()
    const answer = await taken
    assert.equal(answer.status(), 200)
    const agreement = await answer.json()
    await dialog.waitFor({ state: 'hidden' })
    assert.equal(await focused(page), 'agreement-add')
    assert.deepEqual([posts.length, puts.length], [1, 2], 'the agreement recorded once')
    assert.equal(agreement.state, 'in_force')
    assert.equal(agreement.renewal_due_on, renewalOn)
    assert.equal(agreement.file.filename, 'memorandum.pdf')

    // listed: in force, its renewal's day, its copy
    const row = page.locator(`${sel('agreements-table')} tr`, { has: page.locator(sel(`agreement-${agreement.id}`)) })
    await row.locator(sel(`agreement-download-${agreement.id}`)).waitFor()
    assert.match(await row.innerText(), new RegExp(`宁波市与协议测试市友好交流备忘录 ${run}[\\s\\S]*有效[\\s\\S]*${y}/${m}/${d}[\\s\\S]*下载`))
    assert.equal(await row.locator(sel('agreement-state')).getAttribute('data-state'), 'in_force')
    const link = row.locator(sel(`agreement-download-${agreement.id}`))
    const pdf = await page.request.get(await link.getAttribute('href'))
    assert.equal(pdf.status(), 200)
    assert.equal(pdf.headers()['content-type'], 'application/pdf')
    assert.ok((await pdf.body()).equals(PDF), 'the copy byte for byte')
    await shot(page, 'network-city-agreements-zh')
    assert.deepEqual(await missingKeys(page), [])
    await page.context().close()
  })

  test('the officer adds a contact, a mistake said beside its field, and deletes the contact (English)', async () => {
    const page = await newPage(browser)
    await login(page, 'officer', 'en-US')
    await openCity(page)
    await page.locator(sel('contact-add')).click()
    const dialog = page.locator(sel('contact-dialog'))
    await dialog.waitFor()
    assert.equal(await dialog.locator('.el-dialog__title').innerText(), `Add a contact in Agreement Test ${run}`)
    const posts = counting(page, 'POST', '/api/v1/network/contacts')
    await page.locator(inp('contact-name')).fill(`Aroha Ngata ${run}`)
    await page.locator(inp('contact-role')).fill('International Relations Adviser')
    await page.locator(inp('contact-organization')).fill('Nelson City Council')
    await page.locator(inp('contact-email')).fill('a.ngata(at)nelson.example.org')
    await page.locator(inp('contact-phone')).fill('+64 3 546 0200')
    await choose(page, 'contact-language', 'contact-language-mi')
    await page.locator(sel('contact-save')).click()
    assert.equal(await errorOf(page, 'contact-email-error'), 'Enter an e-mail address, such as name@example.org')
    assert.equal(await page.evaluate(() => document.activeElement?.id), 'contact-email')
    assert.equal(posts.length, 0)
    await page.locator(inp('contact-email')).fill('a.ngata@nelson.example.org')
    await auditScreen(page, { force: true })

    // the server's refusal beside the field it names (the body changed on its way: a phone number that is none)
    await page.route('**/api/v1/network/contacts', (route) => route.continue({ postData: JSON.stringify({ ...route.request().postDataJSON(), phone: 'call the office' }) }))
    let answered = page.waitForResponse((r) => r.url().endsWith('/api/v1/network/contacts') && r.request().method() === 'POST')
    await page.locator(sel('contact-save')).click()
    assert.equal((await answered).status(), 422)
    await page.locator(sel('contact-phone-error')).waitFor()
    assert.equal(await page.locator(inp('contact-phone')).getAttribute('aria-invalid'), 'true')
    assert.equal(await page.locator(inp('contact-phone')).getAttribute('aria-describedby'), 'contact-phone-hint contact-phone-error')
    assert.equal(await page.evaluate(() => document.activeElement?.id), 'contact-phone')
    await shot(page, 'network-contact-refused-en')
    await page.unroute('**/api/v1/network/contacts')

    answered = page.waitForResponse((r) => r.url().endsWith('/api/v1/network/contacts') && r.request().method() === 'POST')
    await page.locator(sel('contact-save')).click()
    const saved = await answered
    assert.equal(saved.status(), 201)
    const contact = await saved.json()
    assert.deepEqual([contact.phone, contact.language], ['+64 3 546 0200', 'mi'])
    await dialog.waitFor({ state: 'hidden' })
    assert.equal(await focused(page), 'contact-add')
    const row = page.locator(`${sel('contacts-table')} tr`, { has: page.locator(sel(`contact-${contact.id}`)) })
    await row.waitFor()
    assert.match(await row.innerText(),
      new RegExp(`Aroha Ngata ${run}\\s+International Relations Adviser\\s+Nelson City Council\\s+a\\.ngata@nelson\\.example\\.org\\s+\\+64 3 546 0200\\s+M[aā]ori`))
    await shot(page, 'network-city-contacts-en')

    // deleted after a confirmation naming them; cancelled first
    await row.locator(sel(`contact-delete-${contact.id}`)).click()
    const box = page.locator('.el-message-box')
    await box.waitFor()
    assert.match(await box.innerText(), new RegExp(`Delete Aroha Ngata ${run} \\(International Relations Adviser\\)\\?`))
    await auditScreen(page, { force: true })
    await box.locator('.el-button', { hasText: 'Cancel' }).click()
    await box.waitFor({ state: 'hidden' })
    assert.equal(await row.count(), 1)
    await row.locator(sel(`contact-delete-${contact.id}`)).click()
    await box.waitFor()
    const deleted = page.waitForResponse((r) => r.url().endsWith(`/api/v1/network/contacts/${contact.id}`) && r.request().method() === 'DELETE')
    await box.locator('.el-button--primary').click()
    assert.equal((await deleted).status(), 204)
    await page.locator(`${sel('contacts-table')} .el-table__empty-text`).filter({ hasText: 'No contact in this city recorded yet' }).waitFor()
    await page.waitForFunction(() => document.activeElement?.closest('[data-test]')?.dataset.test === 'contact-add')
    assert.deepEqual(await missingKeys(page), [])
    await page.context().close()
  })

  test('the officer renews an agreement from the city page; a signing date in the future is refused, nothing written (Chinese)', async () => {
    // one of the test's city, its renewal due: expiring in 60 days, reminded 90 days before
    const officer = await api('officer')
    const made = await officer('POST', '/network/agreements', {
      city_id: city.id, title_zh: `待续签的合作协议 ${run}`, title_en: `Cooperation agreement to renew ${run}`, signed_on: day(-1000), expires_on: day(60),
      renewal_notice_days: 90,
    })
    assert.equal(made.status, 201)
    assert.equal(made.body.state, 'renewal_due')
    const id = made.body.id

    const page = await newPage(browser)
    await login(page, 'officer', 'zh-CN')
    await openCity(page)
    const edit = page.locator(sel(`agreement-edit-${id}`))
    assert.equal((await edit.textContent()).trim(), `编辑《待续签的合作协议 ${run}》`, "its name says which (the title read, not shown: it is in the row)")

    // opened from the keyboard, filled as recorded; the copy is not the dialog's (replaced from the list)
    await edit.focus()
    await page.keyboard.press('Enter')
    const dialog = page.locator(sel('agreement-dialog'))
    await dialog.waitFor()
    assert.equal(await dialog.locator('.el-dialog__title').innerText(), `编辑与协议测试市${run}的协议`)
    const fields = ['title_zh', 'title_en', 'signed_on', 'expires_on', 'renewal_notice_days'].map((f) => `agreement-${f}`)
    assert.deepEqual(await values(page, fields),
      [`待续签的合作协议 ${run}`, `Cooperation agreement to renew ${run}`, day(-1000), day(60), '90'])
    assert.equal(await dialog.locator(sel('agreement-file')).count(), 0)
    assert.equal((await page.locator(sel('agreement-save')).innerText()).trim(), '保存修改')
    await auditScreen(page, { force: true })

    // signed in the future: refused by the form beside the field, the field focused, nothing sent
    const puts = counting(page, 'PUT', `/api/v1/network/agreements/${id}`)
    await page.locator(inp('agreement-signed_on')).fill(day(1))
    await page.locator(sel('agreement-save')).click()
    assert.equal(await errorOf(page, 'agreement-signed_on-error'), '签署日期不能晚于今天')
    assert.equal(await page.evaluate(() => document.activeElement?.id), 'agreement-signed_on')
    assert.equal(puts.length, 0)

    // renewed: four years more, the renewal's day shown as the server will set it
    await page.locator(inp('agreement-signed_on')).fill(day(-1000))
    await page.locator(inp('agreement-expires_on')).fill(day(1400))
    assert.equal(await dialog.locator(sel('agreement-renewal')).innerText(), `续签提醒日为 ${zhDay(day(1310))}。`)
    await shot(page, 'network-agreement-edit-zh')

    // …and by the server (the body changed on its way as if the form's check had missed it): beside the field, nothing written
    const path = `**/api/v1/network/agreements/${id}`
    await page.route(path, (route) => route.continue({ postData: JSON.stringify({ ...route.request().postDataJSON(), signed_on: day(1) }) }))
    const refused = page.waitForResponse((r) => r.url().endsWith(`/network/agreements/${id}`) && r.request().method() === 'PUT')
    await page.locator(sel('agreement-save')).click()
    assert.equal((await refused).status(), 422)
    assert.equal(await errorOf(page, 'agreement-signed_on-error'), '签署日期不能晚于今天')
    assert.equal(await page.locator(inp('agreement-signed_on')).getAttribute('aria-invalid'), 'true')
    assert.equal(await page.evaluate(() => document.activeElement?.id), 'agreement-signed_on')
    await auditScreen(page, { force: true })
    await page.unroute(path)
    const kept = await officer('GET', `/network/agreements/${id}`)
    assert.deepEqual([kept.body.signed_on, kept.body.expires_on, kept.body.renewal_due_on, kept.body.updated_at],
      [made.body.signed_on, made.body.expires_on, made.body.renewal_due_on, made.body.updated_at], 'nothing written')

    const saved = page.waitForResponse((r) => r.url().endsWith(`/network/agreements/${id}`) && r.request().method() === 'PUT')
    await page.locator(sel('agreement-save')).click()
    assert.equal((await saved).status(), 200)
    await dialog.waitFor({ state: 'hidden' })
    await page.locator('.el-message').filter({ hasText: `已保存对协议的修改：待续签的合作协议 ${run}` }).waitFor()
    assert.equal(await focused(page), `agreement-edit-${id}`)
    assert.equal(puts.length, 2)

    // listed in force, its new expiry and renewal's day; the reminder re-armed
    const row = page.locator(`${sel('agreements-table')} tr`, { has: page.locator(sel(`agreement-${id}`)) })
    await row.locator(`${sel('agreement-state')}[data-state="in_force"]`).waitFor()
    assert.match(await row.innerText(), new RegExp(`待续签的合作协议 ${run}[\\s\\S]*${zhDay(day(1400))}[\\s\\S]*有效[\\s\\S]*${zhDay(day(1310))}`))
    const renewed = await officer('GET', `/network/agreements/${id}`)
    assert.deepEqual([renewed.body.signed_on, renewed.body.expires_on, renewed.body.renewal_due_on, renewed.body.reminded_on, renewed.body.state],
      [day(-1000), day(1400), day(1310), null, 'in_force'])
    await shot(page, 'network-city-agreement-renewed-zh')
    assert.deepEqual(await missingKeys(page), [])
    await page.context().close()
  })

  test('the officer corrects a contact\'s office from the city page and empties their phone (English)', async () => {
    const officer = await api('officer')
    const made = await officer('POST', '/network/contacts', {
      city_id: city.id, name: `Rangi Parata ${run}`, role: 'Deputy Mayor', organization: 'Nelson City Council',
      email: 'r.parata@nelson.example.org', phone: '+64 3 546 0201', language: 'mi',
    })
    assert.equal(made.status, 201)
    const id = made.body.id

    const page = await newPage(browser)
    await login(page, 'officer', 'en-US')
    await openCity(page)
    // the button's name says whom it edits
    const edit = page.getByRole('button', { name: `Edit the contact Rangi Parata ${run}`, exact: true })
    assert.equal(await edit.getAttribute('data-test'), `contact-edit-${id}`)
    await edit.click()
    const dialog = page.locator(sel('contact-dialog'))
    await dialog.waitFor()
    assert.equal(await dialog.locator('.el-dialog__title').innerText(), `Edit a contact in Agreement Test ${run}`)
    assert.deepEqual(await values(page, ['contact-name', 'contact-role', 'contact-organization', 'contact-email', 'contact-phone']),
      [`Rangi Parata ${run}`, 'Deputy Mayor', 'Nelson City Council', 'r.parata@nelson.example.org', '+64 3 546 0201'])
    assert.match(await page.locator(sel('contact-language')).innerText(), /M[aā]ori/)
    assert.equal((await page.locator(sel('contact-save')).innerText()).trim(), 'Save changes')

    await page.locator(inp('contact-role')).fill('Mayor of Nelson')
    await page.locator(inp('contact-phone')).fill('')
    await auditScreen(page, { force: true })
    await shot(page, 'network-contact-edit-en')
    const saved = page.waitForResponse((r) => r.url().endsWith(`/network/contacts/${id}`) && r.request().method() === 'PUT')
    await page.locator(sel('contact-save')).click()
    assert.equal((await saved).status(), 200)
    await dialog.waitFor({ state: 'hidden' })
    await page.locator('.el-message').filter({ hasText: `Changes to the contact saved: Rangi Parata ${run}` }).waitFor()
    assert.equal(await focused(page), `contact-edit-${id}`)

    const row = page.locator(`${sel('contacts-table')} tr`, { has: page.locator(sel(`contact-${id}`)) })
    await row.filter({ hasText: 'Mayor of Nelson' }).waitFor()
    assert.match(await row.innerText(), new RegExp(`Rangi Parata ${run}\\s+Mayor of Nelson\\s+Nelson City Council\\s+r\\.parata@nelson\\.example\\.org\\s+`))
    assert.equal(await row.locator('a[href^="tel:"]').count(), 0)
    const after = await officer('GET', `/network/contacts/${id}`)
    assert.deepEqual([after.body.role, after.body.phone, after.body.email, after.body.language], ['Mayor of Nelson', '', 'r.parata@nelson.example.org', 'mi'])
    assert.deepEqual(await missingKeys(page), [])
    await page.context().close()
  })

  test('the agreements overview keeps those whose renewal is due, and opens a row\'s city (English)', async () => {
    // one of the test's city due now: expiring in 30 days, reminded 180 days before
    const officer = await api('officer')
    const due = await officer('POST', '/network/agreements', {
      city_id: city.id, title_zh: `即将到期的协议 ${run}`, title_en: `Agreement expiring soon ${run}`, signed_on: day(-700), expires_on: day(30),
    })
    assert.equal(due.status, 201)
    assert.equal(due.body.state, 'renewal_due')

    const page = await newPage(browser)
    await login(page, 'officer', 'en-US')
    await page.locator(sel('menu-network-agreements')).click()
    await page.locator(sel('network-agreements-page')).waitFor()
    await page.locator('[data-test^="agreement-city-"]').first().waitFor()
    assert.equal(await page.locator('h1').innerText(), 'Agreements with partner cities')
    const states = () => page.locator(sel('agreement-state')).evaluateAll((tags) => tags.map((x) => x.dataset.state))
    const all = await states()
    assert.ok(all.includes('open_ended') && all.includes('renewal_due'), `all states listed: ${all}`)
    // those expiring first first, the open-ended last
    assert.equal(all.at(-1), 'open_ended')
    await shot(page, 'network-agreements-en')

    // renewal due: sent to the server, kept in the URL
    const filtered = page.waitForResponse((r) => r.url().includes('/api/v1/network/agreements?') && r.url().includes('due=true'))
    await page.locator(sel('agreements-filter-due')).click()
    assert.equal((await filtered).status(), 200)
    await page.waitForURL(/\/network\/agreements\?due=true$/)
    await page.locator(`${sel('agreements-total')}[data-due="true"]`).waitFor()
    await page.locator(sel(`agreement-${due.body.id}`)).waitFor()
    assert.deepEqual([...new Set(await states())], ['renewal_due'])
    const table = await page.locator(sel('agreements-table')).innerText()
    assert.match(table, /Aachen \(Germany\)\s+Memorandum on the training of professionals between Ningbo and Aachen[\s\S]*Renewal due/)
    assert.doesNotMatch(table, /Nagaokakyo/, 'an open-ended agreement is never due')
    assert.match(await page.locator(sel('agreements-total')).innerText(), /^\d+ agreements? (is|are) due for renewal$/)
    await shot(page, 'network-agreements-due-en')
    assert.deepEqual(await missingKeys(page), [])

    // a row's city opens its page
    await page.locator(sel(`agreement-city-${due.body.id}`)).click()
    await page.waitForURL(new RegExp(`/network/cities/${city.id}$`))
    await page.locator(sel('city-facts')).waitFor()
    assert.equal(await page.locator(sel('city-title')).innerText(), `Agreement Test ${run}`)
    await listsLoaded(page)
    const row = page.locator(`${sel('agreements-table')} tr`, { has: page.locator(sel(`agreement-${due.body.id}`)) })
    assert.match(await row.innerText(), /Renewal due[\s\S]*Not uploaded/)
    await page.context().close()
  })

  test('the auditor reads Aachen\'s agreements and contacts, with no way to add, edit, upload or delete (Chinese)', async () => {
    const page = await newPage(browser)
    await login(page, 'auditor', 'zh-CN')
    await page.goto('/network/cities?country=DE')
    await page.locator('[data-test^="city-open-"][data-name-en="Aachen"]').click()
    await page.locator(sel('city-facts')).waitFor()
    await listsLoaded(page)
    assert.match(await page.locator(sel('city-agreements')).innerText(), /^协议[\s\S]*宁波市与亚琛市专业人才培训合作备忘录[\s\S]*待续签[\s\S]*未上传/)
    assert.match(await page.locator(sel('city-contacts')).innerText(),
      /^联系人[\s\S]*Anna Becker\s+Leiterin Internationale Beziehungen\s+Stadt Aachen\s+a\.becker@aachen\.example\.org\s+\+49 241 000-0101\s+德语/)
    for (const button of ['agreement-add', 'contact-add']) assert.equal(await page.locator(sel(button)).count(), 0, button)
    for (const buttons of ['agreement-upload-', 'agreement-edit-', 'contact-edit-', 'contact-delete-']) {
      assert.equal(await page.locator(`[data-test^="${buttons}"]`).count(), 0, buttons)
    }
    await shot(page, 'network-city-agreements-auditor-zh')
    assert.deepEqual(await missingKeys(page), [])

    // the overview: read, no upload
    await page.locator(sel('menu-network-agreements')).click()
    await page.locator('[data-test^="agreement-city-"]').first().waitFor()
    assert.equal(await page.locator('h1').innerText(), '友城协议')
    assert.equal(await page.locator('[data-test^="agreement-upload-"]').count(), 0)
    await page.locator(sel('agreements-filter-due')).click()
    await page.waitForURL(/due=true/)
    await page.locator(`${sel('agreements-total')}[data-due="true"]`).filter({ hasText: /份协议待续签/ }).waitFor()
    await shot(page, 'network-agreements-due-auditor-zh')
    assert.deepEqual(await missingKeys(page), [])
    await page.context().close()
  })

  test('a citizen has no entry, and the overview is not found for them', async () => {
    const page = await newPage(browser)
    await login(page, 'citizen', 'zh-CN')
    await page.locator(sel('side-menu')).waitFor()
    assert.equal(await page.locator(sel('menu-network-agreements')).count(), 0)
    await page.goto('/network/agreements')
    await page.locator(sel('not-found')).waitFor()
    await page.context().close()
  })
})
