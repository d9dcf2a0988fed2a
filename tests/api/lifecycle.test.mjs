// The case lifecycle: the normal path, the green channel, returned and resubmitted.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  act, addDays, as, createCase, expectError, expectStatus, getCase, history, show, tag, transitions,
  validTrip,
} from './lib/client.mjs';

const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/;

test('normal path: create → patch → submit → forward → recommend → approve, with history and passport custody', async () => {
  const ent = await as('ent.normal');
  const reviewer = await as('reviewer');
  const officer = await as('officer');
  const approver = await as('approver');

  const data = validTrip({ purpose: `正常流程测试 ${tag()}` });
  const r = await ent.post('/api/v1/cases', { type: 'outbound_travel', data });
  expectStatus(r, 201);
  const c = r.body;
  assert.equal(typeof c.id, 'number');
  assert.equal(c.type, 'outbound_travel');
  assert.equal(c.state, 'draft');
  assert.match(c.number || '', /^OT/, `case number: ${c.number}`);
  assert.equal(c.org.id, ent.user.org.id);
  assert.equal(c.org.direct_report, false);
  assert.equal(c.applicant.id, ent.user.id);
  assert.equal(c.assigned_to, null);
  assert.match(c.created_at, ISO_INSTANT);
  assert.match(c.updated_at, ISO_INSTANT);
  assert.equal(c.submitted_at ?? null, null);
  assert.equal(c.data.purpose, data.purpose);
  assert.deepEqual(c.data.members.map((m) => m.id_number), data.members.map((m) => m.id_number));
  assert.ok(Array.isArray(c.allowed_actions) && c.allowed_actions.includes('submit'), `allowed_actions: ${c.allowed_actions}`);
  assert.ok(!c.allowed_actions.includes('approve'));
  const loc = r.headers.get('location');
  if (loc) assert.match(loc, new RegExp(`/api/v1/cases/${c.id}$`));

  // Patch: the whole data is replaced.
  const data2 = { ...data, purpose: data.purpose + '(修订)', funding: { source: '企业自筹', budget_cny: 90000 } };
  const p = await ent.patch(`/api/v1/cases/${c.id}`, { data: data2 });
  expectStatus(p, 200);
  assert.equal(p.body.data.purpose, data2.purpose);
  assert.equal(p.body.data.funding.budget_cny, 90000);
  assert.equal(p.body.state, 'draft');
  assert.equal((await getCase(ent, c.id)).data.purpose, data2.purpose, 'patch persisted');

  const s = await act(ent, c.id, 'submit');
  assert.equal(s.body.state, 'district_review');
  assert.match(s.body.submitted_at || '', ISO_INSTANT);
  assert.ok(s.body.due_date, 'a due date once submitted');

  // The reviewer sees it in the district queue.
  const q = await reviewer.get('/api/v1/cases?state=district_review&page_size=100&sort=-updated');
  expectStatus(q, 200);
  assert.ok(q.body.items.some((x) => x.id === c.id), 'in the reviewer\'s queue');
  const rc = await getCase(reviewer, c.id);
  assert.ok(rc.allowed_actions.includes('forward'), `reviewer's allowed_actions: ${rc.allowed_actions}`);

  const f = await act(reviewer, c.id, 'forward', { comment: '同意转报' });
  assert.equal(f.body.state, 'office_review');
  const rec = await act(officer, c.id, 'recommend', { comment: '符合规定,呈批' });
  assert.equal(rec.body.state, 'pending_approval');
  const a = await act(approver, c.id, 'approve', { comment: '同意' });
  assert.equal(a.body.state, 'approved');
  assert.match(a.body.decided_at || '', ISO_INSTANT);
  assert.equal((await getCase(ent, c.id)).state, 'approved', 'the applicant sees the decision');

  // History: every step with states and users.
  const items = await history(officer, c.id);
  for (const h of items) {
    assert.match(h.at, ISO_INSTANT);
    assert.ok(h.user && typeof h.user.id === 'number' && h.user.display_name, `history user: ${JSON.stringify(h)}`);
  }
  assert.equal(items[0].kind, 'created', `first item is the creation: ${JSON.stringify(items[0])}`);
  assert.ok(items.some((h) => h.kind === 'edited' && h.user.id === ent.user.id), 'the edit is in the history');
  const steps = transitions(items).map((h) => [h.action, h.from_state, h.to_state, h.user.id]);
  assert.deepEqual(steps, [
    ['submit', 'draft', 'district_review', ent.user.id],
    ['forward', 'district_review', 'office_review', reviewer.user.id],
    ['recommend', 'office_review', 'pending_approval', officer.user.id],
    ['approve', 'pending_approval', 'approved', approver.user.id],
  ]);
  const fwd = transitions(items).find((h) => h.action === 'forward');
  assert.equal(fwd.comment, '同意转报');
  const times = items.map((h) => Date.parse(h.at));
  assert.deepEqual(times, [...times].sort((x, y) => x - y), 'history in chronological order');

  // Passport custody: one row per member, due 7 days after return.
  const pc = await officer.get(`/api/v1/passport-custody?case_id=${c.id}`);
  expectStatus(pc, 200);
  assert.equal(pc.body.items.length, data.members.length, show(pc));
  const due = addDays(data.return_date, 7);
  for (const row of pc.body.items) {
    assert.equal(row.case_id, c.id);
    assert.equal(row.case_number, c.number);
    assert.equal(row.due_date, due);
    assert.equal(row.returned_at ?? null, null);
    assert.equal(row.overdue, false);
    assert.ok(data.members.some((m) => m.id_number === row.id_number && m.name === row.member_name), JSON.stringify(row));
  }
  // Returning one passport.
  const ret = await officer.post(`/api/v1/passport-custody/${pc.body.items[0].id}/return`);
  expectStatus(ret, 200);
  const pc2 = await officer.get(`/api/v1/passport-custody?case_id=${c.id}`);
  const row = pc2.body.items.find((x) => x.id === pc.body.items[0].id);
  assert.match(row.returned_at || '', /^\d{4}-\d{2}-\d{2}/);
  // Enterprise users do not manage the ledger.
  const entRet = await ent.post(`/api/v1/passport-custody/${pc.body.items[1].id}/return`);
  expectError(entRet, 403, 'forbidden');
});

