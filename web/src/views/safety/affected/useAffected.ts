// The crisis map's state: the form, the question last asked and its answer, the page of people
// shown, and what went wrong — beside a field (the server names it), in general, or a refusal
// (403: the user does not work the consular desk). A new search starts at the first page; a
// page asks again what was asked, not what the form holds since.
import { reactive, ref } from 'vue'
import { ApiError } from '@/api/request'
import { findAffected, type Affected, type AffectedQuery } from '@/api/safety'
import type { ErrorDetail } from '@/api/types'
import { normalizePath } from '@/components/form/model'
import { FIELDS, addDays, bodyOf, todayInChina, type AffectedForm, type Say } from './query'

export const PAGE_SIZES = [10, 20, 50, 100]
/** The radius first proposed, km: a city and its surroundings. */
const DEFAULT_RADIUS_KM = 300
/** The window first proposed: today and the week after. */
const DEFAULT_DAYS = 7

export function useAffected(say: Say) {
  const today = todayInChina()
  const form = reactive<AffectedForm>({ lat: '', lon: '', radius_km: String(DEFAULT_RADIUS_KM), from: today, to: addDays(today, DEFAULT_DAYS) })
  const asked = ref<Omit<AffectedQuery, 'page' | 'page_size'> | null>(null)
  const result = ref<Affected | null>(null)
  const page = ref(1)
  const pageSize = ref(20)
  const details = ref<ErrorDetail[]>([])
  const forbidden = ref(false)
  const busy = ref(false)

  const fieldDetails = (field: string) => details.value.filter((d) => normalizePath(d.field) === field)
  const generalDetails = () => details.value.filter((d) => !(FIELDS as readonly string[]).includes(normalizePath(d.field)))

  async function load() {
    if (!asked.value) return
    busy.value = true
    try {
      result.value = await findAffected({ ...asked.value, page: page.value, page_size: pageSize.value })
      details.value = []
      forbidden.value = false
    } catch (e) {
      result.value = null
      if (e instanceof ApiError && e.status === 403) forbidden.value = true
      else if (e instanceof ApiError) details.value = e.details?.length ? e.details : [{ message: e.messageEn, message_zh: e.messageZh }]
      else throw e
    } finally {
      busy.value = false
    }
  }

  /** Asks the form's question, from the first page. */
  async function search() {
    const { body, details: mine } = bodyOf(form, say)
    details.value = mine
    if (!body) { result.value = null; return }
    asked.value = body
    page.value = 1
    await load()
  }

  /** Another page (or page size) of the question last asked. */
  async function turnTo(p: number) {
    page.value = p
    await load()
  }

  /** A field typed in again: its error goes. */
  function clearError(field: string) {
    details.value = details.value.filter((d) => normalizePath(d.field) !== field)
  }

  return { form, asked, result, page, pageSize, details, forbidden, busy, fieldDetails, generalDetails, search, turnTo, clearError }
}
