// The outbound_travel rules at submission: 422 rules_failed naming the rule, nothing written;
// the boundaries pass.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  act, addDays, as, badResidentId, createCase, expectError, expectStatus, findDetail, getCase, history,
  listAll, member, members, show, tag, transitions, validTrip,
} from './lib/client.mjs';

const ent = await as('ent.normal');
const dep = addDays(new Date().toISOString().slice(0, 10), 110);

function legs(spec) {
  // spec: [[country, city, fromOffset, toOffset, airside?], ...]
  return spec.map(([country, city, a, b, airside]) => ({
    country, city, from: addDays(dep, a), to: addDays(dep, b), transit_airside: !!airside,
  }));
}

function trip(over) {
  return validTrip({ departure_date: dep, return_date: addDays(dep, 4), purpose: `规则测试 ${tag()}`, ...over });
}

// Creates a draft, submits it, expects 422 naming `rule`; checks nothing changed.
async function expectBlocked(data, rule, field) {
  const c = await createCase(ent, data);
  const r = await act(ent, c.id, 'submit', {}, null);
  expectError(r, 422, 'rules_failed');
  const d = findDetail(r, rule, field);
  assert.equal(d.severity, 'blocking', `severity of ${rule}: ${JSON.stringify(d)}`);
  const after = await getCase(ent, c.id);
  assert.equal(after.state, 'draft', 'state unchanged');
  assert.deepEqual(after.data, c.data, 'data unchanged');
  assert.equal(transitions(await history(ent, c.id)).length, 0, 'no transition recorded');
  return { c, r, d };
}

async function expectSubmitted(data) {
  const c = await createCase(ent, data);
  const r = await act(ent, c.id, 'submit', {}, null);
  expectStatus(r, 200, 'submission passes the rules');
  assert.equal(r.body.state, 'district_review');
  return c;
}

test('travel.max_countries: 4 countries are refused, 3 pass', async () => {
  const { r } = await expectBlocked(trip({
    return_date: addDays(dep, 8),
    itinerary: legs([['DE', 'Aachen', 0, 2], ['FR', 'Rouen', 3, 4], ['IT', 'Florence', 5, 6], ['AT', 'Wien', 7, 8]]),
  }), 'travel.max_countries');
  assert.match(r.body.error.message_zh, /[\u4e00-\u9fff]/);
  await expectSubmitted(trip({
    return_date: addDays(dep, 7),
    itinerary: legs([['DE', 'Aachen', 0, 2], ['FR', 'Rouen', 3, 5], ['IT', 'Florence', 6, 7]]),
  }));
});

test('travel.max_countries: an airside transit leg does not count, a landside one does', async () => {
  const spec = (airside) => legs([['DE', 'Aachen', 0, 2], ['AE', 'Dubai', 3, 3, airside], ['FR', 'Rouen', 4, 5], ['IT', 'Florence', 6, 7]]);
  await expectSubmitted(trip({ return_date: addDays(dep, 7), itinerary: spec(true) }));
  await expectBlocked(trip({ return_date: addDays(dep, 7), itinerary: spec(false) }), 'travel.max_countries');
});

test('travel.max_days: 1 country 5 days pass, 6 days are refused', async () => {
  await expectSubmitted(trip({ return_date: addDays(dep, 4), itinerary: legs([['DE', 'Aachen', 0, 4]]) }));
  await expectBlocked(trip({ return_date: addDays(dep, 5), itinerary: legs([['DE', 'Aachen', 0, 5]]) }), 'travel.max_days');
});

test('travel.max_days: 2 countries 8 days pass, 9 are refused', async () => {
  await expectSubmitted(trip({ return_date: addDays(dep, 7), itinerary: legs([['DE', 'Aachen', 0, 3], ['GB', 'Nottingham', 4, 7]]) }));
  await expectBlocked(trip({ return_date: addDays(dep, 8), itinerary: legs([['DE', 'Aachen', 0, 4], ['GB', 'Nottingham', 5, 8]]) }), 'travel.max_days');
});

test('travel.max_days: Africa adds a day (ZA 6 days pass, 7 are refused)', async () => {
  await expectSubmitted(trip({
    return_date: addDays(dep, 5),
    itinerary: legs([['ZA', 'Nelson Mandela Bay', 0, 5]]),
    inviter: { name: 'Nelson Mandela Bay Municipality', country: 'ZA', kind: 'foreign_counterpart' },
  }));
  await expectBlocked(trip({
    return_date: addDays(dep, 6),
    itinerary: legs([['ZA', 'Nelson Mandela Bay', 0, 6]]),
    inviter: { name: 'Nelson Mandela Bay Municipality', country: 'ZA', kind: 'foreign_counterpart' },
  }), 'travel.max_days');
  // Latin America too.
  await expectSubmitted(trip({ return_date: addDays(dep, 5), itinerary: legs([['BR', 'São Paulo', 0, 5]]) }));
});

