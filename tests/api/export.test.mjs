// The Excel export of every list (GET <list>/export): the workbook is opened with exceljs
// and compared with the JSON list under the same filters; headers in both languages, dates
// as dates, numbers as numbers, the frozen header row; the same refusals as the list, with
// nothing written; one audit entry per export; the row cap (run-api-tests.sh starts the
// server with --export-max-rows $WAISHI_EXPORT_MAX_ROWS).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import {
  Client, act, as, createCase, eventually, expectError, expectStatus, listAll, show, tag, validTrip,
} from './lib/client.mjs';

// exceljs is a devDependency of the web (web/package.json): resolve it from there.
const require = createRequire(new URL('../../web/package.json', import.meta.url));
const ExcelJS = require('exceljs');

const CAP = Number(process.env.WAISHI_EXPORT_MAX_ROWS || 100000);
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

const ent = await as('ent.normal');
const officer = await as('officer');
const auditor = await as('auditor');
const admin = await as('admin');
const entAdmin = await as('ent.normal.admin');
const citizen = await as('citizen');

// Cases of one purpose, the filter the exports below narrow to.
const purpose = `导出测试 ${tag()}`;
const made = [];
for (let i = 0; i < 3; i++) {
  const c = await createCase(ent, validTrip({ purpose: `${purpose} ${i}` }));
  if (i < 2) await act(ent, c.id, 'submit');
  made.push(c);
}

async function download(client, path, headers = {}) {
  const r = await client.get(path, { raw: true, headers });
  return r;
}

async function open(r) {
  assert.equal(r.status, 200, show(r));
  assert.equal(r.headers.get('content-type'), XLSX);
  assert.equal(r.bytes.subarray(0, 2).toString('latin1'), 'PK', 'a ZIP container (ECMA-376 Part 2)');
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(r.bytes);
  assert.equal(book.worksheets.length, 1);
  return book.worksheets[0];
}

// [header texts, rows of values] of a worksheet.
function table(sheet) {
  const rows = [];
  sheet.eachRow({ includeEmpty: false }, (row) => {
    const values = [];
    for (let c = 1; c <= sheet.columnCount; c++) values.push(row.getCell(c).value);
    rows.push(values);
  });
  return { header: rows[0], rows: rows.slice(1) };
}

async function exportEntries(user) {
  return listAll(auditor, `/api/v1/audit?action=export&user_id=${user.user.id}`);
}

