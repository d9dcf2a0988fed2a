// The crash durability test's client (issue 13; scripts/crash-test.sh runs it).
//
//   node tests/crash/crash.mjs load --url URL --journal FILE [--workers 8] [--max-seconds 60]
//                                   [--seconds S]
//     Drives the server at full speed until it stops answering: workers each take case
//     after case of outbound_travel through its life — created by an enterprise, a file
//     uploaded, commented, submitted, commented and forwarded by the district, recommended by
//     the office, approved — and write FILE: every write the server acknowledged (a complete
//     2xx response) with what it answered, and per case the one write that may or may not
//     have happened (sent, but answered with an error or not at all). The first request the
//     server does not answer (it was killed) stops the workers; exits 3 if that never
//     happens within --max-seconds. FILE.started appears once the users are signed in.
//     With --seconds (through nginx in front of several instances, where one killed leaves
//     the others answering, its requests in flight with 502): the workers go on for S seconds
//     whatever the answers, each case left at its first write not acknowledged.
//
//   node tests/crash/crash.mjs verify --url URL [--label TEXT] [--summary FILE] JOURNAL...
//     After the restart: re-reads every acknowledged write through the API and compares it
//     with what the 2xx response said — the case (number, state, data, dates), its history
//     (each acknowledged event once, in order, nothing else but the uncertain write), its
//     comments' text and its files byte for byte. Prints one line (acknowledged by kind,
//     unacknowledged, lost) and the first problems; appends the figures to --summary as
//     JSON; exits 1 when a write is lost or anything differs.
//
// The demo's users sign in with $WAISHI_DEMO_PASSWORD (tests/api/lib/client.mjs).
import crypto from 'node:crypto';
import fs from 'node:fs';
import { isDeepStrictEqual, parseArgs } from 'node:util';

const { values: opts, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    url: { type: 'string' },
    journal: { type: 'string' },
    workers: { type: 'string', default: '8' },
    'max-seconds': { type: 'string', default: '60' },
    seconds: { type: 'string' },
    label: { type: 'string', default: 'crash' },
    summary: { type: 'string' },
  },
});
const mode = positionals.shift();
if (!opts.url || !['load', 'verify'].includes(mode) || (mode === 'load' && !opts.journal)) {
  console.error('usage: crash.mjs load --url URL --journal FILE [--workers N] [--max-seconds S]\n'
    + '       crash.mjs verify --url URL [--label TEXT] [--summary FILE] JOURNAL...');
  process.exit(2);
}
// The API tests' client reads the server's address when it is imported.
process.env.WAISHI_URL = opts.url;
const { Client, PASSWORD, tinyPdf, validTrip } = await import('../api/lib/client.mjs');

const KINDS = ['create', 'upload', 'comment', 'transition'];

async function signIn(username) {
  const c = new Client(username);
  const r = await c.tryLogin(username, PASSWORD);
  if (r.status !== 200) throw new Error(`sign-in of ${username}: ${r.status} ${r.text}`);
  return c;
}

function sha256(bytes) {
  return crypto.createHash('sha256').update(bytes).digest('hex');
}

function randomText(n) {
  return crypto.randomBytes(Math.ceil(n * 0.75) + 3).toString('base64').replace(/[^A-Za-z0-9]/g, 'x').slice(0, n);
}

// A real PDF of 0.5 to 2.5 KB, one in ten of 64 to 256 KB, unique in its bytes.
function onePdf(label) {
  const big = Math.random() < 0.1;
  const n = big ? 64 * 1024 + Math.floor(Math.random() * 192 * 1024) : Math.floor(Math.random() * 2048);
  return tinyPdf(`${label} ${randomText(n)}`);
}

// ---------------------------------------------------------------------------------------------
// load
// ---------------------------------------------------------------------------------------------

