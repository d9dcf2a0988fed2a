// A legalization case's documents (the core's sub-records of kind "document"): the list with
// what this user may do to each, adding one (the owner, while a draft) and moving one (the desk).
import { ref } from 'vue'
import * as api from '@/api/cases'
import { ApiError } from '@/api/request'
import type { ErrorDetail, Subrecord } from '@/api/types'
import type { Data } from '@/components/form/model'

export const DOCUMENT = 'document'

/** The server's refusal as details to show beside fields (one general detail when it named none). */
export function detailsOf(e: unknown): ErrorDetail[] | null {
  if (!(e instanceof ApiError)) return null
  return e.details?.length ? e.details : [{ message: e.messageEn, message_zh: e.messageZh }]
}

export function useDocuments(caseId: () => number) {
  const items = ref<Subrecord[]>([])
  const loaded = ref(false)

  async function load() {
    items.value = (await api.listSubrecords(caseId())).items.filter((s) => s.kind === DOCUMENT)
    loaded.value = true
  }
  async function add(data: Data) {
    const doc = await api.addSubrecord(caseId(), DOCUMENT, data)
    items.value = [...items.value, doc]
    return doc
  }
  async function move(id: number, action: string, comment?: string) {
    const doc = await api.transitionSubrecord(caseId(), id, action, comment)
    items.value = items.value.map((d) => (d.id === id ? doc : d))
    return doc
  }
  return { items, loaded, load, add, move }
}
