// A warning rule (travel.publicity_period) stops the officer's recommendation until the
// officer overrides it with a reason; the reason is recorded in the history and the audit log.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  act, addDays, as, createCase, expectError, findDetail, getCase, history, listAll, show, tag,
  transitions, validTrip,
} from './lib/client.mjs';

const green = await as('ent.green');
const officer = await as('officer');
const approver = await as('approver');
const auditor = await as('auditor');

const dep = addDays(new Date().toISOString().slice(0, 10), 100);
// Publicity started 2 days before departure: fewer than 5 working days.
const late = () => validTrip({
  departure_date: dep, return_date: addDays(dep, 4), publicity_start: addDays(dep, -2),
  purpose: `公示期测试 ${tag()}`,
});

test('publicity started too late: recommend answers 422 with travel.publicity_period as a warning', async () => {
  const c = await createCase(green, late());
  const s = await act(green, c.id, 'submit');
  assert.equal(s.body.state, 'office_review', 'the publicity rule is not checked at submission');
  const r = await act(officer, c.id, 'recommend', {}, null);
  expectError(r, 422, 'rules_failed');
  const d = findDetail(r, 'travel.publicity_period');
  assert.equal(d.severity, 'warning');
  assert.equal((await getCase(officer, c.id)).state, 'office_review');
  assert.equal(transitions(await history(officer, c.id)).length, 1, 'only the submission');

  // An empty reason is no reason; a reason for a rule that did not fail does not help either.
  const empty = await act(officer, c.id, 'recommend', { override_reasons: { 'travel.publicity_period': ' ' } }, null);
  expectError(empty, 422);
  const wrong = await act(officer, c.id, 'recommend', { override_reasons: { 'travel.max_days': '理由' } }, null);
  expectError(wrong, 422);
  findDetail(wrong, 'travel.publicity_period');
  assert.equal((await getCase(officer, c.id)).state, 'office_review');
});

test('publicity missing altogether is reported the same way', async () => {
  const data = late();
  delete data.publicity_start;
  const c = await createCase(green, data);
  await act(green, c.id, 'submit');
  const r = await act(officer, c.id, 'recommend', {}, null);
  expectError(r, 422, 'rules_failed');
  findDetail(r, 'travel.publicity_period');
});

test('the officer overrides the warning with a reason: 200, recorded in history and audit', async () => {
  const since = new Date(Date.now() - 2000).toISOString().replace(/\.\d+Z$/, 'Z');
  const c = await createCase(green, late());
  await act(green, c.id, 'submit');
  const reason = `市领导已批示同意紧急出访 ${tag()}`;
  const r = await act(officer, c.id, 'recommend', { comment: '紧急任务', override_reasons: { 'travel.publicity_period': reason } });
  assert.equal(r.body.state, 'pending_approval');

  const items = await history(officer, c.id);
  const rec = transitions(items).find((h) => h.action === 'recommend');
  assert.ok(rec, 'the recommendation is in the history');
  assert.ok(JSON.stringify(rec).includes(reason), `the override reason is in the history item: ${JSON.stringify(rec)}`);
  assert.ok(JSON.stringify(rec).includes('travel.publicity_period'), 'with the rule id');

  const audit = await listAll(auditor, `/api/v1/audit?object_type=case&object_id=${c.id}&from=${encodeURIComponent(since)}`);
  assert.ok(audit.length > 0, 'audit entries for the case');
  assert.ok(audit.some((e) => JSON.stringify(e.detail ?? '').includes(reason)),
    `the override reason is in the audit log: ${JSON.stringify(audit.map((e) => [e.action, e.detail]))}`);

  // The approver, too, may override a warning at approval (still failing) with a reason;
  // without one the approval is refused.
  const a0 = await act(approver, c.id, 'approve', {}, null);
  expectError(a0, 422, 'rules_failed');
  findDetail(a0, 'travel.publicity_period', 'publicity_start');
  assert.equal((await getCase(approver, c.id)).state, 'pending_approval');
  const a1 = await act(approver, c.id, 'approve', { override_reasons: { 'travel.publicity_period': reason } });
  assert.equal(a1.body.state, 'approved');
});

test('blocking rules cannot be overridden', async () => {
  const data = validTrip({ purpose: `不可豁免测试 ${tag()}` });
  const c = await createCase(green, data);
  await act(green, c.id, 'submit');
  // Make the case break a blocking rule only the office would see: return and edit.
  await act(officer, c.id, 'return', { comment: '请修改' });
  const bad = { ...data, inviter: { ...data.inviter, kind: 'intermediary' } };
  const p = await green.patch(`/api/v1/cases/${c.id}`, { data: bad });
  assert.equal(p.status, 200, show(p));
  const s = await act(green, c.id, 'submit', { override_reasons: { 'travel.inviter_kind': '对方为商会' } }, null);
  expectError(s, 422, 'rules_failed');
  findDetail(s, 'travel.inviter_kind');
  assert.equal((await getCase(green, c.id)).state, 'returned');
});
