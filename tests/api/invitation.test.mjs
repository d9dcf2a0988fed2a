// The invitation letter (issue 8): the applicant's form and its rules, the office's review,
// the issued letter as a signed PDF (text, embedded font, signature, QR code), the public
// verification, revocation, the notification — and every bad input refused with nothing written.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  act, addDays, as, Client, expectError, expectStatus, findDetail, getCase, history, show, tag, transitions,
} from './lib/client.mjs';
import { chinaToday, invitee, letter } from './lib/invitation.mjs';
import { pdfFonts, pdfSig, pdfText, qrCodes } from './lib/pdf.mjs';

const TYPE = 'invitation_letter';
const ent = await as('ent.normal');
const other = await as('ent.other');
const officer = await as('officer');
const approver = await as('approver');
const citizen = await as('citizen');

async function create(client, data, expected = 201) {
  const r = await client.post('/api/v1/cases', { type: TYPE, data });
  expectStatus(r, expected, `${client.name} creates an invitation`);
  return r.body;
}

async function issued(data = letter()) {
  const c = await create(ent, data);
  await act(ent, c.id, 'submit');
  await act(officer, c.id, 'issue');
  return getCase(ent, c.id);
}

async function download(client, id) {
  return client.get(`/api/v1/documents/${id}`, { raw: true });
}

test('an issued letter: numbered per year, a signed PDF with the invitees, its QR code opening the verification', async () => {
  const data = letter();
  const c = await create(ent, data);
  assert.match(c.number, /^YQ-\d{4}-\d{5}$/);
  assert.equal(c.state, 'draft');
  const s = await act(ent, c.id, 'submit');
  assert.equal(s.body.state, 'office_review');
  const i = await act(officer, c.id, 'issue');
  assert.equal(i.body.state, 'issued');

  const k = await getCase(ent, c.id);
  assert.equal(k.documents.length, 1, show({ status: 200, body: k.documents }));
  const doc = k.documents[0];
  assert.equal(doc.kind, 'invitation');
  assert.match(doc.number, /^甬外邀〔\d{4}〕\d{4}号$/);
  assert.equal(doc.number.slice(4, 8), chinaToday.slice(0, 4), 'numbered in the year of issue');
  assert.equal(doc.issued_on, chinaToday);
  assert.equal(doc.revoked, false);
  assert.match(doc.sha256, /^[0-9a-f]{64}$/);
  assert.equal(k.letter_number, doc.number);
  // The visa deadline is the planned arrival.
  const visa = k.deadlines?.visa;
  assert.ok(visa, `a visa deadline: ${JSON.stringify(k.deadlines)}`);
  assert.equal(visa.due_date, data.arrival_date);
  assert.equal(visa.running, true);

  const pdf = await download(ent, doc.id);
  expectStatus(pdf, 200, 'the applicant downloads the letter');
  assert.equal(pdf.headers.get('content-type'), 'application/pdf');
  assert.equal(pdf.headers.get('x-content-type-options'), 'nosniff');
  assert.match(pdf.headers.get('content-disposition') || '', /^attachment;/);
  const { createHash } = await import('node:crypto');
  assert.equal(createHash('sha256').update(pdf.bytes).digest('hex'), doc.sha256, 'the stored hash is of the served file');

  const text = pdfText(pdf.bytes).text.replace(/\s+/g, ' ');
  for (const p of data.invitees) assert.ok(text.includes(p.surname), `the PDF names ${p.surname}`);
  assert.ok(text.includes(doc.number), 'the PDF carries its number');
  assert.ok(text.includes('邀请函'), 'Chinese text');
  assert.ok(text.includes('Letter of Invitation'), 'English text');
  const { fonts } = pdfFonts(pdf.bytes);
  assert.ok(fonts.length > 0 && fonts.every((f) => f.embedded), `every font embedded: ${JSON.stringify(fonts)}`);
  assert.ok(fonts.some((f) => /CJK/i.test(f.name)), `a CJK font: ${JSON.stringify(fonts)}`);

  const sig = pdfSig(pdf.bytes);
  assert.equal(sig.valid, true, sig.raw);
  assert.equal(sig.unmodified, true, sig.raw);
  // One byte inside the first signed range (it runs from the file's start to the signature).
  const tampered = Buffer.from(pdf.bytes);
  const signedFrom = tampered.indexOf('/ByteRange');
  assert.ok(signedFrom > 2000, 'the signature dictionary comes after the page content');
  tampered[1000] ^= 0x01;
  const broken = pdfSig(tampered);
  assert.equal(broken.valid, false, `one changed byte is detected: ${broken.raw}`);

  const codes = qrCodes(pdf.bytes);
  const url = codes.find((u) => u.includes('/verify/invitation'));
  assert.ok(url, `a QR code to the verification: ${JSON.stringify(codes)}`);
  const q = new URL(url);
  assert.equal(q.searchParams.get('number'), doc.number);
  assert.equal(q.searchParams.get('date'), doc.issued_on);

  // The public register: found by number AND date, only its fields.
  const anyone = new Client();
  const v = await anyone.get(`/api/v1/verify/invitation?number=${encodeURIComponent(doc.number)}&date=${doc.issued_on}`);
  expectStatus(v, 200);
  assert.equal(v.body.number, doc.number);
  assert.equal(v.body.revoked, false);
  assert.equal(v.body.register.inviter, data.inviter.unit_name);
  assert.equal(v.body.register.invitees.length, 2);
  const body = JSON.stringify(v.body);
  for (const p of data.invitees) {
    assert.ok(!body.includes(p.passport_number), 'no whole passport number in the register');
    assert.ok(!body.includes(p.birth_date), 'no date of birth in the register');
  }
  assert.ok(!body.includes(data.inviter.phone), 'nothing of the case beyond the register');
});

