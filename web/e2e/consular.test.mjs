// The consular desk's requests for help in the browser: the desk's queue, in both languages,
// shows the demo's requests with how urgent each is in the reader's words (the definition's
// option labels); an officer takes a hotline call through the form — saved, then opened — hands
// it to the mission abroad and closes it with its outcome; the auditor reads the queue and a
// case and can do nothing; a citizen has no entry and the URLs are not found for them. Every
// screen audited (a11y.mjs).
import { test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import {
  assertTranslated, auditScreen, field, inp, LANGS, launch, login, newPage, pickCountry, sel, shot, waitForState,
} from './helpers.mjs'

let browser
before(async () => { browser = await launch() })
after(async () => { await browser?.close() })

// The demo's requests (src/consular/demo.cpp, and the Gqeberha storm's in src/safety/demo.cpp).
const DEMO = [
  { name: '王建国', priority: 'urgent', state: 'closed' },
  { name: '刘洋', priority: 'high', state: 'handed_off' },
  { name: '周静怡', priority: 'normal', state: 'open' },
  { name: '陈海峰', priority: 'urgent', state: 'draft' },
  { name: '徐卓然', priority: 'high', state: 'closed' },
]
const PRIORITY = {
  'zh-CN': { urgent: '特急(人身安全)', high: '急', normal: '一般' },
  'en-US': { urgent: 'Urgent (life and safety)', high: 'High', normal: 'Normal' },
}
const TYPE_LABEL = { 'zh-CN': '领事保护与协助', 'en-US': 'Consular protection and assistance' }
const NUMBER = /^领保〔\d{4}〕\d{4}号$/

/** The queue's rows as shown: number, person, priority (its words and value), state. */
async function rows(page, atLeast) {
  await page.waitForFunction(([s, n]) => document.querySelectorAll(s).length >= n, [sel('case-name'), atLeast])
  return page.$$eval(`${sel('case-table')} .el-table__body tr`, (trs) => trs.map((tr) => {
    const at = (name) => tr.querySelector(`[data-test="${name}"]`)
    return {
      number: at('case-link')?.getAttribute('data-number'),
      name: at('case-name')?.textContent.trim(),
      priority: at('case-priority')?.textContent.trim(),
      priorityValue: at('case-priority')?.getAttribute('data-value'),
      state: at('case-state-tag')?.getAttribute('data-state'),
    }
  }))
}

/** The desk's queue, once shown: the officer lands on another queue drawn by the same list
 *  component, so its page is already there; wait for the consular type's label and rows. */
async function openQueue(page) {
  await page.locator(sel('menu-consular-queue')).click()
  await page.waitForURL(/\/consular$/)
  await page.waitForFunction(([type, link, labels]) => {
    const numbers = [...document.querySelectorAll(link)].map((a) => a.getAttribute('data-number'))
    return labels.includes(document.querySelector(type)?.textContent.trim()) &&
      numbers.length > 0 && numbers.every((n) => n?.startsWith('领保'))
  }, [sel('list-type'), sel('case-link'), Object.values(TYPE_LABEL)])
}

for (const lang of LANGS) {
  test(`the desk's queue shows the demo's requests, each with its priority in words (${lang})`, async () => {
    const page = await newPage(browser)
    await login(page, 'officer', lang)
    await openQueue(page)
    assert.equal((await page.locator(sel('list-type')).innerText()).trim(), TYPE_LABEL[lang])
    const shown = await rows(page, DEMO.length)
    for (const d of DEMO) {
      const row = shown.find((r) => r.name === d.name)
      assert.ok(row, `${d.name} in ${JSON.stringify(shown)}`)
      assert.match(row.number, NUMBER)
      assert.deepEqual([row.priority, row.priorityValue, row.state], [PRIORITY[lang][d.priority], d.priority, d.state], d.name)
    }
    // the office writes its own requests: the queue offers a new one
    assert.equal((await page.locator(sel('new-application')).innerText()).trim(), lang === 'zh-CN' ? '登记求助' : 'New request')
    await assertTranslated(page, `the consular queue (${lang})`)
    await shot(page, `${lang}-consular-queue`)
    await page.context().close()
  })
}

test('an officer takes a hotline call through the form, opens it, hands it to the mission and closes it', async () => {
  const name = `赵晓晨${Date.now().toString(36)}`
  const page = await newPage(browser)
  await login(page, 'officer', 'zh-CN')
  await openQueue(page)
  await page.locator(sel('new-application')).click()
  await page.waitForURL(/\/consular\/new$/)
  await page.locator(field('channel')).waitFor()
  await auditScreen(page)

  // five channels: a select; three priorities: buttons
  await page.locator(`${field('channel')} .el-select__wrapper`).click()
  await page.locator(`${field('channel')} ${sel('option-hotline')}`).click()
  await page.locator(`${field('priority')} ${sel('option-urgent')}`).click()
  await page.locator(`${field('person.name')} input`).fill(name)
  await page.locator(`${field('person.phone')} input`).fill('13805749931')
  await page.locator(`${field('person.contact')} input`).fill('赵敏（母亲）13905741122')
  await page.locator(`${field('vulnerable')} .el-checkbox`).click()
  await pickCountry(page, 'country', 'TH', '泰国')
  await page.locator(`${field('city')} input`).fill('Chiang Mai')
  await page.locator(`${field('situation')} textarea`).fill('家属来电：17岁的孩子随研学团在清迈走失，已超过六小时。')
  // what the hand-off and the close write is not asked here
  assert.equal(await page.locator(field('handed_to')).count(), 0)
  assert.equal(await page.locator(field('outcome')).count(), 0)
  await auditScreen(page)

  // saved as a draft first: the office's own case is edited on the generic page
  await page.locator(sel('save-draft')).click()
  await page.waitForURL(/\/cases\/\d+\/edit$/)
  const id = Number(new URL(page.url()).pathname.split('/')[2])
  // the form's main action is the type's way out of the draft: 立案 (open), not "submit"
  const open = page.locator(sel('submit-case'))
  assert.equal((await open.innerText()).trim(), '立案')
  await open.click()
  await page.waitForURL(new RegExp(`/cases/${id}$`))
  await waitForState(page, 'open')
  assert.match(await page.locator(sel('case-number')).innerText(), NUMBER)
  assert.match(await page.locator(sel('case-page')).innerText(), new RegExp(name))
  assert.equal(await page.locator(sel('data-priority')).innerText(), '特急(人身安全)')
  assert.equal(await page.locator(sel('data-channel')).innerText(), '值班电话')
  await auditScreen(page)

  // handed to the mission: a comment is required, and the mission named
  await page.locator(sel('action-hand_off')).click()
  const dialog = page.locator('.el-dialog').filter({ has: page.locator(sel('action-confirm')) })
  await dialog.waitFor()
  await dialog.locator(`${field('handed_to')} input`).fill('中国驻清迈总领事馆')
  await dialog.locator(sel('action-confirm')).click()
  await dialog.locator(sel('action-error-comment')).waitFor()
  await auditScreen(page)
  await dialog.locator(inp('action-comment')).fill('清迈属驻清迈总领馆领区，已移交并告知家属。')
  await dialog.locator(sel('action-confirm')).click()
  await waitForState(page, 'handed_off')
  await page.locator(sel('report-section')).waitFor()
  assert.equal(await page.locator(sel('data-handed_to')).innerText(), '中国驻清迈总领事馆')

  // closed with its outcome
  await page.locator(sel('action-close')).click()
  await dialog.waitFor()
  await dialog.locator(`${field('outcome')} textarea`).fill('当地警方已找到孩子，总领馆协助其与家属团聚。')
  await dialog.locator(sel('action-confirm')).click()
  await waitForState(page, 'closed')
  assert.equal(await page.locator(sel('data-outcome')).innerText(), '当地警方已找到孩子，总领馆协助其与家属团聚。')
  assert.equal(await page.locator(sel('data-handed_to')).innerText(), '中国驻清迈总领事馆', 'what the hand-off wrote stays')
  // the timeline is read again after the transition: wait for its third step
  const transitions = `${sel('timeline-item')}[data-kind="transition"]`
  await page.waitForFunction((s) => document.querySelectorAll(s).length === 3, transitions)
  const steps = await page.locator(transitions).evaluateAll((els) => els.map((e) => e.getAttribute('data-to-state')))
  assert.deepEqual([...steps].sort(), ['closed', 'handed_off', 'open'])
  assert.equal(await page.locator(`${sel('case-actions')} [data-test^="action-"]`).count(), 0, 'nothing more to do on a closed request')
  await shot(page, 'zh-CN-consular-closed')

  // the queue lists it with its priority in words
  await openQueue(page)
  const row = (await rows(page, DEMO.length + 1)).find((r) => r.name === name)
  assert.deepEqual([row?.priority, row?.state], ['特急(人身安全)', 'closed'])
  await page.context().close()
})

test('the auditor reads the queue and a request, and can neither add nor act', async () => {
  const page = await newPage(browser)
  await login(page, 'auditor', 'en-US')
  await openQueue(page)
  const shown = await rows(page, DEMO.length - 1)
  // a draft is the desk's own until it is opened
  assert.ok(!shown.some((r) => r.name === '陈海峰'), 'no draft')
  const demo = shown.find((r) => r.name === '王建国')
  assert.equal(demo?.priority, 'Urgent (life and safety)')
  assert.equal(await page.locator(sel('new-application')).count(), 0)
  await assertTranslated(page, 'the consular queue, read-only')
  await page.locator(`${sel('case-link')}[data-number="${demo.number}"]`).click()
  await waitForState(page, 'closed')
  assert.equal(await page.locator(`${sel('case-actions')} [data-test^="action-"]`).count(), 0)
  assert.equal(await page.locator(sel('edit-case')).count(), 0)
  await shot(page, 'en-US-consular-auditor')
  await page.context().close()
})

test('a citizen has no entry, and the URLs are not found for them', async () => {
  const page = await newPage(browser)
  await login(page, 'citizen', 'zh-CN')
  await page.locator(sel('side-menu')).waitFor()
  assert.equal(await page.locator(sel('menu-consular-queue')).count(), 0)
  for (const path of ['/consular', '/consular/new']) {
    await page.goto(path)
    await page.locator(sel('not-found')).waitFor()
  }
  await page.context().close()
})
