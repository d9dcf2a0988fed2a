// Shared by the sister-city network's API tests.
import { expectStatus, tag } from './client.mjs';

// A partner city of the test's own (unique names), added by `client`; `over` sets its fields.
export async function newCity(client, over = {}) {
  const t = tag();
  const r = await client.post('/api/v1/network/cities', {
    name_zh: `测试友城${t}`, name_en: `Teststadt ${t}`, country: 'DE', lat: 50.1, lon: 8.7, tier: 'sister',
    established: '2003-04-01', ...over,
  });
  expectStatus(r, 201, `${client.name} adds a partner city`);
  return r.body;
}
