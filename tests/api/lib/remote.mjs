// A request from a chosen local source address (127.0.0.x: every loopback address is the
// machine's), for what the server counts per client address: the throttles.
import http from 'node:http';
import { BASE } from './client.mjs';

// { status, body (parsed JSON or null), text, headers }. body: a string or Buffer, sent as is.
export function from(address, method, path, { body = '', headers = {} } = {}) {
  return new Promise((resolve, reject) => {
    const url = new URL(BASE + path);
    const bytes = Buffer.from(body);
    const req = http.request({
      method, hostname: url.hostname, port: url.port, path: url.pathname + url.search, localAddress: address,
      headers: { ...headers, 'Content-Length': bytes.length, Connection: 'close' },
    }, (res) => {
      const chunks = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        let json = null;
        try { json = JSON.parse(text); } catch { json = null; }
        resolve({ status: res.statusCode, body: json, text, headers: res.headers });
      });
    });
    req.on('error', reject);
    req.end(bytes);
  });
}
