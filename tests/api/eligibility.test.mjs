// Green channel (直报) eligibility, and granting / revoking it with a reason and history.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  act, as, createCase, expectError, expectStatus, listAll, show, tag, validTrip,
} from './lib/client.mjs';

const officer = await as('officer');
const ent = await as('ent.normal');
const entAdmin = await as('ent.normal.admin');
const other = await as('ent.other');
const auditor = await as('auditor');

test('GET direct-report-eligibility as an officer: criteria with values and thresholds', async () => {
  const id = ent.user.org.id;
  const r = await officer.get(`/api/v1/organizations/${id}/direct-report-eligibility`);
  expectStatus(r, 200);
  const b = r.body;
  assert.equal(b.org_id, id);
  assert.equal(b.direct_report, false);
  assert.equal(typeof b.eligible, 'boolean');
  assert.ok(Array.isArray(b.criteria) && b.criteria.length >= 3, show(r));
  for (const k of b.criteria) {
    assert.equal(typeof k.id, 'string');
    assert.ok(k.label && (typeof k.label === 'string' || (k.label.zh && k.label.en)), JSON.stringify(k));
    assert.ok('value' in k && 'threshold' in k, JSON.stringify(k));
    assert.equal(typeof k.passed, 'boolean');
  }
  assert.equal(b.eligible, b.criteria.every((k) => k.passed), 'eligible = every criterion passed');

  const green = await as('ent.green');
  const g = await officer.get(`/api/v1/organizations/${green.user.org.id}/direct-report-eligibility`);
  expectStatus(g, 200);
  assert.equal(g.body.direct_report, true);
});

test('enterprises may not read other enterprises\' eligibility nor grant anything', async () => {
  const id = ent.user.org.id;
  expectError(await other.get(`/api/v1/organizations/${id}/direct-report-eligibility`), 404, 'not_found');
  const r = await entAdmin.post(`/api/v1/organizations/${id}/direct-report`, { granted: true, reason: '自己给自己' });
  expectError(r, 403);
  const r2 = await ent.post(`/api/v1/organizations/${id}/direct-report`, { granted: true, reason: '自己给自己' });
  expectError(r2, 403);
  const e = await officer.get(`/api/v1/organizations/${id}/direct-report-eligibility`);
  assert.equal(e.body.direct_report, false, 'not granted');
  const h = await officer.get(`/api/v1/organizations/${id}/direct-report-history`);
  expectStatus(h, 200);
  assert.ok(!h.body.items.some((x) => x.reason === '自己给自己'));
});

test('an officer grants the green channel with a reason, it routes submissions, then revokes it; history kept', async () => {
  const id = other.user.org.id;
  const since = new Date(Date.now() - 2000).toISOString().replace(/\.\d+Z$/, 'Z');
  const reason = `出口重点企业,近一年出访记录良好 ${tag()}`;
  const noReason = await officer.post(`/api/v1/organizations/${id}/direct-report`, { granted: true });
  expectError(noReason, 422);
  const grant = await officer.post(`/api/v1/organizations/${id}/direct-report`, { granted: true, reason });
  try {
    expectStatus(grant, 200);
    assert.equal(grant.body.direct_report, true, show(grant));
    assert.equal(grant.body.id ?? grant.body.org_id, id, show(grant));

    const h = await officer.get(`/api/v1/organizations/${id}/direct-report-history`);
    expectStatus(h, 200);
    const item = h.body.items.find((x) => x.reason === reason);
    assert.ok(item, `the grant is in the history: ${show(h)}`);
    assert.equal(item.granted, true);
    assert.ok(item.by, 'by whom');
    assert.match(String(item.at), /^\d{4}-\d{2}-\d{2}T/);

    // The next submission of that enterprise goes straight to the office.
    const fresh = await as('ent.other');
    const c = await createCase(fresh, validTrip({ purpose: `直报授予测试 ${tag()}` }));
    const s = await act(fresh, c.id, 'submit');
    assert.equal(s.body.state, 'office_review');
  } finally {
    const revoke = await officer.post(`/api/v1/organizations/${id}/direct-report`,
      { granted: false, reason: `测试结束撤销 ${tag()}` });
    expectStatus(revoke, 200, 'revoke');
    assert.equal(revoke.body.direct_report, false);
  }
  const h2 = await officer.get(`/api/v1/organizations/${id}/direct-report-history`);
  const last = h2.body.items.filter((x) => /测试结束撤销/.test(x.reason));
  assert.ok(last.length >= 1 && last.every((x) => x.granted === false), show(h2));
  const audit = await listAll(auditor, `/api/v1/audit?from=${encodeURIComponent(since)}`);
  assert.ok(audit.some((e) => JSON.stringify(e.detail ?? '').includes(reason)),
    `the grant is audited: ${JSON.stringify(audit.map((e) => [e.action, e.detail]))}`);
  const c2 = await createCase(other, validTrip({ purpose: `直报撤销测试 ${tag()}` }));
  assert.equal((await act(other, c2.id, 'submit')).body.state, 'district_review', 'after the revocation: district review');
});
