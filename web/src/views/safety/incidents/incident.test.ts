import { describe, expect, it } from 'vitest'
import type { RollCallCounts, TimelineItem } from '@/api/safety'
import type { Say } from '../affected/query'
import { changed, incidentBody, readEvent, staleLists, timelineWords } from './incident'

const counts = (over: Partial<RollCallCounts> = {}): RollCallCounts =>
  ({ asked: 5, emailed: 4, safe: 1, need_help: 0, unanswered: 4, reached: 0, ...over })

describe('the live view\'s events', () => {
  it('reads an event\'s data, and nothing from what is not JSON', () => {
    expect(readEvent('answered', '{"person_id":7,"answer":"safe","roll_call":{"asked":1}}'))
      .toEqual({ name: 'answered', person_id: 7, answer: 'safe', roll_call: { asked: 1 } })
    expect(readEvent('case', '{"person_id":7,"case_id":12}')).toEqual({ name: 'case', person_id: 7, case_id: 12 })
    expect(readEvent('counts', 'not json')).toBeNull()
    expect(readEvent('closed', 'null')).toBeNull()
  })

  it('names the figures that changed, in the page\'s order; all of them the first time', () => {
    expect(changed(counts(), counts({ safe: 2, unanswered: 3 }))).toEqual(['safe', 'unanswered'])
    expect(changed(counts(), counts())).toEqual([])
    expect(changed(null, counts())).toHaveLength(6)
  })

  it('says which lists of people an event puts out of date', () => {
    expect(staleLists({ name: 'asked' })).toEqual(['unanswered'])
    expect(staleLists({ name: 'answered', answer: 'need_help' })).toEqual(['unanswered', 'need_help'])
    expect(staleLists({ name: 'called', outcome: 'reached' })).toEqual(['unanswered', 'need_help', 'safe'])
    expect(staleLists({ name: 'case', person_id: 7, case_id: 12 })).toEqual(['need_help'])
    expect(staleLists({ name: 'counts' })).toEqual([])
    expect(staleLists({ name: 'closed' })).toEqual([])
  })
})

describe('the timeline in words', () => {
  const item = (kind: TimelineItem['kind'], detail: Record<string, unknown> = {}): TimelineItem =>
    ({ at: '2026-12-01T02:00:00Z', kind, actor: 'officer', person_id: null, detail: detail as TimelineItem['detail'] })

  it('gives each kind its sentence and its figures', () => {
    expect(timelineWords(item('created'))).toEqual({ key: 'created', values: {} })
    expect(timelineWords(item('asked', { asked: 5, emailed: 4 }))).toEqual({ key: 'asked', values: { asked: 5, emailed: 4 } })
    expect(timelineWords(item('answered', { answer: 'need_help' })).key).toBe('answeredHelp')
    expect(timelineWords(item('answered', { answer: 'safe' })).key).toBe('answeredSafe')
    expect(timelineWords(item('called', { outcome: 'reached' })).key).toBe('calledReached')
    expect(timelineWords(item('called', { outcome: 'no_answer' })).key).toBe('calledNoAnswer')
    expect(timelineWords(item('case', { case_id: 12 }))).toEqual({ key: 'case', values: { case: '12' } })
    expect(timelineWords(item('closed'))).toEqual({ key: 'closed', values: {} })
  })
})

describe('the new incident\'s form', () => {
  const say: Say = (field, key) => ({ field, rule: key, message: key, message_zh: key })
  const sayTitle = () => ({ field: 'title', rule: 'required', message: 'title', message_zh: 'title' })
  const form = { title: ' 鲁昂洪水 ', lat: '49.4432', lon: '1.0999', radius_km: '50', from: '2026-12-01', to: '2026-12-03' }

  it('sends the title trimmed with the circle and the window', () => {
    expect(incidentBody(form, say, sayTitle)).toEqual({
      body: { title: '鲁昂洪水', lat: 49.4432, lon: 1.0999, radius_km: 50, from: '2026-12-01', to: '2026-12-03' }, details: [],
    })
  })

  it('says an empty title first, with the rest, and sends nothing', () => {
    const r = incidentBody({ ...form, title: '  ', lat: '' }, say, sayTitle)
    expect(r.body).toBeNull()
    expect(r.details.map((d) => d.field)).toEqual(['title', 'lat'])
  })

  it('leaves the order of the dates to the server', () => {
    expect(incidentBody({ ...form, to: '2026-11-01' }, say, sayTitle).details).toEqual([])
  })
})
