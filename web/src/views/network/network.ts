// The sister-city network, the pure part: the tiers of relation (sister city, friendship-exchange
// city, exchange memorandum: their words in the catalogue), the statuses, the continents (the shared
// catalogue's, reference.continent), each tier's colour on the map and the charts, the registry
// list's filters as the URL's query holds them, the words of the projects and exchanges (their
// fields of cooperation, directions, statuses, kinds, currencies) and of the agreements (their
// states today). No Vue, no requests: unit-tested.
import type { LocationQuery } from 'vue-router'
import type { AgreementState, CityQuery, CityStatus, Continent, CooperationField, Currency, Direction, ExchangeKind, ProjectStatus, Tier } from '@/api/network'
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

/** The registry list's filters (empty: all). */
export interface CityFilters { continent: string; country: string; tier: string; status: string }
export const FILTERS = ['continent', 'country', 'tier', 'status'] as const

const one = (v: LocationQuery[string]) => (Array.isArray(v) ? v[0] : v) ?? ''

/** The filters a URL's query asks for; a value the server does not know is left out. */
export function filtersOf(q: LocationQuery): CityFilters {
  const known = (v: string, values: readonly string[]) => (values.includes(v) ? v : '')
  return {
    continent: known(one(q.continent), CONTINENTS),
    country: /^[A-Z]{2}$/.test(one(q.country)) ? one(q.country) : '',
    tier: known(one(q.tier), TIERS),
    status: known(one(q.status), STATUSES),
  }
}

/** The page a URL's query asks for (1 unless a whole number from 1). */
export function pageOf(q: LocationQuery): number {
  const n = Number(one(q.page))
  return Number.isInteger(n) && n >= 1 ? n : 1
}

/** The URL's query of the filters and page: only what is set, page 1 left out. */
export function queryOf(f: CityFilters, page = 1): Record<string, string> {
  const out: Record<string, string> = {}
  for (const k of FILTERS) if (f[k]) out[k] = f[k]
  if (page > 1) out.page = String(page)
  return out
}

/** The API's query of the filters (empty ones left out by the client). */
export function apiQuery(f: CityFilters, page: number, page_size: number): CityQuery {
  return { continent: f.continent, country: f.country, tier: f.tier, status: f.status, page, page_size }
}

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

// ---- agreements (src/network/agreements.cpp) ----

/** An agreement's state today, as the server computes it: the order the overview explains them in. */
export const AGREEMENT_STATES: readonly AgreementState[] = ['in_force', 'renewal_due', 'expired', 'open_ended']
export const agreementStateKey = (s: string) => `network.agreementState.${s}`
/** A state's tag, its words always in it: a renewal to see to flagged, an expired one in red, an open-ended one plain. */
export const AGREEMENT_STATE_TAG: Record<AgreementState, TypeColor> = { in_force: 'success', renewal_due: 'warning', expired: 'danger', open_ended: 'info' }

/** The agreements overview's filter as the URL's query holds it: `?due=true`, else all. */
export const dueOf = (q: LocationQuery) => one(q.due) === 'true'
