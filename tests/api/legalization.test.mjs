// Apostille and consular legalization (issue 10, first slice): the route decided from the
// Convention's relation with each destination and explained, the destinations table kept by
// the admin with its history, and an application whose documents each move through their own
// states, gated by the route — every bad input refused with nothing written.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  act, addDays, as, Client, expectError, expectStatus, findDetail, getCase, history, tag,
} from './lib/client.mjs';
import { pdfFonts, pdfSig, pdfText, qrCodes } from './lib/pdf.mjs';
import { from } from './lib/remote.mjs';
import { createRequire } from 'node:module';

// exceljs is a devDependency of the web (web/package.json): resolve it from there.
const ExcelJS = createRequire(new URL('../../web/package.json', import.meta.url))('exceljs');

const TYPE = 'legalization';
const anonymous = new Client();
const citizen = await as('citizen');
const ent = await as('ent.normal');
const officer = await as('officer');
const admin = await as('admin');

function degree(over = {}) {
  return {
    kind: 'degree', holder: '李华', issued_by: '宁波大学', notarial_number: '(2026)浙甬海证字第 8812 号',
    pages: 2, copies: 1, ...over,
  };
}

async function create(client, destination, over = {}) {
  const r = await client.post('/api/v1/cases', {
    type: TYPE, data: { destination, purpose: `认证测试 ${tag()}`, urgent: false, phone: '13805741234', ...over },
  });
  expectStatus(r, 201, `${client.name} creates a legalization case`);
  return r.body;
}

async function addDocument(client, id, data = degree(), expected = 201) {
  const r = await client.post(`/api/v1/cases/${id}/subrecords`, { kind: 'document', data });
  expectStatus(r, expected, `${client.name} adds a document to case ${id}`);
  return r;
}

async function move(client, id, doc, action, expected = 200, comment = '') {
  const r = await client.post(`/api/v1/cases/${id}/subrecords/${doc}/transitions`, { action, comment });
  expectStatus(r, expected, `${client.name} ${action} document ${doc}`);
  return r;
}

// A submitted application with one document.
async function submitted(destination, client = citizen) {
  const c = await create(client, destination);
  const d = await addDocument(client, c.id);
  await act(client, c.id, 'submit');
  return { id: c.id, doc: d.body.id };
}

async function documentsOf(client, id) {
  const r = await client.get(`/api/v1/cases/${id}/subrecords`);
  expectStatus(r, 200);
  return r.body.items;
}

// ------------------------------------------------------------------ the route

test('the route: Germany takes an apostille, India consular legalization, Hong Kong an apostille — with the reason', async () => {
  const de = await anonymous.get('/api/v1/legalization/route?destination=DE');
  expectStatus(de, 200, 'anyone asks the route, signed in or not');
  assert.equal(de.body.route, 'apostille');
  assert.equal(de.body.reason.en, 'Germany: the Convention is in force between China and Germany since 2023-11-07 — apostille.');
  assert.match(de.body.reason.zh, /德国/);

  const india = await anonymous.get('/api/v1/legalization/route?destination=IN');
  expectStatus(india, 200);
  assert.equal(india.body.route, 'legalization');
  assert.equal(india.body.reason.en, 'India: the Convention is not in force between China and India — consular legalization.');
  assert.match(india.body.reason.zh, /印度/);

  const hk = await anonymous.get('/api/v1/legalization/route?destination=HK');
  expectStatus(hk, 200);
  assert.equal(hk.body.route, 'apostille');

  // Not a party at all.
  const ae = await anonymous.get('/api/v1/legalization/route?destination=AE');
  expectStatus(ae, 200);
  assert.equal(ae.body.route, 'legalization');
  assert.match(ae.body.reason.en, /not a party to the Apostille Convention/);
});

test('the route refuses a missing, unknown or unserved destination, naming the parameter', async () => {
  for (const [query, rule] of [['', 'required'], ['?destination=XX', 'enum'], ['?destination=de', 'enum'],
    ['?destination=CN', 'not_served'], ['?destination=TW', 'not_served']]) {
    const r = await anonymous.get(`/api/v1/legalization/route${query}`);
    expectError(r, 400, 'invalid_query');
    findDetail(r, rule, 'destination');
  }
});

// ------------------------------------------------------------------ the destinations table

