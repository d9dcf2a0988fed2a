import { describe, expect, it } from 'vitest'
import { cityBody, decimal, emptyForm, fieldOf, whole, withPlace, type Say } from './form'

const say: Say = (field, key) => ({ field, rule: key, message: key, message_zh: key })

describe('a new partner city', () => {
  const aachen = { ...emptyForm(), name_zh: ' 亚琛市 ', name_en: 'Aachen ', country: 'DE', lat: '50,7753', lon: '6.0839', established: '1986-09-22' }

  it('sends the fields typed, trimmed, numbers read, the empty optional ones left out', () => {
    expect(cityBody(aachen, say)).toEqual({
      body: { name_zh: '亚琛市', name_en: 'Aachen', country: 'DE', lat: 50.7753, lon: 6.0839, tier: 'sister', established: '1986-09-22', status: 'active' },
      details: [],
    })
    const more = cityBody({ ...aachen, population: '249,000', province: ' NRW ', notes: 'x', local_name: '', tier: 'mou', status: 'dormant' }, say)
    expect(more.body).toMatchObject({ population: 249000, province: 'NRW', notes: 'x', tier: 'mou', status: 'dormant' })
    expect(more.body).not.toHaveProperty('local_name')
  })

  it('leaves empty coordinates to the server (it says they are required)', () => {
    const r = cityBody({ ...aachen, lat: '', lon: ' ' }, say)
    expect(r.body).not.toHaveProperty('lat')
    expect(r.body).not.toHaveProperty('lon')
  })

  it('names a number that is not one, beside its field, and sends nothing', () => {
    const r = cityBody({ ...aachen, lat: '50°N', population: '2.5' }, say)
    expect(r.body).toBeNull()
    expect(r.details.map((d) => [d.field, d.rule])).toEqual([['lat', 'number'], ['population', 'wholeNumber']])
  })

  it('reads decimals and whole numbers as people type them', () => {
    expect(decimal('-33.9608')).toBe(-33.9608)
    expect(decimal('.5')).toBe(0.5)
    expect(decimal('1e3')).toBeNaN()
    expect(decimal('')).toBeUndefined()
    expect(whole('1 190 000')).toBe(1190000)
    expect(whole('-1')).toBeNaN()
  })

  it('places a server error beside the field it names; the duplicate beside the English name', () => {
    expect(fieldOf({ field: 'name_en', rule: 'network.duplicate', message: '', message_zh: '' })).toBe('name_en')
    expect(fieldOf({ field: '/lat', rule: 'range', message: '', message_zh: '' })).toBe('lat')
    expect(fieldOf({ field: 'id', rule: 'x', message: '', message_zh: '' })).toBeNull()
    expect(fieldOf({ message: '', message_zh: '' })).toBeNull()
  })

  it('takes a place of the gazetteer: names, country, province, coordinates, population; keeps what it lacks', () => {
    const place = { id: 3247449, name_en: 'Aachen', name_zh: null, country: 'DE', admin: 'North Rhine-Westphalia', lat: 50.77664, lon: 6.08342, population: 0 }
    const f = withPlace({ ...emptyForm(), name_zh: '亚琛市', population: '249000', tier: 'friendly' }, place)
    expect(f).toMatchObject({ name_en: 'Aachen', name_zh: '亚琛市', country: 'DE', province: 'North Rhine-Westphalia', lat: '50.77664', lon: '6.08342', population: '249000', tier: 'friendly' })
    expect(withPlace(emptyForm(), { ...place, name_zh: '亚琛', population: 245885 })).toMatchObject({ name_zh: '亚琛', population: '245885' })
  })
})
