// Consular protection and assistance (领事保护与协助): the consular desk's own cases — taken from
// the hotline or turned from a "need help" answered in a safety roll call — opened, handed to
// the mission abroad, closed with their outcome; kept from every other desk of the office.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  Client, PASSWORD, act, addDays, as, dayOfOwnBand, expectError, expectStatus, findDetail, firstLogin, getCase,
  history,
  listAll, tag, transitions,
} from './lib/client.mjs';
import { mailTo } from './lib/mail.mjs';

const TYPE = 'consular_assistance';
const anonymous = new Client();
const officer = await as('officer');
const officer2 = await as('officer2');
const citizen = await as('citizen');
const auditor = await as('auditor');
const admin = await as('admin');
const run = tag();

// An officer of the office on no desk, made as an administrator would.
async function officerOfNoDesk() {
  const username = `consular.nodesk.${tag()}`.toLowerCase();
  const u = await admin.post('/api/v1/users', { username, password: PASSWORD, display_name: '无窗口经办 Officer of no desk', org_id: admin.user.org.id });
  expectStatus(u, 201, 'the admin makes an office account');
  expectStatus(await (await as('secadmin')).put(`/api/v1/users/${u.body.id}/roles`, { roles: ['officer'] }), 200);
  const nodesk = await firstLogin(username, PASSWORD);
  assert.deepEqual(nodesk.user.desks, []);
  return nodesk;
}

const hotline = (over = {}) => ({
  channel: 'hotline',
  priority: 'urgent',
  person: { name: `求助人${run}`, phone: '13805742210', contact: '家属 13905748812' },
  vulnerable: true,
  country: 'TH',
  city: 'Chiang Mai',
  situation: '随团老人在清迈突发疾病住院，家属请求协助。',
  ...over,
});

const ids = async (client) => (await listAll(client, `/api/v1/cases?type=${TYPE}`)).map((c) => c.id);

test('a hotline request: drafted, opened, handed to the mission, closed — each step writing only its own field', async () => {
  const created = await officer.post('/api/v1/cases', { type: TYPE, data: hotline() });
  expectStatus(created, 201);
  const id = created.body.id;
  assert.equal(created.body.state, 'draft');
  assert.match(created.body.number, /^领保〔\d{4}〕\d{4}号$/);
  assert.deepEqual(created.body.allowed_actions.sort(), ['cancel', 'open']);

  // A draft is the desk's own: another desk's officer, the auditor and the citizen see nothing.
  const nodesk = await officerOfNoDesk();
  expectError(await nodesk.get(`/api/v1/cases/${id}`), 404, 'not_found');
  expectError(await auditor.get(`/api/v1/cases/${id}`), 404, 'not_found');
  expectError(await citizen.get(`/api/v1/cases/${id}`), 404, 'not_found');
  // …but the desk's other staff do: the office owns it, not the one who typed it.
  expectStatus(await officer2.get(`/api/v1/cases/${id}`), 200);

  const opened = await act(officer2, id, 'open');
  assert.equal(opened.body.state, 'open');

  // Handing off needs a comment; it writes handed_to and nothing else.
  const bare = await act(officer, id, 'hand_off', { data: { handed_to: '中国驻清迈总领事馆' } }, 422);
  expectError(bare, 422, 'rules_failed');
  assert.ok(findDetail(bare, 'required', 'comment'));
  const sneaky = await act(officer, id, 'hand_off', { comment: '移交', data: { handed_to: '中国驻清迈总领事馆', outcome: '已解决' } }, 422);
  assert.ok(findDetail(sneaky, 'stage', 'outcome'));
  assert.equal((await getCase(officer, id)).state, 'open', 'a refused transition writes nothing');
  const handed = await act(officer, id, 'hand_off', { comment: '清迈属驻清迈总领馆领区', data: { handed_to: '中国驻清迈总领事馆' } });
  assert.equal(handed.body.state, 'handed_off');

  // The auditor reads it now, and takes no part.
  const read = await auditor.get(`/api/v1/cases/${id}`);
  expectStatus(read, 200);
  assert.deepEqual(read.body.allowed_actions, []);
  expectError(await act(auditor, id, 'close', { data: { outcome: 'x' } }, 403), 403, 'forbidden_action');

  const closed = await act(officer, id, 'close', { data: { outcome: '已住院治疗，家属抵达陪护。' } });
  assert.equal(closed.body.state, 'closed');
  const c = await getCase(officer, id);
  assert.equal(c.data.handed_to, '中国驻清迈总领事馆', 'what the hand-off wrote stays');
  assert.equal(c.data.outcome, '已住院治疗，家属抵达陪护。');
  assert.equal(c.data.situation, hotline().situation, 'the intake is untouched by the transitions');
  assert.deepEqual(transitions(await history(officer, id)).map((h) => h.action), ['open', 'hand_off', 'close']);
  expectError(await act(officer, id, 'take_back', { comment: '再议' }, 409), 409, 'invalid_state');
});

