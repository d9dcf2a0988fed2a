// Separation of duties (三员分立, docs/security.md): the system administrator (admin), the
// security administrator (secadmin) and the audit administrator (auditadmin) each do their
// one duty and read no case; each refusal has its one status code and writes nothing; a change
// to an administrator's account waits for another administrator.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  CHANGED_PASSWORD, Client, PASSWORD, act, as, createCase, eventually, expectError, expectStatus, findDetail,
  firstLogin, listAll, tag, validTrip,
} from './lib/client.mjs';

const admin = await as('admin');
const security = await as('secadmin');
const auditAdmin = await as('auditadmin');
const auditor = await as('auditor');
const ent = await as('ent.normal');
const OFFICE = admin.user.org.id;
const NEW_PASSWORD = 'Another-Passw0rd-2';

// A case out of draft: the auditor reads it, no administrator does.
const word = `sdd${tag()}`;
const c = await createCase(ent, validTrip({ purpose: `三员分立 ${word}` }));
await act(ent, c.id, 'submit');

// A new office account without a role (the system administrator's part).
async function newAccount() {
  const username = `duties.${tag()}`.toLowerCase();
  const r = await admin.post('/api/v1/users', { username, password: PASSWORD, display_name: 'Duties test', org_id: OFFICE });
  expectStatus(r, 201, 'admin creates an account without a role');
  assert.deepEqual(r.body.roles, []);
  return { id: r.body.id, username };
}

async function account(id) {
  const all = await listAll(admin, '/api/v1/users?page_size=100');
  return all.find((u) => u.id === id);
}

async function pending(id) {
  const r = await admin.get('/api/v1/account-changes?state=pending&page_size=100');
  expectStatus(r, 200);
  return r.body.items.filter((x) => x.user.id === id);
}

async function signsIn(username, password) {
  return (await new Client(username).post('/api/v1/auth/login', { username, password })).status === 200;
}

test('no administrator reads a case; the auditor does', async () => {
  expectStatus(await auditor.get(`/api/v1/cases/${c.id}`), 200, 'the auditor reads the case');
  for (const who of [admin, security, auditAdmin]) {
    expectError(await who.get(`/api/v1/cases/${c.id}`), 404, 'not_found');
    expectError(await who.get(`/api/v1/cases/${c.id}/history`), 404, 'not_found');
    expectError(await who.get(`/api/v1/cases/${c.id}/attachments`), 404, 'not_found');
    const found = await who.get(`/api/v1/cases?q=${word}&page_size=10`);
    expectStatus(found, 200);
    assert.deepEqual(found.body.items, [], `${who.name} finds no case`);
    expectError(await who.get('/api/v1/passport-custody'), 403, 'forbidden');
    expectError(await who.get('/api/v1/dashboard/travel'), 403, 'forbidden');
  }
});

test('the audit log is the audit administrator\'s and the auditor\'s only', async () => {
  for (const who of [admin, security]) {
    expectError(await who.get('/api/v1/audit?page_size=1'), 403, 'forbidden');
    expectError(await who.get('/api/v1/audit/verify'), 403, 'forbidden');
  }
  expectStatus(await auditAdmin.get('/api/v1/audit?page_size=1'), 200);
  const v = await auditAdmin.get('/api/v1/audit/verify');
  expectStatus(v, 200);
  assert.equal(v.body.ok, true);
});

test('the security administrator creates no account: 403, nothing created', async () => {
  const username = `duties.sec.${tag()}`;
  expectError(await security.post('/api/v1/users', { username, password: PASSWORD, display_name: 'X', org_id: OFFICE }),
    403, 'forbidden');
  const r = await admin.get(`/api/v1/users?q=${username}`);
  assert.equal(r.body.total, 0);
});

test('the audit administrator changes nothing: 403 each, nothing written', async () => {
  const a = await newAccount();
  const policy = (await security.get('/api/v1/policies/outbound_travel')).body;
  expectError(await auditAdmin.post('/api/v1/users', { username: `duties.aud.${tag()}`, password: PASSWORD, display_name: 'X', org_id: OFFICE }), 403, 'forbidden');
  expectError(await auditAdmin.patch(`/api/v1/users/${a.id}`, { display_name: 'Changed' }), 403, 'forbidden');
  expectError(await auditAdmin.put(`/api/v1/users/${a.id}/roles`, { roles: ['citizen'] }), 403, 'forbidden');
  expectError(await auditAdmin.put('/api/v1/policies/outbound_travel', { max_countries: 2 }), 403, 'forbidden');
  expectError(await auditAdmin.put('/api/v1/holidays/2097-05-05', { kind: 'holiday' }), 403, 'forbidden');
  expectError(await auditAdmin.post('/api/v1/organizations', { kind: 'department', name_zh: '部门', name_en: 'Dept' }), 403, 'forbidden');
  expectError(await auditAdmin.get('/api/v1/users'), 403, 'forbidden');
  const after = await account(a.id);
  assert.equal(after.display_name, 'Duties test');
  assert.deepEqual(after.roles, []);
  assert.deepEqual((await security.get('/api/v1/policies/outbound_travel')).body, policy);
});

