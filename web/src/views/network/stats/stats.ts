// The network's analytics, the pure part: its growth as a continuous run of years (a year with no
// new city is still a year on the axis) and the map's legend (the cities of each tier). No Vue.
import type { NetworkCity, NetworkStats, Tier } from '@/api/network'

export type YearRow = NetworkStats['by_year'][number]

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