test('a request is the consular desk\'s to make: others are refused and nothing is written', async () => {
  const before = await ids(officer);
  const nodesk = await officerOfNoDesk();
  expectError(await nodesk.post('/api/v1/cases', { type: TYPE, data: hotline() }), 403, 'forbidden');
  expectError(await citizen.post('/api/v1/cases', { type: TYPE, data: hotline() }), 403, 'forbidden');
  expectError(await auditor.post('/api/v1/cases', { type: TYPE, data: hotline() }), 403, 'forbidden');
  expectError(await anonymous.post('/api/v1/cases', { type: TYPE, data: hotline() }), 401, 'unauthenticated');
  const bad = await officer.post('/api/v1/cases', { type: TYPE, data: hotline({ priority: 'whenever', country: 'XX' }) });
  expectError(bad, 422, 'validation_failed');
  assert.ok(findDetail(bad, 'enum', 'priority'));
  assert.ok(findDetail(bad, 'country', 'country'));
  // A draft may be incomplete; opening it may not.
  const partial = await officer.post('/api/v1/cases', { type: TYPE, data: hotline({ situation: undefined }) });
  expectStatus(partial, 201);
  const refused = await act(officer, partial.body.id, 'open', {}, 422);
  assert.ok(findDetail(refused, 'required', 'situation'));
  assert.deepEqual((await ids(officer)).filter((id) => !before.includes(id)), [partial.body.id], 'only the one draft was written');
  assert.equal((await listAll(nodesk, `/api/v1/cases?type=${TYPE}`)).length, 0, 'another desk lists none');
});

// --- a "need help" from a roll call becomes a case

// Three people in Valparaíso, Chile, in a window of this file's own band of years (lib/client.mjs).
const BASE = dayOfOwnBand('consular');
const PLACE = { lat: -33.0472, lon: -71.6127 };
const address = (who) => `${who}.${run}@example.org`.toLowerCase();

async function importPeople(people) {
  const dir = mkdtempSync(join(tmpdir(), 'waishi-consular-'));
  const file = join(dir, 'itineraries.csv');
  const lines = people.map(([id, name, email]) =>
    `${run}-${id},${name},+56 9 5555 0000,${email},CL,Valparaíso,${PLACE.lat},${PLACE.lon},${addDays(BASE, 0)},${addDays(BASE, 5)}`);
  writeFileSync(file, ['person_id,name,phone,email,country,city,lat,lon,from,to', ...lines].join('\n') + '\n');
  await new Promise((resolve, reject) => {
    execFile(process.env.WAISHI_BIN, ['import', 'itineraries', '--db', process.env.WAISHI_DB, file],
      { env: process.env }, (error, stdout, stderr) => (error ? reject(new Error(stderr)) : resolve(stdout)));
  });
}

