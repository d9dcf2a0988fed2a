// Core pages render what modules register for a slot, filtered by role, in order.
import { beforeEach, describe, expect, it } from 'vitest'
import { defineComponent } from 'vue'
import { clearPanels, panelsFor, registerPanel } from './panels'
import { listFlagsFor, registerListFlag } from './list-filters'

const C = defineComponent({ render: () => null })

describe('panel registry', () => {
  beforeEach(() => clearPanels())

  it('returns a slot\'s panels in order, for the roles that may see them', () => {
    registerPanel('org.detail', { id: 'late', component: C, order: 200 })
    registerPanel('org.detail', { id: 'green', component: C, roles: ['officer', 'admin'] })
    registerPanel('org.tags', { id: 'tag', component: C })
    expect(panelsFor('org.detail', ['officer']).map((p) => p.id)).toEqual(['green', 'late'])
    expect(panelsFor('org.detail', ['auditor']).map((p) => p.id)).toEqual(['late'])
    expect(panelsFor('org.detail').map((p) => p.id)).toEqual(['green', 'late'])
    expect(panelsFor('org.tags', []).map((p) => p.id)).toEqual(['tag'])
  })

  it('gives a case page the panels of its type only', () => {
    registerPanel('case.detail', { id: 'documents', component: C, caseTypes: ['legalization'] })
    registerPanel('case.detail', { id: 'everywhere', component: C })
    expect(panelsFor('case.detail', ['citizen'], 'legalization').map((p) => p.id)).toEqual(['documents', 'everywhere'])
    expect(panelsFor('case.detail', ['citizen'], 'outbound_travel').map((p) => p.id)).toEqual(['everywhere'])
  })

  it('replaces a panel registered again under the same id', () => {
    registerPanel('org.detail', { id: 'a', component: C, order: 1 })
    registerPanel('org.detail', { id: 'a', component: C, order: 2 })
    expect(panelsFor('org.detail').length).toBe(1)
  })
})

describe('list flags', () => {
  it('apply to their case types and modes only', () => {
    registerListFlag({ param: 'direct_report', id: 'green', label: 'travel.green.only', modes: ['queue'], caseTypes: ['outbound_travel'] })
    expect(listFlagsFor('outbound_travel', 'queue').map((f) => f.param)).toEqual(['direct_report'])
    expect(listFlagsFor('outbound_travel', 'portal')).toEqual([])
    expect(listFlagsFor('visa', 'queue')).toEqual([])
  })
})
