// Counter appointments (issue 10): the office's windows and their slots on the calendar's
// working days, booking and cancelling by applicants (the capacity never exceeded, even by
// bookings at the same moment), the desk's day list, walk-ins and check-in with queue numbers —
// every bad booking refused naming its field, with nothing written.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  Client, addDays, as, expectError, expectStatus, findDetail, firstLogin, show, tag, todayInChina,
} from './lib/client.mjs';

const anonymous = new Client();
const citizen = await as('citizen');
const ent = await as('ent.normal');
const entAdmin = await as('ent.normal.admin');
const green = await as('ent.green');
const other = await as('ent.other');
const officer = await as('officer');
const auditor = await as('auditor');

const counters = (await anonymous.get('/api/v1/counters')).body.items;
// Window B (apostilles and legalization, 3 places a slot): the matrix test books window A.
const B = counters.find((c) => c.code === 'B');
const A = counters.find((c) => c.code === 'A');

async function days(counter, from = todayInChina(), n = 31) {
  const r = await anonymous.get(`/api/v1/counters/${counter.id}/slots?from=${from}&days=${n}`);
  expectStatus(r, 200, 'anyone reads the slots');
  return r.body.days;
}

// The free slots of window B, from the last day of the window backwards (the other tests of
// this file take them one by one; nothing else books window B).
const FREE = (await days(B, addDays(todayInChina(), 1), 30)).reverse()
  .flatMap((d) => d.slots.filter((s) => s.available === B.capacity).map((s) => ({ date: d.date, start: s.start })));
function freeSlot() {
  const slot = FREE.shift();
  assert.ok(slot, 'window B has a free slot left');
  return slot;
}

async function book(client, slot, extra = {}, expected = 201) {
  const r = await client.post(`/api/v1/counters/${B.id}/bookings`, { ...slot, purpose: `测试 ${tag()}`, ...extra });
  expectStatus(r, expected, `${client.name} books ${slot.date} ${slot.start}`);
  return r;
}

// An officer of the office who works no desk: the administrator creates the account, the
// security administrator gives it the role (separation of duties).
let deskless = null;
async function desklessOfficer() {
  if (deskless) return deskless;
  const username = `counter.deskless.${tag()}`.toLowerCase();
  const u = await (await as('admin')).post('/api/v1/users', {
    username, password: 'Counter-Initial-Passw0rd', display_name: '无窗口经办 No desk', org_id: officer.user.org.id,
  });
  expectStatus(u, 201, 'the administrator creates an account');
  expectStatus(await (await as('secadmin')).put(`/api/v1/users/${u.body.id}/roles`, { roles: ['officer'] }), 200,
    'the security administrator makes it an officer');
  deskless = await firstLogin(username, 'Counter-Initial-Passw0rd');
  return deskless;
}

async function mine(client) {
  const r = await client.get('/api/v1/appointments');
  expectStatus(r, 200, `${client.name} lists their bookings`);
  return r.body.items;
}

async function placesLeft(slot) {
  const day = (await days(B, slot.date, 1))[0];
  return day.slots.find((s) => s.start === slot.start).available;
}

test('the counters and their days are public: working days open, cut into half-hour slots', async () => {
  assert.deepEqual(counters.map((c) => c.code), ['A', 'B']);
  assert.equal(A.service, 'visa');
  assert.equal(B.service, 'legalization');
  assert.equal(B.capacity, 3);
  const all = await days(B, todayInChina(), 14);
  assert.equal(all.length, 14);
  const open = all.filter((d) => d.open);
  const closed = all.filter((d) => !d.open);
  // Two weeks hold four weekend days, at most two of them make-up working days: days off, and
  // working days even in the Spring Festival's week.
  assert.ok(open.length >= 1 && closed.length >= 2, `two weeks have working days and days off: ${all.map((d) => `${d.date}:${d.open}`)}`);
  for (const d of closed) assert.deepEqual(d.slots, [], `${d.date} is closed: no slots`);
  for (const d of open) {
    assert.equal(d.slots.length, 13, `${d.date}: 09:00–12:00 and 13:30–17:00 in half hours`);
    assert.deepEqual([d.slots[0].start, d.slots[0].end, d.slots[12].start, d.slots[12].end], ['09:00', '09:30', '16:30', '17:00']);
  }
  // A day in the past: every slot past, none available.
  const past = (await days(B, addDays(todayInChina(), -7), 7)).filter((d) => d.open);
  for (const d of past) for (const s of d.slots) assert.equal(s.past && s.available === 0, true, `${d.date} ${s.start}`);
  const bad = await anonymous.get(`/api/v1/counters/${B.id}/slots?days=40`);
  expectError(bad, 400);
  expectStatus(await anonymous.get('/api/v1/counters/999999/slots'), 404);
});

