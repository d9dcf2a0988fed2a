// An alert's facts in words of the current language: its level, its area (countries by name,
// cities by name in their country, a circle by its radius and centre), its period — the same
// on the desk's screens and the public page, where the map shows them too.
import { useI18n } from 'vue-i18n'
import type { AlertArea, PublicAlert } from '@/api/safety'
import { useCountryName } from '@/composables/useCaseType'
import { fmtDate, fmtNumber } from '@/utils/format'
import { areaText, cityName, levelKey, type AlertCity, type AreaWords } from './alert'

export function useAlertWords() {
  const { t, locale } = useI18n()
  const countryName = useCountryName()
  const level = (n: number) => t(levelKey(n))
  const words = (): AreaWords => ({
    country: countryName,
    circle: (km, lat, lon) => t('safety.alerts.circle', { km: fmtNumber(km, 'decimal'), lat, lon }),
    city: (c) => cityName(c, locale.value),
    inCountry: (cities, country) => t('safety.alerts.cities', { cities, country }),
    sep: t('safety.alerts.sep'),
    groupSep: t('safety.alerts.groupSep'),
  })
  const area = (a: AlertArea) => areaText(a, words())
  /** One city with its country: "Kyoto (Japan)". */
  const city = (c: AlertCity) => t('safety.alerts.cities', { cities: cityName(c, locale.value), country: countryName(c.country) })
  const validity = (a: Pick<PublicAlert, 'valid_from' | 'valid_until'>) =>
    t('safety.alerts.validity', { from: fmtDate(a.valid_from), until: fmtDate(a.valid_until) })
  /** The title and the text in the current language. */
  const title = (a: Pick<PublicAlert, 'title_zh' | 'title_en'>) => (locale.value === 'zh-CN' ? a.title_zh : a.title_en)
  const body = (a: Pick<PublicAlert, 'body_zh' | 'body_en'>) => (locale.value === 'zh-CN' ? a.body_zh : a.body_en)
  return { level, area, city, validity, title, body }
}
