// An exchange linked to the outbound-travel case its delegation went through: the case checked
// to be there, of that type and visiting the partner city's country (422 naming travel_case_id
// otherwise, nothing written), its number in the exchange's answer; the demo's two delegations
// that went through the travel demo's trips.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { as, expectError, expectStatus, findDetail, listAll, tag } from './lib/client.mjs';
import { newCity } from './lib/network.mjs';

const officer = await as('officer');
const approver = await as('approver');
const auditor = await as('auditor');

const travelCases = await listAll(officer, '/api/v1/cases?type=outbound_travel');
const visiting = (country) => travelCases.find((c) => c.countries?.includes(country));

const aCity = (country = 'DE') => newCity(officer, { country, lat: 50.9, lon: 6.9, tier: 'friendly', established: '2010-04-01' });

const exchange = (city, extra = {}) => ({
  city_id: city.id, kind: 'delegation_out', starts_on: '2025-05-10', people: 4, purpose_zh: `出访交流${tag()}`,
  purpose_en: 'A visit', ...extra,
});

test("the demo's delegations to Florence and Nelson Mandela Bay went through the travel demo's trips there", async () => {
  const all = await listAll(auditor, '/api/v1/network/exchanges');
  const linked = all.filter((e) => e.travel_case !== null);
  assert.deepEqual(linked.map((e) => e.city.name_en).sort(), ['Florence', 'Nelson Mandela Bay']);
  for (const e of linked) {
    const c = await officer.get(`/api/v1/cases/${e.travel_case.id}`);
    expectStatus(c, 200);
    assert.equal(c.body.type, 'outbound_travel');
    assert.equal(c.body.number, e.travel_case.number, 'the case number in the answer');
    assert.ok(c.body.data.itinerary.some((leg) => leg.country === e.city.country), `the trip visited ${e.city.country}`);
    assert.equal(e.starts_on, c.body.data.departure_date, 'the exchange began when the trip left');
    assert.equal(e.people, c.body.data.members.length);
  }
  assert.ok(all.filter((e) => e.travel_case === null).length >= 6, 'the others link none');
});

test('an exchange names the outbound-travel case it went through, and answers with its number', async () => {
  const trip = visiting('DE');
  assert.ok(trip, 'a demo trip to Germany');
  const city = await aCity('DE');
  const r = await approver.post('/api/v1/network/exchanges', exchange(city, { travel_case_id: trip.id }));
  expectStatus(r, 201, 'the approver records the delegation with its case');
  assert.deepEqual(r.body.travel_case, { id: trip.id, number: trip.number });
  const read = await auditor.get(`/api/v1/network/exchanges/${r.body.id}`);
  expectStatus(read, 200);
  assert.deepEqual(read.body, r.body);
  const listed = await listAll(officer, `/api/v1/network/exchanges?city_id=${city.id}`);
  assert.deepEqual(listed.map((e) => e.travel_case?.number), [trip.number]);
  const none = await officer.post('/api/v1/network/exchanges', exchange(city, { kind: 'delegation_in' }));
  expectStatus(none, 201);
  assert.equal(none.body.travel_case, null, 'none named, none answered');
  const audit = await listAll(auditor, '/api/v1/audit?action=network.exchange.create&object_type=network_exchange');
  assert.ok(audit.some((e) => e.object_id === String(r.body.id) && e.detail.travel_case_id === trip.id), 'audited with its case');
});

test('a travel case that is not there, of another type, or not to the city\'s country is refused naming travel_case_id; nothing written', async () => {
  const city = await aCity('DE');
  const refused = async (travel_case_id, rule) => {
    const r = await officer.post('/api/v1/network/exchanges', exchange(city, { travel_case_id }));
    expectError(r, 422, 'validation_failed');
    findDetail(r, rule, 'travel_case_id');
    return r;
  };
  await refused(999999999, 'network.exchange.travel_case');
  const all = await listAll(officer, '/api/v1/cases');
  const other = all.find((c) => c.type !== 'outbound_travel');
  assert.ok(other, 'a case of another type');
  await refused(other.id, 'network.exchange.travel_case');
  const elsewhere = travelCases.find((c) => c.countries?.length && !c.countries.includes('DE'));
  const r = await refused(elsewhere.id, 'network.exchange.travel_country');
  assert.match(findDetail(r, 'network.exchange.travel_country', 'travel_case_id').message, /DE/);
  const bad = await officer.post('/api/v1/network/exchanges', exchange(city, { travel_case_id: 'CASE-1' }));
  expectError(bad, 422, 'validation_failed');
  findDetail(bad, 'type', 'travel_case_id');
  assert.deepEqual(await listAll(officer, `/api/v1/network/exchanges?city_id=${city.id}`), [], 'nothing written');
});
