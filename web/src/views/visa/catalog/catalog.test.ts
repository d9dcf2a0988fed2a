// The catalog table finds a destination by code or either name and by the kinds it issues; a
// change in the history says what it changed, kind by kind.
import { describe, expect, it } from 'vitest'
import { changesOf, filterCatalog, type DestinationValues, type KindValues } from './catalog'

const kind = (k: string) => ({ kind: k }) as never
const d = (country: string, zh: string, en: string, kinds: string[]) => ({ country, name: { zh, en }, kinds: kinds.map(kind) })
const ITEMS = [
  d('JP', '日本', 'Japan', ['tourism', 'business']), d('DE', '德国', 'Germany', ['tourism', 'business', 'study']),
  d('IN', '印度', 'India', ['business']), d('ID', '印度尼西亚', 'Indonesia', ['tourism']),
]
const codes = (xs: { country: string }[]) => xs.map((x) => x.country)

describe('the catalog table', () => {
  it('finds a destination by its exact code or a part of either name', () => {
    expect(codes(filterCatalog(ITEMS, 'jp', ''))).toEqual(['JP'])
    expect(codes(filterCatalog(ITEMS, 'Japan', ''))).toEqual(['JP'])
    expect(codes(filterCatalog(ITEMS, '日本', ''))).toEqual(['JP'])
    expect(codes(filterCatalog(ITEMS, 'ind', ''))).toEqual(['IN', 'ID'])
    expect(codes(filterCatalog(ITEMS, '印度', ''))).toEqual(['IN', 'ID'])
    expect(filterCatalog(ITEMS, '  ', '').length).toBe(4)
  })

  it('keeps the destinations that issue a kind of visa', () => {
    expect(codes(filterCatalog(ITEMS, '', 'study'))).toEqual(['DE'])
    expect(codes(filterCatalog(ITEMS, 'in', 'tourism'))).toEqual(['ID'])
  })
})

describe('a change of a destination', () => {
  const tourism: KindValues = {
    kind: 'tourism', entries: 'single', visa_fee: { amount: 9000, currency: 'EUR' }, agency_fee: 15000, processing_days: 10,
    documents: ['passport', 'photo', 'itinerary'],
  }
  const business: KindValues = { ...tourism, kind: 'business', entries: 'multiple', documents: ['passport', 'invitation'] }
  const before: DestinationValues = {
    consulate_zh: '德国驻上海总领事馆', consulate_en: 'Consulate General of Germany in Shanghai', sole_agency: false,
    note_zh: '', note_en: '', kinds: [tourism, business],
  }

  it('says the destination was added when there was nothing before', () => {
    expect(changesOf(null, before)).toEqual([{ what: 'created' }])
  })

  it('names the members that changed, and nothing for the same values', () => {
    expect(changesOf(before, structuredClone(before))).toEqual([])
    expect(changesOf(before, { ...before, sole_agency: true, note_en: 'By appointment' })).toEqual([
      { what: 'member', member: 'sole_agency', before: false, after: true },
      { what: 'member', member: 'note_en', before: '', after: 'By appointment' },
    ])
  })

  it('says what changed in each kind: its fees, its checklist, kinds added and removed', () => {
    const after: DestinationValues = {
      ...before,
      kinds: [
        { ...tourism, visa_fee: { amount: 9500, currency: 'EUR' }, documents: ['passport', 'photo', 'hotel'] },
        { ...tourism, kind: 'study', documents: ['passport', 'admission'] },
      ],
    }
    expect(changesOf(before, after)).toEqual([
      { what: 'kind_member', kind: 'tourism', member: 'visa_fee', before: { amount: 9000, currency: 'EUR' }, after: { amount: 9500, currency: 'EUR' } },
      { what: 'documents', kind: 'tourism', added: ['hotel'], removed: ['itinerary'] },
      { what: 'kind_removed', kind: 'business' },
      { what: 'kind_added', kind: 'study' },
    ])
  })

  it('sees no change in kinds that were only reordered', () => {
    expect(changesOf(before, { ...before, kinds: [business, tourism] })).toEqual([])
  })
})
