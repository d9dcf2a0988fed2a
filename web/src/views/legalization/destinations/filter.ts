// The destinations table's search and route filter, and what a history entry changed. Pure:
// unit-tested in filter.test.ts.
import type { Destination, DestinationChange } from '@/api/legalization'

/** 'all', a route, or 'not_served' (China itself, Taiwan: no document goes "abroad" there). */
export type RouteFilter = 'all' | 'apostille' | 'legalization' | 'not_served'

/** Matches the code exactly, or a part of the Chinese or English name (any case). */
export function matchesCountry(d: Destination, q: string): boolean {
  const s = q.trim().toLowerCase()
  if (!s) return true
  return d.country.toLowerCase() === s || d.name.zh.includes(q.trim()) || d.name.en.toLowerCase().includes(s)
}

export function matchesRoute(d: Destination, route: RouteFilter): boolean {
  if (route === 'all') return true
  if (route === 'not_served') return !d.served
  return d.served && d.route === route
}

export function filterDestinations(items: Destination[], q: string, route: RouteFilter): Destination[] {
  return items.filter((d) => matchesCountry(d, q) && matchesRoute(d, route))
}

/** The members a change touched, with their values before and after, in a stable order. */
export function changedValues(h: Pick<DestinationChange, 'before' | 'after'>): { name: string; before: unknown; after: unknown }[] {
  const names = [...new Set([...Object.keys(h.before ?? {}), ...Object.keys(h.after ?? {})])].sort()
  return names
    .map((name) => ({ name, before: (h.before as Record<string, unknown>)[name] ?? null, after: (h.after as Record<string, unknown>)[name] ?? null }))
    .filter((c) => JSON.stringify(c.before) !== JSON.stringify(c.after))
}
