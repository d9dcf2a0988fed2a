import { describe, expect, it } from 'vitest'
import ExcelJS from 'exceljs'
import { chartWorkbook, fileStem, sheetName, sheetRows, type ChartRow } from './download'

/** The first worksheet of an xlsx file: its name and its cells' values, row by row. */
async function readBack(bytes: Uint8Array) {
  const book = new ExcelJS.Workbook()
  await book.xlsx.load(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer)
  const sheet = book.worksheets[0]
  const rows: unknown[][] = []
  sheet.eachRow((row, n) => { rows[n - 1] = (row.values as unknown[]).slice(1) })
  return { name: sheet.name, title: book.title, rows, sheet }
}

describe('a chart\'s downloads', () => {
  it('names its files after its title, in safe characters of any script', () => {
    expect(fileStem('Partner cities by continent')).toBe('Partner-cities-by-continent')
    expect(fileStem("The network's growth, year by year")).toBe('The-network-s-growth-year-by-year')
    expect(fileStem('各大洲友城数')).toBe('各大洲友城数')
    expect(fileStem('友城总数（当年新增）')).toBe('友城总数-当年新增')
    expect(fileStem('../a/b:c*?"<>|')).toBe('a-b-c')
    expect(fileStem('  ?? ')).toBe('chart')
    expect([...fileStem('x'.repeat(200))]).toHaveLength(80)
  })

  it('names its worksheet within Excel\'s rules', () => {
    expect(sheetName('Projects by field: inbound/outbound [2024]?')).toBe('Projects by field inbound outbo')
    expect(sheetName('各大洲友城数')).toBe('各大洲友城数')
    expect(sheetName('*?')).toBe('Sheet1')
  })

  it('writes the table\'s rows: numbers as numbers where the row has them, else the shown text', () => {
    const rows: ChartRow[] = [
      { label: 'Europe', value: '1,234', n: 1234, to: { name: 'network-cities' } },
      { label: 'Mean', value: '–' },
      { label: 'Trade', value: '7', n: 7, more: [{ value: '3', n: 3 }, { value: 'n/a' }] },
    ]
    expect(sheetRows(['Continent', 'Cities', 'Inbound', 'Outbound'], rows)).toEqual([
      ['Continent', 'Cities', 'Inbound', 'Outbound'],
      ['Europe', 1234],
      ['Mean', '–'],
      ['Trade', 7, 3, 'n/a'],
    ])
  })

  it('builds a workbook that exceljs reads back cell by cell', async () => {
    const rows: ChartRow[] = [
      { label: '欧洲', value: '1,234', n: 1234 },
      { label: '非洲', value: '9', n: 9 },
      { label: '合计', value: '1.5', n: 1.5 },
      { label: '1983', value: '1 (+1)' },
    ]
    const bytes = await chartWorkbook('各大洲友城数', ['大洲', '友城数'], rows)
    expect([...bytes.slice(0, 2)]).toEqual([0x50, 0x4b]) // a zip file, as every xlsx is
    const back = await readBack(bytes)
    expect(back.name).toBe('各大洲友城数')
    expect(back.title).toBe('各大洲友城数')
    expect(back.rows).toEqual([['大洲', '友城数'], ['欧洲', 1234], ['非洲', 9], ['合计', 1.5], ['1983', '1 (+1)']])
    expect(back.sheet.getCell('B2').numFmt).toBe('#,##0')
    expect(back.sheet.getRow(1).font?.bold).toBe(true)
  })

  it('writes the headings alone when the table has no rows', async () => {
    const back = await readBack(await chartWorkbook('Empty', ['Year', 'Exchanges'], []))
    expect(back.rows).toEqual([['Year', 'Exchanges']])
  })
})
