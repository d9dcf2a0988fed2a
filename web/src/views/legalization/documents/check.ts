// The add-document form's own checks, from the sub-record's field definitions (required,
// lengths, bounds), before anything is sent; the server checks the same again and its
// details are shown in the same places. Pure: unit-tested in check.test.ts.
import type { ErrorDetail, FieldDef } from '@/api/types'
import type { Data } from '@/components/form/model'

/** Says a problem in both languages: (catalogue key, named values) → {zh, en}. */
export type Say = (key: string, named?: Record<string, unknown>) => { zh: string; en: string }

/** The problems of `data` against `fields`, one per field at most, in the fields' order. */
export function checkFields(fields: FieldDef[], data: Data, say: Say): ErrorDetail[] {
  const out: ErrorDetail[] = []
  const problem = (f: FieldDef, rule: string, key: string, named: Record<string, unknown> = {}) => {
    const m = say(key, named)
    out.push({ field: f.name, rule, message: m.en, message_zh: m.zh })
  }
  for (const f of fields) {
    const v = data[f.name]
    const empty = v === undefined || v === null || (typeof v === 'string' && !v.trim())
    if (empty) {
      if (f.required) problem(f, 'required', 'legalization.check.required')
      continue
    }
    if (typeof v === 'string') {
      const n = [...v.trim()].length
      if (f.min_length !== undefined && n < f.min_length) problem(f, 'min_length', 'legalization.check.tooShort', { n: f.min_length })
      else if (f.max_length !== undefined && n > f.max_length) problem(f, 'max_length', 'legalization.check.tooLong', { n: f.max_length })
      else if (f.type === 'enum' && !f.options?.some((o) => o.value === v)) problem(f, 'enum', 'legalization.check.choose')
    } else if (typeof v === 'number') {
      if (f.type === 'integer' && !Number.isInteger(v)) problem(f, 'integer', 'legalization.check.integer')
      else if ((f.min !== undefined && v < f.min) || (f.max !== undefined && v > f.max)) {
        problem(f, 'range', 'legalization.check.range', { min: f.min ?? '', max: f.max ?? '' })
      }
    }
  }
  return out
}
