// The officer queue filtered by destination (`country`) and month of submission (`month`):
// reached from the dashboard's bars or by URL, each active filter shown as a removable tag
// with a translated label. Needs a running server with the demo data (WAISHI_URL, WAISHI_DEMO_PASSWORD).
import { after, before, describe, test } from 'node:test'
import assert from 'node:assert/strict'
import { LANGS, assertTranslated, launch, login, newPage, sel, shot } from './helpers.mjs'

let browser
before(async () => { browser = await launch() })
after(async () => { await browser?.close() })

const isList = (country) => (r) => {
  const u = new URL(r.url())
  return u.pathname === '/api/v1/cases' && r.request().method() === 'GET' && (country === undefined || u.searchParams.get('country') === country)
}

/** Waits for the list answer and for the table to show its rows; returns the answer's items. */
async function rowsOf(page, reply) {
  const r = await reply
  assert.equal(r.status(), 200, `GET ${r.url()}`)
  const body = await r.json()
  await page.waitForFunction((n) => document.querySelectorAll('[data-test="case-table"] [data-test="case-countries"]').length === n, body.items.length)
  const shown = await page.locator(`${sel('case-table')} ${sel('case-countries')}`).evaluateAll((els) => els.map((e) => e.getAttribute('data-value').split(',').filter(Boolean)))
  return { body, shown }
}

const COUNTRY_NAME = { 'zh-CN': '德国', 'en-US': 'Germany' }