async function load() {
  const names = ['ent.normal', 'ent.green', 'reviewer', 'officer', 'approver'];
  const users = {};
  await Promise.all(names.map(async (u) => { users[u] = await signIn(u); }));
  // Signed in: the script waits for this file before it draws the moment of the kill.
  fs.writeFileSync(`${opts.journal}.started`, '');
  const run = crypto.randomBytes(4).toString('hex');
  const cases = [];
  const counts = { acknowledged: Object.fromEntries(KINDS.map((k) => [k, 0])), unanswered: 0, refused: {} };
  const refusals = [];
  let stopping = false;
  let seq = 0;

  // One write. Returns the response when the server acknowledged it (2xx, read whole), else
  // null: then the case keeps the write as uncertain and is not used again.
  async function write(kase, op, client, method, path, body, headers) {
    let r;
    try {
      r = await client.request(method, path, { body, headers });
    } catch {
      counts.unanswered += 1;
      stopping = !opts.seconds;  // the server is gone (through nginx: this instance only)
      if (kase) kase.uncertain = op;
      return null;
    }
    if (r.status < 200 || r.status > 299) {
      counts.refused[r.status] = (counts.refused[r.status] || 0) + 1;
      if (refusals.length < 5) refusals.push(`${method} ${path}: ${r.status} ${(r.text || '').slice(0, 200)}`);
      if (kase) kase.uncertain = op;
      return null;
    }
    counts.acknowledged[op.kind] += 1;
    return r;
  }

  async function transition(kase, client, action, comment = '') {
    const op = { kind: 'transition', action, from: kase.state, comment };
    const body = comment ? { action, comment } : { action };
    const r = await write(kase, op, client, 'POST', `/api/v1/cases/${kase.id}/transitions`, body);
    if (!r) return false;
    kase.acked.push({ ...op, to: r.body.state });
    kase.state = r.body.state;
    kase.last = r.body;
    return true;
  }

  async function comment(kase, client) {
    const text = `crash ${run} case ${kase.id} comment ${kase.acked.length} ${client.name} ${randomText(24)}`;
    const op = { kind: 'comment', text };
    const r = await write(kase, op, client, 'POST', `/api/v1/cases/${kase.id}/comments`, { body: text });
    if (!r) return false;
    if (r.body?.body !== text) kase.problems.push(`comment answered ${JSON.stringify(r.body)}, sent ${text}`);
    kase.acked.push(op);
    return true;
  }

  async function upload(kase, client) {
    const filename = `crash-${run}-${kase.id}-${kase.acked.length}.pdf`;
    const bytes = onePdf(filename);
    const op = { kind: 'upload', filename, size: bytes.length, sha256: sha256(bytes) };
    const r = await write(kase, op, client, 'POST',
      `/api/v1/cases/${kase.id}/attachments?filename=${encodeURIComponent(filename)}`, bytes,
      { 'Content-Type': 'application/pdf' });
    if (!r) return false;
    const a = r.body;
    if (a.size !== op.size || a.sha256 !== op.sha256 || a.filename !== filename) {
      kase.problems.push(`upload answered ${JSON.stringify(a)}, sent ${op.size} bytes sha256 ${op.sha256}`);
    }
    kase.acked.push({ ...op, id: a.id, content_type: a.content_type });
    return true;
  }

  // One case's life, stopping at the first write not acknowledged. About one in eight stays
  // where it is after its creation or its submission, so the database holds every state.
  async function life(worker) {
    const owner = worker % 2 ? users['ent.normal'] : users['ent.green'];
    seq += 1;
    const data = validTrip({ purpose: `崩溃测试 crash ${run} ${worker}-${seq} ${randomText(12)}` });
    const created = await write(null, { kind: 'create' }, owner, 'POST', '/api/v1/cases', { type: 'outbound_travel', data });
    if (!created) return;
    const kase = {
      id: created.body.id, owner: owner.name, number: created.body.number,
      last: created.body, state: created.body.state, acked: [{ kind: 'create' }], uncertain: null,
      problems: [],
    };
    cases.push(kase);
    if (!isDeepStrictEqual(created.body.data, data)) {
      kase.problems.push('the created case\'s data differs from what was sent');
    }
    const early = Math.random();
    if (stopping || !(await upload(kase, owner)) || stopping) return;
    if (!(await comment(kase, owner)) || stopping || early < 0.06) return;
    if (!(await transition(kase, owner, 'submit')) || stopping || early < 0.12) return;
    if (Math.random() < 0.3 && (!(await upload(kase, owner)) || stopping)) return;
    if (kase.state === 'district_review') {
      const reviewer = users.reviewer;
      if (!(await comment(kase, reviewer)) || stopping) return;
      if (!(await transition(kase, reviewer, 'forward', '同意转报')) || stopping) return;
    }
    if (!(await comment(kase, users.officer)) || stopping) return;
    if (!(await transition(kase, users.officer, 'recommend', '符合规定,呈批')) || stopping) return;
    await transition(kase, users.approver, 'approve', '同意');
  }

  const deadline = Date.now() + Number(opts.seconds ?? opts['max-seconds']) * 1000;
  const started = Date.now();
  await Promise.all(Array.from({ length: Number(opts.workers) }, async (_, w) => {
    while (!stopping && Date.now() < deadline) await life(w);
  }));
  const seconds = (Date.now() - started) / 1000;
  fs.writeFileSync(opts.journal, JSON.stringify({ run, seconds, counts, refusals, cases }));
  const total = KINDS.reduce((s, k) => s + counts.acknowledged[k], 0);
  console.error(`load: ${seconds.toFixed(1)} s, ${total} writes acknowledged (${(total / seconds).toFixed(0)}/s), `
    + `${counts.unanswered} unanswered, refused ${JSON.stringify(counts.refused)}`);
  for (const r of refusals) console.error(`  refused: ${r}`);
  if (!stopping && !opts.seconds) {
    console.error(`load: the server still answered after ${opts['max-seconds']} s`);
    process.exit(3);
  }
}

