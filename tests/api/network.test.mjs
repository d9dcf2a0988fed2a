// The sister-city network (国际友城): the registry of partner cities — added by the office's
// staff, found by continent, country, tier and status, refused when bad or already there —
// its import from a CSV file (all or nothing, bad lines named), and the network's figures.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client, as, expectError, expectStatus, findDetail, listAll, tag } from './lib/client.mjs';
import { pdfText } from './lib/pdf.mjs';
import { near, pdfPixels } from './lib/raster.mjs';
import { sheetOf as sheetBy } from './lib/xlsx.mjs';

const anonymous = new Client();
const officer = await as('officer');
const approver = await as('approver');
const auditor = await as('auditor');
const citizen = await as('citizen');
const owner = await as('ent.normal');

function importCities(csv, switches = []) {
  const file = join(mkdtempSync(join(tmpdir(), 'waishi-network-')), 'cities.csv');
  writeFileSync(file, csv);
  return new Promise((resolve) => {
    execFile(process.env.WAISHI_BIN, ['import', 'partner-cities', '--db', process.env.WAISHI_DB, ...switches, file],
      { env: process.env }, (error, stdout, stderr) => resolve({ code: error ? error.code : 0, stdout, stderr }));
  });
}

// A city of its own for each test: a made-up English name in a real country.
function city(extra = {}) {
  const t = tag();
  return {
    name_zh: `测试友城${t}`, name_en: `Testburg ${t}`, local_name: `Testburg ${t}`, country: 'DE',
    province: 'Bayern', lat: 48.1, lon: 11.6, population: 120000, tier: 'sister', established: '2019-05-20', ...extra,
  };
}

const stats = async (client = officer) => {
  const r = await client.get('/api/v1/network/stats');
  expectStatus(r, 200, `${client.name} reads the network's figures`);
  return r.body;
};

test('the demo network: its real partner cities, each on its continent, in the order of their dates', async () => {
  const all = await listAll(officer, '/api/v1/network/cities');
  const byName = new Map(all.map((c) => [c.name_en, c]));
  for (const [name, country, continent] of [
    ['Nelson Mandela Bay', 'ZA', 'AF'], ['Nottingham', 'GB', 'EU'], ['Florence', 'IT', 'EU'], ['Aachen', 'DE', 'EU'],
    ['Rouen', 'FR', 'EU'], ['Nagaokakyo', 'JP', 'AS'], ['Wilmington', 'US', 'NA']]) {
    const c = byName.get(name);
    assert.ok(c, `${name} is in the demo registry`);
    assert.equal(c.country, country);
    assert.equal(c.continent, continent);
  }
  assert.equal(byName.get('Florence').local_name, 'Firenze');
  assert.equal(byName.get('Wilhelmshaven').status, 'dormant');
  const dates = all.map((c) => c.established);
  assert.deepEqual(dates, [...dates].sort(), 'listed by the date established');
});

// The demo's eight named cities (src/network/demo.cpp), and the rest of its network, read from the
// file the demo loads (src/network/demo_cities.csv: illustrative real places), each row by its
// header's names; a field may be quoted.
const NAMED = [['Nagaokakyo', 'JP'], ['Wilhelmshaven', 'DE'], ['Aachen', 'DE'], ['Rouen', 'FR'], ['Wilmington', 'US'],
  ['Nelson Mandela Bay', 'ZA'], ['Nottingham', 'GB'], ['Florence', 'IT']];
const csvFields = (line) => [...line.matchAll(/(?:^|,)(?:"((?:[^"]|"")*)"|([^,]*))/g)].map((m) => m[1]?.replaceAll('""', '"') ?? m[2]);
function demoCitiesFile() {
  const text = readFileSync(new URL('../../src/network/demo_cities.csv', import.meta.url), 'utf8');
  const [header, ...rows] = text.trim().split('\n').map(csvFields);
  return rows.map((f) => Object.fromEntries(header.map((h, i) => [h, f[i]])));
}

test('the demo network by 2016: 86 cities in 44 countries on five continents, as the newspaper reported; 116 by 2024', async () => {
  const file = demoCitiesFile();
  const key = (c) => `${c.country} ${c.name_en}`;
  const demoKeys = new Set([...NAMED.map(([name_en, country]) => key({ name_en, country })), ...file.map(key)]);
  // Other tests add cities, some established long ago: the demo's are those of its names.
  const demo = (await listAll(officer, '/api/v1/network/cities')).filter((c) => demoKeys.has(key(c)));
  assert.equal(demo.length, NAMED.length + file.length, 'every city of the file loaded, and the eight');
  const byKey = new Map(demo.map((c) => [key(c), c]));
  for (const row of file) {
    const c = byKey.get(key(row));
    assert.deepEqual([c.name_zh, c.local_name, c.province, c.lat, c.lon, c.tier, c.established, c.population, c.status],
      [row.name_zh, row.local_name, row.province, Number(row.lat), Number(row.lon), row.tier, row.established,
        row.population === '' ? null : Number(row.population), 'active'], `${row.name_en} as the file gives it`);
  }
  const by = (day) => demo.filter((c) => c.established <= day);
  const in2016 = by('2016-12-31');
  assert.equal(in2016.length, 86, 'cities by 2016');
  assert.equal(new Set(in2016.map((c) => c.country)).size, 44, 'countries by 2016');
  assert.ok(new Set(in2016.map((c) => c.continent)).size >= 5, 'five continents at least by 2016');
  assert.equal(by('2024-12-31').length, 116, 'partners by 2024');
  assert.ok(demo.length >= 108 && demo.length <= 120, `about 116 today: ${demo.length}`);
  const first = demo.reduce((a, c) => (c.established < a.established ? c : a));
  assert.equal(first.name_en, 'Nagaokakyo', "Ningbo's first partner stays the first");
  const tiers = new Set(demo.map((c) => c.tier));
  assert.deepEqual([...tiers].sort(), ['friendly', 'mou', 'sister']);
});

