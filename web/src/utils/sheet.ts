// The office's spreadsheets read in the browser, for the imports that take a list from one (a
// tour group's members, the partner-city registry): the file chosen — a CSV file's bytes in
// UTF-8, or GB 18030 as Excel on a Chinese Windows saves it; an xlsx file's first worksheet,
// its cells written as text (dates as YYYY-MM-DD) — as rows of cell text or as the CSV text the
// server reads, and the errors of a refused file grouped by row, each message without the place
// the table already gives. exceljs is large: it is loaded only when an xlsx file is read.
// No Vue, no requests: unit-tested in sheet.test.ts.
import type { CellValue } from 'exceljs'
import type { ErrorDetail } from '@/api/types'

export type FileKind = 'csv' | 'xlsx'

/** A file larger than this is not read (a list of a few thousand rows is far smaller). */
export const MAX_FILE_BYTES = 10 * 1024 * 1024

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

// ---- a sheet's cells as text ----

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

/** A worksheet's cells: cells[i] holds the sheet's row i + 1, column A first (missing rows and cells are empty). */
export type SheetCells = readonly (readonly (CellValue | undefined)[] | undefined)[]

/** A sheet's rows that hold something, as text. */
export interface SheetRows {
  /** Each row's cells as text, column A first, without the empty cells after its last value. */
  rows: string[][]
  /** The sheet's row of each (the first is 1): the empty rows are left out. */
  rowOf: number[]
}

/** The rows of a worksheet's cells that hold something, as text, with the sheet's row of each. */
export function sheetRows(cells: SheetCells): SheetRows {
  const rows: string[][] = []
  const rowOf: number[] = []
  for (let i = 0; i < cells.length; i++) {
    const texts = Array.from(cells[i] ?? [], (v) => cellText(v))
    let last = texts.length - 1
    while (last >= 0 && texts[last].trim() === '') last--
    if (last < 0) continue
    rows.push(texts.slice(0, last + 1))
    rowOf.push(i + 1)
  }
  return { rows, rowOf }
}

/** The first worksheet's cells (an empty workbook has none); throws when the bytes are not an xlsx file. */
export async function readXlsx(data: ArrayBuffer): Promise<CellValue[][]> {
  const mod = await import('exceljs')
  // the browser's build is CommonJS: its exports arrive as the default
  const ExcelJS = (mod as unknown as { default?: typeof mod }).default ?? mod
  const book = new ExcelJS.Workbook()
  await book.xlsx.load(data)
  const sheet = book.worksheets[0]
  const rows: CellValue[][] = []
  sheet?.eachRow({ includeEmpty: false }, (row, n) => {
    const cells: CellValue[] = []
    row.eachCell({ includeEmpty: true }, (cell, c) => { cells[c - 1] = cell.value })
    rows[n - 1] = cells
  })
  return rows
}

/** An xlsx file's first worksheet as rows of text. */
export async function xlsxRows(data: ArrayBuffer): Promise<SheetRows> {
  return sheetRows(await readXlsx(data))
}

// ---- CSV ----

/** A field of a CSV record (RFC 4180): quoted when it holds a comma, a quote or a line break. */
export function csvField(s: string): string {
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s
}

export interface SheetText {
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
 * A worksheet's cells as CSV: empty rows are left out; every record has the header's width (its
 * last named column), more if a row has a value beyond it (for the server to name).
 */
export function sheetToCsv(cells: SheetCells): SheetText {
  const { rows, rowOf } = sheetRows(cells)
  const width = rows[0]?.length ?? 0
  const lines = rows.map((texts) =>
    Array.from({ length: Math.max(width, texts.length) }, (_, c) => csvField(texts[c] ?? '')).join(','))
  return { csv: lines.length ? `${lines.join('\n')}\n` : '', rows: Math.max(0, lines.length - 1), rowOf }
}

/** An xlsx file's first worksheet as CSV text (sheetToCsv). */
export async function xlsxToCsv(data: ArrayBuffer): Promise<SheetText> {
  return sheetToCsv(await readXlsx(data))
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

/** A CSV text that cannot be read: a quote left open, or a stray one after a quoted field. */
export class CsvError extends Error {
  constructor(public line: number) {
    super(`not CSV at line ${line}`)
  }
}

/**
 * A CSV text's records (RFC 4180: a quoted field may hold commas, doubled quotes and line
 * breaks; CRLF or LF; a byte-order mark dropped) as rows of text, each with the line it begins
 * on; records whose fields are all blank are left out, as are the empty fields after a row's
 * last value. Throws CsvError for a text that is not CSV.
 */
export function parseCsv(csv: string): SheetRows {
  const text = csv.startsWith('\uFEFF') ? csv.slice(1) : csv
  const out: SheetRows = { rows: [], rowOf: [] }
  let fields: string[] = []
  let field = ''
  let line = 1
  let start = 1
  let i = 0
  const endRecord = () => {
    fields.push(field)
    let last = fields.length - 1
    while (last >= 0 && fields[last].trim() === '') last--
    if (last >= 0) {
      out.rows.push(fields.slice(0, last + 1))
      out.rowOf.push(start)
    }
    fields = []
    field = ''
  }
  while (i < text.length) {
    const ch = text[i]
    if (ch === '"' && field === '') {
      // a quoted field, to its closing quote (a doubled one is a quote inside it)
      const opened = line
      i++
      for (;;) {
        if (i >= text.length) throw new CsvError(opened)
        const q = text[i]
        if (q === '"') {
          if (text[i + 1] === '"') { field += '"'; i += 2; continue }
          i++
          break
        }
        if (q === '\n') line++
        field += q
        i++
      }
      const next = text[i]
      if (next !== undefined && next !== ',' && next !== '\n' && !(next === '\r' && text[i + 1] === '\n')) throw new CsvError(line)
      continue
    }
    if (ch === ',') {
      fields.push(field)
      field = ''
    } else if (ch === '\n' || (ch === '\r' && text[i + 1] === '\n')) {
      endRecord()
      if (ch === '\r') i++
      line++
      start = line
    } else {
      field += ch
    }
    i++
  }
  if (field !== '' || fields.length) endRecord()
  return out
}

// ---- a refused file ----

/** An error of a refused file, as the server names it: its row (the header is 1; 0 for none) and column ('' for the whole row). */
export interface RowError {
  row: number
  column: string
  rule: string
  message: string
  message_zh: string
}

/** The errors of a 422's details (row 0 for one that names none), in the server's order. */
export function rowErrors(details: readonly ErrorDetail[]): RowError[] {
  return details.map((d) => {
    const at = d as ErrorDetail & Partial<Pick<RowError, 'row' | 'column'>>
    return {
      row: typeof at.row === 'number' ? at.row : 0,
      column: typeof at.column === 'string' ? at.column : '',
      rule: d.rule ?? '',
      message: d.message,
      message_zh: d.message_zh,
    }
  })
}

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