// ---------------------------------------------------------------------------------------------
// verify
// ---------------------------------------------------------------------------------------------

// Does a history item record this write?
function records(item, op, before) {
  switch (op.kind) {
    case 'create':
      return item.kind === 'created';
    case 'upload':
      return item.kind === 'attachment' && item.detail?.filename === op.filename
        && (op.id === undefined || item.detail?.attachment_id === op.id);
    case 'comment':
      return item.kind === 'comment' && item.comment === op.text;
    case 'transition':
      return item.kind === 'transition' && item.action === op.action && item.from_state === op.from
        && (op.to === undefined || item.to_state === op.to) && item.comment === (op.comment || '')
        && (before === undefined || item.from_state === before);
    default:
      return false;
  }
}

const CASE_FIELDS = ['id', 'number', 'type', 'created_at', 'data'];
const STATE_FIELDS = ['state', 'submitted_at', 'decided_at', 'due_date'];

// Checks one case's acknowledged writes; adds those missing or changed to `lost` (each once,
// by kind) and what is wrong to `problems`.
async function verifyCase(kase, client, lost, problems) {
  const missing = new Set();
  try {
    await checkCase(kase, client, missing, problems);
  } finally {
    for (const op of missing) lost[op.kind] += 1;
  }
}

async function checkCase(kase, client, missing, problems) {
  const where = `case ${kase.id} (${kase.number})`;
  const loseAll = (why) => {
    for (const op of kase.acked) missing.add(op);
    problems.push(`${where}: ${why}; ${kase.acked.length} acknowledged writes lost`);
  };
  const c = await client.get(`/api/v1/cases/${kase.id}`);
  if (c.status !== 200) return loseAll(`GET answers ${c.status}`);
  const h = await client.get(`/api/v1/cases/${kase.id}/history`);
  if (h.status !== 200 || !Array.isArray(h.body?.items)) return loseAll(`GET history answers ${h.status}`);
  const items = h.body.items;

  // Each acknowledged write once, in order; after them at most the uncertain one.
  let next = 0;
  for (const op of kase.acked) {
    const at = items.findIndex((item, i) => i >= next && records(item, op));
    if (at < 0) {
      missing.add(op);
      problems.push(`${where}: acknowledged ${op.kind} ${op.action || op.text || op.filename || ''} missing from the history`);
      continue;
    }
    if (at !== next) problems.push(`${where}: unexpected history items before the ${op.kind}: ${JSON.stringify(items.slice(next, at))}`);
    next = at + 1;
  }
  let landed = null;
  const rest = items.slice(next);
  if (rest.length === 1 && kase.uncertain && records(rest[0], kase.uncertain, kase.state)) landed = rest[0];
  else if (rest.length) problems.push(`${where}: history items no write accounts for: ${JSON.stringify(rest)}`);

  // The case as the last 2xx answer about it showed it; its state moved on only if the
  // uncertain write was a transition that happened.
  const now = c.body;
  for (const f of CASE_FIELDS) {
    if (!isDeepStrictEqual(now[f], kase.last[f])) {
      problems.push(`${where}: ${f} is ${JSON.stringify(now[f])}, acknowledged ${JSON.stringify(kase.last[f])}`);
    }
  }
  if (now.org?.id !== kase.last.org?.id || now.applicant?.id !== kase.last.applicant?.id) {
    problems.push(`${where}: owner differs from the acknowledged one`);
  }
  if (landed?.kind === 'transition') {
    if (now.state !== landed.to_state) problems.push(`${where}: state ${now.state}, its history says ${landed.to_state}`);
  } else {
    for (const f of STATE_FIELDS) {
      if (!isDeepStrictEqual(now[f], kase.last[f])) {
        problems.push(`${where}: ${f} is ${JSON.stringify(now[f])}, acknowledged ${JSON.stringify(kase.last[f])}`);
      }
    }
  }

  // The files: listed as uploaded, downloaded byte for byte.
  const uploads = kase.acked.filter((op) => op.kind === 'upload');
  const l = await client.get(`/api/v1/cases/${kase.id}/attachments`);
  if (l.status !== 200) {
    problems.push(`${where}: GET attachments answers ${l.status}`);
    for (const op of uploads) missing.add(op);
    return;
  }
  const listed = l.body.items || [];
  for (const op of uploads) {
    const a = listed.find((x) => x.id === op.id);
    const d = await client.get(`/api/v1/attachments/${op.id}`, { raw: true });
    if (!a || d.status !== 200) {
      missing.add(op);
      problems.push(`${where}: acknowledged file ${op.id} ${op.filename} ${a ? `downloads ${d.status}` : 'not listed'}`);
      continue;
    }
    if (a.filename !== op.filename || a.size !== op.size || a.content_type !== op.content_type
        || d.bytes.length !== op.size || sha256(d.bytes) !== op.sha256) {
      missing.add(op);
      problems.push(`${where}: file ${op.id} differs: listed ${JSON.stringify(a)}, ${d.bytes.length} bytes downloaded, sha256 ${sha256(d.bytes)}; uploaded ${op.size} bytes, sha256 ${op.sha256}`);
    }
  }
  const extra = listed.filter((x) => !uploads.some((op) => op.id === x.id));
  if (extra.length > 1 || (extra.length === 1
      && !(kase.uncertain?.kind === 'upload' && extra[0].filename === kase.uncertain.filename && landed?.kind === 'attachment'))) {
    problems.push(`${where}: files no write accounts for: ${JSON.stringify(extra)}`);
  }
  for (const p of kase.problems) problems.push(`${where}: when written: ${p}`);
}