for (const lang of LANGS) {
  describe(`in ${lang}`, () => {
    test('a search by a two-character name is ranked by the server: the people named first', async () => {
      const page = await newPage(browser)
      await login(page, 'officer', lang)
      await page.goto('/queue')
      await page.locator(sel('filter-q')).waitFor()
      const reply = page.waitForResponse((r) => isList()(r) && new URL(r.url()).searchParams.get('q') === '张昊')
      await page.locator(`input${sel('filter-q')}`).fill('张昊')
      await page.keyboard.press('Enter')
      const r = await reply
      assert.equal(r.status(), 200)
      assert.equal(new URL(r.url()).searchParams.has('sort'), false, "no sort: the ranking is the server's")
      const body = await r.json()
      assert.ok(body.items.length > 0, 'the demo data has applications with 张昊 among the members')
      await page.waitForFunction(() => document.querySelectorAll('[data-test="case-link"]').length > 0)
      // The pager states the count the server gave.
      const total = page.locator(sel('total'))
      assert.equal((await total.innerText()).trim(), lang === 'zh-CN' ? `共 ${body.total} 条` : `${body.total} in all`)
      // The sort menu says the results are ranked by match.
      const sort = page.locator(sel('filter-sort'))
      assert.ok((await sort.innerText()).includes(lang === 'zh-CN' ? '按匹配度' : 'Best match first'), await sort.innerText())
      await assertTranslated(page, `queue?q=张昊 (${lang})`)
      await shot(page, `${lang}-queue-search`)
      await page.context().close()
    })

    test('a search the server stopped counting says "more than" its count', async () => {
      const page = await newPage(browser)
      await login(page, 'officer', lang)
      // The server's cap (200, tests/api/search.test.mjs) is beyond the demo data: the answer
      // is the server's own, marked as capped on its way to the page.
      await page.route((u) => u.pathname === '/api/v1/cases' && u.searchParams.get('q') === '张', async (route) => {
        const r = await route.fetch()
        await route.fulfill({ response: r, json: { ...(await r.json()), total: 200, total_capped: true } })
      })
      await page.goto('/queue?q=张')
      const total = page.locator(sel('total'))
      await page.waitForFunction(() => /200/.test(document.querySelector('[data-test="total"]')?.textContent ?? ''))
      assert.equal((await total.innerText()).trim(), lang === 'zh-CN' ? '超过 200 条' : 'more than 200')
      await page.context().close()
    })

    test('queue?country=DE shows only applications going to Germany, in the destination picker, which clears', async () => {
      const page = await newPage(browser)
      await login(page, 'officer', lang)

      const reply = page.waitForResponse(isList('DE'))
      await page.goto('/queue?country=DE')
      const { body, shown } = await rowsOf(page, reply)
      assert.ok(shown.length > 0, 'the demo data has applications to DE')
      assert.ok(body.total >= shown.length)
      for (const cs of shown) assert.ok(cs.includes('DE'), `row with countries ${cs} has DE`)

      const picker = page.locator(sel('filter-country'))
      assert.equal(await picker.getAttribute('data-value'), 'DE')
      assert.ok((await picker.innerText()).includes(COUNTRY_NAME[lang]), `picker shows ${await picker.innerText()}`)
      await assertTranslated(page, `queue?country=DE (${lang})`)
      await shot(page, `${lang}-queue-country-filter`)

      // clearing the picker drops the filter from the URL and from the request
      const all = page.waitForResponse(isList(null))
      await picker.locator('.el-select__wrapper').hover()
      await picker.locator('.el-select__clear').click()
      const unfiltered = await rowsOf(page, all)
      assert.equal(new URL(page.url()).searchParams.has('country'), false)
      assert.equal(await picker.getAttribute('data-value'), '')
      assert.ok(unfiltered.body.total > body.total, 'without the filter the queue holds more applications')
      await page.context().close()
    })

    test('a month filter from the URL is shown in the current language and combines with the country', async () => {
      const page = await newPage(browser)
      await login(page, 'officer', lang)
      const dash = await page.evaluate(() => fetch('/api/v1/dashboard/travel').then((r) => r.json()))
      const month = dash.by_month.at(-1).month
      const reply = page.waitForResponse((r) => isList()(r) && new URL(r.url()).searchParams.get('month') === month)
      await page.goto(`/queue?month=${month}&country=de`)
      const r = await reply
      assert.equal(r.status(), 200)
      assert.equal(new URL(r.url()).searchParams.get('country'), 'DE', 'the code is sent upper-cased')
      const tag = page.locator(sel('filter-tag-month'))
      assert.equal(await tag.getAttribute('data-value'), month)
      const text = await tag.innerText()
      assert.ok(!text.includes(month), `the month is formatted for ${lang}: ${text}`)
      assert.match(text, new RegExp(month.slice(0, 4)))
      await assertTranslated(page, `queue?month (${lang})`)

      // a malformed value is dropped instead of ending in a 400
      const bad = page.waitForResponse(isList())
      await page.goto('/queue?country=Germany&month=2026-13')
      const b = await bad
      assert.equal(b.status(), 200)
      assert.equal(new URL(b.url()).searchParams.has('country'), false)
      assert.equal(new URL(b.url()).searchParams.has('month'), false)
      assert.equal(await page.locator(sel('active-filters')).count(), 0)
      await page.context().close()
    })

    test('clicking the top country bar on the dashboard opens the queue filtered by it', async () => {
      const page = await newPage(browser)
      await login(page, 'officer', lang)
      const data = page.waitForResponse((r) => new URL(r.url()).pathname === '/api/v1/dashboard/travel')
      await page.goto('/dashboard')
      const top = (await (await data).json()).top_countries
      assert.ok(top.length > 0)
      const chart = page.locator(`${sel('chart-countries')} canvas`).first()
      await chart.waitFor()
      // find the first (top) bar by its colour on the canvas (the theme's warning colour, #9a5b00):
      // no guess about label widths
      const topBar = () => chart.evaluate((c) => {
        const ctx = c.getContext('2d')
        const { data, width, height } = ctx.getImageData(0, 0, c.width, c.height)
        const isBar = (i) => Math.abs(data[i] - 0x9a) < 8 && Math.abs(data[i + 1] - 0x5b) < 8 && Math.abs(data[i + 2] - 0x00) < 8
        let y0 = -1, y1 = -1, x0 = width, x1 = -1
        for (let y = 0; y < height; y++) {
          let hit = false
          for (let x = 0; x < width; x++) if (isBar((y * width + x) * 4)) { hit = true; x0 = Math.min(x0, x); x1 = Math.max(x1, x) }
          if (hit && y0 < 0) y0 = y
          if (hit) y1 = y
          else if (y0 >= 0) break // end of the first bar
        }
        if (y0 < 0) return null
        const k = c.width / c.clientWidth
        return { x: (x0 + x1) / 2 / k, y: (y0 + y1) / 2 / k }
      })
      // the chart is drawn at once (the context asks for less motion: no bars growing in), on
      // the frame after its data came
      let at = null
      for (let i = 0; i < 50 && !at; i++) if (!(at = await topBar())) await page.waitForTimeout(100)
      assert.ok(at, 'the top country bar is drawn')
      await chart.scrollIntoViewIfNeeded()
      const box = await chart.boundingBox()
      const reply = page.waitForResponse(isList(top[0].country))
      reply.catch(() => undefined)
      await page.mouse.click(box.x + at.x, box.y + at.y)
      await page.waitForURL((u) => u.pathname === '/queue' && u.searchParams.get('country') === top[0].country)
      const { shown } = await rowsOf(page, reply)
      assert.ok(shown.length > 0)
      for (const cs of shown) assert.ok(cs.includes(top[0].country), `row with countries ${cs} has ${top[0].country}`)
      assert.equal(await page.locator(sel('filter-country')).getAttribute('data-value'), top[0].country)
      await page.context().close()
    })
  })
}
