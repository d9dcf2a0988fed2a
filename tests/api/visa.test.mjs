// The visa agency (PRODUCT.md §2.1.5, src/visa/): the public catalog of destinations and its
// admin-kept history, applications checked against their destination's checklist, the desk's
// return, acceptance (the fees taken then) and rejection, batches of passports to one
// consulate sent and returned whole or not at all, the applicant told to collect (inbox and
// e-mail), the passports not yet collected, the dispatch list, and who sees what.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import {
  PASSWORD, act, addDays, as, Client, expectError, expectStatus, findDetail, firstLogin, getCase, show, tag, tinyPdf,
} from './lib/client.mjs';
import { mailTo } from './lib/mail.mjs';
import { pdfText } from './lib/pdf.mjs';

// exceljs is a devDependency of the web (web/package.json): resolve it from there.
const ExcelJS = createRequire(new URL('../../web/package.json', import.meta.url))('exceljs');

const TYPE = 'visa_application';
const anonymous = new Client();
const citizen = await as('citizen');
const ent = await as('ent.normal');
const other = await as('ent.other');
const officer = await as('officer');
const auditor = await as('auditor');
const admin = await as('admin');

// China's date (UTC+8): the server's today for travel dates, dispatch dates and deadlines.
const chinaToday = new Date(Date.now() + 8 * 3600 * 1000).toISOString().slice(0, 10);

// The counter where passports are collected (the policy's default).
const COUNTER = { zh: '宁波市民服务中心外事服务窗口', en: "the Foreign Affairs window of the Ningbo Citizens' Service Centre" };

// ------------------------------------------------------------------ travellers

// A passport number of this run: E and eight digits, a new one each call.
let passports = 0;
const passportBase = String(Date.now() % 100000).padStart(5, '0');
function passportNumber() {
  passports += 1;
  return `E${passportBase}${String(passports).padStart(3, '0')}`;
}

// A Chinese name found by this test's search only: a surname and the tag's letters and digits
// written with one character each.
const NAME_CHARS = '甲乙丙丁戊己庚辛壬癸子丑寅卯辰巳午未申酉戌亥春夏秋冬梅兰竹菊松柏山水云风';
function uniqueName() {
  return '欧阳' + [...tag()].map((c) => NAME_CHARS[parseInt(c, 36)]).join('');
}

// Valid data: a trip 40 days ahead for a week, a passport valid for years with 20 blank pages.
// The citizen travels to Japan as a tourist herself; the enterprise sends staff on business.
function traveller(over = {}) {
  const depart = addDays(chinaToday, 40);
  return {
    country: 'JP', visa_kind: 'tourism', applicant_for: 'self',
    name_zh: '李华', surname: 'LI', given_names: 'HUA', sex: 'F', birth_date: '1996-04-18',
    passport_number: passportNumber(), passport_expiry: '2034-03-09', blank_pages: 20,
    depart_date: depart, return_date: addDays(depart, 6), phone: '13805741234', ...over,
  };
}

function staff(over = {}) {
  return traveller({
    visa_kind: 'business', applicant_for: 'staff', name_zh: '陈立新', surname: 'CHEN', given_names: 'LIXIN', sex: 'M',
    birth_date: '1985-06-30', phone: '0574-87901234', ...over,
  });
}

// ------------------------------------------------------------------ applications

async function create(client, data) {
  const r = await client.post('/api/v1/cases', { type: TYPE, data });
  expectStatus(r, 201, `${client.name} creates a visa application`);
  return r.body;
}

function upload(client, id, slot) {
  return client.post(`/api/v1/cases/${id}/attachments?filename=${slot}.pdf&kind=${slot}`, tinyPdf(slot),
    { headers: { 'Content-Type': 'application/pdf' } });
}

// The slots the catalog's checklist names for a destination and kind.
async function checklist(country, kind) {
  const r = await anonymous.get(`/api/v1/visa/catalog/${country}`);
  expectStatus(r, 200, `the catalog entry of ${country}`);
  const k = r.body.kinds.find((x) => x.kind === kind);
  assert.ok(k, `${country} offers ${kind}: ${show(r)}`);
  return k.documents.map((d) => d.slot);
}

async function attach(client, id, slots) {
  for (const slot of slots) expectStatus(await upload(client, id, slot), 201, `${client.name} attaches ${slot}`);
}

// A draft with its whole checklist attached.
async function complete(client, data) {
  const c = await create(client, data);
  await attach(client, c.id, await checklist(data.country, data.visa_kind));
  return c;
}

async function submitted(client = ent, data = staff()) {
  const c = await complete(client, data);
  await act(client, c.id, 'submit');
  return c;
}

async function accepted(client = ent, data = staff()) {
  const c = await submitted(client, data);
  await act(officer, c.id, 'accept');
  return c;
}

// The same data, changed: PATCH replaces a case's data whole.
async function edit(client, c, data) {
  const r = await client.patch(`/api/v1/cases/${c.id}`, { data });
  expectStatus(r, 200, `${client.name} edits case ${c.id}`);
  return r.body;
}

async function stateOf(id) {
  return (await getCase(officer, id)).state;
}

// Each detail of a refusal as "rule field", for a comparison with what is expected.
function details(r) {
  return (r.body?.error?.details ?? []).map((d) => `${d.rule} ${d.field}`);
}

// ------------------------------------------------------------------ batches

async function batch(cases, country = 'JP', dispatch = addDays(chinaToday, 1)) {
  const r = await officer.post('/api/v1/visa/batches', { country, dispatch_date: dispatch, cases: cases.map((c) => c.id) });
  expectStatus(r, 201, 'the desk makes a batch');
  return r.body;
}

async function send(b) {
  const r = await officer.post(`/api/v1/visa/batches/${b.id}/send`);
  expectStatus(r, 200, `the desk sends ${b.number}`);
  return r.body;
}

async function readBatch(id) {
  const r = await officer.get(`/api/v1/visa/batches/${id}`);
  expectStatus(r, 200);
  return r.body;
}

async function batchIds() {
  const r = await officer.get('/api/v1/visa/batches');
  expectStatus(r, 200);
  return r.body.items.map((b) => b.id);
}

// A visa as the consulate issued it: from three days on, for 90 days, one entry.
function issued(c, over = {}) {
  return {
    case_id: c.id, outcome: 'issued', valid_from: addDays(chinaToday, 3), valid_until: addDays(chinaToday, 92),
    entries: 'single', stay_days: 15, ...over,
  };
}