test('a partner city added by an officer is read back whole, listed under its filters, and counted', async () => {
  const before = await stats();
  const body = city({ country: 'NZ', province: 'Nelson', lat: -41.27, lon: 173.28, tier: 'mou', status: 'dormant' });
  const r = await officer.post('/api/v1/network/cities', body);
  expectStatus(r, 201, 'the officer adds a city');
  for (const k of Object.keys(body)) assert.deepEqual(r.body[k], body[k], k);
  assert.equal(r.body.continent, 'OC', 'the continent comes from the country');
  const got = await auditor.get(`/api/v1/network/cities/${r.body.id}`);
  expectStatus(got, 200, 'the auditor reads it');
  assert.deepEqual(got.body, r.body);

  const listed = await listAll(approver, '/api/v1/network/cities?continent=OC&tier=mou&status=dormant');
  assert.ok(listed.some((c) => c.id === r.body.id), 'found under its continent, tier and status');
  assert.ok(listed.every((c) => c.continent === 'OC' && c.tier === 'mou' && c.status === 'dormant'));
  const elsewhere = await listAll(officer, '/api/v1/network/cities?country=DE');
  assert.ok(!elsewhere.some((c) => c.id === r.body.id), 'not under another country');

  const after = await stats();
  assert.equal(after.cities, before.cities + 1);
  const oc = (s) => s.by_continent.find((x) => x.continent === 'OC')?.cities ?? 0;
  assert.equal(oc(after), oc(before) + 1);
  const mou = (s) => s.by_tier.find((x) => x.tier === 'mou').cities;
  assert.equal(mou(after), mou(before) + 1);
  const y2019 = (s) => s.by_year.find((x) => x.year === 2019)?.cities ?? 0;
  assert.equal(y2019(after), y2019(before) + 1);
});

test("the figures add up: continents, countries and tiers to the total, and the years' running total", async () => {
  const s = await stats(auditor);
  const sum = (rows) => rows.reduce((n, x) => n + x.cities, 0);
  assert.ok(s.cities >= 8, 'the demo network at least');
  assert.equal(sum(s.by_continent), s.cities);
  assert.equal(sum(s.by_country), s.cities);
  assert.equal(sum(s.by_tier), s.cities);
  assert.equal(sum(s.by_year), s.cities);
  assert.equal(s.countries, s.by_country.length);
  assert.equal(s.continents, s.by_continent.length);
  assert.deepEqual(s.by_tier.map((x) => x.tier), ['sister', 'friendly', 'mou']);
  let total = 0;
  for (const y of s.by_year) {
    total += y.cities;
    assert.equal(y.total, total, `the network's size at the end of ${y.year}`);
  }
  assert.equal(s.by_year[0].year, 1983, "the network's first year");
});

test('a city already in the registry (same country, same English name whatever its case and blanks) is refused', async () => {
  const body = city();
  expectStatus(await officer.post('/api/v1/network/cities', body), 201);
  const before = await stats();
  const again = await approver.post('/api/v1/network/cities', { ...city(), country: body.country, name_en: `  ${body.name_en.toUpperCase().replace(' ', '   ')} ` });
  expectError(again, 409, 'network.duplicate');
  findDetail(again, 'network.duplicate', 'name_en');
  assert.match(again.body.error.message, new RegExp(`${body.name_en} \\(DE\\) is already in the registry`), 'named as the registry spells it');
  assert.equal((await stats()).cities, before.cities, 'nothing written');
  // The same name in another country is another city.
  expectStatus(await officer.post('/api/v1/network/cities', { ...city(), name_en: body.name_en, country: 'AT' }), 201);
});

test('bad input is refused with the field named, and nothing is written', async () => {
  const before = await stats();
  const cases = [
    [{ country: 'XX' }, 'country', 'country'],
    [{ lat: 91 }, 'lat', 'range'],
    [{ lon: -181 }, 'lon', 'range'],
    [{ tier: 'twin' }, 'tier', 'enum'],
    [{ established: '2999-01-01' }, 'established', 'network.established_future'],
    [{ established: '2023-02-29' }, 'established', 'type'],
    [{ population: -5 }, 'population', 'min'],
    [{ name_zh: '' }, 'name_zh', 'required'],
  ];
  for (const [change, field, rule] of cases) {
    const r = await officer.post('/api/v1/network/cities', city(change));
    expectStatus(r, 422, `${field} ${JSON.stringify(change)}`);
    findDetail(r, rule, field);
  }
  assert.equal((await stats()).cities, before.cities, 'nothing written');
});

test('who may: the office staff write, the auditor reads, nobody else either', async () => {
  expectStatus(await anonymous.get('/api/v1/network/cities'), 401);
  expectStatus(await citizen.get('/api/v1/network/cities'), 403);
  expectStatus(await owner.get('/api/v1/network/stats'), 403);
  expectStatus(await auditor.post('/api/v1/network/cities', city()), 403);
  expectStatus(await citizen.post('/api/v1/network/cities', city()), 403);
  expectStatus(await officer.get('/api/v1/network/cities/999999999'), 404);
});

const HEADER = 'name_zh,name_en,local_name,country,province,lat,lon,tier,established,population';

