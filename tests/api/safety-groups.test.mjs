// Travel agencies' tour groups (issue 11): an agency makes a group and uploads its list (CSV:
// members, the tour leader, legs by city name from the gazetteer); every row is checked and
// each error named by row and column; a file with errors imports nothing unless the agency
// confirms the good rows; the list taken replaces the group's people in the register, where
// the consular desk finds them. Another agency's group is as unknown as none (404).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  Client, addDays, as, dayOfOwnBand, eventually, expectError, expectStatus, findDetail, listAll, newUserIn, tag,
  today,
} from './lib/client.mjs';

const anonymous = new Client();
const agency = await as('agency');
const otherAgency = await newUserIn('agency', 'agency');
const officer = await as('officer');
const auditor = await as('auditor');
const citizen = await as('citizen');

const tokyo = (await officer.get('/api/v1/places?q=Tokyo&country=JP&limit=1')).body.items[0];
// A window in this file's own band of years (lib/client.mjs).
const FROM = dayOfOwnBand('safety-groups');
const HEADER = 'name,phone,email,tour_leader,country,city,from,to';
const row = (name, phone, leader, country, city, from, to, email = '') =>
  [name, phone, email, leader, country, city, from, to].join(',');
// Member i's two legs: Tokyo (by its Chinese name), then Osaka.
const legsOf = (i, leader = '') => [
  row(`团员${i}`, `1370000${String(i).padStart(4, '0')}`, leader, 'JP', '东京', FROM, addDays(FROM, 2)),
  row(`团员${i}`, `1370000${String(i).padStart(4, '0')}`, leader, 'JP', 'Osaka', addDays(FROM, 3), addDays(FROM, 4)),
];
const list = (members) => [HEADER, ...Array.from({ length: members }, (_, i) => legsOf(i + 1, i === 0 ? '是' : ''))
  .flat()].join('\n');

const inTokyo = async () => (await officer.post('/api/v1/safety/affected', {
  lat: tokyo.lat, lon: tokyo.lon, radius_km: 30, from: FROM, to: addDays(FROM, 2),
})).body.people;

async function newGroup(client = agency) {
  const r = await client.post('/api/v1/safety/groups', { code: `T${tag()}`.slice(0, 32), title: '东京大阪五日游' });
  expectStatus(r, 201);
  return r.body;
}
const upload = (group, csv, extra = {}, client = agency) =>
  client.post(`/api/v1/safety/groups/${group.id}/list`, { csv, file_name: 'list.csv', ...extra });

test('an agency makes a group: its code once per agency; only an agency makes one', async () => {
  const code = `JP${tag()}`.slice(0, 32);
  const r = await agency.post('/api/v1/safety/groups', { code, title: '  东京大阪五日游 ' });
  expectStatus(r, 201);
  assert.equal(r.body.code, code);
  assert.equal(r.body.title, '东京大阪五日游');
  assert.equal(r.body.agency.id, agency.user.org.id);
  assert.deepEqual([r.body.people, r.body.legs, r.body.list_at, r.body.tour_leader], [0, 0, null, null]);
  expectError(await agency.post('/api/v1/safety/groups', { code, title: '另一个' }), 409, 'safety.group_code_taken');
  // Another agency may use the same code for its own group.
  expectStatus(await otherAgency.post('/api/v1/safety/groups', { code, title: '别家的团' }), 201);
  assert.ok(findDetail(await agency.post('/api/v1/safety/groups', { code: 'a b', title: 'x' }), 'pattern', 'code'));
  assert.ok(findDetail(await agency.post('/api/v1/safety/groups', { code: 'X1', title: '   ' }), 'required', 'title'));
  expectError(await officer.post('/api/v1/safety/groups', { code: 'X2', title: 'x' }), 403, 'forbidden');
  expectError(await anonymous.post('/api/v1/safety/groups', { code: 'X3', title: 'x' }), 401, 'unauthenticated');

  const mine = (await agency.get('/api/v1/safety/groups')).body.items;
  assert.ok(mine.some((g) => g.id === r.body.id));
  assert.ok(mine.every((g) => g.agency.id === agency.user.org.id), 'an agency lists its own groups only');
  const all = (await officer.get('/api/v1/safety/groups')).body.items;
  assert.ok(all.some((g) => g.agency.id === otherAgency.user.org.id) && all.some((g) => g.id === r.body.id));
  expectError(await citizen.get('/api/v1/safety/groups'), 403, 'forbidden');
});