function refused(c, reason = '领馆决定不予签发 The consulate refused the visa') {
  return { case_id: c.id, outcome: 'refused', reason };
}

function results(b, list) {
  return officer.post(`/api/v1/visa/batches/${b.id}/results`, { results: list });
}

// ------------------------------------------------------------------ catalog entries

// A catalog entry as the body of PUT /visa/catalog/{country} (without its reason).
function putBody(d) {
  return {
    consulate_zh: d.consulate.zh, consulate_en: d.consulate.en, sole_agency: d.sole_agency,
    note_zh: d.note.zh, note_en: d.note.en,
    kinds: d.kinds.map((k) => ({
      kind: k.kind, entries: k.entries, visa_fee: k.visa_fee, agency_fee: k.agency_fee.amount,
      processing_days: k.processing_days, documents: k.documents.map((x) => x.slot),
    })),
  };
}

async function destination(country) {
  const r = await anonymous.get(`/api/v1/visa/catalog/${country}`);
  expectStatus(r, 200, `the catalog entry of ${country}`);
  return r.body;
}

async function catalogHistory(country) {
  const r = await admin.get(`/api/v1/visa/catalog/${country}/history`);
  expectStatus(r, 200, `the history of ${country}`);
  return r.body.items;
}

function kind(name, documents = ['passport', 'photo', 'application_form']) {
  return { kind: name, entries: 'single', visa_fee: { amount: 6000, currency: 'USD' }, agency_fee: 12000, processing_days: 7, documents };
}

// ------------------------------------------------------------------ search

// The ids of the visa applications a query finds for the caller.
async function search(client, q) {
  const r = await client.get(`/api/v1/cases?type=${TYPE}&q=${encodeURIComponent(q)}&page_size=100`);
  expectStatus(r, 200, `search ${q}`);
  return r.body.items.map((x) => x.id);
}

// ------------------------------------------------------------------ the catalog

test('the catalog is public: 92 and more destinations, Japan and Korea through the office only, each kind labelled with its checklist', async () => {
  const r = await anonymous.get('/api/v1/visa/catalog');
  expectStatus(r, 200, 'anyone reads the catalog, signed in or not');
  const by = Object.fromEntries(r.body.items.map((d) => [d.country, d]));
  assert.ok(r.body.items.length >= 92, `destinations: ${r.body.items.length}`);
  assert.equal(by.JP.sole_agency, true);
  assert.equal(by.KR.sole_agency, true);
  assert.equal(by.DE.sole_agency, false);
  assert.equal(by.CN, undefined, 'China is no destination');
  assert.deepEqual(by.JP.name, { zh: '日本', en: 'Japan' });
  assert.deepEqual(by.JP.consulate, { zh: '日本驻上海总领事馆', en: 'Consulate General of Japan in Shanghai' });
  for (const d of r.body.items) {
    assert.ok(d.kinds.length > 0, `${d.country} offers a kind`);
    for (const k of d.kinds) {
      assert.ok(k.label.zh && k.label.en, `${d.country} ${k.kind}: a label in both languages`);
      assert.ok(k.documents.some((x) => x.slot === 'passport'), `${d.country} ${k.kind}: the passport is on the checklist`);
      for (const doc of k.documents) assert.ok(doc.label.zh && doc.label.en, `${d.country} ${k.kind} ${doc.slot}: labelled`);
    }
  }
});

test("one destination: Germany's tourist visa is the Schengen fee, EUR 90, and asks for the passport and the insurance; others are 404", async () => {
  const de = await destination('DE');
  const tourism = de.kinds.find((k) => k.kind === 'tourism');
  assert.deepEqual(tourism.visa_fee, { amount: 9000, currency: 'EUR' });
  assert.deepEqual(tourism.label, { zh: '旅游', en: 'Tourism' });
  const slots = tourism.documents.map((x) => x.slot);
  assert.ok(slots.includes('passport') && slots.includes('insurance'), `the checklist: ${slots}`);
  assert.deepEqual(tourism.documents.find((x) => x.slot === 'insurance').label, { zh: '旅行医疗保险', en: 'Travel medical insurance' });
  expectError(await anonymous.get('/api/v1/visa/catalog/ZZ'), 404, 'not_found');
  expectError(await anonymous.get('/api/v1/visa/catalog/TH'), 404, 'not_found');
});

// ------------------------------------------------------------------ the admin keeps the catalog

test('the admin changes a destination with a reason: read back, and kept in its history with before, after, reason and who', async () => {
  const path = '/api/v1/visa/catalog/MN';
  const before = await destination('MN');
  const reason = `测试:蒙古国旅游签证费调整 fee change ${tag()}`;
  const changed = putBody(before);
  changed.note_zh = '测试说明';
  changed.note_en = 'a test note';
  changed.kinds[0] = { ...changed.kinds[0], visa_fee: { amount: 7700, currency: 'USD' }, processing_days: 9 };
  const r = await admin.put(path, { ...changed, reason });
  expectStatus(r, 200, 'the admin changes Mongolia');
  const after = await destination('MN');
  assert.deepEqual(after.note, { zh: '测试说明', en: 'a test note' });
  assert.deepEqual(after.kinds[0].visa_fee, { amount: 7700, currency: 'USD' });
  assert.equal(after.kinds[0].processing_days, 9);
  assert.ok(after.updated_at > before.updated_at, 'updated_at moves on');

  const [h] = await catalogHistory('MN');
  assert.equal(h.reason, reason);
  assert.equal(h.by, admin.user.display_name);
  assert.equal(h.before.note_en, before.note.en);
  assert.deepEqual(h.before.kinds[0].visa_fee, before.kinds[0].visa_fee);
  assert.equal(h.after.note_en, 'a test note');
  assert.deepEqual(h.after.kinds[0].visa_fee, { amount: 7700, currency: 'USD' });

  // Back as it was (also a change with its reason).
  expectStatus(await admin.put(path, { ...putBody(before), reason: '恢复 restore' }), 200);
  assert.deepEqual(putBody(await destination('MN')), putBody(before));
});

