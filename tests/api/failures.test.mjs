// Failure paths no other file exercises: each asserts the one status, the error code and,
// where the server names one, the field.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  Client, act, as, createCase, expectError, findDetail, getCase, show, tag, tinyPdf, validTrip,
} from './lib/client.mjs';

const detailFields = (r) => (r.body?.error?.details ?? []).map((d) => d.field);

test('an unknown path answers 404 not_found and a known path with another method 405 method_not_allowed', async () => {
  const officer = await as('officer');
  expectError(await officer.get('/api/v1/no-such-thing'), 404, 'not_found');
  expectError(await officer.get('/api/v2/cases'), 404, 'not_found');
  expectError(await officer.request('DELETE', '/api/v1/cases'), 405, 'method_not_allowed');
  expectError(await officer.request('PUT', '/api/v1/me'), 405, 'method_not_allowed');
  // Anonymous too: routing comes before authentication.
  expectError(await new Client().request('DELETE', '/api/v1/health'), 405, 'method_not_allowed');
});

test('a request without a session answers 401 unauthenticated', async () => {
  const anon = new Client();
  expectError(await anon.get('/api/v1/me'), 401, 'unauthenticated');
  expectError(await anon.get('/api/v1/passport-custody'), 401, 'unauthenticated');
});

test('a JSON body that is not an object answers 400 body_not_object', async () => {
  const ent = await as('ent.normal');
  for (const body of ['[1,2]', '"text"', '42', 'null']) {
    const r = await ent.post('/api/v1/cases', body, { headers: { 'Content-Type': 'application/json' } });
    expectError(r, 400, 'body_not_object');
  }
  const r = await ent.post('/api/v1/cases', '{"type":', { headers: { 'Content-Type': 'application/json' } });
  expectError(r, 400, 'malformed_json');
});

test('a submitted case cannot be edited: 409 not_editable, data unchanged', async () => {
  const ent = await as('ent.normal');
  const c = await createCase(ent, validTrip({ purpose: `不可编辑测试 ${tag()}` }));
  await act(ent, c.id, 'submit', {}, 200);
  const r = await ent.patch(`/api/v1/cases/${c.id}`, { data: { ...c.data, purpose: '改过了' } });
  expectError(r, 409, 'not_editable');
  assert.deepEqual((await getCase(ent, c.id)).data, c.data);
});

test('an unknown transition answers 422 naming the field action', async () => {
  const ent = await as('ent.normal');
  const c = await createCase(ent, validTrip({ purpose: `未知动作测试 ${tag()}` }));
  const r = await act(ent, c.id, 'teleport', {}, null);
  expectError(r, 422, 'validation_failed');
  findDetail(r, 'enum', 'action');
  assert.deepEqual(detailFields(r), ['action']);
  assert.equal((await getCase(ent, c.id)).state, 'draft');
});

test('a case id that is not a positive integer answers 404 not_found', async () => {
  const ent = await as('ent.normal');
  for (const id of ['abc', '0', '-1', '1.5', '99999999999']) {
    expectError(await ent.get(`/api/v1/cases/${id}`), 404, 'not_found');
  }
});

test('passport custody: an unknown row 404, a returned one 409 already_returned, others 403', async () => {
  const officer = await as('officer');
  expectError(await officer.post('/api/v1/passport-custody/99999999/return'), 404, 'not_found');
  expectError(await officer.post('/api/v1/passport-custody/abc/return'), 404, 'not_found');
  const list = await officer.get('/api/v1/passport-custody?page_size=100');
  assert.equal(list.status, 200, show(list));
  // A row not overdue (the demo's overdue one stays for reference.test.mjs).
  const row = list.body.items.find((x) => !x.returned_at && !x.overdue)
    ?? list.body.items.find((x) => x.returned_at);
  assert.ok(row, `a custody row in the demo data: ${show(list)}`);
  if (!row.returned_at) {
    const first = await officer.post(`/api/v1/passport-custody/${row.id}/return`);
    assert.equal(first.status, 200, show(first));
  }
  expectError(await officer.post(`/api/v1/passport-custody/${row.id}/return`), 409, 'already_returned');
  const ent = await as('ent.normal');
  expectError(await ent.post(`/api/v1/passport-custody/${row.id}/return`), 403, 'forbidden');
  expectError(await ent.get('/api/v1/passport-custody'), 403, 'forbidden');
});

