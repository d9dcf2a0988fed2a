// The traveller register searched (issue 11: "search a person, their legs on a map"): the
// people whose name, phone, e-mail or group contains the words asked (ASCII letters in any
// case), newest first, each with their legs; without words, the newest people. `more` says
// that more match than the limit shows. The consular desk's staff and the auditor may search
// (every search is audited); anyone else is refused (403). A limit outside 1..100 or words
// longer than 100 characters: 400 `invalid_query`, naming the field.
import { request } from './request'
import type { operations } from './schema'

export type RegisterAnswer = operations['searchRegister']['responses'][200]['content']['application/json']
export type RegisterPerson = RegisterAnswer['items'][number]
export type RegisterLeg = RegisterPerson['legs'][number]
export type RegisterSource = RegisterPerson['source']

/** Errors are the caller's to show: the page's refusal (403) or what was wrong with the query (400). */
export const searchRegister = (q: string, limit: number) =>
  request<RegisterAnswer>('/safety/people', { query: { q, limit }, silent: true })
