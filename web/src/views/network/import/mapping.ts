// The office's spreadsheet mapped onto the registry's import, the pure part: which of the sheet's
// rows is its header (a title may stand above it), which of its columns holds each of ours —
// matched by name, ours or the headers an office writes (the words are the catalogues',
// network.import.headers.*, in both languages: a Chinese office's sheet has Chinese headers
// whatever the UI's language) —, each cell's value as the server reads it (a tier in words, a
// date as Excel or a person writes it, a country by its name, coordinates with a hemisphere)
// and the CSV text sent (src/network/import.cpp reads it: its header, a city per line).
// No Vue, no requests: unit-tested in mapping.test.ts.
import type { Tier } from '@/api/network'
import type { Country } from '@/api/types'
import { csvField, type SheetRows, type SheetText } from '@/utils/sheet'
import { TIERS } from '../network'

/** The import's columns, in the order of the CSV's header (src/network/import.cpp, kHeader). */
export const COLUMNS = ['name_zh', 'name_en', 'local_name', 'country', 'province', 'lat', 'lon', 'tier', 'established', 'population'] as const
export type Column = (typeof COLUMNS)[number]

/** The columns every city has (src/network/cities.cpp, Check): without them no row can be read. */
export const REQUIRED: readonly Column[] = ['name_zh', 'name_en', 'country', 'lat', 'lon', 'tier', 'established']

/** The server's limit on the CSV text (the request's maxLength) and on the rows below its header. */
export const MAX_CSV_CHARS = 2_000_000
export const MAX_ROWS = 5000

/** The words a sheet may use: each column's headers, each tier's names, the hemispheres south and west. */
export interface Words {
  headers: Record<Column, readonly string[]>
  tiers: Record<Tier, readonly string[]>
  /** Words that make a coordinate negative ("S", "W", in Chinese too); "N", "E" and theirs are positive. */
  negative: readonly string[]
  positive: readonly string[]
}

/** A catalogue's list of words, apart at its semicolons (full-width ones too): "Chinese name; name in Chinese". */
export const wordsOf = (s: string) => s.split(/[;\uFF1B]/).map((w) => w.trim()).filter(Boolean)

/**
 * The words of the catalogues: each column's headers (network.import.headers.* and its label,
 * network.import.column.*), each tier's (network.import.tierWords.* and its name,
 * network.tier.*) and the hemispheres' (network.north …); `read` gives a key's message in every
 * language.
 */
export function catalogueWords(read: (key: string) => readonly string[]): Words {
  const words = (...keys: string[]) => keys.flatMap((k) => read(k).flatMap(wordsOf))
  const each = <K extends string>(keys: readonly K[], of: (k: K) => string[]) => Object.fromEntries(keys.map((k) => [k, of(k)])) as Record<K, string[]>
  return {
    headers: each(COLUMNS, (c) => words(`network.import.headers.${c}`, `network.import.column.${c}`)),
    tiers: each(TIERS, (x) => words(`network.import.tierWords.${x}`, `network.tier.${x}`)),
    negative: words('network.south', 'network.west'),
    positive: words('network.north', 'network.east'),
  }
}

/**
 * A header or a word as compared: its compatibility form (full-width letters and brackets as
 * ASCII), lower case, letters and digits only ("English name", "english_name" and "ENGLISH-NAME"
 * are the same; so are "Province/State" and "province state").
 */
export function fold(s: string): string {
  return s.normalize('NFKC').toLowerCase().replace(/[^\p{L}\p{N}]/gu, '')
}