test('cases: the officer\'s filtered export holds exactly the list\'s rows, headers in Chinese', async () => {
  const filters = `type=outbound_travel&q=${encodeURIComponent(purpose)}`;
  const list = await listAll(officer, `/api/v1/cases?${filters}`);
  assert.equal(list.length, 2, 'the two submitted cases (the draft is not the office\'s)');
  const type = (await officer.get('/api/v1/case-types/outbound_travel')).body;
  const stateLabel = Object.fromEntries(type.states.map((x) => [x.name, x.label]));
  const r = await download(officer, `/api/v1/cases/export?${filters}&lang=zh`);
  const sheet = await open(r);
  const today = new Date(Date.now() + 8 * 3600e3).toISOString().slice(0, 10);
  const disposition = r.headers.get('content-disposition');
  assert.equal(disposition,
    `attachment; filename="cases-${today}.xlsx"; filename*=UTF-8''${encodeURIComponent(`案件-${today}.xlsx`)}`);
  assert.equal(r.headers.get('x-content-type-options'), 'nosniff');
  assert.equal(r.headers.get('cache-control'), 'no-store');
  assert.equal(sheet.name, '案件');

  const { header, rows } = table(sheet);
  assert.deepEqual(header.slice(0, 11), ['编号', '事项', '状态', '单位', '申请人', '经办人', '创建时间',
    '提交时间', '办结时间', '办理期限', '是否超期']);
  // The type's own list columns follow (its definition's ui.list_columns).
  assert.deepEqual(header.slice(11), ['出访任务', '出访国家', '出入境日期(起)', '出入境日期(止)', '人数']);
  assert.deepEqual(rows.map((x) => x[0]), list.map((c) => c.number), 'the same rows in the same order');
  const first = rows[0];
  const c = list[0];
  assert.equal(first[1], type.label.zh);
  assert.equal(first[2], stateLabel[c.state].zh);
  assert.equal(first[3], c.org.name_zh);
  assert.equal(first[4], c.applicant.display_name);
  // A date-time is an Excel date (exceljs gives a Date for a cell with a date format), in
  // China's time; written in UTC by exceljs, so compare the instant plus 8 hours.
  assert.ok(first[6] instanceof Date, `created_at is a date: ${first[6]}`);
  assert.equal(first[6].toISOString().slice(0, 16),
    new Date(Date.parse(c.created_at) + 8 * 3600e3).toISOString().slice(0, 16));
  assert.ok(first[11] === `${purpose} 1` || first[11] === `${purpose} 0`, `purpose: ${first[11]}`);
  assert.equal(first[12], '德国', 'a country code written as its name');
  assert.ok(first[13] instanceof Date, 'the departure date is a date');
  assert.equal(first[13].toISOString().slice(0, 10), c.departure_date);
  assert.equal(typeof first[15], 'number', 'the number of people is a number');
  assert.equal(first[15], c.members_count);
  assert.equal(sheet.getCell(2, 14).numFmt, 'yyyy-mm-dd');
  // The header row is frozen, the columns filter, CJK headers get their double width.
  assert.equal(sheet.views[0].state, 'frozen');
  assert.equal(sheet.views[0].ySplit, 1);
  assert.ok(sheet.autoFilter, 'an autofilter on the header row');
  const wide = [...first[11]].reduce((n, ch) => n + (/[\u3000-\u9fff\uff00-\uffef]/.test(ch) ? 2 : 1), 0);
  assert.ok(wide > [...first[11]].length, 'the purpose has CJK characters');
  assert.ok(sheet.getColumn(12).width >= wide, `the purpose's column (${sheet.getColumn(12).width}) fits ${wide}`);
});

test('cases: headers in English with ?lang=en or Accept-Language', async () => {
  const filters = `type=outbound_travel&q=${encodeURIComponent(purpose)}`;
  for (const [path, headers] of [[`/api/v1/cases/export?${filters}&lang=en`, {}],
    [`/api/v1/cases/export?${filters}`, { 'Accept-Language': 'en-US,en;q=0.9' }]]) {
    const r = await download(officer, path, headers);
    const sheet = await open(r);
    assert.equal(sheet.name, 'Cases');
    assert.match(r.headers.get('content-disposition'), /filename\*=UTF-8''Cases-\d{4}-\d{2}-\d{2}\.xlsx$/);
    const { header, rows } = table(sheet);
    assert.deepEqual(header.slice(0, 4), ['Number', 'Matter', 'State', 'Organization']);
    assert.ok(header.includes('Travel dates (from)'), header.join('|'));
    assert.equal(rows.length, 2);
    assert.ok(['District review', 'Office review'].includes(rows[0][2]), rows[0][2]);
  }
});

test('every export is audited with its list, filters and row count', async () => {
  const before = (await exportEntries(officer)).length;
  const q = encodeURIComponent(purpose);
  const sheet = await open(await download(officer, `/api/v1/cases/export?q=${q}&type=outbound_travel`));
  assert.equal(table(sheet).rows.length, 2);
  const entries = await eventually(async () => {
    const all = await exportEntries(officer);
    assert.equal(all.length, before + 1, 'one entry for one export');
    return all;
  });
  const e = entries[0];
  assert.equal(e.action, 'export');
  assert.equal(e.object_type, 'cases');
  assert.equal(e.username, 'officer');
  assert.deepEqual(e.detail, {
    format: 'xlsx', list: 'cases', filters: { q: purpose, type: 'outbound_travel' }, rows: 2, personal_data: true,
  });
});

