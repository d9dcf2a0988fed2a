// The agreements with partner cities: recorded for a term or open-ended, their state today
// (in force, renewal due, expired), the signed copy uploaded as a PDF and downloaded as it was,
// the renewal a deadline the office's staff are reminded of once by the daily job
// (`waishi daily`), bad input refused naming the field, and who may do what.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { Client, addDays, as, expectError, expectStatus, findDetail, listAll, tag, tinyPdf, todayInChina } from './lib/client.mjs';
import { newCity } from './lib/network.mjs';

const anonymous = new Client();
const officer = await as('officer');
const approver = await as('approver');
const auditor = await as('auditor');
const citizen = await as('citizen');

const today = todayInChina();

const aCity = () => newCity(officer, { lat: 51.2, lon: 6.8, established: '2001-06-01' });

const agreement = (city, extra = {}) => ({
  city_id: city.id, title_zh: `友好城市关系协议书${tag()}`, title_en: 'Agreement on sister-city relations',
  signed_on: '2021-06-01', ...extra,
});

const upload = (client, id, filename, bytes, type = 'application/pdf') =>
  client.put(`/api/v1/network/agreements/${id}/file?filename=${encodeURIComponent(filename)}`, bytes,
    { headers: { 'Content-Type': type } });

function daily() {
  return new Promise((resolve) => {
    execFile(process.env.WAISHI_BIN, ['daily', '--db', process.env.WAISHI_DB], { env: process.env },
      (error, stdout, stderr) => resolve({ code: error ? error.code : 0, stdout, stderr }));
  });
}

test("the demo's agreements: Nagaokakyo's open-ended, Aachen's renewal due, Nottingham's in force", async () => {
  const all = await listAll(auditor, '/api/v1/network/agreements');
  const of = (name) => all.find((a) => a.city.name_en === name);
  assert.deepEqual([of('Nagaokakyo')?.state, of('Nagaokakyo')?.signed_on], ['open_ended', '1983-10-07']);
  assert.deepEqual([of('Aachen')?.state, of('Aachen')?.expires_on], ['renewal_due', addDays(today, 60)]);
  assert.equal(of('Nottingham')?.state, 'in_force');
});

test("an agreement's state follows today: in force, its renewal due, expired, or open-ended", async () => {
  const city = await aCity();
  const cases = [
    [{ expires_on: addDays(today, 400) }, 'in_force', addDays(today, 400 - 180)],
    [{ expires_on: addDays(today, 30), renewal_notice_days: 90 }, 'renewal_due', addDays(today, -60)],
    [{ expires_on: addDays(today, -1) }, 'expired', addDays(today, -181)],
    [{}, 'open_ended', null],
  ];
  const ids = [];
  for (const [extra, state, due] of cases) {
    const r = await approver.post('/api/v1/network/agreements', agreement(city, extra));
    expectStatus(r, 201, state);
    assert.deepEqual([r.body.state, r.body.renewal_due_on, r.body.expires_on ?? null, r.body.file, r.body.reminded_on],
      [state, due, extra.expires_on ?? null, null, null], state);
    assert.equal(r.body.renewal_notice_days, extra.renewal_notice_days ?? 180);
    assert.deepEqual(r.body.city, { id: city.id, name_zh: city.name_zh, name_en: city.name_en, country: 'DE' });
    ids.push(r.body.id);
  }
  const listed = await listAll(auditor, `/api/v1/network/agreements?city_id=${city.id}`);
  assert.deepEqual(listed.map((a) => a.id), [ids[2], ids[1], ids[0], ids[3]], 'the soonest expiry first, the open-ended last');
  const due = await listAll(officer, '/api/v1/network/agreements?due=true');
  assert.ok(due.some((a) => a.id === ids[1]), 'the renewal due is listed as due');
  assert.ok(!due.some((a) => [ids[0], ids[2], ids[3]].includes(a.id)), 'nothing else of the city');
  assert.ok(due.every((a) => a.state === 'renewal_due'));
  const one = await auditor.get(`/api/v1/network/agreements/${ids[1]}`);
  expectStatus(one, 200);
  assert.deepEqual(one.body, listed[1]);
});

