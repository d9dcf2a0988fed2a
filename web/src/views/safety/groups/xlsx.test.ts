import { describe, expect, it } from 'vitest'
import ExcelJS from 'exceljs'
import { xlsxToCsv } from './xlsx'

async function book(fill: (s: ExcelJS.Worksheet) => void, extra?: (b: ExcelJS.Workbook) => void): Promise<ArrayBuffer> {
  const b = new ExcelJS.Workbook()
  fill(b.addWorksheet('名单'))
  extra?.(b)
  const buf = (await b.xlsx.writeBuffer()) as unknown as Uint8Array
  return buf.buffer.slice(buf.byteOffset, buf.byteOffset + buf.byteLength) as ArrayBuffer
}

describe('an xlsx file as the list\'s CSV', () => {
  it('reads the first worksheet: dates as YYYY-MM-DD, numbers whole, empty rows left out', async () => {
    const data = await book((s) => {
      s.addRow(['name', 'phone', 'email', 'tour_leader', 'country', 'city', 'from', 'to'])
      s.addRow(['王芳', 13800000001, { text: 'wang@example.com', hyperlink: 'mailto:wang@example.com' }, true, 'JP', '东京',
        new Date(Date.UTC(2026, 11, 1)), new Date(Date.UTC(2026, 11, 3))])
      s.addRow([])
      s.addRow(['钱伟', '139 0000 0002', '', '否', 'JP', 'Osaka, Kansai', '2026-12-04', '2026-12-05'])
      s.getCell('G2').numFmt = 'yyyy/m/d'
    }, (b) => b.addWorksheet('other').addRow(['not', 'this']))
    const t = await xlsxToCsv(data)
    expect(t.csv.split('\n')).toEqual([
      'name,phone,email,tour_leader,country,city,from,to',
      '王芳,13800000001,wang@example.com,yes,JP,东京,2026-12-01,2026-12-03',
      '钱伟,139 0000 0002,,否,JP,"Osaka, Kansai",2026-12-04,2026-12-05',
      '',
    ])
    expect(t.rows).toBe(2)
    expect(t.rowOf).toEqual([1, 2, 4])
  })

  it('refuses what is not an xlsx file', async () => {
    await expect(xlsxToCsv(new TextEncoder().encode('name,phone\n').buffer as ArrayBuffer)).rejects.toThrow()
  })
})