test('users: the admin\'s export by role, roles as labels; an enterprise admin gets their organization\'s', async () => {
  const list = await listAll(admin, '/api/v1/users?role=officer');
  const { header, rows } = table(await open(await download(admin, '/api/v1/users/export?role=officer')));
  assert.deepEqual(header, ['序号', '用户名', '姓名', '电子邮箱', '单位', '角色', '语言', '启用', '创建时间']);
  assert.deepEqual(rows.map((x) => x[1]), list.map((u) => u.username));
  assert.equal(typeof rows[0][0], 'number');
  assert.ok(rows.every((x) => String(x[5]).includes('外办经办人')), rows.map((x) => x[5]).join('|'));
  assert.ok(rows[0][8] instanceof Date);

  const own = await listAll(entAdmin, '/api/v1/users');
  const mine = table(await open(await download(entAdmin, '/api/v1/users/export?lang=en')));
  assert.deepEqual(mine.rows.map((x) => x[1]), own.map((u) => u.username));
  assert.ok(mine.rows.every((x) => x[4] === entAdmin.user.org.name_en || x[4] === entAdmin.user.org.name_zh));
});

test('organizations, audit and passport custody export their filtered lists', async () => {
  const orgs = await listAll(officer, '/api/v1/organizations?kind=enterprise');
  const o = table(await open(await download(officer, '/api/v1/organizations/export?kind=enterprise')));
  assert.deepEqual(o.rows.map((x) => x[0]), orgs.map((x) => x.id));
  assert.ok(o.rows.every((x) => x[3] === '企业'));

  const filter = `action=case.create&object_type=case&object_id=${made[0].id}`;
  const audit = await listAll(auditor, `/api/v1/audit?${filter}`);
  const a = table(await open(await download(auditor, `/api/v1/audit/export?${filter}&lang=en`)));
  assert.deepEqual(a.header, ['ID', 'Time', 'User', 'IP address', 'Action', 'Object type', 'Object', 'Detail']);
  assert.deepEqual(a.rows.map((x) => x[0]), audit.map((x) => x.id));
  assert.ok(a.rows.every((x) => x[1] instanceof Date));

  // More rows than a page of the tests' exports (WAISHI_EXPORT_PAGE_ROWS=7): the audit log
  // pages by the last id, passport custody (ordered by due date) by page number.
  const logins = await listAll(auditor, '/api/v1/audit?action=auth.login');
  assert.ok(logins.length > 7, `${logins.length} sign-ins`);
  const l = table(await open(await download(auditor, '/api/v1/audit/export?action=auth.login')));
  assert.deepEqual(l.rows.map((x) => x[0]), logins.map((x) => x.id));

  const custody = await listAll(officer, '/api/v1/passport-custody');
  assert.ok(custody.length > 7, `${custody.length} passports`);
  const k = table(await open(await download(officer, '/api/v1/passport-custody/export')));
  assert.deepEqual(k.header, ['案件编号', '姓名', '证件号码', '领用时间', '应交回日期', '交回时间', '是否逾期']);
  assert.deepEqual(k.rows.map((x) => x[0]), custody.map((x) => x.case_number));
  assert.deepEqual(k.rows.map((x) => x[2]), custody.map((x) => x.id_number), 'whole numbers, as the list shows them');
});

