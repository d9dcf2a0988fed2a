// The clients of the soak (scripts/soak.sh, make soak; issue 13). One command each:
//
//   node soak.mjs prepare URL DIR             sign in as the demo officer, open an incident; writes
//                                             DIR/cookie, DIR/csrf, DIR/incident and DIR/paths.txt
//                                             (the busy clients' requests, for bench/soak/busy.lua)
//   node soak.mjs streams URL DIR N           N live views of the incident (Server-Sent Events),
//                                             held open until SIGTERM
//   node soak.mjs flood URL N FROM            N connections from the address FROM, held idle
//   node soak.mjs slowloris URL N FROM LIMIT  N requests sent one header byte a second from FROM;
//                                             a connection still open after LIMIT s is counted
//
// Each prints one line "SOAK_JSON {...}" with its figures when it is done (streams also prints
// "SOAK_STREAMS_OPEN {...}" once all are open). The connections of the attacks come from a
// loopback address of their own (127.0.0.0/8 is all loopback on Linux), so that the server's
// limit per address meets them and not the probe beside them, which asks GET /api/v1/health
// from 127.0.0.1 every 250 ms and counts the answers.
import fs from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import path from 'node:path';

const PASSWORD = process.env.WAISHI_DEMO_PASSWORD || 'demo-Passw0rd';
const [command, base, ...rest] = process.argv.slice(2);
const target = new URL(base ?? 'http://127.0.0.1:8080');
const HOST = target.hostname;
const PORT = Number(target.port || 80);

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
const report = (tag, figures) => process.stdout.write(`${tag} ${JSON.stringify(figures)}\n`);

// --- prepare --------------------------------------------------------------------------------

