// Live rule feedback while the user types: POST /cases/check, debounced; nothing is written.
import { computed, ref, watch, type Ref } from 'vue'
import { checkCase } from '@/api/cases'
import type { Check, ErrorDetail, FieldDef } from '@/api/types'
import { clean, countedCountries, memberCount, type Data } from '@/components/form/model'
import { inclusiveDays } from '@/utils/format'

export function useLiveCheck(type: string, fields: Ref<FieldDef[]>, model: Ref<Data | null>, delay = 500) {
  const checks = ref<Check[]>([])
  const errors = ref<ErrorDetail[]>([])
  const checking = ref(false)
  let timer: ReturnType<typeof setTimeout> | undefined
  let seq = 0

  async function run() {
    if (!model.value) return
    const mine = ++seq
    checking.value = true
    try {
      const r = await checkCase(type, clean(fields.value, model.value))
      if (mine !== seq) return
      checks.value = r.checks ?? []
      errors.value = r.errors ?? []
    } catch { /* live feedback is best effort */ } finally {
      if (mine === seq) checking.value = false
    }
  }

  watch(model, () => { clearTimeout(timer); timer = setTimeout(run, delay) }, { deep: true })

  const days = computed(() => inclusiveDays(model.value?.departure_date as string, model.value?.return_date as string))
  const countries = computed(() => (model.value ? countedCountries(model.value) : []))
  const members = computed(() => (model.value ? memberCount(model.value) : 0))
  /** Failed rules (not the "required field" errors of an unfinished form). */
  const failed = computed(() => checks.value.filter((c) => c.status === 'failed'))

  return { checks, errors, failed, checking, days, countries, members, run }
}
