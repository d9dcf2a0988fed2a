// Backup and restore: `waishi backup` copies the database while the server writes (SQLite's
// online backup, PostgreSQL's pg_dump), `waishi restore` puts it into an empty database and
// refuses one that is not empty unless --force; the restored database passes `waishi audit
// verify` and a server on it answers what the original answered at the time of the backup.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFile, spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client, ENGINE, PASSWORD, as, expectStatus, tag } from './lib/client.mjs';

const officer = await as('officer');
const dir = mkdtempSync(join(tmpdir(), 'waishi-backup-'));
const servers = [];
after(() => { for (const s of servers) s.kill('SIGTERM'); });

function waishi(...args) {
  return new Promise((resolve) => {
    execFile(process.env.WAISHI_BIN, args, { env: process.env }, (error, stdout, stderr) =>
      resolve({ code: error ? error.code : 0, stdout, stderr }));
  });
}

function psql(url, sql) {
  return new Promise((resolve, reject) => {
    execFile('psql', [url, '-v', 'ON_ERROR_STOP=1', '-c', sql], (error, stdout, stderr) =>
      (error ? reject(new Error(stderr)) : resolve(stdout)));
  });
}

// An empty database of the tests' engine for a restore.
async function emptyDatabase() {
  const name = `restore_${tag().toLowerCase().replace(/[^a-z0-9]/g, '')}`;
  if (ENGINE === 'sqlite') return `sqlite:${join(dir, `${name}.db`)}`;
  const url = new URL(process.env.WAISHI_DB);
  const admin = new URL(url);
  admin.pathname = '/postgres';
  await psql(admin.toString(), `CREATE DATABASE ${name}`);
  url.pathname = `/${name}`;
  return url.toString();
}

const freePort = () => new Promise((resolve) => {
  const s = createServer().listen(0, '127.0.0.1', () => { const { port } = s.address(); s.close(() => resolve(port)); });
});

// A second server on `db`; answers its base URL once healthy.
async function serve(db) {
  const port = await freePort();
  const child = spawn(process.env.WAISHI_BIN, ['serve', '--db', db, '--port', String(port), '--address', '127.0.0.1',
    '--audit-anchor', join(dir, `anchor-${port}.log`), '--no-access-log'], { env: process.env, stdio: 'ignore' });
  servers.push(child);
  const base = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 100; ++i) {
    try {
      if ((await fetch(`${base}/api/v1/health`)).ok) return base;
    } catch { /* not up yet */ }
    await new Promise((done) => setTimeout(done, 100));
  }
  throw new Error(`the server on the restored database did not start (${db})`);
}

async function signIn(base, username) {
  const c = new Client(username);
  const r = await c.post(`${base}/api/v1/auth/login`, { username, password: PASSWORD });
  expectStatus(r, 200, `${username} signs in at ${base}`);
  c.csrf = r.body.csrf_token;
  return c;
}

const city = () => ({
  name_zh: `备份友城${tag()}`, name_en: `Sicherungstadt ${tag()}`, country: 'DE', lat: 50.1, lon: 8.7, tier: 'mou',
  established: '2015-03-01',
});

test('a backup taken while the server runs restores into an empty database that verifies and answers the same', async () => {
  const before = await officer.post('/api/v1/network/cities', city());
  expectStatus(before, 201);
  const stats = await officer.get('/api/v1/network/stats');
  const file = join(dir, 'waishi.backup');
  const b = await waishi('backup', '--db', process.env.WAISHI_DB, '--to', file);
  assert.equal(b.code, 0, b.stderr);
  assert.match(b.stdout, /backup written/);
  const later = await officer.post('/api/v1/network/cities', city());
  expectStatus(later, 201, 'a change after the backup');

  const target = await emptyDatabase();
  const r = await waishi('restore', '--db', target, '--from', file);
  assert.equal(r.code, 0, r.stderr);
  const verify = await waishi('audit', 'verify', '--db', target, '--audit-anchor', join(dir, 'no-anchor.log'));
  assert.equal(verify.code, 0, verify.stderr);
  assert.match(verify.stdout, /audit chain ok: \d+ entries/);

  const base = await serve(target);
  const there = await signIn(base, 'officer');
  const same = await there.get(`${base}/api/v1/network/cities/${before.body.id}`);
  expectStatus(same, 200);
  assert.deepEqual(same.body, (await officer.get(`/api/v1/network/cities/${before.body.id}`)).body, 'the same city');
  expectStatus(await there.get(`${base}/api/v1/network/cities/${later.body.id}`), 404, 'not what came after');
  const restoredStats = await there.get(`${base}/api/v1/network/stats`);
  assert.equal(restoredStats.body.cities, stats.body.cities, 'the registry as it was');
  const me = await there.get(`${base}/api/v1/me`);
  expectStatus(me, 200);
  assert.equal(me.body.user.username, 'officer', 'the accounts came along');
});

test('a restore refuses a database that is not empty unless --force, and a file that is not a backup', async () => {
  const file = join(dir, 'second.backup');
  assert.equal((await waishi('backup', '--db', process.env.WAISHI_DB, '--to', file)).code, 0);
  const refused = await waishi('restore', '--db', process.env.WAISHI_DB, '--from', file);
  assert.equal(refused.code, 1);
  assert.match(refused.stderr, /the target database is not empty: restore into an empty one, or --force/);

  const target = await emptyDatabase();
  assert.equal((await waishi('restore', '--db', target, '--from', file)).code, 0);
  const again = await waishi('restore', '--db', target, '--from', file);
  assert.equal(again.code, 1, 'now it holds data');
  const forced = await waishi('restore', '--db', target, '--from', file, '--force');
  assert.equal(forced.code, 0, forced.stderr);
  assert.equal((await waishi('audit', 'verify', '--db', target, '--audit-anchor', join(dir, 'none.log'))).code, 0);

  const junk = join(dir, 'junk.backup');
  writeFileSync(junk, '%PDF-1.4 not a backup');
  const wrong = await waishi('restore', '--db', await emptyDatabase(), '--from', junk);
  assert.equal(wrong.code, 1);
  assert.match(wrong.stderr, ENGINE === 'sqlite' ? /is not a SQLite backup/ : /is not a PostgreSQL backup/);
  const missing = await waishi('backup', '--db', process.env.WAISHI_DB);
  assert.equal(missing.code, 2, 'no --to: the usage');
});
