// Scenario 5: switching language changes every visible label, with no untranslated key on
// any screen visited; screenshots of the main screens in both languages. Also the sign-in
// messages and the portal at phone width.
import { after, before, describe, test } from 'node:test'
import assert from 'node:assert/strict'
import { LANGS, inp, assertTranslated, launch, login, logout, newPage, sel, shot } from './helpers.mjs'

let browser
before(async () => { browser = await launch() })
after(async () => { await browser?.close() })

const CJK = /[\u4e00-\u9fff]/
const other = (lang) => (lang === 'zh-CN' ? 'en-US' : 'zh-CN')

/** The texts of the shell's labels (menu, roles, sign-out) and the page title. */
async function labels(page) {
  return page.evaluate(() => [...document.querySelectorAll('[data-test^="menu-"], [data-test="header-roles"] .el-tag, [data-test="logout"], .page-header h1')]
    .map((e) => e.textContent.trim()).filter(Boolean))
}

async function visit(page, path, ready, name, lang) {
  await page.goto(path)
  await page.locator(sel(ready)).waitFor()
  await page.waitForLoadState('networkidle')
  await assertTranslated(page, `${path} (${lang})`)
  const l = await labels(page)
  assert.ok(l.length > 0)
  for (const s of l) {
    if (lang === 'en-US') assert.doesNotMatch(s, CJK, `English label on ${path}: ${s}`)
  }
  if (lang === 'zh-CN') assert.ok(l.some((s) => CJK.test(s)), `Chinese labels on ${path}: ${l}`)
  if (name) await shot(page, `${lang}-${name}`)
}

