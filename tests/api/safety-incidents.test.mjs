// Crisis mode (issue 11): an incident drawn by the consular desk, its roll call e-mailed through
// the outbox to everyone affected with a one-time link, the answers given through the link
// without an account (once; never after the incident closed), phone calls recorded, the live
// view (Server-Sent Events) hearing each answer, and the timeline of it all.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  BASE as URL_BASE, Client, addDays, as, dayOfOwnBand, eventually, expectError, expectStatus, findDetail, listAll,
  tag,
} from './lib/client.mjs';
import { mailTo } from './lib/mail.mjs';

const anonymous = new Client();
const officer = await as('officer');
const citizen = await as('citizen');
const auditor = await as('auditor');

const run = tag();
// A window in this file's own band of years (lib/client.mjs): no other file's people are there then.
const BASE = dayOfOwnBand('safety-incidents');
// Valparaíso, Chile; a degree of latitude is 111.195 km on the mean sphere.
const PLACE = { lat: -33.0472, lon: -71.6127 };
const north = (km) => (PLACE.lat + km / 111.195).toFixed(5);
const address = (who) => `${who}.${run}@example.org`.toLowerCase();

async function importPeople(people) {
  const dir = mkdtempSync(join(tmpdir(), 'waishi-incident-'));
  const file = join(dir, 'itineraries.csv');
  const lines = people.map(([id, name, email, km]) =>
    `${run}-${id},${name},+56 9 1234 5678,${email},CL,Valparaíso,${north(km)},${PLACE.lon},${addDays(BASE, 0)},${addDays(BASE, 5)}`);
  writeFileSync(file, ['person_id,name,phone,email,country,city,lat,lon,from,to', ...lines].join('\n') + '\n');
  await new Promise((resolve, reject) => {
    execFile(process.env.WAISHI_BIN, ['import', 'itineraries', '--db', process.env.WAISHI_DB, file],
      { env: process.env }, (error, stdout, stderr) => (error ? reject(new Error(stderr)) : resolve(stdout)));
  });
}

// Four people in the circle (three with an address), one 500 km away.
await importPeople([
  ['a', '安全甲', address('a'), 1],
  ['b', '求助乙', address('b'), 2],
  ['c', '沉默丙', address('c'), 3],
  ['d', '无邮丁', '', 4],
  ['far', '远方戊', address('far'), 500],
]);

const incident = (over = {}) => ({
  title: `瓦尔帕莱索山火 ${run}`, lat: PLACE.lat, lon: PLACE.lon, radius_km: 100, from: addDays(BASE, 1), to: addDays(BASE, 3), ...over,
});

// The live view as a browser's EventSource reads it: the events, in order, as they arrive.
async function follow(client, id) {
  const controller = new AbortController();
  const res = await fetch(`${URL_BASE}/api/v1/safety/incidents/${id}/live`, {
    headers: { Cookie: client.cookieHeader(), Accept: 'text/event-stream' }, signal: controller.signal,
  });
  const events = [];
  const stream = { status: res.status, type: res.headers.get('content-type'), events, close: () => controller.abort() };
  if (res.status !== 200) return stream;
  (async () => {
    const decoder = new TextDecoder();
    let buffer = '';
    try {
      for await (const chunk of res.body) {
        buffer += decoder.decode(chunk, { stream: true });
        let end;
        while ((end = buffer.indexOf('\n\n')) >= 0) {
          const block = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          const name = /^event: (.*)$/m.exec(block)?.[1];
          const data = /^data: (.*)$/m.exec(block)?.[1];
          if (name) events.push({ name, data: JSON.parse(data) });
        }
      }
    } catch { /* aborted */ }
  })();
  return stream;
}

const tokenIn = (mail) => /\/safe\/([A-Za-z0-9_-]+)/.exec(mail.body)[1];

