// Hostile input and account attacks at the boundary (issue 7): each refusal with its one
// status, the server still answering afterwards, and nothing written.
//
// Sign-in attempts that must be throttled come from their own loopback addresses
// (127.0.0.x: Linux routes the whole 127/8 to the loopback device), so that they neither
// depend on nor disturb the other tests' sign-ins from 127.0.0.1.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import net from 'node:net';
import {
  BASE, BEHIND_PROXY, Client, PASSWORD, as, createCase, eventually, expectError, expectStatus, getCase, history,
  validTrip,
} from './lib/client.mjs';
import { from } from './lib/remote.mjs';

const ent = await as('ent.normal');
const citizen = await as('citizen');
const security = await as('secadmin');

const json = { 'Content-Type': 'application/json' };
const signIn = (address, username, password) =>
  from(address, 'POST', '/api/v1/auth/login', { body: JSON.stringify({ username, password }), headers: json });

async function alive() {
  const r = await new Client().get('/api/v1/health');
  assert.equal(r.status, 200, 'the server still answers');
}

test('a body nested 200,000 levels deep is refused before parsing (400 json_too_deep), the server lives', async () => {
  const c = await createCase(ent, validTrip());
  const deep = '{"comment":' + '['.repeat(200000) + ']'.repeat(200000) + '}';
  for (const [who, path] of [[citizen, `/api/v1/cases/${c.id}/transitions`], [ent, `/api/v1/cases/${c.id}/transitions`],
    [citizen, '/api/v1/cases/999999999/transitions'], [security, '/api/v1/policies/travel']]) {
    const method = path.includes('policies') ? 'PUT' : 'POST';
    const r = await who.request(method, path, { body: deep });
    expectError(r, 400, 'json_too_deep');
    assert.equal(r.body.error.details[0].rule, 'depth');
  }
  const login = await new Client().post('/api/v1/auth/login', '['.repeat(5_000_000) + ']'.repeat(5_000_000));
  expectError(login, 400, 'json_too_deep');
  await alive();
  assert.equal((await getCase(ent, c.id)).state, 'draft', 'nothing happened to the case');
  // 63 levels are still JSON the server reads, and judges on its merits: here an unknown member.
  const ok = await ent.post(`/api/v1/cases/${c.id}/transitions`,
    `{"action":"submit","comment":"x","extra":${'['.repeat(62)}${']'.repeat(62)}}`);
  expectError(ok, 422, 'validation_failed');
  assert.equal(ok.body.error.details[0].field, 'extra');
  assert.equal(ok.body.error.details[0].rule, 'unknown_field');
});

test('errors are capped at 50 details plus one that counts the rest (422), for anyone', async () => {
  const body = { username: 'officer', password: 'x' };
  for (let i = 0; i < 900; i++) body[`k${i}`] = i;
  const r = await new Client().post('/api/v1/auth/login', body);
  expectError(r, 422, 'validation_failed');
  const details = r.body.error.details;
  assert.equal(details.length, 51);
  assert.ok(details.slice(0, 50).every((d) => d.rule === 'unknown_field'));
  assert.equal(details[50].rule, 'more');
  assert.equal(details[50].count, 850);
  assert.match(details[50].message, /850 more/);
  assert.match(details[50].message_zh, /850/);
});

test('a JSON route refuses a body of another type (415), so another site cannot sign a visitor in', async () => {
  const body = JSON.stringify({ username: 'officer', password: PASSWORD });
  for (const type of ['text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x']) {
    const r = await new Client().post('/api/v1/auth/login', body, { headers: { 'Content-Type': type } });
    expectError(r, 415, 'unsupported_media_type');
    assert.equal(r.headers.get('set-cookie'), null, 'no session');
  }
  const ok = await new Client().post('/api/v1/auth/login', body, { headers: { 'Content-Type': 'application/json; charset=utf-8' } });
  assert.equal(ok.status, 200);
});

