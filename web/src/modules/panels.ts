// Components that modules contribute to core pages. A core page names a slot and renders
// whatever is registered for it, in order, for the user's roles; it never imports a module.
//   'org.detail'  panels under an organization's details      props: { org: Organization }
//   'org.tags'    small tags beside an organization's name    props: { org: OrgRef | Organization }
//   'case.detail' panels under a case's data, for the case types the panel names
//                 props: { kase: Case }; emits 'changed' when it changed the case (the page reloads)
import { markRaw, type Component } from 'vue'
import type { Role } from '@/api/types'

export type PanelSlot = 'org.detail' | 'org.tags' | 'case.detail'

export interface Panel {
  /** Unique within its slot (a second registration under the same id replaces the first). */
  id: string
  component: Component
  /** Who sees it; absent: everyone who sees the page. */
  roles?: Role[]
  /** Smallest first; 100 unless given. */
  order?: number
  /** On a case page: the case types it is for; absent: every type. */
  caseTypes?: string[]
}

const registry = new Map<PanelSlot, Panel[]>()

export function registerPanel(slot: PanelSlot, panel: Panel): void {
  const list = (registry.get(slot) ?? []).filter((p) => p.id !== panel.id)
  list.push({ ...panel, component: markRaw(panel.component) })
  list.sort((a, b) => (a.order ?? 100) - (b.order ?? 100) || a.id.localeCompare(b.id))
  registry.set(slot, list)
}

/**
 * The panels of a slot these roles may see (all of them when roles is not given), and on a
 * case page those for its type (all of them when caseType is not given).
 */
export function panelsFor(slot: PanelSlot, roles?: readonly Role[], caseType?: string): Panel[] {
  return (registry.get(slot) ?? []).filter((p) => (!roles || !p.roles || p.roles.some((r) => roles.includes(r)))
    && (!caseType || !p.caseTypes || p.caseTypes.includes(caseType)))
}

/** For tests. */
export function clearPanels(): void {
  registry.clear()
}
