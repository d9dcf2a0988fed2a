// Connection limits and the read timeout (issue 13): a client holding too many connections, or
// sending its request a byte at a time, gets a clear refusal and cannot take the server from
// the others. The shared test server keeps the defaults (10,000 connections, 1,000 from one
// address, 20 s), so this file starts a small server of its own on an empty SQLite database:
// 6 connections, 3 from one address, a request read within 2 s. The loopback's other addresses
// (127.0.0.0/8) stand for other clients. scripts/soak.sh does the same at full size.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const dir = mkdtempSync(join(tmpdir(), 'waishi-limits-'));
const port = await new Promise((resolve) => {
  const probe = net.createServer().listen(0, '127.0.0.1', () => {
    const { port: p } = probe.address();
    probe.close(() => resolve(p));
  });
});
const server = spawn(process.env.WAISHI_BIN, [
  'serve', '--db', `sqlite:${join(dir, 'limits.db')}`, '--address', '127.0.0.1', '--port', String(port),
  '--max-connections', '6', '--max-connections-per-ip', '3', '--read-timeout', '2', '--no-access-log',
], { env: process.env, stdio: ['ignore', 'ignore', 'pipe'] });
let serverErrors = '';
server.stderr.on('data', (d) => { serverErrors += d; });
after(() => {
  server.kill('SIGKILL');
  rmSync(dir, { recursive: true, force: true });
});

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

// GET /api/v1/health from the address `from`: its status, or 0 when the connection failed.
function health(from = '127.0.0.1') {
  return new Promise((resolve) => {
    const req = http.get({ host: '127.0.0.1', port, localAddress: from, path: '/api/v1/health', agent: false, timeout: 3000 },
      (res) => { res.resume(); res.on('end', () => resolve(res.statusCode)); });
    req.on('timeout', () => req.destroy());
    req.on('error', () => resolve(0));
  });
}

// The server's count of open connections and of those it refused, from its /metrics (scraped
// from the loopback, on a connection that is itself counted).
function connections() {
  return new Promise((resolve, reject) => {
    const req = http.get({ host: '127.0.0.1', port, path: '/metrics', agent: false, timeout: 3000 }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (d) => { text += d; });
      res.on('end', () => {
        const figure = (name) => Number(text.match(new RegExp(`^${name} (\\d+)$`, 'm'))?.[1]);
        resolve({ open: figure('waishi_http_connections_open'), refused: figure('waishi_http_connections_refused_total') });
      });
    });
    req.on('timeout', () => req.destroy(new Error('no answer')));
    req.on('error', reject);
  });
}

// Waits until the connections of the tests before have closed on the server's side too (a
// client sees its answer before the server has closed its end), so that each test starts
// from an empty server: the scrape's own connection is the only one open.
async function quiet() {
  let last;
  for (let i = 0; i < 50; i += 1) {
    last = await connections();
    if (last.open === 1) return last;
    await sleep(50);
  }
  assert.fail(`connections left open on the server: ${last.open - 1}`);
}

for (let i = 0; i < 150 && (await health()) !== 200; i += 1) {
  assert.equal(server.exitCode, null, `the server exited: ${serverErrors}`);
  await sleep(100);
}

// A connection from `from`, held idle. `closed` resolves with the milliseconds from the
// connection's opening to its closing by the server.
function connect(from) {
  return new Promise((resolve, reject) => {
    const socket = net.connect({ host: '127.0.0.1', port, localAddress: from });
    let opened = 0;
    const closed = new Promise((done) => socket.on('close', () => done(Date.now() - opened)));
    socket.on('error', () => {});
    socket.on('connect', () => { opened = Date.now(); resolve({ socket, closed }); });
    socket.setTimeout(3000, () => { if (!opened) reject(new Error('no connection')); });
  });
}
const within = (promise, ms) => Promise.race([promise, sleep(ms).then(() => 'still open')]);

test('the server starts with the limits given', async () => {
  assert.equal(await health(), 200);
});