test('the destinations table: every country, with the Convention date, the objection and the route', async () => {
  const r = await anonymous.get('/api/v1/legalization/destinations');
  expectStatus(r, 200);
  const by = Object.fromEntries(r.body.items.map((d) => [d.country, d]));
  assert.ok(r.body.items.length >= 249, `every ISO 3166-1 country: ${r.body.items.length}`);
  assert.equal(by.DE.party_since, '1966-02-13');
  assert.equal(by.DE.route, 'apostille');
  assert.equal(by.IN.objects_to_china, true);
  assert.equal(by.IN.route, 'legalization');
  assert.equal(by.AE.party_since, null);
  assert.equal(by.CN.served, false);
  assert.equal(by.CN.route, null);
  assert.deepEqual(by.DE.name, { zh: '德国', en: 'Germany' });
  // The post that legalizes documents for the destination (migration 0003), where one is on record.
  assert.deepEqual(by.IN.post, { zh: '印度驻上海总领事馆', en: 'Consulate General of India in Shanghai' });
  assert.equal(by.IN.objects_to_china, true, 'India kept its objection when it gained its post');
  assert.deepEqual(by.TH.post, { zh: '泰国驻上海总领事馆', en: 'Royal Thai Consulate-General in Shanghai' });
  assert.equal(by.TH.party_since, null, 'Thailand, given a row for its post, is still not a party');
  assert.equal(by.TH.route, 'legalization');
  assert.deepEqual(by.DE.post, { zh: '', en: '' }, 'an apostille country: no post');
  assert.deepEqual(by.VN.post, { zh: '', en: '' }, 'Viet Nam, a party since 2026-09-11: no post');
});

test('the admin changes a destination with a reason; the route follows and the history keeps before and after', async () => {
  const path = '/api/v1/legalization/destinations/TV';
  const before = (await anonymous.get('/api/v1/legalization/destinations')).body.items.find((d) => d.country === 'TV');
  assert.equal(before.party_since, null, 'Tuvalu is not a party in the seed');
  const reason = `测试:假设图瓦卢加入公约 ${tag()}`;
  const r = await admin.put(path, { party_since: '2020-01-01', objects_to_china: false, note_zh: '测试', note_en: 'test', reason });
  expectStatus(r, 200);
  assert.equal(r.body.party_since, '2020-01-01');
  assert.equal(r.body.route, 'apostille');
  assert.equal((await anonymous.get('/api/v1/legalization/route?destination=TV')).body.route, 'apostille');

  const h = await admin.get(`${path}/history`);
  expectStatus(h, 200);
  assert.equal(h.body.items[0].reason, reason);
  assert.equal(h.body.items[0].before.party_since, null);
  assert.equal(h.body.items[0].after.party_since, '2020-01-01');
  assert.equal(h.body.items[0].by, admin.user.display_name);

  // Back as it was (also a change with its reason).
  expectStatus(await admin.put(path, { party_since: null, objects_to_china: false, note_zh: '', note_en: '', reason: '恢复 restore' }), 200);
  assert.equal((await anonymous.get('/api/v1/legalization/route?destination=TV')).body.route, 'legalization');
});

test('changing a destination: only the admin, a real date, a reason, a known country — nothing written otherwise', async () => {
  const path = '/api/v1/legalization/destinations/TV';
  const body = { party_since: '2020-01-01', objects_to_china: false, reason: 'x' };
  expectError(await anonymous.put(path, body), 401);
  expectError(await officer.put(path, body), 403);
  expectError(await citizen.put(path, body), 403);
  expectError(await officer.get(`${path}/history`), 403);
  const badDate = await admin.put(path, { ...body, party_since: '2020-02-30' });
  expectError(badDate, 422, 'validation_failed');
  findDetail(badDate, 'type', 'party_since');
  // Each name of a post: both, with a space, fit in a batch's post (200).
  const longPost = await admin.put(path, { ...body, post_en: 'x'.repeat(100) });
  expectError(longPost, 422, 'validation_failed');
  findDetail(longPost, 'max_length', 'post_en');
  const noReason = await admin.put(path, { party_since: null, objects_to_china: false });
  expectError(noReason, 422, 'validation_failed');
  findDetail(noReason, 'required', 'reason');
  expectError(await admin.put('/api/v1/legalization/destinations/XX', body), 404);
  const after = (await anonymous.get('/api/v1/legalization/destinations')).body.items.find((d) => d.country === 'TV');
  assert.equal(after.party_since, null, 'nothing written');
  assert.deepEqual(after.post, { zh: '', en: '' }, 'nothing written');
});

// ------------------------------------------------------------------ an application

