// Travel alerts, the pure part: the three levels (the Ministry of Foreign Affairs' scale of
// overseas safety reminders: 1 take care, 2 travel with caution, 3 do not travel for now; their
// Chinese words in the catalogue) and their colours, an area in words, the map's regions, circles and
// cities, the form's list of cities and its body, and which field a server's error belongs beside.
// No Vue, no requests: unit-tested.
import type { AlertArea, AlertLevel, NewAlert, PublicAlert } from '@/api/safety'
import type { ErrorDetail, Place } from '@/api/types'
import { normalizePath } from '@/components/form/model'
import type { MapCircle, MapPoint, MapRegion } from '@/components/map/WorldMap.vue'

export const LEVELS: readonly AlertLevel[] = [1, 2, 3]

/**
 * Each level's colour: yellow, orange, red, dark enough to show 3:1 against the map's land
 * (#f4f3ee) and against white (WCAG 1.4.11): the colour is never alone, the level's words
 * are always beside it.
 */
export const LEVEL_COLORS: Record<AlertLevel, string> = { 1: '#8a6d00', 2: '#b45000', 3: '#b3261e' }

/** The catalogue key of a level's words (safety.alerts.level.N). */
export const levelKey = (level: number) => `safety.alerts.level.${level}`

/** The sRGB relative luminance of a #rrggbb colour (WCAG 2.1, definition of relative luminance). */
export function luminance(hex: string): number {
  const [r, g, b] = [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16) / 255)
    .map((c) => (c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4))
  return 0.2126 * r + 0.7152 * g + 0.0722 * b
}

/** The contrast ratio of two #rrggbb colours (WCAG 2.1, definition of contrast ratio). */
export function contrast(a: string, b: string): number {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x)
  return (hi + 0.05) / (lo + 0.05)
}

/** Today in China (the server's calendar), YYYY-MM-DD. */
export function todayInChina(now = Date.now()): string {
  return new Date(now + 8 * 3600e3).toISOString().slice(0, 10)
}

/** A review date passed (before today): the alert should be looked at again. */
export const pastReview = (reviewOn: string, today: string) => reviewOn < today

/** A city of an alert for a list of cities, as the server names it (the gazetteer's place). */
export type AlertCity = NonNullable<AlertArea['cities']>[number]

/** The most cities one alert may list (the server's limit). */
export const MAX_CITIES = 50

/** A city's name in a language: the Chinese one when the gazetteer has it and the UI is in Chinese, else the English one. */
export function cityName(c: Pick<AlertCity, 'name_en' | 'name_zh'>, locale: string): string {
  return (locale.startsWith('zh') && c.name_zh) || c.name_en
}

/** The words an area is said with, in the current language. */
export interface AreaWords {
  /** A country's name by its ISO 3166-1 code. */
  country: (code: string) => string
  circle: (km: number, lat: number, lon: number) => string
  /** A city's name (cityName). */
  city: (c: AlertCity) => string
  /** Cities (already joined) in their country: "Florence, Pisa (Italy)". */
  inCountry: (cities: string, country: string) => string
  /** Between names (safety.alerts.sep). */
  sep: string
  /** Between the cities of one country and those of the next (safety.alerts.groupSep). */
  groupSep: string
}

/**
 * Cities in words: grouped by country, the countries in the order their first city was given
 * and the cities of each in the order given — "Kyoto, Osaka (Japan); Florence (Italy)".
 */
export function citiesText(cities: readonly AlertCity[], w: AreaWords): string {
  const byCountry = new Map<string, string[]>()
  for (const c of cities) byCountry.set(c.country, [...(byCountry.get(c.country) ?? []), w.city(c)])
  return [...byCountry].map(([code, names]) => w.inCountry(names.join(w.sep), w.country(code))).join(w.groupSep)
}

/** Words for an area: the countries' names joined, the cities by name and country, or the circle's radius and centre. */
export function areaText(area: AlertArea, w: AreaWords): string {
  if (area.kind === 'circle') return w.circle(area.radius_km ?? 0, area.lat ?? 0, area.lon ?? 0)
  if (area.kind === 'cities') return citiesText(area.cities ?? [], w)
  return (area.countries ?? []).map(w.country).join(w.sep)
}

/** The map's countries of alerts listed most serious first: each country in its level's colour, named by the alert. */
export function regionsOf(alerts: readonly PublicAlert[], label: (a: PublicAlert) => string): MapRegion[] {
  return alerts.flatMap((a) => (a.area.kind === 'countries' ? (a.area.countries ?? []).map((code) => ({ code, color: LEVEL_COLORS[a.level], label: label(a) })) : []))
}