test('methods outside the route table run no handler: 405 on a known path, 404 elsewhere', async () => {
  const c = await createCase(ent, validTrip());
  const before = (await history(ent, c.id)).length;
  for (const method of ['HEAD', 'OPTIONS', 'TRACE', 'PROPFIND']) {
    const r = await from('127.0.0.1', method, `/api/v1/cases/${c.id}`, { headers: { ...json, Cookie: ent.cookieHeader() } });
    assert.equal(r.status, 405, method);
  }
  // PROPFIND rather than TRACE, which a proxy in front answers itself.
  const nowhere = await from('127.0.0.1', 'PROPFIND', '/api/v1/nowhere', { headers: json });
  assert.equal(nowhere.status, 404);
  assert.equal((await history(ent, c.id)).length, before, 'nothing recorded');
  await alive();
});

// Writes `head` (and then `chunks`, if any) on a bare socket and reports what came back and
// whether the server closed the connection within `ms`.
function bareRequest(head, chunks = [], ms = 3000) {
  return new Promise((resolve) => {
    const url = new URL(BASE);
    const socket = net.connect({ host: url.hostname, port: Number(url.port) });
    const received = [];
    let sent = 0;
    const timer = setTimeout(() => { socket.destroy(); resolve({ closed: false, sent, text: Buffer.concat(received).toString() }); }, ms);
    socket.on('data', (d) => received.push(d));
    socket.on('error', () => {});
    socket.on('close', () => { clearTimeout(timer); resolve({ closed: true, sent, text: Buffer.concat(received).toString() }); });
    socket.on('connect', async () => {
      socket.write(head);
      for (const c of chunks) {
        if (socket.destroyed) break;
        await new Promise((r) => socket.write(c, r));
        sent += c.length;
      }
    });
  });
}

const EDGE = BEHIND_PROXY && `${BEHIND_PROXY} answers it at the edge (its client_max_body_size and header buffers)`;

test('a body over the 11 MB limit is refused at its headers, before a byte of it is read; nothing written', { skip: EDGE }, async () => {
  const count = async () => (await ent.get('/api/v1/cases?type=outbound_travel&page_size=1')).body.total;
  const before = await count();
  const head = (extra) => `POST /api/v1/cases HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n` +
    `Cookie: ${ent.cookieHeader()}\r\nX-CSRF-Token: ${ent.csrf}\r\n${extra}\r\n`;
  // 50 MB announced, no body sent: the connection closes at once, without an answer.
  const declared = await bareRequest(head(`Content-Length: ${50 * 1024 * 1024}\r\n`));
  assert.equal(declared.closed, true, 'the server closes the connection without waiting for the body');
  assert.equal(declared.text, '', 'and runs no handler');
  // The same in chunks: cut off once the chunks pass the limit, not after 50 MB.
  const chunk = Buffer.concat([Buffer.from(`100000\r\n`), Buffer.alloc(0x100000, 0x20), Buffer.from('\r\n')]);
  const chunked = await bareRequest(head('Transfer-Encoding: chunked\r\n'), Array(50).fill(chunk), 10000);
  assert.equal(chunked.closed, true);
  assert.equal(chunked.text, '');
  assert.ok(chunked.sent < 20 * chunk.length, `cut off near the limit, not at the end: ${chunked.sent} bytes sent`);
  assert.equal(await count(), before, 'no case created');
  await alive();
});

test('?state= takes at most 32 known states (400); a URL of 33,000 states is cut off unread', async () => {
  const officer = await as('officer');
  const many = Array.from({ length: 33000 }, () => 'office_review').join(',');
  if (!EDGE) await assert.rejects(officer.get(`/api/v1/cases?state=${many}`), 'the connection is closed (URL over 16 KiB)');
  expectError(await officer.get(`/api/v1/cases?state=${Array(1000).fill('approved').join(',')}`), 400, 'invalid_query');
  const r = await officer.get(`/api/v1/cases?state=${Array(33).fill('approved').join(',')}`);
  expectError(r, 400, 'invalid_query');
  assert.equal(r.body.error.details[0].rule, 'max_items');
  const unknown = await officer.get('/api/v1/cases?state=office_review,no_such_state');
  expectError(unknown, 400, 'invalid_query');
  assert.equal(unknown.body.error.details[0].rule, 'enum');
  assert.equal((await officer.get('/api/v1/cases?state=office_review,approved')).status, 200);
});

