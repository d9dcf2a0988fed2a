// The admin's form for a destination: filled from the entry, checked where the server would
// name each problem, and sent in minor units.
import { describe, expect, it } from 'vitest'
import type { VisaDestination } from '@/api/visa'
import { blankKind, bodyOf, checkForm, formOf } from './edit-form'

const say = (key: string, named: Record<string, unknown> = {}) => ({ zh: key, en: `${key} ${JSON.stringify(named)}` })
const DE = {
  country: 'DE', name: { zh: '德国', en: 'Germany' }, consulate: { zh: '德国驻上海总领事馆', en: 'Consulate General of Germany in Shanghai' },
  sole_agency: false, note: { zh: '', en: '' }, updated_at: '2026-01-01T00:00:00Z',
  kinds: [{
    kind: 'tourism', label: { zh: '旅游', en: 'Tourism' }, entries: 'single', visa_fee: { amount: 9000, currency: 'EUR' },
    agency_fee: { amount: 15000, currency: 'CNY' }, processing_days: 10,
    documents: [{ slot: 'passport', label: { zh: '', en: '' } }, { slot: 'photo', label: { zh: '', en: '' } }],
  }],
} as VisaDestination

describe('the catalog entry form', () => {
  it('shows the entry with its amounts in major units, and sends them back in minor units', () => {
    const f = formOf(DE)
    expect(f.kinds[0]).toMatchObject({ fee: '90.00', currency: 'EUR', agency: '150.00', days: '10', documents: ['passport', 'photo'] })
    f.reason = ' fee change '
    f.kinds[0].fee = '95'
    expect(checkForm(f, say)).toEqual([])
    expect(bodyOf(f)).toEqual({
      consulate_zh: '德国驻上海总领事馆', consulate_en: 'Consulate General of Germany in Shanghai', sole_agency: false,
      note_zh: '', note_en: '', reason: 'fee change',
      kinds: [{ kind: 'tourism', entries: 'single', visa_fee: { amount: 9500, currency: 'EUR' }, agency_fee: 15000, processing_days: 10, documents: ['passport', 'photo'] }],
    })
  })

  it('names each problem at the path the server would', () => {
    const f = formOf(DE)
    f.consulate_en = 'X'
    f.kinds[0].fee = '90.005'
    f.kinds[0].days = '0'
    f.kinds[0].documents = ['photo']
    f.kinds.push({ ...blankKind(), kind: 'tourism', agency: '-1', days: '5', documents: [] })
    const problems = checkForm(f, say).map((d) => [d.field, d.rule])
    expect(problems).toEqual([
      ['consulate_en', 'min_length'],
      ['kinds[0].visa_fee.amount', 'amount'],
      ['kinds[0].processing_days', 'range'],
      ['kinds[0].documents', 'visa.passport_slot'],
      ['kinds[1].kind', 'unique'],
      ['kinds[1].visa_fee.amount', 'required'],
      ['kinds[1].agency_fee', 'amount'],
      ['kinds[1].documents', 'min_items'],
      ['reason', 'required'],
    ])
  })

  it('asks for the amount in the currency chosen', () => {
    const f = { ...formOf(DE), reason: 'r' }
    f.kinds[0].currency = 'JPY'
    f.kinds[0].fee = '5000.5'
    const [d] = checkForm(f, say)
    expect(d.field).toBe('kinds[0].visa_fee.amount')
    expect(d.message).toContain('"currency":"JPY","example":"9000"')
  })
})
