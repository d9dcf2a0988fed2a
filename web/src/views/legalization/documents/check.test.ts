// The add-document form refuses what the server would refuse, field by field.
import { describe, expect, it } from 'vitest'
import type { FieldDef } from '@/api/types'
import { checkFields, type Say } from './check'

const say: Say = (key, named = {}) => ({ zh: `zh:${key}`, en: `${key} ${JSON.stringify(named)}` })
const FIELDS: FieldDef[] = [
  { name: 'kind', type: 'enum', required: true, label: { zh: '', en: '' }, options: [{ value: 'degree', label: { zh: '', en: '' } }] },
  { name: 'holder', type: 'text', required: true, min_length: 1, max_length: 5, label: { zh: '', en: '' } },
  { name: 'notarial_number', type: 'text', max_length: 3, label: { zh: '', en: '' } },
  { name: 'pages', type: 'integer', required: true, min: 1, max: 500, label: { zh: '', en: '' } },
] as FieldDef[]

describe('checking a document before it is sent', () => {
  it('accepts a complete document; an optional field may stay empty', () => {
    expect(checkFields(FIELDS, { kind: 'degree', holder: '李华', notarial_number: '', pages: 2 }, say)).toEqual([])
  })

  it('names each required field left empty (blank text is empty)', () => {
    const errors = checkFields(FIELDS, { kind: '', holder: '  ', pages: undefined }, say)
    expect(errors.map((e) => [e.field, e.rule])).toEqual([['kind', 'required'], ['holder', 'required'], ['pages', 'required']])
    expect(errors[0].message_zh).toBe('zh:legalization.check.required')
  })

  it('checks lengths in characters, bounds and whole numbers', () => {
    const errors = checkFields(FIELDS, { kind: 'birth', holder: '李华李华李华', notarial_number: 'ABCD', pages: 501 }, say)
    expect(errors.map((e) => [e.field, e.rule])).toEqual([['kind', 'enum'], ['holder', 'max_length'], ['notarial_number', 'max_length'], ['pages', 'range']])
    expect(errors[3].message).toContain('"max":500')
    expect(checkFields(FIELDS, { kind: 'degree', holder: 'x', pages: 1.5 }, say).map((e) => e.rule)).toEqual(['integer'])
  })
})
