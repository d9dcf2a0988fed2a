// The mail a real SMTP server received: tests/smtp/sink.py, started by scripts/run-api-tests.sh,
// writes each message to $WAISHI_SMTP_DIR (NNNNNN-pid.eml, with its envelope beside it in
// NNNNNN-pid.json) and refuses the addresses listed in that folder's `refuse` file.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { eventually } from './client.mjs';

export const MAIL_DIR = process.env.WAISHI_SMTP_DIR;
assert.ok(MAIL_DIR, 'WAISHI_SMTP_DIR: run through scripts/run-api-tests.sh, which starts the SMTP server');

// A header's RFC 2047 encoded words (=?UTF-8?B?…?=) as text.
export function decodeWords(value) {
  return value.replace(/=\?UTF-8\?B\?([A-Za-z0-9+/=]*)\?=\s*/gi, (_, b64) => Buffer.from(b64, 'base64').toString('utf8'));
}

// Every message the SMTP server accepted, oldest first: {envelope, headers (lower-case names,
// unfolded), raw, head, body (decoded), subject (decoded)}.
export function received() {
  return fs.readdirSync(MAIL_DIR).filter((f) => f.endsWith('.eml')).sort().map((f) => {
    const raw = fs.readFileSync(path.join(MAIL_DIR, f), 'latin1');
    const envelope = JSON.parse(fs.readFileSync(path.join(MAIL_DIR, f.replace(/\.eml$/, '.json')), 'utf8'));
    const split = raw.indexOf('\r\n\r\n');
    const head = raw.slice(0, split).replace(/\r\n[ \t]+/g, ' ');
    const headers = {};
    for (const line of head.split('\r\n')) {
      const colon = line.indexOf(':');
      headers[line.slice(0, colon).toLowerCase()] = line.slice(colon + 1).trim();
    }
    const body = Buffer.from(raw.slice(split + 4).replace(/\r\n/g, ''), 'base64').toString('utf8');
    return { envelope, headers, raw, head, body, subject: decodeWords(headers.subject ?? '') };
  });
}

// The first message to `address` whose body contains `contains`, waiting up to `ms` for the
// mailer (which sends from the outbox after the request that queued the message).
export async function mailTo(address, contains, ms = 15000) {
  return eventually(() => {
    const m = received().find((x) => x.envelope.rcpt_tos.includes(address) && x.body.includes(contains));
    assert.ok(m, `a mail to ${address} containing ${contains}`);
    return m;
  }, ms);
}

// The SMTP server refuses these addresses (550) from now on; [] accepts every address again.
export function refuse(addresses) {
  fs.writeFileSync(path.join(MAIL_DIR, 'refuse'), addresses.join('\n') + '\n');
}
