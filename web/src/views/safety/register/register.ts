// The register searched, the pure part: where the register learnt of a person (its words and
// tag), each leg in words ("Tokyo, Japan 1 Dec – 3 Dec") and whether it is past, now or to
// come by today in China (the server's calendar; a leg's dates are inclusive), a person's legs
// gathered by place for the map and the circle that holds them all (the map zooms to it), and
// how far "show more" may raise the limit (the server answers at most 100 people).
// No Vue, no requests: unit-tested in register.test.ts.
import type { RegisterLeg, RegisterPerson, RegisterSource } from '@/api/safety-register'
import { haversineKm, normalizeLon } from '@/components/map/geo'

// ---- the search ----

/** The people asked for first, and how many more each "show more" asks for. */
export const PAGE = 20
/** The server's largest limit (src/safety/people.cpp). */
export const MAX_LIMIT = 100
/** The longest words the server takes, in characters. */
export const MAX_QUERY = 100
/** How long typing must pause before the words are searched (Enter searches at once). */
export const DEBOUNCE_MS = 300

/** The words to search: trimmed (the server matches them as they are, any spaces inside kept). */
export const queryOf = (typed: string) => typed.trim()

/** The limit after "show more": a page more, never beyond the server's largest. */
export const nextLimit = (limit: number) => Math.min(limit + PAGE, MAX_LIMIT)

/** Whether "show more" can show more: the server said more match, and the limit can grow. */
export const canShowMore = (more: boolean, limit: number) => more && limit < MAX_LIMIT

// ---- where the register learnt of a person ----

export const SOURCES: readonly RegisterSource[] = ['trip', 'agency', 'voluntary', 'import']

/** The catalogue key of a source's words (safetyRegister.source.<source>). */
export const sourceKey = (source: RegisterSource) => `safetyRegister.source.${source}`

/** Each source's tag colour: the words are always in the tag, the colour only helps the eye. */
const SOURCE_TAGS: Record<RegisterSource, 'primary' | 'success' | 'warning' | 'info'> = {
  trip: 'primary', agency: 'warning', voluntary: 'success', import: 'info',
}
export const sourceTag = (source: RegisterSource) => SOURCE_TAGS[source] ?? 'info'

// ---- legs and today ----

export type Timing = 'past' | 'now' | 'future'

/** Where a leg lies against a day (both `YYYY-MM-DD`: they compare as text): its dates are inclusive. */
export function timingOf(leg: Pick<RegisterLeg, 'from' | 'to'>, today: string): Timing {
  if (leg.to < today) return 'past'
  if (leg.from > today) return 'future'
  return 'now'
}

/** The leg the person is on today, if any (the first, should two overlap). */
export const legNow = (legs: RegisterLeg[], today: string) => legs.find((l) => timingOf(l, today) === 'now') ?? null

/** Whether the person is abroad today: one of their legs holds it. */
export const abroadNow = (person: Pick<RegisterPerson, 'legs'>, today: string) => legNow(person.legs, today) !== null

/** How a leg is said: the screen's catalogue, the country's name and the date's format. */
export interface LegWords {
  country: (code: string) => string
  date: (day: string) => string
  /** The sentence, given the parts already in words: "{city}, {country} {from} – {to}". */
  leg: (parts: { city: string; country: string; from: string; to: string }) => string
}

/** A leg in words: "Tokyo, Japan 1 Dec 2026 – 3 Dec 2026". */
export const legSummary = (leg: RegisterLeg, w: LegWords) =>
  w.leg({ city: leg.city, country: w.country(leg.country), from: w.date(leg.from), to: w.date(leg.to) })

// ---- the map ----

/** A person's legs at one place (the same coordinates), in the order of the legs. */
export interface LegPlace {
  lat: number
  lon: number
  country: string
  city: string
  legs: RegisterLeg[]
}

/** A person's legs gathered by place (a return to a city is one dot with both stays), in the order first visited. */
export function placesOf(legs: RegisterLeg[]): LegPlace[] {
  const byKey = new Map<string, LegPlace>()
  for (const leg of legs) {
    const key = `${leg.lat},${leg.lon}`
    let place = byKey.get(key)
    if (!place) {
      place = { lat: leg.lat, lon: leg.lon, country: leg.country, city: leg.city, legs: [] }
      byKey.set(key, place)
    }
    place.legs.push(leg)
  }
  return [...byKey.values()]
}

/** The smallest radius the map zooms to (km): a city's surroundings, not its streets. */
const MIN_RADIUS_KM = 400
/** Room round the places, so that the outermost dots are not on the circle's edge. */
const MARGIN = 1.25

/**
 * The circle that holds every place, for the map to zoom to: centred between them (taken
 * across the antimeridian when they lie on both sides of it: Fiji and Samoa are neighbours),
 * wide enough for the farthest, never narrower than a city's surroundings. Null without places.
 */
export function circleAround(places: { lat: number; lon: number }[]): { lat: number; lon: number; radiusKm: number } | null {
  if (!places.length) return null
  const lons = places.map((p) => p.lon)
  const across = Math.max(...lons) - Math.min(...lons) > 180
  const shifted = across ? lons.map((l) => (l < 0 ? l + 360 : l)) : lons
  const lat = places.reduce((s, p) => s + p.lat, 0) / places.length
  const mean = shifted.reduce((s, l) => s + l, 0) / shifted.length
  const lon = across ? normalizeLon(mean) : mean
  const far = Math.max(...places.map((p) => haversineKm({ lat, lon }, p)))
  return { lat, lon, radiusKm: Math.max(MIN_RADIUS_KM, far * MARGIN) }
}