test('opening an incident: the desk only, and a bad circle or window refused naming its field', async () => {
  expectError(await officer.post('/api/v1/safety/incidents', incident({ to: addDays(BASE, 0) })), 422, 'validation_failed');
  assert.ok(findDetail(await officer.post('/api/v1/safety/incidents', incident({ to: addDays(BASE, 0) })), 'safety.window_order', 'to'));
  assert.ok(findDetail(await officer.post('/api/v1/safety/incidents', incident({ lat: 91 })), 'range', 'lat'));
  assert.ok(findDetail(await officer.post('/api/v1/safety/incidents', incident({ radius_km: 0 })), 'range', 'radius_km'));
  assert.ok(findDetail(await officer.post('/api/v1/safety/incidents', incident({ radius_km: 20001 })), 'range', 'radius_km'));
  assert.ok(findDetail(await officer.post('/api/v1/safety/incidents', incident({ title: ' ' })), 'required', 'title'));
  expectError(await citizen.post('/api/v1/safety/incidents', incident()), 403, 'forbidden');
  expectError(await auditor.post('/api/v1/safety/incidents', incident()), 403, 'forbidden');
  expectError(await anonymous.post('/api/v1/safety/incidents', incident()), 401, 'unauthenticated');
  const list = await listAll(officer, '/api/v1/safety/incidents');
  assert.equal(list.filter((i) => i.title.includes(run)).length, 0, 'no refused incident was written');
});