test("an attacker's address is throttled for the account, while its owner signs in from elsewhere", async () => {
  const attacker = '127.0.0.23';
  for (let i = 0; i < 5; i++) assert.equal((await signIn(attacker, 'approver', `wrong-${i}`)).status, 401);
  const sixth = await signIn(attacker, 'approver', PASSWORD);
  assert.equal(sixth.status, 429, 'the right password from the attacking address is refused too');
  assert.equal(sixth.body.error.code, 'throttled');
  const owner = await signIn('127.0.0.24', 'approver', PASSWORD);
  assert.equal(owner.status, 200, 'the approver still signs in from their own address');
});

test('parallel guesses cannot pass the limit: of 12 at once, 5 are checked', async () => {
  const attacker = '127.0.0.25';
  const answers = await Promise.all(Array.from({ length: 12 }, (_, i) => signIn(attacker, 'reviewer', `guess-${i}`)));
  const statuses = answers.map((r) => r.status);
  // The attempts are counted one after the other in the write queue: exactly 5 are checked.
  assert.equal(statuses.filter((s) => s === 401).length, 5, statuses.join(','));
  assert.equal(statuses.filter((s) => s === 429).length, 7, statuses.join(','));
});

test('a spray across accounts from one address is refused for every account', async () => {
  const attacker = '127.0.0.26';
  const names = ['officer', 'auditor', 'citizen', 'ent.normal', 'ent.other', 'no.such.user'];
  let refused = null;
  for (let i = 0; i < 40 && !refused; i++) {
    const r = await signIn(attacker, names[i % names.length], `spray-${i}`);
    if (r.status === 429) refused = i;
    else assert.equal(r.status, 401);
  }
  assert.equal(refused, 30, 'the 31st failure from the address is refused');
  const right = await signIn(attacker, 'officer', PASSWORD);
  assert.equal(right.status, 429, 'even a right password from that address, for any account');
  assert.equal((await signIn('127.0.0.27', 'officer', PASSWORD)).status, 200, 'other addresses are not affected');
});

test('a CR/LF in the path cannot forge a line of the server log', async () => {
  const forged = 'FORGED-LOG-LINE-4711';
  const r = await new Client().get(`/api/v1/nowhere%0D%0A${forged}%20INFO%20http%20admin`);
  assert.equal(r.status, 404);
  // The access log line is written just after the answer.
  const lines = await eventually(async () => {
    const log = await readFile(process.env.WAISHI_SERVER_LOG, 'utf8');
    const found = log.split('\n').filter((l) => l.includes(forged));
    assert.ok(found.length >= 1, 'the request was logged');
    return found;
  });
  for (const line of lines) {
    assert.match(line, /^\d{4}-\d\d-\d\dT[^ ]+ INFO http /, 'each line is a whole log line of its own');
    assert.ok(line.includes('\\x0D\\x0A' + forged), line);
  }
});

test('custody: ID numbers whole for the desk officer (the read audited), masked for everyone else', async () => {
  const officer = await as('officer');
  const auditor = await as('auditor');
  const whole = await officer.get('/api/v1/passport-custody?page_size=5');
  assert.equal(whole.status, 200);
  assert.ok(whole.body.items.length > 0, 'the demo has passports out');
  for (const p of whole.body.items) assert.match(p.id_number, /^\d{17}[\dX]$/);
  expectError(await (await as('admin')).get('/api/v1/passport-custody?page_size=5'), 403, 'forbidden');
  for (const name of ['approver', 'auditor']) {
    const r = await (await as(name)).get('/api/v1/passport-custody?page_size=5');
    assert.equal(r.status, 200, name);
    r.body.items.forEach((p, i) => {
      assert.match(p.id_number, /^\d{3}\*{11}[\dX]{4}$/, `${name} sees ${p.id_number}`);
      assert.equal(p.id_number.slice(-4), whole.body.items[i].id_number.slice(-4));
    });
  }
  const ids = whole.body.items.map((p) => p.id);
  await eventually(async () => {
    const log = await auditor.get('/api/v1/audit?action=passport_custody.read&page_size=50');
    assert.ok(log.body.items.some((e) => e.username === 'officer'
      && JSON.stringify(e.detail.ids) === JSON.stringify(ids)), 'the officer\'s read is in the audit log');
  });
});

