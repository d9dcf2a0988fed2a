// A small HTTP client and shared helpers for the black-box API tests.
//
// Environment (set by scripts/run-api-tests.sh):
//   WAISHI_URL            base URL of the running server, e.g. http://127.0.0.1:18080
//   WAISHI_DEMO_PASSWORD  the demo users' password
//   WAISHI_BIN, WAISHI_DB the server binary and its database URL (for CLI checks)
//   WAISHI_ENGINE         "sqlite" | "postgresql"
import assert from 'node:assert/strict';

export const BASE = (process.env.WAISHI_URL || 'http://127.0.0.1:8080').replace(/\/+$/, '');
export const PASSWORD = process.env.WAISHI_DEMO_PASSWORD || 'demo-Passw0rd';
export const ENGINE = process.env.WAISHI_ENGINE
  || ((process.env.WAISHI_DB || '').startsWith('postgres') ? 'postgresql' : 'sqlite');
// Set when the tests reach the servers through a reverse proxy (WAISHI_INSTANCES > 1 in
// scripts/run-api-tests.sh): what the proxy answers at the edge itself (a body or a URL over
// its limits) is no longer the server's to answer.
export const BEHIND_PROXY = process.env.WAISHI_BEHIND_PROXY || '';

const STATE_CHANGING = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

// One signed-in (or anonymous) user agent: keeps its cookies and CSRF token.
export class Client {
  constructor(name = 'anonymous') {
    this.name = name;
    this.cookies = new Map();
    this.csrf = null;
    this.user = null;
  }

  cookieHeader() {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  }

