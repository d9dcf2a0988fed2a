// Official documents without a module that issues any: the public verification's refusals
// (400 naming the parameter, 404 for an unknown kind), its throttle per client address (429
// with Retry-After after the policy's limit, another address still answered), the policy
// "verification", and the download's 404 for an unknown document (recorded). The issued
// letter → download → pdfsig → verify 200 path is tested by the module that issues
// documents (tests/api/lib/pdf.mjs reads the PDFs).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Client, as, eventually, expectError, expectStatus, tinyPdf } from './lib/client.mjs';
import { pdfFonts, pdfSig, pdfText, qrCodes } from './lib/pdf.mjs';
import { from } from './lib/remote.mjs';

const POLICY = '/api/v1/policies/verification';
const DEFAULTS = { max_failures: 10, window_s: 3600, block_s: 86400 };
const security = await as('secadmin');

// Each test its own loopback address: the failures of one do not count against another.
const verify = (address, query, kind = 'nothing') => from(address, 'GET', `/api/v1/verify/${kind}${query}`);

test('verify: number and date are both required, the date a real YYYY-MM-DD (400 invalid_query naming it)', async () => {
  const address = '127.0.0.41';
  for (const [query, field, rule] of [
    ['', 'number', 'required'],
    ['?date=2026-12-02', 'number', 'required'],
    ['?number=&date=2026-12-02', 'number', 'required'],
    [`?number=${'9'.repeat(101)}&date=2026-12-02`, 'number', 'max_length'],
    ['?number=0001', 'date', 'required'],
    ['?number=0001&date=', 'date', 'required'],
    ['?number=0001&date=2026/12/02', 'date', 'format'],
    ['?number=0001&date=2026-02-30', 'date', 'format'],
    ['?number=0001&date=2026-12-2', 'date', 'format'],
  ]) {
    const r = await verify(address, query);
    const e = expectError(r, 400, 'invalid_query');
    assert.equal(e.details.length, 1, query);
    assert.equal(e.details[0].field, field, query);
    assert.equal(e.details[0].rule, rule, query);
  }
});

test('verify: a kind no module declared is 404 not_found, also with a well-formed query', async () => {
  const r = await verify('127.0.0.42', `?number=${encodeURIComponent('甬外邀〔2026〕0001号')}&date=2026-12-02`, 'invitation-of-nobody');
  expectError(r, 404, 'not_found');
  assert.equal(r.headers['retry-after'], undefined);
});

test('verify: more failures than the limit from one address → 429 with Retry-After; another address still answered', async () => {
  const address = '127.0.0.51';
  for (let i = 1; i <= DEFAULTS.max_failures + 1; i++) {
    // Misses of every kind count: an unknown kind or number (404) and a malformed query (400).
    const r = await verify(address, i % 2 ? `?number=${i}&date=2026-12-02` : `?number=${i}`);
    assert.equal(r.status, i % 2 ? 404 : 400, `attempt ${i}: ${r.text}`);
  }
  const refused = await verify(address, '?number=1&date=2026-12-02');
  const e = expectError(refused, 429, 'throttled');
  const wait = Number(refused.headers['retry-after']);
  assert.ok(wait > DEFAULTS.block_s - 120 && wait <= DEFAULTS.block_s, `Retry-After ${refused.headers['retry-after']}`);
  assert.match(e.message_zh, /北京时间/);
  assert.match(e.message, /try again after \d{4}-\d{2}-\d{2} \d{2}:\d{2} \(Beijing time\)/);
  // Refused before anything is looked at, a well-formed request too.
  expectError(await verify(address, ''), 429, 'throttled');
  // Another address is not refused.
  expectError(await verify('127.0.0.52', '?number=1&date=2026-12-02'), 404, 'not_found');
});

test('the policy "verification": read by office staff, changed by the security administrator only, validated, applied', async () => {
  const officer = await as('officer');
  const r = await officer.get(POLICY);
  expectStatus(r, 200);
  assert.deepEqual(r.body, DEFAULTS);
  expectError(await new Client().get(POLICY), 401);
  expectError(await officer.put(POLICY, { max_failures: 2 }), 403, 'forbidden');
  for (const [body, field] of [
    [{ max_failures: 0 }, 'max_failures'],
    [{ max_failures: 'ten' }, 'max_failures'],
    [{ window_s: 59 }, 'window_s'],
    [{ block_s: 31 * 86400 }, 'block_s'],
    [{ lock_s: 60 }, 'lock_s'],
  ]) {
    const bad = await security.put(POLICY, body);
    const err = expectError(bad, 422, 'validation_failed');
    assert.ok(err.details.some((d) => d.field === field), `${JSON.stringify(body)}: ${bad.text}`);
  }
  assert.deepEqual((await officer.get(POLICY)).body, DEFAULTS, 'nothing changed by the refusals');

  // A lower limit is applied at once: two misses allowed, the third refuses the address.
  const put = await security.put(POLICY, { max_failures: 2, block_s: 120 });
  expectStatus(put, 200);
  try {
    const address = '127.0.0.53';
    for (let i = 0; i < 3; i++) expectError(await verify(address, `?number=x${i}&date=2026-12-02`), 404, 'not_found');
    const refused = await verify(address, '?number=x&date=2026-12-02');
    expectError(refused, 429, 'throttled');
    assert.ok(Number(refused.headers['retry-after']) <= 120, refused.headers['retry-after']);
  } finally {
    expectStatus(await security.put(POLICY, DEFAULTS), 200);
  }
  assert.deepEqual((await officer.get(POLICY)).body, DEFAULTS);
  const auditor = await as('auditor');
  const audit = await auditor.get('/api/v1/audit?action=policy.update&page_size=20');
  assert.ok(audit.body.items.some((a) => a.object_id === 'verification'), 'the change is audited');
});

test('GET /documents/{id}: 401 without a session, 404 for an unknown id (recorded as a refused access)', async () => {
  expectError(await new Client().get('/api/v1/documents/999999999'), 401);
  const officer = await as('officer');
  expectError(await officer.get('/api/v1/documents/999999999'), 404, 'not_found');
  expectError(await officer.get('/api/v1/documents/abc'), 404, 'not_found');
  const auditor = await as('auditor');
  await eventually(async () => {
    const r = await auditor.get('/api/v1/audit?action=access.refused&page_size=100');
    assert.ok(r.body.items.some((e) => e.username === 'officer' && e.detail.path === '/api/v1/documents/999999999'
      && e.detail.status === 404), 'the refused read');
  });
});

test('a case lists its documents (none yet)', async () => {
  const ent = await as('ent.normal');
  const list = await ent.get('/api/v1/cases?page_size=1');
  expectStatus(list, 200);
  const id = list.body.items[0]?.id;
  assert.ok(id, 'the demo enterprise has a case');
  const c = await ent.get(`/api/v1/cases/${id}`);
  expectStatus(c, 200);
  assert.deepEqual(c.body.documents, []);
});

test('lib/pdf.mjs reads an unsigned PDF: its text, no signature, no QR code', () => {
  const pdf = tinyPdf('Waishi pdf helpers');
  assert.match(pdfText(pdf).text, /Waishi pdf helpers/);
  const sig = pdfSig(pdf);
  assert.equal(sig.valid, false);
  assert.equal(sig.unmodified, false);
  assert.ok(Array.isArray(pdfFonts(pdf).fonts));
  assert.deepEqual(qrCodes(pdf), []);
});