test('the letter is the case\'s: another enterprise, a citizen and nobody get 404; the office reads it', async () => {
  const k = await issued();
  const id = k.documents[0].id;
  expectError(await download(other, id), 404);
  expectError(await download(citizen, id), 404);
  expectStatus(await download(officer, id), 200);
  const anon = await new Client().get(`/api/v1/documents/${id}`);
  expectStatus(anon, 401);
});

test('numbers follow each other within the year', async () => {
  const a = await issued();
  const b = await issued();
  const seq = (n) => Number(n.match(/〕(\d{4})号/)[1]);
  assert.equal(seq(b.documents[0].number), seq(a.documents[0].number) + 1);
});

test('revoked by the approver with a reason: the verification says so, the applicant is told', async () => {
  const k = await issued();
  const doc = k.documents[0];
  expectError(await act(officer, k.id, 'revoke', { comment: '访问取消' }, null), 403);
  expectError(await act(approver, k.id, 'revoke', {}, null), 422);
  const r = await act(approver, k.id, 'revoke', { comment: '邀请单位申请撤销:访问取消。' });
  assert.equal(r.body.state, 'revoked');
  const after = await getCase(ent, k.id);
  assert.equal(after.documents[0].revoked, true);
  const v = await new Client().get(`/api/v1/verify/invitation?number=${encodeURIComponent(doc.number)}&date=${doc.issued_on}`);
  expectStatus(v, 200);
  assert.equal(v.body.revoked, true);
  assert.equal(v.body.revoked_on, chinaToday);
  const inbox = await ent.get('/api/v1/inbox?page_size=50');
  expectStatus(inbox, 200);
  const texts = JSON.stringify(inbox.body.items);
  assert.ok(texts.includes(doc.number), `the applicant's inbox names the letter: ${texts.slice(0, 400)}`);
});

