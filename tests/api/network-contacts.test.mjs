// The contacts in partner cities: added by the office's staff, read by them and the auditor,
// every read audited (personal data), removed when they leave office; bad input refused naming
// the field and the rule, and nobody else sees them.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Client, as, expectError, expectStatus, findDetail, listAll, tag } from './lib/client.mjs';
import { newCity } from './lib/network.mjs';

const anonymous = new Client();
const officer = await as('officer');
const approver = await as('approver');
const auditor = await as('auditor');
const citizen = await as('citizen');

const aCity = () => newCity(officer, { country: 'AT', lat: 48.2, lon: 16.37, tier: 'friendly', established: '2011-09-01' });

const contact = (city, extra = {}) => ({
  city_id: city.id, name: `Maria Huber ${tag()}`, role: 'Leiterin Europa und Internationales', organization: 'Stadt Wien',
  email: 'm.huber@wien.example.org', phone: '+43 1 4000-0101', language: 'de', ...extra,
});

const reads = async (object_type, object_id) =>
  listAll(auditor, `/api/v1/audit?action=network.contact.read&object_type=${object_type}&object_id=${object_id}`);

test("the demo's contacts: Aachen's two, in Aachen's office", async () => {
  const all = await listAll(auditor, '/api/v1/network/contacts');
  const aachen = all.filter((k) => k.city.name_en === 'Aachen');
  assert.deepEqual(aachen.map((k) => k.name).sort(), ['Anna Becker', 'Jonas Wolff']);
  assert.ok(aachen.every((k) => k.organization === 'Stadt Aachen' && k.language === 'de'));
});

test('a contact added is read back whole, listed under its city, and every read is audited', async () => {
  const city = await aCity();
  const body = contact(city);
  const r = await officer.post('/api/v1/network/contacts', body);
  expectStatus(r, 201);
  const { city_id: _c, ...fields } = body;
  for (const [k, v] of Object.entries(fields)) assert.equal(r.body[k], v, k);
  assert.deepEqual(r.body.city, { id: city.id, name_zh: city.name_zh, name_en: city.name_en, country: 'AT' });
  const minimal = await approver.post('/api/v1/network/contacts', { city_id: city.id, name: 'Lukas Gruber', role: 'Protokoll' });
  expectStatus(minimal, 201);
  assert.deepEqual([minimal.body.email, minimal.body.phone, minimal.body.language, minimal.body.organization], ['', '', '', '']);

  const listed = await auditor.get(`/api/v1/network/contacts?city_id=${city.id}`);
  expectStatus(listed, 200);
  assert.deepEqual(listed.body.items.map((k) => k.id).sort(), [r.body.id, minimal.body.id].sort());
  const one = await auditor.get(`/api/v1/network/contacts/${r.body.id}`);
  expectStatus(one, 200);
  assert.deepEqual(one.body, r.body);
  // The reads' audit entries are written after the answer: wait for them a moment.
  let listReads = [], oneReads = [];
  for (let i = 0; i < 50 && (listReads.length === 0 || oneReads.length === 0); ++i) {
    await new Promise((done) => setTimeout(done, 100));
    listReads = await reads('network_city', city.id);
    oneReads = await reads('network_contact', r.body.id);
  }
  assert.equal(listReads.length, 1, 'the list read is audited under its city');
  assert.deepEqual(listReads[0].detail.contacts.sort(), [r.body.id, minimal.body.id].sort(), 'naming whom it showed');
  assert.equal(listReads[0].username, 'auditor');
  assert.equal(oneReads.length, 1, 'the single read is audited');
});

test('a contact who leaves office is removed: gone from the list, the removal audited', async () => {
  const city = await aCity();
  const r = await officer.post('/api/v1/network/contacts', contact(city));
  expectStatus(r, 201);
  expectStatus(await approver.del(`/api/v1/network/contacts/${r.body.id}`), 204);
  expectStatus(await officer.get(`/api/v1/network/contacts/${r.body.id}`), 404);
  assert.equal((await listAll(officer, `/api/v1/network/contacts?city_id=${city.id}`)).length, 0);
  expectStatus(await approver.del(`/api/v1/network/contacts/${r.body.id}`), 404, 'only once');
  const audit = await listAll(auditor, `/api/v1/audit?action=network.contact.delete&object_id=${r.body.id}`);
  assert.equal(audit.length, 1);
  assert.equal(audit[0].detail.city_id, city.id);
});