test('a good list is taken whole; the desk finds the group in the register; a new list replaces it', async () => {
  const group = await newGroup();
  const base = await inTokyo();
  const r = await upload(group, list(3));
  expectStatus(r, 200);
  assert.deepEqual([r.body.rows, r.body.imported_rows, r.body.people, r.body.legs, r.body.skipped],
    [6, 6, 3, 6, []]);
  assert.equal(r.body.group.people, 3);
  assert.deepEqual(r.body.group.tour_leader, { name: '团员1', phone: '13700000001' });
  assert.deepEqual([r.body.group.first_day, r.body.group.last_day], [FROM, addDays(FROM, 4)]);
  assert.ok(r.body.group.list_at);
  assert.equal(await inTokyo(), base + 3);

  const detail = await agency.get(`/api/v1/safety/groups/${group.id}`);
  expectStatus(detail, 200);
  assert.deepEqual(detail.body.members.map((m) => [m.name, m.tour_leader]),
    [['团员1', true], ['团员2', false], ['团员3', false]]);
  const legs = detail.body.members[1].legs;
  assert.deepEqual(legs.map((l) => [l.country, l.city, l.from, l.to]),
    [['JP', tokyo.name_en, FROM, addDays(FROM, 2)], ['JP', 'Osaka', addDays(FROM, 3), addDays(FROM, 4)]]);
  assert.equal(legs[0].lat, tokyo.lat, 'the coordinates are the gazetteer\'s');
  expectStatus(await officer.get(`/api/v1/safety/groups/${group.id}`), 200);
  expectStatus(await auditor.get(`/api/v1/safety/groups/${group.id}`), 200);
  await eventually(async () => {
    const reads = await listAll(auditor, '/api/v1/audit?action=safety.group.read');
    assert.ok(reads.some((e) => e.object_id === String(group.id) && e.detail.people === 3), 'the read is audited');
  });

  const again = await upload(group, list(2));
  expectStatus(again, 200);
  assert.equal(again.body.group.people, 2);
  assert.equal(await inTokyo(), base + 2, 'the new list replaced the old one');
  const lists = await listAll(auditor, '/api/v1/audit?action=safety.group.list');
  const entry = lists.find((e) => e.object_id === String(group.id) && e.detail.replaced_people === 3);
  assert.ok(entry, 'the upload is audited');
  assert.deepEqual([entry.detail.rows, entry.detail.people, entry.detail.legs, entry.detail.file],
    [4, 2, 4, 'list.csv']);
  assert.ok(!JSON.stringify(entry.detail).includes('团员'), 'counts, not names, in the log');
});

test('a bad date in row 12 is named, and nothing is imported until the agency confirms the good rows', async () => {
  const group = await newGroup();
  const base = await inTokyo();
  const rows = list(7).split('\n'); // the header and 14 rows: rows 1..15 of the sheet
  rows[11] = rows[11].replace(FROM, '2026-02-30'); // the sheet's row 12: member 6's Tokyo leg
  assert.match(rows[11], /团员6/);
  const csv = rows.join('\n');
  const r = await upload(group, csv);
  expectError(r, 422, 'validation_failed');
  assert.equal(r.body.error.details.length, 1);
  const d = findDetail(r, 'format.date', 'csv');
  assert.deepEqual([d.row, d.column], [12, 'from']);
  assert.match(d.message_zh, /第 12 行/);
  assert.match(d.message, /Row 12, from/);
  assert.equal((await agency.get(`/api/v1/safety/groups/${group.id}`)).body.people, 0, 'nothing was written');
  assert.equal(await inTokyo(), base);

  const confirmed = await upload(group, csv, { import_good_rows: true });
  expectStatus(confirmed, 200);
  assert.deepEqual([confirmed.body.rows, confirmed.body.imported_rows, confirmed.body.people, confirmed.body.legs],
    [14, 13, 7, 13]);
  assert.deepEqual(confirmed.body.skipped.map((s) => [s.row, s.column, s.rule]), [[12, 'from', 'format.date']]);
  assert.equal(await inTokyo(), base + 6, 'member 6 is in Osaka only');
});