test('green channel: a direct-report enterprise submits straight to office review', async () => {
  const green = await as('ent.green');
  const officer = await as('officer');
  assert.equal((await green.get(`/api/v1/organizations/${green.user.org.id}`)).body.direct_report, true);
  const c = await createCase(green, validTrip({ purpose: `直报测试 ${tag()}` }));
  assert.equal(c.org.direct_report, true);
  const s = await act(green, c.id, 'submit');
  assert.equal(s.body.state, 'office_review');
  const tr = transitions(await history(officer, c.id));
  assert.deepEqual(tr.map((h) => [h.from_state, h.to_state]), [['draft', 'office_review']]);
  const q = await officer.get('/api/v1/cases?state=office_review&direct_report=true&page_size=100&sort=-updated');
  expectStatus(q, 200);
  assert.ok(q.body.items.some((x) => x.id === c.id), 'in the office queue filtered by direct_report');
  const summary = q.body.items.find((x) => x.id === c.id);
  assert.equal(summary.purpose, c.data.purpose);
  assert.deepEqual(summary.countries, ['DE']);
  assert.equal(summary.members_count, 2);
  assert.equal(summary.departure_date, c.data.departure_date);
  assert.equal(summary.data, undefined, 'a summary has no data');
  const rec = await act(officer, c.id, 'recommend');
  assert.equal(rec.body.state, 'pending_approval');
});

