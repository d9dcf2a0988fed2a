// @vitest-environment jsdom
// PlacePicker: a place's line in each language, and the component itself — the API asked with
// what was typed, the places offered, the chosen one given back with its coordinates, its
// accessible name in both languages.
import { afterEach, describe, expect, it, vi } from 'vitest'
import { flushPromises, mount } from '@vue/test-utils'
import ElementPlus, { ElOption, ElSelect } from 'element-plus'
import { i18n, setLocale } from '@/i18n'
import type { Place } from '@/api/types'
import { placeLabel } from './place'

vi.mock('@/api/places', () => ({ searchPlaces: vi.fn() }))
const { searchPlaces } = await import('@/api/places')
const PlacePicker = (await import('./PlacePicker.vue')).default

const TOKYO: Place = {
  id: 1850147, country: 'JP', name_en: 'Tokyo', name_zh: '\u4e1c\u4eac', admin: 'Tokyo',
  lat: 35.6895, lon: 139.69171, population: 8336599,
}
const AACHEN: Place = {
  id: 3247449, country: 'DE', name_en: 'Aachen', name_zh: null, admin: 'North Rhine-Westphalia',
  lat: 50.77664, lon: 6.08342, population: 265208,
}

describe('placeLabel', () => {
  it('puts the current language first and the country code last', () => {
    expect(placeLabel(TOKYO, 'zh-CN')).toBe('\u4e1c\u4eac Tokyo \u00b7 JP')
    expect(placeLabel(TOKYO, 'en-US')).toBe('Tokyo \u4e1c\u4eac \u00b7 JP')
  })
  it('shows the English name alone where the gazetteer has no Chinese one', () => {
    expect(placeLabel(AACHEN, 'zh-CN')).toBe('Aachen \u00b7 DE')
    expect(placeLabel(AACHEN, 'en-US')).toBe('Aachen \u00b7 DE')
  })
})

describe('PlacePicker', () => {
  afterEach(() => {
    vi.mocked(searchPlaces).mockReset()
    setLocale('zh-CN')
  })
  const mountPicker = (props: Record<string, unknown> = {}) =>
    mount(PlacePicker, { props, global: { plugins: [ElementPlus, i18n] } })
  // What el-select calls as the text is typed (after its debounce).
  const typed = (w: ReturnType<typeof mountPicker>, text: string) =>
    (w.findComponent(ElSelect).props('remoteMethod') as (q: string) => Promise<void>)(text)

  it('searches what was typed and offers the places in the current language', async () => {
    setLocale('zh-CN')
    vi.mocked(searchPlaces).mockResolvedValue({ items: [TOKYO] })
    const w = mountPicker({ country: 'JP', limit: 5 })
    await typed(w, ' \u4e1c\u4eac ')
    await flushPromises()
    expect(searchPlaces).toHaveBeenCalledWith('\u4e1c\u4eac', { country: 'JP', limit: 5 })
    const options = w.findAllComponents(ElOption)
    expect(options).toHaveLength(1)
    expect(options[0].props('label')).toBe('\u4e1c\u4eac Tokyo \u00b7 JP')
    expect(options[0].text()).toContain('\u4e1c\u4eac Tokyo \u00b7 JP')
  })

  it('gives back the chosen place with its coordinates, and null when cleared', async () => {
    vi.mocked(searchPlaces).mockResolvedValue({ items: [TOKYO, AACHEN] })
    const w = mountPicker()
    await typed(w, 'a')
    await flushPromises()
    w.findComponent(ElSelect).vm.$emit('update:modelValue', AACHEN)
    expect(w.emitted('change')?.[0]).toEqual([AACHEN])
    expect(w.emitted('update:modelValue')?.[0]).toEqual([AACHEN])
    const chosen = w.emitted('change')![0][0] as Place
    expect([chosen.lat, chosen.lon]).toEqual([50.77664, 6.08342])
    w.findComponent(ElSelect).vm.$emit('update:modelValue', undefined)
    expect(w.emitted('change')?.[1]).toEqual([null])
  })

  it('asks nothing for blank text and says when nothing was found or the search failed', async () => {
    const w = mountPicker()
    const select = w.findComponent(ElSelect)
    await typed(w, '   ')
    expect(searchPlaces).not.toHaveBeenCalled()
    vi.mocked(searchPlaces).mockResolvedValue({ items: [] })
    await typed(w, 'zzzz')
    await flushPromises()
    expect(select.props('noDataText')).toBe(i18n.global.t('places.picker.none'))
    vi.mocked(searchPlaces).mockRejectedValue(new Error('down'))
    await typed(w, 'Tokyo')
    await flushPromises()
    expect(select.props('noDataText')).toBe(i18n.global.t('places.picker.failed'))
  })

  it('has an accessible name in both languages, or the one given', async () => {
    setLocale('zh-CN')
    const zh = mountPicker()
    expect(zh.find('input').attributes('aria-label')).toBe(i18n.global.t('places.picker.label'))
    setLocale('en-US')
    const en = mountPicker()
    expect(en.find('input').attributes('aria-label')).toBe('City')
    const given = mountPicker({ ariaLabel: 'Sister city' })
    expect(given.find('input').attributes('aria-label')).toBe('Sister city')
  })
})
