// A new batch offers the destinations taking legalization and their authenticated documents,
// checks its form as the server would, and places the server's refusals beside the document
// they name; a return sends the refused documents with their reasons.
import { describe, expect, it } from 'vitest'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import type { Batch, Destination } from '@/api/legalization'
import type { Subrecord } from '@/api/types'
import {
  BATCH_STATES, RESULTS, batchDestinations, mayWork, candidatesOf, casesFor, checkNewBatch, mapLimit, newBatchBody, pendingByDestination,
  placeDetails, postOnRecord, postSource, refusalsOf, takenDocuments, totals, type CaseRef, type Say,
} from './batch'

const say: Say = (key, named = {}) => ({ zh: `zh:${key}`, en: `${key} ${JSON.stringify(named)}` })
const dest = (country: string, route: Destination['route'], served = true): Destination => ({
  country, name: { zh: country, en: country }, route, served, party_since: null, objects_to_china: false, note: { zh: '', en: '' }, post: { zh: '', en: '' }, updated_at: null,
})
const kase = (id: number, destination: string, documents_count = 1): CaseRef => ({ id, number: `LG-2026-0000${id}`, destination, documents_count })
const sub = (id: number, state: string, data: Record<string, unknown> = {}, kind = 'document') =>
  ({ id, kind, state, data: { kind: 'birth', holder: '李明', issued_by: '海曙公证处', copies: 2, ...data }, allowed_actions: [] }) as unknown as Subrecord
const batch = (id: number, state: Batch['state'], documents: number[]): Batch => ({
  id, number: `LB-2026-000${id}`, country: 'IN', country_name: { zh: '印度', en: 'India' }, post: 'x', state, created_at: '', created_by: '',
  sent_at: null, returned_at: null, items: documents.map((document) => ({ document, case_id: 1, case_number: 'LG', kind: 'birth', holder: 'h', state: 'authenticated' })),
})

describe('the destinations and documents of a new batch', () => {
  it('offers the served destinations on the legalization route, those with applications in progress first', () => {
    const cases = [kase(1, 'VN'), kase(2, 'IN'), kase(3, 'VN'), kase(4, 'AE', 0), kase(5, 'DE')]
    const pending = pendingByDestination(cases)
    expect([...pending]).toEqual([['VN', 2], ['IN', 1], ['DE', 1]])
    const all = [dest('AE', 'legalization'), dest('DE', 'apostille'), dest('IN', 'legalization'), dest('CN', null, false), dest('VN', 'legalization')]
    expect(batchDestinations(all, pending).map((d) => [d.country, d.pending])).toEqual([['VN', 2], ['IN', 1], ['AE', 0]])
  })

  it('reads only the applications for the destination that have documents', () => {
    expect(casesFor([kase(1, 'IN'), kase(2, 'VN'), kase(3, 'IN', 0), { id: 4, number: 'x', destination: 'IN' }], 'IN').map((c) => c.id)).toEqual([1, 4])
  })

  it('keeps the authenticated documents, marks those in an open batch, counts those not yet there', () => {
    const taken = takenDocuments([batch(1, 'open', [12]), batch(2, 'sent', [13])])
    expect([...taken]).toEqual([[12, 'LB-2026-0001']])
    const { rows, earlier } = candidatesOf(kase(7, 'IN'), [
      sub(11, 'authenticated'), sub(12, 'authenticated', { copies: undefined }), sub(13, 'sent_to_embassy'),
      sub(14, 'checked'), sub(15, 'received'), sub(16, 'refused'), sub(17, 'authenticated', {}, 'other'),
    ], taken)
    expect(rows.map((r) => [r.document, r.case_id, r.case_number, r.copies, r.taken_by])).toEqual([
      [11, 7, 'LG-2026-00007', 2, null], [12, 7, 'LG-2026-00007', 1, 'LB-2026-0001'],
    ])
    expect(rows[0]).toMatchObject({ kind: 'birth', holder: '李明', issued_by: '海曙公证处' })
    expect(earlier).toBe(2)
  })

  it('counts documents and copies as the dispatch list does', () => {
    expect(totals([{ copies: 2 }, {}, { copies: 1 }])).toEqual({ documents: 3, copies: 4 })
  })
})

describe('checking a new batch before it is sent', () => {
  it('accepts a destination, a post and a document', () => {
    expect(checkNewBatch({ country: 'IN', post: '印度驻上海总领事馆', documents: [1] }, say)).toEqual([])
  })

  it('names the destination, the post and the documents when missing; the post is trimmed and counted in characters', () => {
    const errors = checkNewBatch({ country: '', post: '   ', documents: [] }, say)
    expect(errors.map((e) => [e.field, e.rule])).toEqual([['country', 'required'], ['post', 'required'], ['documents', 'min_items']])
    expect(errors[0].message_zh).toBe('zh:legalization.batches.check.country')
    expect(checkNewBatch({ country: 'IN', post: ' 馆 ', documents: [1] }, say).map((e) => e.rule)).toEqual(['min_length'])
    expect(checkNewBatch({ country: 'IN', post: '馆'.repeat(201), documents: [1] }, say).map((e) => e.rule)).toEqual(['max_length'])
    expect(checkNewBatch({ country: 'IN', post: '馆'.repeat(200), documents: Array.from({ length: 501 }, (_, i) => i) }, say).map((e) => e.rule)).toEqual(['max_items'])
  })

  it('checks nothing of a post left out: the server takes the one on record', () => {
    expect(checkNewBatch({ country: 'IN', documents: [1] }, say)).toEqual([])
  })
})

