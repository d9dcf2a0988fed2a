import { describe, expect, it } from 'vitest'
import type { RowError } from '@/utils/sheet'
import { emptyMapping } from './mapping'
import { badRows, confirmOptions, inOrder, sheetColumn, writes } from './outcome'

const err = (row: number, column: string, rule = 'network.latitude'): RowError =>
  ({ row, column, rule, message: `Row ${row}, ${column}: x`, message_zh: `第 ${row} 行 ${column}：x` })

describe('a preview', () => {
  it('lists a merge\'s changes in our columns\' order', () => {
    const changes = [{ field: 'tier', from: 'sister', to: 'friendly' }, { field: 'established', from: '1986-09-22', to: '2018-04-01' },
      { field: 'name_en', from: 'Aachen', to: 'AACHEN' }, { field: 'population', from: 249000, to: 260000 }]
    expect(inOrder(changes).map((c) => c.field)).toEqual(['name_en', 'tier', 'established', 'population'])
    expect(changes[0].field).toBe('tier')
  })

  it('is confirmed with merge only when the registry has some of its cities, and only when it writes', () => {
    expect(confirmOptions({ merged: 2, unchanged: 0 })).toEqual({ merge: true })
    // the server refuses an unchanged city without merge too
    expect(confirmOptions({ merged: 0, unchanged: 1 })).toEqual({ merge: true })
    expect(confirmOptions({ merged: 0, unchanged: 0 })).toEqual({})
    expect(writes({ added: 0, merged: 0 })).toBe(false)
    expect(writes({ added: 1, merged: 0 })).toBe(true)
    expect(writes({ added: 0, merged: 1 })).toBe(true)
  })
})

describe('a refused file', () => {
  it('counts the data rows with an error', () => {
    expect(badRows([err(3, 'lat'), err(3, 'established'), err(5, ''), err(1, '', 'network.import.header')])).toBe(2)
  })

  it('places an error at the sheet\'s column that gave ours', () => {
    const m = { ...emptyMapping(), lat: 4, established: 27 }
    const header = ['序号', '国家', '英文名', '中文名称', '纬度']
    expect(sheetColumn('lat', m, header)).toEqual({ header: '纬度', letter: 'E' })
    expect(sheetColumn('established', m, header)).toEqual({ header: '', letter: 'AB' })
    expect(sheetColumn('population', m, header)).toBeNull()
    expect(sheetColumn('csv', m, header)).toBeNull()
  })
})
