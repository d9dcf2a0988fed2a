// An xlsx file's first worksheet as the list's CSV text (list.ts writes the cells). exceljs is
// large: it is loaded only when an xlsx file is chosen.
import type { CellValue } from 'exceljs'
import { sheetToCsv, type ListText } from './list'

/** Reads the workbook; throws when the bytes are not an xlsx file. */
export async function xlsxToCsv(data: ArrayBuffer): Promise<ListText> {
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
  return sheetToCsv(rows)
}
