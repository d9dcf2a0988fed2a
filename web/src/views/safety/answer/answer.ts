// The answer a person abroad gives through their link, as the page sends it: the answer, a
// note when written, and a position only when both halves are typed (the server refuses one
// alone, naming the missing half). Pure: unit-tested in answer.test.ts.
import type { SafetyAnswer } from '@/api/safety'
import type { ErrorDetail } from '@/api/types'
import { parseNumber } from '../affected/query'

export interface AnswerForm {
  note: string
  lat: string
  lon: string
}

/** A message in both languages for a field: 'number' (not a number), 'range', 'pair' (the other half is missing). */
export type SayAnswer = (field: 'lat' | 'lon', key: 'number' | 'range' | 'pair') => ErrorDetail

export function answerBody(answer: SafetyAnswer['answer'], form: AnswerForm, say: SayAnswer): { body: SafetyAnswer | null; details: ErrorDetail[] } {
  const body: SafetyAnswer = { answer }
  const note = form.note.trim()
  if (note) body.note = note
  const details: ErrorDetail[] = []
  const typed = { lat: form.lat.trim(), lon: form.lon.trim() }
  if (typed.lat || typed.lon) {
    const limit = { lat: 90, lon: 180 }
    for (const f of ['lat', 'lon'] as const) {
      if (!typed[f]) { details.push(say(f, 'pair')); continue }
      const n = parseNumber(typed[f])
      if (n === null) details.push(say(f, 'number'))
      else if (Math.abs(n) > limit[f]) details.push(say(f, 'range'))
      else body[f] = n
    }
  }
  return { body: details.length ? null : body, details }
}
