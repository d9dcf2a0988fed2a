// A new project or exchange with a partner city, the pure part: what each form holds (amounts and
// numbers as typed), the request's body — texts trimmed, the optional fields left out when empty,
// an amount typed in the currency's major unit sent in its minor unit —, the forms' own checks
// (an amount or a number that is not one: the server would only say it is missing) and which
// field a server's error stands beside. What the server checks (required, lengths, ranges,
// dates) is left to it. No Vue, no requests: unit-tested in forms.test.ts.
import type { CooperationField, Currency, Direction, ExchangeKind, NewExchange, NewProject, ProjectStatus } from '@/api/network'
import type { ErrorDetail } from '@/api/types'
import { normalizePath } from '@/components/form/model'
import { minorDigits, toMinor } from '@/utils/money'
import { whole } from '../new/form'

/** The field a server's error stands beside, or null (said above the buttons): a path of the
 * body (`amount.currency`) may stand for another field of the form (`currency`). */
export function fieldIn<F extends string>(fields: readonly F[], d: ErrorDetail, aliases: Partial<Record<string, F>> = {}): F | null {
  const p = normalizePath(d.field)
  return aliases[p] ?? ((fields as readonly string[]).includes(p) ? (p as F) : null)
}

/** How a form words its own problems: a field, a catalogue key under its `check`, and the key's values. */
export type Say<F extends string> = (field: F, key: string, named?: Record<string, string | number>) => ErrorDetail

/**
 * An amount typed in the currency's major unit, as an integer of its minor unit (ISO 4217's
 * exponent: cents, fen; whole yen): undefined when empty; 'amount' when it is no amount
 * (negative, not figures, a comma other than between thousands: "1,5" is refused rather than
 * guessed); 'fraction' when finer than the minor unit ("90.005" EUR, "1.5" JPY).
 */
export function amountMinor(text: string, currency: Currency): number | undefined | 'amount' | 'fraction' {
  const s = text.trim().replace(/[\s_]/g, '')
  if (!s) return undefined
  if (!/^(\d+|\d{1,3}(,\d{3})+)(\.\d*)?$/.test(s)) return 'amount'
  const plain = s.replace(/,/g, '')
  const minor = toMinor(plain, currency)
  if (minor === null) return 'fraction'
  return Number.isSafeInteger(minor) ? minor : 'amount'
}

// ---- a project ----

/** A milestone as typed: titles, the day it is due, the day it was done (empty while open), a note. */
export interface MilestoneForm {
  title_zh: string
  title_en: string
  due_on: string
  done_on: string
  note: string
}
export const emptyMilestone = (): MilestoneForm => ({ title_zh: '', title_en: '', due_on: '', done_on: '', note: '' })

export interface ProjectForm {
  title_zh: string
  title_en: string
  field: CooperationField | ''
  direction: Direction
  status: ProjectStatus
  started: string
  amount: string
  currency: Currency
  our_partners: string
  their_partners: string
  outcomes: string
  milestones: MilestoneForm[]
}

export const emptyProject = (): ProjectForm => ({
  title_zh: '', title_en: '', field: '', direction: 'joint', status: 'planned', started: '',
  amount: '', currency: 'CNY', our_partners: '', their_partners: '', outcomes: '', milestones: [],
})

/** The project form's fields, in the order shown: an error stands beside the one it names. */
export const PROJECT_FIELDS = ['title_zh', 'title_en', 'field', 'direction', 'status', 'started', 'amount', 'currency', 'our_partners', 'their_partners', 'outcomes', 'milestones'] as const
export type ProjectField = (typeof PROJECT_FIELDS)[number]
/** The amount is sent as {amount, currency}: the server names its members. */
const MONEY_PATHS: Partial<Record<string, ProjectField>> = { 'amount.amount': 'amount', 'amount.currency': 'currency' }
/** A milestone's error (`milestones[1].done_on`) stands beside the milestones. */
export const projectFieldOf = (d: ErrorDetail): ProjectField | null =>
  normalizePath(d.field).startsWith('milestones') ? 'milestones' : fieldIn(PROJECT_FIELDS, d, MONEY_PATHS)

