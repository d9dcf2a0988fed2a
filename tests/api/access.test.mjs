// Role and organization checks: 403 for a role that may not act, 409 for the wrong state,
// 404 for another organization's case (never 403), lists showing only visible cases.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  act, as, createCase, expectError, expectStatus, findDetail, getCase, history, listAll, show, tag, transitions, validTrip,
} from './lib/client.mjs';

const ent = await as('ent.normal');
const other = await as('ent.other');
const reviewer = await as('reviewer');
const officer = await as('officer');
const approver = await as('approver');

// A case of ent.normal in office_review and one in pending_approval.
const purpose = `权限测试 ${tag()}`;
const inOffice = await createCase(ent, validTrip({ purpose }));
await act(ent, inOffice.id, 'submit');
await act(reviewer, inOffice.id, 'forward');
const pending = await createCase(ent, validTrip({ purpose: purpose + ' B' }));
await act(ent, pending.id, 'submit');
await act(reviewer, pending.id, 'forward');
await act(officer, pending.id, 'recommend');

async function unchanged(id, state) {
  const c = await getCase(officer, id);
  assert.equal(c.state, state, 'state unchanged');
  return c;
}

test('a reviewer may not approve (403 forbidden_action) and nothing changes', async () => {
  const before = transitions(await history(officer, pending.id)).length;
  const r = await act(reviewer, pending.id, 'approve', {}, null);
  expectError(r, 403, 'forbidden_action');
  await unchanged(pending.id, 'pending_approval');
  assert.equal(transitions(await history(officer, pending.id)).length, before);
});

test('an officer may not approve; an approver may not recommend (403)', async () => {
  expectError(await act(officer, pending.id, 'approve', {}, null), 403, 'forbidden_action');
  expectError(await act(approver, inOffice.id, 'recommend', {}, null), 403, 'forbidden_action');
  await unchanged(pending.id, 'pending_approval');
  await unchanged(inOffice.id, 'office_review');
});

test('the applicant may not recommend (403) nor approve its own case', async () => {
  expectError(await act(ent, inOffice.id, 'recommend', {}, null), 403, 'forbidden_action');
  expectError(await act(ent, pending.id, 'approve', {}, null), 403, 'forbidden_action');
  await unchanged(inOffice.id, 'office_review');
  await unchanged(pending.id, 'pending_approval');
});

test('an action impossible in the current state answers 409 invalid_state', async () => {
  const draft = await createCase(ent, validTrip({ purpose: purpose + ' draft' }));
  // The applicant sees its draft; approving is not possible in that state.
  expectError(await act(ent, draft.id, 'approve', {}, null), 409, 'invalid_state');
  // The office does not see drafts at all: not found, not even "wrong state".
  expectError(await act(approver, draft.id, 'approve', {}, null), 404, 'not_found');
  assert.equal((await getCase(ent, draft.id)).state, 'draft');
  expectError(await act(approver, inOffice.id, 'approve', {}, null), 409, 'invalid_state');
  expectError(await act(reviewer, inOffice.id, 'forward', {}, null), 409, 'invalid_state');
  await unchanged(inOffice.id, 'office_review');
  const unknown = await act(officer, inOffice.id, 'teleport', {}, null);
  expectError(unknown, 422, 'validation_failed');
  findDetail(unknown, 'enum', 'action');
  await unchanged(inOffice.id, 'office_review');
});

