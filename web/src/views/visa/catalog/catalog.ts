// The catalog table's search and kind filter, and what a change of a destination changed (its
// history). Pure: unit-tested in catalog.test.ts.
import type { VisaDestination } from '@/api/visa'

/** Matches the code exactly, or a part of the Chinese or English name (any case). */
export function matchesCountry(d: Pick<VisaDestination, 'country' | 'name'>, q: string): boolean {
  const s = q.trim().toLowerCase()
  if (!s) return true
  return d.country.toLowerCase() === s || d.name.zh.includes(q.trim()) || d.name.en.toLowerCase().includes(s)
}

/** The destinations matching the search that issue this kind of visa ('' : any kind). */
export function filterCatalog<T extends Pick<VisaDestination, 'country' | 'name' | 'kinds'>>(items: T[], q: string, kind: string): T[] {
  return items.filter((d) => matchesCountry(d, q) && (!kind || d.kinds.some((k) => k.kind === kind)))
}

/** A kind of visa as a change of the catalog records it (the agency fee in fen). */
export interface KindValues {
  kind: string
  entries: string
  visa_fee: { amount: number; currency: string }
  agency_fee: number
  processing_days: number
  documents: string[]
}

/** A destination as a change of the catalog records it, before and after. */
export interface DestinationValues {
  consulate_zh: string
  consulate_en: string
  sole_agency: boolean
  note_zh: string
  note_en: string
  kinds: KindValues[]
}

export const DESTINATION_MEMBERS = ['consulate_zh', 'consulate_en', 'sole_agency', 'note_zh', 'note_en'] as const
export type DestinationMember = (typeof DESTINATION_MEMBERS)[number]
export const KIND_MEMBERS = ['entries', 'visa_fee', 'agency_fee', 'processing_days'] as const
export type KindMember = (typeof KIND_MEMBERS)[number]

export type Change =
  | { what: 'created' }
  | { what: 'member'; member: DestinationMember; before: unknown; after: unknown }
  | { what: 'kind_added' | 'kind_removed'; kind: string }
  | { what: 'kind_member'; kind: string; member: KindMember; before: unknown; after: unknown }
  | { what: 'documents'; kind: string; added: string[]; removed: string[] }

const same = (a: unknown, b: unknown) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null)

/**
 * What a change changed, in a stable order: the destination's own members, then each kind
 * (kinds of before first, in their order, then the kinds added). A change that only reordered
 * the kinds changed nothing shown here. `before` null: the destination was added.
 */
export function changesOf(before: Partial<DestinationValues> | null, after: Partial<DestinationValues>): Change[] {
  if (!before) return [{ what: 'created' }]
  const out: Change[] = []
  for (const member of DESTINATION_MEMBERS) {
    if (!same(before[member], after[member])) out.push({ what: 'member', member, before: before[member] ?? null, after: after[member] ?? null })
  }
  const was = before.kinds ?? []
  const now = after.kinds ?? []
  for (const k of was) {
    const n = now.find((x) => x.kind === k.kind)
    if (!n) { out.push({ what: 'kind_removed', kind: k.kind }); continue }
    for (const member of KIND_MEMBERS) {
      if (!same(k[member], n[member])) out.push({ what: 'kind_member', kind: k.kind, member, before: k[member], after: n[member] })
    }
    const added = (n.documents ?? []).filter((s) => !(k.documents ?? []).includes(s))
    const removed = (k.documents ?? []).filter((s) => !(n.documents ?? []).includes(s))
    if (added.length || removed.length) out.push({ what: 'documents', kind: k.kind, added, removed })
  }
  for (const n of now) if (!was.some((k) => k.kind === n.kind)) out.push({ what: 'kind_added', kind: n.kind })
  return out
}