for (const lang of LANGS) {
  describe(`in ${lang}`, () => {
    test('5. sign-in page, wrong password message, language switch', async () => {
      const page = await newPage(browser)
      await page.goto('/login')
      await page.locator(sel(`lang-${lang}`)).click()
      await assertTranslated(page, 'login')
      await shot(page, `${lang}-login`)
      // an unknown username, so that no demo account is locked
      const who = `e2e.nobody.${Math.random().toString(36).slice(2, 8)}`
      const err = page.locator(sel('login-error'))
      for (let i = 1; i <= 6; i++) {
        await page.locator(inp('login-username')).fill(who)
        await page.locator(inp('login-password')).fill(`wrong-password-${i}`)
        const reply = page.waitForResponse((r) => r.url().endsWith('/api/v1/auth/login'))
        await page.locator(sel('login-submit')).click()
        await reply
        await err.waitFor()
        const code = await err.getAttribute('data-code')
        const msg = await err.innerText()
        assert.equal(CJK.test(msg), lang === 'zh-CN', msg)
        if (i === 1) {
          assert.equal(code, 'invalid_credentials')
          await shot(page, `${lang}-login-wrong-password`)
        }
        if (i === 6) {
          assert.equal(code, 'throttled', 'the sixth failure within 15 minutes is throttled')
          await shot(page, `${lang}-login-throttled`)
        }
      }
      await page.context().close()
    })

    test('5. officer screens are translated and switch language', async () => {
      const page = await newPage(browser)
      await login(page, 'officer', lang)
      await visit(page, '/queue', 'queue-page', 'queue', lang)
      const first = page.locator(sel('case-link')).first()
      await first.waitFor()
      const caseHref = await first.getAttribute('href')
      await visit(page, caseHref, 'case-state', 'case-officer', lang)
      await visit(page, '/dashboard', 'dashboard-page', null, lang)
      await page.locator(`${sel('chart-by-state')} canvas`).waitFor()
      await shot(page, `${lang}-dashboard`)
      await visit(page, '/organizations', 'orgs-page', 'organizations', lang)
      await page.locator(sel('org-link')).first().waitFor()
      // an enterprise with the green-channel panel
      await page.goto('/organizations?') // reload list then open the first enterprise
      const ents = page.locator(sel('org-link'))
      await ents.first().waitFor()
      let opened = false
      for (let i = 0; i < (await ents.count()) && !opened; i++) {
        const href = await ents.nth(i).getAttribute('href')
        await page.goto(href)
        await page.locator(sel('org-page')).waitFor()
        await page.waitForLoadState('networkidle')
        opened = (await page.locator(sel('green-panel')).count()) > 0
        if (!opened) { await page.goto('/organizations'); await ents.first().waitFor() }
      }
      assert.ok(opened, 'an enterprise with the green-channel panel')
      await page.locator(sel('green-eligible')).waitFor()
      await assertTranslated(page, 'organization page')
      await shot(page, `${lang}-organization-green-channel`)
      await visit(page, '/custody', 'custody-page', 'custody', lang)

      // switch the language in the header: every label changes
      await page.goto('/queue')
      await page.locator(sel('queue-page')).waitFor()
      const before = await labels(page)
      await page.locator(sel(`lang-${other(lang)}`)).click()
      await page.waitForFunction((l) => document.documentElement.lang === l, other(lang))
      const afterSwitch = await labels(page)
      assert.equal(afterSwitch.length, before.length)
      for (let i = 0; i < before.length; i++) assert.notEqual(afterSwitch[i], before[i], `label changed: ${before[i]}`)
      await assertTranslated(page, 'queue after switch')
      // remembered for the user: a new session starts in the new language
      await logout(page)
      await page.locator(inp('login-username')).fill('officer')
      await page.locator(inp('login-password')).fill(process.env.WAISHI_DEMO_PASSWORD ?? 'demo-Passw0rd')
      await page.evaluate(() => localStorage.removeItem('waishi.locale'))
      await page.locator(sel('login-submit')).click()
      await page.locator(sel('header-user')).waitFor()
      await page.waitForFunction((l) => document.documentElement.lang === l, other(lang))
      // back to this test's language for the next tests
      await page.locator(sel(`lang-${lang}`)).click()
      await page.waitForFunction((l) => document.documentElement.lang === l, lang)
      await page.waitForTimeout(300)
      await page.context().close()
    })

    test('5. enterprise, administrators\' and auditor screens are translated', async () => {
      const page = await newPage(browser)
      await login(page, 'ent.normal', lang)
      await visit(page, '/applications', 'applications-page', null, lang)
      await visit(page, '/applications/new', 'application-form-page', 'application-form', lang)
      await logout(page)
      await login(page, 'admin', lang)
      await visit(page, '/admin/users', 'users-page', 'admin-users', lang)
      await visit(page, '/organizations', 'orgs-page', 'admin-organizations', lang)
      await visit(page, '/admin/holidays', 'holidays-page', 'admin-holidays', lang)
      await logout(page)
      await login(page, 'secadmin', lang)
      await visit(page, '/admin/users', 'users-page', 'secadmin-users', lang)
      await visit(page, '/admin/policy', 'policy-page', 'secadmin-policy', lang)
      await logout(page)
      await login(page, 'auditadmin', lang)
      await visit(page, '/audit', 'audit-page', 'auditadmin-audit', lang)
      await logout(page)
      await login(page, 'auditor', lang)
      await visit(page, '/audit', 'audit-page', null, lang)
      await page.locator(`${sel('audit-chain')} .el-tag`).waitFor()
      assert.equal(await page.locator(sel('audit-chain')).getAttribute('data-ok'), 'true')
      await shot(page, `${lang}-audit`)
      await page.context().close()
    })

    test('the portal works at phone width', async () => {
      const page = await newPage(browser, { width: 390, height: 844 })
      await login(page, 'ent.normal', lang)
      await page.locator(sel('applications-page')).waitFor()
      await shot(page, `${lang}-phone-applications`)
      await page.locator(sel('new-application')).click()
      await page.locator(sel('field-purpose')).waitFor()
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)
      assert.ok(overflow <= 1, `no horizontal scroll on the form (${overflow}px)`)
      await shot(page, `${lang}-phone-application-form`)
      await page.context().close()
    })
  })
}
