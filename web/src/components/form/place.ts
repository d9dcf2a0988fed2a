// What PlacePicker shows of a place.
import type { Place } from '@/api/types'

/**
 * The place as a line of the picker: the current language's name first, the other language's
 * after it when the gazetteer has one, then the country's code — for Tokyo "<Chinese name>
 * Tokyo · JP" in Chinese, "Tokyo <Chinese name> · JP" in English; "Aachen · DE" without a
 * Chinese name (PlacePicker.test.ts shows them).
 */
export function placeLabel(p: Pick<Place, 'name_en' | 'name_zh' | 'country'>, locale: string): string {
  const zh = p.name_zh ?? ''
  const names = locale.startsWith('zh') ? [zh, p.name_en] : [p.name_en, zh]
  return `${names.filter((n) => n).join(' ')} · ${p.country}`
}
