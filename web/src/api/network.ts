// The sister-city network's API: the registry of partner cities — listed by
// continent, country, tier and status, read one by one, added by the office's staff (a city
// already there by country and English name answers 409 naming name_en) — and its figures. The
// office's staff and the auditor read; officers and approvers add; anyone else is refused (403).
import { request } from './request'
import type { components, operations } from './schema'
import type { Page } from './types'

export type NetworkCity = components['schemas']['NetworkCity']
export type Tier = NetworkCity['tier']
export type CityStatus = NetworkCity['status']
export type Continent = NetworkCity['continent']
export type NewCity = operations['createPartnerCity']['requestBody']['content']['application/json']
export type NetworkStats = operations['networkStats']['responses'][200]['content']['application/json']
export type CityQuery = NonNullable<operations['listPartnerCities']['parameters']['query']>

/** The list's filters are exact matches; an empty one is left out. */
export const listCities = (query: CityQuery) =>
  request<Page<NetworkCity>>('/network/cities', { query: { ...query }, silent: true })

/** The server's largest page (core/http/params.h). */
export const MAX_PAGE_SIZE = 100

/** Every city of the registry (all pages, in the order established), for the network's map. */
export async function listAllCities(): Promise<NetworkCity[]> {
  const out: NetworkCity[] = []
  for (let page = 1; ; page++) {
    const r = await listCities({ page, page_size: MAX_PAGE_SIZE })
    out.push(...r.items)
    if (r.items.length === 0 || out.length >= r.total) return out
  }
}

export const getCity = (id: number) => request<NetworkCity>(`/network/cities/${id}`, { silent: true })

/** Errors are the caller's: a 422 names each bad field, a 409 (network.duplicate) names name_en. */
export const createCity = (body: NewCity) =>
  request<NetworkCity>('/network/cities', { method: 'POST', body, silent: true })

export const networkStats = () => request<NetworkStats>('/network/stats', { silent: true })
