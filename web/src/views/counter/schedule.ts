// The counters' calendar as the screens show it: today and the time of day in China (the
// server's clock: China keeps UTC+8 all year), what a day and a slot offer, which bookings can
// still be cancelled (by the applicant, by the desk), checked in or marked a no-show, and the
// order of the applicant's list. Pure: unit-tested in
// schedule.test.ts.
import type { Booking, Counter, CounterDay, Slot } from '@/api/counter'
import { dateTimeFormat } from '@/utils/intl'

const CHINA_OFFSET_MS = 8 * 60 * 60 * 1000

/** Today in China (`YYYY-MM-DD`) and the minutes since its midnight. */
export function chinaNow(now: Date = new Date()): { date: string; minutes: number } {
  const t = new Date(now.getTime() + CHINA_OFFSET_MS)
  return { date: t.toISOString().slice(0, 10), minutes: t.getUTCHours() * 60 + t.getUTCMinutes() }
}

/** `HH:MM` as minutes since midnight (NaN when it is no time). */
export function minutesOf(hhmm: string): number {
  const m = /^(\d{2}):(\d{2})$/.exec(hhmm)
  return m ? Number(m[1]) * 60 + Number(m[2]) : Number.NaN
}

/** A calendar date `YYYY-MM-DD` plus `n` days. */
export function addDays(date: string, n: number): string {
  const d = new Date(`${date}T00:00:00Z`)
  d.setUTCDate(d.getUTCDate() + n)
  return d.toISOString().slice(0, 10)
}

/** What a slot offers: places left, none left, or begun already (the server's `past`). */
export type SlotState = 'free' | 'full' | 'past'

export function slotState(s: Slot): SlotState {
  if (s.past) return 'past'
  return s.available > 0 ? 'free' : 'full'
}

/**
 * What a day offers: slots with places (`open`), none because the window is closed (not a
 * working day), because every slot has begun (`over`, later today) or is taken (`full`).
 */
export type DayState = 'open' | 'closed' | 'over' | 'full'

export function dayState(d: CounterDay): DayState {
  if (!d.open || d.slots.length === 0) return 'closed'
  if (d.slots.some((s) => slotState(s) === 'free')) return 'open'
  return d.slots.every((s) => s.past) ? 'over' : 'full'
}

/** The first day with a place left (today's included while it has some), or null. */
export function firstBookableDay(days: CounterDay[]): string | null {
  return days.find((d) => dayState(d) === 'open')?.date ?? null
}

/** The opening hours as one line: `09:00–12:00, 13:30–17:00`. */
export function hoursText(hours: string[][], separator = ', '): string {
  return hours.map(([from, to]) => `${from}–${to}`).join(separator)
}

/** Whether the applicant may still cancel: booked, and the slot not begun (the server's rule). */
export function canCancel(b: Pick<Booking, 'state' | 'date' | 'start'>, now: Date = new Date()): boolean {
  if (b.state !== 'booked') return false
  const { date, minutes } = chinaNow(now)
  return b.date > date || (b.date === date && minutesOf(b.start) > minutes)
}

/** The applicant's list: the bookings still to come first, the soonest first; then the rest as the server gave them (latest first). */
export function orderAppointments<T extends Pick<Booking, 'state' | 'date' | 'start'>>(items: T[], now: Date = new Date()): T[] {
  const coming = items.filter((b) => canCancel(b, now))
    .sort((a, b) => a.date.localeCompare(b.date) || a.start.localeCompare(b.start))
  return [...coming, ...items.filter((b) => !canCancel(b, now))]
}

/** Whether the desk can check this booking in now: booked, for today. */
export function canCheckIn(b: Pick<Booking, 'state' | 'date'>, now: Date = new Date()): boolean {
  return b.state === 'booked' && b.date === chinaNow(now).date
}

/** The minute a booking's slot ends: its `end`, else its start plus the counter's slot length. */
export function slotEnd(b: Pick<Booking, 'start'> & { end?: string }, counter?: Pick<Counter, 'slot_minutes'> | null): number {
  const end = b.end ? minutesOf(b.end) : Number.NaN
  return Number.isNaN(end) ? minutesOf(b.start) + (counter?.slot_minutes ?? 0) : end
}

/** Whether a booking's slot is over in China: a day before today, or today and its end reached. */
export function slotOver(b: Pick<Booking, 'date' | 'start'> & { end?: string }, counter?: Pick<Counter, 'slot_minutes'> | null,
  now: Date = new Date()): boolean {
  const { date, minutes } = chinaNow(now)
  return b.date < date || (b.date === date && slotEnd(b, counter) <= minutes)
}

/** Whether the desk may cancel a booking (with a reason): booked, for today or later (the server's rule). */
export function canDeskCancel(b: Pick<Booking, 'state' | 'date'>, now: Date = new Date()): boolean {
  return b.state === 'booked' && b.date >= chinaNow(now).date
}

/**
 * Whether the desk may mark a booking a no-show: booked and its slot over. Not a walk-in: they
 * were at the window when registered.
 */
export function canMarkNoShow(b: Pick<Booking, 'state' | 'date' | 'start' | 'walk_in'> & { end?: string },
  counter?: Pick<Counter, 'slot_minutes'> | null, now: Date = new Date()): boolean {
  return b.state === 'booked' && !b.walk_in && slotOver(b, counter, now)
}

/**
 * The counters whose day a user reads, and those they work: the staff (officer, approver) of
 * an office desk work the counters serving it; the auditor reads every counter's day.
 */
export function deskCounters(counters: Counter[], user: { roles: readonly string[]; desks: readonly string[] } | null):
  { counters: Counter[]; works: (c: Counter) => boolean } {
  if (!user) return { counters: [], works: () => false }
  const staff = user.roles.some((r) => r === 'officer' || r === 'approver')
  const works = (c: Counter) => staff && user.desks.includes(c.service)
  const auditor = user.roles.includes('auditor')
  return { counters: counters.filter((c) => auditor || works(c)), works }
}

/** A refusal's details by the field they name (`date`, `start`, `case_id`…); those naming none under ''. */
export function byField<D extends { field?: string }>(details: D[]): Record<string, D[]> {
  const out: Record<string, D[]> = {}
  for (const d of details) (out[d.field ?? ''] ??= []).push(d)
  return out
}

/** A text as a label starts: its first letter upper-case (the server writes places to be used inside sentences: "the … Centre"). */
export function upperFirst(s: string): string {
  return s ? s[0].toUpperCase() + s.slice(1) : s
}

/** A day of the strip: its weekday and date, short, in the UI's language (`Fri`, `Dec 4`). */
export function dayLabel(date: string, locale: string): { weekday: string; day: string } {
  const d = new Date(`${date}T00:00:00Z`)
  const weekday = dateTimeFormat(locale, { weekday: 'short', timeZone: 'UTC' }).format(d)
  const day = dateTimeFormat(locale, { month: 'short', day: 'numeric', timeZone: 'UTC' }).format(d)
  return { weekday, day }
}