test('the roll call: asked once each, answered once through the link, called, followed live, closed', async () => {
  const created = await officer.post('/api/v1/safety/incidents', incident());
  expectStatus(created, 201);
  const id = created.body.id;
  assert.equal(created.body.state, 'open');
  assert.deepEqual(created.body.roll_call, { asked: 0, emailed: 0, safe: 0, need_help: 0, unanswered: 0, reached: 0 });

  const live = await follow(officer, id);
  assert.equal(live.status, 200);
  assert.match(live.type, /^text\/event-stream/);
  await eventually(() => assert.deepEqual(live.events[0], { name: 'counts', data: { roll_call: created.body.roll_call } }));

  const sent = await officer.post(`/api/v1/safety/incidents/${id}/roll-call`, {});
  expectStatus(sent, 200);
  assert.equal(sent.body.asked, 4, 'the four in the circle, not the one 500 km away');
  assert.equal(sent.body.emailed, 3, 'those with an address');
  assert.deepEqual(sent.body.roll_call, { asked: 4, emailed: 3, safe: 0, need_help: 0, unanswered: 4, reached: 0 });
  await eventually(() => assert.ok(live.events.some((e) => e.name === 'asked' && e.data.roll_call.asked === 4)));
  const again = await officer.post(`/api/v1/safety/incidents/${id}/roll-call`, {});
  assert.equal(again.body.asked, 0, 'nobody is asked twice');

  const [a, b, c] = await Promise.all(['a', 'b', 'c'].map((p) => mailTo(address(p), '/safe/')));
  assert.match(a.subject, new RegExp(`平安确认.*${run}`));
  await assert.rejects(mailTo(address('far'), '/safe/', 1500), 'nobody outside the circle is asked');

  // The person abroad opens the link: no account needed.
  const question = await anonymous.get(`/api/v1/safety/answer/${tokenIn(a)}`);
  expectStatus(question, 200);
  assert.deepEqual(question.body, { title: incident().title, name: '安全甲', from: addDays(BASE, 1), to: addDays(BASE, 3), answer: null });
  expectError(await anonymous.get('/api/v1/safety/answer/not-a-token'), 404, 'not_found');

  // A position needs both halves; nothing is written.
  const half = await anonymous.post(`/api/v1/safety/answer/${tokenIn(b)}`, { answer: 'need_help', lat: -33.05 });
  expectError(half, 422, 'validation_failed');
  assert.ok(findDetail(half, 'safety.position_pair', 'lon'));
  expectError(await anonymous.post(`/api/v1/safety/answer/${tokenIn(b)}`, { answer: 'maybe' }), 422, 'validation_failed');

  const safe = await anonymous.post(`/api/v1/safety/answer/${tokenIn(a)}`, { answer: 'safe' });
  expectStatus(safe, 200);
  assert.equal(safe.body.answer, 'safe');
  await eventually(() => assert.ok(live.events.some((e) => e.name === 'answered'
    && e.data.person_id && e.data.answer === 'safe' && e.data.roll_call.safe === 1)));
  expectError(await anonymous.post(`/api/v1/safety/answer/${tokenIn(a)}`, { answer: 'need_help' }), 409, 'safety.already_answered');
  assert.equal((await anonymous.get(`/api/v1/safety/answer/${tokenIn(a)}`)).body.answer, 'safe', 'the first answer stays');

  expectStatus(await anonymous.post(`/api/v1/safety/answer/${tokenIn(b)}`,
    { answer: 'need_help', note: '酒店被疏散,护照遗失', lat: -33.05, lon: -71.61 }), 200);

  // The desk's lists: who answered what, who is still silent.
  const helpList = await officer.get(`/api/v1/safety/incidents/${id}/people?status=need_help`);
  expectStatus(helpList, 200);
  assert.equal(helpList.body.total, 1);
  assert.equal(helpList.body.items[0].name, '求助乙');
  assert.equal(helpList.body.items[0].note, '酒店被疏散,护照遗失');
  assert.equal(helpList.body.items[0].answer_lat, -33.05);
  const silent = await officer.get(`/api/v1/safety/incidents/${id}/people?status=unanswered`);
  assert.deepEqual(silent.body.items.map((p) => p.name).sort(), ['无邮丁', '沉默丙'].sort());
  const nomail = silent.body.items.find((p) => p.name === '无邮丁');
  assert.equal(nomail.emailed, false);
  assert.equal(nomail.phone, '+56 9 1234 5678');
  expectError(await officer.get(`/api/v1/safety/incidents/${id}/people?status=lost`), 400, 'invalid_query');

  // Calls: to one asked, and never to someone the roll call does not hold.
  const call = await officer.post(`/api/v1/safety/incidents/${id}/calls`, { person_id: nomail.person_id, outcome: 'reached', note: '在安全区' });
  expectStatus(call, 201);
  await eventually(() => assert.ok(live.events.some((e) => e.name === 'called' && e.data.person_id === nomail.person_id)));
  const all = await officer.get(`/api/v1/safety/incidents/${id}/people`);
  assert.equal(all.body.total, 4);
  assert.equal(all.body.items.find((p) => p.person_id === nomail.person_id).last_call.outcome, 'reached');
  const stranger = await officer.post(`/api/v1/safety/incidents/${id}/calls`, { person_id: 999999999, outcome: 'no_answer' });
  expectError(stranger, 422, 'validation_failed');
  assert.ok(findDetail(stranger, 'safety.not_asked', 'person_id'));

  const figures = await officer.get(`/api/v1/safety/incidents/${id}`);
  assert.deepEqual(figures.body.roll_call, { asked: 4, emailed: 3, safe: 1, need_help: 1, unanswered: 2, reached: 1 });

  // Closed: the links expire, the incident no longer changes, its record stays.
  const closed = await officer.post(`/api/v1/safety/incidents/${id}/close`, {});
  expectStatus(closed, 200);
  assert.equal(closed.body.state, 'closed');
  assert.ok(closed.body.closed_at);
  await eventually(() => assert.ok(live.events.some((e) => e.name === 'closed')));
  live.close();
  expectError(await anonymous.get(`/api/v1/safety/answer/${tokenIn(c)}`), 410, 'safety.link_expired');
  expectError(await anonymous.post(`/api/v1/safety/answer/${tokenIn(c)}`, { answer: 'safe' }), 410, 'safety.link_expired');
  expectError(await officer.post(`/api/v1/safety/incidents/${id}/close`, {}), 409, 'safety.incident_closed');
  expectError(await officer.post(`/api/v1/safety/incidents/${id}/roll-call`, {}), 409, 'safety.incident_closed');
  expectError(await officer.post(`/api/v1/safety/incidents/${id}/calls`, { person_id: nomail.person_id, outcome: 'no_answer' }), 409, 'safety.incident_closed');
  assert.equal((await officer.get(`/api/v1/safety/incidents/${id}`)).body.roll_call.safe, 1);

  const timeline = await officer.get(`/api/v1/safety/incidents/${id}/timeline`);
  expectStatus(timeline, 200);
  assert.deepEqual(timeline.body.items.map((e) => e.kind), ['created', 'asked', 'asked', 'answered', 'answered', 'called', 'closed']);
  assert.equal(timeline.body.items[0].actor, 'officer');
  assert.equal(timeline.body.items[3].actor, null, 'an answer is the person abroad\'s');
  assert.deepEqual(timeline.body.items[1].detail, { asked: 4, emailed: 3 });

  // Reading who answered what is a read of personal data: audited.
  const reads = await listAll(auditor, '/api/v1/audit?action=safety.roll_call.read');
  assert.ok(reads.some((e) => e.object_id === String(id) && e.username === 'officer'));
  const answers = await listAll(auditor, '/api/v1/audit?action=safety.roll_call.answer');
  assert.equal(answers.filter((e) => e.object_id === String(id)).length, 2);
});

