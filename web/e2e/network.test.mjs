// The sister-city network in the browser: the officer lists the demo's partner cities (Aachen,
// Nottingham, Florence among them), keeps to Africa with the continent filter (sent to the
// server, kept in the URL), opens Nelson Mandela Bay's page (its continent, tier and country by
// name, its place on the map) and adds a city, which the list then shows — in Chinese; in
// English, a number that is not one and a date in the future are refused beside their fields,
// and Aachen (DE) taken from the gazetteer is refused as a duplicate beside the English name;
// the auditor reads the analytics — the totals the server counts, the map coloured by tier, the
// charts with their data tables, whose rows open the registry filtered — in both languages, and
// has no way to add a city; a citizen has no entry and the URLs are not found for them.
// Every screen audited (a11y.mjs).
import { test, describe, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { api, inp, launch, login, missingKeys, newPage, sel, shot } from './helpers.mjs'

let browser
before(async () => { browser = await launch() })
after(async () => { await browser?.close() })

const run = Date.now().toString(36)
// The gazetteer's Aachen (GeoNames id, build/places.csv).
const AACHEN = 3247449

/** The English names of the cities the list shows. */
const listed = (page) => page.locator('[data-test^="city-open-"]').evaluateAll((links) => links.map((a) => a.dataset.nameEn))

/** Chooses an option of an Element Plus select (not teleported) carrying data-test `select`. */
async function choose(page, select, option) {
  await page.locator(`${sel(select)} .el-select__wrapper`).click()
  await page.locator(sel(option)).click()
}

/** Picks a country in a CountrySelect carrying data-test `select`, searched by `search`. */
async function pickCountry(page, select, code, search) {
  const s = page.locator(sel(select))
  await s.locator('.el-select__wrapper').click()
  await s.locator('input').first().fill(search)
  await s.locator(sel(`country-option-${code}`)).click()
}

/** Opens the registry from the menu and waits for its rows. */
async function openRegistry(page) {
  await page.locator(sel('menu-network-cities')).click()
  await page.locator(sel('network-cities-page')).waitFor()
  await page.locator('[data-test^="city-open-"]').first().waitFor()
}

/** Presses Save and waits for the server's answer; returns its status. */
async function save(page) {
  const answered = page.waitForResponse((r) => r.url().endsWith('/api/v1/network/cities') && r.request().method() === 'POST')
  await page.locator(sel('city-save')).click()
  return (await answered).status()
}

describe('sister-city network', () => {
  test('the officer lists the partner cities, keeps to Africa, opens a city and adds one (Chinese)', async () => {
    const page = await newPage(browser)
    await login(page, 'officer', 'zh-CN')
    await openRegistry(page)
    const all = await listed(page)
    for (const city of ['Aachen', 'Nottingham', 'Florence', 'Nelson Mandela Bay']) assert.ok(all.includes(city), `${city} listed`)
    assert.ok(Number(await page.locator(sel('network-total')).getAttribute('data-n')) >= 8)
    assert.match(await page.locator(sel('network-table')).innerText(), /亚琛市[\s\S]*德国[\s\S]*欧洲[\s\S]*友好城市/)
    await shot(page, 'network-cities-zh')

    // the continent filter: sent to the server, kept in the URL
    const filtered = page.waitForResponse((r) => r.url().includes('/api/v1/network/cities?') && r.url().includes('continent=AF'))
    await choose(page, 'filter-continent', 'filter-continent-AF')
    assert.equal((await filtered).status(), 200)
    await page.waitForURL(/\/network\/cities\?continent=AF$/)
    await page.locator(sel('network-total')).filter({ hasText: /符合条件/ }).waitFor()
    assert.deepEqual(await listed(page), ['Nelson Mandela Bay'])
    assert.deepEqual(await page.locator(sel('city-continent')).evaluateAll((s) => s.map((x) => x.dataset.continent)), ['AF'])
    await shot(page, 'network-cities-africa-zh')

    // the city's page
    await page.locator('[data-test^="city-open-"]').first().click()
    await page.locator(sel('city-facts')).waitFor()
    assert.equal(await page.locator(sel('city-title')).innerText(), '曼德拉湾市')
    assert.equal(await page.locator(sel('city-continent')).innerText(), '非洲')
    assert.equal(await page.locator(sel('city-tier')).innerText(), '友好城市')
    assert.equal(await page.locator(sel('city-country')).innerText(), '南非')
    assert.equal(await page.locator(sel('city-status')).innerText(), '活跃')
    assert.match(await page.locator(sel('city-coordinates')).innerText(), /南纬 33\.9608°，东经 25\.6022°/)
    const map = page.locator(sel('world-map-chart'))
    await map.waitFor()
    assert.match(await map.getAttribute('aria-label'), /曼德拉湾市（南非）/)
    await shot(page, 'network-city-zh')
    assert.deepEqual(await missingKeys(page), [])

    // a new city
    await page.locator(sel('network-back')).click()
    await page.locator(sel('network-new')).click()
    await page.locator(sel('city-form')).waitFor()
    const nameEn = `Nelson ${run}`
    await page.locator(inp('city-name_zh')).fill('纳尔逊市')
    await page.locator(inp('city-name_en')).fill(nameEn)
    await pickCountry(page, 'city-country', 'NZ', '新西兰')
    await page.locator(inp('city-province')).fill('Nelson')
    await page.locator(inp('city-lat')).fill('-41,2706')
    await page.locator(inp('city-lon')).fill('173.284')
    await page.locator(inp('city-population')).fill('52,900')
    await page.locator(sel('city-tier-friendly')).click()
    await page.locator(inp('city-established')).fill('2019-05-20')
    await shot(page, 'network-new-zh')
    assert.equal(await save(page), 201)
    await page.locator(sel('city-facts')).waitFor()
    assert.equal(await page.locator(sel('city-title')).innerText(), '纳尔逊市')
    assert.equal(await page.locator(sel('city-name_en')).innerText(), nameEn)
    assert.equal(await page.locator(sel('city-tier')).innerText(), '友好交流关系城市')
    assert.equal(await page.locator(sel('city-continent')).innerText(), '大洋洲')
    assert.equal(await page.locator(sel('city-population')).innerText(), '52,900')
    // and the list shows it, under Oceania
    await page.goto('/network/cities?continent=OC')
    await page.locator('[data-test^="city-open-"]').first().waitFor()
    assert.ok((await listed(page)).includes(nameEn))
    await page.context().close()
  })

  test('the officer\'s mistakes are said beside their fields, a duplicate beside the English name (English)', async () => {
    const page = await newPage(browser)
    await login(page, 'officer', 'en-US')
    await openRegistry(page)
    await page.locator(sel('network-new')).click()
    await page.locator(sel('city-form')).waitFor()

    // Aachen from the gazetteer: names, country and coordinates filled in
    const picker = page.locator(sel('city-place'))
    await picker.locator('.el-select__wrapper').click()
    await picker.locator('input').first().fill('Aachen')
    await picker.locator(sel(`place-option-${AACHEN}`)).click()
    assert.equal(await page.locator(inp('city-name_en')).inputValue(), 'Aachen')
    assert.equal(await page.locator(inp('city-name_zh')).inputValue(), '亚琛')
    assert.equal(await page.locator(inp('city-lat')).inputValue(), '50.77664')
    await page.locator(sel('city-country')).filter({ hasText: 'Germany' }).waitFor()

    // a latitude that is not a number: said by the form, nothing sent
    await page.locator(inp('city-lat')).fill('50°N')
    await page.locator(sel('city-save')).click()
    assert.equal(await page.locator(sel('city-lat-error')).innerText(), 'Enter a number (decimal degrees)')
    assert.equal(await page.locator(inp('city-lat')).getAttribute('aria-invalid'), 'true')
    assert.equal(await page.evaluate(() => document.activeElement?.id), 'city-lat')
    await page.locator(inp('city-lat')).fill('50.7753')

    // a date in the future: the server's words beside the date
    await page.locator(inp('city-established')).fill('2999-01-01')
    assert.equal(await save(page), 422)
    assert.equal(await page.locator(sel('city-established-error')).innerText(), 'The date established cannot be later than today')

    // Aachen (DE) again: the duplicate named on the English name
    await page.locator(inp('city-established')).fill('1986-09-22')
    assert.equal(await save(page), 409)
    const error = page.locator(sel('city-name_en-error'))
    await error.waitFor()
    assert.match(await error.innerText(), /^Aachen \(DE\) is already in the registry \(no\. \d+\)$/)
    assert.equal(await page.locator(inp('city-name_en')).getAttribute('aria-invalid'), 'true')
    assert.equal(await page.locator(inp('city-name_en')).getAttribute('aria-describedby'), 'city-name_en-error')
    // the field in error takes the focus, so its message is seen and read
    assert.equal(await page.evaluate(() => document.activeElement?.id), 'city-name_en')
    assert.equal(await page.locator(sel('city-errors')).count(), 0)
    await shot(page, 'network-new-duplicate-en')
    assert.deepEqual(await missingKeys(page), [])
    await page.context().close()
  })

  test('the auditor reads the analytics, in both languages, and has no way to add a city', async () => {
    const stats = (await (await api('auditor'))('GET', '/network/stats')).body
    const page = await newPage(browser)
    await login(page, 'auditor', 'en-US')
    await openRegistry(page)
    assert.equal(await page.locator(sel('network-new')).count(), 0)
    await page.goto('/network/cities/new')
    await page.locator(sel('not-found')).waitFor()

    await page.goto('/network/stats')
    await page.locator(sel('network-totals')).waitFor()
    for (const k of ['cities', 'countries', 'continents']) {
      assert.equal(Number(await page.locator(sel(`network-total-${k}`)).getAttribute('data-n')), stats[k], k)
    }
    assert.ok(stats.cities >= 8 && stats.countries >= 7 && stats.continents >= 4)
    assert.match(await page.locator(sel('network-total-countries')).innerText(), new RegExp(`${stats.countries}\\s+Countries`))
    const map = page.locator(`${sel('network-map')} ${sel('world-map-chart')}`)
    await map.waitFor()
    assert.match(await map.getAttribute('aria-label'), new RegExp(`^Map of the ${stats.cities} partner cities, coloured by tier: Sister city \\(\\d+\\)`))
    assert.match(await page.locator(sel('network-legend')).innerText(), /Sister city[\s\S]*Friendship-exchange city[\s\S]*Exchange MoU/)
    // the map's cities in a table too, every one of them (the list read page by page)
    await page.locator(`${sel('network-map-data')} summary`).click()
    assert.equal(await page.locator(`${sel('network-map-data')} tbody tr`).count(), stats.cities)
    // the charts' data tables
    const continents = page.locator(sel('chart-by-continent'))
    await continents.locator('summary').click()
    assert.match(await continents.locator('tbody').innerText(), /Europe\s+\d+/)
    const growth = page.locator(sel('chart-growth'))
    await growth.locator('summary').click()
    assert.match(await growth.locator('tbody').innerText(), /1983\s+1 \(\+1\)/)
    await page.locator(`${sel('chart-by-tier')} summary`).click()
    assert.match(await page.locator(`${sel('chart-by-tier')} tbody`).innerText(), /Exchange MoU\s+\d+/)
    await shot(page, 'network-stats-en')
    assert.deepEqual(await missingKeys(page), [])

    // a continent's row opens the registry filtered by it
    await continents.locator('tbody a', { hasText: 'Europe' }).click()
    await page.waitForURL(/\/network\/cities\?continent=EU$/)
    await page.locator('[data-test^="city-open-"]').first().waitFor()
    assert.deepEqual([...new Set(await page.locator(sel('city-continent')).evaluateAll((s) => s.map((x) => x.dataset.continent)))], ['EU'])

    // the same in Chinese
    await page.locator(sel('lang-zh-CN')).click()
    await page.locator('html[lang="zh-CN"]').waitFor()
    await page.locator(sel('menu-network-stats')).click()
    await page.locator(sel('network-totals')).waitFor()
    assert.equal(await page.locator('h1').innerText(), '友城分析')
    assert.match(await page.locator(sel('network-total-continents')).innerText(), new RegExp(`${stats.continents}\\s+大洲数`))
    await page.locator(`${sel('network-map')} ${sel('world-map-chart')}`).waitFor()
    assert.match(await page.locator(`${sel('network-map')} ${sel('world-map-chart')}`).getAttribute('aria-label'), /^友城分布地图：共 \d+ 个友城，按级别着色：友好城市 \d+ 个/)
    await shot(page, 'network-stats-zh')
    assert.deepEqual(await missingKeys(page), [])
    await page.context().close()
  })

  test('a citizen has no entry, and the URLs are not found for them', async () => {
    const page = await newPage(browser)
    await login(page, 'citizen', 'zh-CN')
    await page.locator(sel('side-menu')).waitFor()
    assert.equal(await page.locator(sel('menu-network-cities')).count(), 0)
    assert.equal(await page.locator(sel('menu-network-stats')).count(), 0)
    await page.goto('/network/stats')
    await page.locator(sel('not-found')).waitFor()
    await page.context().close()
  })
})
