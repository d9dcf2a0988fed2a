// The partner-city registry imported from the office's spreadsheet in the browser (issue 12): the
// officer opens the import from the registry (Chinese) and chooses an xlsx workbook made here —
// a title above a header in Chinese and in another order than ours, a tier in Chinese words, a
// date cell, a country by its Chinese name, a column the registry does not need — whose columns
// are matched already; the preview (a dry run) shows one new city and Aachen, from the demo, to
// merge with its changed population from → to; confirmed (with merge), the registry lists the
// new city and Aachen has the file's population. In English, a file with a latitude out of range
// and a date that does not exist shows both errors at the sheet's rows (an empty row above
// them counted) and columns, and nothing can be imported; a city someone adds between the
// preview and the confirmation refuses the import (409), which is said and previewed again,
// the city then unchanged. The auditor has no import button and the URL is not found for them.
// Every step audited (a11y.mjs).
import { test, describe, before, after } from 'node:test'
import assert from 'node:assert/strict'
import ExcelJS from 'exceljs'
import { api, auditScreen, launch, login, missingKeys, newPage, sel, shot } from './helpers.mjs'

let browser
before(async () => { browser = await launch() })
after(async () => { await browser?.close() })

const run = Date.now().toString(36)
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'

/** An xlsx workbook of the rows given (its first worksheet), as setInputFiles takes it. */
async function workbook(name, rows, dateCells = []) {
  const book = new ExcelJS.Workbook()
  const sheet = book.addWorksheet('友城')
  for (const r of rows) sheet.addRow(r)
  for (const c of dateCells) sheet.getCell(c).numFmt = 'yyyy"年"m"月"d"日"'
  book.addWorksheet('说明').addRow(['not', 'the', 'registry'])
  return { name, mimeType: XLSX, buffer: Buffer.from(await book.xlsx.writeBuffer()) }
}

/** Opens the registry from the menu, then its import. */
async function openImport(page) {
  await page.locator(sel('menu-network-cities')).click()
  await page.locator(sel('network-cities-page')).waitFor()
  await page.locator(sel('network-import')).click()
  await page.locator(sel('network-import-page')).waitFor()
}

/** Chooses the file and waits for its columns' mapping. */
async function choose(page, file) {
  await page.locator(sel('import-file')).setInputFiles(file)
  await page.locator(sel('import-chosen')).filter({ hasText: file.name }).waitFor()
  await page.locator(sel('import-map-step')).waitFor()
}

/** Presses a button that posts the file; returns the request's body and the answer's status. */
async function post(page, button) {
  const answered = page.waitForResponse((r) => r.url().endsWith('/api/v1/network/cities/import') && r.request().method() === 'POST')
  await page.locator(sel(button)).click()
  const r = await answered
  return { body: JSON.parse(r.request().postData()), status: r.status() }
}

/** The header chosen for each of our columns (data-header of its line). */
const mappingOf = (page) => page.locator('[data-test^="map-"][data-header]').evaluateAll((rows) =>
  Object.fromEntries(rows.map((r) => [r.dataset.test.slice(4), r.dataset.header])))

