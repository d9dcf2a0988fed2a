// The accounts of MLPS level 3 (issue 7, item 2): the password policy wherever a password is
// set, the history of the last 5, the self-service change, the change forced after an
// administrator's creation or reset, the idle timeout and absolute lifetime of sessions, and
// the user's own sessions listed and revoked. Each refusal with its one status and that
// nothing was written.
//
// Wrong current passwords come from their own loopback address (127.0.0.x), so that the
// sign-in throttle they feed does not touch the other tests' sign-ins from 127.0.0.1.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  BASE, CHANGED_PASSWORD, Client, PASSWORD, as, expectError, expectStatus, firstLogin, listAll, login, tag,
} from './lib/client.mjs';
import { from } from './lib/remote.mjs';

const admin = await as('admin');
const security = await as('secadmin');
const auditor = await as('auditor');
const entOther = await as('ent.other');

// A new enterprise user created by the admin, with `password`; returns {id, username}.
async function newUser(password = PASSWORD) {
  const username = `acct.${tag()}`.toLowerCase();
  const r = await admin.post('/api/v1/users', {
    username, password, display_name: '账户测试', org_id: entOther.user.org.id, roles: ['enterprise_user'],
  });
  expectStatus(r, 201, 'admin creates a user');
  return { id: r.body.id, username };
}

async function userCount(username) {
  const r = await admin.get(`/api/v1/users?q=${encodeURIComponent(username)}`);
  expectStatus(r, 200);
  return r.body.total;
}

async function auditEntries(action, objectId) {
  return listAll(auditor, `/api/v1/audit?action=${encodeURIComponent(action)}&object_id=${objectId}`);
}

function expectRule(r, field, rule) {
  expectError(r, 422, 'validation_failed');
  const d = r.body.error.details;
  assert.equal(d.length, 1, JSON.stringify(d));
  assert.equal(d[0].field, field);
  assert.equal(d[0].rule, rule);
  assert.ok(d[0].message && d[0].message_zh && d[0].message !== d[0].message_zh, 'a message in both languages');
}

// One request as `client` from a chosen local address.
const fromAs = (address, client, method, path, body) => from(address, method, path, {
  body: JSON.stringify(body),
  headers: { 'Content-Type': 'application/json', Cookie: client.cookieHeader(), 'X-CSRF-Token': client.csrf },
});

const change = (c, current, next) =>
  c.post('/api/v1/me/password', { current_password: current, new_password: next });
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

// ------------------------------------------------------------------ the policy, on creation

test('creating a user with a password that breaks the policy: 422 naming the rule, no user', async () => {
  const cases = [
    ['Sh0rt-pw', 'password.length'],
    ['onlylowercase123', 'password.classes'],
    ['correct horse battery', 'password.classes'],
    ['P@ssw0rd123', 'password.common'],
  ];
  for (const [password, rule] of cases) {
    const username = `policy.${tag()}`.toLowerCase();
    const r = await admin.post('/api/v1/users', {
      username, password, display_name: 'x', org_id: entOther.user.org.id, roles: ['enterprise_user'],
    });
    expectRule(r, 'password', rule);
    assert.equal(await userCount(username), 0, `${password}: no user created`);
  }
  const username = `policy.${tag()}`.toLowerCase();
  const r = await admin.post('/api/v1/users', {
    username, password: `X-${username.toUpperCase()}-9`, display_name: 'x', org_id: entOther.user.org.id,
    roles: ['enterprise_user'],
  });
  expectRule(r, 'password', 'password.username');
  assert.equal(await userCount(username), 0);
});

// ------------------------------------------------------------------ the forced change

test('a created account must change its password first: only GET /me, the change and logout answer', async () => {
  const { id, username } = await newUser();
  const c = await login(username);
  assert.equal(c.user.must_change_password, true, 'the sign-in says so');
  expectStatus(await c.get('/api/v1/me'), 200);
  for (const [method, path, body] of [
    ['GET', '/api/v1/cases'], ['GET', '/api/v1/me/sessions'], ['PATCH', '/api/v1/me', { locale: 'en-US' }],
    ['GET', `/api/v1/organizations/${entOther.user.org.id}`],
  ]) {
    expectError(await c.request(method, path, { body }), 403, 'password_change_required');
  }
  assert.equal((await c.get('/api/v1/me')).body.user.locale, 'zh-CN', 'the refused PATCH wrote nothing');

  await firstLogin(username);
  const after = await login(username, CHANGED_PASSWORD);
  assert.equal(after.user.must_change_password, false);
  expectStatus(await after.get('/api/v1/cases'), 200);
  expectError(await c.get('/api/v1/me'), 401, 'unauthenticated');  // the other session was revoked
  assert.equal((await auditEntries('account.password.change', id)).length, 1, 'the change is audited');

  // Logout is open before the change too.
  await admin.patch(`/api/v1/users/${id}`, { password: 'Reset-Passw0rd-1' });
  const reset = await login(username, 'Reset-Passw0rd-1');
  assert.equal(reset.user.must_change_password, true, 'a reset forces a change again');
  expectStatus(await reset.post('/api/v1/auth/logout'), 204);
});

