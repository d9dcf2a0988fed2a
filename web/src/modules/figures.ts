// Computed figures that modules register for their case type's live panel: a definition's
// `ui.live_figures` entry of kind "computed" names one (`"function": "travel.counted_countries"`).
export type Data = Record<string, unknown>
export type FigureFn = (data: Data) => number | null

const registry = new Map<string, FigureFn>()

export function registerFigure(name: string, fn: FigureFn): void {
  registry.set(name, fn)
}

export function figureFn(name: string): FigureFn | undefined {
  return registry.get(name)
}
