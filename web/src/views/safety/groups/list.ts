// A tour group's list, the pure part: the file chosen read as the server's CSV text (a CSV file's
// bytes in UTF-8, or GB 18030 as Excel on a Chinese Windows saves it; an xlsx sheet's cells
// written as text, dates as YYYY-MM-DD), the template, the errors of a refused list grouped by
// row and whether the good rows may be confirmed, and the itinerary's cities for the map.
// No Vue, no requests: unit-tested in list.test.ts. The rules themselves are the server's
// (src/safety/groups.cpp): this file only says what it answered.
import type { CellValue } from 'exceljs'
import type { ListError, TourMember } from '@/api/safety-groups'
import type { ErrorDetail } from '@/api/types'

/** The list's columns, the header's names (any order in a file). */
export const COLUMNS = ['name', 'phone', 'email', 'tour_leader', 'country', 'city', 'from', 'to'] as const

/** The server's limit on the CSV text (the request's maxLength). */
export const MAX_CSV_CHARS = 2_000_000
/** A file larger than this is not read (a list of a few hundred rows is far smaller). */
export const MAX_FILE_BYTES = 10 * 1024 * 1024

export type FileKind = 'csv' | 'xlsx'

/** The kind of a file by its name's extension; null for any other (an old .xls among them). */
export function fileKind(name: string): FileKind | null {
  const ext = /\.([a-z0-9]+)$/i.exec(name.trim())?.[1].toLowerCase()
  return ext === 'csv' || ext === 'xlsx' ? ext : null
}

/** A CSV file's text: UTF-8 (its byte-order mark dropped), else GB 18030 (Excel's "CSV" on a Chinese Windows). */
export function decodeCsv(bytes: Uint8Array): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes)
  } catch {
    return new TextDecoder('gb18030').decode(bytes)
  }
}

// ---- an xlsx sheet as CSV ----

/** A date of a sheet as YYYY-MM-DD: exceljs gives a cell's date and time as if at UTC (a sheet has no time zone). */
export function isoDay(d: Date): string {
  return d.toISOString().slice(0, 10)
}

/** A number as written, without exponent or grouping (a phone number typed as a number stays whole). */
function numberText(n: number): string {
  if (Number.isInteger(n) && Math.abs(n) < 1e21) return n.toFixed(0)
  return String(n)
}

/**
 * A cell's value as text: a date as YYYY-MM-DD, a number as written, true and false as yes and
 * no, rich text and a hyperlink by their text, a formula by its result, an error by its code.
 */
export function cellText(v: CellValue | undefined): string {
  if (v === null || v === undefined) return ''
  if (v instanceof Date) return Number.isNaN(v.getTime()) ? '' : isoDay(v)
  if (typeof v === 'string') return v
  if (typeof v === 'number') return numberText(v)
  if (typeof v === 'boolean') return v ? 'yes' : 'no'
  if ('richText' in v) return v.richText.map((r) => r.text).join('')
  if ('formula' in v || 'sharedFormula' in v) return cellText(v.result as CellValue)
  // a hyperlink's text may itself be rich text
  if ('hyperlink' in v) return cellText(v.text as CellValue)
  if ('error' in v) return v.error
  return ''
}

/** A field of a CSV record (RFC 4180): quoted when it holds a comma, a quote or a line break. */
export function csvField(s: string): string {
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s
}

export interface ListText {
  /** The CSV text the server reads. */
  csv: string
  /** Rows below the header. */
  rows: number
  /**
   * The sheet's row of each CSV record, the header first, when they differ (an xlsx sheet's
   * empty rows are left out of the text); the server's row n is the sheet's rowOf[n - 1].
   */
  rowOf?: number[]
}

/**
 * The first worksheet's rows as CSV: rows[i] holds the cells of the sheet's row i + 1 (column A
 * first; missing rows and cells are empty). Empty rows are left out; every record has the
 * header's width (its last named column), more if a row has a value beyond it (for the server
 * to name).
 */