  // Raw request. opts: {body (object → JSON; string/Buffer/Uint8Array sent as is),
  // headers, csrf (default true: send X-CSRF-Token on state-changing requests),
  // cookies (default true), raw (default false: when true `bytes` holds the body)}.
  async request(method, path, opts = {}) {
    const headers = { ...(opts.headers || {}) };
    const useCookies = opts.cookies !== false;
    if (useCookies && this.cookies.size) headers.Cookie = this.cookieHeader();
    if (STATE_CHANGING.has(method) && opts.csrf !== false && this.csrf && useCookies) {
      headers['X-CSRF-Token'] = this.csrf;
    }
    let body = opts.body;
    if (body !== undefined && body !== null && typeof body === 'object'
        && !(body instanceof Uint8Array) && !(body instanceof ArrayBuffer)) {
      body = JSON.stringify(body);
      if (!Object.keys(headers).some((h) => h.toLowerCase() === 'content-type')) {
        headers['Content-Type'] = 'application/json';
      }
    } else if (typeof body === 'string'
        && !Object.keys(headers).some((h) => h.toLowerCase() === 'content-type')) {
      headers['Content-Type'] = 'application/json';
    }
    const url = path.startsWith('http') ? path : BASE + path;
    let res;
    try {
      res = await fetch(url, { method, headers, body, redirect: 'manual' });
    } catch (err) {
      // Keep the test output useful: which request failed at the transport level.
      const e = new Error(`${this.name}: ${method} ${path} failed: ${err.message}`
        + (err.cause ? ` (${err.cause.code || err.cause.message})` : ''));
      e.cause = err;
      throw e;
    }
    if (useCookies) {
      for (const sc of res.headers.getSetCookie()) {
        const [pair, ...attrs] = sc.split(';');
        const eq = pair.indexOf('=');
        if (eq < 0) continue;
        const k = pair.slice(0, eq).trim();
        const v = pair.slice(eq + 1).trim();
        const expired = attrs.some((a) => /^\s*max-age\s*=\s*0\s*$/i.test(a))
          || attrs.some((a) => /^\s*expires\s*=\s*thu, 01 jan 1970/i.test(a));
        if (v === '' || expired) this.cookies.delete(k);
        else this.cookies.set(k, v);
      }
    }
    const bytes = Buffer.from(await res.arrayBuffer());
    const ct = res.headers.get('content-type') || '';
    let json = null;
    let text = null;
    if (!opts.raw || ct.includes('json')) {
      text = bytes.toString('utf8');
      if (ct.includes('json') || /^\s*[[{]/.test(text)) {
        try { json = JSON.parse(text); } catch { json = null; }
      }
    }
    return { status: res.status, body: json, text, bytes: opts.raw ? bytes : undefined, headers: res.headers };
  }

  get(path, opts) { return this.request('GET', path, opts); }
  post(path, body, opts = {}) { return this.request('POST', path, { ...opts, body }); }
  put(path, body, opts = {}) { return this.request('PUT', path, { ...opts, body }); }
  patch(path, body, opts = {}) { return this.request('PATCH', path, { ...opts, body }); }
  del(path, opts) { return this.request('DELETE', path, opts); }

  // Signs in; throws (with the server's answer) unless 200.
  async login(username, password = PASSWORD) {
    const r = await this.tryLogin(username, password);
    if (r.status !== 200) {
      throw new Error(`login ${username}: ${r.status} ${r.text}`);
    }
    return this;
  }

  async tryLogin(username, password = PASSWORD) {
    this.name = username;
    const r = await this.post('/api/v1/auth/login', { username, password });
    if (r.status === 200 && r.body) {
      this.csrf = r.body.csrf_token;
      this.user = r.body.user;
    }
    return r;
  }
}

export async function login(username, password = PASSWORD) {
  return new Client(username).login(username, password);
}

// An account an administrator created (or whose password they reset) must change its
// password at the first sign-in: everything but GET /me, the change and logout answers 403
// password_change_required. Signs in with `password`, changes it to `next`, returns the client.
export const CHANGED_PASSWORD = 'Changed-Passw0rd!';
export async function firstLogin(username, password = PASSWORD, next = CHANGED_PASSWORD) {
  const c = await new Client(username).login(username, password);
  const r = await c.post('/api/v1/me/password', { current_password: password, new_password: next });
  if (r.status !== 204) throw new Error(`password change of ${username}: ${r.status} ${r.text}`);
  c.user = (await c.get('/api/v1/me')).body.user;
  return c;
}

// A user of `role` in a new organization of `kind`, made by the demo's administrator, signed in
// with the demo's password (changed to it at the first sign-in, as an admin-made account must).
export async function newUserIn(role, kind, name = role) {
  const admin = await as('admin');
  const t = tag();
  const org = await admin.post('/api/v1/organizations', { kind, name_zh: `测试${kind}${t}`, name_en: `Test ${kind} ${t}` });
  expectStatus(org, 201, `admin creates a ${kind}`);
  const username = `test.${name}.${t}`.toLowerCase();
  const initial = 'Test-Initial-Passw0rd';
  const u = await admin.post('/api/v1/users', {
    username, password: initial, display_name: `Test ${role}`, org_id: org.body.id, roles: [role],
  });
  expectStatus(u, 201, `admin creates a ${role}`);
  return firstLogin(username, initial, PASSWORD);
}

// Signs in every demo user once per test file (cached).
const cache = new Map();
export async function as(username) {
  if (!cache.has(username)) cache.set(username, login(username));
  return cache.get(username);
}

export function show(r) {
  const t = r.text ?? (r.body ? JSON.stringify(r.body) : '');
  return `${r.status} ${t.length > 1500 ? t.slice(0, 1500) + '…' : t}`;
}

// Asserts the status, with the server's answer in the message. One status: a test pins
// what the server answers, it does not accept a choice.
export function expectStatus(r, status, what = '') {
  assert.equal(typeof status, 'number', `expectStatus takes one status, not ${JSON.stringify(status)}`);
  assert.ok(r.status === status, `${what ? what + ': ' : ''}expected ${status}, got ${show(r)}`);
}

const CJK = /[\u3400-\u9fff]/;

// Asserts the standard error body: {"error":{"code","message","message_zh","details":[...]}}
// with both languages, and optionally the code.
export function expectError(r, status, code) {
  expectStatus(r, status);
  assert.ok(r.body && typeof r.body === 'object', `error body must be JSON: ${show(r)}`);
  const e = r.body.error;
  assert.ok(e && typeof e === 'object', `missing "error" object: ${show(r)}`);
  assert.equal(typeof e.code, 'string', `error.code: ${show(r)}`);
  assert.ok(e.code.length > 0, `error.code empty: ${show(r)}`);
  assert.equal(typeof e.message, 'string', `error.message: ${show(r)}`);
  assert.ok(e.message.length > 0, `error.message empty: ${show(r)}`);
  assert.equal(typeof e.message_zh, 'string', `error.message_zh: ${show(r)}`);
  assert.ok(CJK.test(e.message_zh), `error.message_zh must be Chinese: ${show(r)}`);
  if (e.details !== undefined) assert.ok(Array.isArray(e.details), `error.details must be an array: ${show(r)}`);
  if (code) {
    assert.equal(typeof code, 'string', `expectError takes one code, not ${JSON.stringify(code)}`);
    assert.ok(e.code === code, `expected error.code ${code}, got ${show(r)}`);
  }
  return e;
}

// Finds the detail for a rule (and optionally a field) in a 422 answer; asserts it is bilingual.
export function findDetail(r, rule, field) {
  const details = r.body?.error?.details || [];
  assert.equal(typeof rule, 'string', `findDetail takes one rule, not ${JSON.stringify(rule)}`);
  const rules = [rule];
  const d = details.find((x) => rules.includes(x.rule)
    && (field === undefined || (field instanceof RegExp ? field.test(x.field || '') : x.field === field)));
  assert.ok(d, `expected a detail with rule ${rules.join('|')}${field ? ` on field ${field}` : ''}: ${show(r)}`);
  assert.equal(typeof d.message, 'string', `detail.message: ${JSON.stringify(d)}`);
  assert.ok(d.message.length > 0, `detail.message empty: ${JSON.stringify(d)}`);
  assert.ok(CJK.test(d.message_zh || ''), `detail.message_zh must be Chinese: ${JSON.stringify(d)}`);
  return d;
}

// ---------------------------------------------------------------- dates

export function isoDate(d) {
  return d.toISOString().slice(0, 10);
}

export function today() {
  return isoDate(new Date());
}

// Today in China (UTC+8, no daylight saving): the day the server's date rules go by.
export function todayInChina() {
  return isoDate(new Date(Date.now() + 8 * 3600 * 1000));
}

export function addDays(date, n) {
  const d = new Date(date + 'T00:00:00Z');
  d.setUTCDate(d.getUTCDate() + n);
  return isoDate(d);
}

// The files that put people somewhere abroad each draw their days from a band of years of their own
// (3,000 days each, from 2035 on), so that no two files ever put people in one place at one time:
// Valparaíso's roll call in safety-incidents must not ask consular's three people there. Within its
// band a run picks a day at random, so that runs on one database rarely meet either. `margin` keeps
// the file's windows (its day plus up to that many days) inside its band.
const BANDS = ['safety', 'safety-incidents', 'consular', 'safety-alerts', 'safety-groups',
  'safety-registrations', 'instances'];
const BAND_DAYS = 3000;
export function dayOfOwnBand(file, margin = 100) {
  const band = BANDS.indexOf(file);
  assert.ok(band >= 0, `no band of years for ${file}`);
  return addDays('2035-01-01', band * BAND_DAYS + Math.floor(Math.random() * (BAND_DAYS - margin)));
}

// ---------------------------------------------------------------- identifiers

const ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const ID_CHECK = '10X98765432';

// The GB 11643 check character of the first 17 digits.
export function residentIdCheck(first17) {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * ID_WEIGHTS[i];
  return ID_CHECK[sum % 11];
}

// A valid resident ID: Ningbo Haishu (330203), a birth date, a 3-digit sequence number.
export function residentId(seq = 1, birth = '19800115') {
  const first17 = '330203' + birth + String(seq % 1000).padStart(3, '0');
  return first17 + residentIdCheck(first17);
}

// The same ID with a wrong check character.
export function badResidentId(seq = 1) {
  const good = residentId(seq);
  const wrong = ID_CHECK.split('').find((c) => c !== good[17]);
  return good.slice(0, 17) + wrong;
}

// ---------------------------------------------------------------- data factories

let uniq = 0;
// A short unique tag for this process (ASCII).
export function tag() {
  uniq += 1;
  return `${Date.now().toString(36)}${process.pid.toString(36)}${uniq}`;
}

export function member(i, role = 'member', extra = {}) {
  const names = [
    ['张昊', 'ZHANG HAO'], ['徐文杰', 'XU WENJIE'], ['吕明', 'LYU MING'], ['欧阳修', 'OUYANG XIU'],
    ['王芳', 'WANG FANG'], ['李娜', 'LI NA'], ['陈晨', 'CHEN CHEN'], ['刘洋', 'LIU YANG'],
  ];
  const [name, passport_name] = names[i % names.length];
  return {
    name, passport_name, id_number: residentId(100 + i, `19${70 + (i % 20)}0${1 + (i % 9)}1${i % 10}`),
    unit: '宁波示例进出口有限公司', position: role === 'interpreter' ? '翻译' : '经理', role, ...extra,
  };
}

// Valid outbound_travel data: departure ~100 days ahead (publicity 20 days before it, so
// ≥ 5 working days even around the Spring Festival), 5 days in Germany (1 country), two
// members with valid resident IDs (one leader), a foreign counterpart as inviter.
export function validTrip(over = {}) {
  const dep = over.departure_date || addDays(today(), 100);
  const ret = over.return_date || addDays(dep, 4);
  const data = {
    purpose: '赴德国亚琛参加智能制造技术交流与商务洽谈',
    departure_date: dep,
    return_date: ret,
    itinerary: [{ country: 'DE', city: 'Aachen', from: dep, to: ret, transit_airside: false }],
    members: [member(0, 'leader'), member(1, 'member')],
    inviter: { name: 'Industrie- und Handelskammer Aachen', country: 'DE', kind: 'foreign_counterpart' },
    funding: { source: '企业自筹', budget_cny: 80000 },
    publicity_start: addDays(dep, -20),
  };
  return { ...data, ...over };
}

// n members, the first the leader.
export function members(n, leaders = 1) {
  return Array.from({ length: n }, (_, i) => member(i, i < leaders ? 'leader' : 'member'));
}

// ---------------------------------------------------------------- case helpers

export async function createCase(client, data, expected = 201) {
  const r = await client.post('/api/v1/cases', { type: 'outbound_travel', data });
  expectStatus(r, expected, `${client.name} creates a case`);
  return r.body;
}

export async function act(client, id, action, extra = {}, expected = 200) {
  const r = await client.post(`/api/v1/cases/${id}/transitions`, { action, ...extra });
  if (expected !== null) expectStatus(r, expected, `${client.name} ${action} case ${id}`);
  return r;
}

export async function getCase(client, id) {
  const r = await client.get(`/api/v1/cases/${id}`);
  expectStatus(r, 200, `${client.name} reads case ${id}`);
  return r.body;
}

export async function history(client, id) {
  const r = await client.get(`/api/v1/cases/${id}/history`);
  expectStatus(r, 200, `${client.name} reads the history of case ${id}`);
  assert.ok(Array.isArray(r.body?.items), `history items: ${show(r)}`);
  return r.body.items;
}

// Transitions recorded in a history.
export function transitions(items) {
  return items.filter((h) => h.kind === 'transition');
}

// Every item of a paged list (follows pages up to `max` items).
export async function listAll(client, path, max = 2000) {
  const items = [];
  const sep = path.includes('?') ? '&' : '?';
  for (let page = 1; items.length < max; page++) {
    const r = await client.get(`${path}${sep}page=${page}&page_size=100`);
    expectStatus(r, 200, `${client.name} lists ${path}`);
    assert.ok(Array.isArray(r.body?.items), `list items: ${show(r)}`);
    items.push(...r.body.items);
    if (r.body.items.length === 0 || items.length >= (r.body.total ?? 0)) break;
  }
  return items;
}

// A valid single-page PDF (bytes start with %PDF-1.4).
export function tinyPdf(text = 'Waishi test') {
  const objs = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 100] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>',
    null,
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
  ];
  const stream = `BT /F1 12 Tf 20 50 Td (${text}) Tj ET`;
  objs[3] = `<< /Length ${stream.length} >>\nstream\n${stream}\nendstream`;
  let out = '%PDF-1.4\n%\xe2\xe3\xcf\xd3\n';
  const offsets = [];
  objs.forEach((o, i) => {
    offsets.push(Buffer.byteLength(out, 'latin1'));
    out += `${i + 1} 0 obj\n${o}\nendobj\n`;
  });
  const xref = Buffer.byteLength(out, 'latin1');
  out += `xref\n0 ${objs.length + 1}\n0000000000 65535 f \n`;
  for (const off of offsets) out += `${String(off).padStart(10, '0')} 00000 n \n`;
  out += `trailer\n<< /Size ${objs.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(out, 'latin1');
}

// A valid 1×1 PNG.
export function tinyPng() {
  return Buffer.from(
    'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
    'base64');
}

// A request through node:http that keeps the response even when the server answers early
// (e.g. 413 before reading the whole body) and then closes the connection — fetch may
// report that as a network error. Returns {status, body, text, headers(Map-like)}.
import http from 'node:http';
export function rawRequest(client, method, path, bytes, headers = {}) {
  return new Promise((resolve, reject) => {
    const url = new URL(BASE + path);
    const h = { ...headers, 'Content-Length': bytes.length, Connection: 'close' };
    if (client.cookies.size) h.Cookie = client.cookieHeader();
    if (client.csrf) h['X-CSRF-Token'] = client.csrf;
    let done = false;
    const req = http.request({ method, hostname: url.hostname, port: url.port, path: url.pathname + url.search, headers: h }, (res) => {
      const chunks = [];
      res.on('data', (c) => chunks.push(c));
      const finish = () => {
        if (done) return;
        done = true;
        const text = Buffer.concat(chunks).toString('utf8');
        let body = null;
        try { body = JSON.parse(text); } catch { body = null; }
        resolve({ status: res.statusCode, body, text, headers: new Headers(Object.entries(res.headers).map(([k, v]) => [k, String(v)])) });
      };
      res.on('end', finish);
      res.on('error', finish);
      res.on('aborted', finish);
    });
    req.on('error', (err) => {
      // A reset after the response started is fine: the 'response' handler resolves.
      setTimeout(() => { if (!done) { done = true; reject(new Error(`${method} ${path}: ${err.code || err.message} before any response`)); } }, 200);
    });
    req.end(bytes);
  });
}

// Retries `fn` (which throws on failure) until it passes or `ms` elapse; for effects the
// server records asynchronously (e.g. the audit of a read, written after the response).
export async function eventually(fn, ms = 3000) {
  const end = Date.now() + ms;
  for (;;) {
    try {
      return await fn();
    } catch (err) {
      if (Date.now() > end) throw err;
      await new Promise((r) => setTimeout(r, 100));
    }
  }
}
