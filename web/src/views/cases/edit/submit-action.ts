// The action the form's main button takes once the data is saved, read from the definition: an
// application is submitted ('submit'), an office's own file is opened (e.g. 'open'). Pure:
// unit-tested in submit-action.test.ts.
import type { CaseTypeDef, TransitionDef } from '@/api/types'

/**
 * The definition's first transition out of `state` that the owner takes with nothing more to
 * give — no comment, no fields of its own — to a state that is not the end (a withdrawal or a
 * cancellation is not what the form is for). Null when there is none: the form then only saves
 * (an office file being handled is edited, and moves on from its page).
 */
export function submitTransitionOf(def: Pick<CaseTypeDef, 'states' | 'transitions'>, state: string): TransitionDef | null {
  const terminal = new Set(def.states.filter((s) => s.terminal).map((s) => s.name))
  return def.transitions.find((tr) => tr.scope === 'owner' && tr.from.includes(state) && !tr.comment_required
    && !tr.writes?.length && tr.to.every((to) => !terminal.has(to))) ?? null
}

/** The state a case is in before it exists: the definition's first. */
export function initialState(def: Pick<CaseTypeDef, 'states'>): string {
  return def.states[0]?.name ?? ''
}