test('an applicant books a slot: the place is taken, the booking listed, the applicant told', async () => {
  const slot = freeSlot();
  const r = await book(citizen, slot);
  assert.equal(r.body.state, 'booked');
  assert.equal(r.body.date, slot.date);
  assert.equal(r.body.start, slot.start);
  assert.equal(r.body.counter.code, 'B');
  assert.equal(r.body.queue_number, null);
  assert.equal(await placesLeft(slot), B.capacity - 1);
  assert.ok((await mine(citizen)).some((b) => b.id === r.body.id));
  assert.ok(!(await mine(ent)).some((b) => b.id === r.body.id), 'nobody else lists it');
  const inbox = await citizen.get('/api/v1/inbox?page_size=20');
  expectStatus(inbox, 200);
  assert.ok(inbox.body.items.some((m) => m.body.includes(slot.date) && m.body.includes(slot.start)),
    `the applicant is told: ${JSON.stringify(inbox.body.items.slice(0, 2))}`);
});

test('bad bookings are refused naming the field, and nothing is written', async () => {
  const before = (await mine(ent)).length;
  const today = todayInChina();
  const week = await days(B, addDays(today, 1), 14);
  const closed = week.find((d) => !d.open);
  const open = week.find((d) => d.open);
  const cases = [
    [{ date: addDays(today, -1), start: '09:00' }, 'counter.past', 'date'],
    [{ date: addDays(today, 45), start: '09:00' }, 'counter.too_far', 'date'],
    [{ date: closed.date, start: '09:00' }, 'counter.closed', 'date'],
    [{ date: open.date, start: '12:15' }, 'counter.no_slot', 'start'],
    [{ date: open.date, start: '08:30' }, 'counter.no_slot', 'start'],
  ];
  for (const [slot, rule, field] of cases) {
    const r = await ent.post(`/api/v1/counters/${B.id}/bookings`, slot);
    expectError(r, 422);
    findDetail(r, rule, field);
  }
  // Someone else's application is not the booker's to bring.
  const theirs = await citizen.get('/api/v1/cases?page_size=1');
  expectStatus(theirs, 200);
  const r = await ent.post(`/api/v1/counters/${B.id}/bookings`, { ...freeSlot(), case_id: theirs.body.items[0].id });
  expectError(r, 422);
  findDetail(r, 'counter.not_yours', 'case_id');
  // The schema's own refusals.
  const badDate = await ent.post(`/api/v1/counters/${B.id}/bookings`, { date: '2026-13-01', start: '09:00' });
  expectError(badDate, 422);
  findDetail(badDate, 'type', 'date');
  const noStart = await ent.post(`/api/v1/counters/${B.id}/bookings`, { date: open.date });
  expectError(noStart, 422);
  findDetail(noStart, 'required', 'start');
  expectStatus(await ent.post('/api/v1/counters/999999/bookings', { date: open.date, start: '09:00' }), 404);
  assert.equal((await mine(ent)).length, before, 'no booking written');
});

test("an enterprise's user books for a colleague's application shared within the enterprise; another enterprise may not", async () => {
  const depart = addDays(todayInChina(), 40);
  const made = await ent.post('/api/v1/cases', {
    type: 'visa_application',
    data: {
      country: 'JP', visa_kind: 'business', applicant_for: 'staff', name_zh: '陈立新', surname: 'CHEN', given_names: 'LIXIN',
      sex: 'M', birth_date: '1985-06-30', passport_number: `E${String(Date.now()).slice(-8)}`, passport_expiry: '2034-03-09',
      blank_pages: 20, depart_date: depart, return_date: addDays(depart, 6), phone: '0574-87901234',
    },
  });
  expectStatus(made, 201);
  const colleague = await book(entAdmin, freeSlot(), { case_id: made.body.id });
  assert.equal(colleague.body.case_id, made.body.id);
  assert.equal(colleague.body.case_number, made.body.number, 'the booking names the application');

  const before = (await mine(other)).length;
  const r = await other.post(`/api/v1/counters/${B.id}/bookings`, { ...freeSlot(), case_id: made.body.id });
  expectError(r, 422);
  findDetail(r, 'counter.not_yours', 'case_id');
  assert.equal((await mine(other)).length, before, 'no booking written');
});

