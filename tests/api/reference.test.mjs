// Reference data and administration: holidays, organizations (USCC check), users, dashboard.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { as, expectError, expectStatus, findDetail, show, tag } from './lib/client.mjs';

test('the holiday calendar has the 2027 Spring Festival; only admins change it', async () => {
  const officer = await as('officer');
  const admin = await as('admin');
  const r = await officer.get('/api/v1/holidays?year=2027');
  expectStatus(r, 200);
  assert.ok(r.body.items.length >= 10, `2027 holidays: ${r.body.items.length}`);
  for (const h of r.body.items) {
    assert.match(h.date, /^2027-\d{2}-\d{2}$/);
    assert.ok(['holiday', 'workday'].includes(h.kind), JSON.stringify(h));
  }
  assert.ok(r.body.items.some((h) => h.date.startsWith('2027-02') && h.kind === 'holiday' && /春节/.test(h.name_zh)),
    'Spring Festival 2027');
  const y2026 = (await officer.get('/api/v1/holidays?year=2026')).body.items;
  assert.ok(y2026.length >= 10, '2026 too');
  assert.ok(y2026.some((h) => h.kind === 'workday'), 'adjusted working days (2026)');

  const day = '2027-08-18';
  expectError(await officer.put(`/api/v1/holidays/${day}`, { kind: 'holiday', name_zh: '测试', name_en: 'Test' }), 403);
  const put = await admin.put(`/api/v1/holidays/${day}`, { kind: 'holiday', name_zh: '测试假日', name_en: 'Test day' });
  expectStatus(put, 200);
  try {
    const l = await officer.get('/api/v1/holidays?year=2027');
    assert.ok(l.body.items.some((h) => h.date === day && h.name_en === 'Test day'));
    const badDate = await admin.put('/api/v1/holidays/2027-13-45', { kind: 'holiday', name_zh: '坏', name_en: 'Bad' });
    expectError(badDate, 422, 'validation_failed');
    findDetail(badDate, 'type', 'date');
    const badKind = await admin.put(`/api/v1/holidays/${day}`, { kind: 'party', name_zh: '坏', name_en: 'Bad' });
    expectError(badKind, 422, 'validation_failed');
    findDetail(badKind, 'enum', 'kind');
  } finally {
    expectStatus(await admin.del(`/api/v1/holidays/${day}`), 204);
  }
  const l2 = await officer.get('/api/v1/holidays?year=2027');
  assert.ok(!l2.body.items.some((h) => h.date === day), 'deleted');
});

test('organizations: the USCC check is a warning, not a refusal; admin only', async () => {
  const admin = await as('admin');
  const officer = await as('officer');
  const t = tag();
  const good = await admin.post('/api/v1/organizations',
    { kind: 'enterprise', name_zh: `测试企业${t}`, name_en: `Test Co ${t}`, uscc: '91350100M000100Y43' });
  expectStatus(good, 201);
  assert.equal(good.body.uscc_check, 'valid', show(good));
  const bad = await admin.post('/api/v1/organizations',
    { kind: 'enterprise', name_zh: `测试企业乙${t}`, name_en: `Test Co B ${t}`, uscc: '91350100M000100Y44' });
  expectStatus(bad, 201, 'an invalid USCC is accepted');
  assert.equal(bad.body.uscc_check, 'invalid', show(bad));
  expectError(await officer.post('/api/v1/organizations',
    { kind: 'enterprise', name_zh: `x${t}`, name_en: `x${t}`, uscc: '91350100M000100Y43' }), 403);
  const l = await officer.get(`/api/v1/organizations?kind=enterprise&q=${encodeURIComponent('测试企业乙' + t)}`);
  expectStatus(l, 200);
  assert.ok(l.body.items.some((o) => o.id === bad.body.id), show(l));
  const ent = await as('ent.normal');
  const mine = await ent.get(`/api/v1/organizations/${ent.user.org.id}`);
  expectStatus(mine, 200, 'an enterprise reads its own organization');
  expectError(await ent.get(`/api/v1/organizations/${bad.body.id}`), 404, 'not_found');
});

test('users: admins list and create them; others may not', async () => {
  const admin = await as('admin');
  const officer = await as('officer');
  const l = await admin.get('/api/v1/users');
  expectStatus(l, 200);
  assert.ok(l.body.items.some((u) => u.username === 'ent.normal'));
  assert.ok(l.body.items.every((u) => !('password_hash' in u) && !('password' in u)), 'no password hashes');
  expectError(await officer.get('/api/v1/users'), 403);
  expectError(await officer.post('/api/v1/users', {
    username: `x.${tag()}`, password: 'Passw0rd-Long!', display_name: 'x', email: 'x@example.com',
    org_id: officer.user.org.id, roles: ['admin'],
  }), 403);
  const dup = await admin.post('/api/v1/users', {
    username: 'officer', password: 'Passw0rd-Long!', display_name: 'dup', email: 'dup@example.com',
    org_id: officer.user.org.id, roles: ['citizen'],
  });
  expectError(dup, 422, 'validation_failed');
  findDetail(dup, 'unique', 'username');
  const badRole = await admin.post('/api/v1/users', {
    username: `r.${tag()}`, password: 'Passw0rd-Long!', display_name: 'r', email: 'r@example.com',
    org_id: officer.user.org.id, roles: ['emperor'],
  });
  expectError(badRole, 422);
});

test('the travel dashboard', async () => {
  const officer = await as('officer');
  const r = await officer.get('/api/v1/dashboard/travel');
  expectStatus(r, 200);
  assert.equal(typeof r.body.by_state, 'object');
  assert.ok(Object.values(r.body.by_state).reduce((a, b) => a + b, 0) >= 30, show(r));
  assert.ok(Array.isArray(r.body.by_month) && Array.isArray(r.body.top_countries));
  assert.ok('direct_report' in r.body.processing_days && 'normal' in r.body.processing_days);
  expectError(await (await as('ent.other')).get('/api/v1/dashboard/travel'), 403);
});

test('passport custody: the overdue list; enterprise users may not read the ledger of others', async () => {
  const officer = await as('officer');
  const r = await officer.get('/api/v1/passport-custody?overdue=true');
  expectStatus(r, 200);
  assert.ok(r.body.items.every((x) => x.overdue === true && !x.returned_at), show(r));
  assert.ok(r.body.items.length >= 1, 'the demo data has an overdue passport');
  const other = await as('ent.other');
  const o = await other.get('/api/v1/passport-custody');
  expectError(o, 403, 'forbidden');
});
