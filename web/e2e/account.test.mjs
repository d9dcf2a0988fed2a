// My account (issue 7, item 2): an account the admin created must change its password at the
// first sign-in and reaches nothing else until then; the change form explains the policy and
// shows the rule a refused password breaks; the user's sessions are listed and one is
// signed out from another browser, which then finds itself signed out.
import { after, before, test } from 'node:test'
import assert from 'node:assert/strict'
import { assertTranslated, inp, launch, login, newPage, sel, shot } from './helpers.mjs'

let browser
before(async () => { browser = await launch() })
after(async () => { await browser?.close() })

const INITIAL = 'E2e-Initial-Passw0rd'
const CHOSEN = 'Harbour-Lights-2026'

/** The admin creates an enterprise user through the signed-in browser; returns the username. */
async function createUser(adminPage) {
  const username = `e2e.acct.${Date.now().toString(36)}`
  const status = await adminPage.evaluate(async ({ username, password }) => {
    const me = await fetch('/api/v1/me').then((r) => r.json())
    const orgs = await fetch('/api/v1/organizations?kind=enterprise').then((r) => r.json())
    const r = await fetch('/api/v1/users', {
      method: 'POST', headers: { 'Content-Type': 'application/json', 'X-CSRF-Token': me.csrf_token },
      body: JSON.stringify({ username, password, display_name: '账户测试', org_id: orgs.items[0].id, roles: ['enterprise_user'] }),
    })
    return r.status
  }, { username, password: INITIAL })
  assert.equal(status, 201)
  return username
}

async function changePassword(page, current, next) {
  await page.locator(inp('pw-current')).fill(current)
  await page.locator(inp('pw-new')).fill(next)
  await page.locator(inp('pw-repeat')).fill(next)
  await page.locator(sel('pw-submit')).click()
}

test('a created account changes its password first, with the policy shown; then the application opens', async () => {
  const admin = await newPage(browser)
  await login(admin, 'admin', 'zh-CN')
  const username = await createUser(admin)
  await admin.context().close()

  const page = await newPage(browser)
  await login(page, username, 'zh-CN', INITIAL)
  await page.locator(sel('account-forced')).waitFor()
  assert.equal(new URL(page.url()).pathname, '/account')
  assert.equal(await page.locator(`${sel('side-menu')} li`).count(), 0, 'no menu before the change')
  assert.equal(await page.locator(sel('session-table')).count(), 0)
  await page.goto('/cases')
  await page.locator(sel('account-forced')).waitFor()
  assert.equal(new URL(page.url()).pathname, '/account', 'every page leads to the change')
  assert.equal(await page.locator(`${sel('password-policy')} li`).count(), 5)
  await assertTranslated(page, 'forced password change')
  await shot(page, 'zh-CN-account-forced')

  // A password breaking the policy: the rule's message under the field, nothing changed.
  await changePassword(page, INITIAL, 'onlylowercaseletters')
  await page.getByText('密码须包含小写字母、大写字母、数字、其他符号四类中的至少三类。').waitFor()
  await shot(page, 'zh-CN-account-refused')

  await changePassword(page, INITIAL, CHOSEN)
  await page.waitForURL((u) => u.pathname !== '/account')
  assert.ok(await page.locator(`${sel('side-menu')} li`).count() > 0, 'the menu is back')
  await page.context().close()

  const again = await newPage(browser)
  await login(again, username, 'zh-CN', CHOSEN)
  assert.notEqual(new URL(again.url()).pathname, '/account', 'no forced change any more')
  await again.context().close()
})

test('the own sessions: listed, and one signed out from another browser (keyboard)', async () => {
  const first = await newPage(browser)
  await login(first, 'ent.other', 'en-US')
  const second = await newPage(browser)
  await login(second, 'ent.other', 'en-US')

  // The user's name in the header leads to My account.
  await second.locator(sel('header-user')).focus()
  await second.keyboard.press('Enter')
  await second.locator(sel('account-page')).waitFor()
  await second.locator(sel('session-current')).waitFor()
  const rows = second.locator(`${sel('session-table')} tbody tr`)
  assert.ok(await rows.count() >= 2, 'both sessions listed')
  await assertTranslated(second, 'my account')
  await shot(second, 'en-US-account')

  // Sign out every other session from the second browser, one by one.
  for (let n = await second.locator(sel('session-revoke')).count(); n > 0; n--) {
    await second.locator(sel('session-revoke')).first().focus()
    await second.keyboard.press('Enter')
    await second.waitForFunction((want) => document.querySelectorAll('[data-test="session-revoke"]').length === want,
      n - 1)
  }
  assert.equal(await rows.count(), 1, 'only this session remains')

  // The first browser is signed out at its next request (the cache keeps a lookup 2 s).
  await first.waitForTimeout(2500)
  await first.goto('/cases')
  await first.locator(sel('login-submit')).waitFor()
  await first.context().close()
  await second.context().close()
})