test('the admin adds a destination: its history starts with nothing before', async () => {
  expectError(await anonymous.get('/api/v1/visa/catalog/MV'), 404);
  expectError(await admin.get('/api/v1/visa/catalog/MV/history'), 404);
  const count = (await anonymous.get('/api/v1/visa/catalog')).body.items.length;
  const reason = `新增马尔代夫 Maldives added ${tag()}`;
  const r = await admin.put('/api/v1/visa/catalog/MV', {
    consulate_zh: '马尔代夫驻华大使馆', consulate_en: 'Embassy of Maldives in China', sole_agency: false,
    kinds: [kind('tourism'), kind('business', ['passport', 'photo', 'invitation'])], reason,
  });
  expectStatus(r, 200, 'the admin adds the Maldives');
  assert.deepEqual(r.body.name, { zh: '马尔代夫', en: 'Maldives' });
  const mv = await destination('MV');
  assert.deepEqual(mv.kinds.map((k) => k.kind), ['tourism', 'business']);
  assert.deepEqual(mv.kinds[1].documents.map((d) => d.label.en), ['Passport and its data page', 'Recent passport photo', 'Letter of invitation']);
  assert.equal((await anonymous.get('/api/v1/visa/catalog')).body.items.length, count + 1);
  const history = await catalogHistory('MV');
  assert.equal(history.length, 1);
  assert.equal(history[0].before, null);
  assert.equal(history[0].after.consulate_en, 'Embassy of Maldives in China');
  assert.equal(history[0].reason, reason);
});

test('a change is refused whole, naming the field: a kind twice, no passport, an unknown document, China, no reason — nothing written', async () => {
  const path = '/api/v1/visa/catalog/MN';
  const before = await destination('MN');
  const historyBefore = await catalogHistory('MN');
  const body = { ...putBody(before), reason: '测试 test' };
  const refusals = [
    [{ ...body, kinds: [kind('tourism'), kind('tourism')] }, 'unique', 'kinds[1].kind'],
    [{ ...body, kinds: [kind('tourism', ['photo', 'application_form'])] }, 'visa.passport_slot', 'kinds[0].documents'],
    [{ ...body, kinds: [kind('tourism', ['passport', 'selfie'])] }, 'enum', 'kinds[0].documents[1]'],
    [{ ...body, reason: undefined }, 'required', 'reason'],
    [{ ...body, reason: '' }, 'required', 'reason'],
  ];
  for (const [b, rule, field] of refusals) {
    const r = await admin.put(path, b);
    expectError(r, 422, 'validation_failed');
    findDetail(r, rule, field);
  }
  const china = await admin.put('/api/v1/visa/catalog/CN', body);
  expectError(china, 422, 'validation_failed');
  findDetail(china, 'visa.destination', 'country');
  expectError(await admin.put('/api/v1/visa/catalog/XX', body), 404, 'not_found');
  assert.deepEqual(await destination('MN'), before, 'nothing written');
  assert.deepEqual(await catalogHistory('MN'), historyBefore, 'no history written');
  expectError(await anonymous.get('/api/v1/visa/catalog/CN'), 404);
});

test('only the admin changes the catalog or reads its history: officer and citizen 403, anonymous 401', async () => {
  const path = '/api/v1/visa/catalog/MN';
  const before = await destination('MN');
  const historyBefore = await catalogHistory('MN');
  const body = { ...putBody(before), note_en: 'not the admin', reason: 'x' };
  expectError(await officer.put(path, body), 403, 'forbidden');
  expectError(await citizen.put(path, body), 403, 'forbidden');
  expectError(await anonymous.put(path, body), 401, 'unauthenticated');
  expectError(await officer.get(`${path}/history`), 403, 'forbidden');
  expectError(await anonymous.get(`${path}/history`), 401, 'unauthenticated');
  assert.deepEqual(await destination('MN'), before, 'nothing written');
  assert.deepEqual(await catalogHistory('MN'), historyBefore);
});

test('a checklist naming a document twice is refused, nothing written', async () => {
  const r = await admin.put('/api/v1/visa/catalog/MY', {
    consulate_zh: '马来西亚驻上海总领事馆', consulate_en: 'Consulate General of Malaysia in Shanghai', sole_agency: false,
    kinds: [kind('tourism', ['passport', 'passport', 'photo'])], reason: '测试 test',
  });
  expectError(r, 422, 'validation_failed');
  findDetail(r, 'unique_items', 'kinds[0].documents[1]');
  expectError(await anonymous.get('/api/v1/visa/catalog/MY'), 404, 'not_found');
});

// Mainland residents go to Hong Kong, Macao and Taiwan on exit-entry permits, not visas.
test('Taiwan, Hong Kong and Macao are no visa destinations, like the rest of China', async () => {
  for (const code of ['TW', 'HK', 'MO', 'CN']) {
    const r = await admin.put(`/api/v1/visa/catalog/${code}`, {
      consulate_zh: '测试', consulate_en: 'Test post', sole_agency: false, kinds: [kind('tourism')], reason: '测试 test',
    });
    expectError(r, 422, 'validation_failed');
    findDetail(r, 'visa.destination', 'country');
    expectError(await anonymous.get(`/api/v1/visa/catalog/${code}`), 404, 'not_found');
  }
});

test('the fees an application pays are those of the day the desk accepted it, whatever the catalog says later', async () => {
  const before = await destination('PE');
  const fee = before.kinds.find((k) => k.kind === 'tourism').visa_fee;
  const c = await accepted(citizen, traveller({ country: 'PE' }));
  assert.deepEqual((await getCase(citizen, c.id)).visa.visa_fee, fee);
  const changed = putBody(before);
  changed.kinds = changed.kinds.map((k) => (k.kind === 'tourism' ? { ...k, visa_fee: { amount: fee.amount + 1000, currency: fee.currency } } : k));
  expectStatus(await admin.put('/api/v1/visa/catalog/PE', { ...changed, reason: `秘鲁签证费上调 fee raised ${tag()}` }), 200);
  try {
    const k = await getCase(citizen, c.id);
    assert.equal(k.visa.fees_recorded, true);
    assert.deepEqual(k.visa.visa_fee, fee, 'the fee taken on acceptance');
    const draft = await create(citizen, traveller({ country: 'PE' }));
    assert.equal(draft.visa.fees_recorded, false);
    assert.deepEqual(draft.visa.visa_fee, { amount: fee.amount + 1000, currency: fee.currency }, "a new application: today's fee");
  } finally {
    expectStatus(await admin.put('/api/v1/visa/catalog/PE', { ...putBody(before), reason: '恢复 restore' }), 200);
  }
});

// ------------------------------------------------------------------ an application and its rules

