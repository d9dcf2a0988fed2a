// The overseas-safety module's API: the crisis query — everyone of the traveller register
// inside a circle during a window, with the counts, and the people nearest first, paged. The
// consular desk's staff ask it, the auditor reads it; anyone else is refused (403).
import { request } from './request'
import type { operations } from './schema'

export type AffectedQuery = operations['findAffected']['requestBody']['content']['application/json']
export type Affected = operations['findAffected']['responses'][200]['content']['application/json']
export type AffectedPerson = Affected['items'][number]
export type CountryTally = Affected['by_country'][number]
export type CityTally = Affected['by_city'][number]

/** Errors are the caller's to show: beside the field they name, or the page's refusal. */
export const findAffected = (body: AffectedQuery) =>
  request<Affected>('/safety/affected', { method: 'POST', body, silent: true })
