// The overseas-safety module's API: the crisis query — everyone of the traveller register
// inside a circle during a window, with the counts, and the people nearest first, paged; and the
// incidents drawn from it, their roll call, calls, timeline and live figures. The consular
// desk's staff ask and act, the auditor reads; anyone else is refused (403). The person abroad
// answers through a one-time link, without an account.
import { request } from './request'
import type { components, operations } from './schema'
import type { Page } from './types'

export type AffectedQuery = operations['findAffected']['requestBody']['content']['application/json']
export type Affected = operations['findAffected']['responses'][200]['content']['application/json']
export type AffectedPerson = Affected['items'][number]
export type CountryTally = Affected['by_country'][number]
export type CityTally = Affected['by_city'][number]

/** Errors are the caller's to show: beside the field they name, or the page's refusal. */
export const findAffected = (body: AffectedQuery) =>
  request<Affected>('/safety/affected', { method: 'POST', body, silent: true })

// ---- incidents and their roll call (crisis mode) ----

export type Incident = components['schemas']['SafetyIncident']
export type RollCallCounts = components['schemas']['SafetyRollCallCounts']
export type NewIncident = operations['createIncident']['requestBody']['content']['application/json']
export type RollCallSent = operations['sendRollCall']['responses'][200]['content']['application/json']
export type RollCallPage = operations['listRollCall']['responses'][200]['content']['application/json']
export type RollCallPerson = RollCallPage['items'][number]
export type RollCallStatus = 'unanswered' | 'need_help' | 'safe'
export type TimelineItem = operations['getIncidentTimeline']['responses'][200]['content']['application/json']['items'][number]
export type CallOutcome = 'reached' | 'no_answer'
export type OpenedCase = operations['openAssistanceCase']['responses'][201]['content']['application/json']
export type SafetyQuestion = operations['getSafetyQuestion']['responses'][200]['content']['application/json']
export type SafetyAnswer = operations['answerSafetyQuestion']['requestBody']['content']['application/json']
export type SafetyAnswered = operations['answerSafetyQuestion']['responses'][200]['content']['application/json']

export const listIncidents = (page = 1, page_size = 20) =>
  request<Page<Incident>>('/safety/incidents', { query: { page, page_size }, silent: true })
/** Errors are the caller's: a 422 names the field (`to` for a window out of order). */
export const createIncident = (body: NewIncident) =>
  request<Incident>('/safety/incidents', { method: 'POST', body, silent: true })
export const getIncident = (id: number) => request<Incident>(`/safety/incidents/${id}`, { silent: true })
export const sendRollCall = (id: number) => request<RollCallSent>(`/safety/incidents/${id}/roll-call`, { method: 'POST' })
export const listRollCall = (id: number, status: RollCallStatus, page: number, page_size: number) =>
  request<RollCallPage>(`/safety/incidents/${id}/people`, { query: { status, page, page_size } })
export const recordCall = (id: number, body: { person_id: number; outcome: CallOutcome; note?: string }) =>
  request<{ id: number }>(`/safety/incidents/${id}/calls`, { method: 'POST', body })
/** A person's "need help" made a draft consular case; a refusal (409 safety.case_exists…) is shown by the client. */
export const openAssistanceCase = (id: number, person_id: number) =>
  request<OpenedCase>(`/safety/incidents/${id}/cases`, { method: 'POST', body: { person_id } })
export const closeIncident = (id: number) => request<Incident>(`/safety/incidents/${id}/close`, { method: 'POST' })
export const incidentTimeline = (id: number) => request<{ items: TimelineItem[] }>(`/safety/incidents/${id}/timeline`)
/** The roll call live (Server-Sent Events, the session's cookie): the caller closes it. */
export const followIncident = (id: number) => new EventSource(`/api/v1/safety/incidents/${id}/live`)

// ---- the person abroad, through the link (no account): errors are the page's to show ----

export const getSafetyQuestion = (token: string) =>
  request<SafetyQuestion>(`/safety/answer/${encodeURIComponent(token)}`, { silent: true })
export const answerSafetyQuestion = (token: string, body: SafetyAnswer) =>
  request<SafetyAnswered>(`/safety/answer/${encodeURIComponent(token)}`, { method: 'POST', body, silent: true })

// ---- travel alerts: written and sent by the desk (four eyes), read by the public ----

export type Alert = components['schemas']['SafetyAlert']
export type PublicAlert = components['schemas']['SafetyPublicAlert']
export type AlertArea = components['schemas']['SafetyAlertArea']
export type AlertLevel = Alert['level']
export type NewAlert = operations['createAlert']['requestBody']['content']['application/json']

export const listAlerts = (page = 1, page_size = 20) =>
  request<Page<Alert>>('/safety/alerts', { query: { page, page_size }, silent: true })
export const getAlert = (id: number) => request<Alert>(`/safety/alerts/${id}`, { silent: true })
/** Errors are the caller's: a 422 names the field (`area.countries[0]`, `valid_until`…). */
export const createAlert = (body: NewAlert) => request<Alert>('/safety/alerts', { method: 'POST', body, silent: true })
/** The alert's steps; a 409 (`safety.alert_state`, `safety.alert_second_reviewer`…) is the caller's to show. */
export const alertStep = (id: number, step: 'publish' | 'withdraw' | 'send' | 'send/approve') =>
  request<Alert>(`/safety/alerts/${id}/${step}`, { method: 'POST', silent: true })
/** Public (no sign-in): the alerts in force today, the most serious first. */
export const currentAlerts = () => request<{ items: PublicAlert[] }>('/safety/alerts/current', { silent: true })
