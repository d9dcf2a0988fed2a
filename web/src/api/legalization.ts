// The legalization module's API: the route a destination takes (apostille or consular
// legalization, and why), the Apostille Convention's table of destinations and its history.
// A case's documents are the core's sub-records (api/cases.ts). The batches of authenticated
// documents the desk takes to an embassy or consulate, and their dispatch lists.
import { fileNameOf } from './download'
import { ApiError, buildQuery, parseError, request, showError } from './request'
import { i18n } from '@/i18n'
import { saveBlob } from '@/utils/save'
import type { components, operations } from './schema'

export type Destination = components['schemas']['LegalizationDestination']
export type LegalizationRoute = NonNullable<Destination['route']>
export type RouteDecision =
  operations['getLegalizationRoute']['responses'][200]['content']['application/json']
export type DestinationChange =
  operations['listLegalizationDestinationHistory']['responses'][200]['content']['application/json']['items'][number]

/** What the admin may change of a destination, with the reason kept in its history. */
export interface DestinationUpdate {
  party_since: string | null
  objects_to_china: boolean
  note_zh?: string
  note_en?: string
  /** The embassy or consulate that legalizes documents for it, in each language ('' for none). */
  post_zh?: string
  post_en?: string
  reason: string
}

export const getRoute = (destination: string) =>
  request<RouteDecision>('/legalization/route', { query: { destination }, silent: true })
export const listDestinations = () => request<{ items: Destination[] }>('/legalization/destinations')
export const putDestination = (country: string, body: DestinationUpdate) =>
  request<Destination>(`/legalization/destinations/${encodeURIComponent(country)}`, { method: 'PUT', body, silent: true })
export const getDestinationHistory = (country: string) =>
  request<{ items: DestinationChange[] }>(`/legalization/destinations/${encodeURIComponent(country)}/history`)

// ---- batches to embassies (src/legalization/batches.cpp): the desk builds, sends and returns
// them; the auditor reads them

export type Batch = components['schemas']['LegalizationBatch']
export type BatchState = Batch['state']
export type BatchItem = NonNullable<Batch['items']>[number]
export type DispatchFormat = 'pdf' | 'xlsx'

/** One document the embassy refused, with its reason (every other document is legalized). */
export interface Refusal { document: number; reason: string }

export const listBatches = () => request<{ items: Batch[] }>('/legalization/batches')
export const getBatch = (id: number) => request<Batch>(`/legalization/batches/${id}`, { silent: true })
/** Without `post`, the batch goes to the embassy or consulate on record for the destination. */
export const createBatch = (body: { country: string; post?: string; documents: number[] }) =>
  request<Batch>('/legalization/batches', { method: 'POST', body, silent: true })
export const sendBatch = (id: number) =>
  request<Batch>(`/legalization/batches/${id}/send`, { method: 'POST', silent: true })
/** Gives up an open batch: its documents are free for another batch (409 once it is sent). */
export const cancelBatch = (id: number) =>
  request<Batch>(`/legalization/batches/${id}/cancel`, { method: 'POST', silent: true })
export const returnBatch = (id: number, refused: Refusal[]) =>
  request<Batch>(`/legalization/batches/${id}/return`, { method: 'POST', body: { refused }, silent: true })

/** The dispatch list's address; the workbook's headers in the UI's language. */
export function dispatchUrl(id: number, format: DispatchFormat): string {
  const lang = String(i18n.global.locale.value).startsWith('en') ? 'en' : 'zh'
  return `/api/v1/legalization/batches/${id}/dispatch.${format}${format === 'xlsx' ? buildQuery({ lang }) : ''}`
}

/**
 * Downloads the dispatch list under the server's file name; a refusal (403, 404) is shown like
 * any other API error rather than opened as a page.
 */
export async function downloadDispatch(id: number, format: DispatchFormat): Promise<void> {
  let res: Response
  try {
    res = await fetch(dispatchUrl(id, format), { headers: { 'Accept-Language': String(i18n.global.locale.value) }, credentials: 'same-origin' })
  } catch {
    const m = i18n.global.t('common.error.network')
    const err = new ApiError(0, 'network', m, m)
    showError(err)
    throw err
  }
  if (!res.ok) {
    const err = await parseError(res.status, await res.text())
    showError(err)
    throw err
  }
  saveBlob(await res.blob(), fileNameOf(res.headers.get('content-disposition'), `dispatch-${id}.${format}`))
}
