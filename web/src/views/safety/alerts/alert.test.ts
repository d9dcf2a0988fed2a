import { describe, expect, it } from 'vitest'
import type { PublicAlert } from '@/api/safety'
import type { Place } from '@/api/types'
import { i18n, type AppLocale } from '@/i18n'
import {
  LEVELS, LEVEL_COLORS, MAX_CITIES, areaText, bodyOf, circlesOf, cityIndexOf, cityName, cityOf, contrast, fieldOf, pastReview, pointsOf,
  regionsOf, todayInChina, withCity, type AlertCity, type AlertForm, type AreaWords,
} from './alert'

// The gazetteer's cities (GeoNames ids, as build/places.csv has them).
const FLORENCE: AlertCity = { place_id: 3176959, country: 'IT', name_en: 'Florence', name_zh: '佛罗伦萨', lat: 43.77925, lon: 11.24626 }
const PISA: AlertCity = { place_id: 3170647, country: 'IT', name_en: 'Pisa', name_zh: '比萨', lat: 43.70853, lon: 10.4036 }
const KYOTO: AlertCity = { place_id: 1857910, country: 'JP', name_en: 'Kyoto', name_zh: '京都', lat: 35.02107, lon: 135.75385 }
const AACHEN: AlertCity = { place_id: 3247449, country: 'DE', name_en: 'Aachen', name_zh: null, lat: 50.77664, lon: 6.08342 }

/** The words of an area in a language, as useAlertWords gives them: the catalogue's (the countries' names as the reference store has them). */
function wordsIn(locale: AppLocale): AreaWords {
  const zh = locale === 'zh-CN'
  const names: Record<string, [string, string]> = { IS: ['冰岛', 'Iceland'], JP: ['日本', 'Japan'], IT: ['意大利', 'Italy'], DE: ['德国', 'Germany'] }
  const t = (key: string, named: Record<string, unknown> = {}) => i18n.global.t(key, named, { locale })
  return {
    country: (c) => names[c]?.[zh ? 0 : 1] ?? c,
    circle: (km, lat, lon) => `${km} km around ${lat}, ${lon}`,
    city: (c) => cityName(c, locale),
    inCountry: (cities, country) => t('safety.alerts.cities', { cities, country }),
    sep: t('safety.alerts.sep'),
    groupSep: t('safety.alerts.groupSep'),
  }
}

const alert = (over: Partial<PublicAlert>): PublicAlert => ({
  id: 1, level: 1, area: { kind: 'countries', countries: ['IS'] }, title_zh: '冰岛', title_en: 'Iceland', body_zh: '', body_en: '',
  valid_from: '2027-01-01', valid_until: '2027-02-01', review_on: '2027-01-15', state: 'published', published_at: null, created_at: '', ...over,
})

