// Notifications: mass sends reviewed before they go, the inbox, the outbox and the mail a
// real SMTP server receives (tests/smtp/sink.py, started by scripts/run-api-tests.sh, writes
// each message to $WAISHI_SMTP_DIR and refuses the addresses listed in its `refuse` file).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import {
  BASE, as, eventually, expectError, expectStatus, findDetail, firstLogin, show, tag,
} from './lib/client.mjs';
import { decodeWords, mailTo, refuse } from './lib/mail.mjs';

const admin = await as('admin');
const officer = await as('officer');
const approver = await as('approver');
const auditor = await as('auditor');

// ------------------------------------------------------------------ fixtures

// A department of its own with two users: one reading Chinese, one English.
const T = tag();
const org = await admin.post('/api/v1/organizations', { kind: 'department', name_zh: `通知测试部门${T}`, name_en: `Notify dept ${T}` });
expectStatus(org, 201, 'admin creates a department');
async function person(name, locale) {
  const username = `notify.${name}.${T}`;
  const email = `${name}.${T}@example.test`;
  const u = await admin.post('/api/v1/users', {
    username, password: 'Initial-Passw0rd-1', display_name: `Notify ${name}`, org_id: org.body.id,
    roles: ['partner'], email, locale,
  });
  expectStatus(u, 201, `admin creates ${username}`);
  const client = await firstLogin(username, 'Initial-Passw0rd-1');
  return { id: u.body.id, email, client };
}
const zhUser = await person('zh', 'zh-CN');
const enUser = await person('en', 'en-US');

const notice = (t, extra = {}) => ({
  key: 'notify.announce.notice', args: { title: `停水${t}`, text: `明日停水 ${t} / No water tomorrow` }, link: '/inbox', ...extra,
});

async function batchesTotal() {
  const r = await officer.get('/api/v1/notifications/batches?page_size=1');
  expectStatus(r, 200);
  return r.body.total;
}

async function inboxHas(client, word) {
  const r = await client.get('/api/v1/inbox?page_size=100');
  expectStatus(r, 200);
  return r.body.items.filter((m) => m.body.includes(word));
}

async function outboxOf(batchId) {
  const r = await admin.get('/api/v1/outbox?page_size=100');
  expectStatus(r, 200);
  return r.body.items.filter((x) => x.batch_id === batchId);
}

// ------------------------------------------------------------------ the review flow

