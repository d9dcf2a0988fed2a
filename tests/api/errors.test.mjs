// Request validation: malformed JSON, unknown fields, wrong types, missing required fields,
// bad queries. Each failure must write nothing.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  Client, act, createCase, expectError, expectStatus, findDetail, getCase, history, listAll, show, tag,
  transitions, validTrip,
} from './lib/client.mjs';

const ent = await new Client('ent.normal').login('ent.normal');
const countCases = async () => (await listAll(ent, '/api/v1/cases?type=outbound_travel')).length;

test('malformed JSON answers 400 and writes nothing', async () => {
  const before = await countCases();
  for (const body of ['{"type":"outbound_travel","data":{', 'not json', '{"type":"outbound_travel",}', '']) {
    const r = await ent.post('/api/v1/cases', body, { headers: { 'Content-Type': 'application/json' } });
    expectError(r, 400);
  }
  assert.equal(await countCases(), before, 'no case created');

  const c = await createCase(ent, validTrip({ purpose: `JSON错误测试 ${tag()}` }));
  const r = await ent.patch(`/api/v1/cases/${c.id}`, '{"data": {"purpose": "x"', { headers: { 'Content-Type': 'application/json' } });
  expectError(r, 400);
  const after = await getCase(ent, c.id);
  assert.deepEqual(after.data, c.data, 'case unchanged');
  const t = await ent.post(`/api/v1/cases/${c.id}/transitions`, '{"action":', { headers: { 'Content-Type': 'application/json' } });
  expectError(t, 400);
  assert.equal((await getCase(ent, c.id)).state, 'draft');
});

test('an unknown field answers 422 naming it, and writes nothing', async () => {
  const before = await countCases();
  const data = { ...validTrip(), colour: 'red' };
  const r = await ent.post('/api/v1/cases', { type: 'outbound_travel', data });
  expectError(r, 422);
  const d = (r.body.error.details || []).find((x) => /(^|\.)colour$/.test(x.field || ''));
  assert.ok(d, `a detail naming the unknown field "colour": ${show(r)}`);

  const nested = validTrip();
  nested.itinerary[0].airport = 'FRA';
  const r2 = await ent.post('/api/v1/cases', { type: 'outbound_travel', data: nested });
  expectError(r2, 422);
  assert.ok((r2.body.error.details || []).some((x) => /itinerary\[0\]\.airport$/.test(x.field || '')),
    `a detail naming itinerary[0].airport: ${show(r2)}`);
  assert.equal(await countCases(), before, 'no case created');

  // PATCH too: nothing changes.
  const c = await createCase(ent, validTrip({ purpose: `未知字段测试 ${tag()}` }));
  const p = await ent.patch(`/api/v1/cases/${c.id}`, { data: { ...c.data, colour: 'red' } });
  expectError(p, 422);
  assert.ok(p.body.error.details.some((x) => /(^|\.)colour$/.test(x.field || '')), show(p));
  assert.deepEqual((await getCase(ent, c.id)).data, c.data, 'case unchanged');
});

test('a wrong type answers 422 naming the field and the rule, and writes nothing', async () => {
  const before = await countCases();
  const data = validTrip();
  data.funding.budget_cny = 'lots';
  const r = await ent.post('/api/v1/cases', { type: 'outbound_travel', data });
  expectError(r, 422);
  findDetail(r, 'type', /(^|\.)funding\.budget_cny$/);

  const data2 = validTrip();
  data2.members = { name: '张昊' };
  const r2 = await ent.post('/api/v1/cases', { type: 'outbound_travel', data: data2 });
  expectError(r2, 422);
  findDetail(r2, 'type', /(^|\.)members$/);

  const data3 = validTrip();
  data3.departure_date = '2027/03/01';
  const r3 = await ent.post('/api/v1/cases', { type: 'outbound_travel', data: data3 });
  expectError(r3, 422);
  assert.ok(r3.body.error.details.some((x) => /(^|\.)departure_date$/.test(x.field || '')), show(r3));

  const data4 = validTrip();
  data4.inviter.kind = 'friend';
  const r4 = await ent.post('/api/v1/cases', { type: 'outbound_travel', data: data4 });
  expectError(r4, 422);
  assert.ok(r4.body.error.details.some((x) => /(^|\.)inviter\.kind$/.test(x.field || '')), show(r4));

  const data5 = validTrip();
  data5.itinerary[0].transit_airside = 'no';
  const r5 = await ent.post('/api/v1/cases', { type: 'outbound_travel', data: data5 });
  expectError(r5, 422);
  findDetail(r5, 'type', /itinerary\[0\]\.transit_airside$/);

  const data6 = validTrip();
  data6.itinerary[0].country = 'XX';
  const r6 = await ent.post('/api/v1/cases', { type: 'outbound_travel', data: data6 });
  expectError(r6, 422);
  assert.ok(r6.body.error.details.some((x) => /itinerary\[0\]\.country$/.test(x.field || '')), show(r6));

  const r7 = await ent.post('/api/v1/cases', { type: 'outbound_travel', data: [1, 2] });
  expectError(r7, 422, 'validation_failed');
  findDetail(r7, 'type', 'data');
  const r8 = await ent.post('/api/v1/cases', { type: 'no_such_type', data: validTrip() });
  expectError(r8, 422, 'validation_failed');
  findDetail(r8, 'enum', 'type');
  assert.equal(await countCases(), before, 'no case created');
});

test('a draft may be incomplete, but submitting it reports the missing required fields (422) and changes nothing', async () => {
  const data = validTrip();
  delete data.purpose;
  delete data.funding;
  const c = await createCase(ent, data);
  assert.equal(c.state, 'draft');
  const r = await act(ent, c.id, 'submit', {}, 422);
  expectError(r, 422);
  findDetail(r, 'required', /(^|\.)purpose$/);
  findDetail(r, 'required', /(^|\.)funding$/);
  const after = await getCase(ent, c.id);
  assert.equal(after.state, 'draft');
  assert.equal(after.submitted_at ?? null, null);
  assert.equal(transitions(await history(ent, c.id)).length, 0, 'no transition recorded');
});

test('page_size above 100 is refused with 400 invalid_query; bad paging answers 400', async () => {
  const officer = await new Client('officer').login('officer');
  const r = await officer.get('/api/v1/cases?page_size=500');
  expectError(r, 400, 'invalid_query');
  findDetail(r, 'range', 'page_size');
  const ok = await officer.get('/api/v1/cases?page=1&page_size=5');
  expectStatus(ok, 200);
  assert.equal(ok.body.page, 1);
  assert.equal(ok.body.page_size, 5);
  assert.ok(ok.body.items.length <= 5);
  assert.equal(typeof ok.body.total, 'number');
  assert.ok(ok.body.total >= 30, `demo data has 30+ cases visible to the officer: total ${ok.body.total}`);
  for (const q of ['page_size=abc', 'page=0', 'page=-1']) {
    expectError(await officer.get(`/api/v1/cases?${q}`), 400);
  }
});
