// The six scenarios of issue 3, each in both languages, against a running server with the
// demo data (WAISHI_URL, WAISHI_DEMO_PASSWORD).
import { after, before, describe, test } from 'node:test'
import assert from 'node:assert/strict'
import {
  LANGS, GB, IT, act, assertTranslated, caseState, fillApplication, fillLeg, launch, login, logout, newPage, sel, shot,
  submitApplication, waitForState, field,
} from './helpers.mjs'

let browser
before(async () => { browser = await launch() })
after(async () => { await browser?.close() })

const tag = () => Math.random().toString(36).slice(2, 7)

for (const lang of LANGS) {
  describe(`in ${lang}`, () => {
    test('1. normal enterprise: rule error on a 4th country, submit, forward, recommend, approve', async () => {
      const page = await newPage(browser)
      await login(page, 'ent.normal', lang)
      await page.locator(sel('applications-page')).waitFor()
      await shot(page, `${lang}-applications`)
      await page.locator(sel('new-application')).click()
      await fillApplication(page, `E2E normal path ${tag()} 德国法国考察`)
      // a third and a fourth country: the live check reports travel.max_countries
      await page.locator(sel('add-itinerary')).click()
      await fillLeg(page, 2, IT)
      await page.locator(sel('add-itinerary')).click()
      await fillLeg(page, 3, GB)
      await page.locator(sel('live-rule-travel.max_countries')).waitFor({ timeout: 10000 })
      assert.equal(await page.locator(sel('live-countries')).innerText(), '4')
      assert.equal(await page.locator(sel('live-members')).innerText(), '2')
      assert.equal(await page.locator(sel('live-days')).innerText(), '5')
      await shot(page, `${lang}-application-form-rule-error`)
      await page.locator(sel('remove-itinerary[3]')).click()
      await page.locator(sel('remove-itinerary[2]')).click()
      await page.locator(sel('live-rule-travel.max_countries')).waitFor({ state: 'detached', timeout: 10000 })
      assert.equal(await page.locator(sel('live-countries')).innerText(), '2')
      const id = await submitApplication(page)
      assert.equal(await caseState(page), 'district_review')
      await logout(page)

      await login(page, 'reviewer', lang)
      await page.goto(`/cases/${id}`)
      await act(page, 'forward')
      await waitForState(page, 'office_review')
      await logout(page)

      await login(page, 'officer', lang)
      await page.goto(`/cases/${id}`)
      await page.locator(sel('checks-panel')).waitFor()
      await shot(page, `${lang}-case-officer-checks`)
      await act(page, 'recommend')
      await waitForState(page, 'pending_approval')
      await logout(page)

      await login(page, 'approver', lang)
      await page.goto(`/cases/${id}`)
      await act(page, 'approve')
      await waitForState(page, 'approved')
      await logout(page)

      await login(page, 'ent.normal', lang)
      await page.goto(`/cases/${id}`)
      await waitForState(page, 'approved')
      const toStates = await page.locator(sel('timeline-item')).evaluateAll((els) => els.map((e) => e.getAttribute('data-to-state')))
      for (const s of ['district_review', 'office_review', 'pending_approval', 'approved']) assert.ok(toStates.includes(s), `timeline shows ${s}: ${toStates}`)
      await shot(page, `${lang}-case-approved-timeline`)
      await assertTranslated(page, 'case page')
      await page.context().close()
    })

    test('1b. after submit, each blocking rule is shown next to its field in the current language', async () => {
      const page = await newPage(browser)
      await login(page, 'ent.normal', lang)
      await page.goto('/applications/new')
      await fillApplication(page, `E2E blocking ${tag()}`)
      await page.locator(`${field('members[1].id_number')} input`).fill('330203198805120030') // wrong check character
      await page.locator(`${field('inviter.kind')} ${sel('option-intermediary')}`).click()
      await page.locator(sel('submit-case')).click()
      await page.locator(sel('form-errors')).waitFor()
      for (const path of ['members[1].id_number', 'inviter.kind']) {
        const msg = (await page.locator(`${field(path)} .el-form-item__error`).innerText()).trim()
        assert.ok(msg.length > 0, `error next to ${path}`)
        assert.equal(/[\u4e00-\u9fff]/.test(msg), lang === 'zh-CN', msg)
      }
      assert.ok(await page.locator(sel('form-error-travel.inviter_kind')).count() > 0)
      assert.match(page.url(), /\/cases\/\d+\/edit$/, 'the draft is kept for correction')
      await page.locator(field('members[1].id_number')).scrollIntoViewIfNeeded()
      await shot(page, `${lang}-application-form-blocking-errors`)
      await page.context().close()
    })

    test('2. green-channel enterprise goes straight to the office', async () => {
      const page = await newPage(browser)
      await login(page, 'ent.green', lang)
      await page.goto('/applications/new')
      await fillApplication(page, `E2E green channel ${tag()}`)
      await submitApplication(page)
      assert.equal(await caseState(page), 'office_review')
      await page.context().close()
    })

    test('3. the officer returns with a comment; the enterprise corrects and resubmits', async () => {
      const page = await newPage(browser)
      await login(page, 'ent.green', lang)
      await page.goto('/applications/new')
      await fillApplication(page, `E2E returned ${tag()}`)
      const id = await submitApplication(page)
      await logout(page)

      const comment = `Please attach the invitation letter ${tag()}`
      await login(page, 'officer', lang)
      await page.goto(`/cases/${id}`)
      await act(page, 'return', comment)
      await waitForState(page, 'returned')
      await logout(page)

      await login(page, 'ent.green', lang)
      await page.goto(`/cases/${id}`)
      await waitForState(page, 'returned')
      const comments = await page.locator(sel('timeline-comment')).allInnerTexts()
      assert.ok(comments.some((c) => c.includes(comment)), `the return comment is shown: ${comments}`)
      await shot(page, `${lang}-case-returned`)
      await page.locator(sel('edit-case')).click()
      await page.locator(`${sel('field-purpose')} textarea`).fill(`E2E corrected ${tag()}`)
      await submitApplication(page)
      assert.equal(await caseState(page), 'office_review')
      await page.context().close()
    })

    test("4. another enterprise's case URL shows not found", async () => {
      const page = await newPage(browser)
      await login(page, 'ent.normal', lang)
      await page.goto('/applications/new')
      await fillApplication(page, `E2E private ${tag()}`)
      await page.locator(sel('save-draft')).click()
      await page.waitForURL(/\/cases\/\d+\/edit$/)
      const id = Number(new URL(page.url()).pathname.split('/')[2])
      await logout(page)

      await login(page, 'ent.other', lang)
      await page.goto(`/cases/${id}`)
      await page.locator(sel('not-found')).waitFor()
      assert.equal(await page.locator(sel('case-number')).count(), 0)
      await shot(page, `${lang}-not-found`)
      await page.context().close()
    })

    test('6. a renamed non-PDF uploaded as PDF shows the server error', async () => {
      const page = await newPage(browser)
      await login(page, 'ent.normal', lang)
      await page.goto('/applications/new')
      await fillApplication(page, `E2E upload ${tag()}`)
      await page.locator(sel('save-draft')).click()
      await page.waitForURL(/\/cases\/\d+\/edit$/)
      const id = Number(new URL(page.url()).pathname.split('/')[2])
      await page.goto(`/cases/${id}`)
      await page.locator(sel('attachments')).waitFor()
      // a text document renamed .pdf
      await page.locator(sel('attachment-input')).setInputFiles({ name: 'invitation.pdf', mimeType: 'application/pdf', buffer: Buffer.from('This is not a PDF, only text.\n') })
      const err = page.locator(sel('upload-error'))
      await err.waitFor()
      const text = (await err.innerText()).trim()
      assert.ok(text.length > 0)
      assert.doesNotMatch(text, /HTTP 4\d\d/, 'the server message is shown, not a generic one')
      if (lang === 'en-US') assert.doesNotMatch(text, /[\u4e00-\u9fff]/)
      else assert.match(text, /[\u4e00-\u9fff]/)
      await shot(page, `${lang}-upload-error`)
      // a real PDF goes through
      const pdf = Buffer.from('%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n')
      await page.locator(sel('attachment-input')).setInputFiles({ name: 'plan.pdf', mimeType: 'application/pdf', buffer: pdf })
      await page.locator(`${sel('attachment')}:has-text("plan.pdf")`).waitFor()
      const href = await page.locator(`${sel('attachment')}:has-text("plan.pdf") ${sel('attachment-download')}`).getAttribute('href')
      const res = await page.request.get(href)
      assert.equal(res.status(), 200)
      assert.ok((await res.body()).subarray(0, 5).toString() === '%PDF-')
      await page.context().close()
    })

    test('6b. a PNG renamed .pdf is refused, and a file over 10 MB is not even sent', async () => {
      const page = await newPage(browser)
      await login(page, 'ent.normal', lang)
      await page.goto('/applications/new')
      await fillApplication(page, `E2E upload png ${tag()}`)
      await page.locator(sel('save-draft')).click()
      await page.waitForURL(/\/cases\/\d+\/edit$/)
      const id = Number(new URL(page.url()).pathname.split('/')[2])
      await page.goto(`/cases/${id}`)
      await page.locator(sel('attachments')).waitFor()
      const png = Buffer.from('89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d4944415478da63f8ffff3f0005fe02fea7d6a0b00000000049454e44ae426082', 'hex')
      await page.locator(sel('attachment-input')).setInputFiles({ name: 'scan.pdf', mimeType: 'application/pdf', buffer: png })
      await page.locator(sel('upload-error')).waitFor({ timeout: 5000 })
      assert.equal(await page.locator(`${sel('attachment')}:has-text("scan.pdf")`).count(), 0)
      // a file over 10 MB is refused before it is sent
      const posts = []
      page.on('request', (r) => { if (r.method() === 'POST' && r.url().includes('/attachments')) posts.push(r.url()) })
      const big = Buffer.concat([Buffer.from('%PDF-1.4\n'), Buffer.alloc(10 * 1024 * 1024, 0x20)])
      await page.locator(sel('attachment-input')).setInputFiles({ name: 'huge.pdf', mimeType: 'application/pdf', buffer: big })
      await page.locator(`${sel('upload-error')}:has-text("huge.pdf")`).waitFor({ timeout: 5000 })
      assert.match(await page.locator(sel('upload-error')).innerText(), /10 MB/)
      assert.deepEqual(posts, [], 'nothing sent')
      await page.context().close()
    })
  })
}
