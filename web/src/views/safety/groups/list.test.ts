import { describe, expect, it } from 'vitest'
import type { TourMember } from '@/api/safety-groups'
import {
  COLUMNS, badRows, byRow, canConfirm, cellText, citiesOf, csvField, dataRows, decodeCsv, fileKind, goodRows, isFileError,
  listErrors, sheetRow, sheetToCsv, templateCsv, withoutPlace, type RowError,
} from './list'

const err = (row: number, column: string, rule = 'format.date'): RowError =>
  ({ row, column, rule, message: `Row ${row}, ${column}: Must be a date.`, message_zh: `第 ${row} 行 ${column}：应为日期。` })

describe('reading the file chosen', () => {
  it('knows a list by its extension only', () => {
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

describe('an xlsx sheet as CSV text', () => {
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

  it('gives every row the header\'s width, leaves empty rows out and remembers the sheet\'s rows', () => {
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

  it('makes a template of the header and one example row', () => {
    const t = templateCsv({ name: '王芳', tourLeader: '是', city: '东京', from: '2027-01-01', to: '2027-01-03' })
    expect(t.split('\r\n')).toEqual([COLUMNS.join(','), '王芳,+86 138 0000 0000,name@example.com,是,JP,东京,2027-01-01,2027-01-03', ''])
    expect(dataRows(t)).toBe(1)
  })
})

describe('a refused list', () => {
  it('takes the errors of a 422\'s details, row 0 for one naming none', () => {
    const d = { field: 'csv', rule: 'format.date', message: 'Row 12, from: x', message_zh: '第 12 行 from：x', row: 12, column: 'from' }
    expect(listErrors([d])).toEqual([{ row: 12, column: 'from', rule: 'format.date', message: 'Row 12, from: x', message_zh: '第 12 行 from：x' }])
    expect(listErrors([{ field: 'csv', rule: 'maxLength', message: 'too long', message_zh: '太长' }])[0]).toMatchObject({ row: 0, column: '' })
  })

  it('groups the errors by row, the file\'s own first, and counts the bad data rows', () => {
    const errors = [err(4, 'phone'), err(1, 'tour_leader', 'safety.group.no_leader'), err(4, 'from'), err(2, 'city')]
    expect(byRow(errors).map((r) => [r.row, r.errors.map((e) => e.column)])).toEqual([[1, ['tour_leader']], [2, ['city']], [4, ['phone', 'from']]])
    expect(badRows(errors)).toBe(2)
    expect(goodRows(14, [err(12, 'from'), err(12, 'to')])).toBe(13)
  })

  it('lets the agency confirm the good rows only when every error names a data row and some row is good', () => {
    expect(canConfirm([err(12, 'from')], 14)).toBe(true)
    expect(canConfirm([err(2, 'from')], 1)).toBe(false) // every row bad
    expect(canConfirm([], 14)).toBe(false)
    expect(canConfirm([err(12, 'from'), err(1, 'tour_leader', 'safety.group.no_leader')], 14)).toBe(false)
    // the file's errors, whatever row they name
    expect(isFileError(err(7, '', 'safety.import.not_csv'))).toBe(true)
    expect(isFileError(err(5002, '', 'safety.group.too_many_rows'))).toBe(true)
    expect(isFileError(err(0, ''))).toBe(true)
    expect(isFileError(err(4, 'tour_leader', 'safety.group.one_leader'))).toBe(false)
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

describe('the itinerary on the map', () => {
  const leg = (city: string, lat: number, from: string) => ({ country: 'JP', city, lat, lon: 139, from, to: from })
  const member = (name: string, legs: TourMember['legs']): TourMember => ({ name, phone: '1', email: '', tour_leader: false, legs })

  it('takes each city once, with how many members go there', () => {
    const stops = citiesOf([
      member('a', [leg('Tokyo', 35.7, '2026-12-01'), leg('Osaka', 34.7, '2026-12-03')]),
      member('b', [leg('Tokyo', 35.7, '2026-12-01'), leg('Tokyo', 35.7, '2026-12-05')]),
      member('c', []),
    ])
    expect(stops).toEqual([
      { country: 'JP', city: 'Tokyo', lat: 35.7, lon: 139, people: 2 },
      { country: 'JP', city: 'Osaka', lat: 34.7, lon: 139, people: 1 },
    ])
  })
})
