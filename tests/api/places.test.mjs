// The gazetteer (core/geo/places.h), loaded by scripts/run-api-tests.sh from the npm packages'
// GeoNames data: found by its Chinese and English names, a prefix, within a country; what a
// user types searched as text; the one status for each refusal.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { as, Client, expectError, expectStatus, findDetail, show } from './lib/client.mjs';

const TOKYO = 1850147; // GeoNames ids
const AACHEN = 3247449;

const search = (client, query) => client.get(`/api/v1/places?${new URLSearchParams(query)}`);

test('东京 and Tokyo find the same place, with its Chinese name and coordinates', async () => {
  const citizen = await as('citizen');
  for (const q of ['东京', 'Tokyo', 'tokyo']) {
    const r = await search(citizen, { q });
    expectStatus(r, 200, q);
    const first = r.body.items[0];
    assert.ok(first, `${q}: ${show(r)}`);
    assert.equal(first.id, TOKYO, `${q}: ${show(r)}`);
    assert.equal(first.country, 'JP');
    assert.equal(first.name_en, 'Tokyo');
    assert.equal(first.name_zh, '东京');
    assert.ok(Math.abs(first.lat - 35.6895) < 0.01 && Math.abs(first.lon - 139.6917) < 0.01, show(r));
    assert.ok(first.population > 1_000_000, show(r));
    assert.deepEqual(Object.keys(first).sort(),
      ['admin', 'country', 'id', 'lat', 'lon', 'name_en', 'name_zh', 'population']);
  }
  const one = await citizen.get(`/api/v1/places/${TOKYO}`);
  expectStatus(one, 200);
  assert.equal(one.body.name_zh, '东京');
});

test('a prefix finds the place, the most populous first, within a country when asked', async () => {
  const officer = await as('officer');
  const aach = await search(officer, { q: 'Aach' });
  expectStatus(aach, 200);
  assert.equal(aach.body.items[0]?.id, AACHEN, show(aach));
  assert.equal(aach.body.items[0].country, 'DE');

  const paris = await search(officer, { q: 'Paris', limit: '5' });
  expectStatus(paris, 200);
  assert.ok(paris.body.items.length <= 5, show(paris));
  assert.equal(paris.body.items[0].country, 'FR', 'Paris, France before the smaller ones');
  const populations = paris.body.items.map((p) => p.population);
  assert.deepEqual(populations, [...populations].sort((a, b) => b - a), 'most populous first');

  const inUs = await search(officer, { q: 'Paris', country: 'US' });
  expectStatus(inUs, 200);
  assert.ok(inUs.body.items.length > 0, show(inUs));
  assert.ok(inUs.body.items.every((p) => p.country === 'US'), show(inUs));
  const lower = await search(officer, { q: 'Paris', country: 'us' });
  assert.deepEqual(lower.body.items.map((p) => p.id), inUs.body.items.map((p) => p.id), 'the code in any case');
  expectStatus(await search(officer, { q: 'Tokyo', country: 'DE' }), 200);
  assert.deepEqual((await search(officer, { q: 'Tokyo', country: 'DE' })).body.items, []);
});

test('the demo cities are there, several with a Chinese name', async () => {
  const officer = await as('officer');
  const cities = {
    Aachen: ['DE', '亚琛'], 'Frankfurt am Main': ['DE', '法兰克福'], Rouen: ['FR', '鲁昂'],
    Osaka: ['JP', '大阪'], Nottingham: ['GB', '诺丁汉'], Florence: ['IT', '佛罗伦萨'],
    Gqeberha: ['ZA'], 'Cape Town': ['ZA'], 'Valparaíso': ['CL', '瓦尔帕莱索'],
    Ushuaia: ['AR', '乌斯怀亚'], Quito: ['EC', '基多'],
  };
  for (const [name, [country, zh]] of Object.entries(cities)) {
    const r = await search(officer, { q: name, country });
    expectStatus(r, 200, name);
    const hit = r.body.items.find((p) => p.name_en === name);
    assert.ok(hit, `${name}: ${show(r)}`);
    if (zh) assert.equal(hit.name_zh, zh, name);
  }
  // GeoNames renamed Port Elizabeth: the former name still finds it.
  const pe = await search(officer, { q: 'Port Elizabeth', country: 'ZA' });
  assert.equal(pe.body.items[0]?.name_en, 'Gqeberha', show(pe));
});

test('wildcards and quotes a user types are searched as text', async () => {
  const officer = await as('officer');
  // No GeoNames name holds %, _ or \: as wildcards they would match every place.
  for (const q of ['%', '%%', 'a%b', '_', 'a_', '\\', "%'; DROP TABLE places; --"]) {
    const r = await search(officer, { q });
    expectStatus(r, 200, q);
    assert.deepEqual(r.body.items, [], `${q} matches no name: ${show(r)}`);
  }
  // An apostrophe is one: L'Aquila, and only names that hold one.
  const r = await search(officer, { q: "L'Aquila" });
  expectStatus(r, 200);
  assert.equal(r.body.items[0]?.name_en, "L'Aquila", show(r));
  const quote = await search(officer, { q: "'", limit: '50' });
  expectStatus(quote, 200);
  assert.ok(quote.body.items.length > 0, show(quote));
  // (Xi’an's ascii name is Xi'an: name_en may hold a typographic quote or a modifier letter.)
  assert.ok(quote.body.items.every((p) => /['‘’ʼʻ`´]/.test(p.name_en)), show(quote));
  // The table is still there.
  expectStatus(await search(officer, { q: 'Tokyo' }), 200);
});

test('refusals: no text, a bad country or limit (400 naming the field), an unknown id (404), no session (401)', async () => {
  const officer = await as('officer');
  for (const query of [{}, { q: '' }, { q: '   ' }]) {
    const r = await search(officer, query);
    expectError(r, 400, 'invalid_query');
    findDetail(r, 'required', 'q');
  }
  const long = await search(officer, { q: 'x'.repeat(101) });
  expectError(long, 400, 'invalid_query');
  findDetail(long, 'max_length', 'q');
  const country = await search(officer, { q: 'Paris', country: 'XX' });
  expectError(country, 400, 'invalid_query');
  findDetail(country, 'country', 'country');
  for (const limit of ['0', '51', 'ten']) {
    const r = await search(officer, { q: 'Paris', limit });
    expectError(r, 400, 'invalid_query');
    findDetail(r, 'range', 'limit');
  }
  expectError(await officer.get('/api/v1/places/1'), 404, 'not_found');
  expectError(await officer.get('/api/v1/places/abc'), 404, 'not_found');
  const anonymous = new Client();
  expectError(await search(anonymous, { q: 'Tokyo' }), 401);
  expectError(await anonymous.get(`/api/v1/places/${TOKYO}`), 401);
});
