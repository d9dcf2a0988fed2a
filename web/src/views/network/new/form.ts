// A new partner city, the pure part: what the form holds (numbers as typed), the request's body
// — optional fields left out when empty, numbers read with a decimal comma taken as a point —,
// the form's own checks (a number that is not one: the server would only say it is missing) and
// which field a server's error stands beside (a 409 duplicate names name_en). No Vue, no requests.
import type { CityStatus, NewCity, Tier } from '@/api/network'
import type { ErrorDetail, Place } from '@/api/types'
import { normalizePath } from '@/components/form/model'

export interface CityForm {
  name_zh: string
  name_en: string
  local_name: string
  country: string
  province: string
  lat: string
  lon: string
  population: string
  tier: Tier
  established: string
  status: CityStatus
  notes: string
}

export const emptyForm = (): CityForm => ({
  name_zh: '', name_en: '', local_name: '', country: '', province: '', lat: '', lon: '', population: '',
  tier: 'sister', established: '', status: 'active', notes: '',
})

/** The form's fields, in the order shown: an error stands beside the one it names. */
export const FORM_FIELDS = ['name_zh', 'name_en', 'local_name', 'country', 'province', 'lat', 'lon', 'population', 'tier', 'established', 'status', 'notes'] as const
export type FormField = (typeof FORM_FIELDS)[number]

/** The field a server's error stands beside, or null (said above the buttons). */
export function fieldOf(d: ErrorDetail): FormField | null {
  const p = normalizePath(d.field)
  return (FORM_FIELDS as readonly string[]).includes(p) ? (p as FormField) : null
}

/** A decimal typed (a comma taken as a point); NaN when it is not one, undefined when empty. */
export function decimal(s: string): number | undefined {
  const t = s.trim().replace(',', '.')
  if (!t) return undefined
  return /^[-+]?(\d+\.?\d*|\.\d+)$/.test(t) ? Number(t) : NaN
}

/** A whole number typed, thousands separated or not (249,000 · 249 000); NaN when it is not one. */
export function whole(s: string): number | undefined {
  const t = s.trim().replace(/[,\s_]/g, '')
  if (!t) return undefined
  return /^\d+$/.test(t) ? Number(t) : NaN
}

/** How the form words its own problems: a field and a catalogue key. */
export type Say = (field: FormField, key: 'number' | 'wholeNumber') => ErrorDetail

/**
 * The request's body, or the form's own problems (then nothing is sent). Names and texts are
 * trimmed; what the server checks (required, ranges, the country, the date) is left to it.
 */
export function cityBody(f: CityForm, say: Say): { body: NewCity | null; details: ErrorDetail[] } {
  const details: ErrorDetail[] = []
  const lat = decimal(f.lat)
  const lon = decimal(f.lon)
  const population = whole(f.population)
  if (Number.isNaN(lat)) details.push(say('lat', 'number'))
  if (Number.isNaN(lon)) details.push(say('lon', 'number'))
  if (Number.isNaN(population)) details.push(say('population', 'wholeNumber'))
  if (details.length) return { body: null, details }
  const body = {
    name_zh: f.name_zh.trim(), name_en: f.name_en.trim(), country: f.country, tier: f.tier, established: f.established, status: f.status,
  } as NewCity
  // required numbers left out when empty: the server names them (422, "required")
  if (lat !== undefined) body.lat = lat
  if (lon !== undefined) body.lon = lon
  if (population !== undefined) body.population = population
  for (const k of ['local_name', 'province', 'notes'] as const) if (f[k].trim()) body[k] = f[k].trim()
  return { body, details }
}

/**
 * The form filled from a place of the gazetteer (GeoNames): its names, country, province (its
 * first-level division), coordinates and population; what the gazetteer lacks (a Chinese name,
 * a division, a population of 0) is kept as typed.
 */
export function withPlace(f: CityForm, p: Place): CityForm {
  return {
    ...f,
    name_en: p.name_en,
    name_zh: p.name_zh || f.name_zh,
    country: p.country,
    province: p.admin || f.province,
    lat: String(p.lat),
    lon: String(p.lon),
    population: p.population > 0 ? String(p.population) : f.population,
  }
}