test('a batch waits for review with nothing queued, then an approver sends it to everyone', async () => {
  const t = tag();
  const before = (await zhUser.client.get('/api/v1/inbox/unread-count')).body.unread;
  const created = await officer.post('/api/v1/notifications/batches', notice(t, { organization_ids: [org.body.id] }));
  expectStatus(created, 201, 'the officer prepares a batch');
  const b = created.body;
  assert.equal(b.state, 'pending_review');
  assert.equal(b.recipient_count, 2);
  assert.equal(b.sent_count, 0);
  assert.equal(b.created_by.id, officer.user.id);
  assert.equal(b.preview.zh.subject, `通知:停水${t}`);
  assert.equal(b.preview.en.subject, `Notice: 停水${t}`);
  assert.match(b.preview.en.body, /Foreign Affairs Office/);

  // Nothing queued before the review: no inbox row, no outbox row, no mail.
  assert.deepEqual(await inboxHas(zhUser.client, t), []);
  assert.deepEqual(await outboxOf(b.id), []);
  assert.equal((await zhUser.client.get('/api/v1/inbox/unread-count')).body.unread, before);

  // The approver previews it.
  const preview = await approver.get(`/api/v1/notifications/batches/${b.id}`);
  expectStatus(preview, 200);
  assert.equal(preview.body.recipient_count, 2);
  assert.equal(preview.body.preview.zh.body, b.preview.zh.body);

  const approved = await approver.post(`/api/v1/notifications/batches/${b.id}/approve`);
  expectStatus(approved, 200, 'the approver approves');
  assert.equal(approved.body.state, 'approved');
  assert.equal(approved.body.sent_count, 2);
  assert.equal(approved.body.decided_by.id, approver.user.id);

  // The inbox: in the reader's language, both texts available; counted unread.
  const [zh] = await inboxHas(zhUser.client, t);
  assert.ok(zh, 'the Chinese reader has it');
  assert.equal(zh.subject, `通知:停水${t}`);
  assert.equal(zh.read_at, null);
  assert.equal(zh.link, '/inbox');
  assert.equal(zh.texts.en.subject, `Notice: 停水${t}`);
  const [en] = await inboxHas(enUser.client, t);
  assert.equal(en.subject, `Notice: 停水${t}`);
  assert.equal(en.texts.zh.subject, `通知:停水${t}`);
  assert.equal((await zhUser.client.get('/api/v1/inbox/unread-count')).body.unread, before + 1);

  // The mail: headers, the decoded UTF-8 subject, both languages (the reader's first), the link.
  const mz = await mailTo(zhUser.email, t);
  assert.equal(mz.headers.to, zhUser.email);
  assert.match(mz.headers.from, /<noreply@waishi\.test>$/);
  assert.equal(decodeWords(mz.headers.from.replace(/<.*$/, '')).trim(), '外事办公室');
  assert.equal(mz.envelope.mail_from, 'noreply@waishi.test');
  assert.equal(mz.subject, `通知:停水${t}`);
  assert.match(mz.headers.subject, /^=\?UTF-8\?B\?/);
  assert.equal(mz.headers['mime-version'], '1.0');
  assert.equal(mz.headers['content-type'], 'text/plain; charset=UTF-8');
  assert.equal(mz.headers['content-transfer-encoding'], 'base64');
  assert.match(mz.headers.date, /^[A-Z][a-z]{2}, \d{2} [A-Z][a-z]{2} \d{4} \d{2}:\d{2}:\d{2} \+0000$/);
  assert.match(mz.headers['message-id'], /^<outbox\.\d+\.\d+@waishi\.test>$/);
  assert.ok(mz.body.indexOf('外事办公室') < mz.body.indexOf('Foreign Affairs Office'), 'Chinese first');
  assert.ok(mz.body.includes(`Notice: 停水${t}`), 'the English subject in the body');
  assert.ok(mz.body.includes(`${BASE}/inbox`), `the full link: ${mz.body}`);
  const me = await mailTo(enUser.email, t);
  assert.equal(me.subject, `Notice: 停水${t}`);
  assert.ok(me.body.indexOf('Foreign Affairs Office') < me.body.indexOf('外事办公室'), 'English first');
  assert.ok(!me.raw.includes('No water'), 'the body is base64, not plain text');

  // The outbox: sent, addresses shown, texts not.
  const rows = await eventually(async () => {
    const x = await outboxOf(b.id);
    assert.equal(x.length, 2);
    assert.ok(x.every((r) => r.state === 'sent'), JSON.stringify(x));
    return x;
  }, 15000);
  assert.deepEqual(rows.map((r) => r.to).sort(), [enUser.email, zhUser.email].sort());
  for (const r of rows) {
    assert.equal(r.attempts, 1);
    assert.ok(r.sent_at);
    assert.equal(r.subject, undefined);
    assert.equal(r.body, undefined);
  }

  // Audited: the creation and the approval.
  const audit = await auditor.get(`/api/v1/audit?object_type=notification_batch&object_id=${b.id}`);
  expectStatus(audit, 200);
  assert.deepEqual(audit.body.items.map((e) => e.action).sort(),
    ['notification_batch.approve', 'notification_batch.create']);
});

test('the author of a batch cannot decide it; a decided batch is not decided again', async () => {
  const t = tag();
  const own = await approver.post('/api/v1/notifications/batches', notice(t, { user_ids: [zhUser.id] }));
  expectStatus(own, 201, 'an approver prepares a batch');
  expectError(await approver.post(`/api/v1/notifications/batches/${own.body.id}/approve`), 403, 'own_batch');
  expectError(await approver.post(`/api/v1/notifications/batches/${own.body.id}/reject`, { reason: 'x' }), 403, 'own_batch');
  // An officer is no approver.
  expectError(await officer.post(`/api/v1/notifications/batches/${own.body.id}/approve`), 403, 'forbidden');
  const still = await officer.get(`/api/v1/notifications/batches/${own.body.id}`);
  assert.equal(still.body.state, 'pending_review');
  assert.deepEqual(await inboxHas(zhUser.client, t), []);
  assert.deepEqual(await outboxOf(own.body.id), []);

  // Rejected with a reason: nothing sent, and it cannot be approved afterwards.
  const b = await officer.post('/api/v1/notifications/batches', notice(t, { user_ids: [zhUser.id, enUser.id] }));
  expectStatus(b, 201);
  expectError(await approver.post(`/api/v1/notifications/batches/${b.body.id}/reject`, {}), 422, 'validation_failed');
  const rejected = await approver.post(`/api/v1/notifications/batches/${b.body.id}/reject`, { reason: '内容有误 Wrong text' });
  expectStatus(rejected, 200);
  assert.equal(rejected.body.state, 'rejected');
  assert.equal(rejected.body.reason, '内容有误 Wrong text');
  assert.equal(rejected.body.sent_count, 0);
  expectError(await approver.post(`/api/v1/notifications/batches/${b.body.id}/approve`), 409, 'batch_decided');
  assert.deepEqual(await inboxHas(zhUser.client, t), []);
  assert.deepEqual(await inboxHas(enUser.client, t), []);
  assert.deepEqual(await outboxOf(b.body.id), []);
  expectError(await approver.post('/api/v1/notifications/batches/999999999/approve'), 404, 'not_found');
  expectError(await approver.get('/api/v1/notifications/batches/999999999'), 404, 'not_found');
  const listed = await officer.get('/api/v1/notifications/batches?state=rejected&page_size=100');
  expectStatus(listed, 200);
  assert.ok(listed.body.items.some((x) => x.id === b.body.id));
  expectError(await officer.get('/api/v1/notifications/batches?state=sent'), 400, 'invalid_query');
});

