// The batches' pure logic: which destinations and documents may go in a new batch, the checks
// before a batch is created or its return recorded, and the server's refusals placed beside the
// document or field they name. Unit-tested in batch.test.ts.
import type { Batch, BatchItem, BatchState, Destination, Refusal } from '@/api/legalization'
import type { ErrorDetail, Role, Subrecord } from '@/api/types'
import { normalizePath } from '@/components/form/model'

export const BATCH_STATES: readonly BatchState[] = ['open', 'sent', 'returned', 'cancelled']
export const BATCH_STATE_TAG: Record<BatchState, 'warning' | 'primary' | 'success' | 'info'> = { open: 'warning', sent: 'primary', returned: 'success', cancelled: 'info' }
/** What the embassy did with a document (batch item `result`). */
export const RESULTS = ['legalized', 'refused'] as const
/** The document state a batch takes (legalization.json): authenticated by the office. */
export const AUTHENTICATED = 'authenticated'
/** The request body's bounds (batches.cpp: post 2–200 characters, 1–500 documents). */
export const POST_MIN = 2
export const POST_MAX = 200
export const DOCUMENTS_MAX = 500

/** The office desk whose staff build, send and return the batches (legalization.json `desk`). */
export const DESK = 'legalization'

/**
 * Whether a user may build, send and return batches: an officer or approver on the desk (the
 * server's rule, batches.cpp RequireDesk); anyone else who may open the screens only reads them.
 */
export function mayWork(user: { roles: readonly Role[]; desks?: readonly string[] } | null | undefined): boolean {
  return !!user && user.roles.some((r) => r === 'officer' || r === 'approver') && (user.desks ?? []).includes(DESK)
}

/** Says a problem in both languages: (catalogue key, named values) → {zh, en}. */
export type Say = (key: string, named?: Record<string, unknown>) => { zh: string; en: string }

/** What a new batch needs of a case in the desk's list (GET /cases, decorated by the module). */
export interface CaseRef {
  id: number
  number: string
  destination?: unknown
  route?: unknown
  documents_count?: unknown
}

/** A document that may go in a new batch, with its case. */
export interface Candidate {
  document: number
  case_id: number
  case_number: string
  kind: string
  holder: string
  issued_by: string
  copies: number
  /** The open batch it is already in (then it cannot be chosen). */
  taken_by: string | null
}

function hasDocuments(c: CaseRef): boolean {
  return typeof c.documents_count !== 'number' || c.documents_count > 0
}

/** The applications in progress for `country` that have documents. */
export function casesFor(cases: CaseRef[], country: string): CaseRef[] {
  return cases.filter((c) => c.destination === country && hasDocuments(c))
}

/** How many applications in progress (with documents) each destination has. */
export function pendingByDestination(cases: CaseRef[]): Map<string, number> {
  const out = new Map<string, number>()
  for (const c of cases) {
    if (typeof c.destination === 'string' && c.destination && hasDocuments(c)) out.set(c.destination, (out.get(c.destination) ?? 0) + 1)
  }
  return out
}

/**
 * The destinations a batch may go to: served and on the consular legalization route, those with
 * applications in progress first (most first), the others in the table's order.
 */
export function batchDestinations(all: Destination[], pending: Map<string, number>): (Destination & { pending: number })[] {
  return all
    .filter((d) => d.served && d.route === 'legalization')
    .map((d, i) => ({ ...d, pending: pending.get(d.country) ?? 0, i }))
    .sort((a, b) => b.pending - a.pending || a.i - b.i)
    .map(({ i: _i, ...d }) => d)
}

/** The documents of open batches: document → the batch's number. */
export function takenDocuments(batches: Batch[]): Map<number, string> {
  const out = new Map<number, string>()
  for (const b of batches) if (b.state === 'open') for (const i of b.items ?? []) out.set(i.document, b.number)
  return out
}

/** A case's authenticated documents as candidates, and how many of its others are not there yet. */
export function candidatesOf(c: CaseRef, subrecords: Subrecord[], taken: Map<number, string>): { rows: Candidate[]; earlier: number } {
  const rows: Candidate[] = []
  let earlier = 0
  for (const s of subrecords) {
    if (s.kind !== 'document') continue
    if (s.state === 'received' || s.state === 'checked') earlier++
    if (s.state !== AUTHENTICATED) continue
    const data = (s.data ?? {}) as Record<string, unknown>
    rows.push({
      document: s.id, case_id: c.id, case_number: c.number, kind: String(data.kind ?? ''), holder: String(data.holder ?? ''),
      issued_by: String(data.issued_by ?? ''), copies: typeof data.copies === 'number' ? data.copies : 1, taken_by: taken.get(s.id) ?? null,
    })
  }
  return { rows, earlier }
}

