// "导出 Excel / Export to Excel" on every list screen: the button downloads the list with its
// current filters (the request carries them and the UI's language), the browser gets an
// .xlsx (a ZIP: it starts with "PK") under the server's name, in both languages. Each screen
// is audited for accessibility (a11y.mjs through the helpers).
import { after, before, describe, test } from 'node:test'
import assert from 'node:assert/strict'
import { readFile } from 'node:fs/promises'
import { LANGS, assertTranslated, auditScreen, launch, login, newPage, sel, shot } from './helpers.mjs'

let browser
before(async () => { browser = await launch() })
after(async () => { await browser?.close() })

const LABEL = { 'zh-CN': '导出 Excel', 'en-US': 'Export to Excel' }
const TITLE = {
  cases: { 'zh-CN': '案件', 'en-US': 'Cases' },
  users: { 'zh-CN': '用户', 'en-US': 'Users' },
  organizations: { 'zh-CN': '单位', 'en-US': 'Organizations' },
  audit: { 'zh-CN': '审计日志', 'en-US': 'Audit log' },
  custody: { 'zh-CN': '因公护照保管', 'en-US': 'Official passport custody' },
}
const SEALED = { 'zh-CN': '随批次封存', 'en-US': 'Sealed with its batch' }

/** Clicks the screen's export button; returns the request's URL and the downloaded file. */
async function exportFrom(page, lang, apiPath) {
  const button = page.locator(sel('export-xlsx'))
  await button.waitFor()
  assert.equal((await button.innerText()).trim(), LABEL[lang])
  const request = page.waitForRequest((r) => new URL(r.url()).pathname === `/api/v1${apiPath}/export`)
  const download = page.waitForEvent('download')
  await button.click()
  const url = new URL((await request).url())
  const file = await download
  const bytes = await readFile(await file.path())
  assert.equal(bytes.subarray(0, 2).toString('latin1'), 'PK', 'an .xlsx is a ZIP container')
  assert.equal(url.searchParams.get('lang'), lang.slice(0, 2))
  return { url, name: file.suggestedFilename(), bytes }
}

const dated = (title) => new RegExp(`^${title}-\\d{4}-\\d{2}-\\d{2}\\.xlsx$`)

for (const lang of LANGS) {
  describe(`in ${lang}`, () => {
    test('the officer exports the queue with its filters, organizations and passport custody', async () => {
      const page = await newPage(browser)
      await login(page, 'officer', lang)
      await page.goto('/queue?country=DE')
      await page.locator(sel('case-table')).waitFor()
      const queue = await exportFrom(page, lang, '/cases')
      assert.equal(queue.url.searchParams.get('country'), 'DE', 'the current filter goes with the export')
      assert.equal(queue.url.searchParams.get('type'), 'outbound_travel')
      assert.equal(queue.url.searchParams.get('page'), null, 'every page, not the one shown')
      assert.match(queue.name, dated(TITLE.cases[lang]))
      await assertTranslated(page, `queue export (${lang})`)
      await shot(page, `${lang}-export-queue`)

      await page.goto('/organizations')
      await page.locator(sel('orgs-page')).waitFor()
      assert.match((await exportFrom(page, lang, '/organizations')).name, dated(TITLE.organizations[lang]))

      await page.goto('/custody')
      await page.locator(sel('custody-page')).waitFor()
      assert.match((await exportFrom(page, lang, '/passport-custody')).name, dated(TITLE.custody[lang]))
      await auditScreen(page)
      await page.context().close()
    })

    test('the administrator exports the users, the auditor the audit log', async () => {
      const page = await newPage(browser)
      await login(page, 'admin', lang)
      await page.goto('/admin/users')
      await page.locator(sel('users-page')).waitFor()
      assert.match((await exportFrom(page, lang, '/users')).name, dated(TITLE.users[lang]))
      await page.context().close()

      const audit = await newPage(browser)
      await login(audit, 'auditor', lang)
      await audit.goto('/audit')
      await audit.locator(sel('audit-page')).waitFor()
      await audit.locator(`${sel('audit-action')} input, input${sel('audit-action')}`).first().fill('auth.login')
      const got = await exportFrom(audit, lang, '/audit')
      assert.equal(got.url.searchParams.get('action'), 'auth.login')
      assert.match(got.name, dated(TITLE.audit[lang]))
      // The officer's look at passport custody above is a read: sealed with its batch, it has no
      // hash of its own, and the table says so.
      await audit.locator(`${sel('audit-action')} input, input${sel('audit-action')}`).first().fill('passport_custody.read')
      await audit.locator(sel('audit-search')).click()
      const sealed = audit.locator(`${sel('audit-table')} ${sel('audit-sealed-with-batch')}`).first()
      await sealed.waitFor()
      assert.equal((await sealed.textContent()).trim(), SEALED[lang])
      await shot(audit, `${lang}-export-audit`)
      await audit.context().close()
    })
  })
}
