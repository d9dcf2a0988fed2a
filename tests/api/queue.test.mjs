// A desk's queue: its total, summed from the per-type-and-state counters (case_counts), is the
// number of cases it lists, before and after cases enter, move through and leave it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { act, as, createCase, expectStatus, listAll, show, tag, validTrip } from './lib/client.mjs';

const ent = await as('ent.normal');
const reviewer = await as('reviewer');
const officer = await as('officer');
const approver = await as('approver');

const QUEUES = ['office_review', 'pending_approval', 'office_review,pending_approval', ''];

// The total the first page states, and the items every page lists.
async function queue(client, states) {
  const path = `/api/v1/cases${states ? `?state=${states}` : ''}`;
  const first = await client.get(`${path}${states ? '&' : '?'}page_size=1`);
  expectStatus(first, 200);
  const items = await listAll(client, path, 5000);
  return { total: first.body.total, capped: first.body.total_capped, listed: items.length };
}

async function expectConsistent(client, when) {
  for (const states of QUEUES) {
    const q = await queue(client, states);
    assert.equal(q.capped, false, `${when}, ${states || 'every state'}: ${JSON.stringify(q)}`);
    assert.equal(q.total, q.listed, `${when}, ${client.name} ${states || 'every state'}: total vs listed`);
  }
}

test('the officer queue total counts the cases it lists while cases move through it', async () => {
  await expectConsistent(officer, 'at first');
  const before = await queue(officer, 'office_review');
  const ids = [];
  for (let i = 0; i < 3; i++) {
    const c = await createCase(ent, validTrip({ purpose: `队列计数 ${tag()} ${i}` }));
    await act(ent, c.id, 'submit');
    await act(reviewer, c.id, 'forward');
    ids.push(c.id);
  }
  const entered = await queue(officer, 'office_review');
  assert.equal(entered.total, before.total + 3, `three more in office_review: ${show({ before, entered })}`);
  await expectConsistent(officer, 'after three entered');

  await act(officer, ids[0], 'recommend');
  await act(approver, ids[0], 'approve');
  await act(officer, ids[1], 'return', { comment: '请补充材料' });
  const left = await queue(officer, 'office_review');
  assert.equal(left.total, before.total + 1, `two left office_review: ${show({ before, left })}`);
  await expectConsistent(officer, 'after two left');
  // Someone whose view is not a desk's (the enterprise's own list) is counted over its cases.
  await expectConsistent(ent, 'the enterprise');
});
