import { describe, expect, it } from 'vitest'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import type { LocationQuery } from 'vue-router'
import {
  AGREEMENT_STATES, AGREEMENT_STATE_TAG, agreementStateKey, dueOf,
  CONTINENTS, COOPERATION_FIELDS, DIRECTIONS, EXCHANGE_KINDS, PROJECT_STATUSES, STATUSES, TIERS, apiQuery, continentKey, cooperationKey,
  directionKey, exchangeKindKey, filtersOf, pageOf, projectStatusKey, queryOf, statusKey, tierKey,
} from './network'

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
    expect(dueOf({ due: 'true' })).toBe(true)
    expect(dueOf({ due: ['true', 'false'] })).toBe(true)
    for (const q of [{}, { due: 'false' }, { due: '1' }, { due: null }] as LocationQuery[]) expect(dueOf(q), JSON.stringify(q)).toBe(false)
  })

  it('reads the list\'s filters and page from the URL, leaving out what the server does not know', () => {
    expect(filtersOf({ continent: 'EU', country: 'DE', tier: 'sister', status: 'dormant' }))
      .toEqual({ continent: 'EU', country: 'DE', tier: 'sister', status: 'dormant' })
    expect(filtersOf({ continent: 'XX', country: 'de', tier: ['mou', 'sister'], status: null }))
      .toEqual({ continent: '', country: '', tier: 'mou', status: '' })
    expect(pageOf({ page: '3' })).toBe(3)
    expect(pageOf({ page: '0' })).toBe(1)
    expect(pageOf({})).toBe(1)
  })

  it('writes the URL with only what is set, and the API\'s query with every filter', () => {
    const f = { continent: 'AF', country: '', tier: '', status: 'active' }
    expect(queryOf(f)).toEqual({ continent: 'AF', status: 'active' })
    expect(queryOf(f, 2)).toEqual({ continent: 'AF', status: 'active', page: '2' })
    expect(apiQuery(f, 2, 20)).toEqual({ continent: 'AF', country: '', tier: '', status: 'active', page: 2, page_size: 20 })
  })
})
