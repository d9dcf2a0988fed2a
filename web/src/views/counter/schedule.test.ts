// The counters' calendar on the screens: China's today whatever the browser's zone, which days
// and slots can be chosen (and why not), which bookings can still be cancelled or checked in,
// which the desk may cancel or mark a no-show, and who works which window's day.
import { describe, expect, it } from 'vitest'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { BOOKING_STATES, type Counter, type CounterDay, type Slot } from '@/api/counter'
import {
  addDays, byField, canCancel, canCheckIn, canDeskCancel, canMarkNoShow, chinaNow, dayLabel, dayState, deskCounters,
  firstBookableDay, hoursText, minutesOf, orderAppointments, slotEnd, slotOver, slotState, upperFirst, type DayState,
  type SlotState,
} from './schedule'

const slot = (start: string, available: number, past = false, capacity = 3): Slot =>
  ({ start, end: `${start.slice(0, 2)}:30`, capacity, booked: capacity - available, available: past ? 0 : available, past })
const day = (date: string, open: boolean, slots: Slot[] = []): CounterDay => ({ date, open, slots: open ? slots : [] })
const counter = (id: number, code: string, service: string): Counter => ({
  id, code, service, capacity: 3, slot_minutes: 30, name: { zh: code, en: code }, place: { zh: '', en: '' }, hours: [['09:00', '12:00']],
})

describe('the time in China', () => {
  it('is UTC+8 whatever the browser\'s zone: late evening in Europe is tomorrow morning', () => {
    expect(chinaNow(new Date('2026-12-02T21:34:00Z'))).toEqual({ date: '2026-12-03', minutes: 5 * 60 + 34 })
    expect(chinaNow(new Date('2026-12-31T16:00:00Z'))).toEqual({ date: '2027-01-01', minutes: 0 })
    expect(chinaNow(new Date('2026-12-03T15:59:00Z'))).toEqual({ date: '2026-12-03', minutes: 23 * 60 + 59 })
  })

  it('adds days across months and years, and reads HH:MM', () => {
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01')
    expect(addDays('2027-03-01', -1)).toBe('2027-02-28')
    expect(minutesOf('13:30')).toBe(810)
    expect(minutesOf('9:30')).toBeNaN()
  })
})

describe('the days and slots offered', () => {
  it('gives each slot its state: places left, full, or begun', () => {
    expect(slotState(slot('09:00', 2))).toBe<SlotState>('free')
    expect(slotState(slot('09:00', 0))).toBe<SlotState>('full')
    expect(slotState(slot('09:00', 3, true))).toBe<SlotState>('past')
  })

  it('tells a closed day, a day over, a full day and an open one apart', () => {
    expect(dayState(day('2026-12-05', false))).toBe<DayState>('closed')
    expect(dayState(day('2026-12-03', true, [slot('09:00', 3, true), slot('16:30', 3, true)]))).toBe<DayState>('over')
    expect(dayState(day('2026-12-04', true, [slot('09:00', 0), slot('09:30', 0, true)]))).toBe<DayState>('full')
    expect(dayState(day('2026-12-04', true, [slot('09:00', 0), slot('09:30', 1)]))).toBe<DayState>('open')
    // a working day without slots (no hours) offers nothing
    expect(dayState(day('2026-12-04', true, []))).toBe<DayState>('closed')
  })

  it('chooses the first day with a place: not today once it is over, not a weekend, not a full day', () => {
    const days = [
      day('2026-12-04', true, [slot('09:00', 3, true)]), // Friday, over
      day('2026-12-05', false), day('2026-12-06', false), // the weekend
      day('2026-12-07', true, [slot('09:00', 0), slot('09:30', 0)]), // full
      day('2026-12-08', true, [slot('09:00', 0), slot('09:30', 2)]),
    ]
    expect(firstBookableDay(days)).toBe('2026-12-08')
    expect(firstBookableDay(days.slice(0, 4))).toBeNull()
    expect(firstBookableDay([])).toBeNull()
  })

  it('writes the hours as one line, and a place as a label', () => {
    expect(hoursText([['09:00', '12:00'], ['13:30', '17:00']])).toBe('09:00–12:00, 13:30–17:00')
    expect(upperFirst('the Foreign Affairs window')).toBe('The Foreign Affairs window')
    expect(upperFirst('')).toBe('')
  })

  it('labels a day with its weekday in either language', () => {
    expect(dayLabel('2026-12-04', 'en-US')).toEqual({ weekday: 'Fri', day: 'Dec 4' })
    expect(dayLabel('2026-12-04', 'zh-CN')).toEqual({ weekday: '周五', day: '12月4日' })
  })
})

