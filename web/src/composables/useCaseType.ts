// A case-type definition as served by the API, and its labels in the current language. The
// type is given by the caller: a route prop, or the loaded case's `type` (a getter/ref that
// may be empty until the case arrives).
import { computed, ref, toValue, watch, type MaybeRefOrGetter } from 'vue'
import { useI18n } from 'vue-i18n'
import { useReferenceStore } from '@/stores/reference'
import { pickLabel, pickName } from '@/i18n'
import type { CaseTypeDef } from '@/api/types'

const TAG_TYPES = ['primary', 'success', 'info', 'warning', 'danger'] as const
export type TagType = (typeof TAG_TYPES)[number]

export function tagType(color: string | undefined): TagType {
  return (TAG_TYPES as readonly string[]).includes(color ?? '') ? (color as TagType) : 'info'
}

/** A country's name in the current language (the code until the countries are loaded). */
export function useCountryName() {
  const ref_ = useReferenceStore()
  const { locale } = useI18n()
  return function countryName(code: string): string {
    void locale.value
    const c = ref_.country(code)
    return c ? pickName(c) : code
  }
}

export function useCaseType(type: MaybeRefOrGetter<string | null | undefined>) {
  const ref_ = useReferenceStore()
  const { locale } = useI18n()
  const def = ref<CaseTypeDef | null>(null)
  /** The definition could not be loaded (an unknown type: 404). */
  const failed = ref(false)
  let resolveReady: (d: CaseTypeDef) => void = () => undefined
  /** Resolves with the first definition loaded (never rejects: a failed load is shown by the client). */
  const ready = new Promise<CaseTypeDef>((resolve) => { resolveReady = resolve })

  watch(() => toValue(type), (name) => {
    if (!name) return
    def.value = ref_.caseTypes[name] ?? null
    failed.value = false
    ref_.loadCaseType(name).then((d) => {
      if (toValue(type) !== name) return
      def.value = d
      resolveReady(d)
    }).catch(() => { if (toValue(type) === name) failed.value = true })
  }, { immediate: true })

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
  const countryName = useCountryName()
  return { def, failed, ready, states, stateLabel, stateColor, actionLabel, transitionOf, countryName }
}
