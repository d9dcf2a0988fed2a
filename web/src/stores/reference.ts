// Reference data fetched once: countries, case-type definitions.
import { defineStore } from 'pinia'
import { ref } from 'vue'
import { listCountries } from '@/api/reference'
import { getCaseType } from '@/api/cases'
import type { CaseTypeDef, Country } from '@/api/types'

export const useReferenceStore = defineStore('reference', () => {
  const countries = ref<Country[]>([])
  const caseTypes = ref<Record<string, CaseTypeDef>>({})
  let countriesPromise: Promise<void> | null = null
  const typePromises: Record<string, Promise<CaseTypeDef>> = {}

  function loadCountries() {
    countriesPromise ??= listCountries().then((r) => { countries.value = r.items }).catch((e) => { countriesPromise = null; throw e })
    return countriesPromise
  }

  function loadCaseType(type: string): Promise<CaseTypeDef> {
    typePromises[type] ??= getCaseType(type).then((d) => { caseTypes.value[type] = d; return d }).catch((e) => { delete typePromises[type]; throw e })
    return typePromises[type]
  }

  function country(code: string): Country | undefined {
    return countries.value.find((c) => c.code === code)
  }

  return { countries, caseTypes, loadCountries, loadCaseType, country }
})
