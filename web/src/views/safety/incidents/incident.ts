// An incident as the screens handle it: its figures in the order they are shown, what a live
// event changes (its figures, and which lists of people are out of date), the sentence that
// announces a change, the new incident's form as a body (the crisis map's checks, and a title),
// and a timeline entry's words. Pure: unit-tested in incident.test.ts.
import type { RollCallCounts, RollCallStatus, TimelineItem } from '@/api/safety'
import type { ErrorDetail } from '@/api/types'
import { bodyOf, type AffectedForm, type Say } from '../affected/query'

/** The roll call's figures, as the page shows them, left to right. */
export const FIGURES = ['asked', 'emailed', 'safe', 'need_help', 'unanswered', 'reached'] as const satisfies readonly (keyof RollCallCounts)[]
export type Figure = (typeof FIGURES)[number]

/** The lists of people, the ones still to be reached first. */
export const STATUSES = ['unanswered', 'need_help', 'safe'] as const satisfies readonly RollCallStatus[]

/** The events of the live view (GET …/live). */
export const LIVE_EVENTS = ['counts', 'asked', 'answered', 'called', 'case', 'closed'] as const
export type LiveEventName = (typeof LIVE_EVENTS)[number]

export interface LiveEvent {
  name: LiveEventName
  roll_call?: RollCallCounts
  person_id?: number
  answer?: 'safe' | 'need_help'
  outcome?: 'reached' | 'no_answer'
  /** A consular case opened for the person's "need help". */
  case_id?: number
  /** A roll call sent: how many it asked now, and of them by e-mail. */
  asked?: number
  emailed?: number
}

/** An event's data as sent (JSON), or null when it cannot be read. */
export function readEvent(name: LiveEventName, data: string): LiveEvent | null {
  try {
    const d = JSON.parse(data)
    return d && typeof d === 'object' ? { ...d, name } : null
  } catch {
    return null
  }
}

/** The figures that differ between two counts, in the page's order. */
export function changed(before: RollCallCounts | null, after: RollCallCounts): Figure[] {
  return FIGURES.filter((k) => !before || before[k] !== after[k])
}

/**
 * The lists an event makes out of date: everyone asked is unanswered at first; an answer moves
 * a person from unanswered to their answer; a call shows in their row wherever it is; a case
 * opened for a "need help" replaces the button of that row with a link.
 */
export function staleLists(e: LiveEvent): RollCallStatus[] {
  switch (e.name) {
    case 'asked': return ['unanswered']
    case 'answered': return e.answer ? ['unanswered', e.answer] : [...STATUSES]
    case 'called': return [...STATUSES]
    case 'case': return ['need_help']
    default: return []
  }
}

/** The catalogue key of a timeline entry's sentence (safety.incident.event.*) and its values. */
export function timelineWords(item: TimelineItem): { key: string; values: Record<string, string | number> } {
  const d = item.detail as Record<string, unknown>
  switch (item.kind) {
    case 'asked': return { key: 'asked', values: { asked: Number(d.asked ?? 0), emailed: Number(d.emailed ?? 0) } }
    case 'answered': return { key: d.answer === 'need_help' ? 'answeredHelp' : 'answeredSafe', values: {} }
    case 'called': return { key: d.outcome === 'reached' ? 'calledReached' : 'calledNoAnswer', values: {} }
    case 'case': return { key: 'case', values: { case: String(d.case_id ?? '') } }
    default: return { key: item.kind, values: {} }
  }
}

/** The new incident's form as typed: the crisis map's, and a title. */
export interface IncidentForm extends AffectedForm {
  title: string
}

/** A message for the title (the page gives its catalogue's, in both languages). */
export type SayTitle = () => ErrorDetail

/** The body to send, or what stops it (an empty title; the crisis map's checks of the rest). */
export function incidentBody(form: IncidentForm, say: Say, sayTitle: SayTitle) {
  const { body, details } = bodyOf(form, say)
  const title = form.title.trim()
  const all = title ? details : [sayTitle(), ...details]
  return { body: body && title ? { title, ...body } : null, details: all }
}
