// A partner city's facts in words of the current language: its tier, status and continent, its
// country by name, its name (the Chinese one in Chinese, the English one in English) and its
// place — the same on the list, the city's page and the analytics.
import { useI18n } from 'vue-i18n'
import type { NetworkCity } from '@/api/network'
import { useCountryName } from '@/composables/useCaseType'
import { continentKey, statusKey, tierKey } from './network'

export function useNetworkWords() {
  const { t, locale } = useI18n()
  const country = useCountryName()
  const name = (c: Pick<NetworkCity, 'name_zh' | 'name_en'>) => (locale.value === 'en-US' ? c.name_en || c.name_zh : c.name_zh || c.name_en)
  return {
    tier: (x: string) => t(tierKey(x)),
    status: (x: string) => t(statusKey(x)),
    continent: (x: string) => t(continentKey(x)),
    country,
    name,
    /** The city in its country: "Aachen (Germany)". */
    place: (c: Pick<NetworkCity, 'name_zh' | 'name_en' | 'country'>) => t('network.place', { city: name(c), country: country(c.country) }),
  }
}
