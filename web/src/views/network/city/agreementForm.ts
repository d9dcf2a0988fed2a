// An agreement with a partner city, new or edited, the pure part: what the form holds (empty, or
// filled from the agreement edited), the request's body, one for both — titles trimmed, the expiry
// and the renewal's notice left out for an open-ended agreement, the city added by a new one's
// request only —, the form's own checks mirroring the server's (src/network/agreements.cpp: both
// titles required, signed no later than today in China, expiring after the signing, a notice of 1
// to 730 days; the signed copy a PDF by its name and its first bytes, at most 10 MB), the
// renewal's deadline the server will compute, and which field a server's error stands beside. No
// Vue, no requests: unit-tested in agreementForm.test.ts.
import type { AgreementEdit, NetworkAgreement } from '@/api/network'
import type { ErrorDetail } from '@/api/types'
import { whole } from '../new/form'
import { fieldIn, type Say } from './forms'

export const DEFAULT_NOTICE_DAYS = 180
export const MAX_NOTICE_DAYS = 730
/** The server's largest signed copy (kMaxFileBytes). */
export const MAX_FILE_BYTES = 10 * 1024 * 1024
/** How a PDF begins (ISO 32000-1 §7.5.2): the server judges the copy by it. */
export const PDF_MAGIC = '%PDF-'

export interface AgreementForm {
  title_zh: string
  title_en: string
  signed_on: string
  /** Empty: open-ended. */
  expires_on: string
  renewal_notice_days: string
}

export const emptyAgreement = (): AgreementForm => ({
  title_zh: '', title_en: '', signed_on: '', expires_on: '', renewal_notice_days: String(DEFAULT_NOTICE_DAYS),
})

/** The form filled from an agreement to edit: an open-ended one's expiry empty, its notice as recorded. */
export const agreementFormOf = (a: NetworkAgreement): AgreementForm => ({
  title_zh: a.title_zh, title_en: a.title_en, signed_on: a.signed_on, expires_on: a.expires_on ?? '', renewal_notice_days: String(a.renewal_notice_days),
})

/** The form's fields, in the order shown: an error stands beside the one it names. */
export const AGREEMENT_FIELDS = ['title_zh', 'title_en', 'signed_on', 'expires_on', 'renewal_notice_days', 'file'] as const
export type AgreementField = (typeof AGREEMENT_FIELDS)[number]
/** The upload's query names the copy `filename`: its error stands beside the file. */
export const agreementFieldOf = (d: ErrorDetail) => fieldIn(AGREEMENT_FIELDS, d, { filename: 'file' })

/** Today in China (UTC+8 all year: no daylight saving since 1991), `YYYY-MM-DD`, as the server judges a signing date. */
export function todayInChina(now: Date = new Date()): string {
  return new Date(now.getTime() + 8 * 3600e3).toISOString().slice(0, 10)
}

const DAY = /^\d{4}-\d{2}-\d{2}$/

/** `days` calendar days before `day` (`YYYY-MM-DD`): the renewal's deadline as the server sets it; null when either is no day or number. */
export function renewalDueOn(day: string, days: number): string | null {
  if (!DAY.test(day) || !Number.isInteger(days)) return null
  const t = Date.parse(`${day}T00:00:00Z`)
  if (Number.isNaN(t)) return null
  return new Date(t - days * 86400e3).toISOString().slice(0, 10)
}

/** The notice typed, as a number of days: undefined when empty, NaN when it is no whole number in 1…730. */
export function noticeDays(text: string): number | undefined {
  const n = whole(text)
  if (n === undefined || Number.isNaN(n)) return n
  return n >= 1 && n <= MAX_NOTICE_DAYS ? n : NaN
}

/** The request's body — an edit's whole; a new agreement's once its city is added —, or the form's own problems (then nothing is sent). */
export function agreementBody(f: AgreementForm, today: string, say: Say<AgreementField>): { body: AgreementEdit | null; details: ErrorDetail[] } {
  const details: ErrorDetail[] = []
  const title_zh = f.title_zh.trim()
  const title_en = f.title_en.trim()
  if (!title_zh) details.push(say('title_zh', 'required'))
  if (!title_en) details.push(say('title_en', 'required'))
  if (!f.signed_on) details.push(say('signed_on', 'required'))
  else if (f.signed_on > today) details.push(say('signed_on', 'signedFuture'))
  if (f.expires_on && f.signed_on && f.expires_on <= f.signed_on) details.push(say('expires_on', 'expiresBeforeSigned'))
  // the notice matters only for a term: an open-ended agreement has no renewal
  const notice = f.expires_on ? noticeDays(f.renewal_notice_days) : undefined
  if (Number.isNaN(notice)) details.push(say('renewal_notice_days', 'notice', { max: MAX_NOTICE_DAYS }))
  if (details.length) return { body: null, details }
  const body: AgreementEdit = { title_zh, title_en, signed_on: f.signed_on }
  if (f.expires_on) body.expires_on = f.expires_on
  if (notice !== undefined) body.renewal_notice_days = notice
  return { body, details: [] }
}

/** What the server would say of a signed copy, from its name, size and first bytes: null when it would take it. */
export function copyProblem(name: string, size: number, head: string): 'pdf' | 'tooLarge' | 'name' | null {
  if (!name || name.length > 255 || /[/\\]/.test(name)) return 'name'
  if (!name.toLowerCase().endsWith('.pdf') || !head.startsWith(PDF_MAGIC)) return 'pdf'
  if (size > MAX_FILE_BYTES) return 'tooLarge'
  return null
}

/**
 * The file chosen in a file input, the input emptied (so that the same file may be chosen again),
 * and what copyProblem finds wrong with it; null when none was chosen.
 */
export async function chosenPdf(e: Event): Promise<{ file: File; wrong: ReturnType<typeof copyProblem> } | null> {
  const el = e.target as HTMLInputElement
  const file = el.files?.[0]
  el.value = ''
  if (!file) return null
  return { file, wrong: copyProblem(file.name, file.size, await file.slice(0, PDF_MAGIC.length).text()) }
}
