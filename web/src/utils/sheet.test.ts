import { describe, expect, it } from 'vitest'
import ExcelJS from 'exceljs'
import {
  CsvError, byRow, cellText, csvField, dataRows, decodeCsv, fileKind, parseCsv, rowErrors, sheetRow, sheetRows, sheetToCsv,
  withoutPlace, xlsxRows, xlsxToCsv, type RowError,
} from './sheet'

const err = (row: number, column: string, rule = 'format.date'): RowError =>
  ({ row, column, rule, message: `Row ${row}, ${column}: Must be a date.`, message_zh: `第 ${row} 行 ${column}：应为日期。` })

async function book(fill: (s: ExcelJS.Worksheet) => void, extra?: (b: ExcelJS.Workbook) => void): Promise<ArrayBuffer> {
  const b = new ExcelJS.Workbook()
  fill(b.addWorksheet('名单'))
  extra?.(b)
  const buf = (await b.xlsx.writeBuffer()) as unknown as Uint8Array
  return buf.buffer.slice(buf.byteOffset, buf.byteOffset + buf.byteLength) as ArrayBuffer
}

describe('reading the file chosen', () => {
  it('knows a spreadsheet by its extension only', () => {
    expect(fileKind('名单.CSV')).toBe('csv')
    expect(fileKind('list.xlsx')).toBe('xlsx')
    expect(fileKind('list.xls')).toBeNull()
    expect(fileKind('list')).toBeNull()
  })

  it('reads UTF-8 (without its byte-order mark) and GB 18030 as Excel saves it on a Chinese Windows', () => {
    const utf8 = new TextEncoder().encode('\uFEFFname,city\n王芳,东京\n')
    expect(decodeCsv(utf8)).toBe('name,city\n王芳,东京\n')
    // 王芳,东京 in GB 18030
    const gbk = new Uint8Array([0xcd, 0xf5, 0xb7, 0xbc, 0x2c, 0xb6, 0xab, 0xbe, 0xa9])
    expect(decodeCsv(gbk)).toBe('王芳,东京')
  })

  it('counts the rows below the header as the server does: records, blank lines skipped', () => {
    expect(dataRows('name,city\na,b\n\nc,d\r\n')).toBe(2)
    expect(dataRows('\uFEFFname,city\n"a\nstill a",b\nc,d')).toBe(2)
    expect(dataRows('name,city\n  \n')).toBe(0)
    expect(dataRows('')).toBe(0)
    expect(dataRows('name,city\n,\n')).toBe(1)
  })
})

describe('a CSV text as rows', () => {
  it('reads quoted fields with commas, quotes and line breaks, each record with the line it begins on', () => {
    const r = parseCsv('\uFEFF中文名,English name\r\n"亚琛","Aachen, NRW"\r\n\r\n"say ""hi""",x\n"two\nlines",y\n,,\nlast,')
    expect(r.rows).toEqual([['中文名', 'English name'], ['亚琛', 'Aachen, NRW'], ['say "hi"', 'x'], ['two\nlines', 'y'], ['last']])
    expect(r.rowOf).toEqual([1, 2, 4, 5, 8])
  })

  it('keeps an empty field inside a row and a quote inside an unquoted field', () => {
    expect(parseCsv('a,,c\nab"c,d\n').rows).toEqual([['a', '', 'c'], ['ab"c', 'd']])
    expect(parseCsv('')).toEqual({ rows: [], rowOf: [] })
  })

  it('refuses a quote left open, or text after a closing quote, naming the line', () => {
    expect(() => parseCsv('a,b\n"open,c\nd\n')).toThrow(CsvError)
    try { parseCsv('a,b\n"x"y,c\n') } catch (e) { expect((e as CsvError).line).toBe(2) }
    expect.assertions(2)
  })
})