test('searches and history reads are recorded in the audit log', async () => {
  const officer = await as('officer');
  const auditor = await as('auditor');
  const q = `审计检索${Date.now() % 100000}`;
  assert.equal((await officer.get(`/api/v1/cases?q=${encodeURIComponent(q)}`)).status, 200);
  const c = await createCase(ent, validTrip());
  assert.equal((await ent.get(`/api/v1/cases/${c.id}/history`)).status, 200);
  await eventually(async () => {
    const searches = await auditor.get('/api/v1/audit?action=case.search&page_size=50');
    assert.ok(searches.body.items.some((e) => e.username === 'officer' && e.detail.q === q), 'the search');
    const reads = await auditor.get(`/api/v1/audit?action=case.history.read&object_id=${c.id}`);
    assert.ok(reads.body.items.some((e) => e.username === 'ent.normal'), 'the history read');
  });
});

test('a comment of 5 MB is refused (422 max_length) on a transition and on the comments route, nothing stored', async () => {
  const c = await createCase(ent, validTrip());
  const big = 'x'.repeat(5 * 1024 * 1024);
  const before = (await history(ent, c.id)).length;
  const t = await ent.post(`/api/v1/cases/${c.id}/transitions`, { action: 'submit', comment: big });
  expectError(t, 422, 'validation_failed');
  assert.equal(t.body.error.details[0].field, 'comment');
  assert.equal(t.body.error.details[0].rule, 'max_length');
  const k = await ent.post(`/api/v1/cases/${c.id}/comments`, { body: 'x'.repeat(20001) });
  expectError(k, 422, 'validation_failed');
  assert.equal(k.body.error.details[0].rule, 'max_length');
  assert.equal((await getCase(ent, c.id)).state, 'draft');
  assert.equal((await history(ent, c.id)).length, before, 'nothing recorded');
});

test('the comment limit counts characters: 20,000 Chinese characters are taken, 20,001 refused', async () => {
  const c = await createCase(ent, validTrip());
  const longest = '审'.repeat(20000);  // 60,000 bytes of UTF-8
  expectStatus(await ent.post(`/api/v1/cases/${c.id}/comments`, { body: longest }), 201);
  const over = await ent.post(`/api/v1/cases/${c.id}/comments`, { body: longest + '审' });
  expectError(over, 422, 'validation_failed');
  assert.equal(over.body.error.details[0].field, 'body');
  assert.equal(over.body.error.details[0].rule, 'max_length');
  const comments = (await history(ent, c.id)).filter((e) => e.kind === 'comment');
  assert.deepEqual(comments.map((e) => e.comment.length), [20000], 'the one comment taken, whole');
});

test("reaching for another organization's case is refused (404) and recorded", async () => {
  const other = await as('ent.other');
  const auditor = await as('auditor');
  const c = await createCase(ent, validTrip());
  expectError(await other.get(`/api/v1/cases/${c.id}`), 404, 'not_found');
  expectError(await citizen.post('/api/v1/organizations', { kind: 'enterprise', name_zh: '越权', name_en: 'X' }), 403, 'forbidden');
  await eventually(async () => {
    const r = await auditor.get('/api/v1/audit?action=access.refused&page_size=100');
    const mine = r.body.items.filter((e) => e.username === 'ent.other' && e.detail.path === `/api/v1/cases/${c.id}`);
    assert.equal(mine.length, 1, 'the refused read');
    assert.equal(mine[0].detail.status, 404);
    assert.equal(mine[0].detail.method, 'GET');
    assert.ok(r.body.items.some((e) => e.username === 'citizen' && e.detail.status === 403), 'the refused change');
  });
});

test('a dry run with a list 1,200 times over its bound gets one error and no rule run per item, nothing written', async () => {
  const before = (await ent.get('/api/v1/cases?page_size=1')).body.total;
  const data = validTrip();
  data.members = Array.from({ length: 60000 }, () => data.members[0]);  // ~8 MB; the limit is 50
  const r = await ent.post('/api/v1/cases/check', { type: 'outbound_travel', data });
  expectStatus(r, 200);
  assert.deepEqual(r.body.errors.map((e) => [e.field, e.rule]), [['members', 'max_items']]);
  assert.deepEqual(r.body.checks, [], 'the rules wait for data within its bounds');
  assert.ok(JSON.stringify(r.body).length < 1000, `a small answer: ${JSON.stringify(r.body).length} bytes`);
  assert.equal((await ent.get('/api/v1/cases?page_size=1')).body.total, before, 'nothing written');
});