test('the import adds every city of a good file, and they are read back as written', async () => {
  const t = tag();
  const before = await stats();
  const r = await importCities([
    HEADER,
    `亚历山大${t},Alexandria ${t},الإسكندرية,EG,Alexandria,31.2001,29.9187,friendly,2012-03-01,5200000`,
    `"圣保罗${t}","Sao Paulo ${t}","São Paulo, SP",BR,São Paulo,-23.5505,-46.6333,mou,2016-11-20,`,
  ].join('\n') + '\n');
  assert.equal(r.code, 0, r.stderr);
  assert.deepEqual(JSON.parse(r.stdout.trim().split('\n').pop()), { cities: 2 });
  const after = await stats();
  assert.equal(after.cities, before.cities + 2);
  const listed = await listAll(officer, '/api/v1/network/cities?country=BR');
  const sp = listed.find((c) => c.name_en === `Sao Paulo ${t}`);
  assert.ok(sp, 'the quoted line imported');
  assert.equal(sp.local_name, 'São Paulo, SP');
  assert.equal(sp.population, null, 'an empty population is none');
  assert.equal(sp.continent, 'SA');
  assert.equal(sp.tier, 'mou');
});

test('a file with bad rows imports nothing and names each row, column and rule', async () => {
  const t = tag();
  const existing = city();
  expectStatus(await officer.post('/api/v1/network/cities', existing), 201);
  const before = await stats();
  const r = await importCities([
    HEADER,
    `好城${t},Goodtown ${t},,FR,,45,3,sister,2010-01-01,1000`,
    `坏城${t},Badlat ${t},,FR,,95,3,sister,2010-01-01,1000`,
    `坏城${t},Badcountry ${t},,QQ,,45,3,sister,2010-01-01,1000`,
    `坏城${t},Baddate ${t},,FR,,45,3,sister,2010-13-01,1000`,
    `好城${t},GOODTOWN ${t},,FR,,45,3,sister,2010-01-01,1000`,
    `坏城${t},Fewer ${t},FR`,
  ].join('\n') + '\n');
  assert.equal(r.code, 1);
  assert.match(r.stderr, /Row 3, lat:/);
  assert.match(r.stderr, /Row 4, country:/);
  assert.match(r.stderr, /Row 5, established:/);
  assert.match(r.stderr, /Row 6, name_en: The same city as row 2/, 'the same city twice in the file');
  assert.match(r.stderr, /Row 7: 10 columns expected, 3 found/);
  assert.doesNotMatch(r.stderr, /Row 2[,:]/, 'the good line is not named');
  assert.match(r.stderr, /5 errors: nothing imported/);
  // a good file with a city the registry has: refused, the CLI merges nothing
  const again = await importCities([
    HEADER,
    `好城${t},Goodtown ${t},,FR,,45,3,sister,2010-01-01,1000`,
    `旧城${t},${existing.name_en},,${existing.country},,45,3,sister,2010-01-01,1000`,
  ].join('\n') + '\n');
  assert.equal(again.code, 1);
  assert.match(again.stderr, /Row 3, name_en: .*already in the registry/);
  assert.match(again.stderr, /1 errors: nothing imported/);
  assert.equal((await stats()).cities, before.cities, 'nothing written');
});

test('a file whose header does not map, or that is not CSV, imports nothing', async () => {
  const before = await stats();
  const wrong = await importCities('name,country\n北京,CN\n');
  assert.equal(wrong.code, 1);
  assert.match(wrong.stderr, /Row 1: The header row must be/);
  const garbage = await importCities(`${HEADER}\n"unclosed,quote\n`);
  assert.equal(garbage.code, 1);
  assert.match(garbage.stderr, /not UTF-8 CSV/);
  assert.equal((await stats()).cities, before.cities, 'nothing written');
});

// The browser's import: the spreadsheet's sheet, its columns mapped, sent as the CLI's CSV.
const upload = (client, csv, extra = {}) =>
  client.post('/api/v1/network/cities/import', { csv, file_name: 'registry.xlsx', ...extra });
const csvRow = (c) => [c.name_zh, c.name_en, c.local_name, c.country, c.province, c.lat, c.lon, c.tier, c.established, c.population ?? ''].join(',');