test('only the desk and the auditor see incidents and follow them live', async () => {
  const created = await officer.post('/api/v1/safety/incidents', incident({ title: `只读 ${run}` }));
  const id = created.body.id;
  expectStatus(await auditor.get(`/api/v1/safety/incidents/${id}`), 200);
  expectError(await citizen.get(`/api/v1/safety/incidents/${id}`), 403, 'forbidden');
  expectError(await citizen.get(`/api/v1/safety/incidents/${id}/people`), 403, 'forbidden');
  expectError(await anonymous.get(`/api/v1/safety/incidents/${id}/timeline`), 401, 'unauthenticated');
  expectError(await officer.get('/api/v1/safety/incidents/999999999'), 404, 'not_found');
  expectError(await auditor.post(`/api/v1/safety/incidents/${id}/roll-call`, {}), 403, 'forbidden');
  expectError(await auditor.post(`/api/v1/safety/incidents/${id}/close`, {}), 403, 'forbidden');
  assert.equal((await follow(citizen, id)).status, 403);
  assert.equal((await follow(anonymous, id)).status, 401);
  const watching = await follow(auditor, id);
  assert.equal(watching.status, 200);
  watching.close();
});

test('the demo\'s closed incident: a storm in the past, everyone accounted for, its links expired', async () => {
  const storm = (await listAll(officer, '/api/v1/safety/incidents')).find((i) => i.title === '纳尔逊·曼德拉湾强降雨和洪水');
  assert.ok(storm, 'the demo has the closed incident');
  assert.equal(storm.state, 'closed');
  assert.ok(storm.to < storm.closed_at.slice(0, 10) && storm.closed_at < new Date().toISOString(), 'closed after its window, in the past');
  assert.deepEqual(storm.roll_call, { asked: 5, emailed: 4, safe: 3, need_help: 1, unanswered: 1, reached: 1 });
  const timeline = (await officer.get(`/api/v1/safety/incidents/${storm.id}/timeline`)).body.items;
  assert.deepEqual(timeline.map((e) => e.at), timeline.map((e) => e.at).sort(), 'in the order it happened');
  assert.equal(timeline.at(-1).kind, 'closed');
  const help = await officer.get(`/api/v1/safety/incidents/${storm.id}/people?status=need_help`);
  assert.equal(help.body.items[0].last_call.outcome, 'reached');
});