test('the system administrator gives no office role and changes no policy: nothing written', async () => {
  const username = `duties.officer.${tag()}`;
  expectError(await admin.post('/api/v1/users', {
    username, password: PASSWORD, display_name: 'X', org_id: OFFICE, roles: ['officer'],
  }), 403, 'forbidden');
  assert.equal((await admin.get(`/api/v1/users?q=${username}`)).body.total, 0);
  const a = await newAccount();
  const patched = await admin.patch(`/api/v1/users/${a.id}`, { roles: ['officer'] });
  expectError(patched, 422, 'validation_failed');
  findDetail(patched, 'unknown_field', 'roles');
  expectError(await admin.put(`/api/v1/users/${a.id}/roles`, { roles: ['officer'] }), 403, 'forbidden');
  assert.deepEqual((await account(a.id)).roles, []);
  const policy = (await security.get('/api/v1/policies/outbound_travel')).body;
  expectError(await admin.put('/api/v1/policies/outbound_travel', policy), 403, 'forbidden');
  expectError(await admin.get('/api/v1/policies/outbound_travel'), 403, 'forbidden');
  // The security administrator gives the role: applied at once (not an administrator's).
  const r = await security.put(`/api/v1/users/${a.id}/roles`, { roles: ['officer'] });
  expectStatus(r, 200);
  assert.deepEqual(r.body.roles, ['officer']);
});

test('two administrators\' roles on one account are refused, naming the rule; nothing written', async () => {
  const a = await newAccount();
  for (const roles of [['admin', 'audit_admin'], ['admin', 'security_admin'], ['audit_admin', 'auditor'], ['security_admin', 'officer']]) {
    const r = await security.put(`/api/v1/users/${a.id}/roles`, { roles });
    expectError(r, 422, 'validation_failed');
    findDetail(r, 'separation_of_duties', 'roles');
  }
  assert.deepEqual((await account(a.id)).roles, []);
  assert.deepEqual(await pending(a.id), []);
});

test('an administrator cannot change their own roles', async () => {
  const r = await security.put(`/api/v1/users/${security.user.id}/roles`, { roles: ['officer'] });
  expectError(r, 422, 'validation_failed');
  findDetail(r, 'self', 'roles');
  assert.deepEqual((await account(security.user.id)).roles, ['security_admin']);
  assert.deepEqual(await pending(security.user.id), []);
});

test('making an administrator waits for another administrator; the proposer cannot confirm', async () => {
  const a = await newAccount();
  const proposed = await security.put(`/api/v1/users/${a.id}/roles`, { roles: ['audit_admin'] });
  expectStatus(proposed, 202);
  assert.equal(proposed.body.state, 'pending');
  assert.deepEqual(proposed.body.changes, { roles: ['audit_admin'] });
  assert.equal(proposed.body.proposed_by.id, security.user.id);
  assert.deepEqual((await account(a.id)).roles, [], 'not applied yet');

  expectError(await security.post(`/api/v1/account-changes/${proposed.body.id}/confirm`), 403, 'own_change');
  expectError(await security.post(`/api/v1/account-changes/${proposed.body.id}/reject`), 403, 'own_change');
  expectError(await auditAdmin.post(`/api/v1/account-changes/${proposed.body.id}/confirm`), 403, 'forbidden');
  assert.deepEqual((await account(a.id)).roles, []);
  assert.equal((await pending(a.id)).length, 1);

  const confirmed = await admin.post(`/api/v1/account-changes/${proposed.body.id}/confirm`);
  expectStatus(confirmed, 200);
  assert.equal(confirmed.body.state, 'applied');
  assert.equal(confirmed.body.decided_by.id, admin.user.id);
  assert.deepEqual((await account(a.id)).roles, ['audit_admin']);
  expectError(await admin.post(`/api/v1/account-changes/${proposed.body.id}/confirm`), 409, 'change_decided');
  expectError(await admin.post(`/api/v1/account-changes/${proposed.body.id}/reject`), 409, 'change_decided');

  // The new audit administrator (once past the first sign-in's password change) reads the
  // audit log, and finds the proposal and the decision.
  const newcomer = await firstLogin(a.username);
  const entries = await eventually(async () => {
    const r = await newcomer.get(`/api/v1/audit?object_type=account_change&object_id=${proposed.body.id}`);
    expectStatus(r, 200);
    assert.deepEqual(r.body.items.map((e) => e.action).sort(), ['account_change.confirm', 'account_change.propose']);
    return r.body.items;
  });
  assert.ok(entries.every((e) => !JSON.stringify(e).includes('password_hash')));
});