test('the desk turns a "need help" into a draft case: once, for that answer only, with the person, the place and the note', async () => {
  await importPeople([['help', '求助甲', address('help')], ['safe', '平安乙', address('safe')], ['quiet', '沉默丙', address('quiet')]]);
  const created = await officer.post('/api/v1/safety/incidents', {
    title: `瓦尔帕莱索地震 ${run}`, lat: PLACE.lat, lon: PLACE.lon, radius_km: 50, from: addDays(BASE, 1), to: addDays(BASE, 2),
  });
  expectStatus(created, 201);
  const incident = created.body.id;
  expectStatus(await officer.post(`/api/v1/safety/incidents/${incident}/roll-call`, {}), 200);
  const token = async (who) => /\/safe\/([A-Za-z0-9_-]+)/.exec((await mailTo(address(who), '/safe/')).body)[1];
  expectStatus(await anonymous.post(`/api/v1/safety/answer/${await token('help')}`,
    { answer: 'need_help', note: '房屋倒塌，暂住避难所，需要药品', lat: -33.04, lon: -71.62 }), 200);
  expectStatus(await anonymous.post(`/api/v1/safety/answer/${await token('safe')}`, { answer: 'safe' }), 200);
  const people = (await officer.get(`/api/v1/safety/incidents/${incident}/people`)).body.items;
  const person = (name) => people.find((p) => p.name === name).person_id;

  const before = await ids(officer);
  const path = `/api/v1/safety/incidents/${incident}/cases`;
  expectError(await officer.post(path, { person_id: person('平安乙') }), 409, 'safety.not_need_help');
  expectError(await officer.post(path, { person_id: person('沉默丙') }), 409, 'safety.not_need_help');
  const stranger = await officer.post(path, { person_id: 999999999 });
  expectError(stranger, 422, 'validation_failed');
  assert.ok(findDetail(stranger, 'safety.not_asked', 'person_id'));
  expectError(await officer.post(path, {}), 422, 'validation_failed');
  expectError(await officer.post('/api/v1/safety/incidents/999999999/cases', { person_id: person('求助甲') }), 404, 'not_found');
  expectError(await citizen.post(path, { person_id: person('求助甲') }), 403, 'forbidden');
  expectError(await (await officerOfNoDesk()).post(path, { person_id: person('求助甲') }), 403, 'forbidden');
  expectError(await auditor.post(path, { person_id: person('求助甲') }), 403, 'forbidden');
  expectError(await anonymous.post(path, { person_id: person('求助甲') }), 401, 'unauthenticated');
  assert.deepEqual(await ids(officer), before, 'no refusal wrote a case');

  const opened = await officer.post(path, { person_id: person('求助甲') });
  expectStatus(opened, 201);
  const caseId = opened.body.case_id;
  expectError(await officer.post(path, { person_id: person('求助甲') }), 409, 'safety.case_exists');
  assert.deepEqual((await ids(officer)).filter((id) => !before.includes(id)), [caseId], 'one case, once');

  const c = await getCase(officer2, caseId);
  assert.equal(c.type, TYPE);
  assert.equal(c.state, 'draft');
  assert.equal(c.data.channel, 'roll_call');
  assert.deepEqual(c.data.person, { name: '求助甲', phone: '+56 9 5555 0000', email: address('help') });
  assert.equal(c.data.country, 'CL');
  assert.equal(c.data.city, 'Valparaíso');
  assert.deepEqual([c.data.lat, c.data.lon], [-33.04, -71.62], 'where they answered from');
  assert.equal(c.data.situation, '房屋倒塌，暂住避难所，需要药品');
  assert.ok(c.data.source.includes(`瓦尔帕莱索地震 ${run}`) && c.data.source.includes(`#${incident}`));

  const help = (await officer.get(`/api/v1/safety/incidents/${incident}/people?status=need_help`)).body.items;
  assert.equal(help[0].case_id, caseId);
  const timeline = (await officer.get(`/api/v1/safety/incidents/${incident}/timeline`)).body.items;
  const entry = timeline.find((e) => e.kind === 'case');
  assert.deepEqual([entry.actor, entry.person_id, entry.detail], ['officer', person('求助甲'), { case_id: caseId }]);
  const audit = await listAll(auditor, '/api/v1/audit?action=safety.case.open');
  assert.ok(audit.some((e) => e.object_id === String(incident)));

  // The case then goes the desk's usual way; the roll call keeps pointing at it.
  expectStatus(await act(officer, caseId, 'open'), 200);
});

test('the demo: the storm\'s "need help" became a case, handed to the Consulate-General in Cape Town and closed; the desk\'s other requests in every state', async () => {
  const storm = (await listAll(officer, '/api/v1/safety/incidents')).find((i) => i.title === '纳尔逊·曼德拉湾强降雨和洪水');
  const help = (await officer.get(`/api/v1/safety/incidents/${storm.id}/people?status=need_help`)).body.items[0];
  assert.ok(help.case_id, 'the need for help has its case');
  const c = await getCase(officer, help.case_id);
  assert.equal(c.state, 'closed');
  assert.equal(c.data.handed_to, '中国驻开普敦总领事馆');
  assert.equal(c.data.city, 'Gqeberha');
  // The desk's other requests, by their people (other tests add cases of their own).
  const all = await listAll(officer, `/api/v1/cases?type=${TYPE}`);
  const stateOf = (name) => all.filter((x) => x.name === name).map((x) => x.state);
  assert.deepEqual(
    ['王建国', '刘洋', '周静怡', '陈海峰'].map(stateOf),
    [['closed'], ['handed_off'], ['open'], ['draft']],
  );
  // Numbered in the order they were made, the storm's first.
  const demo = all.filter((x) => ['徐卓然', '王建国', '刘洋', '周静怡', '陈海峰'].includes(x.name));
  const byNumber = [...demo].sort((a, b) => a.number.localeCompare(b.number)).map((x) => x.id);
  const byCreation = [...demo].sort((a, b) => a.created_at.localeCompare(b.created_at) || a.id - b.id).map((x) => x.id);
  assert.deepEqual(byNumber, byCreation);
});
