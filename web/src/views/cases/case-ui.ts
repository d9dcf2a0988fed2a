// What a case type shows in the generic screens, from its definition's top-level `ui` key:
//   "ui": {
//     "list_columns": [{ "key": "countries", "kind": "countries", "label": {"zh": …, "en": …}, "modes": ["queue"] }, …],
//     "live_figures": [{ "key": "days", "kind": "days_between", "from": "departure_date", "to": "return_date", "label": … }, …]
//   }
// Column kinds read a case summary's member `field` (default: the key): text, number, date,
// countries (ISO codes → names), date_range (`from`–`to`), option (the value of an enum field of
// the definition, the same name → its option's label). Figure kinds read the form data:
// days_between (inclusive calendar days), count (items of the list `path` with one of
// `item_keys` filled, or all items), computed (a function a module registered: modules/figures.ts).
import type { Bilingual, CaseTypeDef, CaseTypeUi, ListColumn, LiveFigure } from '@/api/types'
import { figureFn, type Data } from '@/modules/figures'
import type { ListMode } from '@/modules/list-filters'
import { inclusiveDays } from '@/utils/format'

export type { CaseTypeUi, ListColumn, LiveFigure }

export function uiOf(def: CaseTypeDef | null | undefined): CaseTypeUi {
  return def?.ui ?? {}
}

export function columnsFor(def: CaseTypeDef | null | undefined, mode: ListMode): ListColumn[] {
  return (uiOf(def).list_columns ?? []).filter((c) => !c.modes || c.modes.includes(mode))
}

/** The label of the option `value` of the definition's top-level field `field`; undefined when either is unknown. */
export function optionLabel(def: CaseTypeDef | null | undefined, field: string, value: string): Bilingual | undefined {
  return def?.fields.find((f) => f.name === field)?.options?.find((o) => o.value === value)?.label
}

/** How a cell formats what it shows (the page passes the current language's formatters). */
export interface CellFormat {
  date: (iso: string) => string
  number: (n: number) => string
  country: (code: string) => string
  /** The label of an enum field's option in the current language, or undefined for a value the definition lacks. */
  option: (field: string, value: string) => string | undefined
  separator: string
}

export interface Cell {
  /** What the cell shows. */
  text: string
  /** The raw value, for tests and links: a list is joined with commas. */
  value: string
}

export function cellOf(col: ListColumn, row: Record<string, unknown>, fmt: CellFormat): Cell {
  const name = col.field ?? col.key
  const raw = row[name]
  const str = (v: unknown) => (v === undefined || v === null ? '' : String(v))
  switch (col.kind) {
    case 'countries': {
      const codes = Array.isArray(raw) ? raw.map(String) : []
      return { text: codes.map(fmt.country).join(fmt.separator), value: codes.join(',') }
    }
    case 'date_range': {
      const from = str(row[col.from ?? '']), to = str(row[col.to ?? ''])
      if (!from && !to) return { text: '', value: '' }
      return { text: `${from ? fmt.date(from) : ''} – ${to ? fmt.date(to) : ''}`, value: `${from}/${to}` }
    }
    case 'date': return { text: raw ? fmt.date(str(raw)) : '', value: str(raw) }
    case 'number': return { text: typeof raw === 'number' ? fmt.number(raw) : str(raw), value: str(raw) }
    // a value the definition does not list (an older option, a typo in the data) shows as it is
    case 'option': {
      const v = str(raw)
      return { text: v && (fmt.option(name, v) ?? v), value: v }
    }
    default: return { text: str(raw), value: str(raw) }
  }
}

export function liveFiguresOf(def: CaseTypeDef | null | undefined): LiveFigure[] {
  return uiOf(def).live_figures ?? []
}

/** A figure's value for the form data; null when it cannot be computed yet (shown as a dash). */
export function figureValue(fig: LiveFigure, data: Data | null | undefined): number | null {
  if (!data) return null
  switch (fig.kind) {
    case 'days_between':
      return inclusiveDays(data[fig.from ?? ''] as string, data[fig.to ?? ''] as string) ?? null
    case 'count': {
      const items = Array.isArray(data[fig.path ?? '']) ? (data[fig.path ?? ''] as Data[]) : []
      const keys = fig.item_keys
      return keys?.length ? items.filter((it) => keys.some((k) => it?.[k] !== undefined && it?.[k] !== null && it?.[k] !== '')).length : items.length
    }
    case 'computed': {
      const fn = fig.function ? figureFn(fig.function) : undefined
      return fn ? fn(data) : null
    }
    default:
      return null
  }
}