test('an apostille for Germany: checked, apostilled, ready (the applicant told where to collect), collected, completed', async () => {
  const c = await create(citizen, 'DE');
  assert.match(c.number, /^LG-\d{4}-\d{5}$/);
  assert.equal(c.route, 'apostille', 'the case shows its route');
  const d = await addDocument(citizen, c.id);
  assert.equal(d.body.state, 'received');
  const submitted = await act(citizen, c.id, 'submit');
  assert.equal(submitted.body.state, 'received');
  const k = await getCase(officer, c.id);
  assert.equal(k.documents_count, 1);
  const listed = await officer.get(`/api/v1/cases?type=legalization&q=${encodeURIComponent(c.number)}`);
  expectStatus(listed, 200);
  const row = listed.body.items.find((x) => x.id === c.id);
  assert.deepEqual(row.destinations, ['DE'], 'the list shows the country of use');
  assert.equal(row.documents_count, 1);
  assert.ok(k.deadlines.sla?.running, `the processing deadline runs: ${JSON.stringify(k.deadlines)}`);

  await move(officer, c.id, d.body.id, 'check');
  // Germany takes an apostille: the legalization chain is refused, with the reason.
  const wrong = await move(officer, c.id, d.body.id, 'authenticate', 422);
  expectError(wrong, 422, 'rules_failed');
  assert.match(findDetail(wrong, 'legalization.route_legalization', 'destination').message, /apostille/);
  // Not done yet: the case cannot be completed.
  const early = await act(officer, c.id, 'complete', {}, 422);
  findDetail(early, 'legalization.documents_done', 'documents');

  await move(officer, c.id, d.body.id, 'apostille');
  const ready = await move(officer, c.id, d.body.id, 'return');
  assert.equal(ready.body.state, 'returned');
  const inbox = await citizen.get('/api/v1/inbox?page_size=50');
  expectStatus(inbox, 200);
  const told = inbox.body.items.find((m) => m.body.includes(c.number));
  assert.ok(told, `the applicant is told: ${JSON.stringify(inbox.body.items.slice(0, 3))}`);
  assert.match(told.body, /宁波市民服务中心|Citizens' Service Centre/);
  assert.match(told.body, /学历学位证明|Degree or diploma/);

  await move(officer, c.id, d.body.id, 'collect');
  const done = await act(officer, c.id, 'complete');
  assert.equal(done.body.state, 'completed');
  const moves = (await history(citizen, c.id)).filter((e) => e.kind === 'subrecord').map((e) => e.action);
  assert.deepEqual(moves, ['add', 'check', 'apostille', 'return', 'collect']);
});

test('consular legalization for India: authenticated, sent to the embassy, legalized, ready; the apostille refused', async () => {
  const { id, doc } = await submitted('IN');
  await move(officer, id, doc, 'check');
  const wrong = await move(officer, id, doc, 'apostille', 422);
  assert.match(findDetail(wrong, 'legalization.route_apostille', 'destination').message,
    /not in force between China and India/);
  await move(officer, id, doc, 'authenticate');
  // To the embassy and back only with a batch: the moves on their own are refused.
  findDetail(await move(officer, id, doc, 'send', 422), 'legalization.sent_in_batch', 'batch');
  const batch = await officer.post('/api/v1/legalization/batches', { country: 'IN', post: POST_IN, documents: [doc] });
  expectStatus(batch, 201);
  expectStatus(await officer.post(`/api/v1/legalization/batches/${batch.body.id}/send`), 200);
  findDetail(await move(officer, id, doc, 'legalize', 422), 'legalization.result_legalized', 'batch');
  findDetail(await move(officer, id, doc, 'refuse', 422, '测试 test'), 'legalization.refuse_outside_batch', 'batch');
  expectStatus(await officer.post(`/api/v1/legalization/batches/${batch.body.id}/return`, {}), 200);
  await move(officer, id, doc, 'return');
  const [d] = await documentsOf(citizen, id);
  assert.equal(d.state, 'returned');
});

test('a document: its kind and numbers checked when added, added only to a draft, refused only with a reason', async () => {
  const c = await create(citizen, 'DE');
  const bad = await addDocument(citizen, c.id, degree({ pages: 0, kind: 'diary' }), 422);
  findDetail(bad, 'enum', 'kind');
  findDetail(bad, 'min', 'pages');
  assert.equal((await documentsOf(citizen, c.id)).length, 0, 'nothing written');
  // Without a document the application cannot be submitted.
  const empty = await act(citizen, c.id, 'submit', {}, 422);
  findDetail(empty, 'legalization.has_documents', 'documents');

  const d = await addDocument(citizen, c.id);
  await act(citizen, c.id, 'submit');
  const late = expectError(await addDocument(citizen, c.id, degree(), 409), 409, 'invalid_state');
  // The state named in each language's own words.
  assert.match(late.message_zh, /办理中/);
  assert.match(late.message, /In progress/);
  const noReason = await move(officer, c.id, d.body.id, 'refuse', 422);
  findDetail(noReason, 'required', 'comment');
  const refused = await move(officer, c.id, d.body.id, 'refuse', 200, '非公文书 not a public document');
  assert.equal(refused.body.state, 'refused');
  const inbox = await citizen.get('/api/v1/inbox?page_size=50');
  const told = inbox.body.items.find((m) => m.body.includes(c.number));
  assert.ok(told, 'the applicant is told of the refusal');
  assert.match(told.body, /not a public document/);
  // The applicant cannot move their own documents.
  const own = await create(citizen, 'DE');
  const od = await addDocument(citizen, own.id);
  await act(citizen, own.id, 'submit');
  expectError(await move(citizen, own.id, od.body.id, 'check', 403), 403, 'forbidden_action');
});

test('an application for China or Taiwan is refused at submission, naming the destination', async () => {
  const c = await create(citizen, 'CN');
  await addDocument(citizen, c.id);
  const r = await act(citizen, c.id, 'submit', {}, 422);
  findDetail(r, 'legalization.destination_served', 'destination');
  assert.equal((await getCase(citizen, c.id)).state, 'draft', 'nothing moved');
});

test("a citizen's application is nobody else's: another applicant and the desk before submission get 404", async () => {
  const c = await create(citizen, 'DE');
  const d = await addDocument(citizen, c.id);
  expectError(await ent.get(`/api/v1/cases/${c.id}`), 404);
  expectError(await ent.get(`/api/v1/cases/${c.id}/subrecords`), 404);
  // A draft is the applicant's own business, also for the desk.
  expectError(await officer.get(`/api/v1/cases/${c.id}`), 404);
  expectError(await move(officer, c.id, d.body.id, 'check', 404), 404);
  await act(citizen, c.id, 'submit');
  expectStatus(await officer.get(`/api/v1/cases/${c.id}`), 200);
  expectError(await ent.get(`/api/v1/cases/${c.id}`), 404);
});

// ------------------------------------------------------------------ the e-Apostille and the e-Register

// China's date (UTC+8) today, as the server numbers and dates its documents.
const chinaToday = new Date(Date.now() + 8 * 3600 * 1000).toISOString().slice(0, 10);

async function apostilled() {
  const { id, doc } = await submitted('DE');
  await move(officer, id, doc, 'check');
  await move(officer, id, doc, 'apostille');
  const k = await getCase(citizen, id);
  const apostille = k.documents.find((d) => d.kind === 'apostille');
  assert.ok(apostille, `the case lists its apostille: ${JSON.stringify(k.documents)}`);
  return { id, apostille };
}

test('the e-Apostille: numbered per year, a signed PDF with the ten fields in both languages, its QR code opening the e-Register', async () => {
  const { apostille } = await apostilled();
  assert.match(apostille.number, /^ZJNB\d{4}-\d{6}$/);
  assert.equal(apostille.number.slice(4, 8), chinaToday.slice(0, 4), 'numbered in the year of issue');
  assert.equal(apostille.issued_on, chinaToday);

  const pdf = await citizen.get(`/api/v1/documents/${apostille.id}`, { raw: true });
  expectStatus(pdf, 200, 'the applicant downloads the apostille');
  assert.equal(pdf.headers.get('content-type'), 'application/pdf');
  const text = pdfText(pdf.bytes).text.replace(/\s+/g, ' ');
  for (const words of ['APOSTILLE', 'Convention de La Haye du 5 octobre 1961', '中华人民共和国',
    "People's Republic of China", 'has been signed by', 'acting in the capacity of', 'bears the seal/stamp of',
    '宁波大学', '公证员', 'Notary', apostille.number]) {
    assert.ok(text.includes(words), `the apostille says "${words}": ${text.slice(0, 600)}`);
  }
  const { fonts } = pdfFonts(pdf.bytes);
  assert.ok(fonts.length > 0 && fonts.every((f) => f.embedded), `every font embedded: ${JSON.stringify(fonts)}`);
  const sig = pdfSig(pdf.bytes);
  assert.equal(sig.valid, true, sig.raw);
  assert.equal(sig.unmodified, true, sig.raw);

  const url = qrCodes(pdf.bytes).find((u) => u.includes('/verify/apostille'));
  assert.ok(url, 'a QR code to the e-Register');
  const q = new URL(url);
  assert.equal(q.searchParams.get('number'), apostille.number);
  assert.equal(q.searchParams.get('date'), apostille.issued_on);

  const v = await new Client().get(`/api/v1/verify/apostille?number=${encodeURIComponent(apostille.number)}&date=${apostille.issued_on}`);
  expectStatus(v, 200, 'anyone verifies it');
  assert.equal(v.body.number, apostille.number);
  assert.equal(v.body.revoked, false);
  assert.equal(v.body.register.seal_of, '宁波大学');
  assert.equal(v.body.register.capacity.en, 'Notary');
  assert.equal(v.body.register.by.en, "Foreign Affairs Office of Ningbo Municipal People's Government");
  const body = JSON.stringify(v.body);
  assert.ok(!body.includes('13805741234'), 'nothing of the application in the register');
  assert.ok(!body.includes('认证测试'), 'not the purpose either');
});

test('the e-Register: the number without its date, a wrong date — refused; too many misses from one address → 429', async () => {
  const { apostille } = await apostilled();
  const number = encodeURIComponent(apostille.number);
  const ask = (address, query) => from(address, 'GET', `/api/v1/verify/apostille${query}`);
  const noDate = await ask('127.0.0.81', `?number=${number}`);
  findDetail(noDate, 'required', 'date');
  expectError(noDate, 400, 'invalid_query');
  expectError(await ask('127.0.0.81', `?number=${number}&date=${addDays(apostille.issued_on, -1)}`), 404, 'not_found');
  // The verification policy's default: more than 10 misses, and the address is blocked.
  const address = '127.0.0.82';
  for (let i = 0; i <= 10; i++) {
    expectError(await ask(address, `?number=ZJNB2026-9999${String(i).padStart(2, '0')}&date=${apostille.issued_on}`), 404, 'not_found');
  }
  const blocked = await ask(address, `?number=${number}&date=${apostille.issued_on}`);
  expectError(blocked, 429, 'throttled');
  assert.ok(Number(blocked.headers['retry-after']) > 0, 'Retry-After');
  // Another address still gets its answer.
  expectStatus(await ask('127.0.0.83', `?number=${number}&date=${apostille.issued_on}`), 200);
});

// ------------------------------------------------------------------ batches to embassies

const POST_IN = '印度驻上海总领事馆 Consulate General of India in Shanghai';

// A document of a new application for `destination`, authenticated by the office.
async function authenticated(destination = 'IN') {
  const { id, doc } = await submitted(destination);
  await move(officer, id, doc, 'check');
  await move(officer, id, doc, 'authenticate');
  return { id, doc };
}

async function stateOf(id, doc) {
  return (await documentsOf(officer, id)).find((d) => d.id === doc).state;
}

async function batchCount() {
  const r = await officer.get('/api/v1/legalization/batches');
  expectStatus(r, 200);
  return r.body.items.length;
}

test('a batch to the embassy: sent all at once, returned all at once with the refused ones named', async () => {
  const a = await authenticated();
  const b = await authenticated();
  const created = await officer.post('/api/v1/legalization/batches', { country: 'IN', post: POST_IN, documents: [a.doc, b.doc] });
  expectStatus(created, 201, 'the desk builds a batch');
  assert.match(created.body.number, /^LB-\d{4}-\d{4}$/);
  assert.equal(created.body.state, 'open');
  assert.deepEqual(created.body.items.map((i) => i.document).sort(), [a.doc, b.doc].sort());

  const sent = await officer.post(`/api/v1/legalization/batches/${created.body.id}/send`);
  expectStatus(sent, 200);
  assert.equal(sent.body.state, 'sent');
  assert.ok(sent.body.sent_at);
  assert.equal(await stateOf(a.id, a.doc), 'sent_to_embassy');
  assert.equal(await stateOf(b.id, b.doc), 'sent_to_embassy');
  expectError(await officer.post(`/api/v1/legalization/batches/${created.body.id}/send`), 409, 'invalid_state');

  const back = await officer.post(`/api/v1/legalization/batches/${created.body.id}/return`,
    { refused: [{ document: b.doc, reason: '使馆要求补充材料 the embassy asks for more papers' }] });
  expectStatus(back, 200);
  assert.equal(back.body.state, 'returned');
  assert.equal(await stateOf(a.id, a.doc), 'legalized');
  assert.equal(await stateOf(b.id, b.doc), 'refused');
  const results = Object.fromEntries(back.body.items.map((i) => [i.document, i.result]));
  assert.deepEqual(results, { [a.doc]: 'legalized', [b.doc]: 'refused' });
  // The auditor reads the batch; the history of each case tells the move.
  expectStatus(await (await as('auditor')).get(`/api/v1/legalization/batches/${created.body.id}`), 200);
  const moves = (await history(citizen, a.id)).filter((e) => e.kind === 'subrecord').map((e) => e.action);
  assert.deepEqual(moves, ['add', 'check', 'authenticate', 'send', 'legalize']);
});

test('a batch refuses mixed consulates, documents not authenticated or already batched, an apostille country — nothing written', async () => {
  const before = await batchCount();
  const india = await authenticated('IN');
  const uae = await authenticated('AE');
  const mixed = await officer.post('/api/v1/legalization/batches', { country: 'IN', post: POST_IN, documents: [india.doc, uae.doc] });
  expectError(mixed, 422, 'validation_failed');
  findDetail(mixed, 'legalization.batch_consulate', 'documents[1]');

  const fresh = await submitted('IN');
  const early = await officer.post('/api/v1/legalization/batches', { country: 'IN', post: POST_IN, documents: [fresh.doc] });
  findDetail(early, 'legalization.batch_state', 'documents[0]');

  const de = await officer.post('/api/v1/legalization/batches', { country: 'DE', post: '德国驻上海总领事馆', documents: [india.doc] });
  findDetail(de, 'legalization.batch_route', 'country');
  const unknown = await officer.post('/api/v1/legalization/batches', { country: 'IN', post: POST_IN, documents: [999999999] });
  findDetail(unknown, 'legalization.batch_document', 'documents[0]');
  assert.equal(await batchCount(), before, 'no batch written');

  const ok = await officer.post('/api/v1/legalization/batches', { country: 'IN', post: POST_IN, documents: [india.doc] });
  expectStatus(ok, 201);
  const again = await officer.post('/api/v1/legalization/batches', { country: 'IN', post: POST_IN, documents: [india.doc] });
  findDetail(again, 'legalization.batch_taken', 'documents[0]');
  expectError(await citizen.post('/api/v1/legalization/batches', { country: 'IN', post: POST_IN, documents: [india.doc] }), 403);
  expectError(await (await as('auditor')).post(`/api/v1/legalization/batches/${ok.body.id}/send`), 403);
});

test('a batch without a post goes to the one on record for its destination; one named goes there instead', async () => {
  const a = await authenticated('IN');
  const r = await officer.post('/api/v1/legalization/batches', { country: 'IN', documents: [a.doc] });
  expectStatus(r, 201, 'the desk names no post');
  assert.equal(r.body.post, POST_IN, 'both names, as the dispatch list addresses it');
  expectStatus(await officer.post(`/api/v1/legalization/batches/${r.body.id}/cancel`), 200);

  // An exceptional routing: the post the desk names wins.
  const named = await officer.post('/api/v1/legalization/batches',
    { country: 'IN', post: '印度驻华大使馆 Embassy of India in Beijing', documents: [a.doc] });
  expectStatus(named, 201);
  assert.equal(named.body.post, '印度驻华大使馆 Embassy of India in Beijing');

  // The demo's batches name no post: they went to the ones on record.
  const demo = (await officer.get('/api/v1/legalization/batches')).body.items;
  assert.equal(demo.find((b) => b.country === 'AE')?.post,
    '阿拉伯联合酋长国驻上海总领事馆 Consulate General of the United Arab Emirates in Shanghai');
});

test('without a post, a destination with none on record is refused on `post` in both languages; nothing written', async () => {
  const qatar = await authenticated('QA');
  const before = await batchCount();
  const r = await officer.post('/api/v1/legalization/batches', { country: 'QA', documents: [qatar.doc] });
  expectError(r, 422, 'validation_failed');
  const d = findDetail(r, 'legalization.post_unknown', 'post');
  assert.equal(d.message, 'No embassy or consulate is on record for Qatar: name it, or ask the administrator to record it in the Convention table.');
  assert.match(d.message_zh, /卡塔尔/);
  assert.equal(r.body.error.details.length, 1, 'the document itself is fine');
  assert.equal(await batchCount(), before, 'no batch written');
  assert.equal(await stateOf(qatar.id, qatar.doc), 'authenticated');

  // Named by the desk, the batch goes.
  const named = await officer.post('/api/v1/legalization/batches',
    { country: 'QA', post: '卡塔尔驻华大使馆 Embassy of the State of Qatar in Beijing', documents: [qatar.doc] });
  expectStatus(named, 201);
  assert.equal(await batchCount(), before + 1);
});

test('the admin records a post with a reason: the history keeps it, and a batch without a post goes there', async () => {
  const path = '/api/v1/legalization/destinations/KW';
  const kuwait = await authenticated('KW');
  const refused = await officer.post('/api/v1/legalization/batches', { country: 'KW', documents: [kuwait.doc] });
  findDetail(refused, 'legalization.post_unknown', 'post');

  const reason = `科威特文书送其驻华大使馆认证 ${tag()}`;
  const r = await admin.put(path, {
    party_since: null, objects_to_china: false, post_zh: '科威特驻华大使馆', post_en: 'Embassy of Kuwait in Beijing', reason,
  });
  expectStatus(r, 200);
  assert.deepEqual(r.body.post, { zh: '科威特驻华大使馆', en: 'Embassy of Kuwait in Beijing' });
  assert.equal(r.body.route, 'legalization', 'still not a party');
  const h = (await admin.get(`${path}/history`)).body.items[0];
  assert.equal(h.reason, reason);
  assert.deepEqual([h.before.post_zh, h.before.post_en], ['', '']);
  assert.deepEqual([h.after.post_zh, h.after.post_en], ['科威特驻华大使馆', 'Embassy of Kuwait in Beijing']);

  const batch = await officer.post('/api/v1/legalization/batches', { country: 'KW', documents: [kuwait.doc] });
  expectStatus(batch, 201);
  assert.equal(batch.body.post, '科威特驻华大使馆 Embassy of Kuwait in Beijing');

  // A change that leaves the post out keeps it; one that empties it removes it.
  const kept = await admin.put(path, { party_since: null, objects_to_china: false, note_en: 'by the embassy', reason: 'note' });
  assert.deepEqual(kept.body.post, { zh: '科威特驻华大使馆', en: 'Embassy of Kuwait in Beijing' });
  const emptied = await admin.put(path, { party_since: null, objects_to_china: false, note_en: '', post_zh: '', post_en: '', reason: '恢复 restore' });
  expectStatus(emptied, 200);
  assert.deepEqual(emptied.body.post, { zh: '', en: '' });
});

test('a batch moves all its documents or none: one that cannot move leaves every other where it was', async () => {
  const a = await authenticated();
  const b = await authenticated();
  const batch = (await officer.post('/api/v1/legalization/batches', { country: 'IN', post: POST_IN, documents: [a.doc, b.doc] })).body;
  // In an open batch a document is not refused on its own.
  const alone = await move(officer, b.id, b.doc, 'refuse', 422, '申请人撤回该文书 withdrawn by the applicant');
  findDetail(alone, 'legalization.refuse_outside_batch', 'batch');
  // One application is rejected whole before the batch leaves: its document can't move.
  await act(officer, b.id, 'reject', { comment: '申请人撤回申请 withdrawn by the applicant' });
  const r = await officer.post(`/api/v1/legalization/batches/${batch.id}/send`);
  expectError(r, 409, 'case_closed');
  assert.equal(await stateOf(a.id, a.doc), 'authenticated', 'the other document did not move');
  const after = await officer.get(`/api/v1/legalization/batches/${batch.id}`);
  assert.equal(after.body.state, 'open', 'the batch did not move');
  assert.equal(after.body.sent_at, null);
  // Given up, the batch frees the other document for a batch of its own.
  const cancelled = await officer.post(`/api/v1/legalization/batches/${batch.id}/cancel`);
  expectStatus(cancelled, 200);
  assert.equal(cancelled.body.state, 'cancelled');
  expectError(await officer.post(`/api/v1/legalization/batches/${batch.id}/send`), 409, 'invalid_state');
  const again = await officer.post('/api/v1/legalization/batches', { country: 'IN', post: POST_IN, documents: [a.doc] });
  expectStatus(again, 201, 'the document is free again');
});

test('a return naming a document outside the batch is refused, and nothing moves', async () => {
  const a = await authenticated();
  const outside = await authenticated();
  const batch = (await officer.post('/api/v1/legalization/batches', { country: 'IN', post: POST_IN, documents: [a.doc] })).body;
  expectStatus(await officer.post(`/api/v1/legalization/batches/${batch.id}/send`), 200);
  const r = await officer.post(`/api/v1/legalization/batches/${batch.id}/return`,
    { refused: [{ document: outside.doc, reason: 'x' }] });
  expectError(r, 422, 'validation_failed');
  findDetail(r, 'legalization.batch_member', 'refused[0].document');
  assert.equal(await stateOf(a.id, a.doc), 'sent_to_embassy');
  expectError(await officer.get('/api/v1/legalization/batches/999999999'), 404);
});

test('the dispatch list: a PDF to print and a workbook, naming the post, each document and the count', async () => {
  const a = await authenticated();
  const b = await authenticated();
  // The post on record, in both languages.
  const batch = (await officer.post('/api/v1/legalization/batches', { country: 'IN', documents: [a.doc, b.doc] })).body;
  const pdf = await officer.get(`/api/v1/legalization/batches/${batch.id}/dispatch.pdf`, { raw: true });
  expectStatus(pdf, 200);
  assert.equal(pdf.headers.get('content-type'), 'application/pdf');
  const text = pdfText(pdf.bytes).text.replace(/\s+/g, ' ');
  for (const words of [batch.number, 'Consulate General of India in Shanghai', '印度驻上海总领事馆', '2 documents, 2 copies in all', 'India',
    ...batch.items.map((i) => i.case_number)]) {
    assert.ok(text.includes(words), `the dispatch list says "${words}": ${text.slice(0, 500)}`);
  }
  const xlsx = await officer.get(`/api/v1/legalization/batches/${batch.id}/dispatch.xlsx?lang=en`, { raw: true });
  expectStatus(xlsx, 200);
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(xlsx.bytes);
  const sheet = book.worksheets[0];
  assert.deepEqual(sheet.getRow(1).values.slice(1), ['No.', 'Application', 'Document', 'Concerning', 'Copies', 'Result']);
  assert.equal(sheet.rowCount, 3, 'a header and one row per document');
  assert.equal(sheet.getRow(2).getCell(3).value, 'Degree or diploma');
  assert.equal(sheet.getRow(2).getCell(4).value, '李华');
  expectError(await citizen.get(`/api/v1/legalization/batches/${batch.id}/dispatch.pdf`), 403);
  expectError(await officer.get('/api/v1/legalization/batches/999999999/dispatch.xlsx'), 404);
});

test("the fees: each document's route fee, its copies after the first and the urgent service; a refused document costs nothing", async () => {
  const c = await create(citizen, 'DE', { urgent: true });
  const one = await addDocument(citizen, c.id, degree({ copies: 1 }));
  await addDocument(citizen, c.id, degree({ kind: 'criminal_record', copies: 3 }));
  // The policy's defaults, in fen: apostille 50 yuan, each further copy 20, urgent 50.
  const policy = await officer.get('/api/v1/policies/legalization');
  expectStatus(policy, 200);
  const f = policy.body.fees;
  assert.deepEqual(f.apostille, { amount: 5000, currency: 'CNY' });
  const fee = (copies) => f.apostille.amount + (copies - 1) * f.extra_copy.amount + f.urgent.amount;
  const read = await getCase(citizen, c.id);
  assert.equal(read.route, 'apostille');
  assert.deepEqual(read.fees.documents.map((d) => d.amount), [fee(1), fee(3)]);
  assert.deepEqual(read.fees.total, { amount: fee(1) + fee(3), currency: 'CNY' });
  await act(citizen, c.id, 'submit');
  await move(officer, c.id, one.body.id, 'refuse', 200, '不是公文书 Not a public document');
  const after = await getCase(citizen, c.id);
  assert.deepEqual(after.fees.total, { amount: fee(3), currency: 'CNY' }, 'the refused document is not charged');
  // India: authentication, not apostille.
  const india = await create(citizen, 'IN');
  await addDocument(citizen, india.id, degree({ copies: 2 }));
  assert.deepEqual((await getCase(citizen, india.id)).fees.total,
    { amount: f.authentication.amount + f.extra_copy.amount, currency: 'CNY' });
});

test('the fee schedule is the security administrator\'s to change, in fen of yuan only', async () => {
  const security = await as('secadmin');
  const bad = await security.put('/api/v1/policies/legalization', {
    fees: { apostille: { amount: 5000, currency: 'USD' }, authentication: { amount: 5000, currency: 'CNY' },
      extra_copy: { amount: -1, currency: 'CNY' }, urgent: { amount: 5000, currency: 'CNY' } },
  });
  expectError(bad, 422);
  findDetail(bad, 'enum', 'fees.apostille.currency');
  findDetail(bad, 'range', 'fees.extra_copy.amount');
  expectStatus(await admin.put('/api/v1/policies/legalization', { fees: {} }), 403);
});