test('a batch that is not right is refused whole, naming the field, and nothing is created', async () => {
  const total = await batchesTotal();
  const t = tag();
  const cases = [
    [{ ...notice(t), key: 'notify.mail.footer', user_ids: [zhUser.id] }, 'enum', 'key'],
    [{ ...notice(t), args: { title: 'x' }, user_ids: [zhUser.id] }, 'required', 'args.text'],
    [{ ...notice(t), args: { ...notice(t).args, extra: 'x' }, user_ids: [zhUser.id] }, 'notify.unknown_argument', 'args.extra'],
    [{ ...notice(t), user_ids: [zhUser.id], organization_ids: [org.body.id] }, 'notify.one_recipient_kind', 'recipients'],
    [notice(t), 'notify.one_recipient_kind', 'recipients'],
    [{ ...notice(t), user_ids: [999999999] }, 'exists', 'user_ids[0]'],
    [{ ...notice(t), organization_ids: [999999999] }, 'exists', 'organization_ids[0]'],
    [{ ...notice(t), link: '//evil.example/x', user_ids: [zhUser.id] }, 'pattern', 'link'],
    [{ ...notice(t), link: 'https://evil.example/', user_ids: [zhUser.id] }, 'pattern', 'link'],
    [{ ...notice(t), user_ids: [] }, 'min_items', 'user_ids'],
  ];
  for (const [body, rule, field] of cases) {
    const r = await officer.post('/api/v1/notifications/batches', body);
    expectError(r, 422, 'validation_failed');
    findDetail(r, rule, field);
  }
  // A department without active users: no recipient.
  const empty = await admin.post('/api/v1/organizations', { kind: 'department', name_zh: `空部门${t}`, name_en: `Empty ${t}` });
  const r = await officer.post('/api/v1/notifications/batches', { ...notice(t), organization_ids: [empty.body.id] });
  expectError(r, 422, 'validation_failed');
  findDetail(r, 'notify.no_recipients', 'recipients');
  expectError(await zhUser.client.post('/api/v1/notifications/batches', { ...notice(t), user_ids: [zhUser.id] }), 403, 'forbidden');
  assert.equal(await batchesTotal(), total, 'no batch created');
});

test('the templates an office user may send, with their placeholders', async () => {
  const r = await officer.get('/api/v1/notifications/templates');
  expectStatus(r, 200);
  const n = r.body.items.find((x) => x.key === 'notify.announce.notice');
  assert.deepEqual(n.placeholders, ['text', 'title']);
  assert.match(n.texts.zh.subject, /\{title\}/);
  assert.ok(r.body.items.some((x) => x.key === 'notify.announce.maintenance'));
});

// ------------------------------------------------------------------ the inbox

test('the inbox: only one\'s own messages, read and unread, counts', async () => {
  const t = tag();
  const b = await officer.post('/api/v1/notifications/batches', notice(t, { user_ids: [zhUser.id, enUser.id] }));
  expectStatus(await approver.post(`/api/v1/notifications/batches/${b.body.id}/approve`), 200);
  const [mine] = await inboxHas(zhUser.client, t);
  const [theirs] = await inboxHas(enUser.client, t);
  assert.notEqual(mine.id, theirs.id);

  // Someone else's message is like none: 404, and it stays unread.
  expectError(await zhUser.client.post(`/api/v1/inbox/${theirs.id}/read`), 404, 'not_found');
  expectError(await zhUser.client.post('/api/v1/inbox/999999999/read'), 404, 'not_found');
  assert.equal((await inboxHas(enUser.client, t))[0].read_at, null);
  const all = await zhUser.client.get('/api/v1/inbox?page_size=100');
  assert.ok(!all.body.items.some((m) => m.id === theirs.id), 'the other user\'s message is not listed');

  const count = async () => (await zhUser.client.get('/api/v1/inbox/unread-count')).body.unread;
  const before = await count();
  assert.ok(before >= 1);
  expectStatus(await zhUser.client.post(`/api/v1/inbox/${mine.id}/read`), 204);
  expectStatus(await zhUser.client.post(`/api/v1/inbox/${mine.id}/read`), 204, 'again: no change');
  assert.equal(await count(), before - 1);
  const [read] = await inboxHas(zhUser.client, t);
  assert.ok(read.read_at);
  const unread = await zhUser.client.get('/api/v1/inbox?unread=true&page_size=100');
  expectStatus(unread, 200);
  assert.ok(!unread.body.items.some((m) => m.id === mine.id));
  assert.equal(unread.body.total, before - 1);
  expectError(await zhUser.client.get('/api/v1/inbox?unread=maybe'), 400, 'invalid_query');

  const marked = await enUser.client.post('/api/v1/inbox/read-all');
  expectStatus(marked, 200);
  assert.ok(marked.body.marked >= 1);
  assert.equal((await enUser.client.get('/api/v1/inbox/unread-count')).body.unread, 0);
  assert.equal((await enUser.client.post('/api/v1/inbox/read-all')).body.marked, 0);
  // The other user's messages were not touched.
  assert.equal(await count(), before - 1);
});

