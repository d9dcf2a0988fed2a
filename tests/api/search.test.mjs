// Search (q): Chinese substrings of any length (1, 2, 3+ characters), pinyin, purpose,
// applicant; only within the caller's visible cases.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { act, as, createCase, expectError, expectStatus, member, show, validTrip } from './lib/client.mjs';

const ent = await as('ent.normal');
const officer = await as('officer');
const other = await as('ent.other');

const members = [
  member(0, 'leader', { name: '司马燚犇', passport_name: 'SIMA YIBEN' }),
  member(1, 'member', { name: '欧阳鑫', passport_name: 'OUYANG XIN' }),
];
const purpose = '赴南非纳尔逊·曼德拉湾参加淼鑫港口冷链物流合作洽谈';
const c = await createCase(ent, validTrip({ purpose, members }));
await act(ent, c.id, 'submit');

async function search(client, q) {
  const r = await client.get(`/api/v1/cases?q=${encodeURIComponent(q)}&page_size=100&sort=-updated`);
  expectStatus(r, 200, `search ${q}`);
  assert.ok(Array.isArray(r.body.items), show(r));
  return r.body;
}

async function found(client, q) {
  const b = await search(client, q);
  return b.items.some((x) => x.id === c.id);
}

const queries = {
  'one Chinese character of a member name': '燚',
  'two Chinese characters of a member name': '燚犇',
  'a full four-character name with a two-character surname': '司马燚犇',
  'a two-character name': '欧阳',
  'pinyin (upper case)': 'YIBEN',
  'pinyin (full passport name)': 'SIMA YIBEN',
  'a two-character substring of the purpose': '淼鑫',
  'a long substring of the purpose': '港口冷链物流合作',
  'a three-character substring of the purpose': '曼德拉',
};

for (const [what, q] of Object.entries(queries)) {
  test(`search by ${what} (${q}) finds the case for the owner and the officer`, async () => {
    assert.ok(await found(ent, q), `ent.normal: q=${q}`);
    assert.ok(await found(officer, q), `officer: q=${q}`);
  });
}

test('search by pinyin is case-insensitive (yiben)', async () => {
  assert.ok(await found(officer, 'yiben'));
  assert.ok(await found(officer, 'sima'));
});

test('search by the applicant organization name finds the case', async () => {
  const name = ent.user.org.name_zh;
  assert.ok(name && name.length >= 2, `org name_zh: ${name}`);
  assert.ok(await found(officer, name), `q=${name}`);
  assert.ok(await found(officer, name.slice(0, 2)), `q=${name.slice(0, 2)}`);
});

test('search results only match: a non-matching query and LIKE wildcards do not find the case', async () => {
  assert.equal(await found(officer, '燚犇龘'), false);
  assert.equal(await found(officer, 'ZZQXJ'), false);
  for (const q of ['%', '_', '%_%', '\\', "'", '"']) {
    const b = await search(officer, q);
    assert.ok(!b.items.some((x) => x.id === c.id), `q=${q} must not match everything`);
  }
  const b = await search(officer, '燚');
  assert.ok(b.total >= 1 && b.total < 10, `a rare character matches few cases: total ${b.total}`);
});

test('search combines with the other filters', async () => {
  const r = await officer.get(`/api/v1/cases?q=${encodeURIComponent('燚')}&state=approved&page_size=100`);
  expectStatus(r, 200);
  assert.ok(!r.body.items.some((x) => x.id === c.id), 'state filter applies');
  const r2 = await officer.get(`/api/v1/cases?q=${encodeURIComponent('燚')}&state=district_review&type=outbound_travel&page_size=100`);
  assert.ok(r2.body.items.some((x) => x.id === c.id), 'state + type + q');
});

test('another enterprise searching does not see the case', async () => {
  for (const q of Object.values(queries)) {
    assert.equal(await found(other, q), false, `ent.other finds it with q=${q}`);
  }
});

test('filters by destination and month of submission, and refuses malformed ones', async () => {
  const country = c.data.itinerary[0].country;
  const month = (await officer.get(`/api/v1/cases/${c.id}`)).body.submitted_at.slice(0, 7);
  const byCountry = await officer.get(`/api/v1/cases?country=${country}&page_size=100&sort=-updated`);
  expectStatus(byCountry, 200, 'country filter');
  assert.ok(byCountry.body.items.some((x) => x.id === c.id), show(byCountry));
  assert.ok(byCountry.body.items.every((x) => x.countries.includes(country)), show(byCountry));
  const elsewhere = country === 'JP' ? 'KR' : 'JP';
  const none = await officer.get(`/api/v1/cases?country=${elsewhere}&page_size=100`);
  assert.ok(!none.body.items.some((x) => x.id === c.id), show(none));
  const byMonth = await officer.get(`/api/v1/cases?month=${month}&page_size=100&sort=-updated`);
  assert.ok(byMonth.body.items.some((x) => x.id === c.id), show(byMonth));
  assert.ok(byMonth.body.items.every((x) => x.submitted_at.startsWith(month)), show(byMonth));
  assert.equal(byMonth.body.total_capped, false);
  for (const [query, field] of [['country=Germany', 'country'], ['country=de', 'country'], ['month=2026-13', 'month'], ['month=2026', 'month']]) {
    const r = await officer.get(`/api/v1/cases?${query}`);
    expectError(r, 400, 'invalid_query');
    assert.equal(r.body.error.details[0].field, field, show(r));
  }
});