test('the demo accounts do not carry the flag', async () => {
  for (const u of ['admin', 'auditor', 'ent.other']) {
    assert.equal((await as(u)).user.must_change_password, false, u);
  }
});

// ------------------------------------------------------------------ the self-service change

test('a wrong current password: 403 wrong_password, the password unchanged; 429 after 5 from one address', async () => {
  const { id, username } = await newUser();
  const c = await firstLogin(username);
  const address = '127.0.0.71';
  const wrong = await fromAs(address, c, 'POST', '/api/v1/me/password',
    { current_password: 'Not-the-passw0rd', new_password: 'Brand-New-Passw0rd' });
  expectError(wrong, 403, 'wrong_password');
  assert.ok(wrong.body.error.message_zh, 'a message in Chinese too');
  await login(username, CHANGED_PASSWORD);  // unchanged
  assert.equal((await auditEntries('account.password.change', id)).length, 1, 'only the first change');
  assert.equal((await auditEntries('account.password.change_failed', id)).length, 1, 'the failure is audited');
  for (let i = 2; i <= 5; i++) {
    expectError(await fromAs(address, c, 'POST', '/api/v1/me/password',
      { current_password: `Wrong-passw0rd-${i}`, new_password: 'Brand-New-Passw0rd' }), 403, 'wrong_password');
  }
  const sixth = await fromAs(address, c, 'POST', '/api/v1/me/password',
    { current_password: CHANGED_PASSWORD, new_password: 'Brand-New-Passw0rd' });
  expectError(sixth, 429, 'throttled');
  await login(username, CHANGED_PASSWORD);  // still unchanged
  // From the user's usual address the change still works.
  expectStatus(await change(c, CHANGED_PASSWORD, 'Brand-New-Passw0rd'), 204);
});

test('a new password breaking the policy or among the last 5: 422 naming the rule, nothing changed', async () => {
  const { id, username } = await newUser();
  const c = await firstLogin(username);
  expectRule(await change(c, CHANGED_PASSWORD, 'lowercase only here'), 'new_password', 'password.classes');
  expectRule(await change(c, CHANGED_PASSWORD, `Mine-${username}-1`), 'new_password', 'password.username');
  expectRule(await change(c, CHANGED_PASSWORD, 'Qwer1234!@#$'), 'new_password', 'password.common');
  expectRule(await change(c, CHANGED_PASSWORD, 'Ab1-'), 'new_password', 'password.length');
  expectRule(await change(c, CHANGED_PASSWORD, CHANGED_PASSWORD), 'new_password', 'password.history');
  expectRule(await change(c, CHANGED_PASSWORD, PASSWORD), 'new_password', 'password.history');  // the first one
  await login(username, CHANGED_PASSWORD);
  assert.equal((await auditEntries('account.password.change', id)).length, 1, 'no change recorded');

  // PASSWORD, CHANGED, P2, P3, P4: PASSWORD is the fifth-last, then it has left the history.
  let current = CHANGED_PASSWORD;
  for (const next of ['History-Passw0rd-2', 'History-Passw0rd-3', 'History-Passw0rd-4']) {
    expectStatus(await change(c, current, next), 204, next);
    current = next;
  }
  expectRule(await change(c, current, PASSWORD), 'new_password', 'password.history');
  expectStatus(await change(c, current, 'History-Passw0rd-5'), 204);
  expectStatus(await change(c, 'History-Passw0rd-5', PASSWORD), 204, 'six passwords later it may come back');
});

test('a change keeps the current session and revokes the others', async () => {
  const { username } = await newUser();
  const c = await firstLogin(username);
  const other = await login(username, CHANGED_PASSWORD);
  expectStatus(await change(c, CHANGED_PASSWORD, 'Keep-This-Sessi0n'), 204);
  expectStatus(await c.get('/api/v1/cases'), 200);
  expectError(await other.get('/api/v1/me'), 401, 'unauthenticated');
  expectError(await new Client().tryLogin(username, CHANGED_PASSWORD), 401, 'invalid_credentials');
  await login(username, 'Keep-This-Sessi0n');
});

// ------------------------------------------------------------------ the administrator's reset