test('a citizen applies for a Japanese tourist visa: not submitted until every document of the checklist is attached, each missing one named', async () => {
  const c = await create(citizen, traveller());
  assert.match(c.number, /^VS-\d{4}-\d{5}$/);
  assert.equal(c.state, 'draft');
  assert.deepEqual(c.visa.consulate, { zh: '日本驻上海总领事馆', en: 'Consulate General of Japan in Shanghai' });
  assert.equal(c.visa.sole_agency, true);
  const slots = await checklist('JP', 'tourism');
  assert.ok(slots.length >= 4, `the checklist: ${slots}`);

  const none = await act(citizen, c.id, 'submit', {}, 422);
  expectError(none, 422, 'rules_failed');
  assert.deepEqual(details(none), slots.map((s) => `visa.documents_complete documents.${s}`));
  assert.match(findDetail(none, 'visa.documents_complete', 'documents.passport').message, /Passport and its data page/);

  const half = slots.slice(0, 2);
  await attach(citizen, c.id, half);
  const some = await act(citizen, c.id, 'submit', {}, 422);
  assert.deepEqual(details(some), slots.slice(2).map((s) => `visa.documents_complete documents.${s}`));
  assert.equal((await getCase(citizen, c.id)).state, 'draft', 'still a draft');

  // An attachment names a slot of the case type.
  const unknown = await upload(citizen, c.id, 'selfie');
  expectError(unknown, 422, 'validation_failed');
  findDetail(unknown, 'enum', 'kind');

  await attach(citizen, c.id, slots.slice(2));
  const ok = await act(citizen, c.id, 'submit');
  assert.equal(ok.body.state, 'submitted');
});

test('submission refuses a destination outside the catalog and a kind the destination does not offer, naming the field; the case stays a draft', async () => {
  const th = await create(citizen, traveller({ country: 'TH' }));
  const r = await act(citizen, th.id, 'submit', {}, 422);
  expectError(r, 422, 'rules_failed');
  assert.deepEqual(details(r), ['visa.destination_offered country']);
  assert.match(findDetail(r, 'visa.destination_offered', 'country').message_zh, /泰国/);
  assert.equal((await getCase(citizen, th.id)).state, 'draft');

  const de = await destination('DE');
  assert.ok(!de.kinds.some((k) => k.kind === 'work'), 'Germany issues no work visa through the office');
  const work = await create(citizen, traveller({ country: 'DE', visa_kind: 'work' }));
  const w = await act(citizen, work.id, 'submit', {}, 422);
  assert.deepEqual(details(w), ['visa.kind_offered visa_kind']);
  assert.equal((await getCase(citizen, work.id)).state, 'draft');
});

test('submission refuses a departure in the past, a return before the departure, a passport expiring within six months of the return and a passport with one blank page', async () => {
  const good = traveller();
  const c = await complete(citizen, good);
  const refusals = [
    [{ depart_date: addDays(chinaToday, -3), return_date: addDays(chinaToday, 3) }, 'visa.travel_dates depart_date'],
    [{ return_date: addDays(good.depart_date, -5) }, 'visa.travel_dates return_date'],
    [{ passport_expiry: addDays(good.return_date, 120) }, 'visa.passport_validity passport_expiry'],
    [{ blank_pages: 1 }, 'visa.blank_pages blank_pages'],
  ];
  for (const [change, detail] of refusals) {
    await edit(citizen, c, { ...good, ...change });
    const r = await act(citizen, c.id, 'submit', {}, 422);
    expectError(r, 422, 'rules_failed');
    assert.deepEqual(details(r), [detail], JSON.stringify(change));
    assert.equal((await getCase(citizen, c.id)).state, 'draft', `still a draft after ${detail}`);
  }
  await edit(citizen, c, { ...good, blank_pages: 2 });
  expectStatus(await act(citizen, c.id, 'submit'), 200, 'two blank pages are enough');
});

// ------------------------------------------------------------------ the desk

test('the desk returns an application with a comment; the applicant is told, corrects it and submits again', async () => {
  const data = traveller();
  const c = await submitted(citizen, data);
  const bare = await act(officer, c.id, 'return', {}, 422);
  expectError(bare, 422, 'rules_failed');
  findDetail(bare, 'required', 'comment');
  assert.equal(await stateOf(c.id), 'submitted');

  const reason = `银行流水须盖章 The bank statement needs the bank's stamp ${tag()}`;
  const back = await act(officer, c.id, 'return', { comment: reason });
  assert.equal(back.body.state, 'returned');
  const inbox = await citizen.get('/api/v1/inbox?page_size=100');
  expectStatus(inbox, 200);
  const told = inbox.body.items.find((m) => m.key === 'visa.notify.returned' && m.body.includes(c.number));
  assert.ok(told, `the applicant is told: ${JSON.stringify(inbox.body.items.slice(0, 2))}`);
  assert.ok(told.body.includes(reason), told.body);
  assert.equal(told.link, `/cases/${c.id}`);

  const fixed = await edit(citizen, c, { ...data, phone: '13900001111' });
  assert.equal(fixed.data.phone, '13900001111');
  const again = await act(citizen, c.id, 'submit');
  assert.equal(again.body.state, 'submitted');
});

test("acceptance records the catalog's fees; before it the case shows them, not yet recorded", async () => {
  const jp = (await destination('JP')).kinds.find((k) => k.kind === 'business');
  const c = await submitted();
  const before = await getCase(officer, c.id);
  assert.deepEqual(before.visa.visa_fee, jp.visa_fee);
  assert.deepEqual(before.visa.agency_fee, jp.agency_fee);
  assert.equal(before.visa.fees_recorded, false);
  assert.equal(before.visa.processing_days, jp.processing_days);

  const ok = await act(officer, c.id, 'accept');
  assert.equal(ok.body.state, 'accepted');
  const after = await getCase(ent, c.id);
  assert.equal(after.visa.fees_recorded, true);
  assert.deepEqual(after.visa.visa_fee, jp.visa_fee);
  assert.deepEqual(after.visa.agency_fee, jp.agency_fee);
  assert.equal(after.visa.batch, null, 'in no batch yet');
});

test('the desk rejects an application only with a comment', async () => {
  const c = await submitted();
  const bare = await act(officer, c.id, 'reject', {}, 422);
  expectError(bare, 422, 'rules_failed');
  findDetail(bare, 'required', 'comment');
  assert.equal(await stateOf(c.id), 'submitted');
  const r = await act(officer, c.id, 'reject', { comment: '持有效签证,无需申请 The traveller holds a valid visa' });
  assert.equal(r.body.state, 'rejected');
});

