// GET /metrics (docs/operations.md): the Prometheus text exposition format 0.0.4
// (https://prometheus.io/docs/instrumenting/exposition_formats/#text-based-format), parsed
// here strictly; the request counter of a route moves by exactly the requests made, under the
// route's pattern (never the raw path); a histogram's buckets are cumulative and its +Inf
// bucket is its count; the outbox's backlog is there. Who may scrape: run-api-tests.sh starts
// the server with --trusted-proxy 127.0.0.1, so a request from 127.0.0.1 carrying
// X-Forwarded-For comes from the client it names, which is neither the loopback nor a trusted
// proxy: refused with a 403, unless it holds --metrics-token (checked when the run sets
// $WAISHI_METRICS_TOKEN, which the server then reads too).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { BASE, as, expectStatus } from './lib/client.mjs';
import { from } from './lib/remote.mjs';

// Several servers behind nginx (WAISHI_INSTANCES) each count their own requests: a scrape
// reaches one of them, so exact counts are checked against one server only.
const ONE_SERVER = Number(process.env.WAISHI_INSTANCES || 1) <= 1;

const NAME = '[a-zA-Z_:][a-zA-Z0-9_:]*';
const LABEL = `[a-zA-Z_][a-zA-Z0-9_]*="(?:[^"\\\\\\n]|\\\\[\\\\"n])*"`;
const SAMPLE = new RegExp(`^(${NAME})(?:\\{((?:${LABEL})(?:,${LABEL})*)?\\})? (\\S+)$`);
const VALUE = /^(?:[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?|[+-]Inf|NaN)$/;

// The exposition as {families: Map(name → {type, help, samples: [{name, labels, value}]})};
// throws on any line the format does not allow, on a sample before its family's TYPE, and on
// a family whose samples are not all together.
function parse(text) {
  assert.ok(text.endsWith('\n'), 'the exposition ends with a line feed');
  const families = new Map();
  let current = null;
  const familyOf = (sample) => {
    for (const name of [sample, sample.replace(/_(bucket|sum|count)$/, '')]) {
      if (families.has(name)) return name;
    }
    return null;
  };
  for (const line of text.slice(0, -1).split('\n')) {
    let m;
    if ((m = line.match(new RegExp(`^# HELP (${NAME}) (.*)$`)))) {
      assert.ok(!families.has(m[1]), `${m[1]}: one HELP`);
      families.set(m[1], { help: m[2], type: null, samples: [] });
      current = m[1];
    } else if ((m = line.match(new RegExp(`^# TYPE (${NAME}) (counter|gauge|histogram|summary|untyped)$`)))) {
      assert.equal(m[1], current, `TYPE ${m[1]} right after its HELP`);
      families.get(m[1]).type = m[2];
    } else if ((m = line.match(SAMPLE))) {
      const family = familyOf(m[1]);
      assert.equal(family, current, `${line}: in its family's block`);
      assert.ok(families.get(family).type, `${line}: after its TYPE`);
      assert.match(m[3], VALUE, line);
      const labels = {};
      for (const [, k, v] of (m[2] || '').matchAll(/([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\]|\\.)*)"/g)) {
        labels[k] = v.replace(/\\(.)/g, (_, c) => (c === 'n' ? '\n' : c));
      }
      families.get(family).samples.push({ name: m[1], labels, value: Number(m[3]) });
    } else {
      assert.fail(`not a line of the format: ${JSON.stringify(line)}`);
    }
  }
  return families;
}

async function scrape() {
  const r = await fetch(`${BASE}/metrics`);
  assert.equal(r.status, 200, 'the loopback may scrape');
  assert.equal(r.headers.get('content-type'), 'text/plain; version=0.0.4; charset=utf-8');
  return parse(await r.text());
}

// The value of the sample `name` whose labels include `labels` (0 when there is none yet:
// a series appears with its first count).
function value(families, family, name, labels) {
  const f = families.get(family);
  assert.ok(f, `${family} is exposed`);
  const hits = f.samples.filter((s) => s.name === name
    && Object.entries(labels).every(([k, v]) => s.labels[k] === v));
  assert.ok(hits.length <= 1, `one ${name} ${JSON.stringify(labels)}`);
  return hits.length ? hits[0].value : 0;
}

const REQUESTS = 'waishi_http_requests_total';
const DURATION = 'waishi_http_request_duration_seconds';
const LIVE = { route: '/api/v1/health/live', method: 'GET' };
const CASE = { route: '/api/v1/cases/{id}', method: 'GET' };

test('the counters of a route move by exactly the requests made, under its pattern', async () => {
  const officer = await as('officer');
  const before = await scrape();
  for (let i = 0; i < 3; i++) expectStatus(await officer.get('/api/v1/health/live'), 200);
  expectStatus(await officer.get('/api/v1/cases/987654321'), 404);
  expectStatus(await officer.get('/api/v1/cases/987654322'), 404);
  expectStatus(await officer.get('/api/v1/no-such-route-for-metrics'), 404);
  const after = await scrape();

  assert.equal(before.get(REQUESTS).type, 'counter');
  assert.equal(before.get(DURATION).type, 'histogram');
  const moved = (labels) => value(after, REQUESTS, REQUESTS, labels)
    - value(before, REQUESTS, REQUESTS, labels);
  const text = JSON.stringify([...after.get(REQUESTS).samples]);
  assert.ok(!text.includes('987654321'), 'a raw path never becomes a label');
  assert.ok(!text.includes('no-such-route-for-metrics'), 'an unknown path is route="other"');
  if (!ONE_SERVER) return;
  assert.equal(moved({ ...LIVE, status: '200' }), 3);
  assert.equal(moved({ ...CASE, status: '404' }), 2);
  assert.equal(moved({ route: 'other', method: 'GET', status: '404' }), 1);
  const count = (f, labels) => value(f, DURATION, `${DURATION}_count`, labels);
  assert.equal(count(after, LIVE) - count(before, LIVE), 3);
});

test('a histogram\'s buckets are cumulative and end at +Inf with its count', async () => {
  const families = await scrape();
  for (const family of [DURATION, 'waishi_db_write_batch_size', 'waishi_db_pool_wait_seconds']) {
    const f = families.get(family);
    assert.equal(f?.type, 'histogram', family);
    // The series, by their labels other than le.
    const series = new Map();
    for (const s of f.samples) {
      const { le, ...rest } = s.labels;
      const key = JSON.stringify(rest);
      if (!series.has(key)) series.set(key, { buckets: [], count: null, sum: null });
      const one = series.get(key);
      if (s.name.endsWith('_bucket')) one.buckets.push([le === '+Inf' ? Infinity : Number(le), s.value]);
      if (s.name.endsWith('_count')) one.count = s.value;
      if (s.name.endsWith('_sum')) one.sum = s.value;
    }
    assert.ok(series.size > 0, `${family} has a series`);
    for (const [key, { buckets, count, sum }] of series) {
      assert.ok(buckets.length > 1, `${family}${key}: buckets`);
      for (let i = 1; i < buckets.length; i++) {
        assert.ok(buckets[i][0] > buckets[i - 1][0], `${family}${key}: le ascending`);
        assert.ok(buckets[i][1] >= buckets[i - 1][1], `${family}${key}: cumulative`);
      }
      assert.equal(buckets.at(-1)[0], Infinity, `${family}${key}: ends at +Inf`);
      assert.equal(buckets.at(-1)[1], count, `${family}${key}: +Inf is the count`);
      assert.ok(sum !== null && sum >= 0, `${family}${key}: a sum`);
    }
  }
  // The writes made so far went through the group commit.
  assert.ok(value(families, 'waishi_db_write_batch_size', 'waishi_db_write_batch_size_count', {}) > 0);
});

test('the gauges: the outbox\'s backlog by state, the write queue, the reads\' pending audit, live views, connections, uptime', async () => {
  const families = await scrape();
  for (const [name, type] of [['waishi_outbox_backlog', 'gauge'], ['waishi_db_write_queue_depth', 'gauge'],
    ['waishi_http_connections_open', 'gauge'], ['waishi_http_connections_refused_total', 'counter'],
    ['waishi_audit_pending_reads', 'gauge'], ['waishi_live_listeners', 'gauge'], ['waishi_uptime_seconds', 'gauge']]) {
    assert.equal(families.get(name)?.type, type, name);
  }
  const states = families.get('waishi_outbox_backlog').samples.map((s) => s.labels.state).sort();
  assert.deepEqual(states, ['failed', 'queued', 'sending']);
  for (const s of families.get('waishi_outbox_backlog').samples) assert.ok(s.value >= 0);
  const [pendingReads] = families.get('waishi_audit_pending_reads').samples;
  assert.ok(pendingReads.value >= 0 && pendingReads.value <= 20000, `${pendingReads.value}`);
  // The scrape's own connection at least; the shared server keeps its default limits and
  // refuses none (tests/api/limits.test.mjs runs a small server of its own for that).
  const [open] = families.get('waishi_http_connections_open').samples;
  assert.ok(open.value >= 1, `${open.value}`);
  assert.equal(families.get('waishi_http_connections_refused_total').samples[0].value, 0);
});

const FORWARDED = { 'X-Forwarded-For': '203.0.113.9' };

test('a client that is neither the loopback nor a trusted proxy is refused without the token', async () => {
  const r = await from('127.0.0.1', 'GET', '/metrics', { headers: FORWARDED });
  assert.equal(r.status, 403, r.text);
  assert.equal(r.body?.error?.code, 'forbidden');
  assert.ok(!r.text.includes('waishi_'), 'no figure in the refusal');
  const wrong = await from('127.0.0.1', 'GET', '/metrics', {
    headers: { ...FORWARDED, Authorization: 'Bearer not-the-token' },
  });
  assert.equal(wrong.status, 403);
});

test('the holder of --metrics-token may scrape from anywhere', async () => {
  assert.ok(process.env.WAISHI_METRICS_TOKEN, 'scripts/run-api-tests.sh gives the servers a token');
  const r = await from('127.0.0.1', 'GET', '/metrics', {
    headers: { ...FORWARDED, Authorization: `Bearer ${process.env.WAISHI_METRICS_TOKEN}` },
  });
  assert.equal(r.status, 200);
  parse(r.text);
});

test('/metrics is read only', async () => {
  const r = await from('127.0.0.1', 'POST', '/metrics');
  assert.equal(r.status, 405);
});