test('each bad cell is named by row and column; file-level errors cannot be confirmed away', async () => {
  const group = await newGroup();
  const good = legsOf(1, 'yes');
  const cases = [
    [row('团员2', '13700000002', '', 'JP', 'Atlantis', FROM, FROM), 'safety.unknown_city', 'city'],
    [row('团员2', '13700000002', '', 'XX', 'Tokyo', FROM, FROM), 'validation.country', 'country'],
    [row('团员2', 'call me', '', 'JP', 'Tokyo', FROM, FROM), 'safety.group.phone', 'phone'],
    [row('', '13700000002', '', 'JP', 'Tokyo', FROM, FROM), 'required', 'name'],
    [row('团员2', '13700000002', 'maybe', 'JP', 'Tokyo', FROM, FROM), 'safety.group.tour_leader', 'tour_leader'],
    [row('团员2', '13700000002', '', 'JP', 'Tokyo', FROM, FROM, 'not-an-address'), 'format.email', 'email'],
    [row('团员2', '13700000002', '', 'JP', 'Tokyo', addDays(FROM, 2), FROM), 'safety.window_order', 'to'],
    [row('团员2', '13700000002', '是', 'JP', 'Tokyo', FROM, FROM), 'safety.group.one_leader', 'tour_leader'],
    ['团员2,13700000002', 'safety.group.columns', ''],
  ];
  for (const [bad, rule, column] of cases) {
    const r = await upload(group, [HEADER, ...good, bad].join('\n'));
    expectError(r, 422, 'validation_failed');
    const d = findDetail(r, rule, 'csv');
    assert.deepEqual([d.row, d.column], [4, column], `${bad} → row 4, ${column}`);
  }
  // A row is the file's line (the spreadsheet's row): a blank line keeps its number.
  const blank = await upload(group, [HEADER, ...good, '', '团员2,13700000002'].join('\n'));
  const d = findDetail(blank, 'safety.group.columns', 'csv');
  assert.deepEqual([d.row, d.column], [5, '']);
  assert.match(d.message, /^Row 5: /);
  assert.match(d.message_zh, /^第 5 行：/);
  // The header, the tour leader, CSV itself and an empty list are the file's: 422 even confirmed.
  const fileErrors = [
    [['name,phone,email,country,city,from,to', ...good].join('\n'), 'safety.group.header', 'tour_leader'],
    [[HEADER + ',passport', ...good].join('\n'), 'safety.group.column', 'passport'],
    [[HEADER, ...legsOf(1, '')].join('\n'), 'safety.group.no_leader', 'tour_leader'],
    [[HEADER, ...good, '"团员2,13700000002'].join('\n'), 'safety.import.not_csv', ''],
    [HEADER, 'safety.group.empty', ''],
    ['', 'safety.group.header', ''],
  ];
  for (const [csv, rule, column] of fileErrors) {
    const r = await upload(group, csv, { import_good_rows: true });
    expectError(r, 422, 'validation_failed');
    assert.equal(findDetail(r, rule, 'csv').column, column, rule);
  }
  // Every row bad: nothing to confirm.
  expectError(await upload(group, [HEADER, row('团员1', 'x', '是', 'JP', 'Tokyo', FROM, FROM)].join('\n'),
    { import_good_rows: true }), 422, 'validation_failed');
  assert.equal((await agency.get(`/api/v1/safety/groups/${group.id}`)).body.people, 0, 'nothing was written');
  // The header may come in any order, in any case; blank is no; 1 is yes.
  const shuffled = ['FROM,to,name,phone,email,tour_leader,country,city',
    [FROM, FROM, '团员1', '13700000001', '', '1', 'jp', 'tokyo'].join(',')].join('\n');
  const r = await upload(group, shuffled);
  expectStatus(r, 200);
  assert.equal(r.body.group.tour_leader.name, '团员1');
});