/** The map's circles of alerts, the least serious first so that the most serious is drawn on top. */
export function circlesOf(alerts: readonly PublicAlert[]): MapCircle[] {
  return alerts.filter((a) => a.area.kind === 'circle' && a.area.lat !== undefined && a.area.lon !== undefined && a.area.radius_km)
    .map((a) => ({ lat: a.area.lat!, lon: a.area.lon!, radiusKm: a.area.radius_km!, color: LEVEL_COLORS[a.level] }))
    .reverse()
}

/**
 * The map's cities of alerts listed most serious first: a point in its level's colour for each,
 * named by `label`; the least serious first so that the most serious is drawn on top.
 */
export function pointsOf(alerts: readonly PublicAlert[], label: (a: PublicAlert, c: AlertCity) => string): MapPoint[] {
  return alerts.flatMap((a) => (a.area.kind === 'cities' ? (a.area.cities ?? []).map((c) => ({ lat: c.lat, lon: c.lon, label: label(a, c), color: LEVEL_COLORS[a.level] })) : []))
    .reverse()
}

/** A place chosen in the gazetteer (PlacePicker) as a city of the form. */
export const cityOf = (p: Place): AlertCity =>
  ({ place_id: p.id, country: p.country, name_en: p.name_en, name_zh: p.name_zh ?? null, lat: p.lat, lon: p.lon })

/**
 * The form's cities with one more at the end: `added` when it is, `present` when it is listed
 * already (the list unchanged), `full` at MAX_CITIES (unchanged).
 */
export function withCity(cities: readonly AlertCity[], c: AlertCity): { cities: AlertCity[]; outcome: 'added' | 'present' | 'full' } {
  if (cities.some((x) => x.place_id === c.place_id)) return { cities: [...cities], outcome: 'present' }
  if (cities.length >= MAX_CITIES) return { cities: [...cities], outcome: 'full' }
  return { cities: [...cities, c], outcome: 'added' }
}

/** What the form holds: the texts as typed, numbers as strings, the cities in the order added. */
export interface AlertForm {
  level: AlertLevel
  kind: AlertArea['kind']
  countries: string[]
  cities: AlertCity[]
  lat: string
  lon: string
  radius_km: string
  title_zh: string
  title_en: string
  body_zh: string
  body_en: string
  valid_from: string
  valid_until: string
  review_on: string
}

/** A number typed (a decimal comma taken as a point); undefined when it is not one, for the server to name. */
function num(s: string): number | undefined {
  const t = s.trim().replace(',', '.')
  if (!t) return undefined
  const n = Number(t)
  return Number.isFinite(n) ? n : undefined
}

/** The request's body: the server checks it all and names what is wrong. */
export function bodyOf(f: AlertForm): NewAlert {
  const area: AlertArea = f.kind === 'countries' ? { kind: 'countries', countries: [...f.countries] }
    : f.kind === 'cities' ? { kind: 'cities', place_ids: f.cities.map((c) => c.place_id) }
      : { kind: 'circle', lat: num(f.lat), lon: num(f.lon), radius_km: num(f.radius_km) }
  return {
    level: f.level, area,
    title_zh: f.title_zh, title_en: f.title_en, body_zh: f.body_zh, body_en: f.body_en,
    valid_from: f.valid_from, valid_until: f.valid_until, review_on: f.review_on,
  }
}

/** The form's fields an error can stand beside. */
export const FORM_FIELDS = ['level', 'area', 'lat', 'lon', 'radius_km', 'title_zh', 'title_en', 'body_zh', 'body_en', 'valid_from', 'valid_until', 'review_on'] as const
export type FormField = (typeof FORM_FIELDS)[number]

/**
 * The field a server's error stands beside: `area.lat` by the latitude, `area.countries[0]`,
 * `area.countries`, `area.place_ids[0]`, `area.place_ids` or `area` by the area; a field the
 * form does not have, nowhere (general).
 */
export function fieldOf(d: ErrorDetail): FormField | null {
  const p = normalizePath(d.field)
  const circle = /^area\.(lat|lon|radius_km)$/.exec(p)
  if (circle) return circle[1] as FormField
  if (p === 'area' || p.startsWith('area.')) return 'area'
  return (FORM_FIELDS as readonly string[]).includes(p) ? (p as FormField) : null
}

/** The city an error names (`area.place_ids[i]`: the form's i-th city), or null. */
export function cityIndexOf(d: ErrorDetail): number | null {
  const m = /^area\.place_ids\[(\d+)\]/.exec(normalizePath(d.field))
  return m ? Number(m[1]) : null
}
