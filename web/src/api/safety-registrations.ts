// Voluntary registration of trips abroad (issue 11): a citizen registers a trip for themselves
// and their family — people, legs picked from the gazetteer, and their consent to the
// register's purpose (the catalogue's safety.consent.v1) — reads their own registrations,
// newest first, and withdraws a consent, which removes the people and legs at once. Only the
// citizen role may call these (403 otherwise).
import { request } from './request'
import type { components, operations } from './schema'

export type Registration = components['schemas']['SafetyRegistration']
export type RegisteredPerson = Registration['people'][number]
export type RegisteredLeg = RegisteredPerson['legs'][number]
export type Relation = RegisteredPerson['relation']
export type NewRegistration = operations['registerTrip']['requestBody']['content']['application/json']
export type NewPerson = NewRegistration['people'][number]
export type NewLeg = NewRegistration['legs'][number]

/** The purpose agreed to, in both languages (the schema types it only as an object). */
export const purposeOf = (r: Registration) => r.purpose as unknown as { zh: string; en: string }

export const listRegistrations = () => request<{ items: Registration[] }>('/safety/registrations', { silent: true })
/** Errors are the caller's: a 422 names the field (`legs[0].to`, `legs[1].place_id`, `people[0].email`, `consent`…). */
export const registerTrip = (body: NewRegistration) =>
  request<Registration>('/safety/registrations', { method: 'POST', body, silent: true })
/** Errors are the caller's: 409 `safety.consent_withdrawn` when it already was. */
export const withdrawConsent = (id: number) =>
  request<Registration>(`/safety/registrations/${id}/withdraw`, { method: 'POST', silent: true })
