// The destinations table finds a country by code or either name, and by the route it takes.
import { describe, expect, it } from 'vitest'
import type { Destination } from '@/api/legalization'
import { changedValues, filterDestinations } from './filter'

const d = (country: string, zh: string, en: string, route: Destination['route'], served = true): Destination => ({
  country, name: { zh, en }, route, served, party_since: null, objects_to_china: false, note: { zh: '', en: '' }, post: { zh: '', en: '' }, updated_at: null,
})
const ITEMS = [
  d('DE', '德国', 'Germany', 'apostille'), d('IN', '印度', 'India', 'legalization'),
  d('ID', '印度尼西亚', 'Indonesia', 'legalization'), d('CN', '中国', 'China', null, false),
]

describe('the destinations table', () => {
  it('finds a country by its exact code or a part of either name', () => {
    expect(filterDestinations(ITEMS, 'de', 'all').map((x) => x.country)).toEqual(['DE'])
    expect(filterDestinations(ITEMS, 'ind', 'all').map((x) => x.country)).toEqual(['IN', 'ID'])
    expect(filterDestinations(ITEMS, '印度', 'all').map((x) => x.country)).toEqual(['IN', 'ID'])
    expect(filterDestinations(ITEMS, '  ', 'all').length).toBe(4)
  })

  it('keeps the countries of one route, or those not served', () => {
    expect(filterDestinations(ITEMS, '', 'apostille').map((x) => x.country)).toEqual(['DE'])
    expect(filterDestinations(ITEMS, 'in', 'legalization').map((x) => x.country)).toEqual(['IN', 'ID'])
    expect(filterDestinations(ITEMS, '', 'not_served').map((x) => x.country)).toEqual(['CN'])
  })

  it('shows only what a change changed', () => {
    const change = {
      before: { party_since: null, objects_to_china: false, note_zh: '' },
      after: { party_since: '2026-01-01', objects_to_china: false, note_zh: '' },
    } as unknown as Parameters<typeof changedValues>[0]
    expect(changedValues(change)).toEqual([{ name: 'party_since', before: null, after: '2026-01-01' }])
  })
})
