// The CSRF column of the authorization matrix: every state-changing operation of the served
// OpenAPI document that needs a session — whatever module adds it — is refused with 403 csrf
// when the session's X-CSRF-Token is missing or wrong, before any role or object check, and
// writes nothing. The operations are read from the document, so a new route is covered
// without a line here.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  as, createCase, eventually, expectError, expectStatus, getCase, history, listAll, validTrip,
} from './lib/client.mjs';

const admin = await as('admin');
const ent = await as('ent.normal');
const auditor = await as('auditor');

const doc = (await ent.get('/api/v1/openapi.json')).body;
const operations = [];
for (const [path, ops] of Object.entries(doc.paths)) {
  for (const [method, op] of Object.entries(ops)) {
    if (!['post', 'put', 'patch', 'delete'].includes(method)) continue;
    if (!(op.security ?? doc.security ?? []).some((s) => 'session' in s)) continue;
    operations.push({ method: method.toUpperCase(), path, operationId: op.operationId });
  }
}

// A real object for every path parameter: the signed-in user's own draft case.
const own = await createCase(ent, validTrip({ purpose: 'CSRF 全覆盖测试' }));
const fill = (path) => path
  .replace('{id}', String(own.id))
  .replace('{subrecord_id}', '1')
  .replace('{date}', '2027-10-01')
  .replace(/\{[a-z_]+\}/g, 'x');

// A token that differs from the session's in its first character.
const wrongToken = (client) => (client.csrf[0] === 'x' ? 'y' : 'x') + client.csrf.slice(1);

const newestAuditId = async () => (await auditor.get('/api/v1/audit?page_size=1')).body.items[0].id;

test('the document has the state-changing operations this test covers', () => {
  assert.ok(operations.length >= 20, `operations: ${operations.length}`);
  assert.ok(operations.some((o) => o.method === 'POST' && o.path === '/api/v1/cases/{id}/transitions'));
  assert.ok(!operations.some((o) => o.path === '/api/v1/auth/login'), 'signing in needs no session');
});

test('every state-changing operation: no token or a wrong one → 403 csrf, for every kind of caller, nothing written', async () => {
  const start = await newestAuditId();
  const before = { state: (await getCase(ent, own.id)).state, events: (await history(ent, own.id)).length };
  for (const client of [admin, ent]) {
    for (const { method, path, operationId } of operations) {
      const url = fill(path);
      const body = method === 'DELETE' ? undefined : { action: 'submit', comment: 'csrf', name_zh: 'x' };
      const none = await client.request(method, url, { body, csrf: false });
      expectError(none, 403, 'csrf', `${client.name} ${operationId} without a token`);
      const wrong = await client.request(method, url,
        { body, csrf: false, headers: { 'X-CSRF-Token': wrongToken(client) } });
      expectError(wrong, 403, 'csrf', `${client.name} ${operationId} with a wrong token`);
    }
  }
  const after = await getCase(ent, own.id);
  assert.equal(after.state, before.state, 'the case did not move');
  assert.equal((await history(ent, own.id)).length, before.events, 'nothing was added to its history');
  // The audit log records only what was read meanwhile (the checks above, and the entries that
  // seal those reads by batch), never a change.
  await eventually(async () => {
    const since = (await listAll(auditor, '/api/v1/audit', 1000)).filter((e) => e.id > start);
    const changes = since.filter((e) => !/\.read$|^access\.refused$|^audit\.reads$/.test(e.action));
    assert.deepEqual(changes.map((e) => `${e.action} by ${e.username}`), []);
  });
  expectStatus(await ent.get('/api/v1/me'), 200, 'the session itself still works');
});
