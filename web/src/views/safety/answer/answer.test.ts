import { describe, expect, it } from 'vitest'
import { answerBody, type SayAnswer } from './answer'

const say: SayAnswer = (field, key) => ({ field, rule: key, message: key, message_zh: key })
const empty = { note: '', lat: '', lon: '' }

describe('the answer as sent', () => {
  it('is the answer alone when nothing else is written', () => {
    expect(answerBody('safe', empty, say)).toEqual({ body: { answer: 'safe' }, details: [] })
  })

  it('carries the note trimmed and the position when both halves are typed', () => {
    expect(answerBody('need_help', { note: ' 护照遗失 ', lat: '-33,9608', lon: '25.6022' }, say).body)
      .toEqual({ answer: 'need_help', note: '护照遗失', lat: -33.9608, lon: 25.6022 })
  })

  it('refuses half a position, naming the missing half', () => {
    const r = answerBody('safe', { ...empty, lat: '49.44' }, say)
    expect(r.body).toBeNull()
    expect(r.details.map((d) => [d.field, d.rule])).toEqual([['lon', 'pair']])
  })

  it('refuses what is not a number, or off the Earth', () => {
    const r = answerBody('safe', { ...empty, lat: 'north', lon: '181' }, say)
    expect(r.details.map((d) => [d.field, d.rule])).toEqual([['lat', 'number'], ['lon', 'range']])
  })
})
