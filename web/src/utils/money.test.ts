// Fees in minor units shown as money in each language, and typed back in major units.
import { describe, expect, it } from 'vitest'
import { formatMoney, minorDigits, toMajorText, toMinor } from './money'

describe('visa fees', () => {
  it('knows each currency\'s minor unit', () => {
    expect(minorDigits('EUR')).toBe(2)
    expect(minorDigits('CNY')).toBe(2)
    expect(minorDigits('JPY')).toBe(0)
  })

  it('formats minor units as money in the reader\'s language', () => {
    expect(formatMoney({ amount: 9000, currency: 'EUR' }, 'en-US')).toBe('€90.00')
    expect(formatMoney({ amount: 20000, currency: 'CNY' }, 'zh-CN')).toBe('¥200.00')
    expect(formatMoney({ amount: 20000, currency: 'CNY' }, 'en-US')).toBe('CN¥200.00')
    expect(formatMoney({ amount: 16000, currency: 'USD' }, 'en-US')).toBe('$160.00')
    expect(formatMoney({ amount: 5000, currency: 'JPY' }, 'en-US')).toBe('¥5,000')
    expect(formatMoney(null, 'en-US')).toBe('')
  })

  it('reads an amount typed in major units as minor units', () => {
    expect(toMinor('90', 'EUR')).toBe(9000)
    expect(toMinor(' 90.5 ', 'EUR')).toBe(9050)
    expect(toMinor('90.05', 'EUR')).toBe(9005)
    expect(toMinor('150.00', 'CNY')).toBe(15000)
    expect(toMinor('5000', 'JPY')).toBe(5000)
    expect(toMinor('0', 'CNY')).toBe(0)
  })

  it('refuses what is no amount in the currency', () => {
    for (const bad of ['', '-1', 'abc', '1,000', '90.005', '1e3']) expect(toMinor(bad, 'EUR'), bad).toBeNull()
    expect(toMinor('1.5', 'JPY')).toBeNull()
  })

  it('writes minor units back as the text of an input', () => {
    expect(toMajorText(9000, 'EUR')).toBe('90.00')
    expect(toMajorText(5000, 'JPY')).toBe('5000')
    expect(toMinor(toMajorText(12345, 'GBP'), 'GBP')).toBe(12345)
  })
})
