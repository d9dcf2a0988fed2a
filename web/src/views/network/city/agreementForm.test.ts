import { describe, expect, it } from 'vitest'
import type { ErrorDetail } from '@/api/types'
import type { NetworkAgreement } from '@/api/network'
import { agreementBody, agreementFieldOf, agreementFormOf, copyProblem, emptyAgreement, noticeDays, renewalDueOn, todayInChina } from './agreementForm'

const say = (field: string, key: string, named?: Record<string, string | number>): ErrorDetail =>
  ({ field, rule: key, message: `${key} ${JSON.stringify(named ?? {})}`, message_zh: key })
const problems = (r: { details: ErrorDetail[] }) => r.details.map((d) => [d.field, d.rule])
const TODAY = '2026-12-04'

describe('the day in China', () => {
  it('is UTC+8: late evening in London is already tomorrow in Ningbo', () => {
    expect(todayInChina(new Date('2026-12-03T15:59:59Z'))).toBe('2026-12-03')
    expect(todayInChina(new Date('2026-12-03T16:00:00Z'))).toBe('2026-12-04')
  })
})

describe('the renewal\'s deadline', () => {
  it('falls the notice\'s calendar days before expiry, as the server sets it', () => {
    expect(renewalDueOn('2027-02-02', 120)).toBe('2026-10-05')
    expect(renewalDueOn('2028-03-01', 1)).toBe('2028-02-29')
    expect(renewalDueOn('2027-01-01', 0)).toBe('2027-01-01')
  })

  it('is none without a day or a number of days', () => {
    expect(renewalDueOn('', 180)).toBeNull()
    expect(renewalDueOn('2027-13-45', 180)).toBeNull()
    expect(renewalDueOn('2027-01-01', NaN)).toBeNull()
  })

  it('takes a notice of 1 to 730 whole days', () => {
    expect(noticeDays(' 90 ')).toBe(90)
    expect(noticeDays('')).toBeUndefined()
    for (const bad of ['0', '731', '1.5', 'abc', '-3']) expect(noticeDays(bad), bad).toBeNaN()
  })
})

describe('an agreement with a partner city, new or edited', () => {
  const aachen = {
    ...emptyAgreement(), title_zh: ' 宁波市与亚琛市专业人才培训合作备忘录 ', title_en: 'Training memorandum ', signed_on: '2022-03-15',
  }

  it('sends an open-ended one without expiry nor notice, titles trimmed, and no city (a new one\'s request adds it)', () => {
    expect(agreementBody(aachen, TODAY, say)).toEqual({
      body: { title_zh: '宁波市与亚琛市专业人才培训合作备忘录', title_en: 'Training memorandum', signed_on: '2022-03-15' }, details: [],
    })
  })

  it('sends one for a term with its expiry and notice', () => {
    expect(agreementBody({ ...aachen, expires_on: '2027-03-15', renewal_notice_days: '120' }, TODAY, say).body)
      .toMatchObject({ expires_on: '2027-03-15', renewal_notice_days: 120 })
    // the notice left empty: the server's default
    expect(agreementBody({ ...aachen, expires_on: '2027-03-15', renewal_notice_days: '' }, TODAY, say).body).not.toHaveProperty('renewal_notice_days')
  })

  it('refuses what the server would, beside each field, sending nothing', () => {
    expect(problems(agreementBody(emptyAgreement(), TODAY, say))).toEqual([['title_zh', 'required'], ['title_en', 'required'], ['signed_on', 'required']])
    expect(agreementBody({ ...aachen, title_en: '   ' }, TODAY, say).body).toBeNull()
    // signed today is fine, tomorrow is not
    expect(problems(agreementBody({ ...aachen, signed_on: TODAY }, TODAY, say))).toEqual([])
    expect(problems(agreementBody({ ...aachen, signed_on: '2026-12-05' }, TODAY, say))).toEqual([['signed_on', 'signedFuture']])
    // expiring on the day signed, or before
    for (const e of ['2022-03-15', '2021-01-01']) {
      expect(problems(agreementBody({ ...aachen, expires_on: e }, TODAY, say))).toEqual([['expires_on', 'expiresBeforeSigned']])
    }
    expect(problems(agreementBody({ ...aachen, expires_on: '2027-03-15', renewal_notice_days: '731' }, TODAY, say)))
      .toEqual([['renewal_notice_days', 'notice']])
    expect(agreementBody({ ...aachen, expires_on: '2027-03-15', renewal_notice_days: 'x' }, TODAY, say).details[0].message).toBe('notice {"max":730}')
  })

  it('ignores the notice of an open-ended agreement', () => {
    expect(problems(agreementBody({ ...aachen, renewal_notice_days: 'x' }, TODAY, say))).toEqual([])
  })

  it('puts the server\'s errors beside their fields, the copy\'s name beside the file', () => {
    const d = (field?: string): ErrorDetail => ({ field, rule: 'x', message: '', message_zh: '' })
    expect(agreementFieldOf(d('signed_on'))).toBe('signed_on')
    expect(agreementFieldOf(d('/expires_on'))).toBe('expires_on')
    expect(agreementFieldOf(d('file'))).toBe('file')
    expect(agreementFieldOf(d('filename'))).toBe('file')
    expect(agreementFieldOf(d('city_id'))).toBeNull()
    expect(agreementFieldOf(d())).toBeNull()
  })
})