test('another agency\'s group is as unknown as none; the office does not upload', async () => {
  const group = await newGroup();
  expectStatus(await upload(group, list(1)), 200);
  expectError(await upload(group, list(2), {}, otherAgency), 404, 'not_found');
  expectError(await otherAgency.get(`/api/v1/safety/groups/${group.id}`), 404, 'not_found');
  expectError(await upload({ id: 999999999 }, list(1)), 404, 'not_found');
  expectError(await upload(group, list(2), {}, officer), 403, 'forbidden');
  expectError(await citizen.get(`/api/v1/safety/groups/${group.id}`), 403, 'forbidden');
  expectError(await anonymous.get(`/api/v1/safety/groups/${group.id}`), 401, 'unauthenticated');
  assert.equal((await agency.get(`/api/v1/safety/groups/${group.id}`)).body.people, 1, 'the list is unchanged');
});

test('a travel alert sent to people of a tour group tells its agency which group and how many', async () => {
  const approver = await as('approver');
  const group = await newGroup();
  expectStatus(await upload(group, list(3)), 200);
  const alert = await officer.post('/api/v1/safety/alerts', {
    level: 2, area: { kind: 'cities', place_ids: [tokyo.id] },
    title_zh: `东京强降雪 ${group.code}`, title_en: `Heavy snow in Tokyo ${group.code}`,
    body_zh: '东京地区出现强降雪，交通受阻，请注意出行安全。', body_en: 'Heavy snow in Tokyo: transport is disrupted, take care.',
    valid_from: FROM, valid_until: addDays(FROM, 2), review_on: FROM,
  });
  expectStatus(alert, 201);
  expectStatus(await officer.post(`/api/v1/safety/alerts/${alert.body.id}/publish`), 200);
  expectStatus(await officer.post(`/api/v1/safety/alerts/${alert.body.id}/send`), 200);
  const sent = await approver.post(`/api/v1/safety/alerts/${alert.body.id}/send/approve`);
  expectStatus(sent, 200);
  const told = (await agency.get('/api/v1/inbox?page_size=100')).body.items
    .filter((m) => m.link === `/safety/groups/${group.id}`);
  assert.equal(told.length, 1, 'one message for the group');
  assert.match(told[0].texts.zh.subject, new RegExp(`谨慎前往.*${group.code} 有 3 人`));
  assert.match(told[0].texts.en.body, new RegExp(`3 people of your group "东京大阪五日游" \\(${group.code}\\)`));
  const others = (await otherAgency.get('/api/v1/inbox?page_size=100')).body.items;
  assert.ok(!others.some((m) => m.link === `/safety/groups/${group.id}`), 'another agency hears nothing of it');
  const audit = await listAll(auditor, '/api/v1/audit?action=safety.alert.send');
  assert.ok(audit.some((e) => e.object_id === String(alert.body.id) && e.detail.agency_groups >= 1));
});

test('the demo\'s agency has its two tour groups, each with its tour leader', async () => {
  const groups = (await agency.get('/api/v1/safety/groups')).body.items;
  const jp = groups.find((g) => g.code === 'JP2612');
  const es = groups.find((g) => g.code === 'ES2612');
  assert.ok(jp && es);
  assert.deepEqual([jp.people, jp.tour_leader.name, es.people, es.tour_leader.name], [4, '王芳', 3, '钱伟']);
  assert.ok(jp.first_day <= today() && today() <= jp.last_day, 'the Japan tour is under way');
});