test('a slot booked twice by the same applicant is refused', async () => {
  const slot = freeSlot();
  await book(green, slot);
  const again = await book(green, slot, {}, 422);
  findDetail(again, 'counter.booked_twice', 'start');
  assert.equal(await placesLeft(slot), B.capacity - 1, 'the second request took no place');
});

test('a full slot is refused, and bookings at the same moment never exceed its capacity', async () => {
  const slot = freeSlot();
  // Five applicants for three places, all at once.
  const results = await Promise.all([citizen, ent, entAdmin, green, other].map((c) =>
    c.post(`/api/v1/counters/${B.id}/bookings`, { ...slot, purpose: '并发测试 Concurrency' })));
  const booked = results.filter((r) => r.status === 201);
  const full = results.filter((r) => r.status === 422);
  assert.equal(booked.length, B.capacity, `exactly ${B.capacity} booked: ${results.map((r) => r.status)}`);
  assert.equal(full.length, 5 - B.capacity);
  for (const r of full) findDetail(r, 'counter.full', 'start');
  assert.equal(await placesLeft(slot), 0);
});

test('an applicant cancels a booking: the place is free again; not twice, and not someone else\'s', async () => {
  const slot = freeSlot();
  const r = await book(ent, slot);
  expectStatus(await entAdmin.post(`/api/v1/appointments/${r.body.id}/cancel`), 404, 'a colleague cannot');
  const noReason = await officer.post(`/api/v1/appointments/${r.body.id}/cancel`);
  expectError(noReason, 422, 'validation_failed');
  findDetail(noReason, 'required', 'reason');
  assert.equal(await placesLeft(slot), B.capacity - 1);
  const c = await ent.post(`/api/v1/appointments/${r.body.id}/cancel`);
  expectStatus(c, 200);
  assert.equal(c.body.state, 'cancelled');
  assert.equal(await placesLeft(slot), B.capacity);
  expectError(await ent.post(`/api/v1/appointments/${r.body.id}/cancel`), 409, 'invalid_state');
  // The freed place can be booked again, also by the same applicant.
  await book(ent, slot);
});

test('the desk cancels a booking with a reason the applicant is told; only its own counter\'s, not a past one', async () => {
  const slot = freeSlot();
  const r = await book(green, slot);
  const reason = `窗口临时停办 ${tag()}`;
  const long = await officer.post(`/api/v1/appointments/${r.body.id}/cancel`, { reason: 'x'.repeat(201) });
  expectError(long, 422, 'validation_failed');
  findDetail(long, 'max_length', 'reason');
  // Window B is the legalization desk's: an officer of no desk may not.
  expectStatus(await (await desklessOfficer()).post(`/api/v1/appointments/${r.body.id}/cancel`, { reason }), 403);
  expectStatus(await officer.post('/api/v1/appointments/999999/cancel', { reason }), 404);
  assert.equal((await mine(green)).find((b) => b.id === r.body.id).state, 'booked', 'nothing written by a refusal');

  const c = await officer.post(`/api/v1/appointments/${r.body.id}/cancel`, { reason });
  expectStatus(c, 200);
  assert.equal(c.body.state, 'cancelled');
  assert.equal(c.body.cancel_reason, reason);
  assert.equal(await placesLeft(slot), B.capacity, 'the place is free again');
  const seen = (await mine(green)).find((b) => b.id === r.body.id);
  assert.equal(seen.cancel_reason, reason, 'the applicant sees why');
  const inbox = await green.get('/api/v1/inbox?page_size=20');
  assert.ok(inbox.body.items.some((m) => m.body.includes(reason) && m.body.includes(slot.date)), show(inbox));
  expectError(await officer.post(`/api/v1/appointments/${r.body.id}/cancel`, { reason }), 409, 'invalid_state');
  // The applicant's own cancellation carries no reason.
  const own = await book(green, freeSlot());
  const ownCancel = await green.post(`/api/v1/appointments/${own.body.id}/cancel`);
  expectStatus(ownCancel, 200);
  assert.equal(ownCancel.body.cancel_reason, null);
});

