// Apostille and consular legalization in the browser: the citizen applies for Germany, adds a
// document and sees why it takes the apostille, then submits (in Chinese); the desk checks the
// document and issues the apostille, and for a document bound for India (which objected to
// China's accession) sees the apostille refused with the reason, then refuses the document
// with a reason of its own (in English); anyone asks the route checker about India; the admin
// corrects Kiribati's status and records its embassy with a reason, finds both in the history,
// and sets them back; the desk cancels an open batch for India after confirming, and its document
// can go in another batch; the desk puts a document authenticated for India in a batch to the
// consulate on record (filled in for it), sends it, records its return and prints the dispatch
// list, and the auditor reads the batch.
// Every screen audited (a11y.mjs).
import { test, describe, before, after } from 'node:test'
import assert from 'node:assert/strict'
import {
  act, api, auditScreen, BASE, field, inp, launch, login, missingKeys, newPage, PASSWORD, pickCountry, sel, shot, waitForState,
} from './helpers.mjs'

let browser
before(async () => { browser = await launch() })
after(async () => { await browser?.close() })

async function fill(page, path, value) {
  await page.locator(`${field(path)} input, ${field(path)} textarea`).first().fill(value)
}
/** Presses Tab until the focus is on `css` (fails after `max` presses); every stop shows its focus ring. */
async function tabTo(page, css, max = 60) {
  for (let i = 0; i < max; i++) {
    await page.keyboard.press('Tab')
    if (await page.evaluate((c) => document.activeElement?.matches(c) ?? false, css)) {
      // Element Plus animates its fields' rings in
      const ring = await page.waitForFunction(() => {
        const el = document.activeElement
        const wrapper = el.closest('.el-input__wrapper, .el-select__wrapper')
        return getComputedStyle(el).outlineStyle !== 'none' || (!!wrapper && /0px 0px 0px 2px/.test(getComputedStyle(wrapper).boxShadow))
      }, null, { timeout: 2000 }).then(() => true, () => false)
      assert.ok(ring, `the focus can be seen on ${css}`)
      return
    }
  }
  assert.fail(`${css} not reached with ${max} presses of Tab`)
}
const docState = (page, state) => page.locator(`[data-test^="document-state-"][data-state="${state}"]`).first().waitFor()

