// The network's analytics, the pure part: its growth and its exchanges as continuous runs of years
// (a year with nothing new is still a year on the axis), the map's legend (the cities of each
// tier), and the colours of the projects' directions and the exchanges' kinds. No Vue.
import type { Direction, ExchangeKind, NetworkCity, NetworkStats, Tier } from '@/api/network'
import type { TypeColor } from '@/components/chart/theme'

export type YearRow = NetworkStats['by_year'][number]
export type ExchangeYear = NetworkStats['exchanges_by_year'][number]

/**
 * Each direction's and each kind's colour, from the theme (at least 5:1 against white, so 3:1
 * against the chart's background, WCAG 1.4.11); the charts also tell them apart by pattern
 * (ECharts' decals) and name them in their legend and table.
 */
export const DIRECTION_COLOR: Record<Direction, TypeColor> = { inbound: 'primary', outbound: 'success', joint: 'warning' }
export const EXCHANGE_KIND_COLOR: Record<ExchangeKind, TypeColor> = { delegation_in: 'primary', delegation_out: 'success', training: 'warning' }

/**
 * The years from the first relation to the last, each with the cities established that year
 * and the network's size at its end; the years the server leaves out (none established) are
 * filled with 0 new and the size of the year before.
 */
export function growthOf(byYear: readonly YearRow[]): YearRow[] {
  if (!byYear.length) return []
  const sorted = [...byYear].sort((a, b) => a.year - b.year)
  const of = new Map(sorted.map((y) => [y.year, y]))
  const out: YearRow[] = []
  let total = 0
  for (let year = sorted[0].year; year <= sorted[sorted.length - 1].year; year++) {
    const y = of.get(year)
    total = y ? y.total : total
    out.push({ year, cities: y?.cities ?? 0, total })
  }
  return out
}

/** Each tier (in the order given) with how many of the cities hold it. */
export function mapLegend(cities: readonly Pick<NetworkCity, 'tier'>[], tiers: readonly Tier[]): { tier: Tier; cities: number }[] {
  return tiers.map((tier) => ({ tier, cities: cities.filter((c) => c.tier === tier).length }))
}

/** The exchanges of every year from the first to the last, a year the server leaves out with none. */
export function exchangeYears(byYear: readonly ExchangeYear[]): ExchangeYear[] {
  if (!byYear.length) return []
  const sorted = [...byYear].sort((a, b) => a.year - b.year)
  const of = new Map(sorted.map((y) => [y.year, y]))
  const out: ExchangeYear[] = []
  for (let year = sorted[0].year; year <= sorted[sorted.length - 1].year; year++) {
    out.push(of.get(year) ?? { year, delegation_in: 0, delegation_out: 0, training: 0 })
  }
  return out
}

/** A year's exchanges of every kind. */
export const exchangesIn = (y: ExchangeYear) => y.delegation_in + y.delegation_out + y.training

// ---- where each figure leads: the list it counts, filtered as it counts ----

/** A list of the network's as the router takes it: its route's name and the URL's query of its filters. */
export interface ListLink { name: 'network-cities' | 'network-projects' | 'network-exchanges'; query: Record<string, string> }

/** The registry filtered (by continent, tier, country or the year established). */
export const citiesLink = (query: Record<string, string>): ListLink => ({ name: 'network-cities', query })

/** The projects of a field of cooperation, of one direction when a bar's segment is chosen. */
export const projectsLink = (field: string, direction?: string): ListLink =>
  ({ name: 'network-projects', query: direction ? { field, direction } : { field } })

/** The exchanges begun in a year, of one kind when a bar's segment is chosen. */
export const exchangesLink = (year: number, kind?: string): ListLink =>
  ({ name: 'network-exchanges', query: kind ? { year: String(year), kind } : { year: String(year) } })
