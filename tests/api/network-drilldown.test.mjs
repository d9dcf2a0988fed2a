// Every figure of the network's analytics drills down to its list: the cities established in
// a year, the exchanges begun in a year (of a kind), the projects of a field (and direction)
// are the lists the stats counted, row for row. A year that is not one is refused naming its
// parameter (400 invalid_query).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { as, expectError, expectStatus, findDetail, listAll, tag } from './lib/client.mjs';
import { newCity } from './lib/network.mjs';
import { sheetOf as sheetBy } from './lib/xlsx.mjs';

const officer = await as('officer');
const auditor = await as('auditor');
const citizen = await as('citizen');
/** A list's export as the auditor downloads it. */
const sheetOf = (path) => sheetBy(auditor, path);

const stats = async () => {
  const r = await auditor.get('/api/v1/network/stats');
  expectStatus(r, 200);
  return r.body;
};

test('the cities established in each year of the growth chart are the cities it counts', async () => {
  const s = await stats();
  assert.ok(s.by_year.length >= 20, `the demo's network grew over many years: ${s.by_year.length}`);
  for (const { year, cities } of s.by_year) {
    const listed = await listAll(auditor, `/api/v1/network/cities?established_year=${year}`);
    assert.equal(listed.length, cities, `${year}: the list has the chart's count`);
    assert.ok(listed.every((c) => c.established.startsWith(`${year}-`)), `${year}: only that year's`);
  }
  const counted = s.by_year.reduce((n, y) => n + y.cities, 0);
  assert.equal(counted, s.cities, 'the years add up to the network');
  // With another filter: that year's cities of one continent.
  const europe = await listAll(auditor, '/api/v1/network/cities?continent=EU');
  const year = Number(europe[0].established.slice(0, 4));
  const both = await listAll(auditor, `/api/v1/network/cities?continent=EU&established_year=${year}`);
  assert.deepEqual(both.map((c) => c.id), europe.filter((c) => c.established.startsWith(`${year}-`)).map((c) => c.id));
});

test('a city added is listed under the year it was established, not the year before or after', async () => {
  const city = await newCity(officer, { country: 'FI', lat: 61.5, lon: 23.8, established: '1990-12-31' });
  const ids = async (year) => (await listAll(auditor, `/api/v1/network/cities?established_year=${year}&country=FI`)).map((c) => c.id);
  assert.ok((await ids(1990)).includes(city.id), 'the last day of 1990 is in 1990');
  assert.ok(!(await ids(1991)).includes(city.id), 'not in 1991');
  assert.ok(!(await ids(1989)).includes(city.id), 'not in 1989');
});

test('the exchanges begun in each year, of each kind, are those the exchanges chart counts', async () => {
  const s = await stats();
  assert.ok(s.exchanges_by_year.length >= 3, 'the demo has exchanges over several years');
  let total = 0;
  for (const row of s.exchanges_by_year) {
    const year = await listAll(auditor, `/api/v1/network/exchanges?year=${row.year}`);
    assert.ok(year.every((e) => e.starts_on.startsWith(`${row.year}-`)), `${row.year}: only that year's`);
    let kinds = 0;
    for (const kind of ['delegation_in', 'delegation_out', 'training']) {
      const listed = await listAll(auditor, `/api/v1/network/exchanges?year=${row.year}&kind=${kind}`);
      assert.equal(listed.length, row[kind], `${row.year} ${kind}`);
      assert.ok(listed.every((e) => e.kind === kind));
      kinds += listed.length;
    }
    assert.equal(year.length, kinds, `${row.year}: the kinds add up to the year`);
    total += year.length;
  }
  assert.equal(total, s.exchanges, 'the years add up to every exchange');
});

test('the projects of each field and direction are those the projects chart counts', async () => {
  const s = await stats();
  assert.ok(s.projects_by_field.some((f) => f.projects > 0), 'the demo has projects');
  for (const row of s.projects_by_field) {
    const field = await listAll(auditor, `/api/v1/network/projects?field=${row.field}`);
    assert.equal(field.length, row.projects, `${row.field}`);
    for (const direction of ['inbound', 'outbound', 'joint']) {
      const listed = await listAll(auditor, `/api/v1/network/projects?field=${row.field}&direction=${direction}`);
      assert.equal(listed.length, row[direction], `${row.field} ${direction}`);
      assert.ok(listed.every((p) => p.field === row.field && p.direction === direction));
    }
  }
});

