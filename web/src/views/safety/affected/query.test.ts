import { describe, expect, it } from 'vitest'
import type { AffectedPerson } from '@/api/safety'
import { addDays, bodyOf, parseNumber, placesOf, todayInChina, type Say } from './query'

const say: Say = (field, key) => ({ field, rule: key, message: key, message_zh: key })
const form = { lat: '50.7753', lon: '6.0839', radius_km: '300', from: '2026-12-01', to: '2026-12-08' }

describe('the form as a query', () => {
  it('sends the numbers and dates typed', () => {
    expect(bodyOf(form, say)).toEqual({ body: { lat: 50.7753, lon: 6.0839, radius_km: 300, from: '2026-12-01', to: '2026-12-08' }, details: [] })
  })

  it('says beside each field what cannot be sent, and sends nothing', () => {
    const r = bodyOf({ lat: '', lon: 'east', radius_km: ' ', from: '1/12/2026', to: '' }, say)
    expect(r.body).toBeNull()
    expect(r.details.map((d) => [d.field, d.rule])).toEqual([['lat', 'required'], ['lon', 'number'], ['radius_km', 'required'], ['from', 'date'], ['to', 'required']])
  })

  it('leaves the ranges and the order of the dates to the server', () => {
    expect(bodyOf({ ...form, lat: '95', to: '2026-11-01' }, say).details).toEqual([])
  })

  it('reads a decimal comma and a sign', () => {
    expect(parseNumber('-33,9608')).toBe(-33.9608)
    expect(parseNumber('+.5')).toBe(0.5)
    expect(parseNumber('1e3')).toBeNull()
    expect(parseNumber('12 km')).toBeNull()
  })
})

describe('dates', () => {
  it('takes today from China\'s clock (UTC+8)', () => {
    expect(todayInChina(new Date('2026-12-03T15:59:59Z'))).toBe('2026-12-03')
    expect(todayInChina(new Date('2026-12-03T16:00:00Z'))).toBe('2026-12-04')
  })

  it('adds days across months and years', () => {
    expect(addDays('2026-12-28', 7)).toBe('2027-01-04')
    expect(addDays('2027-03-01', -1)).toBe('2027-02-28')
  })
})

describe('the people of a page by place', () => {
  const person = (id: number, city: string, lat: number, lon: number): AffectedPerson =>
    ({ person_id: id, name: `P${id}`, country: 'DE', city, lat, lon, from: '2026-12-01', to: '2026-12-05', distance_km: id })

  it('gathers those at the same coordinates, in the order they come', () => {
    const places = placesOf([person(1, 'Aachen', 50.7753, 6.0839), person(2, 'Frankfurt am Main', 50.1109, 8.6821), person(3, 'Aachen', 50.7753, 6.0839)])
    expect(places.map((p) => [p.city, p.people.map((x) => x.person_id)])).toEqual([['Aachen', [1, 3]], ['Frankfurt am Main', [2]]])
  })
})
