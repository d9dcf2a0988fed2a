import { describe, expect, it } from 'vitest'
import type { TourMember } from '@/api/safety-groups'
import { dataRows, type RowError } from '@/utils/sheet'
import { COLUMNS, badRows, canConfirm, citiesOf, goodRows, isFileError, templateCsv } from './list'

const err = (row: number, column: string, rule = 'format.date'): RowError =>
  ({ row, column, rule, message: `Row ${row}, ${column}: Must be a date.`, message_zh: `第 ${row} 行 ${column}：应为日期。` })

describe('the list\'s template', () => {
  it('makes a template of the header and one example row', () => {
    const t = templateCsv({ name: '王芳', tourLeader: '是', city: '东京', from: '2027-01-01', to: '2027-01-03' })
    expect(t.split('\r\n')).toEqual([COLUMNS.join(','), '王芳,+86 138 0000 0000,name@example.com,是,JP,东京,2027-01-01,2027-01-03', ''])
    expect(dataRows(t)).toBe(1)
  })
})

describe('a refused list', () => {
  it('counts the bad data rows, the file\'s own errors apart', () => {
    const errors = [err(4, 'phone'), err(1, 'tour_leader', 'safety.group.no_leader'), err(4, 'from'), err(2, 'city')]
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
