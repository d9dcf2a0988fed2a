import { describe, expect, it } from 'vitest'
import type { RegisterLeg } from '@/api/safety-register'
import { haversineKm } from '@/components/map/geo'
import {
  MAX_LIMIT, PAGE, SOURCES, abroadNow, canShowMore, circleAround, legNow, legSummary, nextLimit, placesOf, queryOf,
  sourceKey, sourceTag, timingOf, type LegWords,
} from './register'
import zh from '@/locales/zh-CN/safetyRegister.json'
import en from '@/locales/en-US/safetyRegister.json'

const leg = (city: string, from: string, to: string, lat = 35.6895, lon = 139.6917, country = 'JP'): RegisterLeg =>
  ({ country, city, lat, lon, from, to })
const tokyo = leg('Tokyo', '2026-12-01', '2026-12-04')
const osaka = leg('Osaka', '2026-12-05', '2026-12-06', 34.6937, 135.5023)

describe('the search', () => {
  it('searches the words trimmed', () => {
    expect(queryOf('  王芳 ')).toBe('王芳')
    expect(queryOf('东京大阪 JP2612')).toBe('东京大阪 JP2612')
    expect(queryOf('   ')).toBe('')
  })

  it('shows a page more each time, never beyond the server\'s largest limit', () => {
    expect(nextLimit(PAGE)).toBe(2 * PAGE)
    expect(nextLimit(90)).toBe(MAX_LIMIT)
    expect(nextLimit(MAX_LIMIT)).toBe(MAX_LIMIT)
  })

  it('offers more only when more match and the limit can grow', () => {
    expect(canShowMore(true, PAGE)).toBe(true)
    expect(canShowMore(false, PAGE)).toBe(false)
    expect(canShowMore(true, MAX_LIMIT)).toBe(false)
  })
})

describe('where the register learnt of a person', () => {
  it('has words in both catalogues and a tag colour for every source', () => {
    for (const s of SOURCES) {
      const key = sourceKey(s).split('.').pop()!
      expect(zh.source[key as keyof typeof zh.source]).toBeTruthy()
      expect(en.source[key as keyof typeof en.source]).toBeTruthy()
      expect(sourceTag(s)).toMatch(/^(primary|success|warning|info)$/)
    }
    expect(sourceKey('agency')).toBe('safetyRegister.source.agency')
  })
})

describe('legs and today', () => {
  it('counts a leg\'s first and last days as spent there', () => {
    expect(timingOf(tokyo, '2026-11-30')).toBe('future')
    expect(timingOf(tokyo, '2026-12-01')).toBe('now')
    expect(timingOf(tokyo, '2026-12-04')).toBe('now')
    expect(timingOf(tokyo, '2026-12-05')).toBe('past')
  })

  it('says the person is abroad when today lies within one of their legs', () => {
    const person = { legs: [tokyo, osaka] }
    expect(abroadNow(person, '2026-12-03')).toBe(true)
    expect(legNow(person.legs, '2026-12-05')).toBe(osaka)
    expect(abroadNow(person, '2026-12-07')).toBe(false)
    expect(abroadNow({ legs: [] }, '2026-12-03')).toBe(false)
  })

  it('says a leg in words: city, country, dates', () => {
    const w: LegWords = {
      country: (c) => ({ JP: 'Japan' })[c] ?? c,
      date: (d) => d.slice(5),
      leg: ({ city, country, from, to }) => `${city}, ${country} ${from} – ${to}`,
    }
    expect(legSummary(tokyo, w)).toBe('Tokyo, Japan 12-01 – 12-04')
    expect(legSummary(leg('Gqeberha', '2026-11-20', '2026-11-27', -33.96, 25.6, 'ZA'), w)).toBe('Gqeberha, ZA 11-20 – 11-27')
  })
})

describe('the map', () => {
  it('gathers a return to a city into one place with both stays, in the order first visited', () => {
    const back = leg('Tokyo', '2026-12-07', '2026-12-08')
    const places = placesOf([tokyo, osaka, back])
    expect(places.map((p) => [p.city, p.legs.length])).toEqual([['Tokyo', 2], ['Osaka', 1]])
  })

  it('zooms to a circle holding every place, never narrower than a city\'s surroundings', () => {
    expect(circleAround([])).toBeNull()
    const one = circleAround([tokyo])!
    expect([one.lat, one.lon, one.radiusKm]).toEqual([tokyo.lat, tokyo.lon, 400])
    const two = circleAround([tokyo, { lat: 52.9548, lon: -1.1581 }])!
    for (const p of [tokyo, { lat: 52.9548, lon: -1.1581 }]) expect(haversineKm(two, p)).toBeLessThan(two.radiusKm)
  })

  it('centres places on both sides of the antimeridian between them, not across the world', () => {
    const c = circleAround([{ lat: -18.1, lon: 178.4 }, { lat: -13.8, lon: -171.8 }])!
    expect(Math.abs(c.lon)).toBeGreaterThan(170)
    expect(c.radiusKm).toBeLessThan(2000)
  })
})
