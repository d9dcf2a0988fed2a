// Filters (kept in the URL so lists can be linked to), paging and loading of a case list.
import { reactive, ref, watch } from 'vue'
import { useRoute, useRouter } from 'vue-router'
import { listCases, type CaseQuery } from '@/api/cases'
import type { CaseSummary } from '@/api/types'
import { latestOnly } from '@/utils/latest'

export interface ListFilters {
  state: string
  q: string
  overdue: boolean
  mine: boolean
  /** The yes/no filters modules add (modules/list-filters.ts), by query parameter. */
  flags: Record<string, boolean>
  /** `due`, `-updated`, or '' while searching: the server's ranking (names first, then recency). */
  sort: string
  orgId: string
  /** A destination, ISO 3166-1 alpha-2 (`DE`), or ''. */
  country: string
  /** The month of submission `YYYY-MM`, or ''. */
  month: string
  page: number
  pageSize: number
}

/** `de` → `DE`; anything but two letters → '' (the server would refuse it with 400 invalid_query). */
export function normalizeCountry(v: string): string {
  const c = v.trim().toUpperCase()
  return /^[A-Z]{2}$/.test(c) ? c : ''
}

/** `2026-10` stays; anything but a real `YYYY-MM` month → ''. */
export function normalizeMonth(v: string): string {
  const m = v.trim()
  return /^\d{4}-(0[1-9]|1[0-2])$/.test(m) ? m : ''
}

export function filtersFromQuery(q: Record<string, unknown>, defaultSort: string, flagParams: readonly string[] = []): ListFilters {
  const s = (k: string) => (typeof q[k] === 'string' ? (q[k] as string) : '')
  return {
    state: s('state'),
    q: s('q'),
    overdue: s('overdue') === 'true',
    mine: s('assigned_to') === 'me',
    flags: Object.fromEntries(flagParams.map((p) => [p, s(p) === 'true'])),
    sort: s('sort') || (s('q').trim() ? '' : defaultSort),
    orgId: s('org_id'),
    country: normalizeCountry(s('country')),
    month: normalizeMonth(s('month')),
    page: Math.max(1, parseInt(s('page') || '1', 10) || 1),
    pageSize: [10, 20, 50, 100].includes(parseInt(s('page_size'), 10)) ? parseInt(s('page_size'), 10) : 20,
  }
}

/** The API query: the list's case type, the filters, and each flag that is on as `param=true`. */
export function toApiQuery(f: ListFilters, type: string): CaseQuery & Record<string, string | number | boolean | undefined> {
  return {
    ...Object.fromEntries(Object.entries(f.flags).filter(([, on]) => on).map(([p]) => [p, true])),
    type,
    state: f.state || undefined,
    q: f.q.trim() || undefined,
    overdue: f.overdue || undefined,
    assigned_to: f.mine ? 'me' : undefined,
    sort: f.sort || undefined,
    org_id: f.orgId || undefined,
    country: f.country || undefined,
    month: f.month || undefined,
    page: f.page,
    page_size: f.pageSize,
  }
}

export function toRouteQuery(f: ListFilters, defaultSort: string): Record<string, string> {
  const q: Record<string, string> = {}
  if (f.state) q.state = f.state
  if (f.q.trim()) q.q = f.q.trim()
  if (f.overdue) q.overdue = 'true'
  if (f.mine) q.assigned_to = 'me'
  for (const [p, on] of Object.entries(f.flags)) if (on) q[p] = 'true'
  if (f.q.trim() ? f.sort : f.sort && f.sort !== defaultSort) q.sort = f.sort
  if (f.orgId) q.org_id = f.orgId
  if (f.country) q.country = f.country
  if (f.month) q.month = f.month
  if (f.page > 1) q.page = String(f.page)
  if (f.pageSize !== 20) q.page_size = String(f.pageSize)
  return q
}

export function useCaseList(type: string, defaultSort: string, flagParams: readonly string[] = []) {
  const route = useRoute()
  const router = useRouter()
  const filters = reactive(filtersFromQuery(route.query, defaultSort, flagParams))
  const items = ref<CaseSummary[]>([])
  const total = ref(0)
  /** The server stopped counting at `total` (a broad filter or search): shown as "200+". */
  const capped = ref(false)
  const loading = ref(false)

  // Only the latest answer shows: a broad search still running must not replace, when it
  // answers late, the list of the filter chosen after it.
  const listLatest = latestOnly(listCases, loading)
  async function load() {
    const answer = await listLatest(toApiQuery(filters, type))
    if (!answer.current) return
    const r = answer.value
    items.value = r?.items ?? []
    total.value = r?.total ?? 0
    capped.value = r?.total_capped ?? false
  }

  /** Applies the filters: back to page 1 unless only the page changed. */
  function apply(resetPage = true) {
    if (resetPage) filters.page = 1
    // A new search is ranked by the server unless a sort was chosen; no search, no ranking.
    const searching = filters.q.trim() !== ''
    if (searching && resetPage && filters.sort === defaultSort && !route.query.q) filters.sort = ''
    if (!searching && !filters.sort) filters.sort = defaultSort
    router.replace({ query: toRouteQuery(filters, defaultSort) })
  }

  watch(() => route.query, (q) => { Object.assign(filters, filtersFromQuery(q, defaultSort, flagParams)); load() })
  load()
  return { filters, items, total, capped, loading, load, apply }
}
