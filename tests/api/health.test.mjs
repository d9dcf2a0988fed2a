// Health, OpenAPI document, unknown routes, security headers, request ids.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Client, ENGINE, expectError, expectStatus, show } from './lib/client.mjs';

const anon = new Client();

test('GET /api/v1/health answers ok with the database engine and a version', async () => {
  const r = await anon.get('/api/v1/health');
  expectStatus(r, 200);
  assert.match(r.headers.get('content-type') || '', /application\/json/);
  assert.equal(r.body.status, 'ok');
  assert.equal(r.body.database, ENGINE, show(r));
  assert.equal(typeof r.body.version, 'string');
  assert.ok(r.body.version.length > 0);
});

// The endpoints docs/api.md names, as [method, path] with path parameters kept as {…}.
function contractEndpoints() {
  const md = readFileSync(fileURLToPath(new URL('../../docs/api.md', import.meta.url)), 'utf8');
  const out = new Map();
  const re = /`(GET|POST|PUT|PATCH|DELETE) (\/api\/v1\/[^`\s?]+)/g;
  for (const m of md.matchAll(re)) out.set(`${m[1]} ${m[2]}`, [m[1], m[2]]);
  // "`GET /api/v1/policies/outbound_travel` / `PUT` (admin)" and the like.
  const re2 = /`(?:GET|POST|PUT|PATCH|DELETE) (\/api\/v1\/[^`\s?]+)[^`]*`((?:\s*\/\s*`(?:GET|POST|PUT|PATCH|DELETE)`)+)/g;
  for (const m of md.matchAll(re2)) {
    for (const mm of m[2].matchAll(/`(GET|POST|PUT|PATCH|DELETE)`/g)) out.set(`${mm[1]} ${m[1]}`, [mm[1], m[1]]);
  }
  out.set('POST /api/v1/organizations', ['POST', '/api/v1/organizations']);
  out.set('PATCH /api/v1/organizations/{id}', ['PATCH', '/api/v1/organizations/{id}']);
  return [...out.values()];
}

const norm = (p) => p.replace(/^\/api\/v1/, '').replace(/\{[^}]*\}/g, '{}').replace(/\/+$/, '');

test('GET /api/v1/openapi.json is an OpenAPI 3 document covering every endpoint of docs/api.md', async () => {
  const r = await anon.get('/api/v1/openapi.json');
  expectStatus(r, 200);
  assert.ok(r.body && typeof r.body === 'object', `openapi.json must be JSON: ${show(r)}`);
  assert.match(String(r.body.openapi), /^3\.\d+(\.\d+)?$/, `openapi version: ${r.body.openapi}`);
  assert.ok(r.body.info && r.body.info.title, 'info.title');
  assert.ok(r.body.paths && typeof r.body.paths === 'object', 'paths');
  // A contract path matches an OpenAPI path segment by segment; a {parameter} segment of
  // the document matches anything (e.g. /policies/{name} covers /policies/outbound_travel).
  const docPaths = Object.entries(r.body.paths).map(([p, ops]) => [norm(p).split('/'), ops]);
  const paths = {
    get(contractPath) {
      const want = contractPath.split('/');
      const exact = docPaths.find(([segs]) => segs.join('/') === want.join('/'));
      if (exact) return exact[1];
      const m = docPaths.find(([segs]) => segs.length === want.length
        && segs.every((s, i) => s === want[i] || s === '{}'));
      return m ? m[1] : undefined;
    },
  };
  const endpoints = contractEndpoints();
  assert.ok(endpoints.length >= 30, `parsed only ${endpoints.length} endpoints from docs/api.md`);
  const missingPaths = [];
  const missingOps = [];
  for (const [method, path] of endpoints) {
    const ops = paths.get(norm(path));
    if (!ops) missingPaths.push(path);
    else if (!ops[method.toLowerCase()]) missingOps.push(`${method} ${path}`);
  }
  assert.deepEqual([...new Set(missingPaths)], [], 'paths of docs/api.md missing from openapi.json');
  assert.deepEqual(missingOps, [], 'operations of docs/api.md missing from openapi.json');
});