test('the rules at submission: dates, passport validity, duplicates, the MRZ — each naming its field, nothing moved', async () => {
  const cases = [
    [letter({ arrival_date: chinaToday, departure_date: addDays(chinaToday, 3) }), 'invitation.dates', 'arrival_date'],
    [letter({ departure_date: addDays(chinaToday, 30) }), 'invitation.dates', 'departure_date'],
    [letter({ invitees: [invitee({ passport_expiry: addDays(chinaToday, 60) })] }), 'invitation.passport_validity', 'invitees[0].passport_expiry'],
    [(() => { const p = invitee(); return letter({ invitees: [p, { ...p }] }); })(), 'invitation.duplicate_invitee', 'invitees[1].passport_number'],
    [letter({ invitees: [invitee({ mrz: 'P<FRADUBOIS<<CLAIRE\nnot a machine readable zone' })] }), 'invitation.mrz', 'invitees[0].mrz'],
    [(() => { const p = invitee(); return letter({ invitees: [{ ...p, birth_date: '1981-06-22' }] }); })(), 'invitation.mrz', 'invitees[0].mrz'],
    [letter({ entries: 'multiple', invitees: [invitee({ prior_entries_12m: 2 })] }), 'invitation.multiple_entry_history', 'invitees[0].prior_entries_12m'],
  ];
  for (const [data, rule, field] of cases) {
    const c = await create(ent, data);
    const r = await act(ent, c.id, 'submit', {}, null);
    expectError(r, 422);
    findDetail(r, rule, field);
    const after = await getCase(ent, c.id);
    assert.equal(after.state, 'draft', `${rule}: still a draft`);
    assert.equal(transitions(await history(ent, c.id)).length, 0, `${rule}: no transition recorded`);
  }
  // Four declared entries are enough for a multiple-entry letter; the inviter's USCC is a warning.
  const ok = await create(ent, letter({ entries: 'multiple', invitees: [invitee({ prior_entries_12m: 4 })] }));
  assert.equal((await act(ent, ok.id, 'submit')).body.state, 'office_review');
  const warn = await create(ent, letter({ inviter: { ...letter().inviter, uscc: '91330203MA2AH1X00K' } }));
  const w = await act(ent, warn.id, 'submit');
  assert.equal(w.body.state, 'office_review', 'a warning does not stop the submission');
  const checks = await ent.get(`/api/v1/cases/${warn.id}/checks`);
  expectStatus(checks, 200);
  assert.ok(JSON.stringify(checks.body).includes('invitation.inviter_uscc'), show(checks));
});

test('bad input is refused with the field named and nothing written', async () => {
  const count = async () => (await ent.get(`/api/v1/cases?type=${TYPE}&page_size=1`)).body.total;
  const before = await count();
  const refuse = async (data, rule, field) => {
    const r = await ent.post('/api/v1/cases', { type: TYPE, data });
    expectError(r, 422);
    findDetail(r, rule, new RegExp(`(^|\\.)${field.replace(/[[\]]/g, '\\$&')}$`));
  };
  await refuse(letter({ arrival_date: '2027-02-30' }), 'type', 'arrival_date');
  await refuse(letter({ invitees: [invitee({ birth_date: '1981-13-01' })] }), 'type', 'invitees[0].birth_date');
  await refuse(letter({ invitees: Array.from({ length: 101 }, () => invitee()) }), 'max_items', 'invitees');
  await refuse(letter({ visa_category: 'Q2' }), 'enum', 'visa_category');
  await refuse(letter({ colour: 'red' }), 'unknown_field', 'colour');
  assert.equal(await count(), before, 'no case created');
  // No invitee at all: a draft may be saved, but it cannot be submitted.
  const empty = await create(ent, letter({ invitees: [] }));
  const r = await act(ent, empty.id, 'submit', {}, null);
  expectError(r, 422);
  findDetail(r, 'min_items', 'invitees');
  assert.equal((await getCase(ent, empty.id)).state, 'draft');
});

test('the verification: a number without its date, a malformed date, a wrong date — refused', async () => {
  const k = await issued();
  const doc = k.documents[0];
  const anyone = new Client();
  const q = (s) => anyone.get(`/api/v1/verify/invitation?${s}`);
  findDetail(expectErrorOf(await q(`number=${encodeURIComponent(doc.number)}`), 400), 'required', 'date');
  findDetail(expectErrorOf(await q(`number=${encodeURIComponent(doc.number)}&date=02/12/2026`), 400), 'format', 'date');
  expectError(await q(`number=${encodeURIComponent(doc.number)}&date=${addDays(doc.issued_on, -1)}`), 404, 'not_found');
  expectError(await anyone.get(`/api/v1/verify/nothing?number=1&date=${doc.issued_on}`), 404);
});

function expectErrorOf(r, status) {
  expectError(r, status);
  return r;
}