test('an upload is previewed, refused while cities already there are not confirmed, then merged: only the facts the file gives change', async () => {
  const there = city({ population: 250000 });
  const created = await officer.post('/api/v1/network/cities', { ...there, status: 'dormant', notes: 'the office’s own note' });
  expectStatus(created, 201);
  const fresh = city({ country: 'AT', province: 'Tirol', lat: 47.27, lon: 11.39, tier: 'friendly', population: undefined });
  // the registry's city again: another tier and date, its English name in other case and blanks,
  // no local name and no population (kept as they are), the same coordinates to the spreadsheet's rounding
  const again = { ...there, name_en: there.name_en.toUpperCase().replace(' ', '  '), local_name: '', population: undefined,
    tier: 'friendly', established: '2018-04-01', lat: there.lat + 1e-9 };
  const same = city({ country: 'CH', province: 'Zürich', lat: 47.37, lon: 8.54 });
  expectStatus(await officer.post('/api/v1/network/cities', same), 201);
  const file = [HEADER, csvRow(fresh), csvRow(again), csvRow(same)].join('\n') + '\n';
  const before = await stats();

  const preview = await officer.post('/api/v1/network/cities/import', { csv: file, dry_run: true });
  expectStatus(preview, 200, 'the preview');
  assert.deepEqual([preview.body.dry_run, preview.body.rows, preview.body.added, preview.body.merged, preview.body.unchanged], [true, 3, 1, 1, 1]);
  const [add, merge, unchanged] = preview.body.cities;
  assert.deepEqual([add.row, add.action, add.id, add.name_en, add.changes], [2, 'add', null, fresh.name_en, []]);
  assert.deepEqual([merge.row, merge.action, merge.id], [3, 'merge', created.body.id]);
  assert.deepEqual(merge.changes, [
    { field: 'established', from: there.established, to: '2018-04-01' },
    { field: 'name_en', from: there.name_en, to: again.name_en },
    { field: 'tier', from: 'sister', to: 'friendly' },
  ]);
  assert.deepEqual([unchanged.action, unchanged.changes], ['same', []]);
  assert.equal((await stats()).cities, before.cities, 'a preview writes nothing');

  const refused = await upload(officer, file);
  expectError(refused, 409, 'network.import.duplicates');
  assert.equal(refused.body.error.details.length, 2, 'both cities already there named');
  const d = findDetail(refused, 'network.duplicate', 'csv');
  assert.deepEqual([d.row, d.column, d.id], [3, 'name_en', created.body.id]);
  assert.match(d.message, /^Row 3, name_en: .* is already in the registry/);
  assert.equal((await stats()).cities, before.cities, 'nothing written');

  const done = await upload(approver, file, { merge: true });
  expectStatus(done, 200, 'the merge confirmed');
  assert.deepEqual([done.body.dry_run, done.body.added, done.body.merged, done.body.unchanged], [false, 1, 1, 1]);
  assert.equal((await stats()).cities, before.cities + 1, 'one city added');
  const added = await officer.get(`/api/v1/network/cities/${done.body.cities[0].id}`);
  expectStatus(added, 200);
  assert.deepEqual([added.body.name_en, added.body.continent, added.body.population, added.body.status], [fresh.name_en, 'EU', null, 'active']);
  const merged = await officer.get(`/api/v1/network/cities/${created.body.id}`);
  expectStatus(merged, 200);
  const { updated_at: _u, ...after } = merged.body;
  const { updated_at: _b, ...was } = created.body;
  assert.deepEqual(after, { ...was, name_en: again.name_en, tier: 'friendly', established: '2018-04-01' },
    'the merge wrote the tier, the date and the spelling; the local name, population, status and notes are as they were');
  const audit = await listAll(auditor, '/api/v1/audit?action=network.import');
  assert.ok(audit.some((e) => e.detail.file === 'registry.xlsx' && e.detail.added === 1 && e.detail.merged === 1), 'audited');
});

test('the CLI refuses a file with cities already there, and with --merge merges them as the upload does', async () => {
  const there = city({ population: 250000 });
  const created = await officer.post('/api/v1/network/cities', { ...there, status: 'dormant', notes: 'kept by the office' });
  expectStatus(created, 201);
  const fresh = city({ country: 'AT', province: 'Tirol', lat: 47.27, lon: 11.39, tier: 'friendly' });
  const again = { ...there, local_name: '', population: undefined, tier: 'mou', established: '2017-09-09' };
  const file = [HEADER, csvRow(fresh), csvRow(again)].join('\n') + '\n';
  const before = await stats();

  const refused = await importCities(file);
  assert.equal(refused.code, 1, 'refused without --merge');
  assert.match(refused.stderr, /Row 3, name_en: .*already in the registry/);
  assert.match(refused.stderr, /1 errors: nothing imported/);
  assert.equal((await stats()).cities, before.cities, 'nothing written');

  // `--merge FILE`: the switch, then the file (not the file taken as the switch's value)
  const merged = await importCities(file, ['--merge']);
  assert.equal(merged.code, 0, merged.stderr);
  assert.deepEqual(JSON.parse(merged.stdout.trim().split('\n').pop()), { cities: 1, merged: 1 });
  assert.equal((await stats()).cities, before.cities + 1, 'the new city added');
  const r = await officer.get(`/api/v1/network/cities/${created.body.id}`);
  expectStatus(r, 200);
  const { updated_at: _u, ...after } = r.body;
  const { updated_at: _b, ...was } = created.body;
  assert.deepEqual(after, { ...was, tier: 'mou', established: '2017-09-09' },
    'the tier and the date merged; the local name, population, status and notes as they were');
  assert.deepEqual([after.status, after.notes], ['dormant', 'kept by the office']);
  const audit = await listAll(auditor, '/api/v1/audit?action=network.import');
  assert.ok(audit.some((e) => e.detail.file === 'cities.csv' && e.detail.added === 1 && e.detail.merged === 1), 'audited');

  const usage = await importCities(file, ['--mrege']);
  assert.equal(usage.code, 2, 'an unknown switch: the usage');
  assert.match(usage.stderr, /usage: waishi import partner-cities/);
});