test('refusals are the list\'s own, and write nothing', async () => {
  const before = (await Promise.all([officer, ent, citizen, entAdmin].map(exportEntries))).map((x) => x.length);
  const pairs = [
    [officer, '/api/v1/users', 403], [officer, '/api/v1/audit', 403], [ent, '/api/v1/organizations', 403],
    [ent, '/api/v1/passport-custody', 403], [citizen, '/api/v1/passport-custody', 403],
    [officer, '/api/v1/cases?month=2026-13', 400], [auditor, '/api/v1/audit?user_id=abc', 400],
    [officer, '/api/v1/cases?org_id=x', 400], [officer, '/api/v1/passport-custody?case_id=x', 400],
  ];
  for (const [client, path, status] of pairs) {
    const list = await client.get(path);
    assert.equal(list.status, status, `${client.name} ${path}: ${show(list)}`);
    const [p, q] = path.split('?');
    const exp = await client.get(`${p}/export${q ? `?${q}` : ''}`);
    assert.equal(exp.status, status, `${client.name} export of ${path}: ${show(exp)}`);
    assert.equal(exp.body?.error?.code, list.body?.error?.code);
  }
  expectError(await officer.get('/api/v1/cases/export?lang=fr'), 400, 'invalid_query');
  expectStatus(await new Client().get('/api/v1/cases/export'), 401);
  // The enterprise user's export is its own visible cases only, like its list.
  const entList = await listAll(ent, `/api/v1/cases?q=${encodeURIComponent(purpose)}`);
  const entRows = table(await open(await download(ent, `/api/v1/cases/export?q=${encodeURIComponent(purpose)}`))).rows;
  assert.deepEqual(entRows.map((x) => x[0]), entList.map((c) => c.number));
  assert.equal(entRows.length, 3, 'its draft too');
  // Its whole list, over several pages, in the list's order (by id, then by update time).
  for (const sort of ['', '&sort=-updated']) {
    const all = await listAll(ent, `/api/v1/cases?type=outbound_travel${sort}`);
    assert.ok(all.length > 7, `${all.length} cases`);
    const rows = table(await open(await download(ent, `/api/v1/cases/export?type=outbound_travel${sort}`))).rows;
    assert.deepEqual(rows.map((x) => x[0]), all.map((c) => c.number), `sort ${sort}`);
  }
  const after = (await Promise.all([officer, ent, citizen, entAdmin].map(exportEntries))).map((x) => x.length);
  assert.deepEqual(after, [before[0], before[1] + 3, before[2], before[3]], 'only the enterprise user\'s three exports are recorded');
});

test(`over the cap (${CAP} rows) an export is refused with 422 naming it, and writes nothing`, async () => {
  // The audit log grows with every request of the tests; make sure it is over the cap.
  let total = (await auditor.get('/api/v1/audit?page_size=1')).body.total;
  for (; total <= CAP + 5; total++) expectStatus(await officer.get(`/api/v1/cases/${made[0].id}`), 200);
  await eventually(async () => {
    assert.ok((await auditor.get('/api/v1/audit?page_size=1')).body.total > CAP);
  });
  const before = (await exportEntries(auditor)).length;
  const r = await auditor.get('/api/v1/audit/export');
  expectError(r, 422, 'export_too_large');
  assert.match(r.body.error.message, new RegExp(`${CAP}`));
  assert.equal(r.body.error.details[0].max_rows, CAP);
  assert.equal((await exportEntries(auditor)).length, before);
});

test('the export routes are in the OpenAPI document', async () => {
  const doc = (await officer.get('/api/v1/openapi.json')).body;
  for (const [path, op] of [['/api/v1/cases/export', 'exportCases'], ['/api/v1/users/export', 'exportUsers'],
    ['/api/v1/organizations/export', 'exportOrganizations'], ['/api/v1/audit/export', 'exportAudit'],
    ['/api/v1/passport-custody/export', 'exportPassportCustody']]) {
    const get = doc.paths[path]?.get;
    assert.equal(get?.operationId, op, path);
    assert.ok(get.responses['200'].content[XLSX], `${path} answers an xlsx`);
    assert.ok(get.responses['422'], `${path} documents the cap`);
    assert.ok(get.parameters.some((p) => p.name === 'lang'));
    assert.ok(!get.parameters.some((p) => p.name === 'page'));
  }
});
