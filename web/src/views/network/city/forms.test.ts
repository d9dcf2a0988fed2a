import { describe, expect, it } from 'vitest'
import type { ErrorDetail } from '@/api/types'
import { amountMinor, emptyExchange, emptyMilestone, emptyProject, exchangeBody, exchangeFieldOf, projectBody, projectFieldOf } from './forms'

const say = (field: string, key: string, named?: Record<string, string | number>): ErrorDetail =>
  ({ field, rule: key, message: `${key} ${JSON.stringify(named ?? {})}`, message_zh: key })
const detail = (field?: string): ErrorDetail => ({ field, rule: 'x', message: '', message_zh: '' })

describe('an amount typed in the currency\'s major unit', () => {
  it('is sent in its minor unit: cents and fen, whole yen and won', () => {
    expect(amountMinor('1250000.50', 'CNY')).toBe(125000050)
    expect(amountMinor(' 1,250,000.5 ', 'EUR')).toBe(125000050)
    expect(amountMinor('12 000 000', 'USD')).toBe(1200000000)
    expect(amountMinor('0', 'GBP')).toBe(0)
    expect(amountMinor('5,000', 'JPY')).toBe(5000)
    expect(amountMinor('5000.', 'KRW')).toBe(5000)
  })

  it('is left out when empty', () => {
    expect(amountMinor('', 'CNY')).toBeUndefined()
    expect(amountMinor('  ', 'CNY')).toBeUndefined()
  })

  it('is refused when it is no amount, or finer than the currency\'s minor unit', () => {
    for (const bad of ['-1', 'abc', '1e6', '1,5', '12,34,567', '€90', '1.2.3']) expect(amountMinor(bad, 'EUR'), bad).toBe('amount')
    expect(amountMinor('9'.repeat(20), 'CNY')).toBe('amount')
    expect(amountMinor('90.005', 'EUR')).toBe('fraction')
    expect(amountMinor('1.5', 'JPY')).toBe('fraction')
  })
})

describe('a new project with a partner city', () => {
  const unnc = {
    ...emptyProject(), title_zh: ' 宁波诺丁汉大学 ', title_en: 'UNNC ', field: 'education' as const, direction: 'joint' as const,
    status: 'ongoing' as const, started: '2004-05-20',
  }

  it('sends the fields typed, trimmed, the empty optional ones left out', () => {
    expect(projectBody(7, unnc, say)).toEqual({
      body: { city_id: 7, field: 'education', direction: 'joint', status: 'ongoing', title_zh: '宁波诺丁汉大学', title_en: 'UNNC', started: '2004-05-20' },
      details: [],
    })
    const more = projectBody(7, { ...unnc, amount: '5,000,000', currency: 'EUR', our_partners: ' A ', their_partners: 'B', outcomes: '' }, say)
    expect(more.body).toMatchObject({ amount: { amount: 500000000, currency: 'EUR' }, our_partners: 'A', their_partners: 'B' })
    expect(more.body).not.toHaveProperty('outcomes')
  })

  it('leaves what the server requires to it: no field chosen, an empty title, no start', () => {
    const r = projectBody(7, { ...emptyProject(), title_zh: '项目' }, say)
    expect(r.body).toEqual({ city_id: 7, direction: 'joint', status: 'planned', title_zh: '项目', title_en: '' })
  })

  it('names an amount that is not one beside the amount, and sends nothing', () => {
    expect(projectBody(7, { ...unnc, amount: '5m' }, say)).toEqual({ body: null, details: [say('amount', 'amount')] })
    const yen = projectBody(7, { ...unnc, amount: '10.5', currency: 'JPY' }, say)
    expect(yen.body).toBeNull()
    expect(yen.details).toEqual([say('amount', 'amountFraction', { currency: 'JPY', n: 0 })])
  })

  it('places a server error beside its field: the amount\'s members beside the amount and the currency', () => {
    expect(projectFieldOf(detail('title_en'))).toBe('title_en')
    expect(projectFieldOf(detail('/field'))).toBe('field')
    expect(projectFieldOf(detail('amount.amount'))).toBe('amount')
    expect(projectFieldOf(detail('amount'))).toBe('amount')
    expect(projectFieldOf(detail('amount.currency'))).toBe('currency')
    expect(projectFieldOf(detail('city_id'))).toBeNull()
    expect(projectFieldOf(detail())).toBeNull()
  })
})