describe('the registry imported from a spreadsheet', () => {
  test('the officer imports a workbook: mapped by its Chinese headers, previewed with a new city and a merge, confirmed (Chinese)', async () => {
    const call = await api('officer')
    const countries = (await call('GET', '/countries')).body.items
    const zhName = (code) => countries.find((c) => c.code === code).name_zh
    const aachen = (await call('GET', '/network/cities?country=DE&page_size=100')).body.items.find((c) => c.name_en === 'Aachen')
    assert.ok(aachen, 'the demo has Aachen')
    const population = aachen.population + 11000
    const before = (await call('GET', '/network/stats')).body.cities

    const page = await newPage(browser)
    await login(page, 'officer', 'zh-CN')
    await openImport(page)
    assert.equal(await page.locator('h1').innerText(), '从表格导入友城')
    assert.equal(await page.locator(sel('import-map-step')).count(), 0)
    await shot(page, 'network-import-zh')

    // a title, then the header: Chinese words in another order, a column we do not need
    const bergen = `Bergen ${run}`
    const file = await workbook('友城名录.xlsx', [
      ['宁波市国际友城名录（示例）'],
      ['序号', '国家', '英文名', '中文名', '省/州', '纬度', '经度', '类型', '结好日期', '人口', '备注'],
      [1, zhName('NO'), bergen, `卑尔根${run}`, 'Vestland', 60.3913, 5.3221, '友好交流关系城市', new Date(Date.UTC(2019, 4, 16)), 285000, '新结好'],
      [2, zhName('DE'), 'Aachen', '亚琛市', 'Nordrhein-Westfalen', 50.7753, 6.0839, '友好城市', new Date(Date.UTC(1986, 8, 22)), population, '人口更新'],
    ], ['I3', 'I4'])
    await choose(page, file)
    assert.equal(await page.evaluate(() => document.activeElement?.id), 'import-map-title', 'focus moves to the mapping')
    assert.deepEqual(await mappingOf(page), {
      name_zh: '中文名', name_en: '英文名', local_name: '', country: '国家', province: '省/州', lat: '纬度', lon: '经度',
      tier: '类型', established: '结好日期', population: '人口',
    })
    assert.equal(await page.locator(sel('import-header-row')).innerText(), '表头：表格第 2 行，其下 2 行。')
    // the first row's values as the server will read them
    assert.equal(await page.locator(sel('map-sample-tier')).innerText(), '友好交流关系城市 → friendly')
    assert.equal(await page.locator(sel('map-sample-country')).innerText(), `${zhName('NO')} → NO`)
    assert.equal(await page.locator(sel('map-sample-established')).innerText(), '2019-05-16')
    assert.equal(await page.locator(sel('import-missing')).count(), 0)
    await auditScreen(page, { force: true })
    await shot(page, 'network-import-map-zh')

    // a required column left out: nothing can go on until it is chosen again
    const lat = page.locator(sel('map-select-lat'))
    await lat.locator('.el-select__wrapper').click()
    await lat.locator(sel('map-lat-none')).click()
    assert.match(await page.locator(sel('import-missing')).innerText(), /纬度/)
    assert.equal(await page.locator(sel('import-preview-button')).isDisabled(), true)
    await lat.locator('.el-select__wrapper').click()
    await lat.locator(sel('map-lat-5')).click()
    await page.locator(sel('import-missing')).waitFor({ state: 'detached' })

    // the preview: a dry run, one new city and Aachen to merge, its population from → to
    const preview = await post(page, 'import-preview-button')
    assert.equal(preview.status, 200)
    assert.equal(preview.body.dry_run, true)
    assert.equal(preview.body.file_name, '友城名录.xlsx')
    assert.equal(preview.body.csv.split('\n')[0], 'name_zh,name_en,local_name,country,province,lat,lon,tier,established,population')
    assert.equal(preview.body.csv.split('\n')[1], `卑尔根${run},${bergen},,NO,Vestland,60.3913,5.3221,friendly,2019-05-16,285000`)
    await page.locator(sel('import-ready')).waitFor()
    assert.equal(await page.evaluate(() => document.activeElement?.id), 'import-check-title', 'focus moves to the preview')
    const count = (k) => page.locator(sel(`import-count-${k}`)).innerText()
    assert.deepEqual([await count('rows'), await count('added'), await count('merged'), await count('unchanged')], ['2', '1', '1', '0'])
    const cities = page.locator(sel('import-city'))
    assert.deepEqual(await cities.evaluateAll((rows) => rows.map((r) => [r.dataset.row, r.dataset.action, r.dataset.nameEn])),
      [['3', 'add', bergen], ['4', 'merge', 'Aachen']])
    assert.match(await cities.nth(0).innerText(), new RegExp(`^3\\s+新增\\s+卑尔根${run}\\s+${bergen}\\s+${zhName('NO')}`))
    const change = cities.nth(1).locator(sel('import-change'))
    assert.equal(await change.count(), 1)
    assert.equal(await change.getAttribute('data-field'), 'population')
    const zhNumber = (n) => n.toLocaleString('zh-CN')
    assert.equal(await change.innerText(), `人口：${zhNumber(aachen.population)} → ${zhNumber(population)}`)
    assert.match(await page.locator(sel('import-merge-hint')).innerText(), /1 个城市已在名录中/)
    assert.equal((await page.locator(sel('import-confirm')).innerText()).trim(), '导入 1 个新友城，合并 1 个')
    assert.equal((await call('GET', '/network/stats')).body.cities, before, 'a preview writes nothing')
    await auditScreen(page, { force: true })
    await shot(page, 'network-import-preview-zh')

    // confirmed, with merge: the registry's list, the new city in it, Aachen with the file's population
    const done = await post(page, 'import-confirm')
    assert.equal(done.status, 200)
    assert.equal(done.body.merge, true)
    assert.equal(done.body.dry_run, undefined)
    assert.equal(done.body.csv, preview.body.csv, 'the file previewed is the one imported')
    await page.waitForURL(/\/network\/cities$/)
    assert.match(await page.locator('.el-message--success').innerText(), /已从 友城名录\.xlsx 导入：新增 1 个，合并 1 个/)
    await page.goto('/network/cities?country=NO')
    await page.locator(`[data-test^="city-open-"][data-name-en="${bergen}"]`).waitFor()
    assert.equal((await call('GET', '/network/stats')).body.cities, before + 1)
    const merged = (await call('GET', `/network/cities/${aachen.id}`)).body
    assert.equal(merged.population, population)
    assert.deepEqual([merged.tier, merged.established, merged.status], [aachen.tier, aachen.established, aachen.status])
    assert.deepEqual(await missingKeys(page), [])
    await page.context().close()
  })

  test('a file with a bad latitude and a bad date shows both errors at the sheet\'s rows and imports nothing (English)', async () => {
    const call = await api('officer')
    const before = (await call('GET', '/network/stats')).body.cities
    const page = await newPage(browser)
    await login(page, 'officer', 'en-US')
    await openImport(page)
    const file = await workbook('registry.xlsx', [
      ['Chinese name', 'English name', 'Country', 'Latitude', 'Longitude', 'Tier', 'Established', 'Population'],
      [`好城${run}`, `Fine ${run}`, 'France', 45.76, 4.84, 'Sister city', new Date(Date.UTC(2010, 0, 1)), '516,000'],
      [],
      [`坏城${run}`, `North ${run}`, 'FR', 95.5, 4.84, 'sister', new Date(Date.UTC(2010, 0, 1)), ''],
      [`坏城${run}`, `Never ${run}`, 'FR', '45.76', '4.84', 'MoU', '2019-02-30', ''],
    ], ['G2', 'G4'])
    await choose(page, file)
    assert.deepEqual(await mappingOf(page), {
      name_zh: 'Chinese name', name_en: 'English name', local_name: '', country: 'Country', province: '', lat: 'Latitude',
      lon: 'Longitude', tier: 'Tier', established: 'Established', population: 'Population',
    })
    assert.equal(await page.locator(sel('map-sample-country')).innerText(), 'France → FR')
    assert.equal(await page.locator(sel('map-sample-population')).innerText(), '516,000 → 516000')

    const preview = await post(page, 'import-preview-button')
    assert.equal(preview.status, 422)
    await page.locator(sel('import-refused')).waitFor()
    assert.equal(await page.evaluate(() => document.activeElement?.id), 'import-check-title')
    const errors = page.locator(sel('import-error'))
    assert.deepEqual(await errors.evaluateAll((rows) => rows.map((r) => [r.dataset.row, r.dataset.column, r.dataset.rule])),
      [['4', 'lat', 'network.latitude'], ['5', 'established', 'type.date']])
    // the sheet's row, its column by header and letter, the message without the server's "Row 3, lat: "
    assert.match(await errors.nth(0).innerText(), /^4\s+Latitude \(column D\)\s+(?!Row)\S/)
    assert.match(await errors.nth(1).innerText(), /^5\s+Established \(column G\)\s+(?!Row)\S/)
    assert.equal(await page.locator(sel('import-refused-summary')).innerText(), '2 errors, in 2 rows.')
    assert.equal(await page.locator(sel('import-confirm')).count(), 0, 'nothing can be imported')
    assert.equal((await call('GET', '/network/stats')).body.cities, before, 'nothing written')
    await auditScreen(page, { force: true })
    await shot(page, 'network-import-refused-en')
    assert.deepEqual(await missingKeys(page), [])
    await page.context().close()
  })

  test('a city added meanwhile refuses the import: said, and the preview run again without it (English)', async () => {
    const call = await api('approver')
    const page = await newPage(browser)
    await login(page, 'officer', 'en-US')
    await openImport(page)
    const [gdynia, sopot] = [`Gdynia ${run}`, `Sopot ${run}`]
    const city = { name_zh: `索波特${run}`, name_en: sopot, country: 'PL', lat: 54.4416, lon: 18.5601, tier: 'mou', established: '2015-09-01' }
    // our own header, as the registry's export or the CLI's file has it
    await choose(page, await workbook('registry.xlsx', [
      ['name_zh', 'name_en', 'country', 'lat', 'lon', 'tier', 'established'],
      [`格丁尼亚${run}`, gdynia, 'PL', 54.5189, 18.5305, 'friendly', '2012-05-20'],
      [city.name_zh, sopot, 'PL', city.lat, city.lon, city.tier, city.established],
    ]))
    assert.equal((await post(page, 'import-preview-button')).status, 200)
    await page.locator(sel('import-ready')).waitFor()
    assert.equal((await page.locator(sel('import-confirm')).innerText()).trim(), 'Import 2 new')

    // meanwhile, the approver adds Sopot: the import, without merge, is refused and previewed again
    assert.equal((await call('POST', '/network/cities', city)).status, 201)
    const refused = await post(page, 'import-confirm')
    assert.equal(refused.status, 409)
    assert.equal(refused.body.merge, undefined, 'no merge without a merge previewed')
    const conflict = page.locator(sel('import-conflict'))
    await conflict.waitFor()
    assert.match(await conflict.innerText(), /^Meanwhile, a city of the file was added to the registry \(row 3\)/)
    await page.locator(`${sel('import-city')}[data-action="same"]`).waitFor()
    assert.deepEqual(await page.locator(sel('import-city')).evaluateAll((rows) => rows.map((r) => [r.dataset.row, r.dataset.action])),
      [['2', 'add'], ['3', 'same']])
    assert.equal((await page.locator(sel('import-confirm')).innerText()).trim(), 'Import 1 new')
    await auditScreen(page, { force: true })
    await shot(page, 'network-import-conflict-en')
    // Sopot is in the registry now: the import merges (nothing, as it is unchanged), or the server would refuse it again
    const done = await post(page, 'import-confirm')
    assert.equal(done.status, 200)
    assert.equal(done.body.merge, true)
    await page.waitForURL(/\/network\/cities$/)
    const listed = (await call('GET', '/network/cities?country=PL&page_size=100')).body.items.map((c) => c.name_en)
    assert.deepEqual([gdynia, sopot].map((n) => listed.filter((x) => x === n).length), [1, 1], 'each city once')
    await page.context().close()
  })

  test('the auditor has no import, and its URL is not found for them', async () => {
    const page = await newPage(browser)
    await login(page, 'auditor', 'zh-CN')
    await page.locator(sel('menu-network-cities')).click()
    await page.locator('[data-test^="city-open-"]').first().waitFor()
    assert.equal(await page.locator(sel('network-import')).count(), 0)
    await page.goto('/network/cities/import')
    await page.locator(sel('not-found')).waitFor()
    await page.context().close()
  })
})
