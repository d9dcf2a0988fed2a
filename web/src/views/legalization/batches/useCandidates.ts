// What a new batch is built from, found through the lists the desk already has: the
// applications in progress (GET /cases?type=legalization&state=received, a few pages at most),
// then, for the chosen destination, each application's documents (GET /cases/{id}/subrecords,
// a bounded number of applications, a few at a time) and the open batches of that destination
// (their documents cannot be chosen again). The server checks every document again.
import { computed, ref } from 'vue'
import { listCases, listSubrecords } from '@/api/cases'
import { getBatch, listBatches } from '@/api/legalization'
import { candidatesOf, casesFor, mapLimit, pendingByDestination, takenDocuments, type Candidate, type CaseRef } from './batch'

/** Pages of 100 applications in progress read at most (the oldest beyond them are not offered). */
export const MAX_PAGES = 5
/** Applications of one destination whose documents are read at most. */
export const MAX_CASES = 60
/** Requests at a time. */
const PARALLEL = 4

export function useCandidates() {
  const cases = ref<CaseRef[]>([])
  /** More applications in progress than were read. */
  const casesCapped = ref(false)
  const loadingCases = ref(false)
  const rows = ref<Candidate[]>([])
  /** Documents of these applications at an earlier step (not yet authenticated). */
  const earlier = ref(0)
  /** More applications for the destination than were read. */
  const docsCapped = ref(false)
  const loadingDocs = ref(false)
  let asked = ''

  async function loadCases() {
    loadingCases.value = true
    try {
      const found: CaseRef[] = []
      for (let page = 1; page <= MAX_PAGES; page++) {
        const r = await listCases({ type: 'legalization', state: 'received', page, page_size: 100 })
        found.push(...(r.items as unknown as CaseRef[]))
        casesCapped.value = page === MAX_PAGES && r.total > found.length
        if (found.length >= r.total || !r.items.length) break
      }
      cases.value = found
    } finally {
      loadingCases.value = false
    }
  }
  const pending = computed(() => pendingByDestination(cases.value))

  /** The authenticated documents for `country` (the answer to the last country asked wins). */
  async function loadFor(country: string) {
    asked = country
    rows.value = []
    earlier.value = 0
    docsCapped.value = false
    if (!country) return
    loadingDocs.value = true
    try {
      const all = casesFor(cases.value, country)
      const mine = all.slice(0, MAX_CASES)
      const open = (await listBatches()).items.filter((b) => b.state === 'open' && b.country === country)
      const taken = takenDocuments(await mapLimit(open, PARALLEL, (b) => getBatch(b.id)))
      const lists = await mapLimit(mine, PARALLEL, (c) => listSubrecords(c.id).then((r) => r.items).catch(() => []))
      if (asked !== country) return
      const found = mine.map((c, i) => candidatesOf(c, lists[i], taken))
      rows.value = found.flatMap((f) => f.rows)
      earlier.value = found.reduce((n, f) => n + f.earlier, 0)
      docsCapped.value = all.length > mine.length
    } finally {
      if (asked === country) loadingDocs.value = false
    }
  }

  return { cases, casesCapped, loadingCases, pending, rows, earlier, docsCapped, loadingDocs, loadCases, loadFor }
}