// ------------------------------------------------------------------ batches to the consulate

test('a batch of accepted applications to one consulate: made (201), sent — every application lodged — and not sent twice', async () => {
  const a = await accepted();
  const b = await accepted(citizen, traveller());
  const made = await batch([a, b]);
  assert.match(made.number, /^VB-\d{4}-\d{4}$/);
  assert.equal(made.state, 'open');
  assert.equal(made.country, 'JP');
  assert.deepEqual(made.consulate, { zh: '日本驻上海总领事馆', en: 'Consulate General of Japan in Shanghai' });
  assert.equal(made.passports, 2);
  assert.deepEqual(made.items.map((i) => i.case_id).sort(), [a.id, b.id].sort());
  assert.deepEqual((await getCase(ent, a.id)).visa.batch,
    { id: made.id, number: made.number, state: 'open', dispatch_date: made.dispatch_date }, 'the case names its batch');

  const sent = await send(made);
  assert.equal(sent.state, 'sent');
  assert.ok(sent.sent_at);
  assert.equal((await getCase(citizen, b.id)).visa.batch.state, 'sent', 'the applicant follows the batch');
  assert.deepEqual(sent.items.map((i) => i.state), ['at_consulate', 'at_consulate']);
  assert.equal(await stateOf(a.id), 'at_consulate');
  assert.equal(await stateOf(b.id), 'at_consulate');
  expectError(await officer.post(`/api/v1/visa/batches/${made.id}/send`), 409, 'invalid_state');
});

test('an application goes to the consulate only in a batch: lodged on its own it is refused', async () => {
  const c = await accepted();
  const r = await act(officer, c.id, 'lodge', {}, 422);
  expectError(r, 422, 'rules_failed');
  findDetail(r, 'visa.in_batch', 'batch');
  assert.equal(await stateOf(c.id), 'accepted');
});

test('a batch refuses mixed consulates, applications not accepted, already batched or unknown, a past date, a country outside the catalog — nothing written', async () => {
  const before = await batchIds();
  const jp = await accepted();
  const de = await accepted(ent, staff({ country: 'DE' }));
  const early = await submitted();
  const d1 = addDays(chinaToday, 1);
  const refusals = [
    [{ country: 'JP', dispatch_date: d1, cases: [jp.id, de.id] }, 'visa.batch_consulate', 'cases[1]'],
    [{ country: 'JP', dispatch_date: d1, cases: [early.id] }, 'visa.batch_state', 'cases[0]'],
    [{ country: 'JP', dispatch_date: d1, cases: [999999999] }, 'visa.batch_case', 'cases[0]'],
    [{ country: 'JP', dispatch_date: addDays(chinaToday, -2), cases: [jp.id] }, 'visa.batch_date', 'dispatch_date'],
    [{ country: 'TH', dispatch_date: d1, cases: [jp.id] }, 'visa.destination', 'country'],
  ];
  for (const [body, rule, field] of refusals) {
    const r = await officer.post('/api/v1/visa/batches', body);
    expectError(r, 422, 'validation_failed');
    const d = findDetail(r, rule, field);
    if (rule === 'visa.batch_consulate') assert.match(d.message, /a batch goes to one consulate/);
  }
  assert.deepEqual(await batchIds(), before, 'no batch written');
  assert.equal(await stateOf(jp.id), 'accepted');

  const taken = await batch([jp]);
  const again = await officer.post('/api/v1/visa/batches', { country: 'JP', dispatch_date: d1, cases: [jp.id] });
  expectError(again, 422, 'validation_failed');
  assert.match(findDetail(again, 'visa.batch_taken', 'cases[0]').message, new RegExp(taken.number));
  assert.deepEqual((await batchIds()).filter((id) => !before.includes(id)), [taken.id], 'only the first batch written');
});

test('a batch naming one application twice is refused (422), naming the repetition', async () => {
  const before = await batchIds();
  const c = await accepted();
  const r = await officer.post('/api/v1/visa/batches', { country: 'JP', dispatch_date: addDays(chinaToday, 1), cases: [c.id, c.id] });
  expectError(r, 422, 'validation_failed');
  findDetail(r, 'unique_items', 'cases[1]');
  assert.deepEqual(await batchIds(), before, 'no batch written');
});

test('a batch is sent whole or not at all: when the consulate stops one kind of visa, neither application is lodged', async () => {
  // Uruguay: nothing else in this file applies there.
  const before = await destination('UY');
  const a = await accepted(ent, staff({ country: 'UY', visa_kind: 'tourism' }));
  const b = await accepted(ent, staff({ country: 'UY', visa_kind: before.kinds.find((k) => k.kind !== 'tourism').kind }));
  const made = await batch([a, b], 'UY');
  // In an open batch, an application is not lodged by itself.
  const alone = await act(officer, b.id, 'lodge', {}, 422);
  findDetail(alone, 'visa.in_batch', 'batch');
  // The consulate no longer takes tourist visas through the office.
  const body = putBody(before);
  body.kinds = body.kinds.filter((k) => k.kind !== 'tourism');
  expectStatus(await admin.put('/api/v1/visa/catalog/UY', { ...body, reason: '领馆暂停受理 the consulate stopped' }), 200);
  try {
    const r = await officer.post(`/api/v1/visa/batches/${made.id}/send`);
    expectError(r, 422);
    findDetail(r, 'visa.kind_offered', 'visa_kind');
    assert.equal(await stateOf(a.id), 'accepted', 'neither application moved');
    assert.equal(await stateOf(b.id), 'accepted', 'neither application moved');
    const after = await readBatch(made.id);
    assert.equal(after.state, 'open', 'the batch did not move');
    assert.equal(after.sent_at, null);
  } finally {
    expectStatus(await admin.put('/api/v1/visa/catalog/UY', { ...putBody(before), reason: '恢复 restored' }), 200);
  }
  // Given up, the batch frees its applications for another.
  const cancelled = await officer.post(`/api/v1/visa/batches/${made.id}/cancel`);
  expectStatus(cancelled, 200);
  assert.equal(cancelled.body.state, 'cancelled');
  expectError(await officer.post(`/api/v1/visa/batches/${made.id}/cancel`), 409, 'invalid_state');
  expectError(await officer.post(`/api/v1/visa/batches/${made.id}/send`), 409, 'invalid_state');
  assert.equal((await getCase(officer, a.id)).visa.batch, null, 'a cancelled batch is no longer the case\'s');
  const again = await send(await batch([a, b], 'UY'));
  assert.deepEqual(again.items.map((i) => i.state), ['at_consulate', 'at_consulate']);
  assert.equal((await getCase(officer, a.id)).visa.batch.id, again.id, 'the new batch is');
});

