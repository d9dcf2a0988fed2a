import { describe, expect, it } from 'vitest'
import type { PublicAlert } from '@/api/safety'
import { LEVELS, LEVEL_COLORS, areaText, bodyOf, circlesOf, contrast, fieldOf, pastReview, regionsOf, todayInChina, type AlertForm } from './alert'

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
    const name = (c: string) => ({ IS: 'Iceland', JP: 'Japan' })[c] ?? c
    const circle = (km: number, lat: number, lon: number) => `${km} km around ${lat}, ${lon}`
    expect(areaText({ kind: 'countries', countries: ['IS', 'JP'] }, name, circle)).toBe('Iceland, Japan')
    expect(areaText({ kind: 'circle', lat: 64.1, lon: -21.9, radius_km: 50 }, name, circle)).toBe('50 km around 64.1, -21.9')
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

  it('sends the area the form describes, numbers as numbers and blanks left for the server to name', () => {
    const f: AlertForm = { level: 2, kind: 'circle', countries: ['IS'], lat: '64,1', lon: '-21.9', radius_km: '', title_zh: 'a', title_en: 'b',
      body_zh: 'c', body_en: 'd', valid_from: '2027-01-01', valid_until: '2027-01-02', review_on: '2027-01-01' }
    expect(bodyOf(f).area).toEqual({ kind: 'circle', lat: 64.1, lon: -21.9, radius_km: undefined })
    expect(bodyOf({ ...f, kind: 'countries' }).area).toEqual({ kind: 'countries', countries: ['IS'] })
  })

  it('puts a server\'s error beside its field', () => {
    const d = (field?: string) => ({ field, message: 'm', message_zh: 'm' })
    expect(fieldOf(d('area.countries[0]'))).toBe('area')
    expect(fieldOf(d('/area/countries/0'))).toBe('area')
    expect(fieldOf(d('area.countries'))).toBe('area')
    expect(fieldOf(d('area.radius_km'))).toBe('radius_km')
    expect(fieldOf(d('valid_until'))).toBe('valid_until')
    expect(fieldOf(d('title_en'))).toBe('title_en')
    expect(fieldOf(d('id'))).toBeNull()
    expect(fieldOf(d())).toBeNull()
  })
})
