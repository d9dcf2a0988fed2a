// Tour groups in the browser (issue 11): the demo's travel agency signs in (Chinese), lands on
// its two groups, is told beside the code that JP2612 is taken, makes a group and downloads the
// list template; it uploads a CSV list whose row 12 has a bad date — the error table names row
// 12, column from, focus moves to the answer, and nothing is imported — then imports the 13 good
// rows: the counts show, row 12 is listed as left out, the members appear with the tour leader
// marked and the cities are on the map; an xlsx list (dates as date cells, a phone as a
// number, an empty row) replaces it. The list page and a group's page in English have every
// key; the consular officer reads the agency's groups with no upload panel; a citizen has no
// entry. Every screen and state audited (a11y.mjs).
import { test, describe, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { readFile } from 'node:fs/promises'
import ExcelJS from 'exceljs'
import { auditScreen, day, inp, launch, login, missingKeys, newPage, sel, shot } from './helpers.mjs'

let browser
before(async () => { browser = await launch() })
after(async () => { await browser?.close() })

const run = Date.now().toString(36).toUpperCase()
const FROM = day(60)
const HEADER = 'name,phone,email,tour_leader,country,city,from,to'
/** Member i's two legs: Tokyo (by its Chinese name), then Osaka; the first member leads. */
const legsOf = (i) => {
  const who = [`团员${i}`, `1370000${String(i).padStart(4, '0')}`, '', i === 1 ? '是' : '否']
  return [[...who, 'JP', '东京', FROM, day(62)].join(','), [...who, 'JP', 'Osaka', day(63), day(64)].join(',')]
}
/** Seven members, fourteen rows below the header (the sheet's rows 2 to 15). */
const LIST = [HEADER, ...Array.from({ length: 7 }, (_, i) => legsOf(i + 1)).flat()]

/** Sends the file chosen and waits for the server's answer; returns its status. */
async function send(page, button = 'group-list-send') {
  const answered = page.waitForResponse((r) => /\/api\/v1\/safety\/groups\/\d+\/list$/.test(r.url()) && r.request().method() === 'POST')
  await page.locator(sel(button)).click()
  return (await answered).status()
}

describe('tour groups', () => {
  test('the agency makes a group and uploads its list: a bad row named, nothing imported until it takes the good rows; an xlsx list too', async () => {
    const page = await newPage(browser)
    await login(page, 'agency', 'zh-CN')
    // an agency's home is its tour groups
    await page.locator(sel('safety-groups-page')).waitFor()
    await page.locator(sel('group-open-JP2612')).waitFor()
    assert.equal(await page.locator(sel('group-open-ES2612')).count(), 1)
    assert.equal(await page.locator(sel('group-people-JP2612')).innerText(), '4')
    assert.match(await page.locator(sel('group-leader-JP2612')).innerText(), /王芳/)
    assert.equal(await page.locator('[data-test^="group-agency-"]').count(), 0, 'an agency is not shown its own name on each line')
    await shot(page, 'safety-groups-agency-zh')

    // a code the agency used already is refused beside the code
    await page.locator(sel('group-new')).click()
    await page.locator(sel('group-form')).waitFor()
    await page.locator(inp('group-code')).fill('JP2612')
    await page.locator(inp('group-title')).fill('东京再游')
    await page.locator(sel('group-create')).click()
    await page.locator(sel('group-code-error')).waitFor()
    assert.match(await page.locator(sel('group-code-error')).innerText(), /本社已有团号为 JP2612 的团组/)
    assert.equal(await page.locator(inp('group-code')).getAttribute('aria-invalid'), 'true')
    await auditScreen(page, { force: true })
    const code = `T${run}`
    await page.locator(inp('group-code')).fill(code)
    await page.locator(sel('group-create')).click()
    await page.waitForURL(/\/safety\/groups\/\d+$/)
    await page.locator(sel('group-upload')).waitFor()
    assert.equal(await page.locator(sel('group-code')).innerText(), code)
    assert.equal(await page.locator(sel('group-people')).innerText(), '0')

    // the template: the header and an example row, UTF-8 with a byte-order mark for Excel
    const [download] = await Promise.all([page.waitForEvent('download'), page.locator(sel('group-template')).click()])
    assert.equal(download.suggestedFilename(), '团组名单模板.csv')
    const template = await readFile(await download.path(), 'utf8')
    assert.equal(template.split('\r\n')[0], `\uFEFF${HEADER}`)
    assert.match(template.split('\r\n')[1], /^王芳,.*,是,JP,东京,\d{4}-\d{2}-\d{2},\d{4}-\d{2}-\d{2}$/)

    // a bad date in the sheet's row 12 (member 6's Tokyo leg): named, and nothing imported
    const bad = [...LIST]
    bad[11] = bad[11].replace(FROM, '2026-02-30')
    assert.match(bad[11], /团员6/)
    await page.locator(sel('group-list-file')).setInputFiles({ name: '名单.csv', mimeType: 'text/csv', buffer: Buffer.from(bad.join('\n')) })
    await page.locator(sel('group-list-chosen')).filter({ hasText: '名单.csv' }).waitFor()
    assert.match(await page.locator(sel('group-list-chosen')).innerText(), /表头下 14 行/)
    assert.equal(await send(page), 422)
    await page.locator(sel('group-list-refused')).waitFor()
    const errors = page.locator(`${sel('group-list-refused')} ${sel('list-error')}`)
    assert.equal(await errors.count(), 1)
    assert.deepEqual([await errors.getAttribute('data-row'), await errors.getAttribute('data-column')], ['12', 'from'])
    assert.match(await errors.innerText(), /^12\s+from\s+\S/)
    assert.equal(await page.evaluate(() => document.activeElement?.id), 'group-list-outcome', 'focus moves to the answer')
    assert.equal(await page.locator(sel('group-people')).innerText(), '0', 'nothing was imported')
    assert.equal(await page.locator(sel('member-团员1')).count(), 0)
    const confirm = page.locator(sel('group-list-confirm'))
    assert.match(await confirm.innerText(), /导入没有错误的 13 行/)
    await shot(page, 'safety-group-refused-zh')

    // the good rows taken: the counts, row 12 left out, the members with their tour leader
    assert.equal(await send(page, 'group-list-confirm'), 200)
    await page.locator(sel('group-list-taken')).waitFor()
    const count = async (n) => page.locator(sel(`group-list-count-${n}`)).innerText()
    assert.deepEqual([await count('rows'), await count('imported'), await count('people'), await count('legs')], ['14', '13', '7', '13'])
    const skipped = page.locator(`${sel('group-list-taken')} ${sel('list-error')}`)
    assert.equal(await skipped.count(), 1)
    assert.equal(await skipped.getAttribute('data-row'), '12')
    await page.locator(sel('member-团员7')).waitFor()
    assert.equal(await page.locator(sel('group-people')).innerText(), '7')
    assert.match(await page.locator(sel('group-leader')).innerText(), /团员1（13700000001）/)
    const leaderRow = page.locator(`${sel('group-members')} tr`).filter({ has: page.locator(sel('member-leader')) })
    assert.equal(await leaderRow.count(), 1)
    assert.match(await leaderRow.innerText(), /团员1/)
    const member6 = page.locator(`${sel('group-members')} tr`).filter({ has: page.locator(sel('member-团员6')) })
    assert.doesNotMatch(await member6.innerText(), /Tokyo/, 'member 6 goes to Osaka only')
    const chart = page.locator(sel('world-map-chart'))
    await chart.waitFor()
    assert.match(await chart.getAttribute('aria-label'), /2 个城市：Tokyo，日本、Osaka，日本/)
    assert.equal(await page.evaluate(() => document.activeElement?.id), 'group-list-outcome')
    await auditScreen(page, { force: true })
    await shot(page, 'safety-group-taken-zh')

    // an xlsx list: its first sheet, dates as date cells, a phone as a number, an empty row
    const book = new ExcelJS.Workbook()
    const sheet = book.addWorksheet('名单')
    sheet.addRow(HEADER.split(','))
    sheet.addRow(['李领队', 13900000001, 'li@example.com', true, 'JP', '大阪', new Date(`${FROM}T00:00:00Z`), new Date(`${day(61)}T00:00:00Z`)])
    sheet.addRow([])
    sheet.addRow(['赵团员', '139 0000 0002', '', '否', 'JP', 'Kyoto', new Date(`${FROM}T00:00:00Z`), new Date(`${day(61)}T00:00:00Z`)])
    for (const c of ['G2', 'H2', 'G4', 'H4']) sheet.getCell(c).numFmt = 'yyyy/m/d'
    book.addWorksheet('备注').addRow(['not', 'the', 'list'])
    assert.match(await page.locator(sel('group-list-replaces')).innerText(), /7 人/)
    await page.locator(sel('group-list-file')).setInputFiles({
      name: 'list.xlsx', mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      buffer: Buffer.from(await book.xlsx.writeBuffer()),
    })
    await page.locator(sel('group-list-chosen')).filter({ hasText: 'list.xlsx' }).waitFor()
    assert.match(await page.locator(sel('group-list-chosen')).innerText(), /表头下 2 行/)
    assert.equal(await send(page), 200)
    await page.locator(sel('group-list-taken')).filter({ hasText: 'list.xlsx' }).waitFor()
    assert.deepEqual([await count('rows'), await count('imported'), await count('people'), await count('legs')], ['2', '2', '2', '2'])
    await page.locator(sel('member-赵团员')).waitFor()
    assert.equal(await page.locator(sel('member-团员1')).count(), 0, 'the new list replaced the old one')
    assert.match(await page.locator(sel('group-dates')).innerText(), new RegExp(`^${FROM.replace(/-/g, '/')} 至 `))
    assert.match(await page.locator(sel('group-leader')).innerText(), /李领队（13900000001）/)

    // the list shows the new group
    await page.locator(sel('group-back')).click()
    await page.locator(sel(`group-people-${code}`)).waitFor()
    assert.equal(await page.locator(sel(`group-people-${code}`)).innerText(), '2')
    assert.deepEqual(await missingKeys(page), [])
    await page.context().close()
  })

  test('in English the list page and a group\'s page have every key', async () => {
    const page = await newPage(browser)
    await login(page, 'agency', 'en-US')
    await page.locator(sel('group-open-ES2612')).waitFor()
    assert.equal(await page.locator('h1').innerText(), 'Tour groups')
    assert.match(await page.locator(sel('group-list-at-ES2612')).innerText(), /\d/)
    await shot(page, 'safety-groups-agency-en')
    assert.deepEqual(await missingKeys(page), [], 'missing keys on the list page')
    await page.locator(sel('group-new')).click()
    await page.locator(sel('group-form')).waitFor()
    await auditScreen(page, { force: true })
    await page.locator(sel('group-cancel')).click()
    await page.locator(sel('group-open-ES2612')).click()
    await page.locator(sel('group-upload')).waitFor()
    await page.locator(sel('member-leader')).waitFor()
    assert.match(await page.locator('h1').innerText(), /^Group ES2612: /)
    await shot(page, 'safety-group-agency-en')
    assert.deepEqual(await missingKeys(page), [], 'missing keys on the group\'s page')
    await page.context().close()
  })

  test('the consular officer reads the agency\'s groups, without an upload panel', async () => {
    const page = await newPage(browser)
    await login(page, 'officer', 'zh-CN')
    await page.locator(sel('menu-safety-groups')).click()
    await page.locator(sel('group-open-JP2612')).waitFor()
    assert.match(await page.locator(sel('group-agency-JP2612')).innerText(), /宁波中国国际旅行社/)
    assert.equal(await page.locator(sel('group-new')).count(), 0)
    await shot(page, 'safety-groups-officer-zh')
    await page.locator(sel('group-open-JP2612')).click()
    await page.locator(sel('group-read-only')).waitFor()
    assert.equal(await page.locator(sel('group-upload')).count(), 0)
    assert.equal(await page.locator(sel('group-list-file')).count(), 0)
    assert.equal(await page.locator(`${sel('group-members')} tbody tr`).count(), 4)
    const leader = page.locator(`${sel('group-members')} tr`).filter({ has: page.locator(sel('member-leader')) })
    assert.match(await leader.innerText(), /王芳/)
    await page.locator(sel('world-map-chart')).waitFor()
    await shot(page, 'safety-group-officer-zh')
    assert.deepEqual(await missingKeys(page), [])
    await page.context().close()
  })

  test('a citizen has no entry, and the URL is not found for them', async () => {
    const page = await newPage(browser)
    await login(page, 'citizen', 'zh-CN')
    await page.locator(sel('side-menu')).waitFor()
    assert.equal(await page.locator(sel('menu-safety-groups')).count(), 0)
    await page.goto('/safety/groups')
    await page.locator(sel('not-found')).waitFor()
    await page.context().close()
  })
})