describe('the applicant\'s bookings', () => {
  // Thursday 3 December 2026, 10:15 in China
  const now = new Date('2026-12-03T02:15:00Z')
  const booking = (id: number, date: string, start: string, state: 'booked' | 'cancelled' | 'checked_in' = 'booked') => ({ id, date, start, state })

  it('can be cancelled while booked and not begun (the server\'s rule)', () => {
    expect(canCancel(booking(1, '2026-12-03', '10:30'), now)).toBe(true)
    expect(canCancel(booking(1, '2026-12-03', '10:00'), now)).toBe(false)
    expect(canCancel(booking(1, '2026-12-03', '10:15'), now)).toBe(false)
    expect(canCancel(booking(1, '2026-12-02', '16:30'), now)).toBe(false)
    expect(canCancel(booking(1, '2026-12-10', '09:00', 'cancelled'), now)).toBe(false)
    expect(canCancel(booking(1, '2026-12-10', '09:00', 'checked_in'), now)).toBe(false)
  })

  it('lists those to come first, the soonest first, then the rest as the server ordered them', () => {
    const items = [
      booking(1, '2026-12-10', '09:00'), booking(2, '2026-12-08', '14:00', 'cancelled'), booking(3, '2026-12-04', '16:00'),
      booking(4, '2026-12-04', '09:30'), booking(5, '2026-12-03', '09:00', 'checked_in'), booking(6, '2026-12-01', '10:00'),
    ]
    expect(orderAppointments(items, now).map((b) => b.id)).toEqual([4, 3, 1, 2, 5, 6])
  })

  it('are checked in by the desk on their own day only, once', () => {
    expect(canCheckIn(booking(1, '2026-12-03', '16:00'), now)).toBe(true)
    expect(canCheckIn(booking(1, '2026-12-04', '09:00'), now)).toBe(false)
    expect(canCheckIn(booking(1, '2026-12-03', '09:00', 'checked_in'), now)).toBe(false)
  })

  it('show a refusal beside the fields it names', () => {
    const d = [{ field: 'start', rule: 'counter.full' }, { field: 'case_id', rule: 'counter.not_yours' }, { rule: 'x' }]
    expect(byField(d)).toEqual({ start: [d[0]], case_id: [d[1]], '': [d[2]] })
  })
})

