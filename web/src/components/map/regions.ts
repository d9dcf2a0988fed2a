// Countries to colour on the world map. The atlas names its countries by their ISO 3166-1
// numeric code (world-atlas: Natural Earth's ISO_N3, as three digits); the office's data names
// them by alpha-2. The codes' table is i18n-iso-countries' (codes.json: alpha-2, alpha-3,
// numeric, as ISO 3166-1 publishes them), read directly: none of its names are needed.
import codes from 'i18n-iso-countries/codes.json'

/** A country coloured on the map: its code (alpha-2 or numeric), a CSS colour, what it means. */
export interface MapRegion { code: string; color: string; label: string }

const NUMERIC_OF_ALPHA2 = new Map<string, string>((codes as string[][]).map(([a2, , n]) => [a2, n]))

/**
 * The atlas' code of a country given by alpha-2 ("DE") or numeric ("276", "4" or 4): three
 * digits; undefined for a code ISO 3166-1 does not assign.
 */
export function numericOf(code: string | number): string | undefined {
  const s = String(code).trim()
  if (/^\d{1,3}$/.test(s)) return s.padStart(3, '0')
  return NUMERIC_OF_ALPHA2.get(s.toUpperCase())
}

/**
 * The regions keyed by the atlas' code. A country named twice keeps the first entry: the
 * caller lists the most serious first. Codes that name no country are left out.
 */
export function regionsByNumeric(regions: readonly MapRegion[]): Map<string, MapRegion> {
  const out = new Map<string, MapRegion>()
  for (const r of regions) {
    const n = numericOf(r.code)
    if (n && !out.has(n)) out.set(n, r)
  }
  return out
}
