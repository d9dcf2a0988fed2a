// Separation of duties (三员分立): each administrator's main path, and the confirmation of a
// change to an administrator's account by another one. The system admin (zh-CN) creates an
// account without a role; the security admin (en-US) makes it an audit administrator, which
// waits; the system admin confirms it; the audit admin reads the audit log, and nothing else.
// Every screen and dialog on the way is audited for accessibility (helpers → a11y.mjs).
import { after, before, test } from 'node:test'
import assert from 'node:assert/strict'
import { assertTranslated, inp, launch, login, logout, newPage, sel, shot } from './helpers.mjs'

let browser
before(async () => { browser = await launch() })
after(async () => { await browser?.close() })

const username = `e2e.duty.${Date.now().toString(36)}`

/** The menu entries the signed-in user sees. */
const menu = (page) => page.locator(`${sel('side-menu')} [data-test^="menu-"]`).evaluateAll((els) => els.map((e) => e.getAttribute('data-test')))

async function findUser(page) {
  await page.locator('.filters input').fill(username)
  await page.locator('.filters button[type="submit"]').click()
  const row = page.locator(`${sel('user-table')} .el-table__row`, { hasText: username })
  await row.waitFor()
  return row
}

test('the three administrators each do their duty; a change to an administrator needs another', async () => {
  const page = await newPage(browser)

  // The system administrator: organizations, accounts, reference data; no policy, no audit log.
  await login(page, 'admin', 'zh-CN')
  assert.deepEqual(await menu(page), ['menu-organizations', 'menu-users', 'menu-holidays', 'menu-legalization-destinations', 'menu-visa-catalog'])
  await page.goto('/admin/users')
  await page.locator(sel('users-page')).waitFor()
  await page.locator(sel('user-new')).click()
  await page.locator(inp('user-username')).fill(username)
  await page.locator(inp('user-password')).fill('Duty-Passw0rd-1')
  await page.locator(inp('user-display-name')).fill('三员测试')
  await page.locator(`${sel('user-org')} .el-select__wrapper`).click()
  await page.locator(sel('org-option-office')).first().click()
  await shot(page, 'zh-CN-admin-user-new')
  await page.locator(sel('user-save')).click()
  const created = await findUser(page)
  assert.equal(await created.locator('.role-tag').count(), 0, `the new account has no role yet: ${await created.innerText()}`)
  assert.equal(await page.locator(sel('user-roles')).count(), 0, 'the system admin gives no role')
  await logout(page)

  // The security administrator gives the role: recorded, waiting for another administrator.
  await login(page, 'secadmin', 'en-US')
  assert.deepEqual(await menu(page), ['menu-users', 'menu-policy'])
  await page.goto('/admin/users')
  await page.locator(sel('users-page')).waitFor()
  assert.equal(await page.locator(sel('user-new')).count(), 0, 'the security admin creates no account')
  const row = await findUser(page)
  await row.locator(sel('user-roles')).click()
  await page.locator(`${sel('role-audit_admin')}`).click()
  await shot(page, 'en-US-secadmin-roles')
  await page.locator(sel('roles-save')).click()
  const waiting = page.locator(`${sel('pending-table')} .el-table__row`, { hasText: username })
  await waiting.waitFor()
  assert.equal(await waiting.locator(sel('pending-confirm')).count(), 0, 'the proposer cannot confirm')
  assert.equal(await (await findUser(page)).locator('.role-tag').count(), 0, 'not applied yet')
  await assertTranslated(page, 'users page with a pending change')
  await shot(page, 'en-US-secadmin-pending')
  await logout(page)

  // The system administrator confirms it.
  await login(page, 'admin', 'zh-CN')
  await page.goto('/admin/users')
  const pending = page.locator(`${sel('pending-table')} .el-table__row`, { hasText: username })
  await pending.waitFor()
  await shot(page, 'zh-CN-admin-pending')
  await pending.locator(sel('pending-confirm')).click()
  await pending.waitFor({ state: 'detached' })
  const applied = await findUser(page)
  await applied.locator('.role-tag', { hasText: '审计管理员' }).waitFor()
  await logout(page)

  // The audit administrator: the audit log, nothing else.
  await login(page, 'auditadmin', 'zh-CN')
  assert.deepEqual(await menu(page), ['menu-audit'])
  await page.goto('/audit')
  await page.locator(`${sel('audit-chain')} .el-tag`).waitFor()
  assert.equal(await page.locator(sel('audit-chain')).getAttribute('data-ok'), 'true')
  await shot(page, 'zh-CN-auditadmin-audit')
  await page.goto('/admin/users')
  await page.locator(sel('users-page')).waitFor({ state: 'detached', timeout: 1000 }).catch(() => undefined)
  assert.equal(await page.locator(sel('users-page')).count(), 0, 'the audit admin has no users screen')
  await page.context().close()
})
