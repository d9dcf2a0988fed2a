// @vitest-environment jsdom
// useCaseList's loading: the list shows the answer to the filters asked for last, even when an
// earlier, slower search answers after it; a failed load empties the list.
import { afterEach, describe, expect, it, vi } from 'vitest'
import { defineComponent, h } from 'vue'
import { flushPromises, mount } from '@vue/test-utils'
import { createMemoryHistory, createRouter } from 'vue-router'
import type { CaseSummary, Page as ApiPage } from '@/api/types'

vi.mock('@/api/cases', () => ({ listCases: vi.fn() }))
const { listCases } = await import('@/api/cases')
const { useCaseList } = await import('./useCaseList')

type Page = ApiPage<CaseSummary>
const page = (...ids: number[]): Page =>
  ({ items: ids.map((id) => ({ id }) as CaseSummary), total: ids.length, page: 1, page_size: 20 })

async function mountList() {
  const router = createRouter({ history: createMemoryHistory(), routes: [{ path: '/cases', component: { render: () => null } }] })
  await router.push('/cases')
  let list!: ReturnType<typeof useCaseList>
  const Host = defineComponent({ setup() { list = useCaseList('outbound_travel', 'due'); return () => h('div') } })
  mount(Host, { global: { plugins: [router] } })
  return { router, list: () => list }
}

describe('useCaseList loading', () => {
  afterEach(() => vi.mocked(listCases).mockReset())

  it('keeps the latest filter\'s list when an earlier search answers after it', async () => {
    const answers: Array<(p: Page) => void> = []
    vi.mocked(listCases).mockImplementation(() => new Promise<Page>((resolve) => answers.push(resolve)))
    const { router, list } = await mountList()
    expect(answers).toHaveLength(1) // the first page, on mounting
    answers[0]!(page(1, 2, 3))
    await flushPromises()
    expect(list().items.value.map((c) => c.id)).toEqual([1, 2, 3])

    await router.replace({ query: { q: '张' } }) // a broad search, slow
    await flushPromises()
    await router.replace({ query: { state: 'office_review' } }) // then a filter, quick
    await flushPromises()
    expect(vi.mocked(listCases).mock.calls.map(([q]) => [q.q, q.state])).toEqual([
      [undefined, undefined], ['张', undefined], [undefined, 'office_review']])
    answers[2]!(page(7))
    await flushPromises()
    expect(list().loading.value).toBe(false)
    answers[1]!(page(4, 5, 6))
    await flushPromises()
    expect(list().items.value.map((c) => c.id)).toEqual([7])
    expect(list().total.value).toBe(1)
    expect(list().loading.value).toBe(false)
  })

  it('stays loading while the latest is on its way, and empties the list when it fails', async () => {
    const answers: Array<{ resolve: (p: Page) => void; reject: (e: Error) => void }> = []
    vi.mocked(listCases).mockImplementation(() => new Promise<Page>((resolve, reject) => answers.push({ resolve, reject })))
    const { router, list } = await mountList()
    answers[0]!.resolve({ ...page(1, 2), total: 200, total_capped: true })
    await flushPromises()
    expect(list().capped.value).toBe(true)
    await router.replace({ query: { q: '李' } })
    await flushPromises()
    await router.replace({ query: { q: '李明' } })
    await flushPromises()
    answers[1]!.resolve(page(9))
    await flushPromises()
    expect(list().loading.value).toBe(true)
    expect(list().items.value.map((c) => c.id)).toEqual([1, 2])
    answers[2]!.reject(new Error('down'))
    await flushPromises()
    expect(list().loading.value).toBe(false)
    expect(list().items.value).toEqual([])
    expect(list().total.value).toBe(0)
    expect(list().capped.value).toBe(false)
  })
})