test('a password reset or a deactivation of an administrator waits; one pending change per account', async () => {
  const a = await newAccount();
  const made = await security.put(`/api/v1/users/${a.id}/roles`, { roles: ['admin'] });
  expectStatus(made, 202);
  expectStatus(await admin.post(`/api/v1/account-changes/${made.body.id}/confirm`), 200);
  // Its holder signs in, changing the password the system administrator set.
  const holder = await firstLogin(a.username);
  const OLD = CHANGED_PASSWORD;

  // A password reset: the old password still signs in until another administrator confirms.
  const reset = await admin.patch(`/api/v1/users/${a.id}`, { password: NEW_PASSWORD });
  expectStatus(reset, 202);
  assert.deepEqual(reset.body.changes, { password: 'changed' });
  assert.ok(await signsIn(a.username, OLD), 'the old password still works');
  assert.ok(!(await signsIn(a.username, NEW_PASSWORD)), 'the new one does not yet');
  expectError(await admin.patch(`/api/v1/users/${a.id}`, { active: false }), 409, 'change_pending');
  // The account's holder does not decide a change to their own account.
  expectError(await holder.post(`/api/v1/account-changes/${reset.body.id}/confirm`), 403, 'own_change');
  expectError(await admin.post(`/api/v1/account-changes/${reset.body.id}/confirm`), 403, 'own_change');
  assert.ok(await signsIn(a.username, OLD));
  expectStatus(await security.post(`/api/v1/account-changes/${reset.body.id}/confirm`), 200);
  assert.ok(await signsIn(a.username, NEW_PASSWORD), 'the new password works once confirmed');
  assert.ok(!(await signsIn(a.username, OLD)));

  // A deactivation, rejected: the account stays active.
  const off = await admin.patch(`/api/v1/users/${a.id}`, { active: false });
  expectStatus(off, 202);
  assert.equal((await account(a.id)).active, true);
  const rejected = await security.post(`/api/v1/account-changes/${off.body.id}/reject`);
  expectStatus(rejected, 200);
  assert.equal(rejected.body.state, 'rejected');
  assert.equal((await account(a.id)).active, true);
  assert.ok(await signsIn(a.username, NEW_PASSWORD));

  // A name is not access: applied at once.
  const named = await admin.patch(`/api/v1/users/${a.id}`, { display_name: 'Duties admin' });
  expectStatus(named, 200);
  assert.equal(named.body.display_name, 'Duties admin');
});

test('the system administrator alone cannot reset the auditor\'s password (issue 7): it waits', async () => {
  const a = await newAccount();
  const made = await security.put(`/api/v1/users/${a.id}/roles`, { roles: ['auditor'] });
  expectStatus(made, 202, 'giving the auditor\'s role waits');
  expectStatus(await admin.post(`/api/v1/account-changes/${made.body.id}/confirm`), 200);
  const reset = await admin.patch(`/api/v1/users/${a.id}`, { password: NEW_PASSWORD });
  expectStatus(reset, 202);
  assert.ok(!(await signsIn(a.username, NEW_PASSWORD)), 'the administrator cannot sign in as the auditor');
  expectStatus(await security.post(`/api/v1/account-changes/${reset.body.id}/reject`), 200);
  assert.ok(await signsIn(a.username, PASSWORD));
});

test('the list of account changes is the system and security administrators\'', async () => {
  for (const who of [admin, security]) {
    const r = await who.get('/api/v1/account-changes?state=applied&page_size=5');
    expectStatus(r, 200);
    assert.ok(r.body.items.every((x) => x.state === 'applied'));
  }
  expectError(await admin.get('/api/v1/account-changes?state=done'), 400, 'invalid_query');
  for (const who of [auditAdmin, auditor, ent]) expectError(await who.get('/api/v1/account-changes'), 403, 'forbidden');
});
