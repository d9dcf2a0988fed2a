// Voluntary registration (issue 11): a citizen registers a trip for themselves and their family,
// the places picked from the gazetteer, with consent to the register's purpose recorded; the
// desk then finds them in a crisis; withdrawn, the consent removes them at once. Bad input —
// an unknown place, dates out of order, no consent — is refused naming the field, and nothing
// is written.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  Client, addDays, as, dayOfOwnBand, expectError, expectStatus, findDetail, listAll,
} from './lib/client.mjs';

const anonymous = new Client();
const citizen = await as('citizen');
const officer = await as('officer');
const enterprise = await as('ent.normal');
const auditor = await as('auditor');

const tokyo = (await citizen.get('/api/v1/places?q=%E4%B8%9C%E4%BA%AC&country=JP&limit=1')).body.items[0];
const osaka = (await citizen.get('/api/v1/places?q=Osaka&country=JP&limit=1')).body.items[0];
// A window in this file's own band of years (lib/client.mjs).
const FROM = dayOfOwnBand('safety-registrations');
const registration = (over = {}) => ({
  people: [
    { name: '李华', relation: 'self', phone: '13600000001', email: 'li.hua@example.org' },
    { name: '李小华', relation: 'family' },
  ],
  legs: [
    { place_id: tokyo.id, from: FROM, to: addDays(FROM, 3) },
    { place_id: osaka.id, from: addDays(FROM, 4), to: addDays(FROM, 6) },
  ],
  consent: true,
  ...over,
});
const inTokyo = async () => (await officer.post('/api/v1/safety/affected', {
  lat: tokyo.lat, lon: tokyo.lon, radius_km: 30, from: FROM, to: addDays(FROM, 3),
})).body.people;

test('a bad registration is refused naming its field; only a citizen registers', async () => {
  const before = (await citizen.get('/api/v1/safety/registrations')).body.items.length;
  const cases = [
    [{ legs: [{ place_id: 999999999, from: FROM, to: FROM }] }, 'place.unknown', 'legs[0].place_id'],
    [{ legs: [{ place_id: tokyo.id, from: FROM, to: addDays(FROM, -1) }] }, 'safety.window_order', 'legs[0].to'],
    [{ consent: false }, 'enum', 'consent'],
    [{ people: [] }, 'min_items', 'people'],
    [{ people: [{ name: '李华', relation: 'friend' }] }, 'enum', 'people[0].relation'],
  ];
  for (const [over, rule, field] of cases) {
    const r = await citizen.post('/api/v1/safety/registrations', registration(over));
    expectError(r, 422, 'validation_failed');
    assert.ok(findDetail(r, rule, field), `${JSON.stringify(over)} → ${rule} on ${field}`);
  }
  const { consent, ...unconsented } = registration();
  assert.ok(findDetail(await citizen.post('/api/v1/safety/registrations', unconsented), 'required', 'consent'));
  expectError(await enterprise.post('/api/v1/safety/registrations', registration()), 403, 'forbidden');
  expectError(await anonymous.post('/api/v1/safety/registrations', registration()), 401, 'unauthenticated');
  assert.equal((await citizen.get('/api/v1/safety/registrations')).body.items.length, before, 'nothing was written');
  assert.equal(await inTokyo(), 0);
});

test('registered with consent, found by the desk; the consent withdrawn removes them at once', async () => {
  const r = await citizen.post('/api/v1/safety/registrations', registration());
  expectStatus(r, 201);
  assert.equal(r.body.withdrawn_at, null);
  assert.match(r.body.purpose.zh, /我同意/);
  assert.deepEqual(r.body.people.map((p) => [p.name, p.relation]), [['李华', 'self'], ['李小华', 'family']]);
  assert.deepEqual(r.body.people[1].legs.map((l) => [l.country, l.city, l.from]),
    [['JP', tokyo.name_en, FROM], ['JP', osaka.name_en, addDays(FROM, 4)]]);
  assert.equal(await inTokyo(), 2, 'both are in the register, in Tokyo');
  const mine = (await citizen.get('/api/v1/safety/registrations')).body.items;
  assert.equal(mine[0].id, r.body.id);

  expectError(await enterprise.post(`/api/v1/safety/registrations/${r.body.id}/withdraw`), 403, 'forbidden');
  const withdrawn = await citizen.post(`/api/v1/safety/registrations/${r.body.id}/withdraw`);
  expectStatus(withdrawn, 200);
  assert.ok(withdrawn.body.withdrawn_at);
  assert.deepEqual(withdrawn.body.people, [], 'the people are gone');
  assert.equal(await inTokyo(), 0, 'and no longer found');
  expectError(await citizen.post(`/api/v1/safety/registrations/${r.body.id}/withdraw`), 409, 'safety.consent_withdrawn');
  expectError(await citizen.post('/api/v1/safety/registrations/999999999/withdraw'), 404, 'not_found');
  const audit = await listAll(auditor, '/api/v1/audit?action=safety.registration.withdraw');
  assert.ok(audit.some((e) => e.object_id === String(r.body.id) && e.detail.people === 2));
});