describe('travel alerts', () => {
  it('colours each level with 3:1 against the map\'s land and against white', () => {
    for (const l of LEVELS) {
      expect(contrast(LEVEL_COLORS[l], '#f4f3ee')).toBeGreaterThanOrEqual(3)
      expect(contrast(LEVEL_COLORS[l], '#ffffff')).toBeGreaterThanOrEqual(3)
    }
    expect(new Set(Object.values(LEVEL_COLORS)).size).toBe(3)
    expect(contrast('#000000', '#ffffff')).toBeCloseTo(21)
  })

  it('says an area in words: countries by name, a circle by its radius and centre', () => {
    const en = wordsIn('en-US')
    expect(areaText({ kind: 'countries', countries: ['IS', 'JP'] }, en)).toBe('Iceland, Japan')
    expect(areaText({ kind: 'countries', countries: ['IS', 'JP'] }, wordsIn('zh-CN'))).toBe('冰岛、日本')
    expect(areaText({ kind: 'circle', lat: 64.1, lon: -21.9, radius_km: 50 }, en)).toBe('50 km around 64.1, -21.9')
  })

  it('says cities by name in the current language, in their country, in the order given', () => {
    const area = { kind: 'cities' as const, place_ids: [FLORENCE.place_id, PISA.place_id], cities: [FLORENCE, PISA] }
    expect(areaText(area, wordsIn('zh-CN'))).toBe('佛罗伦萨、比萨（意大利）')
    expect(areaText(area, wordsIn('en-US'))).toBe('Florence, Pisa (Italy)')
    // several countries: each with its cities, the countries in the order their first city came
    const mixed = { kind: 'cities' as const, cities: [KYOTO, FLORENCE, AACHEN, PISA] }
    expect(areaText(mixed, wordsIn('en-US'))).toBe('Kyoto (Japan); Florence, Pisa (Italy); Aachen (Germany)')
    // no Chinese name in the gazetteer: the English one, in Chinese too
    expect(areaText(mixed, wordsIn('zh-CN'))).toBe('京都（日本）；佛罗伦萨、比萨（意大利）；Aachen（德国）')
    expect(cityName(KYOTO, 'zh-CN')).toBe('京都')
    expect(cityName(KYOTO, 'en-US')).toBe('Kyoto')
    expect(cityName({ ...KYOTO, name_zh: '' }, 'zh-CN')).toBe('Kyoto')
    expect(areaText({ kind: 'cities' }, wordsIn('en-US'))).toBe('')
  })

  it('flags a review date before today only', () => {
    expect(pastReview('2027-01-14', '2027-01-15')).toBe(true)
    expect(pastReview('2027-01-15', '2027-01-15')).toBe(false)
    expect(todayInChina(Date.UTC(2027, 0, 1, 17))).toBe('2027-01-02')
  })

  it('puts countries on the map in their level\'s colour, circles the most serious on top', () => {
    const red = alert({ id: 3, level: 3, area: { kind: 'circle', lat: 1, lon: 2, radius_km: 30 } })
    const orange = alert({ id: 2, level: 2, area: { kind: 'countries', countries: ['JP', 'KR'] } })
    const yellow = alert({ id: 1, level: 1, area: { kind: 'circle', lat: 3, lon: 4, radius_km: 10 } })
    const list = [red, orange, yellow]
    expect(regionsOf(list, (a) => a.title_en)).toEqual([
      { code: 'JP', color: LEVEL_COLORS[2], label: 'Iceland' }, { code: 'KR', color: LEVEL_COLORS[2], label: 'Iceland' }])
    expect(circlesOf(list).map((c) => c.color)).toEqual([LEVEL_COLORS[1], LEVEL_COLORS[3]])
  })

  it('puts each city on the map as a point in its level\'s colour, the most serious on top, named by the alert', () => {
    const red = alert({ id: 3, level: 3, area: { kind: 'cities', place_ids: [KYOTO.place_id], cities: [KYOTO] } })
    const orange = alert({ id: 2, level: 2, area: { kind: 'countries', countries: ['JP'] } })
    const yellow = alert({ id: 1, level: 1, area: { kind: 'cities', place_ids: [FLORENCE.place_id, PISA.place_id], cities: [FLORENCE, PISA] } })
    const points = pointsOf([red, orange, yellow], (a, c) => `${a.level}: ${c.name_en}`)
    expect(points).toEqual([
      { lat: PISA.lat, lon: PISA.lon, label: '1: Pisa', color: LEVEL_COLORS[1] },
      { lat: FLORENCE.lat, lon: FLORENCE.lon, label: '1: Florence', color: LEVEL_COLORS[1] },
      { lat: KYOTO.lat, lon: KYOTO.lon, label: '3: Kyoto', color: LEVEL_COLORS[3] },
    ])
    expect(regionsOf([red, yellow], (a) => a.title_en)).toEqual([])
    expect(circlesOf([red, yellow])).toEqual([])
  })

  it('lists the cities chosen in the order added, each once and at most fifty', () => {
    const place: Place = { id: 1853909, country: 'JP', name_en: 'Osaka', name_zh: '大阪', admin: 'Osaka', lat: 34.69374, lon: 135.50218, population: 2592413 }
    const osaka = cityOf(place)
    expect(osaka).toEqual({ place_id: 1853909, country: 'JP', name_en: 'Osaka', name_zh: '大阪', lat: 34.69374, lon: 135.50218 })
    const one = withCity([], KYOTO)
    expect(one).toEqual({ cities: [KYOTO], outcome: 'added' })
    const two = withCity(one.cities, osaka)
    expect(two.cities.map((c) => c.name_en)).toEqual(['Kyoto', 'Osaka'])
    expect(withCity(two.cities, { ...KYOTO })).toEqual({ cities: [KYOTO, osaka], outcome: 'present' })
    const full = Array.from({ length: MAX_CITIES }, (_, i) => ({ ...AACHEN, place_id: i + 1 }))
    expect(withCity(full, KYOTO)).toEqual({ cities: full, outcome: 'full' })
    expect(one.cities).not.toBe(two.cities)
  })

  it('sends the area the form describes, numbers as numbers and blanks left for the server to name', () => {
    const f: AlertForm = { level: 2, kind: 'circle', countries: ['IS'], cities: [PISA, FLORENCE], lat: '64,1', lon: '-21.9', radius_km: '', title_zh: 'a', title_en: 'b',
      body_zh: 'c', body_en: 'd', valid_from: '2027-01-01', valid_until: '2027-01-02', review_on: '2027-01-01' }
    expect(bodyOf(f).area).toEqual({ kind: 'circle', lat: 64.1, lon: -21.9, radius_km: undefined })
    expect(bodyOf({ ...f, kind: 'countries' }).area).toEqual({ kind: 'countries', countries: ['IS'] })
    // the cities by their gazetteer ids, in the order added; none is the server's to refuse
    expect(bodyOf({ ...f, kind: 'cities' }).area).toEqual({ kind: 'cities', place_ids: [PISA.place_id, FLORENCE.place_id] })
    expect(bodyOf({ ...f, kind: 'cities', cities: [] }).area).toEqual({ kind: 'cities', place_ids: [] })
  })

  it('puts a server\'s error beside its field', () => {
    const d = (field?: string) => ({ field, message: 'm', message_zh: 'm' })
    expect(fieldOf(d('area.countries[0]'))).toBe('area')
    expect(fieldOf(d('/area/countries/0'))).toBe('area')
    expect(fieldOf(d('area.countries'))).toBe('area')
    expect(fieldOf(d('area.radius_km'))).toBe('radius_km')
    expect(fieldOf(d('area.place_ids'))).toBe('area')
    expect(fieldOf(d('area.place_ids[1]'))).toBe('area')
    expect(fieldOf(d('/area/place_ids/1'))).toBe('area')
    expect(cityIndexOf(d('area.place_ids[1]'))).toBe(1)
    expect(cityIndexOf(d('/area/place_ids/0'))).toBe(0)
    expect(cityIndexOf(d('area.place_ids'))).toBeNull()
    expect(cityIndexOf(d('area.countries[0]'))).toBeNull()
    expect(fieldOf(d('valid_until'))).toBe('valid_until')
    expect(fieldOf(d('title_en'))).toBe('title_en')
    expect(fieldOf(d('id'))).toBeNull()
    expect(fieldOf(d())).toBeNull()
  })
})
