// The sister-city network, the pure part: the tiers of relation (sister city, friendship-exchange
// city, exchange memorandum: their words in the catalogue), the statuses, the continents (the shared
// catalogue's, reference.continent), each tier's colour on the map and the charts, the words of
// the projects and exchanges (their fields of cooperation, directions, statuses, kinds,
// currencies), the lists' filters (the registry's, the projects', the exchanges') as the URL's
// query holds them, and the agreements' words (their states today). No Vue, no requests:
// unit-tested.
import type { LocationQuery } from 'vue-router'
import type { AgreementState, CityStatus, Continent, CooperationField, Currency, Direction, ExchangeKind, ProjectStatus, Tier } from '@/api/network'
import type { TypeColor } from '@/components/chart/theme'

export const TIERS: readonly Tier[] = ['sister', 'friendly', 'mou']
export const STATUSES: readonly CityStatus[] = ['active', 'dormant', 'ended']
/** The continents of core/geo/countries.h, as the server names a city's. */
export const CONTINENTS: readonly Continent[] = ['AF', 'AN', 'AS', 'EU', 'NA', 'OC', 'SA']

export const tierKey = (t: string) => `network.tier.${t}`
export const statusKey = (s: string) => `network.status.${s}`
/** The continents' names are shared by every module (locales/<lang>/reference.json). */
export const continentKey = (c: string) => `reference.continent.${c}`

/**
 * Each tier's colour, from the theme (theme.css: at least 5:1 against white, so 3:1 against the
 * map's land and sea, WCAG 1.4.11); the tier's words are always beside it.
 */
export const TIER_COLOR: Record<Tier, TypeColor> = { sister: 'primary', friendly: 'success', mou: 'warning' }
/** A status' tag: an ended relation greyed, a dormant one flagged. */
export const STATUS_TAG: Record<CityStatus, TypeColor> = { active: 'success', dormant: 'warning', ended: 'info' }

// ---- projects and exchanges (src/network/projects.h, exchanges.h) ----

/** The fourteen fields of cooperation (PRODUCT.md §2.3), in the order the server's figures list them. */
export const COOPERATION_FIELDS: readonly CooperationField[] = [
  'trade', 'investment', 'tourism', 'politics', 'energy', 'science', 'environment',
  'sports', 'culture', 'health', 'transport', 'urban_construction', 'education', 'talent',
]
export const DIRECTIONS: readonly Direction[] = ['inbound', 'outbound', 'joint']
export const PROJECT_STATUSES: readonly ProjectStatus[] = ['planned', 'ongoing', 'completed', 'cancelled']
export const EXCHANGE_KINDS: readonly ExchangeKind[] = ['delegation_in', 'delegation_out', 'training']
/** The currencies an amount may be in (ISO 4217): ours first, then those of the partner cities. */
export const CURRENCIES: readonly Currency[] = ['CNY', 'USD', 'EUR', 'GBP', 'JPY', 'ZAR', 'AUD', 'NZD', 'CAD', 'KRW']

export const cooperationKey = (f: string) => `network.cooperation.${f}`
export const directionKey = (d: string) => `network.direction.${d}`
export const projectStatusKey = (s: string) => `network.projectStatus.${s}`
export const exchangeKindKey = (k: string) => `network.exchangeKind.${k}`

/** A project's status tag: under way in colour, done in green, a cancelled one greyed. */
export const PROJECT_STATUS_TAG: Record<ProjectStatus, TypeColor> = { planned: 'warning', ongoing: 'primary', completed: 'success', cancelled: 'info' }

// ---- the lists' filters, as the URL's query holds them ----
// The registry, the projects and the exchanges are filtered by exact values the server knows
// (a filter empty: all); each list's filters are a table of their names and the check of a value
// read from the URL, one the server would refuse or not know left out.

