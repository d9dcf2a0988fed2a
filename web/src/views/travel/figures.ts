// Outbound travel's computed figures for the live panel of the application form.
import type { Data } from '@/modules/figures'

/** The countries that count towards the limit: distinct destinations, airside transits left out. */
export function countedCountries(data: Data): string[] {
  const legs = Array.isArray(data.itinerary) ? (data.itinerary as Data[]) : []
  const set = new Set<string>()
  for (const l of legs) if (l?.country && !l.transit_airside) set.add(String(l.country))
  return [...set]
}

export const FIGURES: Record<string, (data: Data) => number | null> = {
  'travel.counted_countries': (data) => countedCountries(data).length,
}
