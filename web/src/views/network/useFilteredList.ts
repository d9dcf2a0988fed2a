// What the network's lists of projects, exchanges and agreements share: their filters and page
// kept in the URL (a change of either — a filter chosen, a link from the analytics, the browser's
// back button — loads the page again, the latest answer winning), the partner city the URL may
// keep the list to where it has that filter (read for its name, the filter removable), and the
// Excel export's query.
import { computed, reactive, ref, watch, type UnwrapRef } from 'vue'
import { useI18n } from 'vue-i18n'
import { useRoute, useRouter } from 'vue-router'
import { ApiError, pickMessage } from '@/api/request'
import { getCity, type NetworkCity } from '@/api/network'
import { latestOnly } from '@/utils/latest'
import { apiQuery, noFilters, pageOf, queryOf, readFilters, type Filters, type Known } from './network'
import { useNetworkWords } from './useNetworkWords'

export const PAGE_SIZE = 20

/** The list named `routeName` (its route), filtered as `spec` says, a page read by `list`. */
export function useFilteredList<Spec extends Record<string, Known>, Item>(
  routeName: string,
  spec: Spec,
  list: (query: Record<string, string | number>) => Promise<{ items: Item[]; total: number }>,
) {
  const { t } = useI18n()
  const route = useRoute()
  const router = useRouter()
  const words = useNetworkWords()

  const filters = reactive(readFilters(spec, route.query)) as Filters<Spec>
  const page = ref(pageOf(route.query))
  const items = ref<Item[]>([])
  const total = ref(0)
  const busy = ref(false)
  const error = ref('')
  const exportQuery = computed(() => queryOf(filters))
  const latestPage = latestOnly(list, busy)

  async function load() {
    const answer = await latestPage(apiQuery(filters, page.value, PAGE_SIZE))
    if (!answer.current) return
    if (answer.error !== undefined) {
      if (!(answer.error instanceof ApiError)) throw answer.error
      items.value = []
      total.value = 0
      error.value = pickMessage(answer.error.messageEn, answer.error.messageZh)
      return
    }
    items.value = answer.value!.items as UnwrapRef<Item[]>
    total.value = answer.value!.total
    error.value = ''
  }

  watch(() => route.query, (q) => {
    if (route.name !== routeName) return
    Object.assign(filters, readFilters(spec, q))
    page.value = pageOf(q)
    void load()
  }, { immediate: true })

  /** The partner city the list is kept to, when it has that filter and the URL names one. */
  const kept = filters as Record<string, string>
  const city = ref<NetworkCity | null>(null)
  watch(() => kept.city_id, async (id) => {
    city.value = null
    if (!id) return
    const found = await getCity(Number(id)).catch(() => null)
    if (kept.city_id === id) city.value = found
  }, { immediate: true })
  /** The city by name (by its number until it is read, or if it is not found). */
  const cityName = computed(() => (city.value ? words.place(city.value) : t('network.lists.cityNumber', { id: kept.city_id })))

  /** A filter changed: back to the first page. */
  function apply() { void router.replace({ query: queryOf(filters, 1) }) }
  function toPage(p: number) { void router.replace({ query: queryOf(filters, p) }) }
  function clearCity() {
    kept.city_id = ''
    apply()
  }
  function clearFilters() {
    Object.assign(filters, noFilters(spec))
    apply()
  }
  const filtered = computed(() => Object.values(filters).some(Boolean))

  return { filters, page, items, total, busy, error, exportQuery, city, cityName, apply, toPage, clearCity, clearFilters, filtered, reload: load }
}