test('an admin reset follows the policy and the history, revokes the sessions and forces a change', async () => {
  const { id, username } = await newUser();
  const c = await firstLogin(username);
  expectRule(await admin.patch(`/api/v1/users/${id}`, { password: 'Admin@123456' }), 'password', 'password.common');
  expectRule(await admin.patch(`/api/v1/users/${id}`, { password: CHANGED_PASSWORD }), 'password', 'password.history');
  expectRule(await admin.patch(`/api/v1/users/${id}`, { password: 'tooshort' }), 'password', 'password.length');
  expectStatus(await c.get('/api/v1/cases'), 200, 'refused resets revoke nothing');
  await login(username, CHANGED_PASSWORD);

  expectStatus(await admin.patch(`/api/v1/users/${id}`, { password: 'Admin-Set-Passw0rd' }), 200);
  await eventuallyStatus(() => c.get('/api/v1/me'), 401);
  const next = await login(username, 'Admin-Set-Passw0rd');
  assert.equal(next.user.must_change_password, true);
});

// The session cache trusts a lookup for up to 2 s.
async function eventuallyStatus(fn, status, ms = 4000) {
  const end = Date.now() + ms;
  for (;;) {
    const r = await fn();
    if (r.status === status || Date.now() > end) return expectStatus(r, status);
    await sleep(200);
  }
}

// ------------------------------------------------------------------ the user's own sessions

test('the own sessions: listed without tokens, the current marked; revoked one by one; 404 for another user\'s', async () => {
  const { id, username } = await newUser();
  const a = await firstLogin(username);
  const b = await login(username, CHANGED_PASSWORD);
  const list = await a.get('/api/v1/me/sessions');
  expectStatus(list, 200);
  assert.equal(list.body.items.length, 2);
  assert.deepEqual(list.body.items.map((s) => s.current).sort(), [false, true]);
  for (const s of list.body.items) {
    assert.deepEqual(Object.keys(s).sort(), ['created_at', 'current', 'id', 'ip', 'last_seen_at', 'user_agent']);
    assert.equal(s.ip, '127.0.0.1');
  }
  assert.ok(!JSON.stringify(list.body).includes(a.cookies.get('waishi_session')), 'never the token');
  const bId = list.body.items.find((s) => !s.current).id;

  // Another user's session: 404, and it still works.
  const stranger = await firstLogin((await newUser()).username);
  expectError(await stranger.del(`/api/v1/me/sessions/${bId}`), 404, 'not_found');
  expectError(await a.del('/api/v1/me/sessions/999999999'), 404, 'not_found');
  expectStatus(await b.get('/api/v1/me'), 200);

  expectStatus(await a.del(`/api/v1/me/sessions/${bId}`), 204);
  expectError(await b.get('/api/v1/me'), 401, 'unauthenticated');
  expectError(await a.del(`/api/v1/me/sessions/${bId}`), 404, 'not_found');  // already revoked
  const after = await a.get('/api/v1/me/sessions');
  assert.deepEqual(after.body.items.map((s) => s.current), [true]);
  const audited = await listAll(auditor, `/api/v1/audit?action=account.session.revoke&user_id=${id}`);
  assert.equal(audited.length, 1, 'the revocation is audited');
  assert.equal(audited[0].object_id, String(bId));
});

// ------------------------------------------------------------------ timeouts (the policy)

test('the sessions policy: validated; an idle session ends (401) while an active one lives', async () => {
  expectError(await security.put('/api/v1/policies/sessions', { idle_timeout_seconds: 0 }), 422, 'validation_failed');
  expectError(await security.put('/api/v1/policies/sessions', { idle_minutes: 5 }), 422, 'validation_failed');
  const defaults = await security.get('/api/v1/policies/sessions');
  assert.deepEqual(defaults.body, { idle_timeout_seconds: 1800, lifetime_seconds: 43200 });

  const setter = await login('secadmin');
  try {
    expectStatus(await setter.put('/api/v1/policies/sessions', { idle_timeout_seconds: 3 }), 200);
    const idle = await login('ent.other');
    const active = await login('ent.other');
    for (let i = 0; i < 10; i++) {  // 5 s of activity every half second
      expectStatus(await active.get('/api/v1/me'), 200, `active, request ${i}`);
      await sleep(500);
    }
    expectError(await idle.get('/api/v1/me'), 401, 'unauthenticated');
    expectStatus(await active.get('/api/v1/me'), 200, 'the active session lives on');
  } finally {
    const restorer = await login('secadmin');
    expectStatus(await restorer.put('/api/v1/policies/sessions', { idle_timeout_seconds: 1800 }), 200);
  }
});

test('the absolute lifetime ends even an active session (401)', async () => {
  const setter = await login('secadmin');
  try {
    expectStatus(await setter.put('/api/v1/policies/sessions', { lifetime_seconds: 3 }), 200);
    const c = await login('ent.other');
    let status = 200;
    for (let i = 0; i < 12 && status === 200; i++) {
      status = (await c.get('/api/v1/me')).status;
      await sleep(500);
    }
    assert.equal(status, 401, 'ended within 6 s');
  } finally {
    const restorer = await login('secadmin');
    expectStatus(await restorer.put('/api/v1/policies/sessions', { lifetime_seconds: 43200 }), 200);
  }
});