async function verify() {
  const journals = positionals.map((f) => JSON.parse(fs.readFileSync(f, 'utf8')));
  const clients = {};
  await Promise.all(['ent.normal', 'ent.green'].map(async (u) => { clients[u] = await signIn(u); }));
  const acknowledged = Object.fromEntries(KINDS.map((k) => [k, 0]));
  const lost = Object.fromEntries(KINDS.map((k) => [k, 0]));
  let unacknowledged = 0;
  const problems = [];
  const cases = [];
  for (const j of journals) {
    for (const k of KINDS) acknowledged[k] += j.counts.acknowledged[k];
    unacknowledged += j.counts.unanswered + Object.values(j.counts.refused).reduce((s, n) => s + n, 0);
    cases.push(...j.cases);
  }
  let queue = 0;
  await Promise.all(Array.from({ length: 8 }, async () => {
    while (queue < cases.length) {
      const kase = cases[queue++];
      try {
        await verifyCase(kase, clients[kase.owner], lost, problems);
      } catch (err) {
        problems.push(`case ${kase.id}: ${err.message}`);
      }
    }
  }));
  const total = KINDS.reduce((s, k) => s + acknowledged[k], 0);
  const totalLost = KINDS.reduce((s, k) => s + lost[k], 0);
  console.log(`${opts.label}: acknowledged ${total} (${KINDS.map((k) => `${k} ${acknowledged[k]}`).join(', ')}), `
    + `unacknowledged ${unacknowledged}, lost ${totalLost}${problems.length ? `, ${problems.length} problems` : ''}`);
  for (const p of problems.slice(0, 20)) console.log(`  ${p}`);
  if (problems.length > 20) console.log(`  … and ${problems.length - 20} more`);
  if (opts.summary) {
    fs.appendFileSync(opts.summary, JSON.stringify({
      label: opts.label, acknowledged, total, unacknowledged, lost: totalLost, problems: problems.length,
    }) + '\n');
  }
  if (totalLost || problems.length) process.exit(1);
}

try {
  await (mode === 'load' ? load() : verify());
} catch (err) {
  console.error(`crash.mjs ${mode}: ${err.stack || err.message}`);
  process.exit(2);
}