/** The milestones as the server takes them: texts trimmed, an empty done day or note left out. */
export function milestonesBody(milestones: MilestoneForm[]) {
  return milestones.map((m) => {
    const out: { title_zh: string; title_en: string; due_on: string; done_on?: string; note?: string } = {
      title_zh: m.title_zh.trim(), title_en: m.title_en.trim(), due_on: m.due_on,
    }
    if (m.done_on) out.done_on = m.done_on
    if (m.note.trim()) out.note = m.note.trim()
    return out
  })
}

/** The request's body, or the form's own problems (then nothing is sent). */
export function projectBody(cityId: number, f: ProjectForm, say: Say<ProjectField>): { body: NewProject | null; details: ErrorDetail[] } {
  const minor = amountMinor(f.amount, f.currency)
  if (minor === 'amount') return { body: null, details: [say('amount', 'amount')] }
  if (minor === 'fraction') return { body: null, details: [say('amount', 'amountFraction', { currency: f.currency, n: minorDigits(f.currency) })] }
  // the field left out when none is chosen: the server names it (422, "required")
  const body = {
    city_id: cityId, direction: f.direction, status: f.status, title_zh: f.title_zh.trim(), title_en: f.title_en.trim(),
  } as NewProject
  if (f.field) body.field = f.field
  if (f.started) body.started = f.started
  if (minor !== undefined) body.amount = { amount: minor, currency: f.currency }
  for (const k of ['our_partners', 'their_partners', 'outcomes'] as const) if (f[k].trim()) body[k] = f[k].trim()
  if (f.milestones.length) body.milestones = milestonesBody(f.milestones)
  return { body, details: [] }
}

// ---- an exchange ----

export interface ExchangeForm {
  kind: ExchangeKind
  starts_on: string
  leader: string
  people: string
  purpose_zh: string
  purpose_en: string
  cities_visited: string
  field: CooperationField | ''
  outcome: string
  /** the outbound-travel case the delegation went through, if any (its id) */
  travel_case_id: number | ''
}

export const emptyExchange = (): ExchangeForm => ({
  kind: 'delegation_in', starts_on: '', leader: '', people: '', purpose_zh: '', purpose_en: '', cities_visited: '', field: '', outcome: '',
  travel_case_id: '',
})

/** The exchange form's fields, in the order shown. */
export const EXCHANGE_FIELDS = ['kind', 'starts_on', 'people', 'leader', 'purpose_zh', 'purpose_en', 'field', 'cities_visited', 'outcome', 'travel_case_id'] as const
export type ExchangeField = (typeof EXCHANGE_FIELDS)[number]
export const exchangeFieldOf = (d: ErrorDetail) => fieldIn(EXCHANGE_FIELDS, d)

/** The request's body, or the form's own problems (then nothing is sent). */
export function exchangeBody(cityId: number, f: ExchangeForm, say: Say<ExchangeField>): { body: NewExchange | null; details: ErrorDetail[] } {
  const people = whole(f.people)
  if (Number.isNaN(people)) return { body: null, details: [say('people', 'people')] }
  // the date and the number of people left out when empty: the server names them (422, "required")
  const body = {
    city_id: cityId, kind: f.kind, purpose_zh: f.purpose_zh.trim(), purpose_en: f.purpose_en.trim(),
  } as NewExchange
  if (f.starts_on) body.starts_on = f.starts_on
  if (people !== undefined) body.people = people
  if (f.field) body.field = f.field
  if (f.travel_case_id) body.travel_case_id = f.travel_case_id
  for (const k of ['leader', 'cities_visited', 'outcome'] as const) if (f[k].trim()) body[k] = f[k].trim()
  return { body, details: [] }
}