describe('an xlsx sheet as text', () => {
  it('writes each cell as text: dates as YYYY-MM-DD, numbers whole, yes/no, rich text, links and formulas by their text', () => {
    expect(cellText(new Date(Date.UTC(2026, 11, 1)))).toBe('2026-12-01')
    expect(cellText(new Date(Date.UTC(2026, 11, 1, 23, 30)))).toBe('2026-12-01')
    expect(cellText(13800000000)).toBe('13800000000')
    expect(cellText(1.5)).toBe('1.5')
    expect(cellText(true)).toBe('yes')
    expect(cellText(false)).toBe('no')
    expect(cellText({ richText: [{ text: '王' }, { text: '芳' }] })).toBe('王芳')
    expect(cellText({ text: 'wang@example.com', hyperlink: 'mailto:wang@example.com' })).toBe('wang@example.com')
    expect(cellText({ formula: 'A1', result: new Date(Date.UTC(2026, 0, 2)) })).toBe('2026-01-02')
    expect(cellText({ sharedFormula: 'A1', result: 7 })).toBe('7')
    expect(cellText({ formula: 'A1' })).toBe('')
    expect(cellText({ error: '#N/A' })).toBe('#N/A')
    expect(cellText(null)).toBe('')
    expect(cellText(undefined)).toBe('')
  })

  it('quotes a field with a comma, a quote or a line break', () => {
    expect(csvField('Tokyo')).toBe('Tokyo')
    expect(csvField('Tokyo, Japan')).toBe('"Tokyo, Japan"')
    expect(csvField('say "hi"')).toBe('"say ""hi"""')
    expect(csvField('a\nb')).toBe('"a\nb"')
  })

  it('keeps the rows that hold something, with the sheet\'s row of each', () => {
    const r = sheetRows([['name', null, undefined], undefined, [' ', ''], ['王芳', 13800000000, undefined, 'x']])
    expect(r).toEqual({ rows: [['name'], ['王芳', '13800000000', '', 'x']], rowOf: [1, 4] })
  })

  it('gives every CSV row the header\'s width, leaves empty rows out and remembers the sheet\'s rows', () => {
    const t = sheetToCsv([
      ['name', 'phone', 'from', undefined, null],
      ['王芳', 13800000000, new Date(Date.UTC(2026, 11, 1))],
      undefined,
      ['', ' ', null],
      ['钱伟', '139 0000 0000', '2026-12-02', 'note'],
    ])
    expect(t.csv).toBe('name,phone,from\n王芳,13800000000,2026-12-01\n钱伟,139 0000 0000,2026-12-02,note\n')
    expect(t.rows).toBe(2)
    expect(t.rowOf).toEqual([1, 2, 5])
    expect(sheetRow(3, t.rowOf)).toBe(5)
    expect(sheetRow(1, t.rowOf)).toBe(1)
    expect(sheetRow(9, t.rowOf)).toBe(9)
    expect(sheetRow(12)).toBe(12)
    expect(sheetToCsv([])).toEqual({ csv: '', rows: 0, rowOf: [] })
  })
})

describe('an xlsx file', () => {
  const list = (s: ExcelJS.Worksheet) => {
    s.addRow(['name', 'phone', 'email', 'tour_leader', 'country', 'city', 'from', 'to'])
    s.addRow(['王芳', 13800000001, { text: 'wang@example.com', hyperlink: 'mailto:wang@example.com' }, true, 'JP', '东京',
      new Date(Date.UTC(2026, 11, 1)), new Date(Date.UTC(2026, 11, 3))])
    s.addRow([])
    s.addRow(['钱伟', '139 0000 0002', '', '否', 'JP', 'Osaka, Kansai', '2026-12-04', '2026-12-05'])
    s.getCell('G2').numFmt = 'yyyy/m/d'
  }
  const other = (b: ExcelJS.Workbook) => b.addWorksheet('other').addRow(['not', 'this'])

  it('reads the first worksheet as CSV: dates as YYYY-MM-DD, numbers whole, empty rows left out', async () => {
    const t = await xlsxToCsv(await book(list, other))
    expect(t.csv.split('\n')).toEqual([
      'name,phone,email,tour_leader,country,city,from,to',
      '王芳,13800000001,wang@example.com,yes,JP,东京,2026-12-01,2026-12-03',
      '钱伟,139 0000 0002,,否,JP,"Osaka, Kansai",2026-12-04,2026-12-05',
      '',
    ])
    expect(t.rows).toBe(2)
    expect(t.rowOf).toEqual([1, 2, 4])
  })

  it('reads the first worksheet as rows of text', async () => {
    const r = await xlsxRows(await book(list, other))
    expect(r.rowOf).toEqual([1, 2, 4])
    expect(r.rows[1]).toEqual(['王芳', '13800000001', 'wang@example.com', 'yes', 'JP', '东京', '2026-12-01', '2026-12-03'])
  })

  it('refuses what is not an xlsx file', async () => {
    await expect(xlsxToCsv(new TextEncoder().encode('name,phone\n').buffer as ArrayBuffer)).rejects.toThrow()
  })
})

describe('a refused file', () => {
  it('takes the errors of a 422\'s details, row 0 for one naming none', () => {
    const d = { field: 'csv', rule: 'format.date', message: 'Row 12, from: x', message_zh: '第 12 行 from：x', row: 12, column: 'from' }
    expect(rowErrors([d])).toEqual([{ row: 12, column: 'from', rule: 'format.date', message: 'Row 12, from: x', message_zh: '第 12 行 from：x' }])
    expect(rowErrors([{ field: 'csv', rule: 'maxLength', message: 'too long', message_zh: '太长' }])[0]).toMatchObject({ row: 0, column: '' })
  })

  it('groups the errors by row, the file\'s own first', () => {
    const errors = [err(4, 'phone'), err(1, 'tour_leader', 'safety.group.no_leader'), err(4, 'from'), err(2, 'city')]
    expect(byRow(errors).map((r) => [r.row, r.errors.map((e) => e.column)])).toEqual([[1, ['tour_leader']], [2, ['city']], [4, ['phone', 'from']]])
  })

  it('says a message without the place the table already gives, in either language', () => {
    const e = err(12, 'from')
    expect(withoutPlace(e, e.message)).toBe('Must be a date.')
    expect(withoutPlace(e, e.message_zh)).toBe('应为日期。')
    expect(withoutPlace(err(4, ''), 'Row 4: Must have 8 fields.')).toBe('Must have 8 fields.')
    expect(withoutPlace(err(4, ''), '第 4 行：应有 8 列。')).toBe('应有 8 列。')
    expect(withoutPlace(e, 'Something else.')).toBe('Something else.')
    expect(withoutPlace(err(3, 'to'), e.message)).toBe(e.message)
  })
})
