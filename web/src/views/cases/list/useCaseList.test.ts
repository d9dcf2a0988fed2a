// The list filters <-> route query <-> API query mapping (links from the dashboard land here).
import { describe, expect, it } from 'vitest'
import { filtersFromQuery, normalizeCountry, normalizeMonth, toApiQuery, toRouteQuery } from './useCaseList'

describe('case list filters', () => {
  it('reads country and month from the route query and passes them to the API', () => {
    const f = filtersFromQuery({ country: 'DE', month: '2026-10', state: 'office_review' }, 'due')
    expect(f.country).toBe('DE')
    expect(f.month).toBe('2026-10')
    const api = toApiQuery(f, 'outbound_travel')
    expect(api.country).toBe('DE')
    expect(api.month).toBe('2026-10')
    expect(api.state).toBe('office_review')
    expect(api.type).toBe('outbound_travel')
  })

  it('leaves them out of both queries when absent', () => {
    const f = filtersFromQuery({}, 'due')
    expect(f.country).toBe('')
    expect(f.month).toBe('')
    const api = toApiQuery(f, 'outbound_travel')
    expect(api.country).toBeUndefined()
    expect(api.month).toBeUndefined()
    expect(toRouteQuery(f, 'due')).toEqual({})
  })

  it('ranks a search by the server unless a sort is chosen', () => {
    const searching = filtersFromQuery({ q: '张伟' }, '-updated')
    expect(searching.sort).toBe('')
    expect(toApiQuery(searching, 'outbound_travel').sort).toBeUndefined()
    const sorted = filtersFromQuery({ q: '张伟', sort: 'due' }, '-updated')
    expect(toApiQuery(sorted, 'outbound_travel').sort).toBe('due')
    expect(toRouteQuery(sorted, '-updated')).toEqual({ q: '张伟', sort: 'due' })
    // Chosen while searching, the default sort stays in the link.
    expect(toRouteQuery({ ...searching, sort: '-updated' }, '-updated')).toEqual({ q: '张伟', sort: '-updated' })
    expect(filtersFromQuery({}, '-updated').sort).toBe('-updated')
  })

  it('round-trips through the route query', () => {
    const query = { country: 'FR', month: '2027-03', q: 'Aachen', overdue: 'true', page: '2' }
    const f = filtersFromQuery(query, 'due')
    expect(toRouteQuery(f, 'due')).toEqual(query)
    expect(filtersFromQuery(toRouteQuery(f, 'due'), 'due')).toEqual(f)
  })

  it('upper-cases a country code and drops malformed values (the server answers 400 for them)', () => {
    expect(normalizeCountry('de')).toBe('DE')
    expect(normalizeCountry(' it ')).toBe('IT')
    for (const bad of ['', 'D', 'DEU', 'D1', '德国']) expect(normalizeCountry(bad)).toBe('')
    expect(normalizeMonth('2026-10')).toBe('2026-10')
    for (const bad of ['', '2026-13', '2026-00', '2026-1', '202610', '2026-10-01', 'Oct 2026']) expect(normalizeMonth(bad)).toBe('')
    const f = filtersFromQuery({ country: 'Germany', month: '2026-13' }, 'due')
    expect([f.country, f.month]).toEqual(['', ''])
    expect(toApiQuery(f, 'outbound_travel').country).toBeUndefined()
    expect(toApiQuery(f, 'outbound_travel').month).toBeUndefined()
  })

  it('ignores repeated query keys (arrays) like the other filters', () => {
    const f = filtersFromQuery({ country: ['DE', 'FR'], month: ['2026-10'] }, 'due')
    expect([f.country, f.month]).toEqual(['', ''])
  })

  it('a removed filter disappears from the route query and the page goes back to what it was', () => {
    const f = filtersFromQuery({ country: 'DE', month: '2026-10' }, '-updated')
    f.country = ''
    expect(toRouteQuery(f, '-updated')).toEqual({ month: '2026-10' })
    f.month = ''
    expect(toRouteQuery(f, '-updated')).toEqual({})
  })

  it('passes the flags modules registered as param=true, and only those', () => {
    const f = filtersFromQuery({ direct_report: 'true', other: 'true' }, 'due', ['direct_report'])
    expect(f.flags).toEqual({ direct_report: true })
    expect(toApiQuery(f, 'visa').direct_report).toBe(true)
    expect(toApiQuery(f, 'visa').other).toBeUndefined()
    expect(toApiQuery(f, 'visa').type).toBe('visa')
    expect(toRouteQuery(f, 'due')).toEqual({ direct_report: 'true' })
    f.flags.direct_report = false
    expect(toApiQuery(f, 'visa').direct_report).toBeUndefined()
    expect(toRouteQuery(f, 'due')).toEqual({})
  })
})
