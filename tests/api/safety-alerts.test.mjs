// Travel alerts (issue 11): written by the consular desk for countries or a circle at one of
// three levels, in both languages; a draft until published, then on the public page (no
// sign-in) while valid; sent by e-mail to the registered people whose legs meet its area and
// period only once a second member of the desk has reviewed the send. Bad input is refused
// naming its field, and nothing is written.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  Client, addDays, as, dayOfOwnBand, expectError, expectStatus, findDetail, listAll, tag, todayInChina,
} from './lib/client.mjs';
import { mailTo } from './lib/mail.mjs';

const anonymous = new Client();
const officer = await as('officer');
const approver = await as('approver');
const citizen = await as('citizen');
const auditor = await as('auditor');

const run = tag();
const today = todayInChina();
// A period in this file's own band of years (lib/client.mjs): no other file's people are there then.
const BASE = dayOfOwnBand('safety-alerts');
const address = `alert.${run}@example.org`.toLowerCase();

// Two people in Reykjavík during the period (one with an address), one there long after.
const dir = mkdtempSync(join(tmpdir(), 'waishi-alerts-'));
const file = join(dir, 'itineraries.csv');
writeFileSync(file, ['person_id,name,phone,email,country,city,lat,lon,from,to',
  `${run}-1,冰岛甲,,${address},IS,Reykjavík,64.1466,-21.9426,${addDays(BASE, 2)},${addDays(BASE, 6)}`,
  `${run}-2,冰岛乙,,,IS,Reykjavík,64.1466,-21.9426,${addDays(BASE, 0)},${addDays(BASE, 1)}`,
  `${run}-3,冰岛丙,,,IS,Akureyri,65.6835,-18.0878,${addDays(BASE, 40)},${addDays(BASE, 45)}`,
].join('\n') + '\n');
await new Promise((resolve, reject) => execFile(process.env.WAISHI_BIN,
  ['import', 'itineraries', '--db', process.env.WAISHI_DB, file], { env: process.env }, (e, _o, err) => (e ? reject(new Error(err)) : resolve())));

const alert = (over = {}) => ({
  level: 2,
  area: { kind: 'countries', countries: ['IS'] },
  title_zh: `冰岛火山喷发 ${run}`, title_en: `Volcanic eruption in Iceland ${run}`,
  body_zh: '雷克雅内斯半岛火山喷发,请远离熔岩区并关注当地政府通告。',
  body_en: 'An eruption on the Reykjanes peninsula: keep away from the lava field and follow the authorities.',
  valid_from: addDays(BASE, 0), valid_until: addDays(BASE, 10), review_on: addDays(BASE, 5),
  ...over,
});

test('a bad alert is refused naming its field, and only the desk writes one', async () => {
  const cases = [
    [{ level: 4 }, 'enum', 'level'],
    [{ area: { kind: 'countries', countries: [] } }, 'required', 'area.countries'],
    [{ area: { kind: 'countries', countries: ['XX'] } }, 'country', 'area.countries[0]'],
    [{ area: { kind: 'circle', lat: 64.1, lon: -21.9 } }, 'required', 'area.radius_km'],
    [{ area: { kind: 'circle', lat: 91, lon: -21.9, radius_km: 50 } }, 'range', 'area.lat'],
    [{ valid_until: addDays(BASE, -1) }, 'safety.window_order', 'valid_until'],
    [{ title_en: ' ' }, 'required', 'title_en'],
    [{ area: { kind: 'cities', place_ids: [] } }, 'required', 'area.place_ids'],
    [{ area: { kind: 'cities' } }, 'required', 'area.place_ids'],
    [{ area: { kind: 'cities', place_ids: [999999999] } }, 'place.unknown', 'area.place_ids[0]'],
    [{ area: { kind: 'cities', place_ids: ['Reykjavik'] } }, 'type', 'area.place_ids[0]'],
  ];
  for (const [over, rule, field] of cases) {
    const r = await officer.post('/api/v1/safety/alerts', alert(over));
    expectError(r, 422, 'validation_failed');
    assert.ok(findDetail(r, rule, field), `${JSON.stringify(over)} → ${rule} on ${field}`);
  }
  expectError(await citizen.post('/api/v1/safety/alerts', alert()), 403, 'forbidden');
  expectError(await auditor.post('/api/v1/safety/alerts', alert()), 403, 'forbidden');
  expectError(await anonymous.post('/api/v1/safety/alerts', alert()), 401, 'unauthenticated');
  const all = await listAll(officer, '/api/v1/safety/alerts');
  assert.equal(all.filter((a) => a.title_en.includes(run)).length, 0, 'nothing was written');
});

