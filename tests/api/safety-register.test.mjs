// The register searched (issue 11): the consular desk finds a person abroad by part of their
// name, phone, e-mail or group — ASCII in any case, wildcards as text — and reads their legs;
// each search is audited; nobody else searches it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Client, as, eventually, expectError, expectStatus, listAll } from './lib/client.mjs';

const officer = await as('officer');
const auditor = await as('auditor');
const search = (client, query) => client.get(`/api/v1/safety/people?${new URLSearchParams(query)}`);

test('a person found by name, phone, e-mail or group, with their legs', async () => {
  const byName = await search(officer, { q: '王芳' });
  expectStatus(byName, 200);
  const wang = byName.body.items.find((p) => p.phone === '13705740031');
  assert.ok(wang, 'the demo tour group\'s leader');
  assert.deepEqual([wang.source, wang.group], ['agency', '东京大阪六日游 JP2612']);
  assert.deepEqual(wang.legs.map((l) => [l.country, l.city]), [['JP', 'Tokyo'], ['JP', 'Osaka']]);
  assert.ok(wang.legs[0].from <= wang.legs[0].to && wang.legs[0].to < wang.legs[1].from);
  assert.equal(wang.legs[0].lat, 35.6895);

  const byPhone = (await search(officer, { q: '1370574003' })).body.items.map((p) => p.name);
  for (const name of ['王芳', '李娜', '赵磊', '孙静']) assert.ok(byPhone.includes(name), name);
  const byEmail = (await search(officer, { q: 'CHEN.SIYUAN@Example' })).body.items;
  assert.deepEqual(byEmail.map((p) => p.name), ['陈思远']);
  const byGroup = (await search(officer, { q: 'es2612' })).body.items.map((p) => p.name).sort();
  assert.deepEqual(byGroup, ['冯丽', '蒋涛', '钱伟'].sort());
  // % and _ are characters, not wildcards.
  assert.deepEqual((await search(officer, { q: '%' })).body.items, []);
  assert.deepEqual((await search(officer, { q: '_' })).body.items, []);
  assert.deepEqual((await search(officer, { q: '没有这个人' })).body, { items: [], more: false });
});

test('letters beyond ASCII are matched as typed, ASCII ones in any case, on both engines', async () => {
  const citizen = await as('citizen');
  const place = (await citizen.get('/api/v1/places?q=Paris&country=FR&limit=1')).body.items[0];
  const run = Date.now().toString(36);
  const r = await citizen.post('/api/v1/safety/registrations', {
    people: [{ name: `Émile Zola ${run}`, relation: 'self' }],
    legs: [{ place_id: place.id, from: '2031-05-01', to: '2031-05-03' }],
    consent: true,
  });
  expectStatus(r, 201);
  const names = async (q) => (await search(officer, { q })).body.items.map((p) => p.name);
  assert.deepEqual(await names(`Émile Zola ${run}`), [`Émile Zola ${run}`]);
  assert.deepEqual(await names(`zola ${run.toUpperCase()}`), [`Émile Zola ${run}`]);
  assert.deepEqual(await names(`émile zola ${run}`), [], 'É is not é: only ASCII letters match in any case');
  expectStatus(await citizen.post(`/api/v1/safety/registrations/${r.body.id}/withdraw`), 200);
  assert.deepEqual(await names(`Zola ${run}`), [], 'withdrawn, gone from the register');
});

test('without q, the newest first, as many as the limit; a bad limit or q is refused', async () => {
  const one = await search(officer, { limit: '1' });
  expectStatus(one, 200);
  assert.equal(one.body.items.length, 1);
  assert.equal(one.body.more, true);
  const two = (await search(officer, { limit: '2' })).body.items;
  assert.equal(two[0].id, one.body.items[0].id);
  assert.ok(two[0].id > two[1].id, 'newest first');
  for (const limit of ['0', '101', 'ten', '1.5']) {
    const r = await search(officer, { limit });
    expectError(r, 400, 'invalid_query');
    assert.equal(r.body.error.details[0].field, 'limit');
  }
  const long = await search(officer, { q: '长'.repeat(101) });
  expectError(long, 400, 'invalid_query');
  assert.equal(long.body.error.details[0].field, 'q');
});

test('each search is audited; only the desk and the auditor search', async () => {
  expectStatus(await search(auditor, { q: '郑海' }), 200);
  await eventually(async () => {
    const entries = await listAll(auditor, '/api/v1/audit?action=safety.register.search');
    assert.ok(entries.some((e) => e.detail.q === '郑海' && e.detail.people === 1));
  });
  for (const user of ['citizen', 'agency', 'ent.normal', 'reviewer', 'admin']) {
    expectError(await search(await as(user), { q: '王芳' }), 403, 'forbidden');
  }
  expectError(await search(new Client(), { q: '王芳' }), 401, 'unauthenticated');
});
