// latestOnly: a late answer to an earlier request is dropped; the latest's value or error is handed on.
import { describe, expect, it } from 'vitest'
import { ref } from 'vue'
import { latestOnly } from './latest'

describe('latestOnly', () => {
  it('drops an answer that comes after a later request was asked', async () => {
    const pending = new Map<string, (v: string) => void>()
    const run = latestOnly((q: string) => new Promise<string>((resolve) => pending.set(q, resolve)))
    const first = run('to')
    const second = run('tok')
    pending.get('tok')!('answer to tok')
    pending.get('to')!('answer to to')
    expect(await second).toEqual({ current: true, value: 'answer to tok' })
    expect(await first).toEqual({ current: false })
  })
  it('passes every argument on, and keeps the latest even when the earlier answers first', async () => {
    const pending: Array<(v: string) => void> = []
    const run = latestOnly((counter: number, date: string) =>
      new Promise<string>((resolve) => pending.push(() => resolve(`${counter} ${date}`))))
    const today = run(2, '2026-12-06')
    const friday = run(2, '2026-12-04')
    pending[0]!('')
    pending[1]!('')
    expect(await today).toEqual({ current: false })
    expect(await friday).toEqual({ current: true, value: '2 2026-12-04' })
  })
  it('hands on the latest error, and drops an earlier one', async () => {
    let fail: (e: Error) => void = () => undefined
    const run = latestOnly((q: string) => (q === 'slow'
      ? new Promise<string>((_, reject) => { fail = reject })
      : Promise.reject(new Error(`down for ${q}`))))
    const slow = run('slow')
    const answer = await run('x')
    fail(new Error('late'))
    expect(answer.current).toBe(true)
    expect((answer.error as Error).message).toBe('down for x')
    expect(await slow).toEqual({ current: false })
  })
})

describe('latestOnly with a busy flag', () => {
  it('is busy from the first call until the latest answers, whatever answers before it', async () => {
    const busy = ref(false)
    const pending: Array<{ resolve: (v: string) => void; reject: (e: Error) => void }> = []
    const run = latestOnly((q: string) => new Promise<string>((resolve, reject) => pending.push({ resolve, reject })), busy)
    const first = run('a')
    expect(busy.value).toBe(true)
    const second = run('ab')
    pending[0]!.resolve('late')
    expect(await first).toEqual({ current: false })
    expect(busy.value).toBe(true)
    pending[1]!.reject(new Error('down'))
    expect((await second).current).toBe(true)
    expect(busy.value).toBe(false)
  })
})
