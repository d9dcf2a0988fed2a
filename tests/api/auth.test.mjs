// Login, logout, sessions, CSRF, throttling, the user's locale.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  Client, PASSWORD, as, expectError, expectStatus, findDetail, listAll, show, tag, validTrip,
} from './lib/client.mjs';

test('login sets an HttpOnly SameSite=Strict session cookie and returns the user and a CSRF token', async () => {
  const c = new Client('officer');
  const r = await c.post('/api/v1/auth/login', { username: 'officer', password: PASSWORD });
  expectStatus(r, 200);
  const sc = r.headers.getSetCookie().find((x) => x.startsWith('waishi_session='));
  assert.ok(sc, `no waishi_session cookie: ${JSON.stringify(r.headers.getSetCookie())}`);
  assert.match(sc, /;\s*HttpOnly/i, sc);
  assert.match(sc, /;\s*SameSite=Strict/i, sc);
  assert.match(sc, /;\s*Path=\/(api(\/v1)?\/?)?(;|$|\s)/i, `cookie path must cover /api/v1: ${sc}`);
  assert.ok(sc.split(';')[0].length > 'waishi_session='.length + 16, 'session token too short');
  assert.equal(typeof r.body.csrf_token, 'string');
  assert.ok(r.body.csrf_token.length >= 16, 'csrf token too short');
  const u = r.body.user;
  assert.equal(u.username, 'officer');
  assert.ok(Array.isArray(u.roles) && u.roles.includes('officer'), show(r));
  assert.ok(u.org && u.org.kind === 'office', `officer's org is the office: ${show(r)}`);
  assert.equal(typeof u.id, 'number');
  assert.ok(!('password' in u) && !('password_hash' in u), 'no password in the user');

  c.csrf = r.body.csrf_token;
  const me = await c.get('/api/v1/me');
  expectStatus(me, 200);
  assert.equal(me.body.user.username, 'officer');
  assert.equal(me.body.csrf_token, r.body.csrf_token);
});

test('demo users have their roles and organizations', async () => {
  const want = {
    admin: 'admin', secadmin: 'security_admin', auditadmin: 'audit_admin', officer: 'officer', approver: 'approver', reviewer: 'reviewer', auditor: 'auditor',
    citizen: 'citizen', 'ent.normal': 'enterprise_user', 'ent.normal.admin': 'enterprise_admin',
    'ent.green': null, 'ent.other': null,
  };
  const orgs = {};
  const clients = {};
  for (const [username, role] of Object.entries(want)) {
    const c = await as(username);
    if (role) assert.ok(c.user.roles.includes(role), `${username} roles: ${JSON.stringify(c.user.roles)}`);
    orgs[username] = c.user.org;
    clients[username] = c;
  }
  // The green channel is travel's: it decorates the organization, not the signed-in user.
  const ownOrg = async (username) => (await clients[username].get(`/api/v1/organizations/${orgs[username].id}`)).body;
  assert.equal(orgs['ent.normal'].kind, 'enterprise');
  assert.equal(orgs['ent.normal'].id, orgs['ent.normal.admin'].id, 'ent.normal and ent.normal.admin share an org');
  assert.equal((await ownOrg('ent.normal')).direct_report, false);
  assert.equal(orgs['ent.green'].kind, 'enterprise');
  assert.equal((await ownOrg('ent.green')).direct_report, true);
  assert.deepEqual(clients.officer.user.desks, ['consular', 'invitation', 'legalization', 'travel', 'visa'],
    'the demo officer works on the consular, travel, invitation, legalization and visa desks');
  assert.equal(orgs['ent.other'].kind, 'enterprise');
  assert.notEqual(orgs['ent.other'].id, orgs['ent.normal'].id);
  assert.notEqual(orgs['ent.green'].id, orgs['ent.normal'].id);
  assert.equal(orgs.reviewer.kind, 'district');
});

test('a wrong password answers 401 invalid_credentials in both languages, no cookie', async () => {
  const c = new Client('auditor');
  const r = await c.post('/api/v1/auth/login', { username: 'auditor', password: 'not-the-password' });
  expectError(r, 401, 'invalid_credentials');
  assert.equal(r.headers.getSetCookie().filter((x) => /^waishi_session=[^;]+/.test(x)).length, 0,
    'no session cookie on failure');
  const u = await c.post('/api/v1/auth/login', { username: 'no.such.user', password: 'whatever' });
  expectError(u, 401, 'invalid_credentials');
  assert.equal(u.body.error.message, r.body.error.message, 'unknown user and wrong password look the same');
});

