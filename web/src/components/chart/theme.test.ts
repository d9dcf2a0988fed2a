// @vitest-environment jsdom
import { afterEach, describe, expect, it, vi } from 'vitest'
import { reducedMotion, themed } from './theme'

/** Makes the page answer `matches` to (prefers-reduced-motion: reduce) and false to any other query. */
function preferLessMotion(matches: boolean) {
  vi.stubGlobal('matchMedia', (query: string) => ({ matches: matches && query === '(prefers-reduced-motion: reduce)', media: query }))
}

describe('a chart\'s motion', () => {
  afterEach(() => { vi.unstubAllGlobals() })

  it('animates when the user has not asked for less motion', () => {
    preferLessMotion(false)
    expect(reducedMotion()).toBe(false)
    expect(themed({ series: [] }).animation).toBe(true)
  })

  it('draws at once for a user who asked their system for less motion', () => {
    preferLessMotion(true)
    expect(reducedMotion()).toBe(true)
    expect(themed({ series: [] }).animation).toBe(false)
  })

  it('keeps an animation a chart turned off itself', () => {
    preferLessMotion(false)
    expect(themed({ series: [], animation: false }).animation).toBe(false)
  })
})
