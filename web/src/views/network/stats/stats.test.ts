import { describe, expect, it } from 'vitest'
import { citiesLink, exchangeYears, exchangesIn, exchangesLink, growthOf, mapLegend, projectsLink } from './stats'

describe('the network\'s analytics', () => {
  it('draws its growth over every year from the first relation to the last', () => {
    expect(growthOf([{ year: 1986, cities: 2, total: 3 }, { year: 1983, cities: 1, total: 1 }])).toEqual([
      { year: 1983, cities: 1, total: 1 }, { year: 1984, cities: 0, total: 1 }, { year: 1985, cities: 0, total: 1 }, { year: 1986, cities: 2, total: 3 },
    ])
    expect(growthOf([])).toEqual([])
  })

  it('counts the cities of each tier for the map\'s legend, a tier with none included', () => {
    expect(mapLegend([{ tier: 'sister' }, { tier: 'friendly' }, { tier: 'sister' }], ['sister', 'friendly', 'mou'])).toEqual([
      { tier: 'sister', cities: 2 }, { tier: 'friendly', cities: 1 }, { tier: 'mou', cities: 0 },
    ])
  })

  it('lists the exchanges of every year from the first to the last, a year without any with none', () => {
    const years = exchangeYears([
      { year: 2024, delegation_in: 1, delegation_out: 2, training: 0 },
      { year: 2022, delegation_in: 0, delegation_out: 1, training: 3 },
    ])
    expect(years).toEqual([
      { year: 2022, delegation_in: 0, delegation_out: 1, training: 3 },
      { year: 2023, delegation_in: 0, delegation_out: 0, training: 0 },
      { year: 2024, delegation_in: 1, delegation_out: 2, training: 0 },
    ])
    expect(years.map(exchangesIn)).toEqual([4, 0, 3])
    expect(exchangeYears([])).toEqual([])
  })

  it('leads each figure to the list it counts: the registry, the projects of a field, the exchanges of a year', () => {
    expect(citiesLink({ established_year: '1986' })).toEqual({ name: 'network-cities', query: { established_year: '1986' } })
    expect(projectsLink('trade')).toEqual({ name: 'network-projects', query: { field: 'trade' } })
    expect(projectsLink('trade', 'joint')).toEqual({ name: 'network-projects', query: { field: 'trade', direction: 'joint' } })
    expect(exchangesLink(2024)).toEqual({ name: 'network-exchanges', query: { year: '2024' } })
    expect(exchangesLink(2024, 'training')).toEqual({ name: 'network-exchanges', query: { year: '2024', kind: 'training' } })
  })
})
