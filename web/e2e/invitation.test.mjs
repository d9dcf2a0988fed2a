// The invitation letter in the browser, in both languages: the enterprise fills the form (the
// passport MRZ pasted fills the invitee's fields) and submits; the office issues the letter;
// the applicant sees and downloads it; the public verification page (the QR code's target)
// confirms it without signing in, and says "not found" for a wrong date.
import { test, describe, before, after } from 'node:test'
import assert from 'node:assert/strict'
import {
  act, auditScreen, day, field, inp, LANGS, launch, login, logout, newPage, sel, shot, submitApplication, waitForState,
} from './helpers.mjs'

// ICAO Doc 9303 Part 3 §4.9 check digit; the MRZ of an invitee (Italy).
function checkDigit(s) {
  const v = (c) => (c >= '0' && c <= '9' ? +c : c === '<' ? 0 : c.charCodeAt(0) - 55)
  return String([...s].reduce((sum, c, i) => sum + v(c) * [7, 3, 1][i % 3], 0) % 10)
}
function mrz(surname, given, passport, birth, sex, expiry) {
  const pad = (s, n) => (s + '<'.repeat(n)).slice(0, n)
  const yymmdd = (iso) => iso.slice(2, 4) + iso.slice(5, 7) + iso.slice(8, 10)
  const num = pad(passport, 9), b = yymmdd(birth), e = yymmdd(expiry)
  let two = num + checkDigit(num) + 'ITA' + b + checkDigit(b) + sex + e + checkDigit(e) + '<'.repeat(15)
  two += checkDigit(two.slice(0, 10) + two.slice(13, 20) + two.slice(21, 43))
  return `${pad(`P<ITA${surname}<<${given}`, 44)}\n${two}`
}

async function fill(page, path, value) {
  await page.locator(`${field(path)} input, ${field(path)} textarea`).first().fill(value)
}

let browser
before(async () => { browser = await launch() })
after(async () => { await browser?.close() })

for (const lang of LANGS) {
  describe(`invitation letter (${lang})`, () => {
    let caseId
    let number
    let issuedOn
    const passport = `YA${String(Date.now() % 1e6).padStart(6, '0')}${lang === 'zh-CN' ? 1 : 2}`

    test('the enterprise fills the form, pasting the MRZ, and submits', async () => {
      const page = await newPage(browser)
      await login(page, 'ent.normal', lang)
      await page.locator(sel('menu-invitations')).click()
      await page.locator(sel('applications-page')).waitFor()
      await auditScreen(page)
      await page.locator(sel('new-application')).click()
      await page.locator(field('purpose')).waitFor()
      await fill(page, 'purpose', `推介中意(宁波)生态园 ${lang}`)
      await page.locator(`${field('visa_category')} ${sel('option-F')}`).click()
      await page.locator(`${field('entries')} ${sel('option-single')}`).click()
      await fill(page, 'arrival_date', day(40))
      await fill(page, 'departure_date', day(45))
      await fill(page, 'places', '宁波')
      await fill(page, 'relationship', '友城合作伙伴')
      await page.locator(`${field('costs_borne_by')} ${sel('option-inviter')}`).click()
      // The MRZ fills surname, given names, sex, birth date, nationality, passport and expiry.
      await fill(page, 'invitees[0].mrz', mrz('ROSSI', 'MARCO', passport, '1969-07-28', 'M', day(1400)))
      await page.locator(sel('mrz-filled')).waitFor()
      assert.equal(await page.locator(`${field('invitees[0].surname')} input`).inputValue(), 'ROSSI')
      assert.equal(await page.locator(`${field('invitees[0].passport_number')} input`).inputValue(), passport)
      assert.equal(await page.locator(`${field('invitees[0].birth_date')} input`).inputValue(), '1969-07-28')
      await fill(page, 'invitees[0].employer', 'Comune di Firenze')
      await fill(page, 'invitees[0].position', 'Councillor')
      await fill(page, 'inviter.unit_name', '宁波智能装备有限公司')
      await fill(page, 'inviter.uscc', '91330203MA2AH1X00J')
      await fill(page, 'inviter.address', '宁波市海曙区望春工业园区 9 号')
      await fill(page, 'inviter.contact', '张昊')
      await fill(page, 'inviter.phone', '0574-87001234')
      await fill(page, 'inviter.signatory', '刘波')
      await auditScreen(page)
      caseId = await submitApplication(page)
      await waitForState(page, 'office_review')
      await shot(page, `${lang}-invitation-submitted`)
      await page.context().close()
    })

    test('the office issues it; the applicant downloads the signed letter', async () => {
      const office = await newPage(browser)
      await login(office, 'officer', lang)
      await office.locator(sel('menu-invitation-queue')).click()
      await office.waitForURL(/\/invitation-queue$/) // the landing queue is drawn by the same component
      await office.locator(sel('queue-page')).waitFor()
      await auditScreen(office)
      await office.goto(`/cases/${caseId}`)
      await act(office, 'issue')
      await waitForState(office, 'issued')
      const doc = office.locator(sel('document'))
      await doc.waitFor()
      number = await doc.getAttribute('data-number')
      assert.match(number, /^甬外邀〔\d{4}〕\d{4}号$/)
      await shot(office, `${lang}-invitation-issued`)
      await office.context().close()

      const page = await newPage(browser)
      await login(page, 'ent.normal', lang)
      await page.goto(`/cases/${caseId}`)
      const link = page.locator(sel('document-download'))
      await link.waitFor()
      const res = await page.request.get(await link.getAttribute('href'))
      assert.equal(res.status(), 200)
      assert.equal(res.headers()['content-type'], 'application/pdf')
      assert.equal((await res.body()).subarray(0, 5).toString(), '%PDF-')
      const verifyHref = await page.locator(sel('document-verify')).getAttribute('href')
      issuedOn = new URL(verifyHref, 'http://x').searchParams.get('date')
      await page.context().close()
    })

    test('the public verification page confirms it without signing in, and not with a wrong date', async () => {
      const page = await newPage(browser)
      await page.goto(`/verify/invitation?number=${encodeURIComponent(number)}&date=${issuedOn}`)
      await page.locator(sel(`lang-${lang}`)).click()
      await page.locator(sel('verify-valid')).waitFor()
      assert.equal(await page.locator(sel('verify-result-number')).innerText(), number)
      const table = await page.locator(sel('verify-table-invitees')).innerText()
      assert.ok(table.includes('ROSSI MARCO'), table)
      assert.ok(!table.includes(passport), 'the passport number is masked')
      // coded values by their names, in the reader's language
      assert.equal((await page.locator(sel('verify-field-entries')).innerText()).trim(), lang === 'zh-CN' ? '一次' : 'Single')
      await shot(page, `${lang}-verify-valid`)
      await page.locator(inp('verify-date')).fill(day(-400))
      await page.locator(sel('verify-submit')).click()
      const err = page.locator(sel('verify-error'))
      await err.waitFor()
      assert.equal(await err.getAttribute('data-code'), 'not_found')
      if (lang === 'en-US') assert.match(await err.innerText(), /No document matches/)
      else assert.match(await err.innerText(), /未找到/)
      await auditScreen(page)
      await page.context().close()
    })
  })
}
