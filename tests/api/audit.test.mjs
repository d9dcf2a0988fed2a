// The audit log: reads and changes of a case recorded, readable by auditors only, not
// modifiable through the API, hash chain verified by the API and by the CLI.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import {
  act, as, createCase, eventually, expectError, expectStatus, listAll, show, tag, validTrip,
} from './lib/client.mjs';

const ent = await as('ent.normal');
const officer = await as('officer');
const auditor = await as('auditor');
const auditAdmin = await as('auditadmin');
const reviewer = await as('reviewer');

const c = await createCase(ent, validTrip({ purpose: `审计测试 ${tag()}` }));
await act(ent, c.id, 'submit');
expectStatus(await officer.get(`/api/v1/cases/${c.id}`), 200);
expectStatus(await reviewer.get(`/api/v1/cases/${c.id}`), 200);

const caseEntries = () => listAll(auditor, `/api/v1/audit?object_type=case&object_id=${c.id}`);

test('the auditor lists the reads and the changes of a case', async () => {
  // Reads are audited without making the reader wait: allow a moment for the write.
  const items = await eventually(async () => {
    const all = await caseEntries();
    const readers = new Set(all.filter((e) => /read|view/.test(e.action)).map((e) => e.user_id));
    assert.ok(readers.has(officer.user.id) && readers.has(reviewer.user.id),
      `the officer's and the reviewer's reads are recorded: ${JSON.stringify(all.map((e) => [e.id, e.action, e.user_id, e.username]))}`);
    return all;
  });
  assert.ok(items.length >= 3, `entries for case ${c.id}: ${JSON.stringify(items)}`);
  for (const e of items) {
    assert.equal(e.object_type, 'case');
    assert.equal(String(e.object_id), String(c.id));
    assert.match(e.at, /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/);
    assert.equal(typeof e.action, 'string');
    assert.ok(typeof e.hash === 'string' && e.hash.length >= 32, `hash: ${e.hash}`);
  }
  const reads = items.filter((e) => /read|view/.test(e.action));
  assert.ok(reads.some((e) => e.user_id === officer.user.id && e.username === 'officer'),
    `the officer's read is recorded: ${JSON.stringify(items.map((e) => [e.action, e.username]))}`);
  assert.ok(reads.some((e) => e.user_id === reviewer.user.id),
    `the reviewer's read is recorded: ${JSON.stringify(items.map((e) => [e.id, e.action, e.user_id, e.username]))}`);
  assert.ok(reads.every((e) => typeof e.ip === 'string' && e.ip.length > 0), 'reads record where from');
  assert.ok(items.some((e) => /creat/.test(e.action) && e.user_id === ent.user.id), 'the creation is recorded');
  assert.ok(items.some((e) => /transition|submit/.test(e.action) && e.user_id === ent.user.id), 'the submission is recorded');
});

test('audit filters: action, user, time window', async () => {
  const all = await caseEntries();
  const readAction = all.find((e) => /read|view/.test(e.action))?.action;
  assert.ok(readAction, 'a read action');
  const byAction = await listAll(auditor, `/api/v1/audit?action=${encodeURIComponent(readAction)}&object_type=case&object_id=${c.id}`);
  assert.ok(byAction.length > 0 && byAction.every((e) => e.action === readAction));
  const byUser = await listAll(auditor, `/api/v1/audit?user_id=${officer.user.id}&object_type=case&object_id=${c.id}`);
  assert.ok(byUser.length > 0 && byUser.every((e) => e.user_id === officer.user.id));
  const future = await auditor.get('/api/v1/audit?from=2999-01-01T00:00:00Z');
  expectStatus(future, 200);
  assert.equal(future.body.items.length, 0);
  const bad = await auditor.get('/api/v1/audit?from=yesterday');
  expectError(bad, 400);
  expectStatus(await auditAdmin.get('/api/v1/audit?page_size=5'), 200, 'the audit administrator reads the audit log too');
});

test('officers and enterprise users may not read the audit log (403)', async () => {
  expectError(await officer.get('/api/v1/audit'), 403);
  expectError(await ent.get('/api/v1/audit'), 403);
  expectError(await officer.get('/api/v1/audit/verify'), 403);
});

test('no route modifies the audit log', async () => {
  const before = await caseEntries();
  const id = before[0].id;
  for (const client of [auditAdmin, auditor]) {
    // GET /audit and GET /audit/verify exist (405 for other methods); /audit/{id} does not (404).
    for (const [method, path, status, code] of [
      ['POST', '/api/v1/audit', 405, 'method_not_allowed'],
      ['PUT', '/api/v1/audit', 405, 'method_not_allowed'],
      ['DELETE', '/api/v1/audit', 405, 'method_not_allowed'],
      ['PATCH', '/api/v1/audit', 405, 'method_not_allowed'],
      ['PUT', `/api/v1/audit/${id}`, 404, 'not_found'],
      ['PATCH', `/api/v1/audit/${id}`, 404, 'not_found'],
      ['DELETE', `/api/v1/audit/${id}`, 404, 'not_found'],
      ['POST', '/api/v1/audit/verify', 405, 'method_not_allowed'],
    ]) {
      const r = await client.request(method, path, { body: { action: 'x', detail: 'tampered' } });
      expectError(r, status, code);
    }
  }
  const after = await caseEntries();
  const byId = (x, y) => Number(x.id) - Number(y.id);
  const kept = after.filter((e) => before.some((b) => b.id === e.id)).sort(byId);
  assert.deepEqual(kept, [...before].sort(byId), 'existing entries unchanged');
});

test('GET /api/v1/audit/verify: the chain is intact', async () => {
  const r = await auditor.get('/api/v1/audit/verify');
  expectStatus(r, 200);
  assert.equal(r.body.ok, true, show(r));
  assert.ok(r.body.entries > 0);
  assert.equal(r.body.first_bad_id ?? null, null);
});

test('`waishi audit verify --db URL` exits 0 on the live database', { skip: !process.env.WAISHI_BIN }, async () => {
  const { code, stdout, stderr } = await new Promise((resolve) => {
    execFile(process.env.WAISHI_BIN, ['audit', 'verify', '--db', process.env.WAISHI_DB], { timeout: 60000 },
      (err, stdout, stderr) => resolve({ code: err ? (err.code ?? 1) : 0, stdout, stderr }));
  });
  assert.equal(code, 0, `exit ${code}\nstdout: ${stdout}\nstderr: ${stderr}`);
});