/** Whether a value read from the URL is one the server filters by. */
export type Known = (v: string) => boolean
const among = (values: readonly string[]): Known => (v) => values.includes(v)
/** A year as the server takes it (network.cpp's YearCondition: 1900 to 2100). */
const isYear: Known = (v) => /^\d{4}$/.test(v) && Number(v) >= 1900 && Number(v) <= 2100
/** A record's id: a whole number from 1. */
const isId: Known = (v) => /^[1-9]\d{0,14}$/.test(v)

export const CITY_FILTERS = {
  continent: among(CONTINENTS), country: (v: string) => /^[A-Z]{2}$/.test(v), tier: among(TIERS), status: among(STATUSES),
  established_year: isYear,
}
export const PROJECT_FILTERS = { city_id: isId, field: among(COOPERATION_FIELDS), direction: among(DIRECTIONS), status: among(PROJECT_STATUSES) }
export const EXCHANGE_FILTERS = { city_id: isId, kind: among(EXCHANGE_KINDS), year: isYear }
/** The agreements: all, or those whose renewal has come due (?due=true). */
export const AGREEMENT_FILTERS = { due: among(['true']) }

/** A list's filters by name, each a value or empty (all). */
export type Filters<Spec> = { [K in keyof Spec]: string }
export type CityFilters = Filters<typeof CITY_FILTERS>
export type ProjectFilters = Filters<typeof PROJECT_FILTERS>
export type ExchangeFilters = Filters<typeof EXCHANGE_FILTERS>

const one = (v: LocationQuery[string]) => (Array.isArray(v) ? v[0] : v) ?? ''

/** The filters a URL's query asks for, in the table's order; a value the server does not know is left out. */
export function readFilters<Spec extends Record<string, Known>>(spec: Spec, q: LocationQuery): Filters<Spec> {
  const out = {} as Filters<Spec>
  for (const k of Object.keys(spec) as (keyof Spec & string)[]) {
    const v = one(q[k])
    out[k] = spec[k](v) ? v : ''
  }
  return out
}

/** Every filter of a list empty: the whole list. */
export const noFilters = <Spec extends Record<string, Known>>(spec: Spec) => readFilters(spec, {})

/** The registry's filters a URL's query asks for. */
export const filtersOf = (q: LocationQuery): CityFilters => readFilters(CITY_FILTERS, q)

/** The page a URL's query asks for (1 unless a whole number from 1). */
export function pageOf(q: LocationQuery): number {
  const n = Number(one(q.page))
  return Number.isInteger(n) && n >= 1 ? n : 1
}

/** The URL's query of a list's filters and page: only what is set, page 1 left out. */
export function queryOf(f: Record<string, string>, page = 1): Record<string, string> {
  const out: Record<string, string> = {}
  for (const [k, v] of Object.entries(f)) if (v) out[k] = v
  if (page > 1) out.page = String(page)
  return out
}

/** The API's query of a list's filters and page (the client leaves the empty ones out). */
export const apiQuery = <F extends Record<string, string>>(f: F, page: number, page_size: number) => ({ ...f, page, page_size })

/**
 * The years a year's filter offers: those of the figures (the years the server counts something
 * in), newest first, and the one the URL asks for even if it counts nothing.
 */
export function yearChoices(figures: readonly { year: number }[], chosen = ''): string[] {
  const years = new Set(figures.map((y) => String(y.year)))
  if (chosen) years.add(chosen)
  return [...years].sort((a, b) => Number(b) - Number(a))
}

// ---- agreements (src/network/agreements.cpp) ----

/** An agreement's state today, as the server computes it: the order the overview explains them in. */
export const AGREEMENT_STATES: readonly AgreementState[] = ['in_force', 'renewal_due', 'expired', 'open_ended']
export const agreementStateKey = (s: string) => `network.agreementState.${s}`
/** A state's tag, its words always in it: a renewal to see to flagged, an expired one in red, an open-ended one plain. */
export const AGREEMENT_STATE_TAG: Record<AgreementState, TypeColor> = { in_force: 'success', renewal_due: 'warning', expired: 'danger', open_ended: 'info' }
