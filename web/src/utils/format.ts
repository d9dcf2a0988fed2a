// Locale-aware formatting of the API's dates, instants and numbers.
import { i18n } from '@/i18n'
import { dateTimeFormat } from './intl'

/** A trip date `YYYY-MM-DD` (a calendar date: no time zone shift). */
export function fmtDate(s: string | null | undefined): string {
  if (!s) return ''
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(s)
  if (!m) return s
  const d = new Date(Date.UTC(+m[1], +m[2] - 1, +m[3]))
  return dateTimeFormat(String(i18n.global.locale.value), {
    ...(i18n.global.locale.value === 'en-US' ? { month: 'short', day: 'numeric', year: 'numeric' } : { year: 'numeric', month: '2-digit', day: '2-digit' }),
    timeZone: 'UTC',
  } as Intl.DateTimeFormatOptions).format(d)
}

/** An instant (ISO 8601 UTC) in the browser's time zone. */
export function fmtInstant(s: string | null | undefined): string {
  if (!s) return ''
  const d = new Date(s)
  if (Number.isNaN(d.getTime())) return s
  return i18n.global.d(d, 'datetime')
}

export function fmtMonth(ym: string): string {
  const m = /^(\d{4})-(\d{2})/.exec(ym)
  if (!m) return ym
  return dateTimeFormat(String(i18n.global.locale.value), { year: 'numeric', month: 'short', timeZone: 'UTC' })
    .format(new Date(Date.UTC(+m[1], +m[2] - 1, 1)))
}

export function fmtNumber(n: number | null | undefined, format: 'integer' | 'decimal' | 'cny' = 'integer'): string {
  if (n === null || n === undefined || Number.isNaN(n)) return ''
  return i18n.global.n(n, format)
}

export function fmtBytes(n: number): string {
  if (n < 1024) return `${fmtNumber(n)} B`
  if (n < 1024 * 1024) return `${fmtNumber(n / 1024, 'decimal')} KB`
  return `${fmtNumber(n / 1024 / 1024, 'decimal')} MB`
}

/** Days from a to b inclusive (both `YYYY-MM-DD`), or null. */
export function inclusiveDays(a?: string, b?: string): number | null {
  if (!a || !b) return null
  const pa = Date.parse(`${a}T00:00:00Z`)
  const pb = Date.parse(`${b}T00:00:00Z`)
  if (Number.isNaN(pa) || Number.isNaN(pb) || pb < pa) return null
  return Math.round((pb - pa) / 86400000) + 1
}