test("a consulate's result is recorded on the batch only: the case's own issue or refuse is refused", async () => {
  const a = await accepted();
  const made = await send(await batch([a]));
  const issue = await act(officer, a.id, 'issue', {
    data: { visa_valid_from: addDays(chinaToday, 3), visa_valid_until: addDays(chinaToday, 92), visa_entries: 'single' },
  }, 422);
  findDetail(issue, 'visa.result_issued', 'batch');
  const refuse = await act(officer, a.id, 'refuse', { comment: '测试 test' }, 422);
  findDetail(refuse, 'visa.result_refused', 'batch');
  assert.equal(await stateOf(a.id), 'at_consulate');
  expectStatus(await results(made, [issued(a)]), 200, 'the batch records it');
  assert.equal(await stateOf(a.id), 'issued');
});

// ------------------------------------------------------------------ results

test('results come back in parts: the batch partly returned, then returned; each visa issued with its validity, or refused', async () => {
  const [a, b, c] = [await accepted(), await accepted(), await accepted()];
  const made = await send(await batch([a, b, c]));
  const first = await results(made, [issued(a, { visa_number: 'J12345678' })]);
  expectStatus(first, 200, 'the first passport back');
  assert.equal(first.body.state, 'partly_returned');
  assert.equal(first.body.returned_at, null);
  const k = await getCase(ent, a.id);
  assert.equal(k.state, 'issued');
  assert.equal(k.data.visa_valid_from, addDays(chinaToday, 3));
  assert.equal(k.data.visa_valid_until, addDays(chinaToday, 92));
  assert.equal(k.data.visa_entries, 'single');
  assert.equal(k.data.visa_stay_days, 15);
  assert.equal(k.data.visa_number, 'J12345678');

  const rest = await results(made, [refused(b, '材料存疑 doubtful papers'), issued(c, { entries: 'multiple', stay_days: undefined })]);
  expectStatus(rest, 200, 'the rest back');
  assert.equal(rest.body.state, 'returned');
  assert.ok(rest.body.returned_at);
  const result = Object.fromEntries(rest.body.items.map((i) => [i.case_id, [i.state, i.result]]));
  assert.deepEqual(result, { [a.id]: ['issued', 'issued'], [b.id]: ['refused', 'refused'], [c.id]: ['issued', 'issued'] });
  assert.equal((await getCase(ent, c.id)).data.visa_entries, 'multiple');
  expectError(await results(made, [refused(b)]), 409, 'invalid_state');
});

test('results are refused whole, naming the result: not in the batch, recorded twice, no validity, no reason, a validity ending before it begins — nothing moves', async () => {
  const [a, b, outside] = [await accepted(), await accepted(), await accepted()];
  const made = await send(await batch([a, b]));
  const refusals = [
    [[issued(outside)], 'visa.batch_member', 'results[0].case_id'],
    [[issued(a), issued(a)], 'visa.result_recorded', 'results[1].case_id'],
    [[issued(a, { valid_until: undefined })], 'required', 'results[0].valid_until'],
    [[{ case_id: a.id, outcome: 'refused' }], 'required', 'results[0].reason'],
  ];
  for (const [list, rule, field] of refusals) {
    const r = await results(made, list);
    expectError(r, 422, 'validation_failed');
    findDetail(r, rule, field);
  }
  // The validity runs backwards: one good result and one bad one, and neither is recorded.
  const reversed = await results(made, [issued(a), issued(b, { valid_from: addDays(chinaToday, 30), valid_until: addDays(chinaToday, 10) })]);
  expectStatus(reversed, 422);
  findDetail(reversed, 'visa.validity_order', 'results[1].visa_valid_until');
  const still = await readBatch(made.id);
  assert.equal(still.state, 'sent');
  assert.deepEqual(still.items.map((i) => [i.state, i.result]), [['at_consulate', null], ['at_consulate', null]]);
  assert.equal(await stateOf(outside.id), 'accepted');

  // A result already recorded is not recorded again.
  expectStatus(await results(made, [issued(a)]), 200);
  const twice = await results(made, [issued(a)]);
  expectError(twice, 422, 'validation_failed');
  findDetail(twice, 'visa.result_recorded', 'results[0].case_id');
  assert.equal((await readBatch(made.id)).state, 'partly_returned');
});

test('results are for a batch at the consulate: an open batch answers 409', async () => {
  const a = await accepted();
  const made = await batch([a]);
  expectError(await results(made, [issued(a)]), 409, 'invalid_state');
  assert.equal(await stateOf(a.id), 'accepted');
  assert.equal((await readBatch(made.id)).state, 'open');
});

// ------------------------------------------------------------------ collection

test('the applicant is told to collect the passport, in the inbox and by e-mail, with the counter and the date 30 days ahead', async () => {
  const c = await accepted(citizen, traveller());
  const d = await accepted(citizen, traveller({ name_zh: '李国强', surname: 'LI', given_names: 'GUOQIANG', applicant_for: 'family', relationship: '父亲' }));
  const made = await send(await batch([c, d]));
  const reason = `领馆拒签 refused by the consulate ${tag()}`;
  expectStatus(await results(made, [issued(c), refused(d, reason)]), 200);
  const due = addDays(chinaToday, 30);

  const inbox = await citizen.get('/api/v1/inbox?page_size=100');
  expectStatus(inbox, 200);
  const told = inbox.body.items.find((m) => m.key === 'visa.notify.issued' && m.body.includes(c.number));
  assert.ok(told, `the applicant is told: ${JSON.stringify(inbox.body.items.slice(0, 2))}`);
  assert.ok(told.texts.zh.subject.includes(c.number));
  for (const words of [COUNTER.zh, due, addDays(chinaToday, 92), '日本']) assert.ok(told.texts.zh.body.includes(words), `"${words}": ${told.texts.zh.body}`);
  for (const words of [COUNTER.en, due, 'Japan']) assert.ok(told.texts.en.body.includes(words), `"${words}": ${told.texts.en.body}`);
  const no = inbox.body.items.find((m) => m.key === 'visa.notify.refused' && m.body.includes(d.number));
  assert.ok(no, 'the refusal is told too');
  assert.ok(no.texts.en.body.includes(reason) && no.texts.en.body.includes(due), no.texts.en.body);

  const mail = await mailTo(citizen.user.email, c.number);
  assert.ok(mail.subject.includes(c.number), `the subject: ${mail.subject}`);
  for (const words of [COUNTER.zh, COUNTER.en, due]) assert.ok(mail.body.includes(words), `the mail says "${words}": ${mail.body}`);
  assert.ok(mail.body.includes(`/cases/${c.id}`), 'with the link to the case');
});

