// The traveller register searched in the browser: the officer (zh-CN) opens it from the menu,
// finds 王芳 as they type — her tour group, both legs (Tokyo, then Osaka), abroad now — and,
// choosing her, sees her contacts and the two places on the map and in the list beside it; an
// e-mail typed in capitals finds 陈思远 (on Enter), whose stay in Gqeberha is over; a search
// without a match says so; "show more" raises the limit; in English, 郑海 is chosen by keyboard
// alone, the focus going to his details and back, and no key is missing; the auditor searches
// too; a citizen has no entry, the URL is not found for them and the API refuses them.
// Every screen audited (a11y.mjs), with the answers and the person shown.
import { test, describe, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { api, BASE, PASSWORD, auditScreen, inp, launch, login, missingKeys, newPage, sel, shot } from './helpers.mjs'

let browser
before(async () => { browser = await launch() })
after(async () => { await browser?.close() })

/** The demo's person with this phone (their id, for the screen's data-test names). */
async function personByPhone(phone) {
  const officer = await api('officer')
  const r = await officer('GET', `/safety/people?q=${phone}`)
  assert.equal(r.status, 200)
  const p = r.body.items.find((x) => x.phone === phone)
  assert.ok(p, `the demo has ${phone}`)
  return p
}

/** Opens the register from the side menu. */
async function openFromMenu(page) {
  await page.locator(sel('menu-safety-register')).click()
  await page.locator(sel('safety-register-page')).waitFor()
  await page.locator(`${sel('register-status')}:not(:empty)`).waitFor()
  await auditScreen(page)
}

/** Types the words (searched when typing pauses, or at once with Enter) and waits for the answer to them. */
async function search(page, words, { enter = false } = {}) {
  const answered = page.waitForResponse((r) => r.url().includes('/api/v1/safety/people') &&
    (new URL(r.url()).searchParams.get('q') ?? '') === words)
  await page.locator(inp('register-q')).fill(words)
  if (enter) await page.locator(inp('register-q')).press('Enter')
  const r = await answered
  await page.locator(`${sel('register-table')} .el-loading-mask`).waitFor({ state: 'detached' }).catch(() => undefined)
  return r.status()
}

const text = (page, name) => page.locator(sel(name)).innerText()

describe('the register searched', () => {
  test('the officer finds 王芳 as they type, with her group and legs, and sees them on the map', async () => {
    const wang = await personByPhone('13705740031')
    const page = await newPage(browser)
    await login(page, 'officer', 'zh-CN')
    await openFromMenu(page)
    // without words: the people registered last
    assert.match(await text(page, 'register-status'), /^最新登记的 \d+ 人：$/)

    assert.equal(await search(page, '王芳'), 200)
    assert.match(await text(page, 'register-status'), /^\d+ 人符合“王芳”：/)
    const row = page.locator('.el-table__row').filter({ has: page.locator(sel(`register-choose-${wang.id}`)) })
    assert.equal(await row.locator(sel(`register-choose-${wang.id}`)).innerText(), '王芳')
    assert.equal(await text(page, `register-phone-${wang.id}`), '13705740031')
    assert.equal(await text(page, `register-group-${wang.id}`), '东京大阪六日游 JP2612')
    assert.equal(await text(page, `register-source-${wang.id}`), '旅行社团组')
    assert.match(await text(page, `register-legs-${wang.id}`), /日本 Tokyo，[\s\S]*\n日本 Osaka，/)
    // her stay in Tokyo holds today
    assert.equal(await text(page, `register-now-${wang.id}`), '目前在境外')
    await auditScreen(page, { force: true })

    await page.locator(sel(`register-choose-${wang.id}`)).click()
    const person = page.locator(sel('register-person'))
    await person.waitFor()
    assert.equal(await person.getAttribute('data-id'), String(wang.id))
    assert.equal(await page.locator(sel(`register-choose-${wang.id}`)).getAttribute('aria-pressed'), 'true')
    assert.equal(await text(page, 'register-person-phone'), '13705740031')
    assert.match(await text(page, 'register-contacts'), /电子邮箱\s+未提供/)
    const legs = page.locator(`${sel('register-person-legs')} li`)
    assert.equal(await legs.count(), 2)
    assert.match(await legs.nth(0).innerText(), /日本 Tokyo，[\s\S]*今天在此/)
    assert.equal(await legs.nth(0).getAttribute('data-timing'), 'now')
    assert.match(await legs.nth(1).innerText(), /日本 Osaka，[\s\S]*尚未开始/)
    assert.equal(await legs.nth(1).getAttribute('data-timing'), 'future')
    const chart = person.locator(sel('world-map-chart'))
    await chart.waitFor()
    assert.equal(await chart.getAttribute('role'), 'img')
    assert.match(await chart.getAttribute('aria-label'), /^世界地图。图中以圆点标出王芳的 2 个停留地点：日本 Tokyo；日本 Osaka。旁边的行程列表给出同样的信息及日期。$/)
    await shot(page, 'safety-register-person-zh')
    await auditScreen(page, { force: true })
    assert.deepEqual(await missingKeys(page), [])
    await page.context().close()
  })

  test('an e-mail in capitals finds 陈思远 (Enter); a search without a match says so; "show more" shows more', async () => {
    const chen = await personByPhone('13605740051')
    const page = await newPage(browser)
    await login(page, 'officer', 'zh-CN')
    await page.goto('/safety/register')
    await page.locator(`${sel('register-status')}:not(:empty)`).waitFor()

    assert.equal(await search(page, 'CHEN.SIYUAN@EXAMPLE.ORG', { enter: true }), 200)
    assert.equal(await text(page, 'register-status'), '1 人符合“CHEN.SIYUAN@EXAMPLE.ORG”：')
    assert.equal(await page.locator(sel(`register-choose-${chen.id}`)).innerText(), '陈思远')
    assert.match(await text(page, `register-legs-${chen.id}`), /南非 Gqeberha，/)
    // the storm's stay is over: not abroad now
    assert.equal(await page.locator(sel(`register-now-${chen.id}`)).count(), 0)
    await page.locator(sel(`register-choose-${chen.id}`)).click()
    assert.equal(await text(page, 'register-person-email'), 'chen.siyuan@example.org')
    assert.equal(await page.locator(sel('register-person-email')).getAttribute('href'), 'mailto:chen.siyuan@example.org')
    assert.equal(await page.locator(`${sel('register-person-legs')} li`).first().getAttribute('data-timing'), 'past')

    assert.equal(await search(page, 'zz-无此人-404'), 200)
    assert.equal(await text(page, 'register-status'), '登记中没有符合“zz-无此人-404”的人员。')
    assert.equal(await page.locator('.el-table__row').count(), 0)
    // the person chosen is no longer among the answers: their details go
    assert.equal(await page.locator(sel('register-person')).count(), 0)
    await shot(page, 'safety-register-no-match-zh')

    // without words, the newest: more than a page of them in the demo, and "show more" asks for more
    const officer = await api('officer')
    const newest = await officer('GET', '/safety/people?limit=20')
    assert.equal(newest.body.more, true, 'the demo has more than 20 people')
    assert.equal(await search(page, ''), 200)
    assert.equal(await page.locator('.el-table__row').count(), 20)
    const more = page.waitForResponse((r) => r.url().includes('/api/v1/safety/people') && new URL(r.url()).searchParams.get('limit') === '40')
    await page.locator(sel('register-more')).click()
    assert.equal((await more).status(), 200)
    await page.waitForFunction(() => document.querySelectorAll('.el-table__row').length > 20)
    assert.match(await text(page, 'register-status'), /^最新登记的 (2[1-9]|3\d|40) 人：/)
    await page.context().close()
  })

  test('in English, 郑海 is chosen by keyboard; his stay in Nottingham is now; no key is missing', async () => {
    const zheng = await personByPhone('13605740041')
    const page = await newPage(browser)
    await login(page, 'officer', 'en-US')
    await openFromMenu(page)
    assert.match(await text(page, 'register-status'), /^The \d+ people registered last:$/)
    assert.equal(await search(page, '13605740041'), 200)
    assert.equal(await text(page, 'register-status'), '1 person matches “13605740041”:')
    assert.equal(await text(page, `register-source-${zheng.id}`), 'Registered themselves')
    assert.equal(await text(page, `register-group-${zheng.id}`), 'None')
    assert.match(await text(page, `register-legs-${zheng.id}`), /^Nottingham, United Kingdom \w{3} \d+, \d{4} – \w{3} \d+, \d{4}$/)
    assert.equal(await text(page, `register-now-${zheng.id}`), 'Abroad now')

    // by keyboard: the name is a button; the details take the focus, Close gives it back
    await page.locator(sel(`register-choose-${zheng.id}`)).focus()
    await page.keyboard.press('Enter')
    await page.locator(sel('register-person')).waitFor()
    await page.waitForFunction(() => document.activeElement?.id === 'register-person-title')
    assert.match(await page.locator('#register-person-title').innerText(), /郑海\s*Abroad now/)
    assert.match(await text(page, 'register-person-legs'), /Nottingham, United Kingdom[\s\S]*There today/)
    const chart = page.locator(`${sel('register-person')} ${sel('world-map-chart')}`)
    await chart.waitFor()
    assert.match(await chart.getAttribute('aria-label'), /^World map\. It shows the place of 郑海 as a dot: Nottingham, United Kingdom\. /)
    await shot(page, 'safety-register-person-en')
    await auditScreen(page, { force: true })
    await page.locator(sel('register-person-close')).focus()
    await page.keyboard.press('Enter')
    await page.locator(sel('register-person')).waitFor({ state: 'detached' })
    await page.waitForFunction((name) => document.activeElement?.closest(`[data-test="${name}"]`) !== null, `register-choose-${zheng.id}`)

    assert.equal(await search(page, 'nobody-here-42', { enter: true }), 200)
    assert.equal(await text(page, 'register-status'), 'No one in the register matches “nobody-here-42”.')
    await auditScreen(page, { force: true })
    assert.deepEqual(await missingKeys(page), [])
    await page.context().close()
  })

  test('the auditor searches the register too', async () => {
    const wang = await personByPhone('13705740031')
    const page = await newPage(browser)
    await login(page, 'auditor', 'zh-CN')
    await openFromMenu(page)
    assert.equal(await search(page, 'jp2612'), 200)
    assert.equal(await text(page, `register-group-${wang.id}`), '东京大阪六日游 JP2612')
    await page.locator(sel(`register-choose-${wang.id}`)).click()
    assert.equal(await page.locator(`${sel('register-person-legs')} li`).count(), 2)
    assert.equal(await page.locator(sel('register-forbidden')).count(), 0)
    await auditScreen(page, { force: true })
    await page.context().close()
  })

  test('a citizen has no entry, the URL is not found for them, and the API refuses them', async () => {
    const page = await newPage(browser)
    await login(page, 'citizen', 'zh-CN')
    await page.locator(sel('side-menu')).waitFor()
    assert.equal(await page.locator(sel('menu-safety-register')).count(), 0)
    await page.goto('/safety/register')
    await page.locator(sel('not-found')).waitFor()
    assert.equal(await page.locator(sel('safety-register-page')).count(), 0)
    const citizen = await api('citizen')
    assert.equal((await citizen('GET', '/safety/people?q=王芳')).status, 403)
    await page.context().close()
  })

  test('staff the server does not let search (not on the consular desk) are told so', async () => {
    // The demo puts every officer and approver on the desk, so the server's refusal is played here.
    const page = await newPage(browser)
    await login(page, 'officer2', 'en-US')
    await page.route((u) => u.pathname === '/api/v1/safety/people', (route) => route.fulfill({
      status: 403, contentType: 'application/json',
      body: JSON.stringify({ error: { code: 'forbidden', message: 'Forbidden', message_zh: '无权操作' } }),
    }))
    await page.goto('/safety/register')
    await page.locator(sel('register-forbidden')).waitFor()
    assert.match(await text(page, 'register-forbidden'), /Only the staff of the consular protection desk/)
    assert.equal(await page.locator(sel('register-table')).count(), 0)
    await page.context().close()
  })
})
