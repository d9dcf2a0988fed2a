// The register search's state: the words typed, searched when typing pauses (or at once on
// Enter), the people found and whether more match, "show more" (the same words, a higher
// limit), the person chosen, and what went wrong — a refusal (403: the user does not work the
// consular desk) or the query's fault (400, the server's words). Only the last question's
// answer is shown: a slower earlier one arriving late is dropped.
import { onBeforeUnmount, ref } from 'vue'
import { ApiError, pickMessage } from '@/api/request'
import { searchRegister, type RegisterPerson } from '@/api/safety-register'
import { DEBOUNCE_MS, PAGE, canShowMore, nextLimit, queryOf } from './register'

export function useRegister() {
  const typed = ref('')
  /** The words of the answer shown (what was asked, not what the box holds since). */
  const asked = ref<string | null>(null)
  const limit = ref(PAGE)
  const people = ref<RegisterPerson[]>([])
  const more = ref(false)
  const chosen = ref<RegisterPerson | null>(null)
  const forbidden = ref(false)
  const error = ref('')
  const busy = ref(false)

  let asking = 0
  let timer: ReturnType<typeof setTimeout> | undefined

  async function load(q: string, lim: number) {
    const mine = ++asking
    busy.value = true
    try {
      const r = await searchRegister(q, lim)
      if (mine !== asking) return
      people.value = r.items
      more.value = r.more
      asked.value = q
      limit.value = lim
      error.value = ''
      forbidden.value = false
      // the person chosen stays chosen while the answer still holds them (with their legs as now)
      const id = chosen.value?.id
      chosen.value = id === undefined ? null : r.items.find((p) => p.id === id) ?? null
    } catch (e) {
      if (mine !== asking) return
      if (!(e instanceof ApiError)) throw e
      people.value = []
      more.value = false
      asked.value = null
      if (e.status === 403) forbidden.value = true
      else error.value = e.details?.length ? e.details.map((d) => pickMessage(d.message, d.message_zh)).join(' ') : e.localized()
    } finally {
      if (mine === asking) busy.value = false
    }
  }

  /** Searches the words in the box now, from the first page (Enter, or typing paused). */
  function search() {
    clearTimeout(timer)
    timer = undefined
    return load(queryOf(typed.value), PAGE)
  }

  /** The box changed: search when typing pauses. */
  function typedChanged() {
    clearTimeout(timer)
    timer = setTimeout(() => { void search() }, DEBOUNCE_MS)
  }

  /** More of the same answer: the words asked, a higher limit. */
  function showMore() {
    if (asked.value === null || !canShowMore(more.value, limit.value)) return Promise.resolve()
    return load(asked.value, nextLimit(limit.value))
  }

  function choose(p: RegisterPerson | null) {
    chosen.value = p
  }

  onBeforeUnmount(() => clearTimeout(timer))

  return { typed, asked, limit, people, more, chosen, forbidden, error, busy, search, typedChanged, showMore, choose }
}
