// A contact in a partner city, new or edited, the pure part: what the form holds (empty, or filled
// from the contact edited), the request's body, one for both — texts trimmed, the optional ones
// left out when empty (an edit's then emptied), the city added by a new one's request only —, the
// form's own checks mirroring the server's (src/network/contacts.cpp and core/validate: name and
// office required, at most 200 characters; an e-mail address as the server finds it plausible; a
// phone number as people write them, E.164's at most 15 digits with spaces, brackets and dashes; a
// language as ISO 639-1's two letters), the languages offered (a contact's own among them), and
// which field a server's error stands beside. No Vue, no requests: unit-tested in
// contactForm.test.ts.
import type { ContactEdit, NetworkContact } from '@/api/network'
import type { ErrorDetail } from '@/api/types'
import { fieldIn, type Say } from './forms'

export interface ContactForm {
  name: string
  role: string
  organization: string
  email: string
  phone: string
  language: string
}

export const emptyContact = (): ContactForm => ({ name: '', role: '', organization: '', email: '', phone: '', language: '' })

/** The form filled from a contact to edit. */
export const contactFormOf = (c: NetworkContact): ContactForm => ({
  name: c.name, role: c.role, organization: c.organization, email: c.email, phone: c.phone, language: c.language,
})

/** The form's fields, in the order shown. */
export const CONTACT_FIELDS = ['name', 'role', 'organization', 'email', 'phone', 'language'] as const
export type ContactField = (typeof CONTACT_FIELDS)[number]
export const contactFieldOf = (d: ErrorDetail) => fieldIn(CONTACT_FIELDS, d)

/** The server's pattern for a phone number (NewContactBody), empty allowed. */
export const PHONE = /^(\+?[0-9][0-9 ()-]{4,24})?$/
/** ISO 639-1: two lower-case letters, or none. */
export const LANGUAGE = /^([a-z]{2})?$/

/** An e-mail address as the server's check finds it plausible (core/validate/schema.cpp, IsPlausibleEmail): one @ after something, a dot inside the domain, no space or control character. */
export function plausibleEmail(e: string): boolean {
  const at = e.indexOf('@')
  if (at <= 0 || e.indexOf('@', at + 1) !== -1) return false
  const domain = e.slice(at + 1)
  const dot = domain.indexOf('.')
  if (dot <= 0 || domain.endsWith('.')) return false
  return !/[\u0000-\u0020\u007f]/.test(e)
}

/**
 * The languages offered for writing to a contact (ISO 639-1): ours, then those of the partner
 * cities' countries; named by the browser in the UI's language.
 */
export const LANGUAGES: readonly string[] = [
  'zh', 'en', 'de', 'fr', 'ja', 'ko', 'es', 'pt', 'it', 'ru', 'ar', 'nl', 'pl', 'cs', 'sk', 'hu', 'ro', 'bg', 'el', 'tr',
  'he', 'fa', 'sv', 'nb', 'da', 'fi', 'et', 'lv', 'lt', 'uk', 'sr', 'hr', 'sl', 'vi', 'th', 'id', 'ms', 'hi', 'ur', 'bn',
  'af', 'xh', 'zu', 'sw', 'am', 'mi', 'ka', 'hy', 'kk', 'uz', 'mn',
]

/** The languages offered, with `current` (a contact's, recorded before) when it is none of them. */
export const languagesWith = (current: string): readonly string[] =>
  (!current || LANGUAGES.includes(current) ? LANGUAGES : [...LANGUAGES, current])

/** The request's body — an edit's whole; a new contact's once their city is added —, or the form's own problems (then nothing is sent). */
export function contactBody(f: ContactForm, say: Say<ContactField>): { body: ContactEdit | null; details: ErrorDetail[] } {
  const v = {
    name: f.name.trim(), role: f.role.trim(), organization: f.organization.trim(), email: f.email.trim(), phone: f.phone.trim(), language: f.language,
  }
  const details: ErrorDetail[] = []
  if (!v.name) details.push(say('name', 'required'))
  if (!v.role) details.push(say('role', 'required'))
  if (v.email && !plausibleEmail(v.email)) details.push(say('email', 'email'))
  if (!PHONE.test(v.phone)) details.push(say('phone', 'phone'))
  if (!LANGUAGE.test(v.language)) details.push(say('language', 'language'))
  if (details.length) return { body: null, details }
  const body: ContactEdit = { name: v.name, role: v.role }
  for (const k of ['organization', 'email', 'phone', 'language'] as const) if (v[k]) body[k] = v[k]
  return { body, details: [] }
}
