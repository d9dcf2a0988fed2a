// The audit log: reads and changes of a case recorded, readable by auditors only, not
// modifiable through the API, hash chain verified by the API and by the CLI.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  act, as, createCase, eventually, expectError, expectStatus, listAll, show, tag, validTrip,
} from './lib/client.mjs';

const ent = await as('ent.normal');
const officer = await as('officer');
const auditor = await as('auditor');
const auditAdmin = await as('auditadmin');
const reviewer = await as('reviewer');

const since = new Date(Date.now() - 1000).toISOString();
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
  }
  const reads = items.filter((e) => /read|view/.test(e.action));
  // A change is sealed on its own; the reads of a batch together, by the entry that follows them.
  for (const e of items.filter((x) => !reads.includes(x))) assert.match(e.hash, /^[0-9a-f]{64}$/, `hash of ${e.action}`);
  const seals = await listAll(auditor, '/api/v1/audit?action=audit.reads');
  for (const e of reads) {
    assert.equal(e.hash, '', `a read has no MAC of its own: ${JSON.stringify(e)}`);
    const seal = seals.find((s) => s.detail.first_id <= e.id && e.id <= s.detail.last_id);
    assert.ok(seal, `read ${e.id} is sealed by an audit.reads entry`);
    assert.ok(seal.id > e.id && seal.detail.reads === seal.detail.last_id - seal.detail.first_id + 1, JSON.stringify(seal));
    assert.match(seal.detail.sha256, /^[0-9a-f]{64}$/);
    assert.match(seal.hash, /^[0-9a-f]{64}$/);
  }
  assert.ok(reads.some((e) => e.user_id === officer.user.id && e.username === 'officer'),
    `the officer's read is recorded: ${JSON.stringify(items.map((e) => [e.action, e.username]))}`);
  assert.ok(reads.some((e) => e.user_id === reviewer.user.id),
    `the reviewer's read is recorded: ${JSON.stringify(items.map((e) => [e.id, e.action, e.user_id, e.username]))}`);
  assert.ok(reads.every((e) => typeof e.ip === 'string' && e.ip.length > 0), 'reads record where from');
  assert.ok(items.some((e) => /creat/.test(e.action) && e.user_id === ent.user.id), 'the creation is recorded');
  assert.ok(items.some((e) => /transition|submit/.test(e.action) && e.user_id === ent.user.id), 'the submission is recorded');
});

