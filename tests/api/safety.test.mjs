// Overseas safety (issue 11, first slice): people abroad imported with the CLI (all or nothing,
// a bad row named by its line and column) and found by the crisis query — inside the circle
// and the window, each person once, nearest first, the counts adding up — by the consular
// desk only, every bad question refused naming its field, and each query audited.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  Client, addDays, as, dayOfOwnBand, eventually, expectError, expectStatus, findDetail, firstLogin, listAll, tag,
} from './lib/client.mjs';

const anonymous = new Client();
const officer = await as('officer');
const citizen = await as('citizen');
const auditor = await as('auditor');

const HEADER = 'person_id,name,phone,email,country,city,lat,lon,from,to';
// A window in this file's own band of years (lib/client.mjs): no other file's people are there then.
const run = tag();
const BASE = dayOfOwnBand('safety');
// Ushuaia, Argentina; a degree of latitude is 111.195 km on the mean sphere.
const USHUAIA = { lat: -54.8019, lon: -68.303 };
const north = (km) => (USHUAIA.lat + km / 111.195).toFixed(5);

async function importCsv(lines, header = HEADER) {
  const dir = mkdtempSync(join(tmpdir(), 'waishi-safety-'));
  const file = join(dir, 'itineraries.csv');
  writeFileSync(file, [header, ...lines].join('\n') + '\n');
  return new Promise((resolve) => {
    execFile(process.env.WAISHI_BIN, ['import', 'itineraries', '--db', process.env.WAISHI_DB, file],
      { env: process.env }, (error, stdout, stderr) => resolve({ code: error ? error.code : 0, stdout, stderr }));
  });
}

function row(person, name, km, from, to, city = 'Ushuaia') {
  return `${run}-${person},${name},13800000000,,AR,${city},${north(km)},${USHUAIA.lon},${addDays(BASE, from)},${addDays(BASE, to)}`;
}

const question = (over = {}) => ({
  lat: USHUAIA.lat, lon: USHUAIA.lon, radius_km: 300, from: addDays(BASE, 10), to: addDays(BASE, 12), ...over,
});

test('a file with a bad date in row 12 is refused naming line 12, and nothing of it is imported', async () => {
  const good = Array.from({ length: 10 }, (_, i) => row(`bad${i}`, '坏文件', 0, 10, 12));
  const r = await importCsv([...good, row('bad10', '坏文件', 0, 10, 12).replace(addDays(BASE, 10), '2026-13-01')]);
  assert.equal(r.code, 1, r.stderr);
  assert.match(r.stderr, /line 12, from: .*Must be a date \(YYYY-MM-DD\)\./);
  assert.match(r.stderr, /1 bad rows: nothing imported/);
  const asked = await officer.post('/api/v1/safety/affected', question({ radius_km: 1 }));
  expectStatus(asked, 200);
  assert.equal(asked.body.legs, 0, 'none of the good rows was written');
});

test('a file whose header, columns or quoting are wrong is refused, naming the line', async () => {
  const header = await importCsv([row('h1', '表头', 0, 10, 12)], 'id,name,country,city,lat,lon,from,to');
  assert.equal(header.code, 1);
  assert.match(header.stderr, /line 1: .*The first line must be the header person_id,name,phone,email,country,city,lat,lon,from,to\./);
  const short = await importCsv([row('c1', '列数', 0, 10, 12), row('c2', '列数', 0, 10, 12).replace(/,[^,]*$/, '')]);
  assert.equal(short.code, 1);
  assert.match(short.stderr, /line 3: .*A row has 10 columns; this one has 9\./);
  const quoted = await importCsv([row('q1', '引号', 0, 10, 12), `${run}-q2,"open quote,,,AR,Ushuaia,${north(0)},${USHUAIA.lon},${addDays(BASE, 10)},${addDays(BASE, 12)}`]);
  assert.equal(quoted.code, 1);
  assert.match(quoted.stderr, /not valid CSV/);
  const asked = await officer.post('/api/v1/safety/affected', question({ radius_km: 1 }));
  assert.equal(asked.body.legs, 0, 'none of these files wrote a row');
});

test('a latitude of "nan" or a longitude past 180 is refused, naming the line and the column', async () => {
  const r = await importCsv([
    row('nan1', '无效', 0, 10, 12).replace(north(0), 'nan'),
    row('lon1', '无效', 0, 10, 12).replace(String(USHUAIA.lon), '180.5'),
  ]);
  assert.equal(r.code, 1, r.stderr);
  assert.match(r.stderr, /line 2, lat: /);
  assert.match(r.stderr, /line 3, lon: /);
});

