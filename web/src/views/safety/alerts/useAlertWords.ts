// An alert's facts in words of the current language: its level, its area (countries by name,
// a circle by its radius and centre), its period — the same on the desk's screens and the
// public page, where the map shows them too.
import { useI18n } from 'vue-i18n'
import type { AlertArea, PublicAlert } from '@/api/safety'
import { useCountryName } from '@/composables/useCaseType'
import { fmtDate, fmtNumber } from '@/utils/format'
import { areaText, levelKey } from './alert'

export function useAlertWords() {
  const { t, locale } = useI18n()
  const countryName = useCountryName()
  const level = (n: number) => t(levelKey(n))
  const area = (a: AlertArea) => areaText(a, countryName,
    (km, lat, lon) => t('safety.alerts.circle', { km: fmtNumber(km, 'decimal'), lat, lon }), t('safety.alerts.sep'))
  const validity = (a: Pick<PublicAlert, 'valid_from' | 'valid_until'>) =>
    t('safety.alerts.validity', { from: fmtDate(a.valid_from), until: fmtDate(a.valid_until) })
  /** The title and the text in the current language. */
  const title = (a: Pick<PublicAlert, 'title_zh' | 'title_en'>) => (locale.value === 'zh-CN' ? a.title_zh : a.title_en)
  const body = (a: Pick<PublicAlert, 'body_zh' | 'body_en'>) => (locale.value === 'zh-CN' ? a.body_zh : a.body_en)
  return { level, area, validity, title, body }
}
