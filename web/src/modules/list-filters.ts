// Yes/no filters that modules add to the case lists: a checkbox sending `param=true` to
// GET /api/v1/cases and kept in the page URL the same way (e.g. travel's `direct_report`).
export type ListMode = 'portal' | 'queue'

export interface ListFlag {
  /** The query parameter, in the page URL and the API call alike. */
  param: string
  /** A catalogue key. */
  label: string
  /** Names the checkbox for tests: data-test="filter-<id>". */
  id: string
  modes: ListMode[]
  /** The case types whose lists show it; absent: every list. */
  caseTypes?: string[]
}

const registry: ListFlag[] = []

export function registerListFlag(flag: ListFlag): void {
  const i = registry.findIndex((f) => f.param === flag.param)
  if (i >= 0) registry.splice(i, 1)
  registry.push(flag)
}

export function listFlagsFor(type: string, mode: ListMode): ListFlag[] {
  return registry.filter((f) => f.modes.includes(mode) && (!f.caseTypes || f.caseTypes.includes(type)))
}
