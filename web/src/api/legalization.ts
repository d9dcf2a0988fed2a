// The legalization module's API: the route a destination takes (apostille or consular
// legalization, and why), the Apostille Convention's table of destinations and its history.
// A case's documents are the core's sub-records (api/cases.ts).
import { request } from './request'
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
  reason: string
}

export const getRoute = (destination: string) =>
  request<RouteDecision>('/legalization/route', { query: { destination }, silent: true })
export const listDestinations = () => request<{ items: Destination[] }>('/legalization/destinations')
export const putDestination = (country: string, body: DestinationUpdate) =>
  request<Destination>(`/legalization/destinations/${encodeURIComponent(country)}`, { method: 'PUT', body, silent: true })
export const getDestinationHistory = (country: string) =>
  request<{ items: DestinationChange[] }>(`/legalization/destinations/${encodeURIComponent(country)}/history`)
