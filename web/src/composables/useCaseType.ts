// The case-type definition as served by the API, and its labels in the current language.
import { computed, ref } from 'vue'
import { useI18n } from 'vue-i18n'
import { useReferenceStore } from '@/stores/reference'
import { pickLabel, pickName } from '@/i18n'
import type { CaseTypeDef } from '@/api/types'

const TAG_TYPES = ['primary', 'success', 'info', 'warning', 'danger'] as const
export type TagType = (typeof TAG_TYPES)[number]

export function tagType(color: string | undefined): TagType {
  return (TAG_TYPES as readonly string[]).includes(color ?? '') ? (color as TagType) : 'info'
}

export function useCaseType(type = 'outbound_travel') {
  const ref_ = useReferenceStore()
  const { locale } = useI18n()
  const def = ref<CaseTypeDef | null>(ref_.caseTypes[type] ?? null)
  const ready = ref_.loadCaseType(type).then((d) => { def.value = d; return d })

  const states = computed(() => def.value?.states ?? [])
  function stateLabel(state: string | null | undefined): string {
    void locale.value
    if (!state) return ''
    const s = def.value?.states.find((x) => x.name === state)
    return s ? pickLabel(s.label) : state
  }
  function stateColor(state: string): TagType {
    return tagType(def.value?.states.find((x) => x.name === state)?.color)
  }
  function actionLabel(action: string | null | undefined): string {
    void locale.value
    if (!action) return ''
    const tr = def.value?.transitions.find((x) => x.action === action)
    return tr ? pickLabel(tr.label) : action
  }
  /** The transition an action takes from a state for these roles (an action may have one per state/role). */
  function transitionOf(action: string, state?: string, roles?: string[]) {
    const all = def.value?.transitions.filter((x) => x.action === action) ?? []
    return all.find((x) => (!state || x.from.includes(state)) && (!roles || x.roles.some((r) => roles.includes(r)))) ?? all[0]
  }
  function countryName(code: string): string {
    void locale.value
    const c = ref_.country(code)
    return c ? pickName(c) : code
  }
  return { def, ready, states, stateLabel, stateColor, actionLabel, transitionOf, countryName }
}