test('returned and resubmitted: comment required, no edits while under review, corrected and resubmitted', async () => {
  const ent = await as('ent.normal');
  const reviewer = await as('reviewer');
  const officer = await as('officer');
  const data = validTrip({ purpose: `退回测试 ${tag()}` });
  const c = await createCase(ent, data);
  await act(ent, c.id, 'submit');
  await act(reviewer, c.id, 'forward');

  // No edit while the office reviews it.
  const p = await ent.patch(`/api/v1/cases/${c.id}`, { data: { ...data, purpose: data.purpose + ' x' } });
  expectError(p, 409);
  assert.equal((await getCase(ent, c.id)).data.purpose, data.purpose);

  // Return needs a comment.
  const noComment = await act(officer, c.id, 'return', {}, 422);
  expectError(noComment, 422);
  assert.ok(noComment.body.error.details.some((d) => /comment/.test(d.field || '') || /comment/.test(d.rule || '')),
    `a detail about the comment: ${show(noComment)}`);
  const empty = await act(officer, c.id, 'return', { comment: '   ' }, 422);
  expectError(empty, 422);
  assert.equal((await getCase(officer, c.id)).state, 'office_review', 'state unchanged');

  const ret = await act(officer, c.id, 'return', { comment: '请补充邀请函译文并核对行程' });
  assert.equal(ret.body.state, 'returned');
  const rc = await getCase(ent, c.id);
  assert.equal(rc.state, 'returned');
  assert.ok(rc.allowed_actions.includes('submit'));

  const corrected = { ...data, purpose: data.purpose + '(已补充)' };
  const p2 = await ent.patch(`/api/v1/cases/${c.id}`, { data: corrected });
  expectStatus(p2, 200);
  assert.equal(p2.body.state, 'returned');
  assert.equal(p2.body.data.purpose, corrected.purpose);

  const s = await act(ent, c.id, 'submit');
  assert.ok(['district_review', 'office_review'].includes(s.body.state), `resubmitted: ${s.body.state}`);

  const items = await history(officer, c.id);
  const tr = transitions(items);
  const retItem = tr.find((h) => h.action === 'return');
  assert.equal(retItem.comment, '请补充邀请函译文并核对行程');
  assert.equal(retItem.from_state, 'office_review');
  assert.equal(retItem.to_state, 'returned');
  assert.equal(retItem.user.id, officer.user.id);
  const last = tr[tr.length - 1];
  assert.equal(last.action, 'submit');
  assert.equal(last.from_state, 'returned');
  assert.ok(items.some((h) => h.kind === 'edited'), 'the correction is in the history');
});

test('withdraw, reject and comments', async () => {
  const ent = await as('ent.normal');
  const officer = await as('officer');
  const reviewer = await as('reviewer');
  const c = await createCase(ent, validTrip({ purpose: `撤回测试 ${tag()}` }));
  await act(ent, c.id, 'submit');
  const w = await act(ent, c.id, 'withdraw');
  assert.equal(w.body.state, 'withdrawn');
  const again = await act(ent, c.id, 'submit', {}, 409);
  expectError(again, 409, 'invalid_state');

  const d = await createCase(ent, validTrip({ purpose: `驳回测试 ${tag()}` }));
  await act(ent, d.id, 'submit');
  const cm = await reviewer.post(`/api/v1/cases/${d.id}/comments`, { body: '请说明经费来源' });
  expectStatus(cm, 201);
  const noBody = await reviewer.post(`/api/v1/cases/${d.id}/comments`, {});
  expectError(noBody, 422);
  const rj = await act(reviewer, d.id, 'reject', { comment: '出访必要性不足' });
  assert.equal(rj.body.state, 'rejected');
  const items = await history(officer, d.id);
  const comments = items.filter((h) => h.kind === 'comment');
  assert.equal(comments.length, 1);
  assert.ok(JSON.stringify(comments[0]).includes('请说明经费来源'));
});

test('after the trip: start_report → report (with the report text) → completed', async () => {
  const green = await as('ent.green');
  const officer = await as('officer');
  const approver = await as('approver');
  const c = await createCase(green, validTrip({ purpose: `出访报告测试 ${tag()}` }));
  await act(green, c.id, 'submit');
  await act(officer, c.id, 'recommend');
  await act(approver, c.id, 'approve');
  const s = await act(green, c.id, 'start_report');
  assert.equal(s.body.state, 'report_due');
  assert.ok(s.body.report_due_date, `report_due_date: ${JSON.stringify(s.body)}`);
  const empty = await act(green, c.id, 'report', { data: { report: '' } }, null);
  expectError(empty, 422);
  assert.equal((await getCase(green, c.id)).state, 'report_due');
  const notAllowed = await act(green, c.id, 'report', { data: { purpose: '改目的' } }, null);
  expectError(notAllowed, 422);
  const text = '代表团按计划完成了在亚琛的技术交流,签署合作备忘录一份。';
  const r = await act(green, c.id, 'report', { data: { report: text } });
  assert.equal(r.body.state, 'completed');
  const after = await getCase(officer, c.id);
  assert.equal(after.data.report, text);
  assert.equal(after.data.purpose, c.data.purpose, 'the rest of the data is unchanged');
});
