import { describe, expect, it } from 'vitest'
import type { Place } from '@/api/types'
import {
  afterRemoval, bodyOf, controlId, controlOf, emptyForm, isWithdrawn, newLeg, newPerson, placeErrors, sameControl, type RegistrationForm,
} from './registration'

const TOKYO: Place = { id: 1850147, country: 'JP', name_en: 'Tokyo', name_zh: '\u4e1c\u4eac', admin: 'Tokyo', lat: 35.6895, lon: 139.69171, population: 8336599 }
const OSAKA: Place = { id: 1853909, country: 'JP', name_en: 'Osaka', name_zh: '\u5927\u962a', admin: 'Osaka', lat: 34.69374, lon: 135.50218, population: 2592413 }

function filled(): RegistrationForm {
  const f = emptyForm({ name: 'Li Hua', email: 'li@example.cn' })
  f.people[0].phone = ' +86 138 0000 0000 '
  const family = newPerson()
  family.name = '  Li Ming '
  f.people.push(family)
  Object.assign(f.legs[0], { place: TOKYO, from: '2027-05-01', to: '2027-05-05' })
  f.legs.push({ ...newLeg(), place: OSAKA, from: '2027-05-05', to: '2027-05-09' })
  f.consent = true
  return f
}

describe('a trip\'s registration', () => {
  it('starts with the citizen themselves, one empty leg and no consent', () => {
    const f = emptyForm({ name: 'Li Hua', email: 'li@example.cn' })
    expect(f.people).toMatchObject([{ name: 'Li Hua', relation: 'self', phone: '', email: 'li@example.cn' }])
    expect(f.legs).toMatchObject([{ place: null, from: '', to: '' }])
    expect(f.consent).toBe(false)
    expect(newPerson().relation).toBe('family')
    expect(newPerson().key).not.toBe(newPerson().key)
  })

  it('sends nothing while the consent is not ticked', () => {
    expect(bodyOf({ ...filled(), consent: false })).toBeNull()
    expect(bodyOf(emptyForm())).toBeNull()
  })

  it('sends the people trimmed, without an empty phone or e-mail, and each leg\'s place by its id', () => {
    expect(bodyOf(filled())).toEqual({
      people: [
        { name: 'Li Hua', relation: 'self', phone: '+86 138 0000 0000', email: 'li@example.cn' },
        { name: 'Li Ming', relation: 'family' },
      ],
      legs: [
        { place_id: 1850147, from: '2027-05-01', to: '2027-05-05' },
        { place_id: 1853909, from: '2027-05-05', to: '2027-05-09' },
      ],
      consent: true,
    })
  })

  it('leaves a leg without a place without place_id, for the server to name beside its city', () => {
    const f = filled()
    f.legs[1].place = null
    expect(bodyOf(f)!.legs[1]).toEqual({ from: '2027-05-05', to: '2027-05-09' })
  })

  it('puts a server\'s error beside the control it names', () => {
    const c = (field?: string) => controlOf({ field })
    expect(c('legs[0].to')).toEqual({ list: 'legs', index: 0, field: 'to' })
    expect(c('legs[1].from')).toEqual({ list: 'legs', index: 1, field: 'from' })
    expect(c('legs[2].place_id')).toEqual({ list: 'legs', index: 2, field: 'place' })
    expect(c('/legs/3/place_id')).toEqual({ list: 'legs', index: 3, field: 'place' })
    expect(c('legs[0]')).toEqual({ list: 'legs', index: 0, field: 'place' })
    expect(c('people[1].email')).toEqual({ list: 'people', index: 1, field: 'email' })
    expect(c('people[0].name')).toEqual({ list: 'people', index: 0, field: 'name' })
    expect(c('people[0].nickname')).toEqual({ list: 'people', index: 0, field: 'name' })
    expect(c('legs')).toEqual({ list: 'legs' })
    expect(c('people')).toEqual({ list: 'people' })
    expect(c('consent')).toEqual({ list: 'consent' })
    expect(c('id')).toBeNull()
    expect(c()).toBeNull()
  })

  it('names each control\'s DOM id, the same for the input and its error', () => {
    expect(controlId({ list: 'legs', index: 0, field: 'to' })).toBe('reg-legs-0-to')
    expect(controlId({ list: 'people', index: 1, field: 'email' })).toBe('reg-people-1-email')
    expect(controlId({ list: 'consent' })).toBe('reg-consent')
    expect(sameControl(controlOf({ field: 'legs[0].to' }), { list: 'legs', index: 0, field: 'to' })).toBe(true)
    expect(sameControl(controlOf({ field: 'legs[0].to' }), { list: 'legs', index: 1, field: 'to' })).toBe(false)
    expect(sameControl(null, null)).toBe(true)
  })

  it('keeps each error beside its row when a row above it is removed', () => {
    const d = (field: string) => ({ field, rule: 'r', message: field, message_zh: field })
    const placed = placeErrors([d('legs[0].to'), d('legs[1].place_id'), d('legs[2].to'), d('people[1].email'), d('consent'), d('id')])
    const after = afterRemoval(placed, 'legs', 1)
    expect(after.map((e) => [e.detail.field, e.control])).toEqual([
      ['legs[0].to', { list: 'legs', index: 0, field: 'to' }],
      ['legs[2].to', { list: 'legs', index: 1, field: 'to' }],
      ['people[1].email', { list: 'people', index: 1, field: 'email' }],
      ['consent', { list: 'consent' }],
      ['id', null],
    ])
    expect(afterRemoval(placed, 'people', 0).find((e) => e.detail.field === 'people[1].email')?.control).toEqual({ list: 'people', index: 0, field: 'email' })
  })

  it('tells a withdrawn registration', () => {
    expect(isWithdrawn({ withdrawn_at: null })).toBe(false)
    expect(isWithdrawn({ withdrawn_at: '2027-01-01T00:00:00Z' })).toBe(true)
  })
})