test('an upload with bad rows is refused whole, each error at its row and column, preview or not', async () => {
  const t = tag();
  const before = await stats();
  const file = [HEADER,
    `好城${t},Fine ${t},,FR,,45,3,sister,2010-01-01,1000`,
    `坏城${t},Badlat ${t},,FR,,north,3,sister,2010-01-01,1000`,
    `坏城${t},Badpop ${t},,FR,,45,3,sister,2010-01-01,many`,
    `坏城${t},Future ${t},,FR,,45,3,twinned,2999-01-01,1000`].join('\n');
  for (const dry_run of [true, false]) {
    const r = await upload(officer, file, { dry_run, merge: true });
    expectError(r, 422, 'validation_failed');
    const at = (rule, row, column) => {
      const d = r.body.error.details.find((x) => x.rule === rule && x.row === row && x.column === column);
      assert.ok(d, `${rule} at row ${row}, ${column}: ${JSON.stringify(r.body)}`);
      assert.equal(d.field, 'csv');
      return d;
    };
    assert.match(at('network.latitude', 3, 'lat').message, /^Row 3, lat: /);
    at('network.population', 4, 'population');
    at('network.tier', 5, 'tier');
    assert.match(at('network.established_future', 5, 'established').message_zh, /^第 5 行 established：/);
    assert.equal(r.body.error.details.length, 4, 'the good row is not named');
  }
  for (const [csv, rule, row] of [
    ['name,country\n北京,CN\n', 'network.import.header', 1],
    [`${HEADER}\n`, 'network.import.empty', 2],
    [`${HEADER}\n"unclosed,quote\n`, 'network.import.not_csv', 2],
    [[HEADER, ...Array.from({ length: 5001 }, (_, i) => `城${i},City ${i},,FR,,45,3,sister,2010-01-01,`)].join('\n'), 'network.import.too_many_rows', 5002],
  ]) {
    const r = await upload(officer, csv);
    expectError(r, 422, 'validation_failed');
    assert.equal(findDetail(r, rule, 'csv').row, row, rule);
  }
  expectError(await officer.post('/api/v1/network/cities/import', { file_name: 'x.csv' }), 422, 'validation_failed');
  assert.equal((await stats()).cities, before.cities, 'nothing written');
});

test('who may upload: officers and approvers; the auditor and everyone else are refused', async () => {
  const file = `${HEADER}\n${csvRow(city())}\n`;
  for (const client of [auditor, citizen, owner]) expectError(await upload(client, file, { dry_run: true }), 403, 'forbidden');
  expectError(await upload(anonymous, file, { dry_run: true }), 401, 'unauthenticated');
});

test("the registry exports to Excel with the list's filters, names in the caller's language", async () => {
  const sheetOf = (path) => sheetBy(auditor, path);
  const en = await sheetOf('/api/v1/network/cities/export?continent=AF&lang=en');
  const col = (name) => en.header.indexOf(name);
  for (const name of ['Country', 'Continent', 'Tier', 'Established', 'Status']) assert.ok(col(name) >= 0, `a column ${name}`);
  const listed = await listAll(officer, '/api/v1/network/cities?continent=AF');
  assert.equal(en.rows.length, listed.length, "the list's rows, no more");
  assert.ok(en.rows.every((r) => r[col('Continent')] === 'Africa'));
  const bay = en.rows.find((r) => r.includes('Nelson Mandela Bay'));
  assert.ok(bay, 'the demo city of Africa');
  assert.equal(bay[col('Country')], 'South Africa');
  assert.equal(bay[col('Tier')], 'Sister city');
  assert.ok(bay[col('Established')] instanceof Date, 'a date cell');
  const zh = await sheetOf('/api/v1/network/cities/export?continent=AF&lang=zh');
  const zbay = zh.rows.find((r) => r.includes('Nelson Mandela Bay'));
  assert.ok(zbay.includes('南非') && zbay.includes('非洲') && zbay.includes('友好城市'), JSON.stringify(zbay));
  expectStatus(await citizen.get('/api/v1/network/cities/export'), 403);
});

// ------------------------------------------------------------------ cooperation projects

const project = (cityId, extra = {}) => ({
  city_id: cityId, field: 'investment', direction: 'inbound', title_zh: `测试项目${tag()}`, title_en: `Test project ${tag()}`,
  our_partners: '宁波测试企业', their_partners: 'Testburg GmbH', amount: { amount: 250000000, currency: 'EUR' },
  status: 'ongoing', started: '2024-04-01', outcomes: '',
  ...extra,
});

test("the demo's projects: the University of Nottingham Ningbo China, the training in Aachen and Rouen", async () => {
  const all = await listAll(officer, '/api/v1/network/projects');
  const unnc = all.find((p) => p.title_en === 'University of Nottingham Ningbo China');
  assert.ok(unnc, 'the joint university');
  assert.equal(unnc.city.name_en, 'Nottingham');
  assert.equal(unnc.field, 'education');
  assert.equal(unnc.direction, 'joint');
  const training = all.filter((p) => p.field === 'talent');
  assert.deepEqual(training.map((p) => p.city.name_en).sort(), ['Aachen', 'Rouen']);
  const started = all.map((p) => p.started ?? '');
  assert.deepEqual(started.filter(Boolean), started.filter(Boolean).sort().reverse(), 'latest started first');
});

test('a project added to a city is read back, listed under its city, field and direction, and counted by field', async () => {
  const c = await officer.post('/api/v1/network/cities', city());
  expectStatus(c, 201);
  const before = await stats();
  const body = project(c.body.id);
  const r = await approver.post('/api/v1/network/projects', body);
  expectStatus(r, 201, 'the approver adds a project');
  for (const k of ['field', 'direction', 'title_zh', 'title_en', 'our_partners', 'their_partners', 'amount', 'status', 'started']) {
    assert.deepEqual(r.body[k], body[k], k);
  }
  assert.deepEqual(r.body.city, { id: c.body.id, name_zh: c.body.name_zh, name_en: c.body.name_en, country: 'DE' });
  const got = await auditor.get(`/api/v1/network/projects/${r.body.id}`);
  expectStatus(got, 200);
  assert.deepEqual(got.body, r.body);
  const ofCity = await listAll(officer, `/api/v1/network/projects?city_id=${c.body.id}`);
  assert.deepEqual(ofCity.map((p) => p.id), [r.body.id], "the city's one project");
  const inbound = await listAll(officer, '/api/v1/network/projects?field=investment&direction=inbound');
  assert.ok(inbound.some((p) => p.id === r.body.id));
  assert.ok(inbound.every((p) => p.field === 'investment' && p.direction === 'inbound'));
  // Without an amount or a start: none.
  const bare = await officer.post('/api/v1/network/projects', project(c.body.id, { amount: undefined, started: undefined, status: 'planned' }));
  expectStatus(bare, 201);
  assert.equal(bare.body.amount, null);
  assert.equal(bare.body.started, null);

  const after = await stats();
  assert.equal(after.projects, before.projects + 2);
  const investment = (s) => s.projects_by_field.find((x) => x.field === 'investment');
  assert.equal(investment(after).inbound, investment(before).inbound + 2);
  assert.equal(investment(after).projects, investment(before).projects + 2);
});

