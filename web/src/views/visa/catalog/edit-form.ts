// The admin's form for a destination of the catalog: filled from the entry, checked before it is
// sent (the server checks the same again, and its details land in the same places), and turned
// into the request body. Amounts are typed in major units (90.00 EUR; the agency fee in yuan)
// and sent in minor units. Pure: unit-tested in edit-form.test.ts.
import type { DestinationUpdate, Entries, Currency, VisaDestination, VisaKindName, Slot } from '@/api/visa'
import type { ErrorDetail } from '@/api/types'
import { toMajorText, toMinor } from '@/utils/money'

export interface KindForm {
  kind: VisaKindName | ''
  entries: Entries | ''
  fee: string
  currency: Currency
  /** yuan */
  agency: string
  days: string
  documents: Slot[]
}

export interface DestinationForm {
  consulate_zh: string
  consulate_en: string
  sole_agency: boolean
  note_zh: string
  note_en: string
  kinds: KindForm[]
  reason: string
}

export const MAX_KINDS = 6

export function blankKind(): KindForm {
  return { kind: '', entries: 'single', fee: '', currency: 'CNY', agency: '', days: '', documents: ['passport'] }
}

export function formOf(d: VisaDestination): DestinationForm {
  return {
    consulate_zh: d.consulate.zh, consulate_en: d.consulate.en, sole_agency: d.sole_agency,
    note_zh: d.note.zh, note_en: d.note.en, reason: '',
    kinds: d.kinds.map((k) => ({
      kind: k.kind, entries: k.entries, fee: toMajorText(k.visa_fee.amount, k.visa_fee.currency),
      currency: k.visa_fee.currency as Currency, agency: toMajorText(k.agency_fee.amount, 'CNY'),
      days: String(k.processing_days), documents: k.documents.map((x) => x.slot as Slot),
    })),
  }
}

/** Says a problem in both languages: (catalogue key, named values) → {zh, en}. */
export type Say = (key: string, named?: Record<string, unknown>) => { zh: string; en: string }

/** The form's problems, each at the field path the server would name. */
export function checkForm(f: DestinationForm, say: Say): ErrorDetail[] {
  const out: ErrorDetail[] = []
  const problem = (field: string, rule: string, key: string, named: Record<string, unknown> = {}) => {
    const m = say(key, named)
    out.push({ field, rule, message: m.en, message_zh: m.zh })
  }
  for (const name of ['consulate_zh', 'consulate_en'] as const) {
    const n = [...f[name].trim()].length
    if (!n) problem(name, 'required', 'visa.edit.required')
    else if (n < 2) problem(name, 'min_length', 'visa.edit.tooShort', { n: 2 })
  }
  const seen = new Set<string>()
  f.kinds.forEach((k, i) => {
    const at = `kinds[${i}]`
    if (!k.kind) problem(`${at}.kind`, 'required', 'visa.edit.required')
    else if (seen.has(k.kind)) problem(`${at}.kind`, 'unique', 'visa.edit.kindTwice')
    else seen.add(k.kind)
    if (!k.entries) problem(`${at}.entries`, 'required', 'visa.edit.required')
    if (!k.fee.trim()) problem(`${at}.visa_fee.amount`, 'required', 'visa.edit.required')
    else if (toMinor(k.fee, k.currency) === null) problem(`${at}.visa_fee.amount`, 'amount', 'visa.edit.amount', { currency: k.currency, example: toMajorText(9000, k.currency) })
    if (!k.agency.trim()) problem(`${at}.agency_fee`, 'required', 'visa.edit.required')
    else if (toMinor(k.agency, 'CNY') === null) problem(`${at}.agency_fee`, 'amount', 'visa.edit.amount', { currency: 'CNY', example: toMajorText(15000, 'CNY') })
    const days = Number(k.days.trim())
    if (!k.days.trim()) problem(`${at}.processing_days`, 'required', 'visa.edit.required')
    else if (!/^\d+$/.test(k.days.trim()) || days < 1 || days > 180) problem(`${at}.processing_days`, 'range', 'visa.edit.days')
    if (!k.documents.length) problem(`${at}.documents`, 'min_items', 'visa.edit.documentsRequired')
    else if (!k.documents.includes('passport')) problem(`${at}.documents`, 'visa.passport_slot', 'visa.edit.passport')
  })
  if (!f.reason.trim()) problem('reason', 'required', 'visa.edit.reasonRequired')
  return out
}

/** The request body of a checked form (every amount in minor units). */
export function bodyOf(f: DestinationForm): DestinationUpdate {
  return {
    consulate_zh: f.consulate_zh.trim(), consulate_en: f.consulate_en.trim(), sole_agency: f.sole_agency,
    note_zh: f.note_zh.trim(), note_en: f.note_en.trim(), reason: f.reason.trim(),
    kinds: f.kinds.map((k) => ({
      kind: k.kind as VisaKindName, entries: k.entries as Entries,
      visa_fee: { amount: toMinor(k.fee, k.currency) ?? 0, currency: k.currency },
      agency_fee: toMinor(k.agency, 'CNY') ?? 0, processing_days: Number(k.days.trim()), documents: [...k.documents],
    })),
  }
}