test('a switch of language changes the language the inbox is read in', async () => {
  const t = tag();
  const b = await officer.post('/api/v1/notifications/batches', notice(t, { user_ids: [zhUser.id] }));
  expectStatus(await approver.post(`/api/v1/notifications/batches/${b.body.id}/approve`), 200);
  expectStatus(await zhUser.client.patch('/api/v1/me', { locale: 'en-US' }), 200);
  assert.equal((await inboxHas(zhUser.client, t))[0].subject, `Notice: 停水${t}`);
  expectStatus(await zhUser.client.patch('/api/v1/me', { locale: 'zh-CN' }), 200);
  assert.equal((await inboxHas(zhUser.client, t))[0].subject, `通知:停水${t}`);
});

// ------------------------------------------------------------------ failures and retries

test('a refused address: the outbox keeps the server\'s answer, and a retry sends it', async () => {
  const t = tag();
  refuse([enUser.email]);
  try {
    const b = await officer.post('/api/v1/notifications/batches', notice(t, { user_ids: [enUser.id, zhUser.id] }));
    expectStatus(await approver.post(`/api/v1/notifications/batches/${b.body.id}/approve`), 200);
    const failed = await eventually(async () => {
      const rows = await outboxOf(b.body.id);
      const f = rows.find((r) => r.to === enUser.email);
      assert.equal(f?.state, 'failed', JSON.stringify(rows));
      assert.equal(rows.find((r) => r.to === zhUser.email)?.state, 'sent', 'the other address is unaffected');
      return f;
    }, 15000);
    assert.equal(failed.attempts, 1);
    assert.match(failed.last_error, /^550 5\.1\.1 .*rejected by the test sink/);
    // Retried after a minute (the back-off), not at once.
    const wait = Date.parse(failed.next_attempt_at) - Date.now();
    assert.ok(wait > 40000 && wait <= 61000, `next attempt in ${wait} ms`);
    const listed = await admin.get('/api/v1/outbox?state=failed&page_size=100');
    assert.ok(listed.body.items.some((r) => r.id === failed.id));
    expectError(await admin.get('/api/v1/outbox?state=lost'), 400, 'invalid_query');
    // The inbox has it whatever the mail did.
    assert.equal((await inboxHas(enUser.client, t)).length, 1);

    refuse([]);
    const retried = await admin.post(`/api/v1/outbox/${failed.id}/retry`);
    expectStatus(retried, 200, 'the admin retries');
    assert.equal(retried.body.state, 'queued');
    assert.equal(retried.body.attempts, 0);
    await mailTo(enUser.email, t);
    const sent = await eventually(async () => {
      const r = (await outboxOf(b.body.id)).find((x) => x.id === failed.id);
      assert.equal(r.state, 'sent');
      return r;
    }, 15000);
    assert.equal(sent.last_error, '');
    expectError(await admin.post(`/api/v1/outbox/${failed.id}/retry`), 409, 'not_failed');
    expectError(await admin.post('/api/v1/outbox/999999999/retry'), 404, 'not_found');
    const audit = await auditor.get(`/api/v1/audit?action=outbox.retry&object_id=${failed.id}`);
    assert.equal(audit.body.items.length, 1, show(audit));
  } finally {
    refuse([]);
  }
});

test('the server log holds no message text and no address', async () => {
  const log = process.env.WAISHI_SERVER_LOG;
  if (!log) return;
  const text = fs.readFileSync(log, 'utf8');
  assert.ok(/mailer: outbox \d+ sent/.test(text), 'the mailer logs what it did');
  assert.ok(/mailer: outbox \d+ failed \(SMTP 550\)/.test(text), 'and the code of a refusal');
  assert.ok(!text.includes('No water tomorrow'), 'no message text');
  assert.ok(!text.includes(zhUser.email) && !text.includes(enUser.email), 'no address');
});
