// A tour group's list, the pure part: its columns and the template, whether the good rows of a
// refused list may be confirmed (its errors of the file itself apart), and the itinerary's cities
// for the map. Reading the file chosen and the errors' table are the spreadsheet's
// (utils/sheet.ts). No Vue, no requests: unit-tested in list.test.ts. The rules themselves are
// the server's (src/safety/groups.cpp): this file only says what it answered.
import type { TourMember } from '@/api/safety-groups'
import { csvField, type RowError } from '@/utils/sheet'

/** The list's columns, the header's names (any order in a file). */
export const COLUMNS = ['name', 'phone', 'email', 'tour_leader', 'country', 'city', 'from', 'to'] as const

/** The server's limit on the CSV text (the request's maxLength). */
export const MAX_CSV_CHARS = 2_000_000

/** The template: the header and one example row (the example's words in the UI's language). */
export interface TemplateExample { name: string; tourLeader: string; city: string; from: string; to: string }

export function templateCsv(e: TemplateExample): string {
  const row = [e.name, '+86 138 0000 0000', 'name@example.com', e.tourLeader, 'JP', e.city, e.from, e.to]
  return `${COLUMNS.join(',')}\r\n${row.map(csvField).join(',')}\r\n`
}

// ---- the server's answer ----

/** Errors of the file as a whole: a good row cannot be taken from it (the server refuses even when confirmed). */
const FILE_RULES = new Set([
  'safety.group.header', 'safety.group.column', 'safety.group.no_leader', 'safety.group.empty',
  'safety.group.too_many_rows', 'safety.import.not_csv',
])

/** An error of the file itself (its header, its tour leader, not CSV, too long) rather than of one data row. */
export const isFileError = (e: RowError) => e.row <= 1 || FILE_RULES.has(e.rule)

/** The data rows that have an error. */
export const badRows = (errors: readonly RowError[]) => new Set(errors.filter((e) => !isFileError(e)).map((e) => e.row)).size

/** The rows without an error, of a file of `rows` data rows. */
export const goodRows = (rows: number, errors: readonly RowError[]) => Math.max(0, rows - badRows(errors))

/**
 * Whether the agency may confirm that the good rows be taken: every error names a data row
 * (none is the file's own) and some row is good.
 */
export function canConfirm(errors: readonly RowError[], rows: number): boolean {
  return errors.length > 0 && !errors.some(isFileError) && goodRows(rows, errors) > 0
}

// ---- the itinerary on the map ----

export interface CityStop { country: string; city: string; lat: number; lon: number; people: number }

/** The cities of the members' legs, each once with how many members go there, in the order first met. */
export function citiesOf(members: readonly TourMember[]): CityStop[] {
  const stops = new Map<string, { stop: CityStop; who: Set<number> }>()
  members.forEach((m, i) => {
    for (const l of m.legs) {
      const key = `${l.country}\n${l.city}\n${l.lat}\n${l.lon}`
      let s = stops.get(key)
      if (!s) stops.set(key, (s = { stop: { country: l.country, city: l.city, lat: l.lat, lon: l.lon, people: 0 }, who: new Set() }))
      s.who.add(i)
    }
  })
  return [...stops.values()].map(({ stop, who }) => ({ ...stop, people: who.size }))
}
