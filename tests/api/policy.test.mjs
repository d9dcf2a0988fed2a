// The outbound_travel policy: read, changed by the security administrator only, applied at once,
// audited.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  act, as, createCase, expectError, expectStatus, findDetail, listAll, members, show, tag, validTrip,
} from './lib/client.mjs';

const PATH = '/api/v1/policies/outbound_travel';

test('GET the policy: the national defaults', async () => {
  const officer = await as('officer');
  const r = await officer.get(PATH);
  expectStatus(r, 200);
  const p = r.body;
  assert.equal(p.max_countries, 3);
  assert.deepEqual(p.max_days, { 1: 5, 2: 8, 3: 10 });
  assert.deepEqual([...p.extra_day_regions].sort(), ['africa', 'latin_america']);
  assert.equal(p.max_members, 6);
  assert.equal(p.publicity_working_days, 5);
  assert.equal(p.report_months, 1);
  assert.equal(p.passport_due_days, 7);
  assert.equal(p.severity['travel.publicity_period'], 'warning');
  assert.equal(typeof p.direct_report.min_trips_12m, 'number');
});

test('PUT the policy: 403 for an officer, nothing changed', async () => {
  const officer = await as('officer');
  const before = (await officer.get(PATH)).body;
  const r = await officer.put(PATH, { ...before, max_members: 9 });
  expectError(r, 403);
  const ent = await as('ent.normal');
  expectError(await ent.put(PATH, { ...before, max_members: 9 }), 403);
  assert.deepEqual((await officer.get(PATH)).body, before);
});

test('PUT an invalid policy: 422, nothing changed', async () => {
  const admin = await as('secadmin');
  const before = (await admin.get(PATH)).body;
  for (const [bad, rule, field] of [
    [{ ...before, max_members: 'seven' }, 'type', 'max_members'],
    [{ ...before, max_members: -1 }, 'range', 'max_members'],
    [{ ...before, bogus: 1 }, 'unknown_field', 'bogus'],
  ]) {
    const r = await admin.put(PATH, bad);
    expectError(r, 422, 'validation_failed');
    findDetail(r, rule, field);
  }
  assert.deepEqual((await admin.get(PATH)).body, before);
});

test('the security admin raises max_members to 7: a 7-member trip passes; restored; the change is audited', async () => {
  const admin = await as('secadmin');
  const ent = await as('ent.normal');
  const auditor = await as('auditor');
  const since = new Date(Date.now() - 2000).toISOString().replace(/\.\d+Z$/, 'Z');
  const before = (await admin.get(PATH)).body;

  const blocked = await createCase(ent, validTrip({ members: members(7), purpose: `政策测试 ${tag()}` }));
  const b = await act(ent, blocked.id, 'submit', {}, null);
  expectError(b, 422);
  findDetail(b, 'travel.max_members');

  try {
    const r = await admin.put(PATH, { ...before, max_members: 7 });
    expectStatus(r, 200);
    assert.equal(r.body.max_members, 7);
    assert.equal((await admin.get(PATH)).body.max_members, 7);

    const s = await act(ent, blocked.id, 'submit', {}, null);
    expectStatus(s, 200, 'a 7-member trip passes under the new policy');
    assert.equal(s.body.state, 'district_review');
  } finally {
    const back = await admin.put(PATH, before);
    expectStatus(back, 200, 'policy restored');
  }
  assert.deepEqual((await admin.get(PATH)).body, before);

  const again = await createCase(ent, validTrip({ members: members(7), purpose: `政策测试 ${tag()}` }));
  const a = await act(ent, again.id, 'submit', {}, null);
  expectError(a, 422);
  findDetail(a, 'travel.max_members');

  const audit = await listAll(auditor, `/api/v1/audit?from=${encodeURIComponent(since)}`);
  const changes = audit.filter((e) => /polic/i.test(`${e.action} ${e.object_type}`));
  assert.ok(changes.length >= 2, `two policy changes in the audit log: ${JSON.stringify(audit.map((e) => e.action))}`);
  for (const e of changes) {
    assert.equal(e.user_id, admin.user.id);
    assert.equal(e.username, 'secadmin');
  }
  assert.ok(changes.some((e) => JSON.stringify(e.detail ?? '').includes('max_members')),
    `the audit detail says what changed: ${show({ status: 200, body: changes })}`);
});
