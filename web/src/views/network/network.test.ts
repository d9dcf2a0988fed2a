import { describe, expect, it } from 'vitest'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import type { LocationQuery } from 'vue-router'
import {
  AGREEMENT_STATES, AGREEMENT_STATE_TAG, agreementStateKey, AGREEMENT_FILTERS,
  CONTINENTS, COOPERATION_FIELDS, DIRECTIONS, EXCHANGE_FILTERS, EXCHANGE_KINDS, PROJECT_FILTERS, PROJECT_STATUSES, STATUSES, TIERS, apiQuery,
  continentKey, cooperationKey, directionKey, exchangeKindKey, filtersOf, noFilters, pageOf, projectStatusKey, queryOf, readFilters,
  statusKey, tierKey, yearChoices,
} from './network'
import { languageName } from './useNetworkWords'

const catalogue = (lang: string, ns: string) => JSON.parse(readFileSync(join(__dirname, '..', '..', 'locales', lang, `${ns}.json`), 'utf8'))
const has = (lang: string, key: string) => {
  const [ns, ...rest] = key.split('.')
  const v = rest.reduce((o: any, k) => o?.[k], catalogue(lang, ns))
  return typeof v === 'string' && v.length > 0
}

describe('the sister-city network', () => {
  it('names every tier, status and continent in both languages', () => {
    for (const lang of ['zh-CN', 'en-US']) {
      const keys = [...TIERS.map(tierKey), ...STATUSES.map(statusKey), ...CONTINENTS.map(continentKey)]
      expect(keys.filter((k) => !has(lang, k)).map((k) => `${lang}:${k}`)).toEqual([])
    }
    expect(catalogue('zh-CN', 'network').tier).toEqual({ sister: '友好城市', friendly: '友好交流关系城市', mou: '交流合作备忘录' })
    expect(catalogue('en-US', 'network').tier).toEqual({ sister: 'Sister city', friendly: 'Friendship-exchange city', mou: 'Exchange MoU' })
  })

  it('names every field of cooperation, direction, project status and kind of exchange in both languages', () => {
    expect(COOPERATION_FIELDS).toHaveLength(14)
    for (const lang of ['zh-CN', 'en-US']) {
      const keys = [
        ...COOPERATION_FIELDS.map(cooperationKey), ...DIRECTIONS.map(directionKey),
        ...PROJECT_STATUSES.map(projectStatusKey), ...EXCHANGE_KINDS.map(exchangeKindKey),
      ]
      expect(keys.filter((k) => !has(lang, k)).map((k) => `${lang}:${k}`)).toEqual([])
    }
  })

  it('names every state of an agreement in both languages, each with its tag', () => {
    for (const lang of ['zh-CN', 'en-US']) {
      expect(AGREEMENT_STATES.map(agreementStateKey).filter((k) => !has(lang, k)).map((k) => `${lang}:${k}`)).toEqual([])
    }
    expect(Object.keys(AGREEMENT_STATE_TAG).sort()).toEqual([...AGREEMENT_STATES].sort())
    expect(catalogue('zh-CN', 'network').agreementState.renewal_due).toBe('待续签')
  })

  it('reads the agreements overview\'s filter from the URL: renewal due only when asked for exactly', () => {
    expect(readFilters(AGREEMENT_FILTERS, { due: 'true' })).toEqual({ due: 'true' })
    expect(readFilters(AGREEMENT_FILTERS, { due: ['true', 'false'] })).toEqual({ due: 'true' })
    for (const q of [{}, { due: 'false' }, { due: '1' }, { due: null }] as LocationQuery[]) expect(readFilters(AGREEMENT_FILTERS, q), JSON.stringify(q)).toEqual({ due: '' })
  })

  it('reads the list\'s filters and page from the URL, leaving out what the server does not know', () => {
    expect(filtersOf({ continent: 'EU', country: 'DE', tier: 'sister', status: 'dormant', established_year: '1986' }))
      .toEqual({ continent: 'EU', country: 'DE', tier: 'sister', status: 'dormant', established_year: '1986' })
    expect(filtersOf({ continent: 'XX', country: 'de', tier: ['mou', 'sister'], status: null }))
      .toEqual({ continent: '', country: '', tier: 'mou', status: '', established_year: '' })
    expect(pageOf({ page: '3' })).toBe(3)
    expect(pageOf({ page: '0' })).toBe(1)
    expect(pageOf({})).toBe(1)
  })

  it('takes a year the server filters by: four figures from 1900 to 2100', () => {
    for (const y of ['1900', '1983', '2100']) expect(filtersOf({ established_year: y }).established_year, y).toBe(y)
    for (const y of ['1899', '2101', '86', '1986.5', 'twenty', ' 1986']) expect(filtersOf({ established_year: y }).established_year, y).toBe('')
    expect(readFilters(EXCHANGE_FILTERS, { year: '2024' }).year).toBe('2024')
    expect(readFilters(EXCHANGE_FILTERS, { year: '3024' }).year).toBe('')
  })

  it('reads the projects\' and the exchanges\' filters from the URL: a field, direction, status or kind the server knows, a city by its number', () => {
    expect(readFilters(PROJECT_FILTERS, { field: 'trade', direction: 'joint', status: 'ongoing', city_id: '12', page: '2' }))
      .toEqual({ city_id: '12', field: 'trade', direction: 'joint', status: 'ongoing' })
    expect(readFilters(PROJECT_FILTERS, { field: 'Trade', direction: 'sideways', status: 'active', city_id: '0' }))
      .toEqual({ city_id: '', field: '', direction: '', status: '' })
    expect(readFilters(EXCHANGE_FILTERS, { kind: 'training', city_id: ['7', '8'], year: '2023' })).toEqual({ city_id: '7', kind: 'training', year: '2023' })
    expect(readFilters(EXCHANGE_FILTERS, { kind: 'visit', city_id: '-3', year: '' })).toEqual({ city_id: '', kind: '', year: '' })
    expect(noFilters(EXCHANGE_FILTERS)).toEqual({ city_id: '', kind: '', year: '' })
  })

  it('writes the URL with only what is set, and the API\'s query with every filter', () => {
    const f = { continent: 'AF', country: '', tier: '', status: 'active', established_year: '1999' }
    expect(queryOf(f)).toEqual({ continent: 'AF', status: 'active', established_year: '1999' })
    expect(queryOf(f, 2)).toEqual({ continent: 'AF', status: 'active', established_year: '1999', page: '2' })
    expect(apiQuery(f, 2, 20)).toEqual({ continent: 'AF', country: '', tier: '', status: 'active', established_year: '1999', page: 2, page_size: 20 })
    expect(queryOf({ city_id: '4', field: '', direction: 'inbound', status: '' }, 1)).toEqual({ city_id: '4', direction: 'inbound' })
  })

  it('offers the years of the figures in a year\'s filter, newest first, and the one asked for even without any', () => {
    expect(yearChoices([{ year: 2022 }, { year: 2024 }, { year: 2023 }])).toEqual(['2024', '2023', '2022'])
    expect(yearChoices([{ year: 2022 }, { year: 2024 }], '1999')).toEqual(['2024', '2022', '1999'])
    expect(yearChoices([{ year: 2022 }], '2022')).toEqual(['2022'])
    expect(yearChoices([])).toEqual([])
  })

  it("names a contact's language in the UI's language, or shows its code", () => {
    expect(languageName('de', 'en-US')).toBe('German')
    expect(languageName('de', 'zh-CN')).toBe('德语')
    expect(languageName('', 'en-US')).toBe('')
    expect(languageName('not a code', 'en-US')).toBe('not a code')
  })
})