test('a year that is not a whole number from 1900 to 2100 is refused, naming its parameter', async () => {
  for (const [path, name] of [['/api/v1/network/cities', 'established_year'], ['/api/v1/network/exchanges', 'year']]) {
    const word = await auditor.get(`${path}?${name}=twenty`);
    expectError(word, 400, 'invalid_query');
    findDetail(word, 'type', name);
    const part = await auditor.get(`${path}?${name}=2019.5`);
    expectError(part, 400, 'invalid_query');
    findDetail(part, 'type', name);
    for (const year of [1899, 2101]) {
      const far = await auditor.get(`${path}?${name}=${year}`);
      expectError(far, 400, 'invalid_query');
      findDetail(far, 'range', name);
    }
    const edge = await auditor.get(`${path}?${name}=1900`);
    expectStatus(edge, 200, 'the first year allowed');
    assert.equal(edge.body.total, 0, 'nothing that old');
  }
});

test("the projects and the exchanges export to Excel with their list's filters: amounts in yuan (yen whole), names in the caller's language", async () => {
  const t = tag();
  const city = await newCity(officer, { country: 'JP', lat: 35.0, lon: 135.7, established: '2001-10-10' });
  const project = (extra) => officer.post('/api/v1/network/projects', {
    city_id: city.id, field: 'trade', direction: 'inbound', title_zh: `进口博览${t}`, title_en: `Import fair ${t}`,
    status: 'ongoing', started: '2024-03-01', ...extra,
  });
  expectStatus(await project({ amount: { amount: 1234567, currency: 'CNY' } }), 201);
  expectStatus(await project({ amount: { amount: 5000, currency: 'JPY' }, field: 'culture', direction: 'joint' }), 201);
  const en = await sheetOf(`/api/v1/network/projects/export?city_id=${city.id}&lang=en`);
  for (const name of ['Partner city', 'Field', 'Direction', 'Title', 'Amount', 'Currency', 'Status', 'Started']) {
    assert.ok(en.header.includes(name), `a column ${name}: ${en.header}`);
  }
  assert.equal(en.rows.length, 2, "the city's two projects, no more");
  const trade = en.rows.find((r) => en.cell(r, 'Field') === 'Trade');
  assert.equal(en.cell(trade, 'Amount'), 12345.67, 'fen become yuan');
  assert.equal(en.cell(trade, 'Currency'), 'CNY');
  assert.equal(en.cell(trade, 'Direction'), 'inbound');
  assert.equal(en.cell(trade, 'Title'), `Import fair ${t}`);
  assert.equal(en.cell(trade, 'Partner city'), city.name_en);
  assert.ok(en.cell(trade, 'Started') instanceof Date, 'a date cell');
  const culture = en.rows.find((r) => en.cell(r, 'Field') === 'Culture');
  assert.equal(en.cell(culture, 'Amount'), 5000, 'the yen has no minor unit');
  const filtered = await sheetOf(`/api/v1/network/projects/export?city_id=${city.id}&field=culture&lang=zh`);
  assert.equal(filtered.rows.length, 1, 'with the field filter');
  assert.equal(filtered.cell(filtered.rows[0], '合作领域'), '文化');
  assert.equal(filtered.cell(filtered.rows[0], '项目名称'), `进口博览${t}`);
  assert.equal(filtered.cell(filtered.rows[0], '友城'), city.name_zh);

  for (const [starts_on, kind] of [['2023-06-01', 'delegation_in'], ['2024-09-15', 'delegation_out']]) {
    expectStatus(await officer.post('/api/v1/network/exchanges', {
      city_id: city.id, kind, starts_on, leader: '王建国', people: 6, purpose_zh: `经贸交流${t}`, purpose_en: `Trade talks ${t}`,
    }), 201);
  }
  const year = await sheetOf(`/api/v1/network/exchanges/export?city_id=${city.id}&year=2024&lang=en`);
  assert.equal(year.rows.length, 1, "the year's exchange only");
  const row = year.rows[0];
  assert.equal(year.cell(row, 'Kind'), 'Delegation sent');
  assert.equal(year.cell(row, 'Leader'), '王建国');
  assert.equal(year.cell(row, 'People'), 6);
  assert.equal(year.cell(row, 'Purpose'), `Trade talks ${t}`);
  const audit = await listAll(auditor, '/api/v1/audit?action=export&object_type=network_exchanges');
  assert.ok(audit.some((e) => e.detail.personal_data === true), "the exchanges' export is a read of personal data (the leaders)");
  expectStatus(await citizen.get('/api/v1/network/projects/export'), 403);
  expectStatus(await citizen.get('/api/v1/network/exchanges/export'), 403);
  expectError(await auditor.get('/api/v1/network/exchanges/export?year=1800'), 400, 'invalid_query');
});