describe('the post of a new batch', () => {
  const INDIA = { zh: '印度驻上海总领事馆', en: 'Consulate General of India in Shanghai' }
  const ON_RECORD = '印度驻上海总领事馆 Consulate General of India in Shanghai'

  it('is the one on record in both names, Chinese first, as the server writes it; none when none is on record', () => {
    expect(postOnRecord({ post: INDIA })).toBe(ON_RECORD)
    expect(postOnRecord({ post: { zh: '', en: 'Embassy of Kuwait in Beijing' } })).toBe('Embassy of Kuwait in Beijing')
    expect(postOnRecord({ post: { zh: '', en: '' } })).toBe('')
    expect(postOnRecord(undefined)).toBe('')
  })

  it('says where it comes from: the record as filled in, another written over it, or the desk\'s own', () => {
    expect(postSource('', '', '')).toBe('none')
    expect(postSource('IN', ` ${ON_RECORD} `, ON_RECORD)).toBe('record')
    expect(postSource('IN', '印度驻华大使馆', ON_RECORD)).toBe('changed')
    expect(postSource('IN', '', ON_RECORD)).toBe('changed')
    expect(postSource('QA', '卡塔尔驻华大使馆', '')).toBe('missing')
  })

  it('is left out of the body when it is the one on record, sent trimmed otherwise', () => {
    expect(newBatchBody({ country: 'IN', post: ON_RECORD }, ON_RECORD, [1])).toEqual({ country: 'IN', documents: [1] })
    expect('post' in newBatchBody({ country: 'IN', post: ON_RECORD }, ON_RECORD, [1])).toBe(false)
    expect(newBatchBody({ country: 'IN', post: ' 印度驻华大使馆 ' }, ON_RECORD, [1])).toEqual({ country: 'IN', post: '印度驻华大使馆', documents: [1] })
    expect(newBatchBody({ country: 'QA', post: '' }, '', [2])).toEqual({ country: 'QA', post: '', documents: [2] })
  })
})

describe('the server\'s refusals placed', () => {
  const detail = (field: string | undefined, rule = 'x') => ({ field, rule, message: rule, message_zh: rule })

  it('puts documents[i] on the i-th document sent, known fields on their field, the rest in general', () => {
    const placed = placeDetails([
      detail('documents[1]', 'legalization.batch_state'), detail('documents[0]', 'legalization.batch_taken'), detail('country', 'legalization.batch_route'),
      detail('documents', 'min_items'), detail('documents[9]'), detail(undefined, 'conflict'),
    ], 'documents', [31, 32], ['country', 'post', 'documents'])
    expect(Object.fromEntries(Object.entries(placed.documents).map(([k, v]) => [k, v.map((d) => d.rule)]))).toEqual({
      31: ['legalization.batch_taken'], 32: ['legalization.batch_state'],
    })
    expect(Object.keys(placed.fields).sort()).toEqual(['country', 'documents'])
    expect(placed.general.map((d) => d.rule)).toEqual(['x', 'conflict'])
  })

  it('puts refused[i].document and refused[i].reason on the i-th refused document', () => {
    const placed = placeDetails([detail('refused[0].document', 'legalization.batch_member'), detail('/refused/1/reason', 'required')], 'refused', [5, 8])
    expect(Object.keys(placed.documents)).toEqual(['5', '8'])
    expect(placed.general).toEqual([])
  })
})

describe('recording a return', () => {
  const items = [{ document: 1 }, { document: 2 }, { document: 3 }]

  it('sends nothing refused when nothing is marked: every document is legalized', () => {
    expect(refusalsOf(items, { 1: { refused: false, reason: 'ignored' } })).toEqual({ refused: [], missing: [] })
  })

  it('sends the refused documents in the batch\'s order with their reasons trimmed; a blank reason is missing', () => {
    const r = refusalsOf(items, { 3: { refused: true, reason: ' 印章不清 ' }, 1: { refused: true, reason: '  ' }, 2: { refused: false, reason: '' } })
    expect(r.refused).toEqual([{ document: 1, reason: '' }, { document: 3, reason: '印章不清' }])
    expect(r.missing).toEqual([1])
  })
})

describe('requests a few at a time', () => {
  it('keeps the order and never runs more than the limit at once', async () => {
    let running = 0
    let most = 0
    const out = await mapLimit([5, 1, 4, 2, 3], 2, async (n) => {
      running++
      most = Math.max(most, running)
      await new Promise((r) => setTimeout(r, n))
      running--
      return n * 10
    })
    expect(out).toEqual([50, 10, 40, 20, 30])
    expect(most).toBe(2)
    expect(await mapLimit([], 4, async () => 1)).toEqual([])
  })
})

describe('who works the batches', () => {
  it('is an officer or approver on the legalization desk; the auditor and other desks only read', () => {
    expect(mayWork({ roles: ['officer'], desks: ['travel', 'legalization'] })).toBe(true)
    expect(mayWork({ roles: ['approver'], desks: ['legalization'] })).toBe(true)
    expect(mayWork({ roles: ['officer'], desks: ['visa'] })).toBe(false)
    expect(mayWork({ roles: ['auditor'], desks: ['legalization'] })).toBe(false)
    expect(mayWork({ roles: ['officer'] })).toBe(false)
    expect(mayWork(null)).toBe(false)
  })
})

describe('the batches\' labels built from values', () => {
  it('exist in both catalogues for every state and result', () => {
    for (const lang of ['zh-CN', 'en-US']) {
      const cat = JSON.parse(readFileSync(join(__dirname, '..', '..', '..', 'locales', lang, 'legalization.json'), 'utf8'))
      for (const s of BATCH_STATES) expect(cat.batches.state[s], `${lang} state ${s}`).toBeTruthy()
      for (const r of RESULTS) expect(cat.batches.result[r], `${lang} result ${r}`).toBeTruthy()
    }
  })
})