test('an unknown route answers 404 with a JSON error', async () => {
  for (const path of ['/api/v1/no-such-thing', '/api/v1/cases/1/no-such-thing', '/api/v2/health']) {
    const r = await anon.get(path);
    expectError(r, 404);
    assert.match(r.headers.get('content-type') || '', /application\/json/, path);
  }
  const r = await anon.post('/api/v1/no-such-thing', { a: 1 });
  expectError(r, 404);
});

test('responses carry the security headers', async () => {
  for (const path of ['/api/v1/health', '/api/v1/me', '/api/v1/no-such-thing']) {
    const r = await anon.get(path);
    const h = r.headers;
    const csp = h.get('content-security-policy');
    assert.ok(csp, `${path}: Content-Security-Policy missing`);
    assert.match(csp, /default-src/, `${path}: CSP without default-src: ${csp}`);
    assert.equal((h.get('x-content-type-options') || '').toLowerCase(), 'nosniff', `${path}: X-Content-Type-Options`);
    const xfo = h.get('x-frame-options');
    assert.ok((xfo && /deny|sameorigin/i.test(xfo)) || /frame-ancestors/.test(csp),
      `${path}: X-Frame-Options or CSP frame-ancestors missing`);
    assert.ok(h.get('referrer-policy'), `${path}: Referrer-Policy missing`);
  }
});

test('responses carry an X-Request-Id, different for each request', async () => {
  const a = await anon.get('/api/v1/health');
  const b = await anon.get('/api/v1/health');
  const c = await anon.get('/api/v1/no-such-thing');
  const ids = [a, b, c].map((r) => r.headers.get('x-request-id'));
  for (const id of ids) assert.ok(id && id.length >= 6, `X-Request-Id missing or short: ${id}`);
  assert.equal(new Set(ids).size, 3, `X-Request-Id not unique: ${ids}`);
});

test('public reference endpoints: countries and passport names', async () => {
  const officer = await new Client('officer').login('officer');
  const c = await officer.get('/api/v1/countries');
  expectStatus(c, 200);
  const de = c.body.items.find((x) => x.code === 'DE');
  assert.ok(de, 'DE in countries');
  assert.equal(de.continent, 'EU');
  assert.match(de.name_zh, /德国/);
  const za = c.body.items.find((x) => x.code === 'ZA');
  assert.equal(za?.continent, 'AF');
  const p = await officer.get('/api/v1/tools/passport-name?name=' + encodeURIComponent('张昊'));
  expectStatus(p, 200);
  assert.equal(p.body.passport_name, 'ZHANG HAO');
  for (const [name, want] of [['吕明', 'LYU MING'], ['欧阳修', 'OUYANG XIU'], ['徐文杰', 'XU WENJIE']]) {
    const q = await officer.get('/api/v1/tools/passport-name?name=' + encodeURIComponent(name));
    assert.equal(q.body?.passport_name, want, `${name}: ${show(q)}`);
  }
});

test('case types are served with bilingual labels', async () => {
  const officer = await new Client('officer').login('officer');
  const l = await officer.get('/api/v1/case-types');
  expectStatus(l, 200);
  const t = l.body.items.find((x) => x.type === 'outbound_travel');
  assert.ok(t, `outbound_travel in case types: ${show(l)}`);
  assert.equal(t.label.zh, '因公临时出国(境)审批');
  const d = await officer.get('/api/v1/case-types/outbound_travel');
  expectStatus(d, 200);
  assert.equal(d.body.type, 'outbound_travel');
  assert.ok(Array.isArray(d.body.fields) && Array.isArray(d.body.states) && Array.isArray(d.body.transitions));
  assert.ok(Array.isArray(d.body.rules), `rules: ${show(d)}`);
  const rule = d.body.rules.find((x) => x.id === 'travel.publicity_period');
  assert.ok(rule, 'travel.publicity_period among the rules');
  assert.equal(rule.severity, 'warning');
  assert.ok(d.body.policy, 'policy included');
  const u = await officer.get('/api/v1/case-types/no_such_type');
  expectError(u, 404);
});