test('published and valid today: on the public page, the most serious first; a draft or a withdrawn one is not', async () => {
  const now = { valid_from: addDays(today, -1), valid_until: addDays(today, 30), review_on: addDays(today, 14) };
  const red = await officer.post('/api/v1/safety/alerts', alert({ ...now, level: 3, area: { kind: 'circle', lat: 63.85, lon: -22.43, radius_km: 30 } }));
  expectStatus(red, 201);
  assert.equal(red.body.state, 'draft');
  const yellow = await officer.post('/api/v1/safety/alerts', alert({ ...now, level: 1 }));
  const draft = await officer.post('/api/v1/safety/alerts', alert({ ...now, level: 2 }));
  const publicIds = async () => (await anonymous.get('/api/v1/safety/alerts/current')).body.items
    .filter((a) => a.title_en.includes(run)).map((a) => a.id);
  assert.deepEqual(await publicIds(), [], 'drafts are not public');
  expectStatus(await officer.post(`/api/v1/safety/alerts/${yellow.body.id}/publish`), 200);
  const published = await approver.post(`/api/v1/safety/alerts/${red.body.id}/publish`);
  expectStatus(published, 200);
  assert.equal(published.body.state, 'published');
  expectError(await officer.post(`/api/v1/safety/alerts/${red.body.id}/publish`), 409, 'safety.alert_state');
  const current = await anonymous.get('/api/v1/safety/alerts/current');
  expectStatus(current, 200);
  const mine = current.body.items.filter((a) => a.title_en.includes(run));
  assert.deepEqual(mine.map((a) => a.id), [red.body.id, yellow.body.id], 'red before yellow');
  assert.deepEqual(mine[0].area, { kind: 'circle', lat: 63.85, lon: -22.43, radius_km: 30 });
  assert.equal(mine[0].send, undefined, 'the send is the office\'s business');
  assert.ok(!(await publicIds()).includes(draft.body.id));
  expectStatus(await officer.post(`/api/v1/safety/alerts/${yellow.body.id}/withdraw`), 200);
  assert.deepEqual(await publicIds(), [red.body.id]);
  expectError(await officer.post(`/api/v1/safety/alerts/${draft.body.id}/withdraw`), 409, 'safety.alert_state');
});

test('the mass send: asked by one, reviewed by another, reaching those whose legs meet the area and period', async () => {
  const created = await officer.post('/api/v1/safety/alerts', alert());
  const id = created.body.id;
  expectError(await officer.post(`/api/v1/safety/alerts/${id}/send`), 409, 'safety.alert_send_state');  // a draft
  expectStatus(await officer.post(`/api/v1/safety/alerts/${id}/publish`), 200);
  const asked = await officer.post(`/api/v1/safety/alerts/${id}/send`);
  expectStatus(asked, 200);
  assert.equal(asked.body.send.state, 'pending_review');
  assert.equal(asked.body.send.recipients, 2, 'the two in Iceland during the period, not the one there later');
  expectError(await officer.post(`/api/v1/safety/alerts/${id}/send`), 409, 'safety.alert_send_state');
  expectError(await officer.post(`/api/v1/safety/alerts/${id}/send/approve`), 409, 'safety.alert_second_reviewer');
  expectError(await auditor.post(`/api/v1/safety/alerts/${id}/send/approve`), 403, 'forbidden');
  const sent = await approver.post(`/api/v1/safety/alerts/${id}/send/approve`);
  expectStatus(sent, 200);
  assert.deepEqual([sent.body.send.state, sent.body.send.recipients, sent.body.send.emailed], ['sent', 2, 1]);
  const mail = await mailTo(address, '雷克雅内斯');
  assert.match(mail.subject, /谨慎前往/);
  expectError(await approver.post(`/api/v1/safety/alerts/${id}/send/approve`), 409, 'safety.alert_send_state');
  const audit = await listAll(auditor, '/api/v1/audit?action=safety.alert.send');
  assert.ok(audit.some((e) => e.object_id === String(id) && e.username === 'approver' && e.detail.recipients === 2));
});