export function sheetToCsv(rows: readonly (readonly (CellValue | undefined)[] | undefined)[]): ListText {
  const lines: string[] = []
  const rowOf: number[] = []
  let width = 0
  for (let i = 0; i < rows.length; i++) {
    const cells = rows[i] ?? []
    const texts: string[] = []
    for (let c = 0; c < cells.length; c++) texts.push(cellText(cells[c]))
    let last = texts.length - 1
    while (last >= 0 && texts[last].trim() === '') last--
    if (last < 0) continue
    if (!lines.length) width = last + 1
    const n = Math.max(width, last + 1)
    lines.push(Array.from({ length: n }, (_, c) => csvField(texts[c] ?? '')).join(','))
    rowOf.push(i + 1)
  }
  return { csv: lines.length ? `${lines.join('\n')}\n` : '', rows: Math.max(0, lines.length - 1), rowOf }
}

/**
 * The rows below the header of a CSV text, as the server counts them: records (a quoted field
 * may span lines), blank lines skipped.
 */
export function dataRows(csv: string): number {
  let records = 0
  let quoted = false
  let content = false
  const text = csv.startsWith('\uFEFF') ? csv.slice(1) : csv
  for (const ch of text) {
    if (quoted) {
      if (ch === '"') quoted = false
    } else if (ch === '"') {
      quoted = true
      content = true
    } else if (ch === '\n') {
      if (content) records++
      content = false
    } else if (ch !== ' ' && ch !== '\t' && ch !== '\r') {
      content = true
    }
  }
  if (content) records++
  return Math.max(0, records - 1)
}

/** The template: the header and one example row (the example's words in the UI's language). */
export interface TemplateExample { name: string; tourLeader: string; city: string; from: string; to: string }

export function templateCsv(e: TemplateExample): string {
  const row = [e.name, '+86 138 0000 0000', 'name@example.com', e.tourLeader, 'JP', e.city, e.from, e.to]
  return `${COLUMNS.join(',')}\r\n${row.map(csvField).join(',')}\r\n`
}

// ---- the server's answer ----

/** An error of a refused list, as the server named it. */
export type RowError = Pick<ListError, 'row' | 'column' | 'rule' | 'message' | 'message_zh'>

/** The list's errors of a 422's details (row 0 for one that names none), in the server's order. */
export function listErrors(details: readonly ErrorDetail[]): RowError[] {
  return details.map((d) => {
    const at = d as ErrorDetail & Partial<Pick<ListError, 'row' | 'column'>>
    return {
      row: typeof at.row === 'number' ? at.row : 0,
      column: typeof at.column === 'string' ? at.column : '',
      rule: d.rule ?? '',
      message: d.message,
      message_zh: d.message_zh,
    }
  })
}

/** Errors of the file as a whole: a good row cannot be taken from it (the server refuses even when confirmed). */
const FILE_RULES = new Set([
  'safety.group.header', 'safety.group.column', 'safety.group.no_leader', 'safety.group.empty',
  'safety.group.too_many_rows', 'safety.import.not_csv',
])

/** An error of the file itself (its header, its tour leader, not CSV, too long) rather than of one data row. */
export const isFileError = (e: RowError) => e.row <= 1 || FILE_RULES.has(e.rule)

export interface RowErrors { row: number; errors: RowError[] }

/** The errors by row, in the file's order (the file's own first). */
export function byRow(errors: readonly RowError[]): RowErrors[] {
  const rows = new Map<number, RowError[]>()
  for (const e of errors) {
    const list = rows.get(e.row)
    if (list) list.push(e)
    else rows.set(e.row, [e])
  }
  return [...rows.entries()].sort((a, b) => a[0] - b[0]).map(([row, list]) => ({ row, errors: list }))
}

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

/** The sheet's row of the server's row n (an xlsx sheet's empty rows were left out of the text). */
export const sheetRow = (row: number, rowOf?: readonly number[]) => (row >= 1 && rowOf?.[row - 1]) || row

/**
 * A message without its place: the server opens each with "Row 12, from: ", or "Row 4: " for a
 * row as a whole (in Chinese the same words: csv.at and csv.at_row in
 * src/core/i18n/messages.json), which the table says in its own columns.
 * Any other message is kept whole.
 */
export function withoutPlace(e: Pick<RowError, 'row' | 'column'>, message: string): string {
  const places = e.column
    ? [`Row ${e.row}, ${e.column}: `, `\u7B2C ${e.row} \u884C ${e.column}\uFF1A`]
    : [`Row ${e.row}: `, `\u7B2C ${e.row} \u884C\uFF1A`]
  for (const p of places) {
    if (message.startsWith(p)) return message.slice(p.length)
  }
  return message
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
