// The visa module's API: the public catalog of destinations (consulate, kinds, fees, processing
// time, checklist), the admin's change of a destination with its history, the batches of
// passports to the consulates with their results, and the passports back and not collected.
// An application is a case (api/cases.ts); its checklist documents are attachments in slots.
import { request, uploadRaw } from './request'
import type { Attachment } from './types'
import type { components, operations } from './schema'

export type VisaDestination = components['schemas']['VisaDestination']
export type VisaKind = VisaDestination['kinds'][number]
export type VisaKindName = VisaKind['kind']
export type Entries = VisaKind['entries']
export type VisaBatch = components['schemas']['VisaBatch']
export type VisaBatchItem = NonNullable<VisaBatch['items']>[number]
export type BatchState = VisaBatch['state']
export type DestinationUpdate = operations['putVisaDestination']['requestBody']['content']['application/json']
export type KindUpdate = DestinationUpdate['kinds'][number]
export type Currency = KindUpdate['visa_fee']['currency']
export type Slot = KindUpdate['documents'][number]
export type DestinationChange =
  operations['listVisaDestinationHistory']['responses'][200]['content']['application/json']['items'][number]
export type BatchResult = operations['recordVisaBatchResults']['requestBody']['content']['application/json']['results'][number]
export type Uncollected =
  operations['listUncollectedPassports']['responses'][200]['content']['application/json']['items'][number]

export const CURRENCIES: Currency[] = ['CNY', 'EUR', 'USD', 'GBP', 'AUD', 'CAD', 'NZD', 'JPY', 'CHF', 'INR']
export const ENTRIES: Entries[] = ['single', 'double', 'multiple']
export const KINDS: VisaKindName[] = ['tourism', 'business', 'family', 'study', 'work', 'transit']
export const BATCH_STATES: BatchState[] = ['open', 'sent', 'partly_returned', 'returned', 'cancelled']

/** What the server adds to a visa application it reads (its `decorate` hook). */
export interface VisaCaseMembers {
  consulate: { zh: string; en: string } | null
  sole_agency: boolean
  processing_days: number | null
  visa_fee: { amount: number; currency: string } | null
  agency_fee: { amount: number; currency: string } | null
  /** The fees taken on acceptance (else the catalog's today). */
  fees_recorded: boolean
  /** Its latest batch to the consulate (a cancelled one is no longer its). */
  batch: { id: number; number: string; state: BatchState; dispatch_date: string } | null
}

// the catalog (public to read)
export const listCatalog = () => request<{ items: VisaDestination[] }>('/visa/catalog')
export const getDestination = (country: string) =>
  request<VisaDestination>(`/visa/catalog/${encodeURIComponent(country)}`, { silent: true })
// the admin
export const putDestination = (country: string, body: DestinationUpdate) =>
  request<VisaDestination>(`/visa/catalog/${encodeURIComponent(country)}`, { method: 'PUT', body, silent: true })
export const getDestinationHistory = (country: string) =>
  request<{ items: DestinationChange[] }>(`/visa/catalog/${encodeURIComponent(country)}/history`)

// the visa desk (the auditor reads)
export const listBatches = () => request<{ items: VisaBatch[] }>('/visa/batches')
export const getBatch = (id: number) => request<VisaBatch>(`/visa/batches/${id}`, { silent: true })
export const createBatch = (body: { country: string; dispatch_date: string; cases: number[] }) =>
  request<VisaBatch>('/visa/batches', { method: 'POST', body, silent: true })
export const sendBatch = (id: number) => request<VisaBatch>(`/visa/batches/${id}/send`, { method: 'POST', silent: true })
/** Gives up an open batch: its applications are free for another batch (409 once it is sent). */
export const cancelBatch = (id: number) => request<VisaBatch>(`/visa/batches/${id}/cancel`, { method: 'POST', silent: true })
export const recordResults = (id: number, results: BatchResult[]) =>
  request<VisaBatch>(`/visa/batches/${id}/results`, { method: 'POST', body: { results }, silent: true })
export const dispatchUrl = (id: number, format: 'pdf' | 'xlsx', lang?: 'zh' | 'en') =>
  `/api/v1/visa/batches/${id}/dispatch.${format}${format === 'xlsx' && lang ? `?lang=${lang}` : ''}`
export const listUncollected = () => request<{ items: Uncollected[] }>('/visa/uncollected')

/** A document of the checklist, uploaded into its slot (the case's attachment of that kind). */
export const uploadToSlot = (caseId: number, slot: string, file: File, onProgress: (pct: number) => void) =>
  uploadRaw<Attachment>(`/cases/${caseId}/attachments?filename=${encodeURIComponent(file.name)}&kind=${encodeURIComponent(slot)}`, file, onProgress)
