// The counter module's API: the office's service windows and the slots of their working days
// (public), an applicant's bookings (book, list, cancel), and the desk's day at a window (the
// day's list, walk-ins, check-in with a queue number, cancelling with a reason, no-shows).
import { request } from './request'
import type { components, operations } from './schema'

export type Counter = components['schemas']['Counter']
export type Booking = components['schemas']['CounterBooking']
export type BookingState = Booking['state']
export type CounterSlots = operations['listCounterSlots']['responses'][200]['content']['application/json']
export type CounterDay = CounterSlots['days'][number]
export type Slot = CounterDay['slots'][number]
export type BookingRequest = operations['bookCounterSlot']['requestBody']['content']['application/json']
export type CancelRequest = NonNullable<operations['cancelAppointment']['requestBody']>['content']['application/json']
export type WalkInRequest = operations['registerWalkIn']['requestBody']['content']['application/json']

export const BOOKING_STATES: BookingState[] = ['booked', 'checked_in', 'cancelled', 'no_show']
/** How many days the slots route answers at most (from today: the 30 days a booking may be ahead, and today). */
export const MAX_DAYS = 31

export const listCounters = () => request<{ items: Counter[] }>('/counters')
export const getSlots = (id: number, from: string, days: number) =>
  request<CounterSlots>(`/counters/${id}/slots`, { query: { from, days } })

// the applicant's
/** Silent: a refusal names its field (date, start, case_id), shown beside it. */
export const bookSlot = (id: number, body: BookingRequest) =>
  request<Booking>(`/counters/${id}/bookings`, { method: 'POST', body, silent: true })
export const listAppointments = () => request<{ items: Booking[] }>('/appointments')
/**
 * Cancels a booking: the applicant their own (no reason); the desk anyone's, with a reason the
 * applicant is told. Given a reason (the desk's call) it is silent: a refusal names its field
 * (reason), shown beside it.
 */
export const cancelAppointment = (id: number, reason?: string) =>
  reason === undefined
    ? request<Booking>(`/appointments/${id}/cancel`, { method: 'POST' })
    : request<Booking>(`/appointments/${id}/cancel`, { method: 'POST', body: { reason } satisfies CancelRequest, silent: true })

// the desk's
export const getCounterDay = (id: number, date: string) => request<{ items: Booking[] }>(`/counters/${id}/day`, { query: { date } })
/** Silent: a refusal names its field (name, purpose), shown beside it. */
export const registerWalkIn = (id: number, body: WalkInRequest) =>
  request<Booking>(`/counters/${id}/walk-ins`, { method: 'POST', body, silent: true })
export const checkIn = (id: number) => request<Booking>(`/appointments/${id}/check-in`, { method: 'POST' })
/** Nobody came: a booking whose slot is over. */
export const markNoShow = (id: number) => request<Booking>(`/appointments/${id}/no-show`, { method: 'POST' })