test('a circle reaches only those inside it', async () => {
  const circle = await officer.post('/api/v1/safety/alerts', alert({ area: { kind: 'circle', lat: 65.6835, lon: -18.0878, radius_km: 20 }, valid_until: addDays(BASE, 50) }));
  expectStatus(await officer.post(`/api/v1/safety/alerts/${circle.body.id}/publish`), 200);
  const asked = await officer.post(`/api/v1/safety/alerts/${circle.body.id}/send`);
  assert.equal(asked.body.send.recipients, 1, 'Akureyri, not Reykjavík 250 km away');
  expectError(await citizen.get(`/api/v1/safety/alerts/${circle.body.id}`), 403, 'forbidden');
  expectError(await officer.get('/api/v1/safety/alerts/999999999'), 404, 'not_found');
});

test('a list of cities reaches those within 30 km of one, and names its cities', async () => {
  const find = async (q) => (await officer.get(`/api/v1/places?q=${encodeURIComponent(q)}&country=IS&limit=1`)).body.items[0];
  const akureyri = await find('Akureyri');
  const reykjavik = await find('Reykjavik');
  const byCities = async (ids) => {
    const created = await officer.post('/api/v1/safety/alerts', alert({ area: { kind: 'cities', place_ids: ids }, valid_until: addDays(BASE, 50) }));
    expectStatus(created, 201);
    expectStatus(await officer.post(`/api/v1/safety/alerts/${created.body.id}/publish`), 200);
    return (await officer.post(`/api/v1/safety/alerts/${created.body.id}/send`)).body;
  };
  const one = await byCities([akureyri.id]);
  assert.equal(one.send.recipients, 1, 'Akureyri\'s traveller, not Reykjavík\'s');
  assert.deepEqual(one.area, {
    kind: 'cities', place_ids: [akureyri.id],
    cities: [{ place_id: akureyri.id, country: 'IS', name_en: akureyri.name_en, name_zh: akureyri.name_zh, lat: akureyri.lat, lon: akureyri.lon }],
  });
  const both = await byCities([reykjavik.id, akureyri.id, reykjavik.id]);
  assert.equal(both.send.recipients, 3, 'the two in Reykjavík and the one in Akureyri');
  assert.deepEqual(both.area.cities.map((c) => c.name_en), [reykjavik.name_en, akureyri.name_en], 'in the order given, once each');
  const listed = (await listAll(officer, '/api/v1/safety/alerts')).find((a) => a.id === both.id);
  assert.deepEqual(listed.area.place_ids, [reykjavik.id, akureyri.id]);
});

test('the demo\'s alerts in force: Haiti at the highest level, floods around Florence, South Africa, influenza in Osaka and Kyoto', async () => {
  const current = (await anonymous.get('/api/v1/safety/alerts/current')).body.items;
  const demo = current.filter((a) => ['HT', 'ZA'].includes(a.area.countries?.[0]) || a.title_en.includes('Florence'));
  assert.deepEqual(demo.map((a) => a.level), [3, 2, 1], 'the most serious first');
  assert.deepEqual(demo[0].area, { kind: 'countries', countries: ['HT'] });
  for (const a of demo) assert.ok(a.valid_from <= today && today <= a.valid_until && a.published_at < new Date().toISOString());
  const kansai = current.find((a) => a.area.kind === 'cities' && a.title_en.includes('Osaka and Kyoto'));
  assert.ok(kansai, 'the influenza alert for a list of cities');
  assert.deepEqual(kansai.area.cities.map((c) => [c.country, c.name_en, c.name_zh]), [['JP', 'Osaka', '大阪'], ['JP', 'Kyoto', '京都']]);
});
