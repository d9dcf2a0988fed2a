// Attachments: checked by content (PDF/JPEG/PNG), ≤ 10 MB, stored in the database.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  act, as, createCase, expectError, expectStatus, findDetail, history, rawRequest, show, tag, tinyPdf, tinyPng, validTrip,
} from './lib/client.mjs';

const ent = await as('ent.normal');
const other = await as('ent.other');
const officer = await as('officer');
const c = await createCase(ent, validTrip({ purpose: `附件测试 ${tag()}` }));

function upload(client, id, filename, bytes, contentType, opts = {}) {
  return client.post(`/api/v1/cases/${id}/attachments?filename=${encodeURIComponent(filename)}`, bytes,
    { ...opts, headers: { 'Content-Type': contentType, ...(opts.headers || {}) } });
}

async function listAttachments(client = ent) {
  const r = await client.get(`/api/v1/cases/${c.id}/attachments`);
  expectStatus(r, 200);
  return r.body.items;
}

test('a small real PDF is stored (201) and downloads byte for byte', async () => {
  const pdf = tinyPdf('Invitation letter');
  assert.equal(pdf.subarray(0, 8).toString('latin1'), '%PDF-1.4');
  const r = await upload(ent, c.id, '邀请函 plan.pdf', pdf, 'application/pdf');
  expectStatus(r, 201);
  const a = r.body;
  assert.equal(typeof a.id, 'number');
  assert.equal(a.filename, '邀请函 plan.pdf');
  assert.equal(a.content_type, 'application/pdf');
  assert.equal(a.size, pdf.length);
  assert.match(a.uploaded_at, /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/);
  assert.ok(a.uploaded_by, 'uploaded_by');

  const d = await ent.get(`/api/v1/attachments/${a.id}`, { raw: true });
  expectStatus(d, 200);
  assert.match(d.headers.get('content-type') || '', /^application\/pdf/);
  assert.ok(Buffer.compare(d.bytes, pdf) === 0, `downloaded ${d.bytes.length} bytes differ from the ${pdf.length} uploaded`);
  assert.equal(d.headers.get('x-content-type-options'), 'nosniff');

  expectError(await other.get(`/api/v1/attachments/${a.id}`), 404);

  const items = await listAttachments();
  assert.ok(items.some((x) => x.id === a.id && x.size === pdf.length), JSON.stringify(items));
  const h = await history(ent, c.id);
  assert.ok(h.some((x) => x.kind === 'attachment'), 'the upload is in the history');
});

test('a PNG is accepted as a PNG whatever its declared type', async () => {
  const png = tinyPng();
  const r = await upload(ent, c.id, 'photo.png', png, 'application/octet-stream');
  expectStatus(r, 201);
  assert.equal(r.body.content_type, 'image/png');
  const d = await ent.get(`/api/v1/attachments/${r.body.id}`, { raw: true });
  assert.ok(Buffer.compare(d.bytes, png) === 0);
});

test('a PNG renamed .pdf is refused (415 unsupported_file) in both languages, nothing stored', async () => {
  const before = await listAttachments();
  const r = await upload(ent, c.id, 'scan.pdf', tinyPng(), 'application/pdf');
  expectError(r, 415, 'unsupported_file');
  findDetail(r, 'content_type', 'file');
  const text = await upload(ent, c.id, 'notes.pdf', Buffer.from('%PDX not really a pdf\n'), 'application/pdf');
  expectError(text, 415, 'unsupported_file');
  const html = await upload(ent, c.id, 'page.png', Buffer.from('<html><script>alert(1)</script></html>'), 'image/png');
  expectError(html, 415, 'unsupported_file');
  const empty = await upload(ent, c.id, 'empty.pdf', Buffer.alloc(0), 'application/pdf');
  expectError(empty, 415, 'unsupported_file');
  assert.equal((await listAttachments()).length, before.length, 'nothing stored');
});

test('an attachment over 10 MB is refused with 413, nothing stored', async () => {
  const before = await listAttachments();
  const big = Buffer.concat([tinyPdf(), Buffer.alloc(10 * 1024 * 1024 + 1024, 0x20)]);
  let r;
  try {
    r = await rawRequest(ent, 'POST', `/api/v1/cases/${c.id}/attachments?filename=big.pdf`, big,
      { 'Content-Type': 'application/pdf' });
  } catch (err) {
    assert.fail(`the server dropped the connection instead of answering 413: ${err.message}`);
  }
  expectError(r, 413);
  assert.equal((await listAttachments()).length, before.length, 'nothing stored');
});

test('uploads need the CSRF token, a filename and access to the case', async () => {
  const before = await listAttachments();
  expectError(await upload(ent, c.id, 'a.pdf', tinyPdf(), 'application/pdf', { csrf: false }), 403, 'csrf');
  expectError(await upload(other, c.id, 'a.pdf', tinyPdf(), 'application/pdf'), 404);
  const noName = await ent.post(`/api/v1/cases/${c.id}/attachments`, tinyPdf(), { headers: { 'Content-Type': 'application/pdf' } });
  expectError(noName, 422, 'validation_failed');
  findDetail(noName, 'required', 'filename');
  assert.equal((await listAttachments()).length, before.length, show({ status: 0, body: before }));
});

test('once submitted, the office reads the attachments; the upload list is the same for everyone', async () => {
  const s = await ent.post(`/api/v1/cases/${c.id}/transitions`, { action: 'submit' });
  expectStatus(s, 200, 'submit');
  const mine = await listAttachments(ent);
  const theirs = await listAttachments(officer);
  assert.deepEqual(theirs.map((x) => x.id), mine.map((x) => x.id));
  const pdf = mine.find((x) => x.content_type === 'application/pdf');
  const o = await officer.get(`/api/v1/attachments/${pdf.id}`, { raw: true });
  expectStatus(o, 200, 'the office reads it');
  assert.equal(o.bytes.length, pdf.size);
  expectError(await other.get(`/api/v1/attachments/${pdf.id}`), 404);
});

test('a closed case takes no attachment (409 case_closed), from anyone who takes part', async () => {
  const closed = await createCase(ent, validTrip({ purpose: `撤回附件 ${tag()}` }));
  await act(ent, closed.id, 'submit');
  await act(ent, closed.id, 'withdraw', { comment: '计划取消' });
  const before = (await history(ent, closed.id)).length;
  const r = await upload(ent, closed.id, 'late.pdf', tinyPdf('late'), 'application/pdf');
  expectError(r, 409, 'case_closed');
  assert.match(r.body.error.message_zh, /办结/);
  const list = await ent.get(`/api/v1/cases/${closed.id}/attachments`);
  assert.deepEqual(list.body.items, [], 'nothing stored');
  assert.equal((await history(ent, closed.id)).length, before, 'nothing recorded');
});
