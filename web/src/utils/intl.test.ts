import { describe, expect, it } from 'vitest'
import { dateTimeFormat, displayNames, numberFormat } from './intl'

describe('intl', () => {
  it('makes a formatter once for each locale and set of options', () => {
    const a = dateTimeFormat('en-US', { month: 'short', timeZone: 'UTC' })
    expect(dateTimeFormat('en-US', { month: 'short', timeZone: 'UTC' })).toBe(a)
    expect(dateTimeFormat('zh-CN', { month: 'short', timeZone: 'UTC' })).not.toBe(a)
    expect(dateTimeFormat('en-US', { month: 'long', timeZone: 'UTC' })).not.toBe(a)
    expect(a.format(new Date(Date.UTC(2027, 2, 1)))).toBe('Mar')
    const n = numberFormat('en', { style: 'currency', currency: 'EUR' })
    expect(numberFormat('en', { style: 'currency', currency: 'EUR' })).toBe(n)
    expect(numberFormat('en', { style: 'currency', currency: 'JPY' }).format(5000)).toBe('¥5,000')
  })
  it('throws as Intl does for a currency that is no code, and keeps nothing', () => {
    expect(() => numberFormat('en', { style: 'currency', currency: 'EURO' })).toThrow(RangeError)
    expect(() => numberFormat('en', { style: 'currency', currency: 'EURO' })).toThrow(RangeError)
  })
  it('makes a set of display names once for each locale and set of options', () => {
    const en = displayNames('en-US', { type: 'language', fallback: 'code' })
    expect(displayNames('en-US', { type: 'language', fallback: 'code' })).toBe(en)
    expect(displayNames('zh-CN', { type: 'language', fallback: 'code' })).not.toBe(en)
    expect(displayNames('en-US', { type: 'region', fallback: 'code' })).not.toBe(en)
    expect(en.of('de')).toBe('German')
    expect(displayNames('zh-CN', { type: 'language', fallback: 'code' }).of('de')).toBe('德语')
    expect(() => displayNames('not a locale', { type: 'language' })).toThrow(RangeError)
    expect(() => displayNames('not a locale', { type: 'language' })).toThrow(RangeError)
  })
})
