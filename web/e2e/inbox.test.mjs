// Notifications in the browser: an officer's mass send (prepared through the API) reviewed and
// approved on the mass-send screen by an approver; the recipient's bell shows the unread count
// (its accessible name says it), the inbox lists the message in bold until it is opened, and
// opening it marks it read — in both languages, every screen audited (a11y.mjs).
import { after, before, describe, test } from 'node:test'
import assert from 'node:assert/strict'
import { BASE, LANGS, PASSWORD, assertTranslated, launch, login, newPage, sel, shot } from './helpers.mjs'

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
  const { csrf_token: csrf, user } = await r.json()
  const call = async (method, path, body) => {
    const res = await fetch(`${BASE}/api/v1${path}`, {
      method, headers: { Cookie: cookie, 'X-CSRF-Token': csrf, ...(body ? { 'Content-Type': 'application/json' } : {}) },
      body: body ? JSON.stringify(body) : undefined,
    })
    const text = await res.text()
    return { status: res.status, body: text ? JSON.parse(text) : null }
  }
  return { user, call }
}

const RECIPIENT = { 'zh-CN': 'citizen', 'en-US': 'ent.normal' }

for (const lang of LANGS) {
  describe(`in ${lang}`, () => {
    test('a mass send is approved on its screen; the bell counts it; the inbox shows it and marks it read', async () => {
      const t = Math.random().toString(36).slice(2, 8)
      const recipient = await api(RECIPIENT[lang])
      assert.equal((await recipient.call('POST', '/inbox/read-all')).status, 200)
      const officer = await api('officer')
      const made = await officer.call('POST', '/notifications/batches', {
        key: 'notify.announce.notice', args: { title: `E2E ${t}`, text: `停水通知 ${t} / No water ${t}` }, link: '/account',
        user_ids: [recipient.user.id],
      })
      assert.equal(made.status, 201, JSON.stringify(made.body))
      const id = made.body.id

      // The approver reviews and approves it.
      const page = await newPage(browser)
      await login(page, 'approver', lang)
      await page.goto('/notifications/batches')
      await page.locator(sel('batches-page')).waitFor()
      await assertTranslated(page, `mass sends (${lang})`)
      await page.locator(sel(`batch-open-${id}`)).click()
      await page.locator(sel('batch-preview')).waitFor()
      assert.match(await page.locator(sel('batch-preview-zh')).innerText(), new RegExp(`通知:E2E ${t}`))
      assert.match(await page.locator(sel('batch-preview-en')).innerText(), new RegExp(`Notice: E2E ${t}`))
      await shot(page, `${lang}-notification-batch-preview`)
      await page.locator(sel('batch-approve')).click()
      await page.locator(sel('batch-approve')).waitFor({ state: 'detached' })
      assert.equal((await officer.call('GET', `/notifications/batches/${id}`)).body.state, 'approved')
      await page.context().close()

      // The recipient: the bell says 1, reached by keyboard.
      const p = await newPage(browser)
      await login(p, RECIPIENT[lang], lang)
      const bell = p.locator(sel('inbox-bell'))
      await p.waitForFunction((s) => document.querySelector(s)?.getAttribute('data-unread') === '1', sel('inbox-bell'))
      const label = await bell.getAttribute('aria-label')
      assert.match(label, /1/)
      assert.match(label, lang === 'zh-CN' ? /未读/ : /unread/)
      assert.equal((await p.locator(`${sel('inbox-badge')} sup`).innerText()).trim(), '1')
      await bell.focus()
      await p.keyboard.press('Enter')
      await p.locator(sel('inbox-page')).waitFor()
      await p.waitForLoadState('networkidle')
      await assertTranslated(p, `inbox (${lang})`)
      const itemTest = await p.locator('[data-test^="inbox-item-"][data-read]').first().getAttribute('data-test')
      const item = p.locator(sel(itemTest))
      assert.equal(await item.getAttribute('data-read'), 'false')
      const subject = await item.locator('.subject').innerText()
      assert.equal(subject, lang === 'zh-CN' ? `通知:E2E ${t}` : `Notice: E2E ${t}`)
      assert.equal(await item.locator('.subject').evaluate((e) => getComputedStyle(e).fontWeight), '700', 'unread in bold')
      await shot(p, `${lang}-inbox-unread`)

      // Opened (by keyboard): read, the bell clears, the link leads to the page.
      await item.locator(sel('inbox-item-toggle')).focus()
      await p.keyboard.press('Enter')
      await item.locator(sel('inbox-item-body')).waitFor()
      assert.match(await item.locator(sel('inbox-item-body')).innerText(), new RegExp(`No water ${t}`))
      await p.waitForFunction((s) => document.querySelector(s)?.getAttribute('data-read') === 'true', sel(itemTest))
      await p.waitForFunction((s) => document.querySelector(s)?.getAttribute('data-unread') === '0', sel('inbox-bell'))
      assert.equal((await recipient.call('GET', '/inbox/unread-count')).body.unread, 0)
      await shot(p, `${lang}-inbox-read`)
      await item.locator(sel('inbox-item-link')).click()
      await p.waitForURL(/\/account$/)
      await p.context().close()
    })
  })
}
