import { describe, expect, it } from 'vitest'
import type { NetworkExchange, NetworkProject } from '@/api/network'
import { timeline } from './timeline'

const project = (id: number, started: string | null) => ({ id, started }) as NetworkProject
const exchange = (id: number, starts_on: string) => ({ id, starts_on }) as NetworkExchange

describe('a partner city\'s relationship timeline', () => {
  it('lists the establishment, each project started and each exchange, newest first', () => {
    const moments = timeline({ established: '2005-10-26' }, [project(1, '2004-05-20'), project(2, '2019-01-01')],
      [exchange(5, '2026-01-10'), exchange(4, '2012-06-01')])
    expect(moments.map((m) => [m.kind, m.date, m.key])).toEqual([
      ['exchange', '2026-01-10', 'exchange-5'],
      ['project', '2019-01-01', 'project-2'],
      ['exchange', '2012-06-01', 'exchange-4'],
      ['established', '2005-10-26', 'established'],
      ['project', '2004-05-20', 'project-1'],
    ])
  })

  it('leaves out a project not started; on one day, the exchange, then the project, then the establishment', () => {
    const day = '2020-05-05'
    const moments = timeline({ established: day }, [project(1, null), project(2, day)], [exchange(3, day), exchange(9, '2020-05-04')])
    expect(moments.map((m) => m.key)).toEqual(['exchange-3', 'project-2', 'established', 'exchange-9'])
  })

  it('is the establishment alone for a city with nothing else yet', () => {
    expect(timeline({ established: '1983-10-07' }, [], [])).toEqual([{ kind: 'established', date: '1983-10-07', key: 'established' }])
  })
})