test('login without a username or password answers 422 naming both; an unknown member 422 unknown_field', async () => {
  const c = new Client();
  const r = await c.post('/api/v1/auth/login', {});
  expectError(r, 422, 'validation_failed');
  findDetail(r, 'required', 'username');
  findDetail(r, 'required', 'password');
  assert.deepEqual(detailFields(r), ['username', 'password']);
  const empty = await c.post('/api/v1/auth/login', { username: 'officer', password: '' });
  expectError(empty, 422, 'validation_failed');
  assert.deepEqual(detailFields(empty), ['password']);
  const extra = await c.post('/api/v1/auth/login', { username: 'officer', password: 'x', remember_me: true });
  expectError(extra, 422, 'validation_failed');
  findDetail(extra, 'unknown_field', 'remember_me');
  expectError(await c.get('/api/v1/me'), 401, 'unauthenticated');
});

test('holidays: a bad year 400 invalid_query; deleting a day not in the calendar or not a date 404', async () => {
  const admin = await as('admin');
  for (const year of ['abc', '1800', '']) {
    const r = await admin.get(`/api/v1/holidays?year=${year}`);
    expectError(r, 400, 'invalid_query');
    assert.deepEqual(detailFields(r), ['year'], show(r));
  }
  expectError(await admin.del('/api/v1/holidays/2031-03-03'), 404, 'not_found');
  expectError(await admin.del('/api/v1/holidays/not-a-date'), 404, 'not_found');
});

test('an administrator cannot lock themselves out: 422 naming active, nothing changed; roles are not PATCH\'s', async () => {
  const admin = await as('admin');
  const id = admin.user.id;
  const off = await admin.patch(`/api/v1/users/${id}`, { active: false });
  expectError(off, 422, 'validation_failed');
  findDetail(off, 'self', 'active');
  const demoted = await admin.patch(`/api/v1/users/${id}`, { roles: ['officer'] });
  expectError(demoted, 422, 'validation_failed');
  findDetail(demoted, 'unknown_field', 'roles');
  const me = await admin.get('/api/v1/me');
  assert.equal(me.status, 200, show(me));
  assert.ok(me.body.user.roles.includes('admin'), show(me));
});

// Sub-records and document slots are the engine's; outbound travel declares neither, so every
// attempt through the API is refused before anything is written (their happy paths are in
// src/core/cases/engine_test.cpp).
test('sub-records of a kind the type does not declare: 422 on kind; an unknown one 404; a bad body 422', async () => {
  const ent = await as('ent.normal');
  const c = await createCase(ent, validTrip({ purpose: `子记录测试 ${tag()}` }));
  const add = await ent.post(`/api/v1/cases/${c.id}/subrecords`, { kind: 'milestone', data: {} });
  expectError(add, 422, 'validation_failed');
  findDetail(add, 'enum', 'kind');
  const noKind = await ent.post(`/api/v1/cases/${c.id}/subrecords`, { data: {} });
  expectError(noKind, 422, 'validation_failed');
  findDetail(noKind, 'required', 'kind');
  const list = await ent.get(`/api/v1/cases/${c.id}/subrecords`);
  assert.equal(list.status, 200, show(list));
  assert.deepEqual(list.body.items, []);
  expectError(await ent.post(`/api/v1/cases/${c.id}/subrecords/999999/transitions`, { action: 'verify' }), 404, 'not_found');
  // Another enterprise doesn't see the case, nor its sub-records.
  const other = await as('ent.other');
  expectError(await other.get(`/api/v1/cases/${c.id}/subrecords`), 404, 'not_found');
  expectError(await other.post(`/api/v1/cases/${c.id}/subrecords`, { kind: 'milestone', data: {} }), 404, 'not_found');
});

test('an upload into a document slot the type does not declare: 422 on kind, nothing attached', async () => {
  const ent = await as('ent.normal');
  const c = await createCase(ent, validTrip({ purpose: `文件槽测试 ${tag()}` }));
  const r = await ent.post(`/api/v1/cases/${c.id}/attachments?filename=a.pdf&kind=passport_copy`, tinyPdf(),
    { headers: { 'Content-Type': 'application/octet-stream' } });
  expectError(r, 422, 'validation_failed');
  findDetail(r, 'enum', 'kind');
  const list = await ent.get(`/api/v1/cases/${c.id}/attachments`);
  assert.deepEqual(list.body.items, [], show(list));
});