test('the signed copy: a PDF uploaded, downloaded byte for byte, replaced; anything else refused', async () => {
  const city = await aCity();
  const a = await officer.post('/api/v1/network/agreements', agreement(city, { expires_on: addDays(today, 900) }));
  expectStatus(a, 201);
  expectStatus(await officer.get(`/api/v1/network/agreements/${a.body.id}/file`), 404, 'no copy yet');
  const pdf = tinyPdf('Agreement on sister-city relations');
  const up = await upload(officer, a.body.id, '协议书 2021.pdf', pdf);
  expectStatus(up, 200);
  assert.equal(up.body.file.filename, '协议书 2021.pdf');
  assert.equal(up.body.file.size, pdf.length);
  assert.match(up.body.file.sha256, /^[0-9a-f]{64}$/);
  assert.equal(up.body.expires_on, a.body.expires_on, 'the upload changes nothing else');
  const down = await auditor.get(`/api/v1/network/agreements/${a.body.id}/file`, { raw: true });
  expectStatus(down, 200);
  assert.equal(down.headers.get('content-type'), 'application/pdf');
  assert.ok(Buffer.compare(down.bytes, Buffer.from(pdf)) === 0, 'the same bytes');
  assert.match(down.headers.get('content-disposition'), /attachment; filename=.*filename\*=UTF-8''%E5%8D%8F/);

  const again = await upload(approver, a.body.id, 'renewed.pdf', tinyPdf('Renewed'));
  expectStatus(again, 200);
  assert.equal(again.body.file.filename, 'renewed.pdf');
  assert.notEqual(again.body.file.sha256, up.body.file.sha256);

  const png = Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex');
  expectError(await upload(officer, a.body.id, 'scan.png', png, 'image/png'), 415, 'unsupported_file');
  expectError(await upload(officer, a.body.id, 'scan.pdf', png), 415, 'unsupported_file');
  expectError(await upload(officer, a.body.id, 'agreement.docx', pdf), 415, 'unsupported_file');
  expectError(await upload(officer, a.body.id, '', pdf), 422, 'validation_failed');
  expectStatus(await upload(officer, 999999999, 'x.pdf', pdf), 404);
  const kept = await officer.get(`/api/v1/network/agreements/${a.body.id}`);
  assert.equal(kept.body.file.filename, 'renewed.pdf', 'the refused uploads wrote nothing');
});

test("the renewal is a deadline: the daily job tells the staff once, when it comes due, and not of what is not due", async () => {
  const city = await aCity();
  const due = await officer.post('/api/v1/network/agreements', agreement(city, {
    title_zh: `续签提醒协议${tag()}`, expires_on: addDays(today, 20), renewal_notice_days: 30,
  }));
  const later = await officer.post('/api/v1/network/agreements', agreement(city, {
    title_zh: `尚早协议${tag()}`, expires_on: addDays(today, 400),
  }));
  const gone = await officer.post('/api/v1/network/agreements', agreement(city, {
    title_zh: `已过期协议${tag()}`, expires_on: addDays(today, -3),
  }));
  for (const r of [due, later, gone]) expectStatus(r, 201);
  const told = async (client, title) => {
    const inbox = await client.get('/api/v1/inbox?page_size=50');
    expectStatus(inbox, 200);
    return inbox.body.items.filter((m) => m.subject.includes(title) || m.body.includes(title));
  };
  const first = await daily();
  assert.equal(first.code, 0, first.stderr);
  for (const client of [officer, approver]) {
    const messages = await told(client, due.body.title_zh);
    assert.equal(messages.length, 1, `${client.name} is told once`);
    assert.ok(messages[0].subject.includes(due.body.expires_on), messages[0].subject);
    assert.equal(messages[0].link, `/network/cities/${city.id}`);
    assert.equal((await told(client, later.body.title_zh)).length, 0, 'not of one not yet due');
    assert.equal((await told(client, gone.body.title_zh)).length, 0, 'not of one expired');
  }
  assert.equal((await told(auditor, due.body.title_zh)).length, 0, 'the auditor is not told');
  const after = await officer.get(`/api/v1/network/agreements/${due.body.id}`);
  assert.equal(after.body.reminded_on, today);
  const second = await daily();
  assert.equal(second.code, 0, second.stderr);
  assert.equal((await told(officer, due.body.title_zh)).length, 1, 'told once, not every day');
  const audit = await listAll(auditor, '/api/v1/audit?action=network.agreement.reminded');
  assert.ok(audit.some((e) => e.detail.agreements.includes(due.body.id)), 'the reminder is audited');
});

