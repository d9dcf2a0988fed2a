// Travel alerts, the pure part: the three levels (the Ministry of Foreign Affairs' scale of
// overseas safety reminders: 1 take care, 2 travel with caution, 3 do not travel for now; their
// Chinese words in the catalogue) and their colours, an area in words, the map's regions and circles, the
// form's body and which field a server's error belongs beside. No Vue, no requests: unit-tested.
import type { AlertArea, AlertLevel, NewAlert, PublicAlert } from '@/api/safety'
import type { ErrorDetail } from '@/api/types'
import { normalizePath } from '@/components/form/model'
import type { MapCircle, MapRegion } from '@/components/map/WorldMap.vue'

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

/** Words for an area: the countries' names joined, or the circle's radius and centre. */
export function areaText(area: AlertArea, name: (code: string) => string, circle: (km: number, lat: number, lon: number) => string, sep = ', '): string {
  if (area.kind === 'circle') return circle(area.radius_km ?? 0, area.lat ?? 0, area.lon ?? 0)
  return (area.countries ?? []).map(name).join(sep)
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

/** What the form holds: the texts as typed, numbers as strings. */
export interface AlertForm {
  level: AlertLevel
  kind: AlertArea['kind']
  countries: string[]
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
  const area: AlertArea = f.kind === 'countries'
    ? { kind: 'countries', countries: [...f.countries] }
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
 * `area.countries` or `area` by the area; a field the form does not have, nowhere (general).
 */
export function fieldOf(d: ErrorDetail): FormField | null {
  const p = normalizePath(d.field)
  const circle = /^area\.(lat|lon|radius_km)$/.exec(p)
  if (circle) return circle[1] as FormField
  if (p === 'area' || p.startsWith('area.')) return 'area'
  return (FORM_FIELDS as readonly string[]).includes(p) ? (p as FormField) : null
}