describe('apostille and consular legalization', () => {
  let caseId

  test('the citizen applies for Germany, adds a document, sees the apostille route and why, and submits (zh-CN)', async () => {
    const page = await newPage(browser)
    await login(page, 'citizen', 'zh-CN')
    // the citizen's home is their applications
    await page.locator(sel('applications-page')).waitFor()
    assert.equal(new URL(page.url()).pathname, '/legalizations')
    await page.locator(sel('new-application')).click()
    await page.locator(field('purpose')).waitFor()
    await pickCountry(page, 'destination', 'DE', 'Germany')
    await fill(page, 'purpose', '赴德国攻读硕士学位(端到端测试)')
    await fill(page, 'phone', '13805740000')
    await auditScreen(page)
    await page.locator(sel('save-draft')).click()
    await page.waitForURL(/\/cases\/\d+\/edit$/)
    caseId = Number(new URL(page.url()).pathname.split('/')[2])
    await page.goto(`/cases/${caseId}`)

    const route = page.locator(sel('case-route'))
    await route.waitFor()
    assert.equal(await route.getAttribute('data-route'), 'apostille')
    assert.match(await route.innerText(), /附加证明书/)
    assert.match(await page.locator(sel('case-route-reason')).innerText(), /德国.*附加证明书/)

    // an empty form is refused beside its fields, before anything is sent
    const form = page.locator(sel('add-document'))
    await form.locator(sel('add-document-submit')).click()
    await page.locator(`${field('kind')} .el-form-item__error`).waitFor()
    assert.match(await page.locator(`${field('holder')} .el-form-item__error`).innerText(), /必填/)
    await auditScreen(page, { force: true })
    await form.locator(`${field('kind')} .el-select__wrapper`).click()
    await form.locator(sel('option-degree')).click()
    await fill(page, 'holder', '李华')
    await fill(page, 'issued_by', '宁波大学')
    await fill(page, 'notarial_number', '(2026)浙甬海证字第 9001 号')
    await fill(page, 'pages', '2')
    await fill(page, 'copies', '1')
    await form.locator(sel('add-document-submit')).click()
    await docState(page, 'received')
    const table = await page.locator(sel('documents-table')).innerText()
    assert.match(table, /学历学位证明/)
    assert.match(table, /宁波大学/)
    assert.match(table, /已登记/)
    await shot(page, 'zh-CN-legalization-draft')

    await act(page, 'submit')
    await waitForState(page, 'received')
    // submitted: no more documents can be added
    await page.locator(sel('case-route')).waitFor()
    assert.equal(await page.locator(sel('add-document')).count(), 0)
    assert.deepEqual(await missingKeys(page), [])
    await page.context().close()
  })

  test('the desk checks the document and issues the apostille; for India the apostille is refused with the reason (en-US)', async () => {
    // an application bound for India, with one document, submitted by the citizen
    const citizen = await api('citizen')
    const made = await citizen('POST', '/cases', {
      type: 'legalization', data: { destination: 'IN', purpose: 'Family visit (e2e)', phone: '13805740000' },
    })
    assert.equal(made.status, 201, JSON.stringify(made.body))
    const india = made.body.id
    const doc = await citizen('POST', `/cases/${india}/subrecords`, {
      kind: 'document', data: { kind: 'birth', holder: 'Li Ming', issued_by: 'Haishu Notary Office', pages: 1, copies: 1 },
    })
    assert.equal(doc.status, 201, JSON.stringify(doc.body))
    assert.equal((await citizen('POST', `/cases/${india}/transitions`, { action: 'submit' })).status, 200)

    const page = await newPage(browser)
    await login(page, 'officer', 'en-US')
    await page.locator(sel('menu-legalization-queue')).click()
    await page.waitForURL(/\/legalization-queue$/) // the landing queue is drawn by the same component
    await page.locator(sel('queue-page')).waitFor()
    await auditScreen(page)
    await page.goto(`/cases/${caseId}`)
    await page.locator(sel('documents-panel')).waitFor()
    assert.equal(await page.locator(sel('case-route')).getAttribute('data-route'), 'apostille')
    await page.locator(sel('document-action-check')).click()
    await docState(page, 'checked')
    await page.locator(sel('document-action-apostille')).click()
    await docState(page, 'apostilled')
    assert.match(await page.locator(sel('documents-table')).innerText(), /Apostilled/)
    await shot(page, 'en-US-legalization-apostilled')
    // the e-Apostille is on the case, and the e-Register confirms it in the reader's language
    const verify = page.locator(sel('document-verify'))
    await verify.waitFor()
    await page.goto(await verify.getAttribute('href'))
    await page.locator(sel('verify-valid')).waitFor()
    const register = await page.locator('.verify-fields').innerText()
    assert.match(register, /Has been signed by/)
    assert.doesNotMatch(register, /\[object Object\]/)
    assert.deepEqual(await missingKeys(page), [])

    await page.goto(`/cases/${india}`)
    await page.locator(sel('documents-panel')).waitFor()
    assert.equal(await page.locator(sel('case-route')).getAttribute('data-route'), 'legalization')
    await page.locator(sel('document-action-check')).click()
    await docState(page, 'checked')
    await page.locator(sel('document-action-apostille')).click()
    const error = page.locator(sel(`document-error-${doc.body.id}`))
    await error.waitFor()
    assert.match(await error.innerText(), /India.*consular legalization/)
    assert.equal(await page.locator(sel(`document-state-${doc.body.id}`)).getAttribute('data-state'), 'checked')
    await auditScreen(page, { force: true })

    // refusing asks for the reason
    await page.locator(sel('document-action-refuse')).click()
    const dialog = page.locator('.el-dialog').filter({ has: page.locator(sel('document-confirm')) })
    await dialog.waitFor()
    await dialog.locator(sel('document-confirm')).click()
    await dialog.getByText('Please give the reason.').waitFor()
    await auditScreen(page, { force: true })
    await dialog.locator(inp('document-reason')).fill('The birth certificate is a copy: bring the original.')
    await dialog.locator(sel('document-confirm')).click()
    await docState(page, 'refused')
    assert.deepEqual(await missingKeys(page), [])
    await page.context().close()
  })

  test('anyone asks the route checker, by keyboard: India takes consular legalization (zh-CN)', async () => {
    const page = await newPage(browser)
    await login(page, 'ent.normal', 'zh-CN')
    await page.locator(sel('menu-legalization-destinations')).click()
    await page.locator(sel('destinations-page')).waitFor()
    await auditScreen(page)
    // keyboard only from here: the country, then the table's search and route filter
    await tabTo(page, `${sel('route-country')} input`)
    await page.keyboard.type('India')
    await page.locator(sel('country-option-IN')).waitFor()
    await page.keyboard.press('ArrowDown')
    await page.keyboard.press('Enter')
    const result = page.locator(sel('route-result'))
    await result.waitFor()
    assert.equal(await result.getAttribute('data-route'), 'legalization')
    assert.match(await result.innerText(), /领事认证/)
    assert.match(await page.locator(sel('route-reason')).innerText(), /印度/)
    // the table: India objects to China's accession
    await tabTo(page, inp('destination-search'))
    await page.keyboard.type('印度')
    await page.locator(sel('objection-IN')).waitFor()
    assert.equal(await page.locator(sel('route-IN')).getAttribute('data-route'), 'legalization')
    await tabTo(page, `${sel('destination-route-filter')} input`)
    await page.keyboard.press('ArrowRight')
    await page.locator(sel('destination-IN')).waitFor({ state: 'detached' })
    assert.equal(await page.locator(`${sel('route-filter-apostille')} input`).isChecked(), true)
    assert.equal(await page.locator(sel('edit-IN')).count(), 0, 'only the admin edits')
    await shot(page, 'zh-CN-legalization-route-checker')
    assert.deepEqual(await missingKeys(page), [])
    await page.context().close()
  })

  test('the admin makes Kiribati a party with a reason, finds it in the history, and sets it back (en-US)', async () => {
    const page = await newPage(browser)
    await login(page, 'admin', 'en-US')
    await page.goto('/legalization-destinations')
    await page.locator(sel('destinations-page')).waitFor()
    await page.locator(inp('destination-search')).fill('Kiribati')
    const route = page.locator(sel('route-KI'))
    await route.waitFor()
    assert.equal(await route.getAttribute('data-route'), 'legalization')

    const edit = async (party, reason, post = '') => {
      await page.locator(sel('edit-KI')).click()
      const dialog = page.locator('.el-dialog').filter({ has: page.locator(sel('destination-save')) })
      await dialog.waitFor()
      const box = dialog.locator(`${sel('destination-party')} input`)
      if ((await box.isChecked()) !== party) await dialog.locator(sel('destination-party')).click()
      if (party) await dialog.locator(inp('destination-party-since')).fill('2024-01-15')
      await dialog.locator(inp('destination-post-en')).fill(post)
      await dialog.locator(sel('destination-save')).click()
      // the reason is required
      await dialog.getByText('Please give the reason for the change.').waitFor()
      await auditScreen(page, { force: true })
      await dialog.locator(inp('destination-reason')).fill(reason)
      await dialog.locator(sel('destination-save')).click()
      await dialog.waitFor({ state: 'hidden' })
    }
    const reason = `HCCH depositary notification (e2e ${Date.now() % 1e6})`
    await edit(true, reason, 'Embassy of Kiribati in Beijing (e2e)')
    await page.locator(`${sel('route-KI')}[data-route="apostille"]`).waitFor()
    assert.equal((await page.locator(sel('post-KI')).innerText()).trim(), 'Embassy of Kiribati in Beijing (e2e)')

    await page.locator(sel('history-KI')).click()
    const history = page.locator('.el-dialog').filter({ has: page.locator(sel('destination-history')) })
    await history.waitFor()
    assert.equal(await history.locator(sel('history-reason')).first().innerText(), reason)
    assert.match(await history.locator(sel('history-item')).first().innerText(), /Not a party → Jan 15, 2024/)
    assert.match(await history.locator(sel('history-item')).first().innerText(), /Embassy or consulate, in English: – → Embassy of Kiribati in Beijing \(e2e\)/)
    await auditScreen(page, { force: true })
    await history.getByRole('button', { name: 'Close' }).last().click()
    await history.waitFor({ state: 'hidden' })

    await edit(false, `Set back after the test (${reason})`)
    await page.locator(`${sel('route-KI')}[data-route="legalization"]`).waitFor()
    assert.equal((await page.locator(sel('party-since-KI')).innerText()).trim(), 'Not a party')
    assert.equal((await page.locator(sel('post-KI')).innerText()).trim(), '–')
    assert.deepEqual(await missingKeys(page), [])
    await page.context().close()
  })

  test('the desk cancels an open batch for India, and its document can go in another batch (en-US)', async () => {
    // a document authenticated for India, put in a batch by the desk
    const ent = await api('ent.normal')
    const officer = await api('officer')
    const holder = `Ningbo Test Trading Co. ${Date.now() % 1e6}`
    const made = await ent('POST', '/cases', {
      type: 'legalization', data: { destination: 'IN', purpose: '印度客户开立信用证(端到端测试,撤销批次)', phone: '13805740000' },
    })
    assert.equal(made.status, 201, JSON.stringify(made.body))
    const india = made.body.id
    const doc = await ent('POST', `/cases/${india}/subrecords`, {
      kind: 'document', data: { kind: 'commercial_invoice', holder, issued_by: holder, pages: 1, copies: 2 },
    })
    assert.equal(doc.status, 201, JSON.stringify(doc.body))
    const docId = doc.body.id
    assert.equal((await ent('POST', `/cases/${india}/transitions`, { action: 'submit' })).status, 200)
    for (const action of ['check', 'authenticate']) {
      const r = await officer('POST', `/cases/${india}/subrecords/${docId}/transitions`, { action })
      assert.equal(r.status, 200, `${action}: ${JSON.stringify(r.body)}`)
    }
    const built = await officer('POST', '/legalization/batches', { country: 'IN', post: 'Consulate General of India in Shanghai', documents: [docId] })
    assert.equal(built.status, 201, JSON.stringify(built.body))
    const { id, number } = built.body

    const page = await newPage(browser)
    await login(page, 'officer', 'en-US')
    const offered = async () => {
      await page.locator(sel('menu-legalization-batches')).click()
      await page.locator(sel('batches-table')).waitFor()
      await page.locator(sel('batch-new')).click()
      await page.locator(sel('legalization-batch-new-page')).waitFor()
      await page.locator(sel('batch-country')).click()
      await page.locator(sel('batch-country-option-IN')).click()
      const choose = page.locator(sel(`batch-choose-${docId}`))
      await choose.waitFor()
      return choose
    }
    // while the batch is open, its document cannot be chosen again
    let choose = await offered()
    assert.equal((await page.locator(sel(`batch-taken-${docId}`)).innerText()).trim(), `Already in batch ${number}`)
    assert.match(await choose.getAttribute('class'), /is-disabled/)

    await page.locator(sel('menu-legalization-batches')).click()
    await page.locator(sel(`batch-${id}`)).click()
    await page.locator(`${sel('batch-state')}[data-state="open"]`).waitFor()
    await auditScreen(page)

    // cancelling asks first, saying what becomes of the document
    await page.locator(sel('batch-cancel')).click()
    const confirm = page.locator('.batch-cancel-dialog')
    await confirm.waitFor()
    assert.match(await confirm.innerText(), new RegExp(`Cancel batch ${number}\\?[\\s\\S]*another batch`))
    await auditScreen(page, { force: true })
    // "Keep the batch" changes nothing
    await confirm.getByRole('button', { name: 'Keep the batch', exact: true }).click()
    await confirm.waitFor({ state: 'hidden' })
    assert.equal(await page.locator(sel('batch-state')).getAttribute('data-state'), 'open')
    await page.locator(sel('batch-cancel')).click()
    await confirm.waitFor()
    await confirm.getByRole('button', { name: 'Cancel batch', exact: true }).click()
    await page.locator(`${sel('batch-state')}[data-state="cancelled"]`).waitFor()
    await page.locator('.el-message--success').filter({ hasText: `Batch ${number} was cancelled` }).waitFor()
    assert.equal((await page.locator(sel('batch-state')).innerText()).trim(), 'Cancelled')
    assert.equal(await page.locator(sel(`batch-item-state-${docId}`)).getAttribute('data-state'), 'authenticated')
    assert.equal(await page.locator(sel('batch-send')).count() + await page.locator(sel('batch-cancel')).count(), 0)
    await auditScreen(page, { force: true })

    // the list says so; the document is offered for a new batch again
    await page.locator(sel('batch-back')).click()
    await page.locator(`${sel(`batch-state-${id}`)}[data-state="cancelled"]`).waitFor()
    choose = await offered()
    assert.equal(await page.locator(sel(`batch-taken-${docId}`)).count(), 0)
    assert.doesNotMatch(await choose.getAttribute('class'), /is-disabled/)
    await choose.click()
    assert.match(await page.locator(sel('batch-chosen')).innerText(), /1 document chosen, 2 copies in all/)
    assert.deepEqual(await missingKeys(page), [])
    await page.context().close()

    // a batch no longer open is not cancelled again; the server takes the document in a new batch
    // (left open: the next test's India batch finds it taken, not free to choose)
    const again = await officer('POST', `/legalization/batches/${id}/cancel`)
    assert.equal(again.status, 409, JSON.stringify(again.body))
    const next = await officer('POST', '/legalization/batches', { country: 'IN', post: 'Consulate General of India in Shanghai', documents: [docId] })
    assert.equal(next.status, 201, JSON.stringify(next.body))
  })

  test('the desk builds a batch for India from an authenticated document, sends it, records its return and prints the dispatch list (zh-CN); the auditor reads it (en-US)', async () => {
    // an enterprise's application bound for India, its document checked and authenticated by the desk
    const ent = await api('ent.normal')
    const officer = await api('officer')
    const holder = `宁波测试贸易有限公司 ${Date.now() % 1e6}`
    const made = await ent('POST', '/cases', {
      type: 'legalization', data: { destination: 'IN', purpose: '印度客户开立信用证(端到端测试)', phone: '13805740000' },
    })
    assert.equal(made.status, 201, JSON.stringify(made.body))
    const india = made.body.id
    const doc = await ent('POST', `/cases/${india}/subrecords`, {
      kind: 'document', data: { kind: 'commercial_invoice', holder, issued_by: holder, pages: 2, copies: 2 },
    })
    assert.equal(doc.status, 201, JSON.stringify(doc.body))
    const docId = doc.body.id
    assert.equal((await ent('POST', `/cases/${india}/transitions`, { action: 'submit' })).status, 200)
    for (const action of ['check', 'authenticate']) {
      const r = await officer('POST', `/cases/${india}/subrecords/${docId}/transitions`, { action })
      assert.equal(r.status, 200, `${action}: ${JSON.stringify(r.body)}`)
    }

    const page = await newPage(browser)
    await login(page, 'officer', 'zh-CN')
    await page.locator(sel('menu-legalization-batches')).click()
    await page.locator(sel('batches-table')).waitFor()
    await auditScreen(page)
    await page.locator(sel('batch-new')).click()
    await page.locator(sel('legalization-batch-new-page')).waitFor()
    // nothing chosen: refused beside each field before anything is sent
    await page.locator(sel('batch-create')).click()
    await page.locator(sel('batch-documents-error')).waitFor()
    assert.match(await page.locator(`${sel('legalization-batch-new-page')} .el-form-item__error`).first().innerText(), /请选择使用国/)
    await auditScreen(page)

    // India: its authenticated documents are offered
    await page.locator(sel('batch-country')).click()
    await page.locator(sel('batch-country-option-IN')).click()
    const choose = page.locator(sel(`batch-choose-${docId}`))
    await choose.waitFor()
    await choose.click()
    // the consulate on record for India is filled in, and the hint says so
    const POST_IN = '印度驻上海总领事馆 Consulate General of India in Shanghai'
    const post = page.locator(inp('batch-post'))
    const hint = page.locator(sel('batch-post-hint'))
    assert.equal(await post.inputValue(), POST_IN)
    assert.equal(await hint.getAttribute('data-source'), 'record')
    assert.match(await hint.innerText(), /已按公约国家表中印度的登记填入/)
    // written over, the hint names the one on record; one click puts it back
    await post.fill('印度驻华大使馆')
    await page.locator(`${sel('batch-post-hint')}[data-source="changed"]`).waitFor()
    assert.ok((await hint.innerText()).includes(`与公约国家表中印度的登记(${POST_IN})不同`), await hint.innerText())
    await auditScreen(page, { force: true })
    await page.locator(sel('batch-post-reset')).click()
    await page.locator(`${sel('batch-post-hint')}[data-source="record"]`).waitFor()
    assert.equal(await post.inputValue(), POST_IN)
    assert.match(await page.locator(sel('batch-chosen')).innerText(), /已选 1 份文书,合计 2 份/)
    await auditScreen(page, { force: true })
    // left as filled in, the post is not sent: the server writes the one on record
    const [sent] = await Promise.all([
      page.waitForRequest((r) => r.method() === 'POST' && r.url().endsWith('/api/v1/legalization/batches')),
      page.locator(sel('batch-create')).click(),
    ])
    assert.equal('post' in sent.postDataJSON(), false, JSON.stringify(sent.postDataJSON()))
    await page.waitForURL(/\/legalization-batches\/\d+$/)
    const batchPath = new URL(page.url()).pathname
    await page.locator(`${sel('batch-state')}[data-state="open"]`).waitFor()
    assert.equal(await page.locator(sel('batch-destination')).innerText(), '印度')
    assert.equal(await page.locator(sel('batch-post')).innerText(), POST_IN, 'the server wrote the one on record')
    assert.equal(await page.locator(sel(`batch-item-state-${docId}`)).getAttribute('data-state'), 'authenticated')
    assert.equal(await page.locator(sel(`batch-case-${docId}`)).getAttribute('href'), `/cases/${india}`)
    await auditScreen(page)

    // sending asks first, then every document is at the embassy
    await page.locator(sel('batch-send')).click()
    const confirm = page.locator('.el-message-box')
    await confirm.waitFor()
    await auditScreen(page, { force: true })
    await confirm.locator('.el-button--primary').click()
    await page.locator(`${sel('batch-state')}[data-state="sent"]`).waitFor()
    assert.equal(await page.locator(sel(`batch-item-state-${docId}`)).getAttribute('data-state'), 'sent_to_embassy')

    // the return: marked refused, a reason is required; unmarked, the document is legalized
    await page.locator(sel('batch-return')).click()
    const dialog = page.locator('.el-dialog').filter({ has: page.locator(sel('return-confirm')) })
    await dialog.waitFor()
    await dialog.locator(sel(`return-refused-${docId}`)).click()
    await dialog.locator(sel('return-confirm')).click()
    await dialog.getByText('请填写使领馆的理由。').waitFor()
    await auditScreen(page, { force: true })
    await dialog.locator(sel(`return-refused-${docId}`)).click()
    assert.match(await dialog.locator(sel('return-summary')).innerText(), /已认证 1 份,不予认证 0 份/)
    await dialog.locator(sel('return-confirm')).click()
    await page.locator(`${sel('batch-state')}[data-state="returned"]`).waitFor()
    assert.equal(await page.locator(sel(`batch-item-result-${docId}`)).getAttribute('data-result'), 'legalized')
    assert.equal(await page.locator(sel(`batch-item-state-${docId}`)).getAttribute('data-state'), 'legalized')
    assert.equal(await page.locator(sel('batch-return')).count(), 0)

    // the dispatch list, printed
    const [pdf] = await Promise.all([
      page.waitForResponse((r) => r.url().includes('/dispatch.pdf')),
      page.locator(sel('batch-dispatch-pdf')).click(),
    ])
    assert.equal(pdf.status(), 200)
    assert.equal(pdf.headers()['content-type'], 'application/pdf')
    await shot(page, 'zh-CN-legalization-batch-returned')
    assert.deepEqual(await missingKeys(page), [])
    await page.context().close()

    // the auditor reads the batch, and may change nothing
    const audit = await newPage(browser)
    await login(audit, 'auditor', 'en-US')
    await audit.locator(sel('menu-legalization-batches')).waitFor()
    await audit.goto(batchPath)
    await audit.locator(`${sel('batch-state')}[data-state="returned"]`).waitFor()
    assert.match(await audit.locator(sel(`batch-item-result-${docId}`)).innerText(), /Legalized/)
    assert.equal(await audit.locator(sel('batch-dispatch-pdf')).count(), 1)
    assert.equal(await audit.locator(sel('batch-send')).count() + await audit.locator(sel('batch-return')).count(), 0)
    assert.deepEqual(await missingKeys(audit), [])
    await audit.context().close()
  })
})