test('the passports back and not collected: issued and refused ones with their due date; a collected one leaves the list', async () => {
  const [a, b] = [await accepted(), await accepted()];
  const made = await send(await batch([a, b]));
  expectStatus(await results(made, [issued(a), refused(b)]), 200);
  const list = async () => {
    const r = await officer.get('/api/v1/visa/uncollected');
    expectStatus(r, 200);
    return Object.fromEntries(r.body.items.map((i) => [i.case_id, i]));
  };
  const before = await list();
  assert.equal(before[a.id]?.state, 'issued', JSON.stringify(before[a.id]));
  assert.equal(before[a.id].case_number, a.number);
  assert.equal(before[a.id].due_date, addDays(chinaToday, 30));
  assert.equal(before[a.id].overdue, false);
  assert.equal(before[a.id].passport_number, a.data.passport_number);
  assert.equal(before[a.id].name_zh, '陈立新');
  assert.deepEqual([before[a.id].surname, before[a.id].given_names], ['CHEN', 'LIXIN'], 'the name as in the passport');
  assert.deepEqual(before[a.id].visa, {
    number: null, valid_from: addDays(chinaToday, 3), valid_until: addDays(chinaToday, 92), entries: 'single', stay_days: 15,
  });
  assert.equal(before[b.id]?.state, 'refused');
  assert.equal(before[b.id].visa, null, 'a refused application has no visa');
  assert.ok(Object.values(before).every((i) => i.due_date >= chinaToday || i.overdue), 'overdue when the date has passed');

  const collected = await act(officer, a.id, 'collect');
  assert.equal(collected.body.state, 'collected');
  const after = await list();
  assert.equal(after[a.id], undefined, 'collected: off the list');
  assert.ok(after[b.id], 'the other passport still waits');
  expectError(await citizen.get('/api/v1/visa/uncollected'), 403);
});

// ------------------------------------------------------------------ the dispatch list

test('the dispatch list: a PDF naming the consulate and every passport, a workbook with one row per passport', async () => {
  const a = await accepted();
  const b = await accepted(citizen, traveller());
  const made = await batch([a, b]);
  const pdf = await officer.get(`/api/v1/visa/batches/${made.id}/dispatch.pdf`, { raw: true });
  expectStatus(pdf, 200);
  assert.equal(pdf.headers.get('content-type'), 'application/pdf');
  assert.match(pdf.headers.get('content-disposition'), new RegExp(`dispatch-${made.number}\\.pdf`));
  const text = pdfText(pdf.bytes).text.replace(/\s+/g, ' ');
  for (const words of [made.number, 'Consulate General of Japan in Shanghai', '日本驻上海总领事馆', '2 passports in all',
    a.data.passport_number, b.data.passport_number, a.number, b.number]) {
    assert.ok(text.includes(words), `the dispatch list says "${words}": ${text.slice(0, 600)}`);
  }

  const xlsx = await officer.get(`/api/v1/visa/batches/${made.id}/dispatch.xlsx?lang=en`, { raw: true });
  expectStatus(xlsx, 200);
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(xlsx.bytes);
  const sheet = book.worksheets[0];
  assert.deepEqual(sheet.getRow(1).values.slice(1), ['No.', 'Application', 'Name', 'Name in the passport', 'Passport number', 'Kind of visa', 'Result']);
  assert.equal(sheet.rowCount, 3, 'a header and one row per passport');
  const rows = [2, 3].map((n) => sheet.getRow(n).values.slice(1));
  assert.deepEqual(rows.map((r) => r[4]).sort(), [a.data.passport_number, b.data.passport_number].sort());
  const row = rows.find((r) => r[4] === b.data.passport_number);
  assert.deepEqual(row.slice(1, 6), [b.number, '李华', 'LI HUA', b.data.passport_number, 'Tourism']);

  expectError(await citizen.get(`/api/v1/visa/batches/${made.id}/dispatch.pdf`), 403);
  expectError(await officer.get('/api/v1/visa/batches/999999999/dispatch.xlsx'), 404);
});

test('the demo batches to Japan: VB-0001 returned with its results, VB-0002 at the consulate', async () => {
  const r = await auditor.get('/api/v1/visa/batches');
  expectStatus(r, 200, 'the auditor reads the batches');
  // The demo's are the first two (numbered in the year they were made, days ago).
  const [returned, sent] = [...r.body.items].sort((x, y) => x.id - y.id);
  assert.match(returned.number, /^VB-\d{4}-0001$/);
  assert.match(sent.number, /^VB-\d{4}-0002$/);
  assert.equal(returned.state, 'returned', JSON.stringify(returned));
  assert.equal(returned.country, 'JP');
  assert.equal(returned.passports, 3);
  assert.equal(sent.state, 'sent', JSON.stringify(sent));
  assert.equal(sent.country, 'JP');
  assert.equal(sent.passports, 2);
  const items = (await readBatch(returned.id)).items;
  assert.deepEqual(items.map((i) => i.result).sort(), ['issued', 'issued', 'refused']);
  const pdf = await auditor.get(`/api/v1/visa/batches/${sent.id}/dispatch.pdf`, { raw: true });
  expectStatus(pdf, 200, 'the auditor reads a dispatch list');
  const text = pdfText(pdf.bytes).text.replace(/\s+/g, ' ');
  for (const i of (await readBatch(sent.id)).items) assert.ok(text.includes(i.passport_number), `${i.passport_number}: ${text.slice(0, 400)}`);
});

// ------------------------------------------------------------------ who sees what