test('travel.max_members: 6 including the interpreter pass, 7 are refused', async () => {
  const six = members(5);
  six.push(member(5, 'interpreter'));
  await expectSubmitted(trip({ members: six }));
  await expectBlocked(trip({ members: members(7) }), 'travel.max_members');
});

test('travel.inviter_kind: only a foreign counterpart may invite', async () => {
  for (const kind of ['intermediary', 'overseas_chinese_org', 'foreign_agency_in_china']) {
    await expectBlocked(trip({ inviter: { name: 'Agentur GmbH', country: 'DE', kind } }), 'travel.inviter_kind');
  }
});

test('travel.leader_required: exactly one leader', async () => {
  await expectBlocked(trip({ members: members(2, 2) }), 'travel.leader_required');
  await expectBlocked(trip({ members: members(2, 0) }), 'travel.leader_required');
});

test('a bad resident ID is saved in a draft and refused at submit by travel.member_ids naming members[1].id_number', async () => {
  const ms = members(2);
  ms[1].id_number = badResidentId(7);
  const data = trip({ members: ms });
  const before = (await listAll(ent, '/api/v1/cases?type=outbound_travel')).length;
  const r = await ent.post('/api/v1/cases', { type: 'outbound_travel', data });
  expectStatus(r, 201, 'draft with a bad ID');
  assert.equal((await listAll(ent, '/api/v1/cases?type=outbound_travel')).length, before + 1, 'the draft is saved');
  const s = await act(ent, r.body.id, 'submit', {}, null);
  expectError(s, 422, 'rules_failed');
  findDetail(s, 'travel.member_ids', 'members[1].id_number');
  assert.equal((await getCase(ent, r.body.id)).state, 'draft');
  // A bad birth date inside an otherwise well-formed number is refused too.
  const ms2 = members(2);
  const first17 = '33020319801340001';
  ms2[0].id_number = first17 + '0';
  const r2 = await ent.post('/api/v1/cases', { type: 'outbound_travel', data: trip({ members: ms2 }) });
  expectStatus(r2, 201, 'draft with a bad birth date in the ID');
  const s2 = await act(ent, r2.body.id, 'submit', {}, null);
  expectError(s2, 422, 'rules_failed');
  findDetail(s2, 'travel.member_ids', 'members[0].id_number');
});

test('several violations are all reported at once', async () => {
  const { r } = await expectBlocked(trip({
    members: members(7, 2),
    inviter: { name: 'Agentur GmbH', country: 'DE', kind: 'intermediary' },
  }), 'travel.max_members');
  findDetail(r, 'travel.leader_required');
  findDetail(r, 'travel.inviter_kind');
});

test('POST /cases/check is a dry run; GET /cases/{id}/checks is the rule panel', async () => {
  const before = (await listAll(ent, '/api/v1/cases?type=outbound_travel')).length;
  const data = trip({ members: members(7) });
  const r = await ent.post('/api/v1/cases/check', { type: 'outbound_travel', data });
  expectStatus(r, 200);
  assert.ok(Array.isArray(r.body.errors) && Array.isArray(r.body.checks), show(r));
  const chk = r.body.checks.find((x) => x.rule === 'travel.max_members');
  assert.ok(chk, `check for travel.max_members: ${show(r)}`);
  assert.equal(chk.status, 'failed');
  assert.equal(chk.severity, 'blocking');
  assert.ok(chk.violations.length >= 1 && /[\u4e00-\u9fff]/.test(chk.violations[0].message_zh));
  assert.equal(r.body.checks.find((x) => x.rule === 'travel.inviter_kind')?.status, 'passed');
  assert.equal((await listAll(ent, '/api/v1/cases?type=outbound_travel')).length, before, 'nothing written');

  const c = await createCase(ent, data);
  const p = await ent.get(`/api/v1/cases/${c.id}/checks`);
  expectStatus(p, 200);
  assert.equal(p.body.items.find((x) => x.rule === 'travel.max_members')?.status, 'failed', show(p));
  assert.equal(p.body.items.find((x) => x.rule === 'travel.max_countries')?.status, 'passed', show(p));
});