test('a booking nobody came to is marked a no-show by the desk once its slot is over, not before', async () => {
  const future = await book(other, freeSlot());
  expectError(await officer.post(`/api/v1/appointments/${future.body.id}/no-show`), 409, 'not_over');
  expectStatus(await other.post(`/api/v1/appointments/${future.body.id}/no-show`), 403);
  expectStatus(await officer.post('/api/v1/appointments/999999/no-show'), 404);
  // The demo's last working day left one booking at window B that nobody came to.
  let last = null;
  for (let d = 1; d <= 14 && !last; d++) {
    const date = addDays(todayInChina(), -d);
    const items = (await officer.get(`/api/v1/counters/${B.id}/day?date=${date}`)).body.items;
    last = items.find((b) => b.state === 'booked');
  }
  assert.ok(last, 'a past booking left booked in the demo');
  expectStatus(await (await desklessOfficer()).post(`/api/v1/appointments/${last.id}/no-show`), 403);
  expectError(await officer.post(`/api/v1/appointments/${last.id}/cancel`, { reason: '过期' }), 409, 'past');
  const n = await officer.post(`/api/v1/appointments/${last.id}/no-show`);
  expectStatus(n, 200);
  assert.equal(n.body.state, 'no_show');
  assert.equal(n.body.queue_number, null);
  expectError(await officer.post(`/api/v1/appointments/${last.id}/no-show`), 409, 'invalid_state');
  expectError(await officer.post(`/api/v1/appointments/${last.id}/check-in`), 409, 'invalid_state');
});

test('the desk reads the day, registers a walk-in and checks people in with queue numbers', async () => {
  const day = await officer.get(`/api/v1/counters/${A.id}/day`);
  expectStatus(day, 200);
  expectStatus(await citizen.get(`/api/v1/counters/${A.id}/day`), 403);
  expectStatus(await auditor.get(`/api/v1/counters/${A.id}/day`), 200);
  expectError(await officer.get(`/api/v1/counters/${A.id}/day?date=tomorrow`), 400);

  const names = [`现场 ${tag()}`, `现场 ${tag()}`];
  const walkIns = [];
  for (const name of names) {
    const w = await officer.post(`/api/v1/counters/${A.id}/walk-ins`, { name, purpose: '咨询 Enquiry' });
    expectStatus(w, 201, 'the desk registers a walk-in');
    assert.equal(w.body.walk_in, true);
    assert.equal(w.body.date, todayInChina());
    assert.equal(w.body.person.display_name, name);
    walkIns.push(w.body);
  }
  expectStatus(await citizen.post(`/api/v1/counters/${A.id}/walk-ins`, { name: 'x' }), 403);
  const first = await officer.post(`/api/v1/appointments/${walkIns[0].id}/check-in`);
  expectStatus(first, 200);
  const second = await officer.post(`/api/v1/appointments/${walkIns[1].id}/check-in`);
  expectStatus(second, 200);
  assert.equal(first.body.state, 'checked_in');
  assert.match(first.body.queue_number, /^A\d{3}$/);
  assert.equal(Number(second.body.queue_number.slice(1)), Number(first.body.queue_number.slice(1)) + 1,
    'queue numbers follow each other');
  expectError(await officer.post(`/api/v1/appointments/${walkIns[0].id}/check-in`), 409, 'invalid_state');
  const listed = (await officer.get(`/api/v1/counters/${A.id}/day`)).body.items;
  assert.ok(listed.some((b) => b.id === walkIns[0].id && b.queue_number === first.body.queue_number));
});

test('a booking is checked in on its own day only, by the desk of its counter', async () => {
  const slot = freeSlot();
  const r = await book(other, slot);
  // Window B is the legalization desk's; the demo officer works on it too.
  expectError(await officer.post(`/api/v1/appointments/${r.body.id}/check-in`), 409, 'not_today');
  expectStatus(await other.post(`/api/v1/appointments/${r.body.id}/check-in`), 403);
  expectStatus(await officer.post('/api/v1/appointments/999999/check-in'), 404);
  const still = (await mine(other)).find((b) => b.id === r.body.id);
  assert.equal(still.state, 'booked');
  assert.equal(still.queue_number, null);
});
