import { describe, expect, it } from 'vitest'
import { clean, cleanWrites, fieldsFor, groupByField, hydrate, initialObject, normalizePath } from './model'
import type { CaseTypeDef } from '@/api/types'
import def from '../../../../src/travel/outbound_travel.json'

const travel = def as unknown as CaseTypeDef
const app = () => fieldsFor(travel)

describe('definition form model', () => {
  it('starts with one empty row per list and every object present', () => {
    const o = initialObject(app())
    expect(Array.isArray(o.members)).toBe(true)
    expect((o.members as unknown[]).length).toBe(1)
    expect((o.itinerary as Record<string, unknown>[])[0].transit_airside).toBe(false)
    expect(o.inviter).toMatchObject({ name: '', country: '', kind: '' })
    expect('report' in o).toBe(false)
  })

  it('leaves empty values out of what it sends', () => {
    const o = initialObject(app())
    o.purpose = '  Visit  '
    const c = clean(app(), o)
    expect(c.purpose).toBe('  Visit  ') // multiline text is sent as typed
    expect(c.departure_date).toBeUndefined()
    expect(c.inviter).toBeUndefined()
    expect(c.members).toEqual([{}])
    expect(c.itinerary).toEqual([{ transit_airside: false }])
  })

  it('shows a transition the fields it writes, and the application the others', () => {
    const report = travel.transitions.find((t) => t.action === 'report')
    expect(fieldsFor(travel, report).map((f) => f.name)).toEqual(['report'])
    expect(app().map((f) => f.name)).not.toContain('report')
    expect(app().map((f) => f.name)).toContain('purpose')
  })

  it('keeps loaded fields of other stages when hydrating', () => {
    const h = hydrate(app(), { purpose: 'x', report: 'done', members: [{ name: '张昊' }] })
    expect(h.report).toBe('done')
    expect((h.members as Record<string, unknown>[])[0]).toMatchObject({ name: '张昊', passport_name: '', role: '' })
  })

  it('sends a transition only the fields it writes, though the dialog holds the whole case', () => {
    // the hand-off of a consular request sent the intake too, and the server refused it (stage)
    const report = travel.transitions.find((t) => t.action === 'report')
    const fields = fieldsFor(travel, report)
    const model = hydrate(fields, { purpose: 'Visit', members: [{ name: '张昊' }], report: '  Went well  ' })
    expect(cleanWrites(fields, model)).toEqual({ report: '  Went well  ' })
    expect(cleanWrites(fields, hydrate(fields, { purpose: 'Visit' }))).toEqual({})
  })

  it('normalizes error paths', () => {
    expect(normalizePath('members[1].id_number')).toBe('members[1].id_number')
    expect(normalizePath('members.1.id_number')).toBe('members[1].id_number')
    expect(normalizePath('/members/1/id_number')).toBe('members[1].id_number')
    expect(normalizePath('data.itinerary.0.country')).toBe('itinerary[0].country')
    expect(normalizePath(undefined)).toBe('')
    const g = groupByField([{ field: 'members.0.name', message: 'a', message_zh: 'b' }, { message: 'c', message_zh: 'd' }])
    expect(Object.keys(g).sort()).toEqual(['', 'members[0].name'])
  })
})
