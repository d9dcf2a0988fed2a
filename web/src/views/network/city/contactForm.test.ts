import { describe, expect, it } from 'vitest'
import type { ErrorDetail } from '@/api/types'
import type { NetworkContact } from '@/api/network'
import { LANGUAGES, LANGUAGE, PHONE, contactBody, contactFieldOf, contactFormOf, emptyContact, languagesWith, plausibleEmail } from './contactForm'

const say = (field: string, key: string): ErrorDetail => ({ field, rule: key, message: key, message_zh: key })
const problems = (r: { details: ErrorDetail[] }) => r.details.map((d) => [d.field, d.rule])

describe('a contact\'s e-mail address', () => {
  it('is plausible as the server finds it', () => {
    for (const ok of ['a.becker@aachen.example.org', 'x@y.z', 'first+tag@sub.example.co.uk']) expect(plausibleEmail(ok), ok).toBe(true)
    for (const bad of ['', 'anna', '@example.org', 'a@@example.org', 'a@b@example.org', 'a@example', 'a@.example.org', 'a@example.org.', 'a b@example.org', 'a@exa\tmple.org']) {
      expect(plausibleEmail(bad), bad).toBe(false)
    }
  })
})

describe('a contact\'s phone number and language', () => {
  it('takes numbers as people write them, and nothing else', () => {
    for (const ok of ['', '+49 241 000-0101', '+44 115 000 0102', '0241 432-0', '12345']) expect(PHONE.test(ok), ok).toBe(true)
    for (const bad of ['1234', '+', '(0241) 432-0', 'call me', '+49 241 000-0101 ext. 5', `+${'1'.repeat(26)}`]) expect(PHONE.test(bad), bad).toBe(false)
  })

  it('offers two-letter ISO 639-1 codes, once each', () => {
    for (const l of LANGUAGES) expect(LANGUAGE.test(l), l).toBe(true)
    expect(new Set(LANGUAGES).size).toBe(LANGUAGES.length)
    expect(LANGUAGE.test('deu')).toBe(false)
  })

  it('offers a contact\'s own language too when it is none of those', () => {
    expect(languagesWith('')).toBe(LANGUAGES)
    expect(languagesWith('de')).toBe(LANGUAGES)
    expect(languagesWith('eu')).toEqual([...LANGUAGES, 'eu'])
  })
})

describe('a contact in a partner city, new or edited', () => {
  const anna = {
    ...emptyContact(), name: ' Anna Becker ', role: 'Leiterin Internationale Beziehungen', organization: ' Stadt Aachen',
    email: 'a.becker@aachen.example.org ', phone: '+49 241 000-0101', language: 'de',
  }

  it('sends the fields typed, trimmed, the empty optional ones left out, and no city (a new one\'s request adds it)', () => {
    expect(contactBody(anna, say)).toEqual({
      body: { name: 'Anna Becker', role: 'Leiterin Internationale Beziehungen', organization: 'Stadt Aachen',
        email: 'a.becker@aachen.example.org', phone: '+49 241 000-0101', language: 'de' },
      details: [],
    })
    expect(contactBody({ ...emptyContact(), name: 'Jonas Wolff', role: 'Referent China' }, say).body)
      .toEqual({ name: 'Jonas Wolff', role: 'Referent China' })
  })

  it('refuses what the server would, beside each field, sending nothing', () => {
    expect(problems(contactBody(emptyContact(), say))).toEqual([['name', 'required'], ['role', 'required']])
    expect(contactBody({ ...anna, email: 'a.becker(at)aachen' }, say)).toEqual({ body: null, details: [say('email', 'email')] })
    expect(problems(contactBody({ ...anna, phone: 'ext. 5', language: 'German' }, say))).toEqual([['phone', 'phone'], ['language', 'language']])
  })

  it('puts the server\'s errors beside their fields', () => {
    const d = (field?: string): ErrorDetail => ({ field, rule: 'x', message: '', message_zh: '' })
    expect(contactFieldOf(d('email'))).toBe('email')
    expect(contactFieldOf(d('phone'))).toBe('phone')
    expect(contactFieldOf(d('city_id'))).toBeNull()
  })
})

describe('a contact edited', () => {
  const recorded: NetworkContact = {
    id: 5, city: { id: 3, name_zh: '亚琛', name_en: 'Aachen', country: 'DE' }, name: 'Anna Becker', role: 'Leiterin Internationale Beziehungen',
    organization: 'Stadt Aachen', email: 'a.becker@aachen.example.org', phone: '', language: 'de',
    created_at: '2024-01-10T08:00:00Z', updated_at: '2024-01-10T08:00:00Z',
  }

  it('fills the form as recorded, and sends it back unchanged when nothing is changed', () => {
    expect(contactFormOf(recorded)).toEqual({
      name: 'Anna Becker', role: 'Leiterin Internationale Beziehungen', organization: 'Stadt Aachen', email: 'a.becker@aachen.example.org', phone: '', language: 'de',
    })
    expect(contactBody(contactFormOf(recorded), say).body).toEqual({
      name: 'Anna Becker', role: 'Leiterin Internationale Beziehungen', organization: 'Stadt Aachen', email: 'a.becker@aachen.example.org', language: 'de',
    })
  })

  it('leaves out a field emptied, which the server then empties', () => {
    expect(contactBody({ ...contactFormOf(recorded), role: 'Referentin China', email: ' ' }, say).body).toEqual({
      name: 'Anna Becker', role: 'Referentin China', organization: 'Stadt Aachen', language: 'de',
    })
  })
})