test('the projects figures list all fourteen fields and add up', async () => {
  const s = await stats();
  assert.deepEqual(s.projects_by_field.map((x) => x.field), [
    'trade', 'investment', 'tourism', 'politics', 'energy', 'science', 'environment', 'sports', 'culture', 'health',
    'transport', 'urban_construction', 'education', 'talent']);
  for (const x of s.projects_by_field) assert.equal(x.projects, x.inbound + x.outbound + x.joint, x.field);
  assert.equal(s.projects_by_field.reduce((n, x) => n + x.projects, 0), s.projects);
  assert.ok(s.projects >= 6, "the demo's at least");
});

test('a bad project is refused with the field named, and nothing is written', async () => {
  const c = await officer.post('/api/v1/network/cities', city());
  expectStatus(c, 201);
  const before = (await stats()).projects;
  const cases = [
    [{ amount: { amount: 100, currency: 'XYZ' } }, 'amount.currency', 'enum'],
    [{ amount: { amount: 12.5, currency: 'EUR' } }, 'amount.amount', 'type'],
    [{ amount: { amount: -1, currency: 'EUR' } }, 'amount.amount', 'min'],
    [{ field: 'astrology' }, 'field', 'enum'],
    [{ direction: 'sideways' }, 'direction', 'enum'],
    [{ started: '2024-13-01' }, 'started', 'type'],
    [{ title_en: ' ' }, 'title_en', 'required'],
    [{ city_id: 999999999 }, 'city_id', 'network.city_unknown'],
  ];
  for (const [change, field, rule] of cases) {
    const r = await officer.post('/api/v1/network/projects', project(c.body.id, change));
    expectStatus(r, 422, `${field} ${JSON.stringify(change)}`);
    findDetail(r, rule, field);
  }
  expectError(await officer.get('/api/v1/network/projects?city_id=abc'), 400, 'invalid_query');
  expectStatus(await officer.get('/api/v1/network/projects/999999999'), 404);
  expectStatus(await auditor.post('/api/v1/network/projects', project(c.body.id)), 403);
  expectStatus(await citizen.get('/api/v1/network/projects'), 403);
  assert.equal((await stats()).projects, before, 'nothing written');
});

// ------------------------------------------------------------------ exchanges, and the review

const secadmin = await as('secadmin');
const daysAgo = (n) => new Date(Date.now() + 8 * 3600e3 - n * 86400e3).toISOString().slice(0, 10);
const exchange = (cityId, extra = {}) => ({
  city_id: cityId, kind: 'delegation_in', starts_on: daysAgo(10), leader: 'Testburg mayor', people: 7,
  purpose_zh: `测试来访${tag()}`, purpose_en: 'A test visit', cities_visited: '宁波', outcome: '', ...extra,
});

test("the demo's exchanges lie in the past, latest first, and of its eight named cities Wilmington alone is quiet enough to review", async () => {
  const all = await listAll(officer, '/api/v1/network/exchanges');
  const demo = all.filter((e) => ['Nottingham', 'Aachen', 'Rouen', 'Nelson Mandela Bay', 'Florence', 'Nagaokakyo'].includes(e.city.name_en));
  assert.ok(demo.length >= 6);
  assert.ok(demo.every((e) => e.starts_on <= daysAgo(0)), 'none in the future');
  const dates = all.map((e) => e.starts_on);
  assert.deepEqual(dates, [...dates].sort().reverse(), 'latest first');
  const training = all.filter((e) => e.kind === 'training' && ['Aachen', 'Rouen'].includes(e.city.name_en));
  const trained = (list) => list.reduce((n, e) => n + e.people, 0);
  assert.equal(trained(training.filter((e) => e.starts_on <= '2016-12-31')), 153, "the seed's 150-odd trained in Aachen and Rouen by 2016");
  assert.equal(trained(training), 198, 'and 45 since');
  const review = await auditor.get('/api/v1/network/review');
  expectStatus(review, 200);
  const named = review.body.items.map((x) => x.city.name_en);
  assert.ok(named.includes('Wilmington'), JSON.stringify(named));
  for (const busy of ['Nottingham', 'Aachen', 'Rouen', 'Florence', 'Nelson Mandela Bay', 'Nagaokakyo', 'Wilhelmshaven']) {
    assert.ok(!named.includes(busy), `${busy} is not to review`);
  }
  // The illustrative rest of the network (demo_cities.csv) has nothing recorded: the old relations are to review.
  assert.ok(named.includes('Hakodate'), 'established in 1987, nothing since');
});

