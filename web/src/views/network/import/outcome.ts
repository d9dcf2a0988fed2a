// The server's answer to an import, the pure part: a preview's changes in our columns' order,
// what confirming it sends (merge only when it merges), and a refused file's errors at the
// sheet's columns (the header and letter of the one that gave the column the server names).
// No Vue, no requests: unit-tested in outcome.test.ts.
import type { ImportResult } from '@/api/network'
import type { RowError } from '@/utils/sheet'
import { COLUMNS, columnLetter, type Column, type Mapping } from './mapping'

export type ImportedCity = ImportResult['cities'][number]
export type Change = ImportedCity['changes'][number]

/** A city's changes in our columns' order (the server lists them by name). */
export const inOrder = (changes: readonly Change[]): Change[] =>
  [...changes].sort((a, b) => COLUMNS.indexOf(a.field as Column) - COLUMNS.indexOf(b.field as Column))

/** Whether confirming the preview writes anything. */
export const writes = (r: Pick<ImportResult, 'added' | 'merged'>) => r.added + r.merged > 0

/**
 * What confirming a preview sends besides the file: merge when the preview found cities of the
 * file in the registry — to merge, or unchanged: without merge the server refuses a file with
 * any city it has (409), changed or not. When it found none, merge is left out, so that a city
 * someone added meanwhile refuses the file instead of being merged unseen.
 */
export const confirmOptions = (r: Pick<ImportResult, 'merged' | 'unchanged'>) => (r.merged + r.unchanged > 0 ? { merge: true } : {})

/** The data rows an error names (not the header's nor the file's own). */
export const badRows = (errors: readonly RowError[]) => new Set(errors.filter((e) => e.row > 1).map((e) => e.row)).size

/** A column of the sheet: its header and its letter. */
export interface SheetColumn { header: string; letter: string }

/** The sheet's column that gave one of ours (by the server's name for it), if one did. */
export function sheetColumn(column: string, m: Mapping, header: readonly string[]): SheetColumn | null {
  const i = (COLUMNS as readonly string[]).includes(column) ? m[column as Column] : null
  return i === null ? null : { header: header[i] ?? '', letter: columnLetter(i) }
}