// --- retention (PIPL): a person is removed once every leg of theirs ended more than the
// policy's days ago, unless an open incident's roll call holds them.

function retention() {
  return new Promise((resolve, reject) => {
    execFile(process.env.WAISHI_BIN, ['retention', '--db', process.env.WAISHI_DB], { env: process.env },
      (error, stdout, stderr) => (error ? reject(new Error(stderr)) : resolve(stderr)));
  });
}

test('retention removes those back longer than the policy\'s days, keeps the others and those an open roll call holds, and audits counts only', async () => {
  const security = await as('secadmin');
  const today = new Date(Date.now() + 8 * 3600e3).toISOString().slice(0, 10);
  // Each alone at a place of its own (an island of the Azores), so the questions below find only them.
  const place = (i) => ({ lat: (37.7 + i * 0.5).toFixed(4), lon: (-25.6 - i * 0.5).toFixed(4) });
  const dir = mkdtempSync(join(tmpdir(), 'waishi-retention-'));
  const file = join(dir, 'itineraries.csv');
  const people = [['old', 100], ['recent', 80], ['held', 100]];
  writeFileSync(file, ['person_id,name,phone,email,country,city,lat,lon,from,to',
    ...people.map(([id, back], i) => `${run}-ret-${id},留存${id},,,PT,Ponta Delgada,${place(i).lat},${place(i).lon},${addDays(today, -back - 5)},${addDays(today, -back)}`),
  ].join('\n') + '\n');
  await new Promise((resolve, reject) => execFile(process.env.WAISHI_BIN,
    ['import', 'itineraries', '--db', process.env.WAISHI_DB, file], { env: process.env }, (e) => (e ? reject(e) : resolve())));
  const there = async (i) => (await officer.post('/api/v1/safety/affected', {
    lat: Number(place(i).lat), lon: Number(place(i).lon), radius_km: 1, from: addDays(today, -120), to: today,
  })).body.people;
  assert.deepEqual(await Promise.all([0, 1, 2].map(there)), [1, 1, 1]);

  // An open incident asked the third: the roll call holds them.
  const held = await officer.post('/api/v1/safety/incidents', {
    title: `留存 ${run}`, lat: Number(place(2).lat), lon: Number(place(2).lon), radius_km: 1, from: addDays(today, -102), to: addDays(today, -101),
  });
  expectStatus(held, 201);
  assert.equal((await officer.post(`/api/v1/safety/incidents/${held.body.id}/roll-call`, {})).body.asked, 1);

  // The policy: 1 to 3650 days, the security administrator's to change.
  expectError(await security.put('/api/v1/policies/safety', { retention_days: 0 }), 422, 'validation_failed');
  assert.deepEqual((await security.get('/api/v1/policies/safety')).body, { retention_days: 90 });

  await retention();
  assert.deepEqual(await Promise.all([0, 1, 2].map(there)), [0, 1, 1], '90 days: the one back 100 days ago goes; the one an open roll call holds stays');
  const audited = await listAll(auditor, '/api/v1/audit?action=safety.retention');
  const last = audited.sort((a, b) => b.id - a.id)[0];
  assert.ok(last.detail.people >= 1 && last.detail.legs >= 1);
  assert.equal(last.detail.retention_days, 90);
  assert.ok(!JSON.stringify(last.detail).includes('留存'), 'counts, never names');

  // Closed, the incident no longer holds them; a shorter policy takes the recent one too.
  expectStatus(await officer.post(`/api/v1/safety/incidents/${held.body.id}/close`, {}), 200);
  try {
    expectStatus(await security.put('/api/v1/policies/safety', { retention_days: 30 }), 200);
    await retention();
    assert.deepEqual(await Promise.all([0, 1, 2].map(there)), [0, 0, 0]);
  } finally {
    expectStatus(await security.put('/api/v1/policies/safety', { retention_days: 90 }), 200);
  }
});