test('an exchange is recorded, listed under its city and kind, counted by year, and takes its city off the review', async () => {
  // An old relation with nothing since: to review.
  const c = await officer.post('/api/v1/network/cities', city({ established: '2001-03-03' }));
  expectStatus(c, 201);
  const reviewed = async () => (await officer.get('/api/v1/network/review')).body.items.map((x) => x.city.id);
  assert.ok((await reviewed()).includes(c.body.id), 'quiet since 2001');
  // A project started long ago does not wake it.
  expectStatus(await officer.post('/api/v1/network/projects', project(c.body.id, { started: '2010-01-01' })), 201);
  assert.ok((await reviewed()).includes(c.body.id));

  const before = await stats();
  const body = exchange(c.body.id, { kind: 'training', field: 'health', people: 12 });
  const r = await approver.post('/api/v1/network/exchanges', body);
  expectStatus(r, 201, 'the approver records a training');
  for (const k of ['kind', 'starts_on', 'leader', 'people', 'purpose_zh', 'purpose_en', 'cities_visited', 'field']) {
    assert.deepEqual(r.body[k], body[k], k);
  }
  const got = await auditor.get(`/api/v1/network/exchanges/${r.body.id}`);
  expectStatus(got, 200);
  assert.deepEqual(got.body, r.body);
  const listed = await listAll(officer, `/api/v1/network/exchanges?city_id=${c.body.id}&kind=training`);
  assert.deepEqual(listed.map((e) => e.id), [r.body.id]);
  assert.ok(!(await reviewed()).includes(c.body.id), 'active again');

  const after = await stats();
  assert.equal(after.exchanges, before.exchanges + 1);
  const year = Number(body.starts_on.slice(0, 4));
  const trainings = (s) => s.exchanges_by_year.find((y) => y.year === year)?.training ?? 0;
  assert.equal(trainings(after), trainings(before) + 1);
  assert.equal(after.dormant_candidates, (await officer.get('/api/v1/network/review')).body.items.length);
});

test('the review follows the policy: with 30 years, a city quiet since 2001 is not yet to review', async () => {
  const c = await officer.post('/api/v1/network/cities', city({ established: '2001-03-03' }));
  expectStatus(c, 201);
  const set = (years) => secadmin.put('/api/v1/policies/network', { dormant_after_years: years });
  try {
    expectStatus(await set(30), 200, 'the security administrator sets the policy');
    const r = await officer.get('/api/v1/network/review');
    assert.equal(r.body.years, 30);
    assert.ok(!r.body.items.some((x) => x.city.id === c.body.id));
    expectError(await set(0), 422);
  } finally {
    expectStatus(await set(3), 200);
  }
  const r = await officer.get('/api/v1/network/review');
  assert.equal(r.body.years, 3);
  assert.ok(r.body.items.some((x) => x.city.id === c.body.id));
});

test('a bad exchange is refused with the field named, and nothing is written', async () => {
  const c = await officer.post('/api/v1/network/cities', city());
  expectStatus(c, 201);
  const before = (await stats()).exchanges;
  const cases = [
    [{ kind: 'party' }, 'kind', 'enum'],
    [{ people: 0 }, 'people', 'range'],
    [{ starts_on: 'yesterday' }, 'starts_on', 'type'],
    [{ purpose_zh: '' }, 'purpose_zh', 'required'],
    [{ field: 'magic' }, 'field', 'enum'],
    [{ city_id: 999999999 }, 'city_id', 'network.city_unknown'],
  ];
  for (const [change, field, rule] of cases) {
    const r = await officer.post('/api/v1/network/exchanges', exchange(c.body.id, change));
    expectStatus(r, 422, `${field} ${JSON.stringify(change)}`);
    findDetail(r, rule, field);
  }
  expectError(await officer.get('/api/v1/network/exchanges?city_id=x'), 400, 'invalid_query');
  expectStatus(await officer.get('/api/v1/network/exchanges/999999999'), 404);
  expectStatus(await auditor.post('/api/v1/network/exchanges', exchange(c.body.id)), 403);
  expectStatus(await owner.get('/api/v1/network/review'), 403);
  assert.equal((await stats()).exchanges, before, 'nothing written');
});

// The map a profile draws (src/core/documents/render.cpp): the colours of its sea, land and
// marker, and the band of latitude it shows (src/network/profile.cpp, kMapSpan).
const SEA = [209, 230, 245];
const LAND = [242, 237, 217];
const MARKER = [204, 13, 13];
const MAP_SPAN = 7;
const DPI = 50;

// The map on a profile's first page, rendered at 50 dpi: its frame (the box of the land- and
// sea-coloured pixels, which only the map has), how many pixels of each, and the colour at a
// point of it given as fractions of its width and height from the top left; null without one.
function mapOn(pdf) {
  const page = pdfPixels(pdf, { dpi: DPI });
  let left = Infinity, top = Infinity, right = -1, bottom = -1, land = 0, sea = 0;
  for (let y = 0; y < page.height; y++) {
    for (let x = 0; x < page.width; x++) {
      const c = page.at(x, y);
      const isLand = near(c, LAND, 3);
      const isSea = !isLand && near(c, SEA, 3);
      if (!isLand && !isSea) continue;
      if (isLand) land++; else sea++;
      left = Math.min(left, x); right = Math.max(right, x);
      top = Math.min(top, y); bottom = Math.max(bottom, y);
    }
  }
  if (right < 0) return null;
  const width = right - left + 1, height = bottom - top + 1;
  return {
    width, height, land, sea,
    at: (fx, fy) => page.at(Math.round(left + fx * width), Math.round(top + fy * height)),
  };
}