/** A column's letter as the sheet shows it (0 → A, 26 → AA). */
export function columnLetter(i: number): string {
  let s = ''
  for (let n = i + 1; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s
  return s
}

// ---- the header ----

/** Each of our columns → the index of the sheet's column that holds it, or null. */
export type Mapping = Record<Column, number | null>

export const emptyMapping = (): Mapping => Object.fromEntries(COLUMNS.map((c) => [c, null])) as Mapping

/** Each column's words, its own name among them. */
const headerWords = (words: Words) => new Map(COLUMNS.map((c) => [c, [c, ...words.headers[c]].filter((w) => fold(w))]))

/** A text's words apart, as compared ("Population (2020)" → " population 2020 "). */
const spaced = (s: string) => ` ${s.normalize('NFKC').toLowerCase().replace(/[^\p{L}\p{N}]+/gu, ' ').trim()} `

/**
 * Whether a header holds a word: a word of Latin letters as a whole word ("lat" is in "Lat (°)",
 * not in "Population"), one of two Chinese characters or more anywhere in it.
 */
function holds(header: string, word: string): boolean {
  if (/^[\x20-\x7e]*$/.test(word)) return spaced(header).includes(spaced(word))
  return fold(word).length >= 2 && fold(header).includes(fold(word))
}

/**
 * The sheet's columns matched to ours: first a header that is one of a column's words, then one
 * that holds one ("Population (2020)", "English name (official)") — the longest word found
 * decides, a tie matches nothing. A sheet's column holds one of ours at most; of two with the same
 * header, the first is taken.
 */
export function matchHeaders(header: readonly string[], words: Words): Mapping {
  const known = headerWords(words)
  const mapping = emptyMapping()
  const taken = new Set<number>()
  const folded = header.map(fold)
  for (const [column, names] of known) {
    const folds = names.map(fold)
    const i = folded.findIndex((h, j) => h && !taken.has(j) && folds.includes(h))
    if (i >= 0) { mapping[column] = i; taken.add(i) }
  }
  header.forEach((h, i) => {
    if (!folded[i] || taken.has(i)) return
    // of the columns still unmatched, the one with the longest word the header holds
    const found = [...known].filter(([c]) => mapping[c] === null)
      .map(([c, names]) => ({ c, n: Math.max(0, ...names.filter((w) => holds(h, w)).map((w) => fold(w).length)) }))
      .filter((x) => x.n > 0)
      .sort((x, y) => y.n - x.n)
    if (found.length && (found.length === 1 || found[0].n > found[1].n)) {
      mapping[found[0].c] = i
      taken.add(i)
    }
  })
  return mapping
}

/** How many of our columns a row's cells would give. */
const matched = (row: readonly string[], words: Words) => Object.values(matchHeaders(row, words)).filter((i) => i !== null).length

/** How far down a header is looked for: a title and a note or two may stand above it. */
const HEADER_WITHIN = 10

/** The index (in rows) of the header: of the first rows, the one naming most of our columns; the first when none does. */
export function headerIndex(rows: readonly (readonly string[])[], words: Words): number {
  let best = 0
  let most = 0
  rows.slice(0, HEADER_WITHIN).forEach((row, i) => {
    const n = matched(row, words)
    if (n > most) { best = i; most = n }
  })
  return best
}

/** The required columns no sheet column is chosen for. */
export const unmapped = (m: Mapping): Column[] => REQUIRED.filter((c) => m[c] === null)

/** Our columns that share a sheet's column with another (each group in our order). */
export function shared(m: Mapping): Column[][] {
  const by = new Map<number, Column[]>()
  for (const c of COLUMNS) {
    const i = m[c]
    if (i !== null) by.set(i, [...(by.get(i) ?? []), c])
  }
  return [...by.values()].filter((g) => g.length > 1)
}

// ---- the values ----

/** What the values are looked up in: the tiers' words and the countries' names and codes, folded. */
export interface Lookup {
  tiers: Map<string, Tier>
  countries: Map<string, string>
  negative: Set<string>
  positive: Set<string>
}

export function lookup(words: Words, countries: readonly Country[]): Lookup {
  const tiers = new Map<string, Tier>()
  for (const t of TIERS) for (const w of [t, ...words.tiers[t]]) if (fold(w)) tiers.set(fold(w), t)
  const names = new Map<string, string>()
  for (const c of countries) {
    for (const n of [c.code, c.alpha3, c.name_zh, c.name_en]) if (n && fold(n)) names.set(fold(n), c.code)
  }
  const set = (ws: readonly string[]) => new Set(ws.map(fold).filter(Boolean))
  return { tiers, countries: names, negative: set(['s', 'w', ...words.negative]), positive: set(['n', 'e', ...words.positive]) }
}

const pad = (n: string) => n.padStart(2, '0')

/** Excel's day 0 (its serial dates count from 1899-12-30, the 1900 leap-year bug included). */
const EXCEL_EPOCH = Date.UTC(1899, 11, 30)

/**
 * A date as the server reads it (YYYY-MM-DD): 1986-9-22, 1986/9/22, 1986.9.22 and the same
 * with the Chinese year, month and day (U+5E74, U+6708, U+65E5) padded; a date cell whose
 * format was lost, as Excel's serial number (five digits: 1927 to 2173), counted from its
 * epoch. Anything else is left for the server to name.
 */
export function dayOf(s: string): string {
  const ymd = /^(\d{4})\s*[-/.\u5E74]\s*(\d{1,2})\s*[-/.\u6708]\s*(\d{1,2})\s*\u65E5?$/.exec(s)
  if (ymd) return `${ymd[1]}-${pad(ymd[2])}-${pad(ymd[3])}`
  if (/^\d{5}(\.\d+)?$/.test(s)) return new Date(EXCEL_EPOCH + Math.floor(Number(s)) * 86400e3).toISOString().slice(0, 10)
  return s
}

/**
 * A coordinate in decimal degrees: a decimal comma taken as a point, the degree sign dropped, a
 * hemisphere before or after it ("50.77 N", "S 33.96", the Chinese words too) as the sign.
 */
export function degreesOf(s: string, l: Pick<Lookup, 'negative' | 'positive'>): string {
  const m = /^(\D*?)\s*([-+]?\d+(?:[.,]\d+)?)\s*°?\s*(\D*)$/.exec(s)
  if (!m) return s
  const [before, after] = [fold(m[1]), fold(m[3])]
  const hemisphere = before || after
  if (before && after) return s
  const number = m[2].replace(',', '.').replace(/^\+/, '')
  if (!hemisphere) return number
  if (l.positive.has(hemisphere)) return number
  if (l.negative.has(hemisphere)) return number.startsWith('-') ? s : `-${number}`
  return s
}

/** A cell's value as the server reads the column: trimmed, on one line, and as below for some. */
export function valueOf(column: Column, cell: string, l: Lookup): string {
  const s = cell.replace(/\s*[\r\n]+\s*/g, ' ').trim()
  if (!s) return ''
  switch (column) {
    case 'country':
      return /^[a-z]{2}$/i.test(s) ? s.toUpperCase() : l.countries.get(fold(s)) ?? s
    case 'tier':
      return l.tiers.get(fold(s)) ?? s
    case 'established':
      return dayOf(s)
    case 'lat':
    case 'lon':
      return degreesOf(s, l)
    case 'population': {
      // 249,000 · 249 000 · 249000.0 (a number cell's text)
      const n = s.replace(/[,\s_']/g, '').replace(/\.0+$/, '')
      return /^\d+$/.test(n) ? n : s
    }
    default:
      return s
  }
}

// ---- the CSV ----

/** The sheet as read, and the row of its header. */
export interface Sheet extends SheetRows {
  header: number
}

/** A data row's values, in our columns' order (empty where no column is chosen). */
export const rowValues = (cells: readonly string[], m: Mapping, l: Lookup): string[] =>
  COLUMNS.map((c) => (m[c] === null ? '' : valueOf(c, cells[m[c] as number] ?? '', l)))

/**
 * The CSV text sent: our header, then each row below the sheet's header that gives one of our
 * columns something (a total or a note in another column is not a city), with the sheet's row
 * of each record (the header's first) for the server's errors.
 */
export function buildCsv(sheet: Sheet, m: Mapping, l: Lookup): SheetText & { rowOf: number[] } {
  const lines = [COLUMNS.join(',')]
  const rowOf = [sheet.rowOf[sheet.header] ?? 1]
  for (let i = sheet.header + 1; i < sheet.rows.length; i++) {
    const values = rowValues(sheet.rows[i], m, l)
    if (values.every((v) => !v)) continue
    lines.push(values.map(csvField).join(','))
    rowOf.push(sheet.rowOf[i])
  }
  return { csv: `${lines.join('\n')}\n`, rows: lines.length - 1, rowOf }
}