async function api(method, url, cookie, csrf, body) {
  const headers = { Accept: 'application/json' };
  if (cookie) headers.Cookie = cookie;
  if (csrf) headers['X-CSRF-Token'] = csrf;
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  const res = await fetch(new URL(url, base), { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  const text = await res.text();
  if (!res.ok) throw new Error(`${method} ${url}: ${res.status} ${text.slice(0, 300)}`);
  return { res, body: text ? JSON.parse(text) : null };
}

async function prepare(dir) {
  const login = await api('POST', '/api/v1/auth/login', null, null, { username: 'officer', password: PASSWORD });
  const cookie = login.res.headers.getSetCookie().map((c) => c.split(';')[0]).find((c) => c.startsWith('waishi_session='));
  if (!cookie) throw new Error('the login set no waishi_session cookie');
  const csrf = login.body.csrf_token;
  // An incident of the soak's own, far ahead in time: the live view the idle clients follow.
  const incident = await api('POST', '/api/v1/safety/incidents', cookie, csrf, {
    title: `soak ${Date.now()}`, lat: -33.0472, lon: -71.6127, radius_km: 50, from: '2039-01-10', to: '2039-01-12',
  });
  // The busy clients' mix: the office's everyday reads, a case (read-audited, so every read is
  // also a write queued for the writer) and who am I, in turn.
  const cases = await api('GET', '/api/v1/cases?page=1&page_size=100', cookie);
  const ids = (cases.body.items ?? []).map((c) => c.id);
  if (ids.length === 0) throw new Error('the officer sees no case: was the demo loaded?');
  const paths = ids.flatMap((id) => [`/api/v1/cases/${id}`, '/api/v1/me']);
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(path.join(dir, 'cookie'), cookie);
  fs.writeFileSync(path.join(dir, 'csrf'), csrf);
  fs.writeFileSync(path.join(dir, 'incident'), String(incident.body.id));
  fs.writeFileSync(path.join(dir, 'paths.txt'), paths.join('\n') + '\n');
  report('SOAK_JSON', { incident: incident.body.id, cases: ids.length });
}

// --- the probe: is the server still serving others? --------------------------------------------

function probeOnce() {
  return new Promise((resolve) => {
    const start = process.hrtime.bigint();
    const req = http.get({ host: HOST, port: PORT, path: '/api/v1/health', agent: false, timeout: 3000 }, (res) => {
      res.resume();
      res.on('end', () => resolve({ ok: res.statusCode === 200, ms: Number(process.hrtime.bigint() - start) / 1e6 }));
    });
    req.on('timeout', () => req.destroy(new Error('timeout')));
    req.on('error', () => resolve({ ok: false, ms: Number(process.hrtime.bigint() - start) / 1e6 }));
  });
}

function startProbe() {
  const figures = { probes: 0, probe_failures: 0, probe_max_ms: 0 };
  let running = true;
  const done = (async () => {
    while (running) {
      const r = await probeOnce();
      figures.probes += 1;
      if (!r.ok) figures.probe_failures += 1;
      figures.probe_max_ms = Math.max(figures.probe_max_ms, Math.round(r.ms));
      await sleep(250);
    }
  })();
  return async () => {
    running = false;
    await done;
    return figures;
  };
}

// --- streams: the idle live views ---------------------------------------------------------------

// Opens one live view over a socket of its own; resolves once its answer's head arrived.
// `held` learns of a connection the server closed later (a live view lost).
function openStream(request, localAddress, held) {
  return new Promise((resolve) => {
    const socket = net.connect({ host: HOST, port: PORT, localAddress });
    let head = '';
    let open = false;
    socket.setEncoding('latin1');
    socket.on('connect', () => socket.write(request));
    socket.on('data', (chunk) => {
      if (open) {
        held.bytes += chunk.length;
        return;
      }
      head += chunk;
      const end = head.indexOf('\r\n\r\n');
      if (end < 0) return;
      const status = Number(/^HTTP\/1\.1 (\d{3})/.exec(head)?.[1] ?? 0);
      open = status === 200;
      if (!open) socket.destroy();
      resolve(open ? socket : { status });
    });
    socket.on('error', () => {});
    socket.on('close', () => {
      if (open && !held.closing) held.dropped += 1;
      if (!open) resolve({ status: 0 });
    });
  });
}

async function streams(dir, n) {
  const cookie = fs.readFileSync(path.join(dir, 'cookie'), 'utf8').trim();
  const incident = fs.readFileSync(path.join(dir, 'incident'), 'utf8').trim();
  const request = `GET /api/v1/safety/incidents/${incident}/live HTTP/1.1\r\nHost: ${target.host}\r\n`
    + `Cookie: ${cookie}\r\nAccept: text/event-stream\r\n\r\n`;
  const held = { dropped: 0, bytes: 0, closing: false };
  const sockets = [];
  const failures = {};
  // Spread over four loopback addresses, as many users' browsers would be.
  for (let i = 0; i < n; i += 100) {
    const batch = [];
    for (let j = i; j < Math.min(n, i + 100); j += 1) batch.push(openStream(request, `127.0.0.${2 + (j % 4)}`, held));
    for (const r of await Promise.all(batch)) {
      if (r instanceof net.Socket) sockets.push(r);
      else failures[r.status] = (failures[r.status] ?? 0) + 1;
    }
  }
  const failed = Object.values(failures).reduce((a, b) => a + b, 0);
  report('SOAK_STREAMS_OPEN', { opened: sockets.length, failed, failures });
  await new Promise((resolve) => process.once('SIGTERM', resolve));
  held.closing = true;
  const alive = sockets.filter((s) => !s.destroyed).length;
  for (const s of sockets) s.destroy();
  report('SOAK_JSON', { opened: sockets.length, failed, failures, dropped: held.dropped, alive_at_end: alive, bytes: held.bytes });
}

// --- flood: one client opening many connections --------------------------------------------------

// A connection closed by the server within this long of its opening, before anything was sent,
// was refused.
const REFUSED_WITHIN_MS = 2000;

async function flood(n, from) {
  const stopProbe = startProbe();
  const figures = { attempted: n, held: 0, refused: 0, connect_failed: 0, refusal_max_ms: 0 };
  const sockets = [];
  const attempt = () => new Promise((resolve) => {
    const socket = net.connect({ host: HOST, port: PORT, localAddress: from });
    let connectedAt = 0;
    let settled = false;
    const settle = (kind) => {
      if (settled) return;
      settled = true;
      resolve(kind);
    };
    socket.on('connect', () => {
      connectedAt = Date.now();
      sockets.push(socket);
      setTimeout(() => settle('held'), REFUSED_WITHIN_MS);
    });
    socket.on('error', () => {});
    socket.on('close', () => {
      if (!connectedAt) return settle('connect_failed');
      const ms = Date.now() - connectedAt;
      if (!settled) figures.refusal_max_ms = Math.max(figures.refusal_max_ms, ms);
      settle('refused');
    });
    socket.setTimeout(REFUSED_WITHIN_MS * 2, () => { if (!connectedAt) socket.destroy(); });
  });
  const kinds = [];
  for (let i = 0; i < n; i += 250) {
    const batch = [];
    for (let j = i; j < Math.min(n, i + 250); j += 1) batch.push(attempt());
    // Not waiting for a batch to settle: the connections pile up as fast as they open.
    kinds.push(...batch);
    await sleep(20);
  }
  for (const kind of await Promise.all(kinds)) figures[kind] += 1;
  Object.assign(figures, await stopProbe());
  for (const s of sockets) s.destroy();
  report('SOAK_JSON', figures);
}

// --- slowloris: requests sent one byte a second ---------------------------------------------------

async function slowloris(n, from, limitS) {
  const stopProbe = startProbe();
  const request = `GET /api/v1/health HTTP/1.1\r\nHost: ${target.host}\r\nX-Slow: ${'a'.repeat(limitS * 2)}\r\n\r\n`;
  const start = Date.now();
  const closedAfter = [];
  let answered = 0;
  const one = () => new Promise((resolve) => {
    const socket = net.connect({ host: HOST, port: PORT, localAddress: from });
    let sent = 0;
    let timer = null;
    socket.on('connect', () => {
      timer = setInterval(() => {
        if (sent < request.length) socket.write(request[sent++]);
      }, 1000);
    });
    socket.on('data', () => { answered += 1; });
    socket.on('error', () => {});
    socket.on('close', () => {
      clearInterval(timer);
      closedAfter.push((Date.now() - start) / 1000);
      resolve();
    });
    // Never wait for ever: a connection still open after the limit is left open, and counted.
    setTimeout(() => { clearInterval(timer); socket.destroy(); }, limitS * 1000);
  });
  await Promise.all(Array.from({ length: n }, one));
  const cut = closedAfter.filter((s) => s < limitS);
  report('SOAK_JSON', {
    connections: n, cut_by_server: cut.length, still_open_at_limit: n - cut.length, answered,
    max_cut_s: Math.round(Math.max(0, ...cut) * 10) / 10, ...(await stopProbe()),
  });
}

// --------------------------------------------------------------------------------------------

try {
  switch (command) {
    case 'prepare': await prepare(rest[0]); break;
    case 'streams': await streams(rest[0], Number(rest[1])); break;
    case 'flood': await flood(Number(rest[0]), rest[1]); break;
    case 'slowloris': await slowloris(Number(rest[0]), rest[1], Number(rest[2] ?? 60)); break;
    default: throw new Error(`unknown command ${command} (prepare, streams, flood, slowloris)`);
  }
  process.exit(0);
} catch (e) {
  process.stderr.write(`soak.mjs ${command}: ${e.message}\n`);
  process.exit(1);
}
