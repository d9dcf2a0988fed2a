// Answers handed on in the order they were asked for: a screen that loads as its inputs change
// (a search as it is typed, a day's list as the window or the date is switched) shows only the
// answer to the latest request.
import type { Ref } from 'vue'

/** What a request run through `latestOnly` gives back: `current` false when a later one was asked since. */
export type LatestAnswer<T> = { current: boolean; value?: T; error?: unknown }

/**
 * Wraps a request so that only the answer to the latest call counts: an earlier one that answers
 * late comes back with `current` false (its value or error dropped), so it never replaces what
 * was asked for after it. With `busy`, the flag is set at each call and cleared when the latest
 * answers, not when an earlier one does.
 */
export function latestOnly<A extends unknown[], T>(request: (...args: A) => Promise<T>, busy?: Ref<boolean>) {
  let seq = 0
  return async (...args: A): Promise<LatestAnswer<T>> => {
    const mine = ++seq
    if (busy) busy.value = true
    let answer: LatestAnswer<T>
    try {
      answer = { current: true, value: await request(...args) }
    } catch (error) {
      answer = { current: true, error }
    }
    if (mine !== seq) return { current: false }
    if (busy) busy.value = false
    return answer
  }
}
