// Pure helpers of the definition-driven form: initial values, cleaning before sending,
// error paths, and the figures the live rule feedback shows. Unit-tested in model.test.ts.
import type { CaseTypeDef, ErrorDetail, FieldDef, TransitionDef } from '@/api/types'

export type Data = Record<string, unknown>

/** The empty value of one field, as the form edits it. */
export function initialValue(f: FieldDef): unknown {
  switch (f.type) {
    case 'text': case 'date': case 'country': case 'enum': return f.default ?? ''
    case 'number': return f.default ?? undefined
    case 'boolean': return f.default ?? false
    case 'object': return initialObject(f.fields ?? [])
    case 'list': return Array.from({ length: Math.max(1, f.min_items ?? 0) }, () => initialObject(f.item?.fields ?? []))
  }
}

export function initialObject(fields: FieldDef[]): Data {
  const o: Data = {}
  for (const f of fields) o[f.name] = initialValue(f)
  return o
}

/** Merges loaded data into the form's shape so every field has an editable value. */
export function hydrate(fields: FieldDef[], data: Data | undefined): Data {
  const o = initialObject(fields)
  if (!data) return o
  for (const f of fields) {
    const v = data[f.name]
    if (v === undefined || v === null) continue
    if (f.type === 'object' && typeof v === 'object' && !Array.isArray(v)) o[f.name] = hydrate(f.fields ?? [], v as Data)
    else if (f.type === 'list' && Array.isArray(v)) o[f.name] = v.map((it) => hydrate(f.item?.fields ?? [], it as Data))
    else o[f.name] = v
  }
  // keep fields the form does not show (e.g. a later stage's), so PATCH does not drop them
  for (const [k, v] of Object.entries(data)) if (!(k in o)) o[k] = v
  return o
}

/** What is sent to the server: empty strings, nulls and undefined values are left out. */
export function clean(fields: FieldDef[], data: Data): Data {
  const out: Data = {}
  const known = new Set(fields.map((f) => f.name))
  for (const f of fields) {
    const v = data[f.name]
    if (v === undefined || v === null || v === '') continue
    if (f.type === 'object') {
      const c = clean(f.fields ?? [], (v ?? {}) as Data)
      if (Object.keys(c).length) out[f.name] = c
    } else if (f.type === 'list') {
      out[f.name] = (v as Data[]).map((it) => clean(f.item?.fields ?? [], it))
    } else if (f.type === 'text' && typeof v === 'string') {
      const s = v.trim()
      if (s) out[f.name] = f.multiline ? v : s
    } else {
      out[f.name] = v
    }
  }
  for (const [k, v] of Object.entries(data)) if (!known.has(k) && v !== undefined && v !== null && v !== '') out[k] = v
  return out
}

/**
 * What a transition sends: the fields it writes, cleaned, and nothing else — the form holds the
 * case's whole data (hydrated), and the server refuses any other field (its "stage" rule).
 */
export function cleanWrites(fields: FieldDef[], data: Data): Data {
  const own = new Set(fields.map((f) => f.name))
  return Object.fromEntries(Object.entries(clean(fields, data)).filter(([k]) => own.has(k)))
}

/** `members.1.id_number`, `/members/1/id_number`, `$.members[1].id_number` → `members[1].id_number`. */
export function normalizePath(p: string | undefined | null): string {
  if (!p) return ''
  let s = p.trim().replace(/^\$\.?/, '')
  if (s.startsWith('/')) s = s.slice(1).replace(/\//g, '.')
  s = s.replace(/^data\./, '')
  s = s.replace(/\.(\d+)(?=\.|$)/g, '[$1]')
  return s
}

/** Groups error details by normalized field path ('' for those with no field). */
export function groupByField(details: ErrorDetail[]): Record<string, ErrorDetail[]> {
  const out: Record<string, ErrorDetail[]> = {}
  for (const d of details) (out[normalizePath(d.field)] ??= []).push(d)
  return out
}

/**
 * The fields a form shows. With a transition: the fields it writes (its `writes`, e.g. the
 * post-trip report). Without: the application's, every field no transition writes.
 */
export function fieldsFor(def: Pick<CaseTypeDef, 'fields' | 'transitions'>, transition?: TransitionDef): FieldDef[] {
  if (transition) return def.fields.filter((f) => transition.writes?.includes(f.name))
  const written = new Set(def.transitions.flatMap((t) => t.writes ?? []))
  return def.fields.filter((f) => !written.has(f.name))
}

/** A DOM id for a field path. */
export function fieldId(path: string): string {
  return `f-${path.replace(/[^a-zA-Z0-9]+/g, '-')}`
}
