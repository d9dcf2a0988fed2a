// A partner city's relationship over time, the pure part: the day the relation was established,
// each project's start and each exchange, newest first — one list, as the city's page reads it
// out. A project not started yet has no day and is left out. No Vue, no requests: unit-tested.
import type { NetworkCity, NetworkExchange, NetworkProject } from '@/api/network'

export type Moment =
  | { kind: 'established'; date: string; key: string }
  | { kind: 'project'; date: string; key: string; project: NetworkProject }
  | { kind: 'exchange'; date: string; key: string; exchange: NetworkExchange }

/** On the same day, what happened later in the relation's life comes first. */
const RANK: Record<Moment['kind'], number> = { exchange: 0, project: 1, established: 2 }

/** The moments of the relation, newest first (dates are YYYY-MM-DD: they sort as text). */
export function timeline(city: Pick<NetworkCity, 'established'>, projects: NetworkProject[], exchanges: NetworkExchange[]): Moment[] {
  const moments: Moment[] = [
    { kind: 'established', date: city.established, key: 'established' },
    ...projects.filter((p) => p.started).map((p) => ({ kind: 'project' as const, date: p.started as string, key: `project-${p.id}`, project: p })),
    ...exchanges.map((e) => ({ kind: 'exchange' as const, date: e.starts_on, key: `exchange-${e.id}`, exchange: e })),
  ]
  return moments.sort((a, b) => (a.date === b.date ? RANK[a.kind] - RANK[b.kind] : a.date < b.date ? 1 : -1))
}
