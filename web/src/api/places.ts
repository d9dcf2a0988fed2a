// The gazetteer (the server's core/geo/places.h): cities and towns with their coordinates,
// searched by an English or Chinese name.
import { request } from './request'
import type { Place } from './types'

export interface PlaceSearch { country?: string; limit?: number }

/** The places whose name holds `q`, the most populous first; errors are the caller's to show. */
export const searchPlaces = (q: string, opts: PlaceSearch = {}) =>
  request<{ items: Place[] }>('/places', { query: { q, country: opts.country, limit: opts.limit }, silent: true })
export const getPlace = (id: number) => request<Place>(`/places/${id}`)
