// Issue 14, beyond axe's rules: text that grows to 200 % without loss (WCAG 1.4.4), the
// larger-text switch, touch targets of at least 44 × 44 px on phones (WCAG 2.5.5), and no
// transitions for a system that asks for less motion (prefers-reduced-motion, WCAG 2.3.3).
import { after, before, describe, test } from 'node:test'
import assert from 'node:assert/strict'
import { LANGS, launch, login, newPage, sel, shot } from './helpers.mjs'

let browser
before(async () => { browser = await launch() })
after(async () => { await browser?.close() })

/** Text cut off: controls and tags whose content is taller or wider than their box, and a page wider than the window. */
const losses = (page) => page.evaluate(() => {
  const out = []
  const main = document.querySelector('main')
  if (main && main.scrollWidth > main.clientWidth + 1) out.push(`main scrolls sideways (${main.scrollWidth} > ${main.clientWidth})`)
  for (const el of document.querySelectorAll('h1, .el-button, .el-tag, .el-menu-item, .el-form-item__label, .el-select__wrapper')) {
    if (el.getBoundingClientRect().width === 0) continue
    const cut = el.scrollHeight > el.clientHeight + 2 || el.scrollWidth > el.clientWidth + 2
    if (cut) out.push(`${el.className.split(' ')[0]} "${el.textContent.trim().slice(0, 30)}" cut off (${el.scrollWidth}×${el.scrollHeight} in ${el.clientWidth}×${el.clientHeight})`)
  }
  return out
})

/** Visible controls a finger must hit, smaller than 44 × 44 px. */
const smallTargets = (page) => page.evaluate(() => {
  const targets = '.el-button, .el-input__wrapper, .el-select__wrapper, .el-radio, .el-checkbox, .el-pagination button, .el-pager li, .el-menu-item'
  return [...document.querySelectorAll(targets)].flatMap((el) => {
    const r = el.getBoundingClientRect()
    if (r.width === 0 || r.height === 0 || getComputedStyle(el).visibility === 'hidden') return []
    return r.height + 0.5 < 44 || r.width + 0.5 < 44 ? [`${el.className.split(' ')[0]} "${el.textContent.trim().slice(0, 20)}" ${Math.round(r.width)}×${Math.round(r.height)}`] : []
  })
})

/** The transition durations of the sign-in page's button, in seconds (e.g. [0.1]). */
const buttonTransitions = (page) => page.locator(sel('login-submit')).evaluate((el) =>
  getComputedStyle(el).transitionDuration.split(',').map((d) => parseFloat(d) * (d.trim().endsWith('ms') ? 0.001 : 1)))

test('a system that asks for less motion gets no transitions; others keep them', async () => {
  for (const motion of ['reduce', 'no-preference']) {
    const page = await newPage(browser, undefined, { motion })
    await page.goto('/login')
    const durations = await buttonTransitions(page)
    if (motion === 'reduce') assert.ok(durations.every((d) => d < 0.001), `less motion: ${durations}`)
    else assert.ok(durations.some((d) => d >= 0.05), `the usual motion: ${durations}`)
    await page.context().close()
  }
})

for (const lang of LANGS) {
  describe(`in ${lang}`, () => {
    test('text at 200 % and larger text: nothing cut off, no sideways scrolling', async () => {
      const page = await newPage(browser)
      await login(page, 'officer', lang)
      await page.locator(sel('larger-text')).click()
      await page.waitForFunction(() => document.documentElement.classList.contains('larger-text'))
      for (const [path, ready, name] of [['/queue', 'queue-page', 'queue'], ['/dashboard', 'dashboard-page', 'dashboard']]) {
        await page.goto(path)
        await page.locator(sel(ready)).waitFor()
        await shot(page, `${lang}-larger-text-${name}`)
        assert.deepEqual(await losses(page), [], `larger text on ${path}`)
      }
      // the browser's text size doubled (the root font size; every size is in rem)
      await page.evaluate(() => { document.documentElement.style.fontSize = '200%' })
      await page.goto('/queue')
      await page.locator(sel('queue-page')).waitFor()
      await page.evaluate(() => { document.documentElement.style.fontSize = '200%' })
      await page.waitForTimeout(300)
      assert.deepEqual(await losses(page), [], 'text at 200 % on /queue')
      await shot(page, `${lang}-text-200-queue`)
      // switched off again for the next tests of this user
      await page.evaluate(() => { document.documentElement.style.fontSize = '' })
      await page.locator(sel('larger-text')).click()
      await page.waitForFunction(() => !document.documentElement.classList.contains('larger-text'))
      await page.context().close()
    })

    test('on a phone, every button and field is at least 44 × 44 px', async () => {
      const page = await newPage(browser, { width: 390, height: 844 })
      await login(page, 'ent.normal', lang)
      await page.locator(sel('applications-page')).waitFor()
      assert.deepEqual(await smallTargets(page), [], 'the applications list')
      await page.goto('/applications/new')
      await page.locator(sel('field-purpose')).waitFor()
      assert.deepEqual(await smallTargets(page), [], 'the application form')
      await page.context().close()
    })
  })
}
