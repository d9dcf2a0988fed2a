// Importing the registry from the office's spreadsheet: the file chosen read in the browser (an
// xlsx file's first worksheet, or a CSV file) to rows of text, its header found and its columns
// matched to ours by name (the words of both catalogues), the CSV text the mapping makes, and
// the server's answers — the preview (a dry run), a refusal with its errors, the import
// confirmed (merging only when the preview found cities of the file in the registry) or refused
// because someone added one of its cities meanwhile (409: the preview is run again, those rows
// named).
import { computed, reactive, ref, shallowRef, watch } from 'vue'
import { useI18n } from 'vue-i18n'
import { ApiError } from '@/api/request'
import { importCities, type ImportResult } from '@/api/network'
import { LOCALES } from '@/i18n'
import { useReferenceStore } from '@/stores/reference'
import {
  CsvError, MAX_FILE_BYTES, decodeCsv, fileKind, parseCsv, rowErrors, sheetRow, xlsxRows, type FileKind, type RowError, type SheetRows,
} from '@/utils/sheet'
import {
  MAX_CSV_CHARS, MAX_ROWS, buildCsv, catalogueWords, emptyMapping, headerIndex, lookup, matchHeaders, shared, unmapped, type Sheet,
} from './mapping'
import { confirmOptions, writes } from './outcome'

export interface ChosenFile { name: string; kind: FileKind; sheet: Sheet }

/** Why a file was not read (network.import.file.unread.<reason>), with the line of a CSV file's open quote. */
export interface Unread { reason: 'kind' | 'size' | 'xlsx' | 'csv' | 'read' | 'empty'; line?: number }

/** The CSV text sent, and the sheet's row of each of its records (the header's first). */
export interface Sent { csv: string; rowOf: number[] }

export type Outcome =
  /** What the import would do; `conflict`: the sheet's rows of cities added to the registry meanwhile. */
  | { kind: 'preview'; result: ImportResult; sent: Sent; conflict: number[] }
  /** Nothing can be imported: the file's errors. */
  | { kind: 'refused'; errors: RowError[]; sent: Sent }
  /** Another refusal (the session ended…): the server's words in both languages. */
  | { kind: 'failed'; message: string; message_zh: string }

export function useCityImport(done: (result: ImportResult, file: string) => void) {
  const reference = useReferenceStore()
  reference.loadCountries().catch(() => undefined)
  const { t } = useI18n()
  // a Chinese office's sheet has Chinese headers whatever the UI's language: both catalogues' words
  const words = catalogueWords((key) => LOCALES.map((locale) => t(key, {}, { locale })))
  const values = computed(() => lookup(words, reference.countries))

  const chosen = shallowRef<ChosenFile | null>(null)
  const reading = ref(false)
  const unread = ref<Unread | null>(null)
  const mapping = reactive(emptyMapping())
  const busy = ref(false)
  const outcome = shallowRef<Outcome | null>(null)

  const header = computed(() => (chosen.value ? chosen.value.sheet.rows[chosen.value.sheet.header] : []))
  /** The first row below the header (the mapping shows its values). */
  const firstRow = computed(() => chosen.value?.sheet.rows[chosen.value.sheet.header + 1] ?? [])
  const built = computed(() => (chosen.value ? buildCsv(chosen.value.sheet, mapping, values.value) : null))
  const missing = computed(() => unmapped(mapping))
  const doubled = computed(() => shared(mapping))
  const tooLarge = computed(() => !!built.value && (built.value.rows > MAX_ROWS || built.value.csv.length > MAX_CSV_CHARS))
  const canPreview = computed(() => !!built.value && !missing.value.length && !doubled.value.length && !tooLarge.value)

  // a preview is of the mapping it was made with
  watch(mapping, () => { outcome.value = null })

  async function choose(file: File) {
    outcome.value = null
    unread.value = null
    chosen.value = null
    const kind = fileKind(file.name)
    if (!kind) { unread.value = { reason: 'kind' }; return }
    if (file.size > MAX_FILE_BYTES) { unread.value = { reason: 'size' }; return }
    reading.value = true
    try {
      const data = await file.arrayBuffer()
      const rows: SheetRows = kind === 'xlsx' ? await xlsxRows(data) : parseCsv(decodeCsv(new Uint8Array(data)))
      if (!rows.rows.length) { unread.value = { reason: 'empty' }; return }
      const at = headerIndex(rows.rows, words)
      Object.assign(mapping, matchHeaders(rows.rows[at], words))
      chosen.value = { name: file.name, kind, sheet: { ...rows, header: at } }
    } catch (e) {
      unread.value = e instanceof CsvError ? { reason: 'csv', line: e.line } : { reason: kind === 'xlsx' ? 'xlsx' : 'read' }
    } finally {
      reading.value = false
    }
  }

  function refused(e: unknown, sent: Sent) {
    if (!(e instanceof ApiError)) throw e
    outcome.value = e.status === 422 && e.code === 'validation_failed'
      ? { kind: 'refused', errors: rowErrors(e.details), sent }
      : { kind: 'failed', message: e.messageEn, message_zh: e.messageZh }
  }

  /** A dry run of the file as mapped (of `sent` again after a conflict, naming its rows). */
  async function preview(again?: { sent: Sent; conflict: number[] }) {
    const f = chosen.value
    const b = again?.sent ?? built.value
    if (!f || !b || busy.value) return
    const sent = { csv: b.csv, rowOf: b.rowOf }
    busy.value = true
    try {
      const result = await importCities({ csv: sent.csv, file_name: f.name, dry_run: true })
      outcome.value = { kind: 'preview', result, sent, conflict: again?.conflict ?? [] }
    } catch (e) {
      refused(e, sent)
    } finally {
      busy.value = false
    }
  }

  /** Imports what was previewed; a city added meanwhile (409) runs the preview again. */
  async function confirm() {
    const f = chosen.value
    const o = outcome.value
    if (!f || o?.kind !== 'preview' || !writes(o.result) || busy.value) return
    busy.value = true
    let conflict: number[] | null = null
    try {
      done(await importCities({ csv: o.sent.csv, file_name: f.name, ...confirmOptions(o.result) }), f.name)
    } catch (e) {
      if (e instanceof ApiError && e.status === 409 && e.code === 'network.import.duplicates') {
        conflict = [...new Set(rowErrors(e.details).map((d) => sheetRow(d.row, o.sent.rowOf)))]
      } else {
        refused(e, o.sent)
      }
    } finally {
      busy.value = false
    }
    if (conflict) await preview({ sent: o.sent, conflict })
  }

  return {
    chosen, reading, unread, mapping, header, firstRow, values, built, missing, doubled, tooLarge, canPreview, busy, outcome,
    choose, preview, confirm,
  }
}