describe('the desk\'s cancellations and no-shows', () => {
  // Thursday 3 December 2026, 10:15 in China; slots of 30 minutes
  const now = new Date('2026-12-03T02:15:00Z')
  const win = { slot_minutes: 30 }
  type State = 'booked' | 'cancelled' | 'checked_in' | 'no_show'
  const booking = (date: string, start: string, state: State = 'booked', walk_in = false, end?: string) => ({ date, start, end, state, walk_in })

  it('ends a slot at its end, else its start plus the window\'s slot length', () => {
    expect(slotEnd({ start: '09:45', end: '10:15' }, win)).toBe(615)
    expect(slotEnd({ start: '09:45', end: '10:00' }, win)).toBe(600) // the booking's end wins
    expect(slotEnd({ start: '09:45' }, win)).toBe(615)
    expect(slotEnd({ start: '09:45', end: '' }, { slot_minutes: 20 })).toBe(605)
  })

  it('is over once its end is reached in China, on the day or after', () => {
    // exactly at the end minute: over
    expect(slotOver(booking('2026-12-03', '09:45', 'booked', false, '10:15'), win, now)).toBe(true)
    expect(slotOver(booking('2026-12-03', '09:45'), win, now)).toBe(true)
    // a minute before its end: not yet
    expect(slotOver(booking('2026-12-03', '09:46'), win, now)).toBe(false)
    expect(slotOver(booking('2026-12-03', '10:00', 'booked', false, '10:30'), win, now)).toBe(false)
    // yesterday's last slot, tomorrow's first
    expect(slotOver(booking('2026-12-02', '16:30', 'booked', false, '17:00'), win, now)).toBe(true)
    expect(slotOver(booking('2026-12-04', '09:00', 'booked', false, '09:30'), win, now)).toBe(false)
    // late evening in Europe is the next morning in China: the day before is over
    expect(slotOver(booking('2026-12-03', '16:30'), win, new Date('2026-12-03T21:00:00Z'))).toBe(true)
  })

  it('cancels, with a reason, a booking of today (even begun) or later, not a past one', () => {
    expect(canDeskCancel(booking('2026-12-03', '09:00'), now)).toBe(true)
    expect(canDeskCancel(booking('2026-12-03', '16:30'), now)).toBe(true)
    expect(canDeskCancel(booking('2026-12-04', '09:00'), now)).toBe(true)
    expect(canDeskCancel(booking('2026-12-02', '16:30'), now)).toBe(false)
    expect(canDeskCancel(booking('2026-12-04', '09:00', 'cancelled'), now)).toBe(false)
    expect(canDeskCancel(booking('2026-12-03', '09:00', 'checked_in'), now)).toBe(false)
    expect(canDeskCancel(booking('2026-12-03', '09:00', 'no_show'), now)).toBe(false)
    // just before midnight in China the day is still today
    expect(canDeskCancel(booking('2026-12-03', '09:00'), new Date('2026-12-03T15:59:00Z'))).toBe(true)
    expect(canDeskCancel(booking('2026-12-03', '09:00'), new Date('2026-12-03T16:00:00Z'))).toBe(false)
  })

  it('marks a no-show once the slot is over, from its end minute on; not a walk-in, not twice', () => {
    expect(canMarkNoShow(booking('2026-12-03', '09:45', 'booked', false, '10:15'), win, now)).toBe(true)
    expect(canMarkNoShow(booking('2026-12-03', '09:46', 'booked', false, '10:16'), win, now)).toBe(false)
    expect(canMarkNoShow(booking('2026-12-02', '15:00', 'booked', false, '15:30'), win, now)).toBe(true)
    expect(canMarkNoShow(booking('2026-12-04', '09:00', 'booked', false, '09:30'), win, now)).toBe(false)
    // someone registered at the window was there
    expect(canMarkNoShow(booking('2026-12-02', '09:00', 'booked', true), win, now)).toBe(false)
    expect(canMarkNoShow(booking('2026-12-02', '09:00', 'checked_in'), win, now)).toBe(false)
    expect(canMarkNoShow(booking('2026-12-02', '09:00', 'cancelled'), win, now)).toBe(false)
    expect(canMarkNoShow(booking('2026-12-02', '09:00', 'no_show'), win, now)).toBe(false)
  })
})

describe('the desk\'s windows', () => {
  const counters = [counter(1, 'A', 'visa'), counter(2, 'B', 'legalization')]

  it('are those of the staff\'s desks, worked by them', () => {
    const visaDesk = deskCounters(counters, { roles: ['officer'], desks: ['visa', 'travel'] })
    expect(visaDesk.counters.map((c) => c.code)).toEqual(['A'])
    expect(visaDesk.works(counters[0])).toBe(true)
    const both = deskCounters(counters, { roles: ['approver'], desks: ['visa', 'legalization'] })
    expect(both.counters.map((c) => c.code)).toEqual(['A', 'B'])
    expect(deskCounters(counters, { roles: ['officer'], desks: [] }).counters).toEqual([])
  })

  it('are all read by the auditor, who works none', () => {
    const auditor = deskCounters(counters, { roles: ['auditor'], desks: [] })
    expect(auditor.counters.map((c) => c.code)).toEqual(['A', 'B'])
    expect(counters.some(auditor.works)).toBe(false)
    expect(deskCounters(counters, null).counters).toEqual([])
  })
})

describe('the counter catalogue', () => {
  // keys the screens build from values: booking states, day and slot states
  const keys = [
    ...BOOKING_STATES.map((s) => `state.${s}`),
    ...(['open', 'closed', 'over', 'full'] satisfies DayState[]).map((s) => `book.dayState.${s}`),
    ...(['free', 'full', 'past'] satisfies SlotState[]).map((s) => `book.slotSr.${s}`),
  ]
  for (const lang of ['zh-CN', 'en-US']) {
    it(`has the keys built from values in ${lang}`, () => {
      const cat = JSON.parse(readFileSync(join(__dirname, '..', '..', 'locales', lang, 'counter.json'), 'utf8'))
      expect(keys.filter((k) => typeof k.split('.').reduce((o: any, p) => o?.[p], cat) !== 'string')).toEqual([])
    })
  }
})
