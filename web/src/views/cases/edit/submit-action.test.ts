// The form's main action comes from the definition: an application is submitted, a consular
// request opened; a state the owner leaves only by ending it, or from its page, has none.
import { describe, expect, it } from 'vitest'
import type { CaseTypeDef } from '@/api/types'
import { initialState, submitTransitionOf } from './submit-action'
import travel from '../../../../../src/travel/outbound_travel.json'
import consular from '../../../../../src/consular/consular_assistance.json'

// The server serves a single `to` as a list; the files may write it as a string.
const served = (json: unknown) => {
  const def = structuredClone(json) as CaseTypeDef
  for (const tr of def.transitions) tr.to = ([] as string[]).concat(tr.to)
  return def
}
const travelDef = served(travel)
const consularDef = served(consular)

describe('the form\'s main action', () => {
  it('submits an application, new or returned', () => {
    expect(initialState(travelDef)).toBe('draft')
    expect(submitTransitionOf(travelDef, 'draft')?.action).toBe('submit')
    expect(submitTransitionOf(travelDef, 'returned')?.action).toBe('submit')
  })

  it('opens a consular request (cancelling needs a comment and ends it)', () => {
    expect(initialState(consularDef)).toBe('draft')
    expect(submitTransitionOf(consularDef, 'draft')?.action).toBe('open')
  })

  it('has none where the owner only ends the case or the desk moves it on', () => {
    // open: handing off needs a comment and writes handed_to, closing writes the outcome
    expect(submitTransitionOf(consularDef, 'open')).toBeNull()
    expect(submitTransitionOf(consularDef, 'handed_off')).toBeNull()
    // under review: the applicant may only withdraw
    expect(submitTransitionOf(travelDef, 'office_review')).toBeNull()
    expect(submitTransitionOf(travelDef, 'nowhere')).toBeNull()
  })
})
