// A chart's downloads, the pure part: the file name made from its title, and its data table as an
// xlsx workbook (exceljs, loaded only when one is asked for: it is large). The workbook holds the
// same rows as the table under the chart: its headings in the first row, then a row per table
// row, a number written as a number where the row carries it (`n`), else as the table's text.
// No Vue, no DOM: unit-tested in download.test.ts.
import type { RouteLocationRaw } from 'vue-router'

/** A number of a chart's data table: as shown (formatted in the UI's language) and, when it is one, as a number. */
export interface ChartCell { value: string; n?: number }

/**
 * A row of a chart's data table: what it is, its number (`value` as shown, `n` the number itself
 * for the spreadsheet), further numbers for the further columns (`more`), and where the row leads.
 */
export interface ChartRow extends ChartCell {
  label: string
  more?: ChartCell[]
  to?: RouteLocationRaw
}

export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'

/**
 * A file name's stem from a chart's title: its letters and digits (any script) kept, every run of
 * other characters a single '-', at most 80 characters; "chart" when nothing is left.
 */
export function fileStem(title: string): string {
  const stem = title.normalize('NFC').replace(/[^\p{L}\p{N}]+/gu, '-').replace(/^-+|-+$/g, '')
  return [...stem].slice(0, 80).join('').replace(/-+$/, '') || 'chart'
}

/** A worksheet's name from a title: at most 31 characters, none of : \ / ? * [ ] (Excel's rules). */
export function sheetName(title: string): string {
  return [...title.replace(/[:\\/?*[\]]/g, ' ').replace(/\s+/g, ' ').trim()].slice(0, 31).join('').trim() || 'Sheet1'
}

/** The table's cells, row by row: the headings, then each row's label and numbers (`n` where given). */
export function sheetRows(columns: readonly string[], rows: readonly ChartRow[]): (string | number)[][] {
  const cell = (c: ChartCell | undefined) => (c === undefined ? '' : typeof c.n === 'number' && Number.isFinite(c.n) ? c.n : c.value)
  return [
    [...columns],
    ...rows.map((r) => [r.label, cell(r), ...(r.more ?? []).map(cell)]),
  ]
}

/** The xlsx file of a chart's data table (its title naming the worksheet and the workbook). */
export async function chartWorkbook(title: string, columns: readonly string[], rows: readonly ChartRow[]): Promise<Uint8Array> {
  const mod = await import('exceljs')
  // the browser's build is CommonJS: its exports arrive as the default
  const ExcelJS = (mod as unknown as { default?: typeof mod }).default ?? mod
  const book = new ExcelJS.Workbook()
  book.title = title
  book.created = new Date()
  const sheet = book.addWorksheet(sheetName(title))
  const cells = sheetRows(columns, rows)
  sheet.addRows(cells)
  sheet.getRow(1).font = { bold: true }
  sheet.views = [{ state: 'frozen', ySplit: 1 }]
  // whole numbers with the thousands' separator, as the table shows them
  sheet.eachRow((row) => row.eachCell((c) => { if (Number.isInteger(c.value)) c.numFmt = '#,##0' }))
  sheet.columns.forEach((col, i) => {
    const widest = Math.max(...cells.map((r) => [...String(r[i] ?? '')].length))
    col.width = Math.min(60, Math.max(10, widest + 2))
  })
  return new Uint8Array(await book.xlsx.writeBuffer())
}
