// Health, OpenAPI document, unknown routes, security headers, request ids.
import { test } from 'node:test';
import assert from 'node:assert/strict';
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

// The endpoints the web UI and integrations rely on (docs/api.md keeps only the conventions;
// the OpenAPI document is the per-route contract).
const kEndpoints = [
  'POST /auth/login', 'POST /auth/logout', 'GET /me', 'PATCH /me',
  'GET /case-types', 'GET /case-types/{}', 'POST /cases', 'POST /cases/check', 'GET /cases',
  'GET /cases/{}', 'PATCH /cases/{}', 'POST /cases/{}/transitions', 'GET /cases/{}/checks',
  'GET /cases/{}/history', 'POST /cases/{}/comments', 'POST /cases/{}/assign',
  'GET /cases/{}/attachments', 'POST /cases/{}/attachments', 'GET /attachments/{}',
  'GET /policies/{}', 'PUT /policies/{}', 'GET /organizations/{}/direct-report-eligibility',
  'POST /organizations/{}/direct-report', 'GET /organizations/{}/direct-report-history',
  'GET /passport-custody', 'POST /passport-custody/{}/return', 'GET /dashboard/travel',
  'GET /organizations', 'GET /organizations/{}', 'POST /organizations', 'PATCH /organizations/{}',
  'GET /users', 'POST /users', 'PATCH /users/{}', 'GET /holidays', 'PUT /holidays/{}',
  'DELETE /holidays/{}', 'GET /countries', 'GET /tools/passport-name', 'GET /health',
  'GET /audit', 'GET /audit/verify',
];

const norm = (p) => p.replace(/^\/api\/v1/, '').replace(/\{[^}]*\}/g, '{}').replace(/\/+$/, '');

test('GET /api/v1/openapi.json is an OpenAPI 3.0 document covering every endpoint', async () => {
  const r = await anon.get('/api/v1/openapi.json');
  expectStatus(r, 200);
  assert.ok(r.body && typeof r.body === 'object', `openapi.json must be JSON: ${show(r)}`);
  assert.equal(r.body.openapi, '3.0.3');
  assert.ok(r.body.info && r.body.info.title, 'info.title');
  const ops = new Map();
  for (const [path, item] of Object.entries(r.body.paths)) {
    for (const [method, op] of Object.entries(item)) ops.set(`${method.toUpperCase()} ${norm(path)}`, op);
  }
  const missing = kEndpoints.filter((e) => !ops.has(e));
  assert.deepEqual(missing, [], 'endpoints missing from openapi.json');

  const ids = new Set();
  for (const [name, op] of ops) {
    assert.match(op.operationId, /^[a-z][A-Za-z0-9]*$/, `${name}: camelCase operationId`);
    assert.ok(!ids.has(op.operationId), `${name}: operationId ${op.operationId} is unique`);
    ids.add(op.operationId);
    // One success, and for a change that may wait for a second person, 202 with what waits.
    const success = Object.keys(op.responses).filter((s) => /^2/.test(s) && s !== '202');
    assert.equal(success.length, 1, `${name}: one success response`);
    if (op.responses['202']) assert.ok(op.responses['202'].content, `${name}: a 202 schema`);
    if (success[0] !== '204') assert.ok(op.responses[success[0]].content, `${name}: a success schema`);
    const errors = Object.keys(op.responses).filter((s) => /^4/.test(s));
    assert.ok(errors.length > 0, `${name}: 4xx responses`);
    for (const e of errors) assert.equal(op.responses[e].$ref, `#/components/responses/Error${e}`, name);
  }
  const error = r.body.components.schemas.Error;
  assert.deepEqual(error.properties.error.required, ['code', 'message', 'message_zh', 'details']);
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
    // An API answer is data: nothing may load from it or frame it.
    assert.equal(csp, "default-src 'none'; frame-ancestors 'none'", `${path}: CSP ${csp}`);
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

// Liveness and readiness, for an orchestrator or a load balancer: live while the process
// answers, ready when the database answers and holds every migration the server knows.
test('live: the process answers, no database involved', async () => {
  const r = await anon.get('/api/v1/health/live');
  expectStatus(r, 200);
  assert.equal(r.body.status, 'live');
  assert.match(r.body.version, /^\d+\.\d+/);
});

test('ready: the database answers and holds every migration the server knows', async () => {
  const r = await anon.get('/api/v1/health/ready');
  expectStatus(r, 200);
  assert.equal(r.body.status, 'ready');
  assert.equal(r.body.database, ENGINE);
  assert.ok(r.body.migrations.known >= 30, `the core's and the modules' migrations: ${JSON.stringify(r.body)}`);
  assert.equal(r.body.migrations.applied, r.body.migrations.known, 'all applied, none unknown to it');
  assert.equal(r.body.reason, undefined);
});
