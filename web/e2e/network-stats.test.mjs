// The network's analytics in the browser, beyond what network.test.mjs reads: the projects by
// field of cooperation and direction and the exchanges year by year, their data tables holding
// the server's figures (GET /network/stats: the fields add up to its projects, the years to its
// exchanges); a chart downloaded as a PNG image and its data as an xlsx file, read back with
// exceljs, its rows those of the table; a city's dot on the map opening the city's page. In
// English, then the charts' words and a download's name in Chinese. Every screen audited, its
// data tables open (a11y.mjs).
import { test, describe, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { readFile } from 'node:fs/promises'
import ExcelJS from 'exceljs'
import { api, auditScreen, launch, login, missingKeys, newPage, sel, shot } from './helpers.mjs'

let browser
before(async () => { browser = await launch() })
after(async () => { await browser?.close() })

/** A number as the table shows it in English or Chinese ("1,234"). */
const num = (s) => Number(s.replace(/[,\s]/g, ''))

/** A chart's data table: its headings and its rows, each its cells' text. */
async function tableOf(figure) {
  if (!(await figure.locator('details').evaluate((d) => d.open))) await figure.locator('summary').click()
  const head = await figure.locator('thead th').allInnerTexts()
  const rows = await figure.locator('tbody tr').evaluateAll((trs) => trs.map((tr) => [...tr.children].map((c) => c.textContent.trim())))
  return { head, rows }
}

/** Presses a figure's download button; the download's name and bytes. */
async function download(page, figure, which) {
  const started = page.waitForEvent('download')
  await figure.locator(sel(`chart-download-${which}`)).click()
  const d = await started
  return { name: d.suggestedFilename(), bytes: await readFile(await d.path()) }
}

/** An xlsx file's first worksheet, its rows of cell values. */
async function sheetOf(bytes) {
  const book = new ExcelJS.Workbook()
  await book.xlsx.load(bytes)
  const rows = []
  book.worksheets[0].eachRow((row, n) => { rows[n - 1] = row.values.slice(1) })
  return rows
}

/** Every partner city (the registry, page by page). */
async function allCities(call) {
  const out = []
  for (let page = 1; ; page++) {
    const { body } = await call('GET', `/network/cities?page=${page}&page_size=100`)
    out.push(...body.items)
    if (!body.items.length || out.length >= body.total) return out
  }
}

describe('network analytics: projects, exchanges, downloads, the map', () => {
  test('the auditor reads the projects by field and the exchanges by year, downloads a chart and its data, and opens a city from the map', async () => {
    const call = await api('auditor')
    const stats = (await call('GET', '/network/stats')).body
    // the server's figures add up
    assert.equal(stats.projects_by_field.length, 14)
    assert.equal(stats.projects_by_field.reduce((s, f) => s + f.projects, 0), stats.projects)
    for (const f of stats.projects_by_field) assert.equal(f.inbound + f.outbound + f.joint, f.projects, f.field)
    const exchangesIn = (y) => y.delegation_in + y.delegation_out + y.training
    assert.equal(stats.exchanges_by_year.reduce((s, y) => s + exchangesIn(y), 0), stats.exchanges)
    assert.ok(stats.projects > 0 && stats.exchanges > 0, "the demo's projects and exchanges")

    const page = await newPage(browser)
    await login(page, 'auditor', 'en-US')
    await page.goto('/network/stats')
    await page.locator(sel('network-totals')).waitFor()
    for (const k of ['projects', 'exchanges']) {
      assert.equal(Number(await page.locator(sel(`network-total-${k}`)).getAttribute('data-n')), stats[k], k)
    }

    // projects by field: a row per field, its total and its directions as the server counts them
    const fields = page.locator(sel('chart-by-field'))
    assert.equal(await fields.locator('h2').innerText(), 'Projects by field of cooperation and direction')
    const ft = await tableOf(fields)
    assert.deepEqual(ft.head, ['Field', 'Projects', 'Inbound', 'Outbound', 'Joint'])
    assert.equal(ft.rows.length, 14)
    assert.deepEqual(ft.rows[0][0], 'Trade')
    ft.rows.forEach((r, i) => {
      const f = stats.projects_by_field[i]
      assert.deepEqual(r.slice(1).map(num), [f.projects, f.inbound, f.outbound, f.joint], r[0])
    })
    assert.equal(ft.rows.reduce((s, r) => s + num(r[1]), 0), stats.projects)

    // exchanges per year: every year from the first to the last, its kinds adding up to its total
    const exchanges = page.locator(sel('chart-exchanges'))
    const et = await tableOf(exchanges)
    assert.deepEqual(et.head, ['Year', 'Exchanges', 'Delegation received', 'Delegation sent', 'Training'])
    const years = et.rows.map((r) => Number(r[0]))
    assert.deepEqual(years, years.map((_, i) => years[0] + i), 'a continuous run of years')
    for (const r of et.rows) {
      const y = stats.exchanges_by_year.find((x) => x.year === Number(r[0])) ?? { delegation_in: 0, delegation_out: 0, training: 0 }
      assert.deepEqual(r.slice(1).map(num), [exchangesIn(y), y.delegation_in, y.delegation_out, y.training], r[0])
    }
    assert.equal(et.rows.reduce((s, r) => s + num(r[1]), 0), stats.exchanges)
    // the growth's table in numbers too
    const growth = await tableOf(page.locator(sel('chart-growth')))
    assert.deepEqual(growth.head, ['Year', 'Cities in the network', 'Established that year'])
    assert.deepEqual(growth.rows[0], ['1983', '1', '1'])
    await auditScreen(page, { force: true })
    await fields.scrollIntoViewIfNeeded()
    await shot(page, 'network-stats-projects-en')
    assert.deepEqual(await missingKeys(page), [])

    // the download buttons are named after their chart, and reached by the keyboard
    assert.equal(await fields.locator(sel('chart-download-image')).getAttribute('aria-label'), 'Download image: Projects by field of cooperation and direction (PNG)')
    await fields.locator(sel('chart-download-image')).focus()
    await page.keyboard.press('Tab')
    assert.equal(await page.evaluate(() => document.activeElement?.dataset.test), 'chart-download-data')

    // the chart as a PNG image
    const png = await download(page, fields, 'image')
    assert.equal(png.name, 'Projects-by-field-of-cooperation-and-direction.png')
    assert.deepEqual([...png.bytes.subarray(0, 8)], [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])
    assert.ok(png.bytes.length > 5000, 'an image with something drawn in it')

    // its data as an xlsx file (pressed from the keyboard): the table's rows, numbers as numbers
    const started = page.waitForEvent('download')
    await fields.locator(sel('chart-download-data')).focus()
    await page.keyboard.press('Enter')
    const d = await started
    assert.equal(d.suggestedFilename(), 'Projects-by-field-of-cooperation-and-direction.xlsx')
    const sheet = await sheetOf(await readFile(await d.path()))
    assert.deepEqual(sheet, [ft.head, ...ft.rows.map((r) => [r[0], ...r.slice(1).map(num)])])
    const ex = await sheetOf((await download(page, exchanges, 'data')).bytes)
    assert.deepEqual(ex, [et.head, ...et.rows.map((r) => [r[0], ...r.slice(1).map(num)])])

    // a city's dot on the map opens its page: a city far from any other, where the map draws it
    // (its geo spans longitude −180…180 and latitude 84…−58 over the chart less 4 px each side,
    // WorldMap.vue); the tooltip names it before the click
    const cities = await allCities(call)
    const map = page.locator(`${sel('network-map')} ${sel('world-map-chart')}`)
    await map.locator('canvas').first().waitFor()
    await map.scrollIntoViewIfNeeded()
    const box = await map.boundingBox()
    const at = (c) => ({ x: 4 + ((c.lon + 180) / 360) * (box.width - 8), y: 4 + ((84 - c.lat) / 142) * (box.height - 8) })
    const apart = (c) => Math.min(...cities.filter((o) => o !== c).map((o) => Math.hypot(at(o).x - at(c).x, at(o).y - at(c).y)))
    const lone = cities.filter((c) => c.lat < 80 && c.lat > -55).sort((a, b) => apart(b) - apart(a))[0]
    assert.ok(apart(lone) > 20, `${lone.name_en} has room around it`)
    const p = at(lone)
    await page.mouse.move(box.x + p.x, box.y + p.y)
    await page.locator(`${sel('network-map')} div`, { hasText: lone.name_en }).last().waitFor()
    await page.mouse.click(box.x + p.x, box.y + p.y)
    await page.waitForURL(new RegExp(`/network/cities/${lone.id}$`))
    await page.locator('h1', { hasText: lone.name_en }).waitFor()

    // in Chinese: the charts' words and a download's name
    await page.locator(sel('lang-zh-CN')).click()
    await page.locator('html[lang="zh-CN"]').waitFor()
    await page.goto('/network/stats')
    await page.locator(sel('chart-by-field')).waitFor()
    const zf = page.locator(sel('chart-by-field'))
    assert.equal(await zf.locator('h2').innerText(), '各合作领域项目数（按方向）')
    assert.equal(await zf.locator(sel('chart-download-data')).innerText(), '下载数据')
    const zt = await tableOf(zf)
    assert.deepEqual(zt.head, ['领域', '项目数', '引进来', '走出去', '双向合作'])
    assert.equal(zt.rows[0][0], '贸易')
    const zx = await download(page, zf, 'data')
    assert.equal(zx.name, '各合作领域项目数-按方向.xlsx')
    assert.deepEqual((await sheetOf(zx.bytes))[0], zt.head)
    assert.deepEqual((await tableOf(page.locator(sel('chart-exchanges')))).head, ['年份', '交流次数', '来访团组', '出访团组', '培训'])
    await auditScreen(page, { force: true })
    await page.locator(sel('chart-exchanges')).scrollIntoViewIfNeeded()
    await shot(page, 'network-stats-exchanges-zh')
    assert.deepEqual(await missingKeys(page), [])
    await page.context().close()
  })
})
