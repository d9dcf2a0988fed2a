// The sister-city network in the browser: the officer lists the demo's partner cities (the oldest
// relations, Nagaokakyo's, Aachen's and Rouen's, first), keeps to Africa with the continent filter
// (sent to the server, kept in the URL), opens Nelson Mandela Bay's page (its continent, tier and country by
// name, its place on the map, its project and exchange) and adds a city, which the list then
// shows, its page with no project nor exchange yet; the dialogs to add them open and close from
// the keyboard, and a project with nothing filled in is refused beside its fields — in Chinese;
// in English, a number that is not one and a date in the future are refused beside their fields,
// and Aachen (DE) taken from the gazetteer is refused as a duplicate beside the English name;
// on Nottingham's page the officer reads its project, its exchange, its timeline and its profile
// (PDF), adds a project — refused first beside the fields left empty — and an exchange, and sees
// them listed; the auditor reads the analytics — the totals the server counts, the map coloured
// by tier, the charts with their data tables, whose rows open the registry filtered — in both
// languages, reads a city's projects and exchanges, and has no way to add a city, a project or
// an exchange; a citizen has no entry and the URLs are not found for them.
// Every screen and dialog audited (a11y.mjs).
import { test, describe, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { api, auditScreen, day, inp, launch, login, missingKeys, newPage, pickCountryIn, sel, shot } from './helpers.mjs'

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

/**
 * Opens a city's page from the registry kept to its country (the demo's network is more than a
 * page of the registry) by its English name, and waits for its lists.
 */
async function openCity(page, nameEn, country) {
  await openRegistry(page)
  await page.goto(`/network/cities?country=${country}`)
  await page.locator(`[data-test^="city-open-"][data-name-en="${nameEn}"]`).click()
  await page.locator(sel('city-facts')).waitFor()
  await listsLoaded(page)
}

/** Waits until the city page's projects and exchanges are read. */
async function listsLoaded(page) {
  for (const table of ['projects-table', 'exchanges-table']) {
    await page.waitForFunction((s) => !document.querySelector(`${s} .el-loading-mask`), sel(table))
  }
}

/** Presses a dialog's Save and waits for the server's answer to its POST (`records`: projects or exchanges). */
async function post(page, records, button) {
  const answered = page.waitForResponse((r) => r.url().endsWith(`/api/v1/network/${records}`) && r.request().method() === 'POST')
  await page.locator(sel(button)).click()
  const r = await answered
  return { status: r.status(), body: await r.json() }
}

/** The relationship timeline as shown: [day, kind, words] newest first. */
const timelineOf = (page) => page.locator(sel('timeline-item')).evaluateAll((items) =>
  items.map((li) => [li.querySelector('time').getAttribute('datetime'), li.dataset.kind, li.querySelector('span').textContent.trim()]))

/** The element that has the focus, by its data-test. */
const focused = (page) => page.evaluate(() => document.activeElement?.closest('[data-test]')?.dataset.test)

describe('sister-city network', () => {
  test('the officer lists the partner cities, keeps to Africa, opens a city and adds one (Chinese)', async () => {
    const page = await newPage(browser)
    await login(page, 'officer', 'zh-CN')
    await openRegistry(page)
    const all = await listed(page)
    // in the order established: the oldest relations first, the network more than a page
    assert.deepEqual(all.slice(0, 3), ['Nagaokakyo', 'Wilhelmshaven', 'Aachen'])
    assert.ok(all.includes('Rouen'), 'Rouen (1990) listed')
    assert.ok(Number(await page.locator(sel('network-total')).getAttribute('data-n')) >= 86)
    assert.match(await page.locator(sel('network-table')).innerText(), /亚琛市[\s\S]*德国[\s\S]*欧洲[\s\S]*友好城市/)
    await shot(page, 'network-cities-zh')

    // the continent filter: sent to the server, kept in the URL
    const filtered = page.waitForResponse((r) => r.url().includes('/api/v1/network/cities?') && r.url().includes('continent=AF'))
    await choose(page, 'filter-continent', 'filter-continent-AF')
    assert.equal((await filtered).status(), 200)
    await page.waitForURL(/\/network\/cities\?continent=AF$/)
    await page.locator(sel('network-total')).filter({ hasText: /符合条件/ }).waitFor()
    assert.equal((await listed(page))[0], 'Nelson Mandela Bay', 'the oldest relation in Africa first')
    assert.deepEqual([...new Set(await page.locator(sel('city-continent')).evaluateAll((s) => s.map((x) => x.dataset.continent)))], ['AF'])
    await shot(page, 'network-cities-africa-zh')

    // the city's page
    await page.locator('[data-test^="city-open-"][data-name-en="Nelson Mandela Bay"]').click()
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
    // its project (the amount in its currency) and its exchange
    await listsLoaded(page)
    const projects = page.locator(sel('projects-table'))
    assert.match(await projects.innerText(), /宁波汽车零部件企业在曼德拉湾建厂[\s\S]*贸易[\s\S]*走出去[\s\S]*US\$12,000,000\.00[\s\S]*进行中/)
    assert.match(await page.locator(sel('exchanges-table')).innerText(), /出访团组[\s\S]*宁波市人民政府副市长[\s\S]*6 人[\s\S]*考察汽车零部件合作项目/)
    // the delegation of the travel demo's trip there, then the vice-mayor's visit
    assert.deepEqual((await timelineOf(page)).map(([, kind]) => kind), ['exchange', 'exchange', 'project', 'established'])
    await shot(page, 'network-city-zh')
    assert.deepEqual(await missingKeys(page), [])

    // a new city
    await page.locator(sel('network-back')).click()
    await page.locator(sel('network-new')).click()
    await page.locator(sel('city-form')).waitFor()
    const nameEn = `Nelson ${run}`
    await page.locator(inp('city-name_zh')).fill('纳尔逊市')
    await page.locator(inp('city-name_en')).fill(nameEn)
    await pickCountryIn(page.locator(sel('city-country')), 'NZ', '新西兰')
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
    // no project nor exchange yet: the timeline is the relation's establishment alone
    await listsLoaded(page)
    assert.equal(await page.locator(`${sel('projects-table')} .el-table__empty-text`).innerText(), '暂无与该城市的合作项目')
    assert.equal(await page.locator(`${sel('exchanges-table')} .el-table__empty-text`).innerText(), '暂无与该城市的交流')
    assert.deepEqual(await timelineOf(page), [['2019-05-20', 'established', '建立关系：友好交流关系城市']])
    // the dialogs open and close from the keyboard, the focus given back to their button
    for (const kind of ['project', 'exchange']) {
      await page.locator(sel(`${kind}-add`)).focus()
      await page.keyboard.press('Enter')
      await page.locator(sel(`${kind}-dialog`)).waitFor()
      await auditScreen(page, { force: true })
      await page.keyboard.press('Escape')
      await page.locator(sel(`${kind}-dialog`)).waitFor({ state: 'hidden' })
      assert.equal(await focused(page), `${kind}-add`)
    }
    // a project with nothing filled in: the server's words beside each field it requires
    await page.locator(sel('project-add')).click()
    assert.equal((await post(page, 'projects', 'project-save')).status, 422)
    for (const f of ['title_zh', 'title_en', 'field']) assert.equal(await page.locator(sel(`project-${f}-error`)).innerText(), '必填。', f)
    assert.equal(await page.evaluate(() => document.activeElement?.id), 'project-title_zh')
    await shot(page, 'network-project-required-zh')
    await page.locator(sel('project-cancel')).click()
    await page.locator(sel('project-dialog')).waitFor({ state: 'hidden' })
    assert.equal(await page.locator(sel('projects-table')).locator('.el-table__empty-text').count(), 1)
    assert.deepEqual(await missingKeys(page), [])
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

  test('the officer reads Nottingham\'s projects, exchanges and timeline, and adds a project and an exchange (English)', async () => {
    const page = await newPage(browser)
    await login(page, 'officer', 'en-US')
    await openCity(page, 'Nottingham', 'GB')
    assert.equal(await page.locator(sel('city-title')).innerText(), 'Nottingham')

    // the demo's project and exchange
    const projects = page.locator(sel('projects-table'))
    assert.match(await projects.innerText(),
      /University of Nottingham Ningbo China\s+Partners: 浙江万里学院 · University of Nottingham\s+Milestones: 3 of 3 done\s+Education\s+Joint\s+None\s+Ongoing\s+May 20, 2004/)
    const exchanges = page.locator(sel('exchanges-table'))
    assert.match(await exchanges.innerText(), /Delegation received\s+诺丁汉市市长\s+8 people\s+The graduation at UNNC; talks on education/)
    // the timeline, newest first
    const demo = await timelineOf(page)
    assert.deepEqual(demo.map(([, kind, words]) => [kind, words]), [
      ['exchange', 'Delegation received: The graduation at UNNC; talks on education'],
      ['established', 'Relation established: Sister city'],
      ['project', 'Project started: University of Nottingham Ningbo China'],
    ])
    assert.deepEqual(demo.map(([date]) => date).slice(1), ['2005-10-26', '2004-05-20'])
    assert.equal(demo[0][0], day(-40))
    // the one-page profile
    const profile = page.locator(sel('city-profile'))
    assert.equal((await profile.innerText()).trim(), 'Profile (PDF)')
    const pdf = await page.request.get(await profile.getAttribute('href'))
    assert.equal(pdf.status(), 200)
    assert.equal(pdf.headers()['content-type'], 'application/pdf')
    assert.equal((await pdf.body()).subarray(0, 5).toString(), '%PDF-')
    await shot(page, 'network-city-records-en')

    // a project: an amount that is not one is said by the form, nothing sent
    await page.locator(sel('project-add')).click()
    const dialog = page.locator(sel('project-dialog'))
    await dialog.waitFor()
    assert.match(await dialog.locator('.el-dialog__title').innerText(), /^Add a project with Nottingham$/)
    const title = `Nottingham–Ningbo smart port ${run}`
    await page.locator(inp('project-title_zh')).fill(`诺丁汉—宁波智慧港口 ${run}`)
    await page.locator(inp('project-amount')).fill('1.25m')
    await page.locator(sel('project-save')).click()
    assert.equal(await page.locator(sel('project-amount-error')).innerText(), 'Enter an amount in figures, such as 1,250,000.50')
    assert.equal(await page.locator(inp('project-amount')).getAttribute('aria-invalid'), 'true')
    assert.equal(await page.locator(inp('project-amount')).getAttribute('aria-describedby'), 'project-amount-hint project-amount-error')
    // then the English title left empty and no field chosen: the server's words beside them
    await page.locator(inp('project-amount')).fill('1,250,000.50')
    await choose(page, 'project-currency', 'project-currency-GBP')
    let r = await post(page, 'projects', 'project-save')
    assert.equal(r.status, 422)
    assert.deepEqual(r.body.error.details.map((d) => d.field).sort(), ['field', 'title_en'])
    assert.equal(await page.locator(sel('project-title_en-error')).innerText(), 'Required.')
    assert.equal(await page.locator(sel('project-field-error')).innerText(), 'Required.')
    assert.equal(await page.locator(inp('project-title_en')).getAttribute('aria-invalid'), 'true')
    assert.equal(await page.evaluate(() => document.activeElement?.id), 'project-title_en')
    assert.equal(await page.locator(sel('project-amount-error')).count(), 0)
    await shot(page, 'network-project-refused-en')
    // filled in: saved, listed, its amount in pounds, in the timeline
    await page.locator(inp('project-title_en')).fill(title)
    await choose(page, 'project-field', 'project-field-transport')
    await page.locator(sel('project-direction-inbound')).click()
    await page.locator(sel('project-status-ongoing')).click()
    await page.locator(inp('project-started')).fill('2025-03-18')
    await page.locator(inp('project-their_partners')).fill('Nottingham City Council')
    r = await post(page, 'projects', 'project-save')
    assert.equal(r.status, 201)
    assert.deepEqual(r.body.amount, { amount: 125000050, currency: 'GBP' })
    await dialog.waitFor({ state: 'hidden' })
    assert.equal(await focused(page), 'project-add')
    const row = projects.locator('tr', { has: page.locator(sel(`project-${r.body.id}`)) })
    await row.waitFor()
    assert.match(await row.innerText(), new RegExp(`${title}[\\s\\S]*Transport\\s+Inbound\\s+£1,250,000\\.50\\s+Ongoing\\s+Mar 18, 2025`))
    assert.ok((await timelineOf(page)).some(([date, kind, words]) => date === '2025-03-18' && kind === 'project' && words === `Project started: ${title}`))

    // an exchange: a training programme, its trainees counted
    await page.locator(sel('exchange-add')).click()
    await page.locator(sel('exchange-dialog')).waitFor()
    await page.locator(sel('exchange-kind-training')).click()
    await page.locator(sel('exchange-dialog')).getByText('Number of trainees').waitFor()
    await page.locator(inp('exchange-starts_on')).fill(day(-3))
    await page.locator(inp('exchange-people')).fill('12')
    await page.locator(inp('exchange-purpose_zh')).fill(`港口物流管理培训 ${run}`)
    await page.locator(inp('exchange-purpose_en')).fill(`Port logistics training ${run}`)
    await choose(page, 'exchange-field', 'exchange-field-talent')
    await page.locator(inp('exchange-cities_visited')).fill('Nottingham, Derby')
    await auditScreen(page, { force: true })
    r = await post(page, 'exchanges', 'exchange-save')
    assert.equal(r.status, 201)
    await page.locator(sel('exchange-dialog')).waitFor({ state: 'hidden' })
    assert.equal(await focused(page), 'exchange-add')
    const visit = exchanges.locator('tr', { has: page.locator(sel(`exchange-${r.body.id}`)) })
    await visit.waitFor()
    assert.match(await visit.innerText(), new RegExp(`Training\\s+None\\s+12 trainees\\s+Port logistics training ${run}`))
    assert.deepEqual((await timelineOf(page))[0], [day(-3), 'exchange', `Training: Port logistics training ${run}`])
    assert.deepEqual(await missingKeys(page), [])
    await page.context().close()
  })

  test('the auditor reads a city\'s projects and exchanges, and has no way to add them (Chinese)', async () => {
    const page = await newPage(browser)
    await login(page, 'auditor', 'zh-CN')
    await openCity(page, 'Nottingham', 'GB')
    assert.match(await page.locator(sel('city-projects')).innerText(), /^合作项目[\s\S]*宁波诺丁汉大学[\s\S]*教育\s+双向合作\s+无\s+进行中\s+2004\/05\/20/)
    assert.match(await page.locator(sel('city-exchanges')).innerText(), /^交流往来[\s\S]*来访团组\s+诺丁汉市市长\s+8 人\s+出席宁波诺丁汉大学毕业典礼/)
    assert.match(await page.locator(sel('city-timeline')).innerText(), /^交往历程[\s\S]*建立关系：友好城市[\s\S]*项目启动：宁波诺丁汉大学/)
    assert.equal((await page.locator(sel('city-profile')).innerText()).trim(), '友城简介（PDF）')
    assert.equal(await page.locator(sel('project-add')).count(), 0)
    assert.equal(await page.locator(sel('exchange-add')).count(), 0)
    await shot(page, 'network-city-auditor-zh')
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
    assert.ok(stats.cities >= 86 && stats.countries >= 44 && stats.continents >= 5, "the demo's network at least")
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
    assert.match(await growth.locator('tbody').innerText(), /1983\s+1\s+1\b/)
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
