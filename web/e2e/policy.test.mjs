// The travel policy editor saves (it used to send `extra_day_continents`, which the server
// refuses: every save answered 422), and a change applies to the applicant's next check.
// The policy is restored at the end: the other tests expect the national defaults.
import { after, before, test } from 'node:test'
import assert from 'node:assert/strict'
import { assertTranslated, fillApplication, inp, launch, login, newPage, sel, shot } from './helpers.mjs'

let browser
before(async () => { browser = await launch() })
after(async () => { await browser?.close() })

const PATH = '/api/v1/policies/outbound_travel'
const RULE = 'travel.max_countries'

/** The policy as the signed-in user's browser reads it. */
const readPolicy = (page) => page.evaluate((p) => fetch(p).then((r) => r.json()), PATH)

/** PUT through the signed-in session (CSRF token from /api/v1/me); returns the status. */
const writePolicy = (page, policy) => page.evaluate(async ({ p, body }) => {
  const me = await fetch('/api/v1/me').then((r) => r.json())
  const r = await fetch(p, { method: 'PUT', headers: { 'Content-Type': 'application/json', 'X-CSRF-Token': me.csrf_token }, body: JSON.stringify(body) })
  return r.status
}, { p: PATH, body: policy })

test('the security admin lowers the country limit and makes it a warning; the applicant\'s live check applies both', async () => {
  const admin = await newPage(browser)
  await login(admin, 'secadmin', 'zh-CN')
  const original = await readPolicy(admin)
  assert.equal(original.max_countries, 3, 'the national default to start from')
  assert.equal(original.severity[RULE], 'blocking')
  try {
    await admin.goto('/admin/policy')
    await admin.locator(sel('policy-page')).waitFor()
    const max = admin.locator(inp('policy-max_countries'))
    await max.waitFor()
    assert.equal(await max.inputValue(), '3')
    await max.fill('1')
    await max.press('Tab')
    await admin.locator(`${sel(`policy-severity-${RULE}-warning`)}`).click()
    const put = admin.waitForResponse((r) => new URL(r.url()).pathname === PATH && r.request().method() === 'PUT')
    await admin.locator(sel('policy-save')).click()
    const reply = await put
    assert.equal(reply.status(), 200, `PUT ${PATH}: ${await reply.text()}`)
    const sent = JSON.parse(reply.request().postData())
    assert.equal(sent.max_countries, 1)
    assert.equal('extra_day_continents' in sent, false)
    assert.deepEqual([...sent.extra_day_regions].sort(), ['africa', 'latin_america'])
    await admin.locator('.policy-saved').waitFor()
    await assertTranslated(admin, 'policy page after save')
    await shot(admin, 'zh-CN-admin-policy-saved')

    const saved = await readPolicy(admin)
    assert.equal(saved.max_countries, 1)
    assert.equal(saved.severity[RULE], 'warning')
    await admin.reload()
    await admin.locator(inp('policy-max_countries')).waitFor()
    assert.equal(await admin.locator(inp('policy-max_countries')).inputValue(), '1', 'the saved value is shown after a reload')

    // two countries, within the national limit of 3, break the new limit of 1: reported as a warning
    const ent = await newPage(browser)
    await login(ent, 'ent.normal', 'en-US')
    await ent.goto('/applications/new')
    await fillApplication(ent, `E2E policy ${Math.random().toString(36).slice(2, 7)}`)
    const rule = ent.locator(sel(`live-rule-${RULE}`))
    await rule.waitFor({ timeout: 10000 })
    assert.equal(await rule.getAttribute('data-severity'), 'warning')
    assert.equal(await ent.locator(sel('live-countries')).innerText(), '2')
    await shot(ent, 'en-US-application-form-policy-warning')
    await ent.context().close()
  } finally {
    assert.equal(await writePolicy(admin, original), 200, 'policy restored')
  }
  assert.deepEqual(await readPolicy(admin), original)
  await admin.context().close()
})