test('another enterprise gets 404 on GET, PATCH, transitions, history and attachments of the case', async () => {
  const draft = await createCase(ent, validTrip({ purpose: purpose + ' 隔离' }));
  for (const c of [draft, inOffice]) {
    expectError(await other.get(`/api/v1/cases/${c.id}`), 404);
    expectError(await other.patch(`/api/v1/cases/${c.id}`, { data: validTrip({ purpose: 'hijack' }) }), 404);
    expectError(await other.post(`/api/v1/cases/${c.id}/transitions`, { action: 'submit' }), 404);
    expectError(await other.post(`/api/v1/cases/${c.id}/transitions`, { action: 'withdraw' }), 404);
    expectError(await other.get(`/api/v1/cases/${c.id}/history`), 404);
    expectError(await other.get(`/api/v1/cases/${c.id}/checks`), 404);
    expectError(await other.get(`/api/v1/cases/${c.id}/attachments`), 404);
    expectError(await other.post(`/api/v1/cases/${c.id}/comments`, { body: 'hi' }), 404);
  }
  // The same answer as for an id that does not exist.
  const none = await other.get('/api/v1/cases/999999999');
  expectError(none, 404);
  const d = await getCase(ent, draft.id);
  assert.equal(d.state, 'draft');
  assert.equal(d.data.purpose, purpose + ' 隔离', 'not modified');
  const items = await history(ent, draft.id);
  assert.equal(items.filter((h) => h.kind !== 'created').length, 0, `nothing recorded: ${JSON.stringify(items)}`);
  await unchanged(inOffice.id, 'office_review');
});

test("another enterprise's list and search do not contain the case", async () => {
  const mine = await listAll(ent, '/api/v1/cases?type=outbound_travel');
  assert.ok(mine.some((x) => x.id === inOffice.id), 'the owner lists it');
  assert.ok(mine.every((x) => x.org?.id === ent.user.org.id), 'the owner lists only its own cases');
  const theirs = await listAll(other, '/api/v1/cases');
  assert.ok(!theirs.some((x) => x.id === inOffice.id || x.id === pending.id));
  assert.ok(theirs.every((x) => x.org?.id === other.user.org.id), 'only its own cases');
  const q = await listAll(other, `/api/v1/cases?q=${encodeURIComponent(purpose)}`);
  assert.equal(q.length, 0, `search leaks: ${JSON.stringify(q.map((x) => x.id))}`);
  const byOrg = await listAll(other, `/api/v1/cases?org_id=${ent.user.org.id}`);
  assert.equal(byOrg.length, 0, 'org_id filter does not widen visibility');
});

test('a citizen sees no outbound travel cases and cannot create one', async () => {
  const citizen = await as('citizen');
  const r = await citizen.get('/api/v1/cases?type=outbound_travel');
  expectStatus(r, 200);
  assert.equal(r.body.total, 0, show(r));
  assert.deepEqual(r.body.items, []);
  expectError(await citizen.get(`/api/v1/cases/${inOffice.id}`), 404);
  const c = await citizen.post('/api/v1/cases', { type: 'outbound_travel', data: validTrip() });
  expectError(c, 403);
});

test('the auditor reads everything and changes nothing', async () => {
  const auditor = await as('auditor');
  const c = await getCase(auditor, inOffice.id);
  assert.equal(c.state, 'office_review');
  assert.deepEqual(c.allowed_actions, []);
  expectError(await act(auditor, inOffice.id, 'recommend', {}, null), 403);
  expectError(await auditor.patch(`/api/v1/cases/${inOffice.id}`, { data: inOffice.data }), 403, 'forbidden');
  const all = await auditor.get('/api/v1/cases?page_size=1');
  assert.ok(all.body.total >= 30, `the auditor sees every case: ${show(all)}`);
  await unchanged(inOffice.id, 'office_review');
});

test('only officers assign cases', async () => {
  const a = await officer.post(`/api/v1/cases/${inOffice.id}/assign`, { user_id: officer.user.id });
  if (a.status !== 200) assert.fail(`officer assigns: ${show(a)}`);
  assert.equal(a.body.assigned_to?.id, officer.user.id);
  const mine = await listAll(officer, '/api/v1/cases?assigned_to=me');
  assert.ok(mine.some((x) => x.id === inOffice.id), 'in assigned_to=me');
  expectError(await ent.post(`/api/v1/cases/${inOffice.id}/assign`, { user_id: ent.user.id }), 403);
  assert.equal((await getCase(officer, inOffice.id)).assigned_to?.id, officer.user.id);
});