describe("a new project's milestones", () => {
  const base = { ...emptyProject(), title_zh: '项目', title_en: 'Project', field: 'trade' as const }

  it('sends them in their order, trimmed, an empty done day and note left out; none when there are none', () => {
    const milestones = [
      { ...emptyMilestone(), title_zh: ' 签约 ', title_en: 'Signed ', due_on: '2025-01-10', done_on: '2025-01-09', note: ' on time ' },
      { ...emptyMilestone(), title_zh: '投产', title_en: 'In production', due_on: '2027-06-30' },
    ]
    expect(projectBody(3, { ...base, milestones }, say).body?.milestones).toEqual([
      { title_zh: '签约', title_en: 'Signed', due_on: '2025-01-10', done_on: '2025-01-09', note: 'on time' },
      { title_zh: '投产', title_en: 'In production', due_on: '2027-06-30' },
    ])
    expect(projectBody(3, base, say).body).not.toHaveProperty('milestones')
  })

  it("places a milestone's server error beside the milestones", () => {
    expect(projectFieldOf(detail('milestones[1].done_on'))).toBe('milestones')
    expect(projectFieldOf(detail('milestones'))).toBe('milestones')
  })
})

describe('a new exchange with a partner city', () => {
  const visit = { ...emptyExchange(), starts_on: '2026-03-02', people: '8', purpose_zh: ' 访问 ', purpose_en: 'A visit', leader: 'Mayor ' }

  it('sends the fields typed, the number of people read, the empty optional ones left out', () => {
    expect(exchangeBody(3, visit, say)).toEqual({
      body: { city_id: 3, kind: 'delegation_in', starts_on: '2026-03-02', people: 8, purpose_zh: '访问', purpose_en: 'A visit', leader: 'Mayor' },
      details: [],
    })
    const training = exchangeBody(3, { ...visit, kind: 'training', people: '1,200', field: 'talent', leader: '', cities_visited: 'Aachen', outcome: 'x' }, say)
    expect(training.body).toMatchObject({ kind: 'training', people: 1200, field: 'talent', cities_visited: 'Aachen', outcome: 'x' })
    expect(training.body).not.toHaveProperty('leader')
  })

  it('leaves an empty date and number to the server, and names a number that is not one', () => {
    const r = exchangeBody(3, { ...visit, starts_on: '', people: '' }, say)
    expect(r.body).not.toHaveProperty('starts_on')
    expect(r.body).not.toHaveProperty('people')
    expect(exchangeBody(3, { ...visit, people: 'eight' }, say)).toEqual({ body: null, details: [say('people', 'people')] })
    expect(exchangeBody(3, { ...visit, people: '-2' }, say).body).toBeNull()
  })

  it('names the outbound-travel case chosen, and none when none is', () => {
    expect(exchangeBody(3, { ...visit, kind: 'delegation_out', travel_case_id: 42 }, say).body).toMatchObject({ travel_case_id: 42 })
    expect(exchangeBody(3, visit, say).body).not.toHaveProperty('travel_case_id')
    expect(exchangeFieldOf(detail('travel_case_id'))).toBe('travel_case_id')
  })

  it('places a server error beside its field', () => {
    expect(exchangeFieldOf(detail('people'))).toBe('people')
    expect(exchangeFieldOf(detail('starts_on'))).toBe('starts_on')
    expect(exchangeFieldOf(detail('city_id'))).toBeNull()
  })
})
