// The accessibility audit itself (a11y.mjs): it must fail on a real violation and name the
// rule and the element, or every other test's audit could pass silently.
import { after, before, test } from 'node:test'
import assert from 'node:assert/strict'
import { auditScreen, launch, login, newPage, sel } from './helpers.mjs'

let browser
before(async () => { browser = await launch() })
after(async () => { await browser?.close() })

/** A page of our own: one main landmark and one h1, plus `body` inside the main. */
const page = (body, { lang = 'en-US', h1 = '<h1>Audit</h1>' } = {}) =>
  `<!doctype html><html lang="${lang}"><head><title>Audit</title></head><body><div id="app"><main>${h1}${body}</main></div></body></html>`

test('a clean page passes', async () => {
  const p = await newPage(browser)
  await p.setContent(page('<label for="n">Name</label><input id="n">'))
  assert.ok(await auditScreen(p, { force: true }))
  await p.close()
})

test('an input without a label fails, naming the rule, the element and the help text', async () => {
  const p = await newPage(browser)
  await p.setContent(page('<input type="text" id="nameless">'))
  await assert.rejects(auditScreen(p, { force: true }), (e) => {
    assert.match(e.message, /\blabel \(critical\): Form elements must have labels/)
    assert.match(e.message, /#nameless/)
    return true
  })
  await p.close()
})

test('grey text below 4.5:1 fails as color-contrast', async () => {
  const p = await newPage(browser)
  await p.setContent(page('<p id="faint" style="color:#aaaaaa;background:#ffffff">Helper text</p>'))
  await assert.rejects(auditScreen(p, { force: true }), /color-contrast \(serious\)[\s\S]*#faint/)
  await p.close()
})

test('the structure checks: <html lang>, one h1, one main', async () => {
  const p = await newPage(browser)
  await p.setContent(page('<p>text</p>', { lang: 'fr', h1: '<h1>One</h1><h1>Two</h1>' }))
  await assert.rejects(auditScreen(p, { force: true }), (e) => {
    assert.match(e.message, /waishi-html-lang/)
    assert.match(e.message, /waishi-one-h1/)
    return true
  })
  await p.close()
})

test('an unlabeled field injected into the real sign-in page fails its audit', async () => {
  const p = await newPage(browser)
  await p.goto('/login') // audited as it is: passes
  await p.locator(sel('login-submit')).waitFor()
  await p.evaluate(() => {
    const input = document.createElement('input')
    input.id = 'e2e-unlabeled'
    document.querySelector('form').append(input)
  })
  await assert.rejects(auditScreen(p, { force: true }), (e) => {
    assert.match(e.message, /on \/login zh-CN desktop/)
    assert.match(e.message, /\blabel \(critical\)/)
    assert.match(e.message, /#e2e-unlabeled/)
    return true
  })
  await p.close()
})

test('the welcome and not-found screens, which no scenario reaches, pass their audits', async () => {
  const p = await newPage(browser)
  await login(p, 'officer', 'en-US')
  await p.goto('/welcome') // audited by the goto
  await p.locator(sel('welcome')).waitFor()
  await p.goto('/no-such-screen')
  await p.locator(sel('not-found')).waitFor()
  await p.context().close()
})
