// Amounts as the API gives them (visa fees, the network's project amounts): an integer in the
// currency's minor unit (cents, fen; whole yen: ISO 4217's exponent, as Intl knows it). Pure:
// unit-tested in money.test.ts.

import { numberFormat } from './intl'

export interface Money {
  amount: number
  currency: string
}

/** The digits after the decimal point of a currency's major unit (2 for EUR and CNY, 0 for JPY). */
export function minorDigits(currency: string): number {
  try {
    return numberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ?? 2
  } catch {
    return 2 // not an ISO 4217 code: shown as if it had cents
  }
}

/** "€90.00", "¥200.00" (zh-CN), "CN¥200.00" (en-US), "¥5,000" (JPY in zh: "JP¥5,000"). */
export function formatMoney(m: Money | null | undefined, locale: string): string {
  if (!m) return ''
  const digits = minorDigits(m.currency)
  const major = m.amount / 10 ** digits
  try {
    return numberFormat(locale, { style: 'currency', currency: m.currency, minimumFractionDigits: digits, maximumFractionDigits: digits }).format(major)
  } catch {
    return `${major.toFixed(digits)} ${m.currency}`
  }
}

/** An amount in minor units as the text of an input in major units: 9000 EUR → "90.00", 5000 JPY → "5000". */
export function toMajorText(amount: number, currency: string): string {
  const digits = minorDigits(currency)
  return (amount / 10 ** digits).toFixed(digits)
}

/**
 * What was typed in major units (with a point, no grouping) as an integer of minor units, or
 * null if it is no amount in this currency: negative, not a number, or finer than its minor
 * unit ("90.005" EUR, "1.5" JPY).
 */
export function toMinor(text: string, currency: string): number | null {
  const s = text.trim()
  const digits = minorDigits(currency)
  const m = /^(\d+)(?:\.(\d*))?$/.exec(s)
  if (!m) return null
  const fraction = (m[2] ?? '').replace(/0+$/, '')
  if (fraction.length > digits) return null
  return Number(m[1]) * 10 ** digits + Number(fraction.padEnd(digits, '0') || '0')
}