/**
 * The embassy or consulate on record for a destination, as a batch that names none is addressed
 * (batches.cpp PostOf): both names, Chinese first; '' when none is on record.
 */
export function postOnRecord(d: Pick<Destination, 'post'> | undefined): string {
  return [d?.post.zh ?? '', d?.post.en ?? ''].filter((name) => name !== '').join(' ')
}

/**
 * Where the new batch's post comes from: no destination chosen yet; the one on record, as it was
 * filled in; another the desk wrote instead of it; or the desk's own, none being on record.
 */
export type PostSource = 'none' | 'record' | 'changed' | 'missing'

export function postSource(country: string, post: string, onRecord: string): PostSource {
  if (!country) return 'none'
  if (!onRecord) return 'missing'
  return post.trim() === onRecord ? 'record' : 'changed'
}

/** A new batch's body: the post left out when it is the one on record (the server writes its own). */
export interface NewBatch { country: string; post?: string; documents: number[] }

export function newBatchBody(form: { country: string; post: string }, onRecord: string, documents: number[]): NewBatch {
  if (postSource(form.country, form.post, onRecord) === 'record') return { country: form.country, documents }
  return { country: form.country, post: form.post.trim(), documents }
}

/** The checks the server would make on the new batch's form, before anything is sent. */
export function checkNewBatch(form: NewBatch, say: Say): ErrorDetail[] {
  const out: ErrorDetail[] = []
  const problem = (field: string, rule: string, key: string, named: Record<string, unknown> = {}) => {
    const m = say(key, named)
    out.push({ field, rule, message: m.en, message_zh: m.zh })
  }
  if (!form.country) problem('country', 'required', 'legalization.batches.check.country')
  // without a post, the batch goes to the one on record: nothing to check
  if (form.post !== undefined) {
    const post = [...form.post.trim()].length
    if (!post) problem('post', 'required', 'legalization.batches.check.post')
    else if (post < POST_MIN) problem('post', 'min_length', 'legalization.check.tooShort', { n: POST_MIN })
    else if (post > POST_MAX) problem('post', 'max_length', 'legalization.check.tooLong', { n: POST_MAX })
  }
  if (!form.documents.length) problem('documents', 'min_items', 'legalization.batches.check.documents')
  else if (form.documents.length > DOCUMENTS_MAX) problem('documents', 'max_items', 'legalization.batches.check.tooMany', { n: DOCUMENTS_MAX })
  return out
}

/** Each document's mark in the return dialog. */
export interface ReturnMark { refused: boolean; reason: string }

/**
 * The return's body: the refused documents, in the batch's order, with their reasons trimmed;
 * and the refused documents left without a reason (then nothing is sent).
 */
export function refusalsOf(items: Pick<BatchItem, 'document'>[], marks: Record<number, ReturnMark>): { refused: Refusal[]; missing: number[] } {
  const refused: Refusal[] = []
  const missing: number[] = []
  for (const { document } of items) {
    const m = marks[document]
    if (!m?.refused) continue
    const reason = m.reason.trim()
    if (!reason) missing.push(document)
    refused.push({ document, reason })
  }
  return { refused, missing }
}

/** The server's details placed: on a document (documents[i], refused[i].…), on a field, or in general. */
export interface Placed {
  documents: Record<number, ErrorDetail[]>
  fields: Record<string, ErrorDetail[]>
  general: ErrorDetail[]
}

/**
 * Places details by their field: `<list>[i]` and `<list>[i].member` name the i-th document sent
 * (`sent[i]`); a field in `fields` stays on it; anything else is general.
 */
export function placeDetails(details: ErrorDetail[], list: 'documents' | 'refused', sent: number[], fields: string[] = []): Placed {
  const out: Placed = { documents: {}, fields: {}, general: [] }
  const indexed = new RegExp(`^${list}\\[(\\d+)\\](?:\\.|$)`)
  for (const d of details) {
    const path = normalizePath(d.field)
    const m = indexed.exec(path)
    const document = m ? sent[Number(m[1])] : undefined
    if (document !== undefined) (out.documents[document] ??= []).push(d)
    else if (fields.includes(path)) (out.fields[path] ??= []).push(d)
    else out.general.push(d)
  }
  return out
}

/** How many documents and copies a batch holds (as the dispatch list counts them). */
export function totals(items: Pick<BatchItem, 'copies'>[]): { documents: number; copies: number } {
  return { documents: items.length, copies: items.reduce((n, i) => n + (i.copies ?? 1), 0) }
}

/** Runs `fn` on each item, at most `limit` at a time; the results in the items' order. */
export async function mapLimit<T, R>(items: T[], limit: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const out: R[] = new Array(items.length)
  let next = 0
  const worker = async () => {
    while (next < items.length) {
      const i = next++
      out[i] = await fn(items[i])
    }
  }
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker))
  return out
}
