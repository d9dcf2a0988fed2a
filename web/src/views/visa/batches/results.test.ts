// The batch page's results: only the passports given a result are sent, checked where the server
// would name each problem; the server's refusals land beside the row and field they name.
import { describe, expect, it } from 'vitest'
import { blankRow, chinaToday, placeDetails, resultsOf, type ResultRow } from './results'

const say = (key: string) => ({ zh: key, en: key })
const row = (id: number, r: Partial<ResultRow>): ResultRow => ({ ...blankRow(id), ...r })

describe('the results of a batch', () => {
  it('sends only the passports with a result, issued with their visa and refused with the reason', () => {
    const { results, problems } = resultsOf([
      row(1, { outcome: 'issued', valid_from: '2026-12-10', valid_until: '2027-03-09', entries: 'single', stay_days: ' 15 ', visa_number: ' V123 ' }),
      row(2, {}),
      row(3, { outcome: 'refused', reason: ' No reason given. ' }),
      row(4, { outcome: 'issued', valid_from: '2026-12-10', valid_until: '2026-12-10', entries: 'multiple' }),
    ], say)
    expect(problems).toEqual([])
    expect(results).toEqual([
      { case_id: 1, outcome: 'issued', valid_from: '2026-12-10', valid_until: '2027-03-09', entries: 'single', stay_days: 15, visa_number: 'V123' },
      { case_id: 3, outcome: 'refused', reason: 'No reason given.' },
      { case_id: 4, outcome: 'issued', valid_from: '2026-12-10', valid_until: '2026-12-10', entries: 'multiple' },
    ])
  })

  it('names each problem at the index of the result sent', () => {
    const { problems } = resultsOf([
      row(1, {}),
      row(2, { outcome: 'refused' }),
      row(3, { outcome: 'issued', valid_from: '2026-12-10', valid_until: '2026-12-01', stay_days: '0', visa_number: 'x'.repeat(31) }),
      row(4, { outcome: 'issued', valid_from: '10/12/2026' }),
    ], say)
    expect(problems.map((d) => [d.field, d.rule])).toEqual([
      ['results[0].reason', 'required'],
      ['results[1].valid_until', 'visa.validity_order'],
      ['results[1].entries', 'required'],
      ['results[1].stay_days', 'range'],
      ['results[1].visa_number', 'max_length'],
      ['results[2].valid_from', 'format'],
      ['results[2].valid_until', 'required'],
      ['results[2].entries', 'required'],
    ])
  })
})

describe('the server\'s refusals', () => {
  const d = (field: string) => ({ field, message: field, message_zh: field })

  it('go beside the row and field they name, the form\'s own fields, or above', () => {
    const placed = placeDetails([d('results[1].reason'), d('results[0].case_id'), d('dispatch_date'), d('cases'), d('results[5].reason')], 'results', [7, 9], ['dispatch_date'])
    expect(placed.rows).toEqual({ 9: { reason: [d('results[1].reason')] }, 7: { '': [d('results[0].case_id')] } })
    expect(placed.fields).toEqual({ dispatch_date: [d('dispatch_date')] })
    expect(placed.general).toEqual([d('cases'), d('results[5].reason')])
  })

  it('puts a refused case of a new batch beside its row (cases[i])', () => {
    expect(placeDetails([d('cases[1]')], 'cases', [55, 56]).rows).toEqual({ 56: { '': [d('cases[1]')] } })
  })

  it('puts a rule\'s case field beside the one result sent, and above when several were', () => {
    expect(placeDetails([d('visa_valid_until')], 'results', [7]).rows).toEqual({ 7: { valid_until: [d('visa_valid_until')] } })
    expect(placeDetails([d('visa_valid_until')], 'results', [7, 9]).general).toEqual([d('visa_valid_until')])
    expect(placeDetails([d('results[1].visa_valid_until')], 'results', [7, 9]).rows).toEqual({ 9: { valid_until: [d('results[1].visa_valid_until')] } })
  })
})

describe('the day in China', () => {
  it('is the next day from 16:00 UTC', () => {
    expect(chinaToday(new Date('2026-12-02T15:59:00Z'))).toBe('2026-12-02')
    expect(chinaToday(new Date('2026-12-02T16:00:00Z'))).toBe('2026-12-03')
  })
})
