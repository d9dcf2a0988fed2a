// The crisis map's question and answer as the screen handles them: the form as typed, turned
// into the query's body (what cannot be sent is said beside its field; the rest — ranges, the
// order of the dates — the server judges), today in China for the default window, and the
// people of a page gathered by place for the map. Pure: unit-tested in query.test.ts.
import type { AffectedPerson, AffectedQuery } from '@/api/safety'
import type { ErrorDetail } from '@/api/types'

/** The form as typed; its keys are the body's, so the server's details name them. */
export interface AffectedForm {
  lat: string
  lon: string
  radius_km: string
  from: string
  to: string
}

export const FIELDS = ['lat', 'lon', 'radius_km', 'from', 'to'] as const
export type Field = (typeof FIELDS)[number]

/** A message in both languages for a field (the page gives its catalogue's). */
export type Say = (field: Field, key: 'required' | 'number' | 'date') => ErrorDetail

const CHINA_OFFSET_MS = 8 * 60 * 60 * 1000

/** Today in China (`YYYY-MM-DD`): the server's calendar (UTC+8 all year). */
export function todayInChina(now: Date = new Date()): string {
  return new Date(now.getTime() + CHINA_OFFSET_MS).toISOString().slice(0, 10)
}

/** A calendar date `YYYY-MM-DD` plus `n` days. */
export function addDays(date: string, n: number): string {
  const d = new Date(`${date}T00:00:00Z`)
  d.setUTCDate(d.getUTCDate() + n)
  return d.toISOString().slice(0, 10)
}

/** A number as typed (a decimal comma taken as a point), or null when it is none. */
export function parseNumber(s: string): number | null {
  const t = s.trim().replace(',', '.')
  if (!/^[-+]?(\d+\.?\d*|\.\d+)$/.test(t)) return null
  return Number(t)
}

/**
 * The body of the query from the form, or what stops it being sent: an empty field, a number
 * that is none, a date not written `YYYY-MM-DD` (the date inputs give that form).
 */
export function bodyOf(form: AffectedForm, say: Say): { body: Omit<AffectedQuery, 'page' | 'page_size'> | null; details: ErrorDetail[] } {
  const details: ErrorDetail[] = []
  const num = (field: 'lat' | 'lon' | 'radius_km') => {
    if (!form[field].trim()) { details.push(say(field, 'required')); return 0 }
    const n = parseNumber(form[field])
    if (n === null) details.push(say(field, 'number'))
    return n ?? 0
  }
  const date = (field: 'from' | 'to') => {
    if (!form[field].trim()) details.push(say(field, 'required'))
    else if (!/^\d{4}-\d{2}-\d{2}$/.test(form[field].trim())) details.push(say(field, 'date'))
    return form[field].trim()
  }
  const body = { lat: num('lat'), lon: num('lon'), radius_km: num('radius_km'), from: date('from'), to: date('to') }
  return { body: details.length ? null : body, details }
}

/** Degrees rounded to 4 decimals (about 11 m): what a click on the map can mean. */
export function roundDegrees(x: number): number {
  return Math.round(x * 1e4) / 1e4
}

/** People of a page at one place (the same coordinates), nearest place first. */
export interface Place {
  lat: number
  lon: number
  country: string
  city: string
  people: AffectedPerson[]
}

/** The page's people gathered by place, in the order they come (nearest first). */
export function placesOf(items: AffectedPerson[]): Place[] {
  const byKey = new Map<string, Place>()
  for (const p of items) {
    const key = `${p.lat},${p.lon}`
    let place = byKey.get(key)
    if (!place) {
      place = { lat: p.lat, lon: p.lon, country: p.country, city: p.city, people: [] }
      byKey.set(key, place)
    }
    place.people.push(p)
  }
  return [...byKey.values()]
}