test('GET /me without a session answers 401', async () => {
  const r = await new Client().get('/api/v1/me');
  expectError(r, 401);
  const bogus = new Client();
  bogus.cookies.set('waishi_session', 'forged-session-token-0000000000000000');
  expectError(await bogus.get('/api/v1/me'), 401);
  expectError(await new Client().get('/api/v1/cases'), 401);
});

test('logout revokes the session', async () => {
  const c = await new Client('citizen').login('citizen');
  const old = new Map(c.cookies);
  expectStatus(await c.get('/api/v1/me'), 200);
  const r = await c.post('/api/v1/auth/logout');
  expectStatus(r, 204);
  expectError(await c.get('/api/v1/me'), 401);
  // Replaying the old cookie does not work either (revoked on the server, not just cleared).
  const replay = new Client();
  replay.cookies = old;
  replay.csrf = c.csrf;
  expectError(await replay.get('/api/v1/me'), 401);
});

test('a state-changing request without X-CSRF-Token is refused with 403 csrf and writes nothing', async () => {
  const ent = await new Client('ent.normal').login('ent.normal');
  const before = await listAll(ent, '/api/v1/cases?type=outbound_travel');
  const purpose = `CSRF测试 ${tag()}`;
  const r = await ent.post('/api/v1/cases', { type: 'outbound_travel', data: validTrip({ purpose }) }, { csrf: false });
  expectError(r, 403, 'csrf');
  const wrong = await ent.post('/api/v1/cases', { type: 'outbound_travel', data: validTrip({ purpose }) },
    // A token that differs in its first character (never equal to the real one).
    { headers: { 'X-CSRF-Token': (ent.csrf[0] === 'x' ? 'y' : 'x') + ent.csrf.slice(1) }, csrf: false });
  expectError(wrong, 403, 'csrf');
  const after = await listAll(ent, '/api/v1/cases?type=outbound_travel');
  assert.equal(after.length, before.length, 'no case was created');
  assert.ok(!after.some((x) => x.purpose === purpose));

  const p = await ent.patch('/api/v1/me', { locale: 'en-US' }, { csrf: false });
  expectError(p, 403, 'csrf');
  const lo = await ent.post('/api/v1/auth/logout', undefined, { csrf: false });
  expectError(lo, 403, 'csrf');
  const me = await ent.get('/api/v1/me');
  expectStatus(me, 200, 'still signed in');
  assert.equal(me.body.user.locale, ent.user.locale, 'locale unchanged');
});

test('5 failed logins for one username → the 6th attempt is throttled with 429, even with the right password', async () => {
  const admin = await as('admin');
  const other = await as('ent.other');
  const username = `throttle.${tag()}`;
  const password = 'Thr0ttle-Test-Passw0rd!';
  const cr = await admin.post('/api/v1/users', {
    username, password, display_name: '限流测试', email: `${username}@example.com`,
    org_id: other.user.org.id, roles: ['enterprise_user'],
  });
  expectStatus(cr, 201, 'admin creates a user');
  assert.equal(cr.body.username ?? cr.body.user?.username, username);

  const ok = await new Client().tryLogin(username, password);
  expectStatus(ok, 200, 'the new user can sign in');

  for (let i = 1; i <= 5; i++) {
    const r = await new Client().tryLogin(username, `wrong-${i}`);
    expectError(r, 401, 'invalid_credentials');
  }
  const sixth = await new Client().tryLogin(username, password);
  expectError(sixth, 429, 'throttled');
  assert.equal(sixth.headers.getSetCookie().filter((x) => /^waishi_session=[^;]+/.test(x)).length, 0);
  // Other users are not affected.
  const other2 = await new Client().tryLogin('ent.other');
  expectStatus(other2, 200, 'another user still signs in');
});

test('PATCH /me locale is remembered across logins', async () => {
  const c = await new Client('ent.normal.admin').login('ent.normal.admin');
  try {
    const r = await c.patch('/api/v1/me', { locale: 'en-US' });
    expectStatus(r, 200);
    assert.equal(r.body.user.locale, 'en-US');
    const again = await new Client().login('ent.normal.admin');
    assert.equal(again.user.locale, 'en-US', 'locale after a new login');
    const me = await again.get('/api/v1/me');
    assert.equal(me.body.user.locale, 'en-US');
    const bad = await c.patch('/api/v1/me', { locale: 'fr-FR' });
    expectError(bad, 422, 'validation_failed');
    findDetail(bad, 'enum', 'locale');
    const me2 = await c.get('/api/v1/me');
    assert.equal(me2.body.user.locale, 'en-US', 'an invalid locale changes nothing');
  } finally {
    const back = await c.patch('/api/v1/me', { locale: 'zh-CN' });
    expectStatus(back, 200);
    assert.equal(back.body.user.locale, 'zh-CN');
  }
});
