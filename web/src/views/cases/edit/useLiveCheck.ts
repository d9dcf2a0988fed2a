// Live rule feedback while the user types: POST /cases/check, debounced; nothing is written.
// Also the figures the case type declares for the live panel (ui.live_figures).
import { computed, ref, watch, type Ref } from 'vue'
import { checkCase } from '@/api/cases'
import type { CaseTypeDef, Check, ErrorDetail, FieldDef } from '@/api/types'
import { clean, type Data } from '@/components/form/model'
import { figureValue, liveFiguresOf } from '../case-ui'

export function useLiveCheck(type: Ref<string | undefined>, def: Ref<CaseTypeDef | null>, fields: Ref<FieldDef[]>, model: Ref<Data | null>, delay = 500) {
  const checks = ref<Check[]>([])
  const errors = ref<ErrorDetail[]>([])
  const checking = ref(false)
  let timer: ReturnType<typeof setTimeout> | undefined
  let seq = 0

  async function run() {
    if (!model.value || !type.value) return
    const mine = ++seq
    checking.value = true
    try {
      const r = await checkCase(type.value, clean(fields.value, model.value))
      if (mine !== seq) return
      checks.value = r.checks ?? []
      errors.value = r.errors ?? []
    } catch { /* live feedback is best effort */ } finally {
      if (mine === seq) checking.value = false
    }
  }

  watch(model, () => { clearTimeout(timer); timer = setTimeout(run, delay) }, { deep: true })

  const figures = computed(() => liveFiguresOf(def.value).map((f) => ({ ...f, value: figureValue(f, model.value) })))
  /** Failed rules (not the "required field" errors of an unfinished form). */
  const failed = computed(() => checks.value.filter((c) => c.status === 'failed'))

  return { checks, errors, failed, checking, figures, run }
}