test("a contact corrected: what they are now, in their city still, the change audited; a bad edit refused and nothing written", async () => {
  const city = await aCity();
  const made = await officer.post('/api/v1/network/contacts', contact(city));
  expectStatus(made, 201);
  const id = made.body.id;
  const now = { name: made.body.name, role: 'Bereichsleiterin Internationales', organization: 'Stadt Wien', email: 'maria.huber@wien.example.org', language: 'de' };
  const edited = await approver.put(`/api/v1/network/contacts/${id}`, now);
  expectStatus(edited, 200, 'the approver corrects the contact');
  assert.deepEqual(edited.body, { ...made.body, ...now, phone: '', updated_at: edited.body.updated_at }, 'the phone left out is empty; the city and the rest as they were');
  const read = await auditor.get(`/api/v1/network/contacts/${id}`);
  assert.deepEqual(read.body, edited.body);
  const audit = await listAll(auditor, `/api/v1/audit?action=network.contact.update&object_type=network_contact&object_id=${id}`);
  assert.equal(audit.length, 1, 'the edit audited');
  assert.equal(audit[0].detail.city_id, city.id);
  assert.ok(!JSON.stringify(audit[0].detail).includes('maria.huber'), 'the audit holds no personal data');

  for (const [body, rule, field] of [
    [{ ...now, email: 'not an address' }, 'format.email', 'email'],
    [{ ...now, phone: 'call me' }, 'pattern', 'phone'],
    [{ ...now, name: '' }, 'required', 'name'],
    [{ ...now, city_id: city.id }, 'unknown_field', 'city_id'],
  ]) {
    const r = await officer.put(`/api/v1/network/contacts/${id}`, body);
    expectError(r, 422, 'validation_failed');
    findDetail(r, rule, field);
  }
  assert.deepEqual((await auditor.get(`/api/v1/network/contacts/${id}`)).body, edited.body, 'nothing written');
  expectError(await officer.put('/api/v1/network/contacts/999999999', now), 404);
  expectError(await auditor.put(`/api/v1/network/contacts/${id}`, now), 403);
  expectError(await citizen.put(`/api/v1/network/contacts/${id}`, now), 403);
  expectError(await anonymous.put(`/api/v1/network/contacts/${id}`, now), 401);
});

test('a bad contact is refused naming the field and the rule, and nothing is written', async () => {
  const city = await aCity();
  for (const [extra, rule, field] of [
    [{ email: 'not-an-address' }, 'format.email', 'email'],
    [{ phone: 'call the office' }, 'pattern', 'phone'],
    [{ language: 'German' }, 'pattern', 'language'],
    [{ name: '' }, 'required', 'name'],
    [{ city_id: 999999999 }, 'network.city_unknown', 'city_id'],
  ]) {
    const r = await officer.post('/api/v1/network/contacts', contact(city, extra));
    expectError(r, 422, 'validation_failed');
    findDetail(r, rule, field);
  }
  assert.equal((await listAll(officer, `/api/v1/network/contacts?city_id=${city.id}`)).length, 0);
  expectError(await officer.get('/api/v1/network/contacts?city_id=x'), 400, 'invalid_query');
});

test('who may: officers and approvers add and remove, the auditor reads, nobody else either', async () => {
  const city = await aCity();
  const r = await officer.post('/api/v1/network/contacts', contact(city));
  expectStatus(r, 201);
  for (const client of [auditor, citizen]) {
    expectError(await client.post('/api/v1/network/contacts', contact(city)), 403, 'forbidden');
    expectError(await client.del(`/api/v1/network/contacts/${r.body.id}`), 403, 'forbidden');
  }
  expectError(await citizen.get(`/api/v1/network/contacts/${r.body.id}`), 403, 'forbidden');
  expectError(await anonymous.get('/api/v1/network/contacts'), 401, 'unauthenticated');
});