describe('an agreement edited', () => {
  const recorded: NetworkAgreement = {
    id: 7, city: { id: 3, name_zh: '亚琛', name_en: 'Aachen', country: 'DE' }, title_zh: '宁波市与亚琛市专业人才培训合作备忘录',
    title_en: 'Training memorandum', signed_on: '2022-03-15', expires_on: '2027-03-15', renewal_notice_days: 120, renewal_due_on: '2026-11-15',
    reminded_on: '2026-11-15', state: 'renewal_due', file: null, created_at: '2022-03-20T08:00:00Z', updated_at: '2022-03-20T08:00:00Z',
  }

  it('fills the form as recorded, and sends it back unchanged when nothing is changed', () => {
    expect(agreementFormOf(recorded)).toEqual({
      title_zh: '宁波市与亚琛市专业人才培训合作备忘录', title_en: 'Training memorandum', signed_on: '2022-03-15', expires_on: '2027-03-15', renewal_notice_days: '120',
    })
    expect(agreementBody(agreementFormOf(recorded), TODAY, say).body).toEqual({
      title_zh: '宁波市与亚琛市专业人才培训合作备忘录', title_en: 'Training memorandum', signed_on: '2022-03-15', expires_on: '2027-03-15', renewal_notice_days: 120,
    })
  })

  it('leaves an open-ended one\'s expiry empty, and sends neither expiry nor notice', () => {
    const open = { ...recorded, expires_on: null, renewal_notice_days: 180, renewal_due_on: null, reminded_on: null, state: 'open_ended' as const }
    expect(agreementFormOf(open)).toMatchObject({ expires_on: '', renewal_notice_days: '180' })
    expect(agreementBody(agreementFormOf(open), TODAY, say).body).toEqual({
      title_zh: '宁波市与亚琛市专业人才培训合作备忘录', title_en: 'Training memorandum', signed_on: '2022-03-15',
    })
  })

  it('renews it with a later expiry, and refuses a signing date moved into the future as a new one would', () => {
    expect(agreementBody({ ...agreementFormOf(recorded), expires_on: '2032-03-15' }, TODAY, say).body).toMatchObject({ expires_on: '2032-03-15', renewal_notice_days: 120 })
    expect(problems(agreementBody({ ...agreementFormOf(recorded), signed_on: '2026-12-05' }, TODAY, say))).toEqual([['signed_on', 'signedFuture']])
  })
})

describe('the signed copy', () => {
  it('is a PDF by its name and its first bytes, at most 10 MB', () => {
    expect(copyProblem('memorandum.PDF', 12_345, '%PDF-')).toBeNull()
    expect(copyProblem('memorandum.pdf', 10 * 1024 * 1024, '%PDF-')).toBeNull()
    expect(copyProblem('memorandum.pdf', 10 * 1024 * 1024 + 1, '%PDF-')).toBe('tooLarge')
    expect(copyProblem('memorandum.docx', 100, 'PK\u0003\u0004')).toBe('pdf')
    expect(copyProblem('memorandum.pdf', 100, 'PK\u0003\u0004')).toBe('pdf')
    expect(copyProblem('scan.jpg', 100, '%PDF-')).toBe('pdf')
    expect(copyProblem('', 100, '%PDF-')).toBe('name')
    expect(copyProblem(`${'x'.repeat(252)}.pdf`, 100, '%PDF-')).toBe('name')
  })
})
