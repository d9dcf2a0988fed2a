// Loads a case with its history, attachments and (for office roles) rule checks.
import { computed, reactive, ref } from 'vue'
import * as api from '@/api/cases'
import { ApiError } from '@/api/request'
import type { Attachment, Case, Check, HistoryItem } from '@/api/types'

export function useCasePage(id: number, withChecks: () => boolean) {
  const kase = ref<Case | null>(null)
  const history = ref<HistoryItem[]>([])
  const attachments = ref<Attachment[]>([])
  const checks = ref<Check[]>([])
  const overrideReasons = reactive<Record<string, string>>({})
  const notFound = ref(false)
  const loading = ref(true)

  async function loadCase() {
    try {
      kase.value = await api.getCase(id)
    } catch (e) {
      if (e instanceof ApiError && e.status === 404) notFound.value = true
      else throw e
    }
  }
  async function loadHistory() { history.value = (await api.getHistory(id)).items }
  async function loadAttachments() { attachments.value = (await api.listAttachments(id)).items }
  async function loadChecks() { if (withChecks()) checks.value = (await api.getChecks(id)).items }

  async function reload() {
    loading.value = true
    try {
      await loadCase()
      if (notFound.value) return
      await Promise.allSettled([loadHistory(), loadAttachments(), loadChecks()])
    } finally {
      loading.value = false
    }
  }

  const comments = computed(() => history.value.filter((h) => h.kind === 'comment'))
  const failedWarnings = computed(() => checks.value.filter((c) => c.status === 'failed' && c.severity === 'warning'))
  /** The override reasons the user typed for failed warning rules. */
  const overrides = computed(() => {
    const o: Record<string, string> = {}
    for (const c of failedWarnings.value) if (overrideReasons[c.rule]?.trim()) o[c.rule] = overrideReasons[c.rule].trim()
    return o
  })

  return { kase, history, attachments, checks, overrideReasons, overrides, failedWarnings, comments, notFound, loading, reload, loadHistory, loadAttachments, loadChecks }
}