test('the consular desk finds who is inside the circle during the window: each person once, nearest first', async () => {
  const r = await importCsv([
    row('p1', '张三', 0, 9, 11),                          // in the centre, meets the window
    row('p2', '李四', 100, 12, 20),                       // 100 km north, from the window's last day
    row('p3', '王五', 250, 0, 30), row('p3', '王五', 50, 31, 40), // 250 km in the window; later nearer
    row('p4', '赵六', 400, 10, 12),                       // 400 km: outside the circle
    row('p5', '钱七', 0, 13, 15),                         // the day after the window
    row('p6', '孙八', 20, 5, 10, 'Ushuaia'), row('p6', '孙八', 30, 11, 12, 'Tolhuin'), // two legs inside
  ]);
  assert.equal(r.code, 0, r.stderr);
  const report = JSON.parse(r.stdout.trim().split('\n').at(-1));
  assert.equal(report.legs, 8);
  assert.equal(report.people, 6);

  const asked = await officer.post('/api/v1/safety/affected', question());
  expectStatus(asked, 200);
  const a = asked.body;
  assert.equal(a.legs, 5, JSON.stringify(a.items));
  assert.equal(a.people, 4);
  assert.equal(a.groups, 0);
  assert.equal(a.enterprises, 0);
  assert.equal(a.now, null, 'today is not inside a window years ahead');
  assert.deepEqual(a.by_country, [{ country: 'AR', legs: 5, people: 4 }]);
  assert.deepEqual(a.by_city, [
    { country: 'AR', city: 'Ushuaia', legs: 4, people: 4 },
    { country: 'AR', city: 'Tolhuin', legs: 1, people: 1 },
  ]);
  assert.deepEqual(a.items.map((i) => i.name), ['张三', '孙八', '李四', '王五'], 'nearest first');
  assert.equal(a.items[0].distance_km, 0);
  assert.ok(Math.abs(a.items[1].distance_km - 20) < 0.01, `孙八 at his nearer leg: ${a.items[1].distance_km}`);
  assert.ok(Math.abs(a.items[2].distance_km - 100) < 0.01);
  assert.deepEqual([a.items[0].from, a.items[0].to, a.items[0].country, a.items[0].city],
    [addDays(BASE, 9), addDays(BASE, 11), 'AR', 'Ushuaia']);

  // Paged: two at a time.
  const second = await officer.post('/api/v1/safety/affected', question({ page: 2, page_size: 2 }));
  expectStatus(second, 200);
  assert.deepEqual(second.body.items.map((i) => i.name), ['李四', '王五']);
  assert.equal(second.body.people, 4, 'the counts are of every page');
  // A circle of 10 km holds only the centre's.
  const small = await officer.post('/api/v1/safety/affected', question({ radius_km: 10 }));
  assert.deepEqual(small.body.items.map((i) => i.name), ['张三']);

  // The query read personal data: audited, with its question and how many people it found.
  const entries = await eventually(async () => {
    const e = await listAll(auditor, '/api/v1/audit?action=safety.affected.read');
    assert.ok(e.some((x) => x.detail?.people === 4 && x.detail?.radius_km === 300), JSON.stringify(e.slice(0, 3)));
    return e;
  });
  assert.ok(entries.length >= 3);
});

test('a bad question is refused naming its field and rule', async () => {
  const cases = [
    [{ lat: 91 }, 'range', 'lat'],
    [{ lon: -180.5 }, 'range', 'lon'],
    [{ radius_km: 0 }, 'range', 'radius_km'],
    [{ radius_km: 20001 }, 'range', 'radius_km'],
    [{ from: '2035-02-30' }, 'type', 'from'],
    [{ page_size: 501 }, 'range', 'page_size'],
  ];
  for (const [over, rule, field] of cases) {
    const r = await officer.post('/api/v1/safety/affected', question(over));
    expectError(r, 422, 'validation_failed');
    findDetail(r, rule, field);
  }
  const reversed = await officer.post('/api/v1/safety/affected', question({ from: addDays(BASE, 12), to: addDays(BASE, 10) }));
  expectError(reversed, 422);
  const d = findDetail(reversed, 'safety.window_order', 'to');
  assert.match(d.message_zh, /结束日期/, 'in Chinese as well');
  const { radius_km, ...rest } = question();
  void radius_km;
  findDetail(await officer.post('/api/v1/safety/affected', rest), 'required', 'radius_km');
});

test('only the consular desk and the auditor ask; a citizen, an officer of no desk and the anonymous may not', async () => {
  expectStatus(await auditor.post('/api/v1/safety/affected', question()), 200);
  expectError(await citizen.post('/api/v1/safety/affected', question()), 403, 'forbidden');
  expectError(await anonymous.post('/api/v1/safety/affected', question()), 401);
  const username = `safety.deskless.${run}`.toLowerCase();
  const u = await (await as('admin')).post('/api/v1/users', {
    username, password: 'Safety-Initial-Passw0rd', display_name: '无岗经办 No desk', org_id: officer.user.org.id,
  });
  expectStatus(u, 201);
  expectStatus(await (await as('secadmin')).put(`/api/v1/users/${u.body.id}/roles`, { roles: ['officer'] }), 200);
  const deskless = await firstLogin(username, 'Safety-Initial-Passw0rd');
  expectError(await deskless.post('/api/v1/safety/affected', question()), 403, 'forbidden');
});
