// The register fed from approved outbound trips (issue 11): on approval, every member of the
// delegation is in the register with the itinerary's stops as legs, placed by the gazetteer —
// not before approval, not the stops only changed planes in, and not a city the gazetteer does
// not know.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { act, addDays, as, createCase, expectStatus, member, today, validTrip } from './lib/client.mjs';

const ent = await as('ent.normal');
const reviewer = await as('reviewer');
const officer = await as('officer');
const approver = await as('approver');

const figures = async (place, from, to) => {
  const r = await officer.post('/api/v1/safety/affected', { ...place, radius_km: 25, from, to, page_size: 500 });
  expectStatus(r, 200);
  return r.body;
};
const AACHEN = { lat: 50.7753, lon: 6.0839 };
const FRANKFURT = { lat: 50.1109, lon: 8.6821 };
const DOHA = { lat: 25.2854, lon: 51.531 };

test('an approved trip puts its members in the register, at the places of its itinerary', async () => {
  const dep = addDays(today(), 100 + Math.floor(Math.random() * 40));
  const ret = addDays(dep, 4);
  const trip = validTrip({
    departure_date: dep, return_date: ret,
    itinerary: [
      { country: 'QA', city: 'Doha', from: dep, to: dep, transit_airside: true },
      { country: 'DE', city: 'Aachen', from: dep, to: addDays(dep, 1), transit_airside: false },
      { country: 'DE', city: 'Frankfurt', from: addDays(dep, 2), to: addDays(dep, 3), transit_airside: false },
      { country: 'DE', city: 'Atlantis', from: ret, to: ret, transit_airside: false },
    ],
    members: [member(2, 'leader'), member(3, 'member'), member(4, 'member')],
  });
  const before = await Promise.all([figures(AACHEN, dep, ret), figures(FRANKFURT, dep, ret), figures(DOHA, dep, ret)]);
  // The last day, anywhere in Germany and around: only the unknown city's stop would be there.
  const germanyOnLastDay = async () => (await officer.post('/api/v1/safety/affected',
    { ...AACHEN, radius_km: 1500, from: ret, to: ret, page_size: 1 })).body.people;
  const lastDayBefore = await germanyOnLastDay();
  const c = await createCase(ent, trip);
  await act(ent, c.id, 'submit');
  await act(reviewer, c.id, 'forward', { comment: '同意转报' });
  await act(officer, c.id, 'recommend', { comment: '符合规定,呈批' });
  const pending = await figures(AACHEN, dep, ret);
  assert.equal(pending.people, before[0].people, 'nobody is in the register before the approval');
  await act(approver, c.id, 'approve', { comment: '同意' });

  const [aachen, frankfurt, doha] = await Promise.all([figures(AACHEN, dep, ret), figures(FRANKFURT, dep, ret), figures(DOHA, dep, ret)]);
  assert.equal(aachen.people - before[0].people, 3, 'the three members in Aachen');
  assert.equal(frankfurt.people - before[1].people, 3, 'and in Frankfurt, found as Frankfurt am Main');
  assert.equal(doha.people, before[2].people, 'an airside transit is no stay');
  assert.equal(await germanyOnLastDay(), lastDayBefore, 'a city the gazetteer does not know is not placed');
  const names = aachen.items.filter((p) => ['欧阳修', '王芳', '吕明'].includes(p.name));
  assert.ok(names.length >= 3);
  const mine = aachen.items.find((p) => p.name === '欧阳修' && p.from === dep);
  assert.equal(mine.city, 'Aachen');
  assert.equal(mine.to, addDays(dep, 1));
  assert.ok(aachen.enterprises >= 1, 'the enterprise that sent them is counted');
});
