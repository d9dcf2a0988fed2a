// The batch page's results form and the server's refusals placed beside the fields they name.
// Pure: unit-tested in results.test.ts.
import type { BatchResult, Entries } from '@/api/visa'
import type { ErrorDetail } from '@/api/types'
import { normalizePath } from '@/components/form/model'

/** Today's date in China (the server's calendar: a dispatch date is "not in the past" there). */
export function chinaToday(now: Date = new Date()): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit' }).format(now)
}

/** One passport's result as the form holds it ('' outcome: not back yet, sent nothing). */
export interface ResultRow {
  case_id: number
  outcome: '' | 'issued' | 'refused'
  valid_from: string
  valid_until: string
  entries: Entries | ''
  stay_days: string
  visa_number: string
  reason: string
}

export function blankRow(caseId: number, entries: Entries | '' = ''): ResultRow {
  return { case_id: caseId, outcome: '', valid_from: '', valid_until: '', entries, stay_days: '', visa_number: '', reason: '' }
}

/** Says a problem in both languages: (catalogue key, named values) → {zh, en}. */
export type Say = (key: string, named?: Record<string, unknown>) => { zh: string; en: string }

const DATE = /^\d{4}-\d{2}-\d{2}$/

/**
 * The results to send (the rows with an outcome, in their order) and the problems of those rows
 * at the paths the server would name (`results[i].valid_until`, i in the results sent).
 */
export function resultsOf(rows: ResultRow[], say: Say): { results: BatchResult[]; problems: ErrorDetail[] } {
  const results: BatchResult[] = []
  const problems: ErrorDetail[] = []
  for (const r of rows.filter((x) => x.outcome)) {
    const at = `results[${results.length}]`
    const problem = (field: string, rule: string, key: string, named: Record<string, unknown> = {}) => {
      const m = say(key, named)
      problems.push({ field: `${at}.${field}`, rule, message: m.en, message_zh: m.zh })
    }
    if (r.outcome === 'refused') {
      if (!r.reason.trim()) problem('reason', 'required', 'visa.check.required')
      else if (r.reason.trim().length > 2000) problem('reason', 'max_length', 'visa.check.tooLong', { n: 2000 })
      results.push({ case_id: r.case_id, outcome: 'refused', reason: r.reason.trim() })
      continue
    }
    const out: BatchResult = { case_id: r.case_id, outcome: 'issued' }
    for (const key of ['valid_from', 'valid_until'] as const) {
      if (!r[key]) problem(key, 'required', 'visa.check.required')
      else if (!DATE.test(r[key])) problem(key, 'format', 'visa.check.date')
      else out[key] = r[key]
    }
    if (out.valid_from && out.valid_until && out.valid_until < out.valid_from) problem('valid_until', 'visa.validity_order', 'visa.check.order')
    if (!r.entries) problem('entries', 'required', 'visa.check.required')
    else out.entries = r.entries
    const stay = r.stay_days.trim()
    if (stay) {
      const n = Number(stay)
      if (!/^\d+$/.test(stay) || n < 1 || n > 3650) problem('stay_days', 'range', 'visa.check.stayDays')
      else out.stay_days = n
    }
    const number = r.visa_number.trim()
    if (number.length > 30) problem('visa_number', 'max_length', 'visa.check.tooLong', { n: 30 })
    else if (number) out.visa_number = number
    results.push(out)
  }
  return { results, problems }
}

/** Where the refusals of a list request go: beside a row's field, beside a form field, or above. */
export interface Placed {
  /** case id → field ('' : the row itself) → details */
  rows: Record<number, Record<string, ErrorDetail[]>>
  fields: Record<string, ErrorDetail[]>
  general: ErrorDetail[]
}

// The case's data fields a transition's rule names, as the results' fields: `results[i].visa_valid_until`,
// or without the index (then only when one result was sent).
const CASE_FIELDS: Record<string, string> = {
  visa_valid_from: 'valid_from', visa_valid_until: 'valid_until', visa_entries: 'entries',
  visa_stay_days: 'stay_days', visa_number: 'visa_number',
}

/**
 * Places the details of a refusal: `<list>[i].<field>` beside row `ids[i]`'s field
 * (`<list>[i]` and `.case_id` beside the row itself; a case field a rule named, `visa_valid_until`,
 * beside the result's own), the names in `fields` beside those form fields, a case field without
 * an index beside the one row sent (if only one was), anything else above.
 */
export function placeDetails(details: ErrorDetail[], list: string, ids: number[], fields: string[] = []): Placed {
  const out: Placed = { rows: {}, fields: {}, general: [] }
  const toRow = (id: number, field: string, d: ErrorDetail) => (((out.rows[id] ??= {})[field] ??= []).push(d))
  for (const d of details) {
    const path = normalizePath(d.field)
    const m = new RegExp(`^${list}\\[(\\d+)\\](?:\\.(.+))?$`).exec(path)
    if (m && ids[Number(m[1])] !== undefined) {
      const field = m[2] && m[2] !== 'case_id' ? CASE_FIELDS[m[2]] ?? m[2] : ''
      toRow(ids[Number(m[1])], field, d)
    } else if (fields.includes(path)) {
      (out.fields[path] ??= []).push(d)
    } else if (CASE_FIELDS[path] && ids.length === 1) {
      toRow(ids[0], CASE_FIELDS[path], d)
    } else {
      out.general.push(d)
    }
  }
  return out
}
