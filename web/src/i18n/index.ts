// vue-i18n set-up: one catalogue per module and language in src/locales/<lang>/<module>.json,
// namespaced by module file name. Element Plus's and dayjs's locales switch in setLocale().
import { createI18n } from 'vue-i18n'
import { ref } from 'vue'
import dayjs from 'dayjs'
import 'dayjs/locale/zh-cn'
import 'dayjs/locale/en'
import zhCn from 'element-plus/es/locale/lang/zh-cn'
import en from 'element-plus/es/locale/lang/en'

export const LOCALES = ['zh-CN', 'en-US'] as const
export type AppLocale = (typeof LOCALES)[number]

type Catalogue = Record<string, Record<string, unknown>>

export function loadCatalogues(): Record<AppLocale, Catalogue> {
  const files = import.meta.glob('../locales/*/*.json', { eager: true, import: 'default' }) as Record<string, Record<string, unknown>>
  const out: Record<string, Catalogue> = { 'zh-CN': {}, 'en-US': {} }
  for (const [path, content] of Object.entries(files)) {
    const m = path.match(/locales\/([^/]+)\/([^/]+)\.json$/)
    if (!m) continue
    out[m[1]] ??= {}
    out[m[1]][m[2]] = content
  }
  return out as Record<AppLocale, Catalogue>
}

const datetimeFormats = {
  'zh-CN': {
    date: { year: 'numeric', month: '2-digit', day: '2-digit' },
    datetime: { year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hour12: false },
    month: { year: 'numeric', month: 'long' },
  },
  'en-US': {
    date: { year: 'numeric', month: 'short', day: 'numeric' },
    datetime: { year: 'numeric', month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit', hour12: false },
    month: { year: 'numeric', month: 'short' },
  },
} as const

const numberFormats = {
  'zh-CN': { integer: { maximumFractionDigits: 0 }, decimal: { maximumFractionDigits: 1 }, cny: { style: 'currency', currency: 'CNY' } },
  'en-US': { integer: { maximumFractionDigits: 0 }, decimal: { maximumFractionDigits: 1 }, cny: { style: 'currency', currency: 'CNY' } },
} as const

/** Keys the UI asked for and the catalogue lacks (the e2e tests read this to find untranslated labels). */
export const missingKeys: string[] = []

function initialLocale(): AppLocale {
  const saved = typeof localStorage !== 'undefined' ? localStorage.getItem('waishi.locale') : null
  return (LOCALES as readonly string[]).includes(saved ?? '') ? (saved as AppLocale) : 'zh-CN'
}

export const i18n = createI18n({
  legacy: false,
  locale: initialLocale(),
  fallbackLocale: false,
  messages: loadCatalogues() as any,
  datetimeFormats: datetimeFormats as any,
  numberFormats: numberFormats as any,
  missingWarn: false,
  fallbackWarn: false,
  missing: (locale: string, key: string) => {
    missingKeys.push(`${locale}:${key}`)
    if (typeof window !== 'undefined') (window as any).__i18nMissing = missingKeys
    return key
  },
})

export const elementLocale = ref(i18n.global.locale.value === 'en-US' ? en : zhCn)

export function setLocale(locale: AppLocale) {
  ;(i18n.global.locale as any).value = locale
  elementLocale.value = locale === 'en-US' ? en : zhCn
  dayjs.locale(locale === 'en-US' ? 'en' : 'zh-cn')
  if (typeof document !== 'undefined') document.documentElement.lang = locale
  if (typeof localStorage !== 'undefined') localStorage.setItem('waishi.locale', locale)
}

setLocale(i18n.global.locale.value as AppLocale)

/** Picks the current language's text of a bilingual {zh,en} label from the server. */
export function pickLabel(label: { zh?: string; en?: string } | string | null | undefined): string {
  if (!label) return ''
  if (typeof label === 'string') return label
  return (i18n.global.locale.value === 'en-US' ? label.en || label.zh : label.zh || label.en) ?? ''
}

/** The current language's name of an object with name_zh / name_en. */
export function pickName(o: { name_zh?: string; name_en?: string } | null | undefined): string {
  if (!o) return ''
  return (i18n.global.locale.value === 'en-US' ? o.name_en || o.name_zh : o.name_zh || o.name_en) ?? ''
}