test('listed by object type or by object id alone, each read appears once', async () => {
  await caseEntries();  // the reads are written by now (the first test waited for them)
  for (const query of [`object_type=case&user_id=${officer.user.id}&from=${since}`, `object_id=${c.id}`,
    `object_type=case&object_id=${c.id}&action=case.read`]) {
    const items = await listAll(auditor, `/api/v1/audit?${query}`);
    const ids = items.map((e) => e.id);
    assert.equal(new Set(ids).size, ids.length, `${query}: no entry twice`);
    assert.deepEqual(ids, [...ids].sort((a, b) => b - a), `${query}: newest first`);
    assert.ok(items.some((e) => e.action === 'case.read' && String(e.object_id) === String(c.id) && e.user_id === officer.user.id),
      `${query}: the officer's read of case ${c.id}`);
    const page = await auditor.get(`/api/v1/audit?${query}&page_size=1`);
    expectStatus(page, 200);
    assert.equal(page.body.total, items.length, `${query}: the total counts each entry once`);
  }
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
  // A user id is a number: one past the 64-bit range, or negative, is refused like letters.
  for (const id of ['99999999999999999999', '-1', '1e3', '7x']) {
    expectError(await auditor.get(`/api/v1/audit?user_id=${id}`), 400);
  }
  const nobody = await auditor.get('/api/v1/audit?user_id=9223372036854775807');
  expectStatus(nobody, 200);
  assert.equal(nobody.body.total, 0);
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

test('GET /api/v1/audit/verify: the chain is intact and matches its anchor', async () => {
  const r = await auditor.get('/api/v1/audit/verify');
  expectStatus(r, 200);
  assert.equal(r.body.ok, true, show(r));
  assert.ok(r.body.entries > 0);
  assert.equal(r.body.first_bad_id ?? null, null);
  assert.ok(r.body.checkpoints > 0, `the anchor's checkpoints were compared: ${show(r)}`);
  assert.ok(r.body.checkpoints <= r.body.entries);
});

const waishi = (args, env = process.env) => new Promise((resolve) => {
  execFile(process.env.WAISHI_BIN, args, { timeout: 60000, env },
    (err, stdout, stderr) => resolve({ code: err ? (err.code ?? 1) : 0, stdout, stderr }));
});

test('`waishi audit verify --db URL` exits 0 on the live database, checked against its anchor', { skip: !process.env.WAISHI_BIN }, async () => {
  const { code, stdout, stderr } = await waishi(['audit', 'verify', '--db', process.env.WAISHI_DB]);
  assert.equal(code, 0, `exit ${code}\nstdout: ${stdout}\nstderr: ${stderr}`);
  const [, entries, checkpoints] = stdout.match(/ok: (\d+) entries, (\d+) checkpoints/) ?? [];
  assert.ok(Number(checkpoints) > 0 && Number(checkpoints) <= Number(entries), stdout);
});

test('`waishi audit verify` under another key finds the chain broken at its first entry', { skip: !process.env.WAISHI_BIN }, async () => {
  const keys = mkdtempSync(join(tmpdir(), 'waishi-keys-'));
  try {
    assert.equal((await waishi(['keys', 'init', '--keys', keys])).code, 0);
    const { code, stderr } = await waishi(['audit', 'verify', '--db', process.env.WAISHI_DB, '--keys', keys]);
    assert.equal(code, 1, stderr);
    assert.match(stderr, /BROKEN at entry \d+: hash does not match the entry's contents under the key/);
  } finally {
    rmSync(keys, { recursive: true, force: true });
  }
});

test('`waishi keys init` creates only what is missing and never replaces a key; the commands refuse to run without one', { skip: !process.env.WAISHI_BIN }, async () => {
  const files = ['audit.key', 'signing.key', 'signing.crt'].map((f) => join(process.env.WAISHI_KEYS, f));
  const before = files.map((f) => readFileSync(f, 'utf8'));
  const again = await waishi(['keys', 'init']);
  assert.equal(again.code, 0, again.stderr);
  assert.match(again.stdout, /audit key exists, kept: .*audit\.key/);
  assert.match(again.stdout, /signing key exists, kept: .*signing\.key/);
  assert.deepEqual(files.map((f) => readFileSync(f, 'utf8')), before);
  const empty = mkdtempSync(join(tmpdir(), 'waishi-nokeys-'));
  try {
    for (const args of [['serve', '--port', '1'], ['audit', 'verify'], ['demo']]) {
      const r = await waishi([...args, '--db', process.env.WAISHI_DB, '--keys', empty]);
      assert.equal(r.code, 1, `${args[0]}: ${r.stderr}`);
      assert.match(r.stderr, /no audit key at .*audit\.key: create one with `waishi keys init/);
    }
    // With the audit key but not the signing pair (a folder from before the documents): refused,
    // naming the file and the command; keys init then adds the pair and keeps the audit key.
    const auditKey = readFileSync(files[0], 'utf8');
    writeFileSync(join(empty, 'audit.key'), auditKey, { mode: 0o600 });
    for (const args of [['serve', '--port', '1'], ['demo']]) {
      const r = await waishi([...args, '--db', process.env.WAISHI_DB, '--keys', empty]);
      assert.equal(r.code, 1, `${args[0]}: ${r.stderr}`);
      assert.match(r.stderr, /cannot read .*signing\.key.*`waishi keys init`/);
    }
    const init = await waishi(['keys', 'init', '--keys', empty]);
    assert.equal(init.code, 0, init.stderr);
    assert.match(init.stdout, /audit key exists, kept/);
    assert.match(init.stdout, /signing key created: .*signing\.key/);
    assert.match(init.stdout, /signing certificate: .*signing\.crt/);
    assert.equal(readFileSync(join(empty, 'audit.key'), 'utf8'), auditKey);
    assert.equal(statSync(join(empty, 'signing.key')).mode & 0o777, 0o600);
  } finally {
    rmSync(empty, { recursive: true, force: true });
  }
});
