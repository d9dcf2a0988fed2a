// The client's address behind a reverse proxy (docs/deploy.md). run-api-tests.sh starts
// the server with --trusted-proxy 127.0.0.1: a request from 127.0.0.1 (a proxy of ours)
// is recorded under the right-most X-Forwarded-For address that is not a trusted proxy; a
// request from 127.0.0.2 (anyone else) under its own address whatever header it sends.
// Checked in the audit log's ip of a failed sign-in.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import { BASE, as, eventually, listAll } from './lib/client.mjs';

const auditor = await as('auditor');
const url = new URL(BASE);

// A failed sign-in of `username` sent from `localAddress` with `forwardedFor`.
function failedLogin(localAddress, forwardedFor, username) {
  const body = JSON.stringify({ username, password: 'not-the-password-1' });
  return new Promise((resolve, reject) => {
    const req = http.request({
      host: '127.0.0.1', port: url.port, path: '/api/v1/auth/login', method: 'POST', localAddress,
      headers: {
        'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(body),
        ...(forwardedFor ? { 'X-Forwarded-For': forwardedFor } : {}),
      },
    }, (res) => { res.resume(); res.on('end', () => resolve(res.statusCode)); });
    req.on('error', reject);
    req.end(body);
  });
}

async function failureIps(username) {
  const all = await listAll(auditor, '/api/v1/audit?action=auth.login_failed');
  return all.filter((e) => e.username === username).map((e) => e.ip);
}

const cases = [
  ['an untrusted peer\'s header is ignored', '127.0.0.2', '203.0.113.9', 'citizen', '127.0.0.2'],
  ['an untrusted peer without a header', '127.0.0.2', null, 'ent.normal', '127.0.0.2'],
  ['the trusted proxy\'s header names the client', '127.0.0.1', '198.51.100.23', 'reviewer', '198.51.100.23'],
  ['a client\'s forged entry left of the proxy\'s is skipped', '127.0.0.1', '10.1.2.3, 198.51.100.24, 127.0.0.1', 'approver', '198.51.100.24'],
  ['a malformed header from the proxy leaves the proxy\'s address', '127.0.0.1', 'unknown', 'ent.other', '127.0.0.1'],
];

for (const [name, from, header, username, expected] of cases) {
  test(name, async () => {
    const before = await failureIps(username);
    assert.equal(await failedLogin(from, header, username), 401);
    const ips = await eventually(async () => {
      const now = await failureIps(username);
      assert.equal(now.length, before.length + 1, 'one failed sign-in recorded');
      return now;
    });
    assert.equal(ips[0], expected, `recorded from ${ips[0]}`);
  });
}
