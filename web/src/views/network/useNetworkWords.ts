// A partner city's facts in words of the current language: its tier, status and continent, its
// country by name, its name (the Chinese one in Chinese, the English one in English) and its
// place — the same on the list, the city's page and the analytics; and its projects' and
// exchanges' words (field of cooperation, direction, status, kind; a text kept in both languages),
// an agreement's state and a contact's language by name.
import { useI18n } from 'vue-i18n'
import type { NetworkCity } from '@/api/network'
import { useCountryName } from '@/composables/useCaseType'
import { displayNames } from '@/utils/intl'
import { agreementStateKey, continentKey, cooperationKey, directionKey, exchangeKindKey, projectStatusKey, statusKey, tierKey } from './network'

export function useNetworkWords() {
  const { t, locale } = useI18n()
  const country = useCountryName()
  /** Of a text kept in both languages, the current language's (the other when it is empty). */
  const either = (zh: string, en: string) => (locale.value === 'en-US' ? en || zh : zh || en)
  const name = (c: Pick<NetworkCity, 'name_zh' | 'name_en'>) => either(c.name_zh, c.name_en)
  return {
    tier: (x: string) => t(tierKey(x)),
    status: (x: string) => t(statusKey(x)),
    continent: (x: string) => t(continentKey(x)),
    country,
    name,
    either,
    cooperation: (x: string) => t(cooperationKey(x)),
    direction: (x: string) => t(directionKey(x)),
    projectStatus: (x: string) => t(projectStatusKey(x)),
    exchangeKind: (x: string) => t(exchangeKindKey(x)),
    agreementState: (x: string) => t(agreementStateKey(x)),
    /** A language by its ISO 639-1 code, named in the current language (the browser's CLDR names): "German"; the code itself when unknown. */
    language: (code: string) => languageName(code, locale.value),
    /** The city in its country: "Aachen (Germany)". */
    place: (c: Pick<NetworkCity, 'name_zh' | 'name_en' | 'country'>) => t('network.place', { city: name(c), country: country(c.country) }),
  }
}

/** A language's name in the UI's language (Intl.DisplayNames, CLDR), or its code. */
export function languageName(code: string, uiLocale: string): string {
  if (!code) return ''
  try {
    return displayNames(uiLocale, { type: 'language', fallback: 'code' }).of(code) ?? code
  } catch {
    return code
  }
}
