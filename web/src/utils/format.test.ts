import { describe, expect, it } from 'vitest'
import { fmtDate, inclusiveDays } from './format'
import { setLocale } from '@/i18n'

describe('format', () => {
  it('counts days including both ends', () => {
    expect(inclusiveDays('2027-03-01', '2027-03-05')).toBe(5)
    expect(inclusiveDays('2027-03-05', '2027-03-01')).toBeNull()
    expect(inclusiveDays('', '2027-03-01')).toBeNull()
  })
  it('formats trip dates per locale without shifting the day', () => {
    setLocale('en-US')
    expect(fmtDate('2027-03-01')).toBe('Mar 1, 2027')
    setLocale('zh-CN')
    expect(fmtDate('2027-03-01')).toBe('2027/03/01')
  })
})