test('a bad agreement is refused naming the field and the rule, and nothing is written', async () => {
  const city = await aCity();
  const count = async () => (await listAll(officer, `/api/v1/network/agreements?city_id=${city.id}`)).length;
  for (const [body, rule, field] of [
    [agreement(city, { signed_on: addDays(today, 1) }), 'network.agreement.signed_future', 'signed_on'],
    [agreement(city, { expires_on: '2021-06-01' }), 'network.agreement.expires_before_signed', 'expires_on'],
    [agreement(city, { signed_on: '2021-02-30' }), 'type', 'signed_on'],
    [agreement(city, { renewal_notice_days: 0 }), 'range', 'renewal_notice_days'],
    [agreement(city, { title_en: '' }), 'required', 'title_en'],
    [agreement({ id: 999999999 }), 'network.city_unknown', 'city_id'],
  ]) {
    const r = await officer.post('/api/v1/network/agreements', body);
    expectError(r, 422, 'validation_failed');
    findDetail(r, rule, field);
  }
  const { title_zh: _t, ...untitled } = agreement(city);
  findDetail(await officer.post('/api/v1/network/agreements', untitled), 'required', 'title_zh');
  assert.equal(await count(), 0);
  expectError(await officer.get('/api/v1/network/agreements?due=soon'), 400, 'invalid_query');
  expectStatus(await officer.get('/api/v1/network/agreements/999999999'), 404);
});

test("an agreement corrected keeps its reminder; renewed, its deadline moves and the staff are reminded again; its city and signed copy untouched", async () => {
  const city = await aCity();
  const terms = { title_zh: `教育合作备忘录${tag()}`, title_en: 'Memorandum on education', signed_on: '2021-06-01',
    expires_on: addDays(today, 20), renewal_notice_days: 30 };
  const made = await officer.post('/api/v1/network/agreements', { city_id: city.id, ...terms });
  expectStatus(made, 201);
  const id = made.body.id;
  expectStatus(await upload(officer, id, 'signed.pdf', tinyPdf()), 200);
  assert.equal((await daily()).code, 0);
  const reminded = await officer.get(`/api/v1/network/agreements/${id}`);
  assert.equal(reminded.body.reminded_on, today, 'reminded once its renewal came due');

  // A title corrected: the deadline stays, and so does the reminder already sent.
  const corrected = await approver.put(`/api/v1/network/agreements/${id}`, { ...terms, title_en: 'Memorandum on cooperation in education' });
  expectStatus(corrected, 200, 'the approver corrects the title');
  assert.deepEqual(corrected.body, { ...reminded.body, title_en: 'Memorandum on cooperation in education', updated_at: corrected.body.updated_at },
    'the title and nothing else');

  // Renewed for five years: a new deadline, reminded of again when it comes.
  const expires_on = addDays(today, 5 * 365);
  const renewed = await officer.put(`/api/v1/network/agreements/${id}`, { ...terms, expires_on, renewal_notice_days: 90 });
  expectStatus(renewed, 200, 'the officer records the renewal');
  assert.equal(renewed.body.expires_on, expires_on);
  assert.equal(renewed.body.renewal_notice_days, 90);
  assert.equal(renewed.body.renewal_due_on, addDays(expires_on, -90));
  assert.equal(renewed.body.reminded_on, null, 'the reminder re-armed');
  assert.equal(renewed.body.state, 'in_force');
  assert.deepEqual([renewed.body.city, renewed.body.file, renewed.body.created_at], [made.body.city, reminded.body.file, made.body.created_at],
    'its city, its signed copy and its creation untouched');
  const audit = await listAll(auditor, `/api/v1/audit?action=network.agreement.update&object_type=network_agreement&object_id=${id}`);
  assert.equal(audit.length, 2, 'each edit audited');
  assert.ok(audit.some((e) => e.detail.renewal_due_on.from === reminded.body.renewal_due_on && e.detail.renewal_due_on.to === renewed.body.renewal_due_on),
    JSON.stringify(audit.map((e) => e.detail)));

  // Open-ended from now on: no expiry, no deadline.
  const { expires_on: _e, ...open } = terms;
  const opened = await officer.put(`/api/v1/network/agreements/${id}`, open);
  expectStatus(opened, 200);
  assert.deepEqual([opened.body.state, opened.body.expires_on, opened.body.renewal_due_on], ['open_ended', null, null]);
});

