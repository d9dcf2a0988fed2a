// The list columns and live figures a case type declares in its definition's `ui` key.
import { describe, expect, it } from 'vitest'
import type { CaseTypeDef } from '@/api/types'
import { registerFigure } from '@/modules/figures'
import { FIGURES } from '@/views/travel/figures'
import { cellOf, columnsFor, figureValue, liveFiguresOf, optionLabel, type CellFormat, type LiveFigure } from './case-ui'
import travel from '../../../../src/travel/outbound_travel.json'
import consular from '../../../../src/consular/consular_assistance.json'

const def = travel as unknown as CaseTypeDef
const consularDef = consular as unknown as CaseTypeDef
// the page's option formatter: the definition's label in the current language (English here)
const option = (field: string, value: string) => optionLabel(consularDef, field, value)?.en
const fmt: CellFormat = {
  date: (d) => `<${d}>`, number: (n) => `#${n}`, country: (c) => ({ DE: 'Germany', FR: 'France' })[c] ?? c, option, separator: ' / ',
}

describe('list columns from the definition', () => {
  it('outbound travel declares its columns, members only on the queue', () => {
    expect(columnsFor(def, 'queue').map((c) => c.key)).toEqual(['purpose', 'countries', 'dates', 'members_count'])
    expect(columnsFor(def, 'portal').map((c) => c.key)).toEqual(['purpose', 'countries', 'dates'])
    for (const c of columnsFor(def, 'queue')) expect(c.label.zh && c.label.en).toBeTruthy()
  })

  it('a definition without ui has no extra columns or figures', () => {
    const bare = { ...def, ui: undefined } as unknown as CaseTypeDef
    expect(columnsFor(bare, 'queue')).toEqual([])
    expect(liveFiguresOf(bare)).toEqual([])
    expect(columnsFor(null, 'portal')).toEqual([])
  })

  it('renders each kind of cell', () => {
    const row = { purpose: 'Visit', countries: ['DE', 'FR'], departure_date: '2027-03-01', return_date: '2027-03-05', members_count: 2 }
    const cols = Object.fromEntries(columnsFor(def, 'queue').map((c) => [c.key, c]))
    expect(cellOf(cols.purpose, row, fmt)).toEqual({ text: 'Visit', value: 'Visit' })
    expect(cellOf(cols.countries, row, fmt)).toEqual({ text: 'Germany / France', value: 'DE,FR' })
    expect(cellOf(cols.dates, row, fmt)).toEqual({ text: '<2027-03-01> – <2027-03-05>', value: '2027-03-01/2027-03-05' })
    expect(cellOf(cols.members_count, row, fmt)).toEqual({ text: '#2', value: '2' })
    expect(cellOf({ key: 'due', kind: 'date', label: { zh: 'x', en: 'x' } }, { due: '2027-01-02' }, fmt).text).toBe('<2027-01-02>')
  })

  it('shows nothing for a missing value', () => {
    const cols = [...columnsFor(def, 'queue'), ...columnsFor(consularDef, 'queue')]
    for (const c of cols) expect(cellOf(c, {}, fmt)).toEqual({ text: '', value: '' })
  })
})

describe('an option column', () => {
  const priority = columnsFor(consularDef, 'queue').find((c) => c.key === 'priority')!

  it('the consular desk\'s queue shows how urgent, who, where', () => {
    expect(priority.kind).toBe('option')
    expect(columnsFor(consularDef, 'queue').map((c) => c.key)).toEqual(['priority', 'name', 'countries', 'city'])
  })

  it('shows the label of the definition\'s option for the raw value', () => {
    expect(cellOf(priority, { priority: 'urgent' }, fmt)).toEqual({ text: 'Urgent (life and safety)', value: 'urgent' })
    expect(cellOf(priority, { priority: 'normal' }, fmt)).toEqual({ text: 'Normal', value: 'normal' })
    expect(optionLabel(consularDef, 'priority', 'urgent')).toEqual({ zh: '特急(人身安全)', en: 'Urgent (life and safety)' })
  })

  it('reads the field the column names, else its key', () => {
    const channel = { key: 'source', field: 'channel', kind: 'option', label: { zh: 'x', en: 'x' } } as const
    expect(cellOf(channel, { channel: 'roll_call', source: 'hotline' }, fmt).text).toBe('Safety roll call')
  })

  it('shows a value the definition does not list as it is', () => {
    expect(cellOf(priority, { priority: 'whenever' }, fmt)).toEqual({ text: 'whenever', value: 'whenever' })
    expect(optionLabel(consularDef, 'priority', 'whenever')).toBeUndefined()
    expect(optionLabel(consularDef, 'nothing', 'urgent')).toBeUndefined()
    expect(optionLabel(null, 'priority', 'urgent')).toBeUndefined()
  })
})

describe('live figures from the definition', () => {
  const data = {
    departure_date: '2027-03-01', return_date: '2027-03-05',
    itinerary: [{ country: 'DE' }, { country: 'FR' }, { country: 'DE' }, { country: 'AE', transit_airside: true }],
    members: [{ name: 'a' }, { id_number: '1' }, { role: 'member' }],
  }
  const figures = Object.fromEntries(liveFiguresOf(def).map((f) => [f.key, f]))

  it('outbound travel declares days, countries and members', () => {
    expect(Object.keys(figures)).toEqual(['days', 'countries', 'members'])
  })

  it('computes days and counts without module code', () => {
    expect(figureValue(figures.days, data)).toBe(5)
    expect(figureValue(figures.days, { departure_date: '2027-03-05', return_date: '2027-03-01' })).toBeNull()
    expect(figureValue(figures.members, data)).toBe(2) // a row with neither name nor id does not count
    expect(figureValue({ key: 'n', kind: 'count', path: 'members', label: { zh: 'x', en: 'x' } }, data)).toBe(3)
    expect(figureValue(figures.members, null)).toBeNull()
  })

  it('a computed figure uses the function its module registered, or shows nothing', () => {
    const unknown: LiveFigure = { key: 'x', kind: 'computed', function: 'nobody.nothing', label: { zh: 'x', en: 'x' } }
    expect(figureValue(unknown, data)).toBeNull()
    for (const [name, fn] of Object.entries(FIGURES)) registerFigure(name, fn)
    expect(figureValue(figures.countries, data)).toBe(2) // DE, FR; the airside transit is left out
    expect(figureValue(figures.countries, {})).toBe(0)
  })
})