test('past the limit for one address, a connection is closed at once; other addresses are served', async () => {
  const before = await quiet();
  const held = await Promise.all([1, 2, 3].map(() => connect('127.0.0.2')));
  try {
    await sleep(200);  // the server has taken them
    const fourth = await connect('127.0.0.2');
    const refusedAfter = await within(fourth.closed, 1500);
    assert.notEqual(refusedAfter, 'still open', 'the fourth connection from 127.0.0.2 is refused');
    assert.ok(refusedAfter < 1000, `refused at once, not after ${refusedAfter} ms`);
    assert.equal(await health('127.0.0.3'), 200, 'another address is served meanwhile');
    const during = await connections();
    assert.equal(during.open, 3 + 1, 'the three held and the scrape are open');
    assert.equal(during.refused, before.refused + 1, 'the fourth is counted as refused');
  } finally {
    for (const c of held) c.socket.destroy();
  }
  await quiet();
  assert.equal(await health('127.0.0.2'), 200, 'served again once its connections are closed');
});

test('past the limit of the whole server, a connection is closed at once; served again after', async () => {
  const before = await quiet();
  const held = await Promise.all(['127.0.0.4', '127.0.0.4', '127.0.0.4', '127.0.0.5', '127.0.0.5', '127.0.0.5']
    .map((from) => connect(from)));
  try {
    await sleep(200);
    const seventh = await connect('127.0.0.6');
    const refusedAfter = await within(seventh.closed, 1500);
    assert.notEqual(refusedAfter, 'still open', 'the seventh connection is refused');
    const stillOpen = await Promise.all(held.map((c) => within(c.closed, 0)));
    assert.deepEqual(stillOpen, held.map(() => 'still open'), 'the six held are kept');
  } finally {
    for (const c of held) c.socket.destroy();
  }
  const afterwards = await quiet();
  assert.equal(afterwards.refused, before.refused + 1, 'the seventh is counted as refused');
  assert.equal(await health('127.0.0.6'), 200);
});

test('a request sent one byte a second is cut off after the read timeout; others are served', async () => {
  await quiet();
  const slow = await connect('127.0.0.7');
  const request = 'GET /api/v1/health HTTP/1.1\r\nHost: waishi\r\nX-Slow: aaaaaaaaaaaaaaaaaaaa\r\n\r\n';
  let sent = 0;
  let answered = false;
  slow.socket.on('data', () => { answered = true; });
  const drip = setInterval(() => { if (sent < request.length) slow.socket.write(request[sent++]); }, 1000);
  try {
    assert.equal(await health('127.0.0.8'), 200, 'served while the slow client drips');
    const cutAfter = await within(slow.closed, 6000);
    assert.notEqual(cutAfter, 'still open', 'the slow connection is cut within the timeout and a margin');
    assert.ok(cutAfter >= 1500, `not before the timeout (${cutAfter} ms)`);
    assert.equal(answered, false, 'its request never completed');
  } finally {
    clearInterval(drip);
    slow.socket.destroy();
  }
});

test('an idle keep-alive connection is closed after the read timeout too', async () => {
  await quiet();
  const idle = await connect('127.0.0.9');
  const closedAfter = await within(idle.closed, 6000);
  assert.notEqual(closedAfter, 'still open');
});

// The I/O threads each listen on the port (SO_REUSEPORT), which would let a second server of
// the same user share it and take half the connections; it must fail to start instead.
test('a second server on the same port refuses to start; the first keeps every connection', async () => {
  const second = spawn(process.env.WAISHI_BIN, [
    'serve', '--db', `sqlite:${join(dir, 'second.db')}`, '--address', '127.0.0.1', '--port', String(port),
    '--no-access-log',
  ], { env: process.env, stdio: ['ignore', 'ignore', 'pipe'] });
  let errors = '';
  second.stderr.on('data', (d) => { errors += d; });
  const code = await Promise.race([
    new Promise((resolve) => second.on('exit', (c) => resolve(c))),
    sleep(10000).then(() => 'still running'),
  ]);
  if (code === 'still running') second.kill('SIGKILL');
  assert.equal(code, 1, `the second server exits with 1: ${errors}`);
  assert.match(errors, /Address already in use/);
  // One after the other (the server takes 6 connections): the kernel would have given about
  // half of them to the second server's threads.
  const answers = [];
  for (let i = 1; i <= 10; i += 1) {
    await quiet();
    answers.push(await health(`127.0.1.${i}`));
  }
  assert.deepEqual(answers, answers.map(() => 200), 'the first answers every new connection');
});