test('a bad edit of an agreement is refused naming the field, and nothing is written; none is there to edit: 404', async () => {
  const city = await aCity();
  const made = await officer.post('/api/v1/network/agreements', agreement(city, { expires_on: '2030-06-01' }));
  expectStatus(made, 201);
  const { city_id: _c, ...terms } = agreement(city, { title_zh: made.body.title_zh, expires_on: '2030-06-01' });
  for (const [body, rule, field] of [
    [{ ...terms, signed_on: addDays(today, 1) }, 'network.agreement.signed_future', 'signed_on'],
    [{ ...terms, expires_on: '2020-01-01' }, 'network.agreement.expires_before_signed', 'expires_on'],
    [{ ...terms, renewal_notice_days: 731 }, 'range', 'renewal_notice_days'],
    [{ ...terms, title_zh: '' }, 'required', 'title_zh'],
    [{ ...terms, city_id: city.id }, 'unknown_field', 'city_id'],
  ]) {
    const r = await officer.put(`/api/v1/network/agreements/${made.body.id}`, body);
    expectError(r, 422, 'validation_failed');
    findDetail(r, rule, field);
  }
  const after = await officer.get(`/api/v1/network/agreements/${made.body.id}`);
  assert.deepEqual(after.body, made.body, 'nothing written');
  expectError(await officer.put('/api/v1/network/agreements/999999999', terms), 404);
  expectError(await auditor.put(`/api/v1/network/agreements/${made.body.id}`, terms), 403);
  expectError(await citizen.put(`/api/v1/network/agreements/${made.body.id}`, terms), 403);
  expectError(await anonymous.put(`/api/v1/network/agreements/${made.body.id}`, terms), 401);
});

test('who may: officers and approvers record and upload, the auditor reads, nobody else either', async () => {
  const city = await aCity();
  const a = await officer.post('/api/v1/network/agreements', agreement(city));
  expectStatus(a, 201);
  for (const client of [auditor, citizen]) {
    expectError(await client.post('/api/v1/network/agreements', agreement(city)), 403, 'forbidden');
    expectError(await upload(client, a.body.id, 'x.pdf', tinyPdf()), 403, 'forbidden');
  }
  expectError(await citizen.get('/api/v1/network/agreements'), 403, 'forbidden');
  expectError(await anonymous.get(`/api/v1/network/agreements/${a.body.id}`), 401, 'unauthenticated');
});