test("an enterprise's applications are its users': a colleague reads and lists a draft another made and may submit it; no other enterprise nor a citizen sees it", async () => {
  const colleague = await as('ent.normal.admin');
  const draft = await create(ent, staff());
  const read = await colleague.get(`/api/v1/cases/${draft.id}`);
  expectStatus(read, 200, 'the colleague reads the draft');
  assert.equal(read.body.applicant.id, ent.user.id, 'still the applicant\'s');
  const listed = await colleague.get('/api/v1/cases?type=visa_application&page_size=100');
  assert.ok(listed.body.items.some((c) => c.id === draft.id), 'in the colleague\'s list');
  assert.ok(read.body.allowed_actions.includes('submit'), show(read));
  expectError(await other.get(`/api/v1/cases/${draft.id}`), 404);
  expectError(await citizen.get(`/api/v1/cases/${draft.id}`), 404);
  assert.ok(!(await other.get('/api/v1/cases?type=visa_application&page_size=100')).body.items.some((c) => c.id === draft.id));
  // A citizen's application is nobody else's, even in the citizens' shared organization.
  const own = await create(citizen, traveller());
  expectError(await colleague.get(`/api/v1/cases/${own.id}`), 404);
});

test('?country= finds the applications for a destination, as it finds trips (the core\'s filter on each type\'s destinations)', async () => {
  const korea = await submitted(ent, staff({ country: 'KR' }));
  const listed = async (q) => (await officer.get(`/api/v1/cases?type=visa_application&page_size=100&sort=-updated&${q}`)).body.items;
  const toKorea = await listed('country=KR');
  assert.ok(toKorea.some((c) => c.id === korea.id), 'listed for KR');
  assert.ok(toKorea.every((c) => c.country === 'KR'), 'only KR');
  assert.ok(!(await listed('country=JP')).some((c) => c.id === korea.id), 'not for JP');
  // Every type answers it: the unfiltered list by country holds this application too.
  const any = (await officer.get('/api/v1/cases?country=KR&page_size=100&sort=-updated')).body.items;
  assert.ok(any.some((c) => c.id === korea.id));
  expectError(await officer.get('/api/v1/cases?type=visa_application&country=Korea'), 400, 'invalid_query');
});

test("an application is its owner's: another citizen or enterprise gets 404, and the desk sees no draft", async () => {
  const mine = await submitted(citizen, traveller());
  const theirs = await submitted(ent, staff());
  expectError(await other.get(`/api/v1/cases/${mine.id}`), 404);
  expectError(await ent.get(`/api/v1/cases/${mine.id}`), 404);
  expectError(await citizen.get(`/api/v1/cases/${theirs.id}`), 404);
  expectError(await citizen.get(`/api/v1/cases/${theirs.id}/attachments`), 404);
  expectError(await other.get(`/api/v1/cases/${theirs.id}`), 404);
  expectError(await act(other, theirs.id, 'withdraw', {}, 404), 404);
  expectStatus(await officer.get(`/api/v1/cases/${theirs.id}`), 200, 'the desk reads a submitted application');
  const draft = await create(citizen, traveller());
  expectError(await officer.get(`/api/v1/cases/${draft.id}`), 404);
});

test('batches are the visa desk\'s: the citizen and an officer of no visa desk 403, the auditor reads but neither makes nor sends, anonymous 401', async () => {
  const a = await accepted();
  const made = await batch([a]);
  const body = { country: 'JP', dispatch_date: addDays(chinaToday, 1), cases: [a.id] };
  const before = await batchIds();

  // A new office account, made an officer by the security administrator: on no desk.
  const username = `visa.nodesk.${tag()}`.toLowerCase();
  const u = await admin.post('/api/v1/users', { username, password: PASSWORD, display_name: '无窗口经办 Officer of no desk', org_id: admin.user.org.id });
  expectStatus(u, 201, 'the admin makes an office account');
  expectStatus(await (await as('secadmin')).put(`/api/v1/users/${u.body.id}/roles`, { roles: ['officer'] }), 200);
  const nodesk = await firstLogin(username, PASSWORD);
  assert.deepEqual(nodesk.user.desks, []);

  for (const client of [citizen, nodesk]) {
    expectError(await client.get('/api/v1/visa/batches'), 403, 'forbidden');
    expectError(await client.get(`/api/v1/visa/batches/${made.id}`), 403, 'forbidden');
    expectError(await client.get(`/api/v1/visa/batches/${made.id}/dispatch.pdf`), 403, 'forbidden');
    expectError(await client.post('/api/v1/visa/batches', body), 403, 'forbidden');
    expectError(await client.post(`/api/v1/visa/batches/${made.id}/send`), 403, 'forbidden');
    expectError(await client.post(`/api/v1/visa/batches/${made.id}/results`, { results: [issued(a)] }), 403, 'forbidden');
    expectError(await client.get('/api/v1/visa/uncollected'), 403, 'forbidden');
  }
  expectError(await nodesk.get(`/api/v1/cases/${a.id}`), 404, 'not_found');

  expectStatus(await auditor.get(`/api/v1/visa/batches/${made.id}`), 200);
  expectStatus(await auditor.get('/api/v1/visa/uncollected'), 200);
  expectError(await auditor.post('/api/v1/visa/batches', body), 403, 'forbidden');
  expectError(await auditor.post(`/api/v1/visa/batches/${made.id}/send`), 403, 'forbidden');
  expectError(await anonymous.get('/api/v1/visa/batches'), 401, 'unauthenticated');
  expectStatus(await (await as('approver')).get('/api/v1/visa/batches'), 200, 'the approver on the visa desk');
  assert.deepEqual(await batchIds(), before, 'nothing written');
  assert.equal((await readBatch(made.id)).state, 'open');
  assert.equal(await stateOf(a.id), 'accepted');
});

test("the desk finds an application by the traveller's Chinese name and by the passport number", async () => {
  const name = uniqueName();
  const c = await submitted(ent, staff({ name_zh: name }));
  assert.deepEqual(await search(officer, name), [c.id]);
  assert.deepEqual(await search(officer, c.data.passport_number), [c.id]);
  assert.deepEqual(await search(officer, c.data.passport_number.toLowerCase()), [c.id]);
  assert.deepEqual(await search(citizen, c.data.passport_number), [], "not someone else's");
  const row = (await officer.get(`/api/v1/cases?type=${TYPE}&q=${encodeURIComponent(name)}`)).body.items[0];
  assert.deepEqual(row.destinations, ['JP'], 'the list shows the destination');
});

test('the desk finds an application by the start of its passport number', async () => {
  const c = await submitted(ent, staff());
  assert.ok((await search(officer, c.data.passport_number.slice(0, 7))).includes(c.id));
});
