// The network's lists in the browser, reached from the analytics (issue 12: each figure drills
// down to its list, every list exports to xlsx): a field of the projects chart opens the projects
// of that field, as many as the chart counts; a direction chosen narrows them (kept in the URL);
// the list downloads as an xlsx file with as many rows as it holds; a partner city's page opens
// the list of its projects (the city named in the URL) until that filter is removed. A year of the exchanges chart opens the
// exchanges begun that year, as many as the year's kinds add up to, and a kind narrows them; a
// year of the growth chart opens the registry of the cities established that year, a country of
// the countries chart the registry of its cities. The expected numbers are the server's
// (GET /network/stats, the lists' API). The auditor in English, the officer in Chinese; every
// screen audited (a11y.mjs), no i18n key missing.
import { test, describe, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { readFile } from 'node:fs/promises'
import ExcelJS from 'exceljs'
import { LANGS, api, launch, login, missingKeys, newPage, sel, shot } from './helpers.mjs'

let browser
before(async () => { browser = await launch() })
after(async () => { await browser?.close() })

const WHO = { 'en-US': 'auditor', 'zh-CN': 'officer' }
const WORDS = {
  'en-US': {
    projects: 'Cooperation projects', exchanges: 'Exchanges with the partner cities', cities: 'Sister cities',
    projectsMatch: (n) => new RegExp(`^${n} projects? match(es)?$`), exchangesMatch: (n) => new RegExp(`^${n} exchanges? match(es)?$`),
    city: (c) => `Partner city: ${c.name_en}`,
  },
  'zh-CN': {
    projects: '友城合作项目', exchanges: '与友城的交流往来', cities: '国际友城',
    projectsMatch: (n) => new RegExp(`^符合条件的合作项目共 ${n} 个$`), exchangesMatch: (n) => new RegExp(`^符合条件的交流共 ${n} 次$`),
    city: (c) => `友城：${c.name_zh}`,
  },
}
const DIRECTIONS = ['inbound', 'outbound', 'joint']
const KINDS = ['delegation_in', 'delegation_out', 'training']
const PAGE_SIZE = 20

/** The item of `rows` with the largest `n(row)`. */
const most = (rows, n) => rows.reduce((a, b) => (n(b) > n(a) ? b : a))
const exchangesIn = (y) => y.delegation_in + y.delegation_out + y.training

/** Chooses an option of an Element Plus select (not teleported) carrying data-test `select`. */
async function choose(page, select, option) {
  await page.locator(`${sel(select)} .el-select__wrapper`).click()
  await page.locator(sel(option)).click()
}

/**
 * Does `act`, then waits for the list's answer to a request with `params` (null: absent) and for
 * its total shown (`total`: the data-test of its line); the total.
 */
async function listAfter(page, list, total, params, act) {
  const answered = page.waitForResponse((r) => {
    const u = new URL(r.url())
    return u.pathname === `/api/v1/network/${list}` && u.searchParams.get('page_size') === String(PAGE_SIZE)
      && Object.entries(params).every(([k, v]) => u.searchParams.get(k) === v)
  })
  await act()
  assert.equal((await answered).status(), 200, `${list} ${JSON.stringify(params)}`)
  await page.waitForFunction((s) => document.querySelector(s)?.textContent.trim(), sel(total))
  return Number(await page.locator(sel(total)).getAttribute('data-n'))
}

/** Opens a chart's data table on the analytics page; the figure. */
async function chartTable(page, chart) {
  if (!page.url().endsWith('/network/stats')) await page.goto('/network/stats')
  const figure = page.locator(sel(chart))
  await figure.waitFor()
  if (!(await figure.locator('details').evaluate((d) => d.open))) await figure.locator('summary').click()
  return figure
}

/** An xlsx file's first worksheet, its rows of cell values. */
async function sheetOf(bytes) {
  const book = new ExcelJS.Workbook()
  await book.xlsx.load(bytes)
  const rows = []
  book.worksheets[0].eachRow((row) => rows.push(row.values.slice(1)))
  return rows
}

/** A list's attribute over its rows (`data-test` of the cells, `attr` their data attribute). */
const column = (page, cell, attr) => page.locator(sel(cell)).evaluateAll((els, a) => els.map((e) => e.getAttribute(a)), attr)

for (const lang of LANGS) {
  describe(`the network's lists in ${lang}`, () => {
    test(`the ${WHO[lang]} follows the analytics to the projects, the exchanges and the registry, filters and exports`, async () => {
      const call = await api(WHO[lang])
      const stats = (await call('GET', '/network/stats')).body
      const words = WORDS[lang]
      const page = await newPage(browser)
      await login(page, WHO[lang], lang)

      // ---- the projects of the field with the most, from its row of the projects chart ----
      const field = most(stats.projects_by_field, (f) => f.projects)
      assert.ok(field.projects > 0, "the demo's projects")
      const fields = await chartTable(page, 'chart-by-field')
      const fieldLink = fields.locator('tbody tr').nth(stats.projects_by_field.indexOf(field)).locator('th a')
      const n = await listAfter(page, 'projects', 'projects-total', { field: field.field, direction: null }, () => fieldLink.click())
      await page.waitForURL(new RegExp(`/network/projects\\?field=${field.field}$`))
      assert.equal(n, field.projects, `the chart's ${field.field} projects`)
      assert.equal(await page.locator('h1').innerText(), words.projects)
      assert.match((await page.locator(sel('projects-total')).innerText()).trim(), words.projectsMatch(field.projects))
      const fieldsShown = await column(page, 'project-field', 'data-field')
      assert.equal(fieldsShown.length, Math.min(field.projects, PAGE_SIZE))
      assert.deepEqual([...new Set(fieldsShown)], [field.field])
      await shot(page, `network-projects-${lang}`)
      assert.deepEqual(await missingKeys(page), [])

      // a direction chosen: in the URL, the rows those of that direction, as many as the chart's segment
      const direction = DIRECTIONS.find((d) => field[d] > 0 && field[d] < field.projects) ?? DIRECTIONS.find((d) => field[d] > 0)
      const before = await page.locator('[data-test^="project-city-"]').evaluateAll((els) => els.map((e) => e.dataset.test))
      const narrowed = await listAfter(page, 'projects', 'projects-total', { field: field.field, direction },
        () => choose(page, 'filter-direction', `filter-direction-${direction}`))
      await page.waitForURL(new RegExp(`/network/projects\\?field=${field.field}&direction=${direction}$`))
      assert.equal(narrowed, field[direction], `${field.field} ${direction}`)
      assert.deepEqual([...new Set(await column(page, 'project-direction', 'data-direction'))], [direction])
      const after = await page.locator('[data-test^="project-city-"]').evaluateAll((els) => els.map((e) => e.dataset.test))
      if (field[direction] < field.projects) assert.notDeepEqual(after, before, 'the rows changed')

      // the export: the list's filters, every row of it (not only the page shown)
      const asked = page.waitForRequest((r) => new URL(r.url()).pathname === '/api/v1/network/projects/export')
      const downloaded = page.waitForEvent('download')
      await page.locator(sel('export-xlsx')).click()
      const url = new URL((await asked).url())
      assert.equal(url.searchParams.get('field'), field.field)
      assert.equal(url.searchParams.get('direction'), direction)
      assert.equal(url.searchParams.get('page'), null)
      const d = await downloaded
      assert.match(d.suggestedFilename(), /\.xlsx$/)
      const sheet = await sheetOf(await readFile(await d.path()))
      assert.equal(sheet.length - 1, narrowed, 'a row per project under the header')

      // one partner city's projects (the URL names it): its name shown, the filter removed by a button
      const cityId = await page.locator('[data-test^="project-city-"]').first().getAttribute('data-city')
      const city = (await call('GET', `/network/cities/${cityId}`)).body
      const ofCity = (await call('GET', `/network/projects?city_id=${cityId}&page_size=1`)).body.total
      // reached from the city's page, its link under its projects
      await page.goto(`/network/cities/${cityId}`)
      assert.equal(await listAfter(page, 'projects', 'projects-total', { city_id: cityId }, () => page.locator(sel('projects-open-list')).click()), ofCity)
      await page.locator(sel('filter-city'), { hasText: words.city(city) }).waitFor()
      assert.deepEqual([...new Set(await page.locator('[data-test^="project-city-"]').evaluateAll((els) => els.map((e) => e.dataset.city)))], [cityId])
      await shot(page, `network-projects-city-${lang}`)
      await page.locator(sel('filter-city-clear')).focus()
      const all = await listAfter(page, 'projects', 'projects-total', { city_id: null, field: null }, () => page.keyboard.press('Enter'))
      await page.waitForURL(/\/network\/projects$/)
      assert.equal(all, stats.projects, 'every project')
      assert.equal(await page.locator(sel('filter-city')).count(), 0)

      // ---- the exchanges of the year with the most, from its row of the exchanges chart ----
      const year = most(stats.exchanges_by_year, exchangesIn)
      const exchanges = await chartTable(page, 'chart-exchanges')
      const yearLink = exchanges.locator('tbody th a', { hasText: new RegExp(`^${year.year}$`) })
      const inYear = await listAfter(page, 'exchanges', 'exchanges-total', { year: String(year.year), kind: null }, () => yearLink.click())
      await page.waitForURL(new RegExp(`/network/exchanges\\?year=${year.year}$`))
      assert.equal(inYear, exchangesIn(year), `the chart's exchanges of ${year.year}`)
      assert.equal(await page.locator('h1').innerText(), words.exchanges)
      assert.match((await page.locator(sel('exchanges-total')).innerText()).trim(), words.exchangesMatch(inYear))
      const dates = await column(page, 'exchange-date', 'data-date')
      assert.equal(dates.length, Math.min(inYear, PAGE_SIZE))
      assert.ok(dates.every((x) => x.startsWith(`${year.year}-`)), 'begun that year')
      await shot(page, `network-exchanges-${lang}`)
      assert.deepEqual(await missingKeys(page), [])
      // a kind chosen: as many as the chart's segment
      const kind = KINDS.find((k) => year[k] > 0)
      assert.equal(await listAfter(page, 'exchanges', 'exchanges-total', { year: String(year.year), kind },
        () => choose(page, 'filter-kind', `filter-kind-${kind}`)), year[kind], `${year.year} ${kind}`)
      await page.waitForURL(new RegExp(`/network/exchanges\\?kind=${kind}&year=${year.year}$`))

      // ---- the cities established in the year the network grew most, from the growth chart ----
      const grew = most(stats.by_year, (y) => y.cities)
      const growth = await chartTable(page, 'chart-growth')
      const grewLink = growth.locator('tbody th a', { hasText: new RegExp(`^${grew.year}$`) })
      const established = await listAfter(page, 'cities', 'network-total', { established_year: String(grew.year) }, () => grewLink.click())
      await page.waitForURL(new RegExp(`/network/cities\\?established_year=${grew.year}$`))
      assert.equal(established, grew.cities, `the cities established in ${grew.year}`)
      assert.equal(await page.locator('h1').innerText(), words.cities)
      assert.equal(await page.locator('[data-test^="city-open-"]').count(), Math.min(grew.cities, PAGE_SIZE))
      await shot(page, `network-cities-year-${lang}`)
      assert.deepEqual(await missingKeys(page), [])
      // "clear the filters" clears the year too
      assert.equal(await listAfter(page, 'cities', 'network-total', { established_year: null }, () => page.locator(sel('filter-clear')).click()), stats.cities)
      await page.waitForURL(/\/network\/cities$/)

      // ---- the cities of the country with the most, from the countries chart ----
      const country = stats.by_country[0]
      const countries = await chartTable(page, 'chart-by-country')
      assert.equal(await countries.locator('tbody tr').count(), stats.countries, 'every country in the table')
      await countries.scrollIntoViewIfNeeded()
      await shot(page, `network-stats-countries-${lang}`)
      const inCountry = await listAfter(page, 'cities', 'network-total', { country: country.country }, () => countries.locator('tbody th a').first().click())
      await page.waitForURL(new RegExp(`/network/cities\\?country=${country.country}$`))
      assert.equal(inCountry, country.cities, `the cities in ${country.country}`)

      // the menu has both lists, between the agreements and the analytics
      const menu = await page.locator('[data-test^="menu-network-"]').evaluateAll((els) => els.map((e) => e.dataset.test))
      assert.deepEqual(menu, ['menu-network-cities', 'menu-network-agreements', 'menu-network-projects', 'menu-network-exchanges', 'menu-network-stats'])
      await page.locator(sel('menu-network-exchanges')).click()
      await page.locator(sel('network-exchanges-page')).waitFor()
      assert.deepEqual(await missingKeys(page), [])
      await page.context().close()
    })
  })
}
