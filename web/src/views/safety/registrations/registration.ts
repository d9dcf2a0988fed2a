// A trip's registration, the pure part: what the form holds (people, legs, the consent), the
// request's body built from it — none without the consent ticked — and which control a
// server's error stands beside (`legs[1].to` by the second leg's end date, `legs[0].place_id`
// by its city…), kept in step when a row is removed. No Vue, no requests: unit-tested.
import type { NewLeg, NewPerson, NewRegistration, Registration, Relation } from '@/api/safety-registrations'
import type { ErrorDetail, Place } from '@/api/types'
import { normalizePath } from '@/components/form/model'

/** The server's limits (src/safety/registrations.cpp): 1 to 10 people, 1 to 20 legs. */
export const MAX_PEOPLE = 10
export const MAX_LEGS = 20

export interface PersonForm {
  /** A key for the list's rows, stable while rows are added and removed. */
  key: number
  name: string
  relation: Relation
  phone: string
  email: string
}

export interface LegForm {
  key: number
  place: Place | null
  from: string
  to: string
}

export interface RegistrationForm {
  people: PersonForm[]
  legs: LegForm[]
  consent: boolean
}

let lastKey = 0
const nextKey = () => ++lastKey

export const newPerson = (relation: Relation = 'family', name = '', email = ''): PersonForm =>
  ({ key: nextKey(), name, relation, phone: '', email })
export const newLeg = (): LegForm => ({ key: nextKey(), place: null, from: '', to: '' })

/** A new form: the citizen themselves (their name and e-mail as the account has them), one leg, no consent yet. */
export function emptyForm(self: { name?: string; email?: string } = {}): RegistrationForm {
  return { people: [newPerson('self', self.name ?? '', self.email ?? '')], legs: [newLeg()], consent: false }
}

/**
 * The request's body, or null while the consent is not ticked: nothing is sent without it.
 * Texts are trimmed and an empty phone or e-mail left out; a leg without a place has no
 * place_id, for the server to name ("required") beside its city.
 */
export function bodyOf(f: RegistrationForm): NewRegistration | null {
  if (f.consent !== true) return null
  const people = f.people.map((p): NewPerson => {
    const out: NewPerson = { name: p.name.trim(), relation: p.relation }
    if (p.phone.trim()) out.phone = p.phone.trim()
    if (p.email.trim()) out.email = p.email.trim()
    return out
  })
  const legs = f.legs.map((l) => ({ ...(l.place ? { place_id: l.place.id } : {}), from: l.from, to: l.to }) as NewLeg)
  return { people, legs, consent: true }
}

export const PERSON_FIELDS = ['name', 'relation', 'phone', 'email'] as const
export const LEG_FIELDS = ['place', 'from', 'to'] as const
export type PersonField = (typeof PERSON_FIELDS)[number]
export type LegField = (typeof LEG_FIELDS)[number]

/** A control of the form an error can stand beside: a row's field, a whole list, or the consent. */
export type Control =
  | { list: 'people'; index: number; field: PersonField }
  | { list: 'legs'; index: number; field: LegField }
  | { list: 'people' | 'legs' | 'consent'; index?: undefined; field?: undefined }

/** A control's DOM id (its input's, its error's with `-error`), e.g. `reg-legs-0-to`. */
export function controlId(c: Control): string {
  return c.index === undefined ? `reg-${c.list}` : `reg-${c.list}-${c.index}-${c.field}`
}

/**
 * The control a server's error stands beside: `legs[0].to` by the first leg's end date,
 * `legs[0].place_id` (or the whole leg) by its city, `people[1].email` by the second person's
 * e-mail, `legs` or `people` by the list, `consent` by the box; anything else nowhere (null:
 * said above the form).
 */
export function controlOf(d: Pick<ErrorDetail, 'field'>): Control | null {
  const p = normalizePath(d.field)
  let m = /^people\[(\d+)\](?:\.(\w+))?$/.exec(p)
  if (m) {
    const field = (PERSON_FIELDS as readonly string[]).includes(m[2] ?? '') ? (m[2] as PersonField) : 'name'
    return { list: 'people', index: Number(m[1]), field }
  }
  m = /^legs\[(\d+)\](?:\.(\w+))?$/.exec(p)
  if (m) {
    const field: LegField = m[2] === 'from' || m[2] === 'to' ? m[2] : 'place'
    return { list: 'legs', index: Number(m[1]), field }
  }
  if (p === 'people' || p === 'legs' || p === 'consent') return { list: p }
  return null
}

export const sameControl = (a: Control | null, b: Control | null) =>
  a === b || (!!a && !!b && a.list === b.list && a.index === b.index && a.field === b.field)

/** A server's error placed beside its control (or nowhere). */
export interface PlacedError {
  control: Control | null
  detail: ErrorDetail
}

export const placeErrors = (details: readonly ErrorDetail[]): PlacedError[] =>
  details.map((detail) => ({ control: controlOf(detail), detail }))

/**
 * The errors once row `index` of `list` is removed: that row's go, the later rows' move up
 * one, so each stays beside the row it was said of.
 */
export function afterRemoval(errors: readonly PlacedError[], list: 'people' | 'legs', index: number): PlacedError[] {
  return errors.flatMap((e): PlacedError[] => {
    const c = e.control
    if (!c || c.list !== list || c.index === undefined || c.index < index) return [e]
    if (c.index === index) return []
    return [{ ...e, control: { ...c, index: c.index - 1 } as Control }]
  })
}

/** Whether the registration's consent was withdrawn (its people and legs then removed). */
export const isWithdrawn = (r: Pick<Registration, 'withdrawn_at'>) => !!r.withdrawn_at