// Where a city's marker is in its map: the middle, unless the frame stops at a pole.
function markerAt(lat) {
  const centre = Math.min(Math.max(lat, -90 + MAP_SPAN / 2), 90 - MAP_SPAN / 2);
  return [0.5, 0.5 - (lat - centre) / MAP_SPAN];
}

// A profile's map is there: as wide as the text (156 mm), the marker's red at the city.
function expectMap(pdf, city, what) {
  const map = mapOn(pdf);
  assert.ok(map, `${what}: the profile has a map`);
  assert.ok(Math.abs(map.width - (156 / 25.4) * DPI) <= 3, `${what}: the map is as wide as the text: ${map.width}px`);
  assert.ok(map.height >= (25 / 25.4) * DPI, `${what}: the map is 25 mm high at least: ${map.height}px`);
  const [fx, fy] = markerAt(city.lat);
  const c = map.at(fx, fy);
  assert.ok(near(c, MARKER, 12), `${what}: the marker's red at the city, not rgb(${c})`);
  return map;
}

test("a city's profile is one printable page in both languages: names, basics, projects, latest exchanges", async () => {
  const all = await listAll(officer, '/api/v1/network/cities?country=GB');
  const nottingham = all.find((c) => c.name_en === 'Nottingham');
  const r = await auditor.get(`/api/v1/network/cities/${nottingham.id}/profile.pdf`, { raw: true });
  expectStatus(r, 200, 'the auditor prints the profile');
  assert.equal(r.headers.get('content-type'), 'application/pdf');
  assert.match(r.headers.get('content-disposition'), /partner-city-\d+\.pdf/);
  const raw = pdfText(r.bytes).text;
  assert.equal(raw.split('\f').length - 1, 1, 'one page');
  const text = raw.replace(/\s+/g, ' ');
  for (const words of ['国际友城简介：诺丁汉市', 'Partner city profile: Nottingham', '英国', 'United Kingdom', '欧洲 Europe',
    '友好城市 Sister city', '宁波诺丁汉大学', 'University of Nottingham Ningbo China', '来访团组', '诺丁汉市市长',
    '宁波市人民政府外事办公室', '编制日期', 'Prepared', '联系人 Contacts', 'Sarah Collins', 'Nottingham City Council']) {
    assert.ok(text.includes(words), `the profile says ${words}: ${text.slice(0, 400)}`);
  }
  // The map of the land around it, the city marked and named with its coordinates.
  const map = expectMap(r.bytes, nottingham, 'Nottingham');
  assert.ok(map.land > 0.2 * map.width * map.height, `Nottingham: land around it: ${map.land}px`);
  assert.ok(map.sea > 0.1 * map.width * map.height, `Nottingham: the sea beside it: ${map.sea}px`);
  assert.ok(text.includes('诺丁汉市 Nottingham'), text);
  assert.match(text, /52\.95\d°\s?N 1\.15\d°\s?W/);
  // Every demo city, the busiest (Aachen: two contacts, two projects, exchanges) among them, on one
  // page with its map; Suva's across the antimeridian, Nelson Mandela Bay's south of the equator.
  const active = await listAll(officer, '/api/v1/network/cities?status=active');
  const cities = active.filter((c) => (c.name_zh.endsWith('市') && !/\d/.test(c.name_en)) || c.name_en === 'Suva');
  assert.ok(cities.some((c) => c.name_en === 'Aachen') && cities.some((c) => c.name_en === 'Suva'));
  for (const c of cities) {
    const pdf = await officer.get(`/api/v1/network/cities/${c.id}/profile.pdf`, { raw: true });
    expectStatus(pdf, 200);
    assert.equal(pdfText(pdf.bytes).text.split('\f').length - 1, 1, `${c.name_en}: one page`);
    const m = expectMap(pdf.bytes, c, c.name_en);
    assert.ok(m.land > 0 && m.sea > 0, `${c.name_en}: land and sea: ${m.land}, ${m.sea}px`);
    // Fiji is a few islands: land drawn the wrong way round the world would fill a band of it.
    if (c.name_en === 'Suva') assert.ok(m.land < 0.1 * m.width * m.height, `Suva: ${m.land}px of land`);
  }
  // A city with nothing yet says so, rather than printing empty tables.
  const c = await officer.post('/api/v1/network/cities', city());
  const barePdf = (await officer.get(`/api/v1/network/cities/${c.body.id}/profile.pdf`, { raw: true })).bytes;
  const bare = pdfText(barePdf).text;
  assert.ok(bare.replace(/\s+/g, ' ').includes('暂无 None yet'), bare);
  expectMap(barePdf, c.body, 'a new city');
  // A city by a pole or by the antimeridian: one page, its map, its marker.
  for (const [lat, lon] of [[89, 30], [-89, -150], [-16.5, 179.9], [65, -180]]) {
    const far = await officer.post('/api/v1/network/cities', city({ lat, lon }));
    expectStatus(far, 201, `a city at ${lat}, ${lon}`);
    const pdf = await officer.get(`/api/v1/network/cities/${far.body.id}/profile.pdf`, { raw: true });
    expectStatus(pdf, 200, `the profile of a city at ${lat}, ${lon}`);
    assert.equal(pdfText(pdf.bytes).text.split('\f').length - 1, 1, `${lat}, ${lon}: one page`);
    expectMap(pdf.bytes, far.body, `${lat}, ${lon}`);
  }
  expectStatus(await officer.get('/api/v1/network/cities/999999999/profile.pdf'), 404);
  expectStatus(await citizen.get(`/api/v1/network/cities/${nottingham.id}/profile.pdf`), 403);
});
