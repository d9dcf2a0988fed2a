// The checklist of a visa application says which documents have a file in their slot.
import { describe, expect, it } from 'vitest'
import { checklistOf } from './checklist'

const doc = (slot: string) => ({ slot, label: { zh: slot, en: slot } })
const file = (id: number, kind: string) => ({ id, filename: `${kind || 'other'}-${id}.pdf`, kind })

describe('the checklist of a visa application', () => {
  it('puts each file in its document, in the catalog\'s order, and counts what is attached', () => {
    const c = checklistOf([doc('passport'), doc('photo'), doc('insurance')], [file(1, 'photo'), file(2, ''), file(3, 'passport'), file(4, 'photo')])
    expect(c.rows.map((r) => [r.slot, r.attached, r.files.map((f) => f.id)])).toEqual([
      ['passport', true, [3]], ['photo', true, [1, 4]], ['insurance', false, []],
    ])
    expect([c.attached, c.total, c.complete]).toEqual([2, 3, false])
  })

  it('is complete when every document has a file, whatever else was uploaded', () => {
    const c = checklistOf([doc('passport')], [file(1, 'passport'), file(2, 'hotel')])
    expect(c.complete).toBe(true)
  })

  it('is not complete without a checklist (a destination or kind the catalog lacks)', () => {
    expect(checklistOf([], [file(1, 'passport')])).toEqual({ rows: [], attached: 0, total: 0, complete: false })
  })
})
