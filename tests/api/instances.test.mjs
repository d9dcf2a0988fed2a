// Several servers on one PostgreSQL (issue 13), each addressed directly rather than through the
// proxy: what one server does holds on the other at the very next request. Runs when
// scripts/run-api-tests.sh starts more than one (WAISHI_INSTANCES=2, as make test does on
// PostgreSQL) and passes their addresses in WAISHI_INSTANCE_URLS; skipped with one server.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  Client, PASSWORD, addDays, dayOfOwnBand, eventually, expectError, expectStatus, tag, validTrip,
} from './lib/client.mjs';

const SERVERS = (process.env.WAISHI_INSTANCE_URLS || '').split(/\s+/).filter(Boolean);
const skip = SERVERS.length < 2 && 'one server (scripts/run-api-tests.sh with WAISHI_INSTANCES=2 runs this)';
const [A, B] = SERVERS;

// Signs in on one server, whose session cookie the client then shows to any.
async function signIn(server, username) {
  const c = new Client(username);
  const r = await c.post(`${server}/api/v1/auth/login`, { username, password: PASSWORD });
  expectStatus(r, 200, `${username} signs in on ${server}`);
  c.csrf = r.body.csrf_token;
  c.user = r.body.user;
  return c;
}

test('a session opened on one server is valid on the other, and a logout on one ends it on both at once', { skip }, async () => {
  const c = await signIn(A, 'officer');
  // Each server has now looked the session up (and keeps it in its cache).
  expectStatus(await c.get(`${A}/api/v1/me`), 200);
  expectStatus(await c.get(`${B}/api/v1/me`), 200);
  const cookies = new Map(c.cookies);
  expectStatus(await c.post(`${A}/api/v1/auth/logout`), 204);
  // The very next request, on the other server, with the old cookie: no waiting for a cache.
  const replay = new Client('officer, logged out');
  replay.cookies = cookies;
  expectError(await replay.get(`${B}/api/v1/me`), 401, 'unauthenticated');
  expectError(await replay.get(`${A}/api/v1/me`), 401, 'unauthenticated');
});

test('a change of data through one server shows in the other\'s next case read', { skip }, async () => {
  const ent = await signIn(A, 'ent.normal');
  const created = await ent.post(`${A}/api/v1/cases`, { type: 'outbound_travel', data: validTrip() });
  expectStatus(created, 201);
  const id = created.body.id;
  // Read on B first: B keeps the answer.
  assert.equal((await ent.get(`${B}/api/v1/cases/${id}`)).body.state, 'draft');
  expectStatus(await ent.post(`${A}/api/v1/cases/${id}/transitions`, { action: 'submit' }), 200);
  const after = await ent.get(`${B}/api/v1/cases/${id}`);
  expectStatus(after, 200);
  assert.notEqual(after.body.state, 'draft', 'B shows the submission made through A');
});

test('cases created at the same time on both servers get distinct numbers', { skip }, async () => {
  const onA = await signIn(A, 'ent.normal');
  const onB = await signIn(B, 'ent.normal');
  const made = await Promise.all(Array.from({ length: 24 }, (_, i) => (i % 2 ? onB : onA)
    .post(`${i % 2 ? B : A}/api/v1/cases`, { type: 'outbound_travel', data: validTrip() })));
  for (const r of made) expectStatus(r, 201);
  const numbers = made.map((r) => r.body.number);
  assert.equal(new Set(numbers).size, numbers.length, `no number given twice: ${numbers.join(' ')}`);
});

test('a live view connected to one server hears what happens through the other', { skip }, async () => {
  const onA = await signIn(A, 'officer');
  const onB = await signIn(B, 'officer');
  // An incident in the open sea: nobody to ask; its closing is what the live view hears.
  const day = dayOfOwnBand('instances');
  const created = await onA.post(`${A}/api/v1/safety/incidents`, {
    title: `多实例 ${tag()}`, lat: -60.5, lon: -150.25, radius_km: 10, from: day, to: addDays(day, 2),
  });
  expectStatus(created, 201);
  const id = created.body.id;
  const controller = new AbortController();
  const res = await fetch(`${B}/api/v1/safety/incidents/${id}/live`, {
    headers: { Cookie: onB.cookieHeader(), Accept: 'text/event-stream' }, signal: controller.signal,
  });
  assert.equal(res.status, 200);
  const events = [];
  (async () => {
    const decoder = new TextDecoder();
    let buffer = '';
    try {
      for await (const chunk of res.body) {
        buffer += decoder.decode(chunk, { stream: true });
        let end;
        while ((end = buffer.indexOf('\n\n')) >= 0) {
          const name = /^event: (.*)$/m.exec(buffer.slice(0, end))?.[1];
          if (name) events.push(name);
          buffer = buffer.slice(end + 2);
        }
      }
    } catch { /* aborted */ }
  })();
  try {
    await eventually(() => assert.equal(events[0], 'counts'));
    expectStatus(await onA.post(`${A}/api/v1/safety/incidents/${id}/close`, {}), 200);
    await eventually(() => assert.ok(events.includes('closed'), `heard: ${events.join(', ')}`), 5000);
  } finally {
    controller.abort();
  }
});
