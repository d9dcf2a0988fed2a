// Uploading a group's list: the file chosen is read in the browser (CSV as text, an xlsx sheet
// written as CSV), sent, and the server's answer kept — the list taken with its counts, or
// refused with its errors by row and column and whether its good rows may be confirmed (then
// the same text is sent again with import_good_rows), or another refusal in its own words.
import { ref, shallowRef } from 'vue'
import { ApiError } from '@/api/request'
import { uploadTourGroupList, type ListTaken } from '@/api/safety-groups'
import { MAX_FILE_BYTES, dataRows, decodeCsv, fileKind, rowErrors, xlsxToCsv, type FileKind, type RowError, type SheetText } from '@/utils/sheet'
import { MAX_CSV_CHARS, canConfirm, goodRows } from './list'

export interface ChosenFile extends SheetText { name: string; kind: FileKind }

export type Outcome =
  /** Nothing written: the errors, and whether (and how many) good rows the agency may confirm. */
  | { kind: 'refused'; errors: RowError[]; confirmable: boolean; good: number; confirmed: boolean; rowOf?: number[] }
  | { kind: 'taken'; result: ListTaken; name: string; rowOf?: number[] }
  /** Another refusal (the group gone, the session ended…): the server's words in both languages. */
  | { kind: 'failed'; message: string; message_zh: string }

/** Why a file was not read (safetyGroups.upload.unread.<reason>). */
export type Unread = 'kind' | 'size' | 'xlsx' | 'read'

export function useListUpload(groupId: () => number, taken: (r: ListTaken) => void) {
  const chosen = shallowRef<ChosenFile | null>(null)
  const reading = ref(false)
  const unread = ref<Unread | null>(null)
  const busy = ref(false)
  const outcome = shallowRef<Outcome | null>(null)

  async function choose(file: File) {
    outcome.value = null
    unread.value = null
    chosen.value = null
    const kind = fileKind(file.name)
    if (!kind) { unread.value = 'kind'; return }
    if (file.size > MAX_FILE_BYTES) { unread.value = 'size'; return }
    reading.value = true
    try {
      const data = await file.arrayBuffer()
      let text: SheetText
      if (kind === 'xlsx') {
        text = await xlsxToCsv(data)
      } else {
        const csv = decodeCsv(new Uint8Array(data))
        text = { csv, rows: dataRows(csv) }
      }
      if (text.csv.length > MAX_CSV_CHARS) { unread.value = 'size'; return }
      chosen.value = { name: file.name, kind, ...text }
    } catch {
      unread.value = kind === 'xlsx' ? 'xlsx' : 'read'
    } finally {
      reading.value = false
    }
  }

  /** Sends the file chosen; `goodRows`: the agency confirmed that the rows without errors be taken. */
  async function send(goodRowsOnly = false) {
    const f = chosen.value
    if (!f || busy.value) return
    busy.value = true
    try {
      const r = await uploadTourGroupList(groupId(), { csv: f.csv, file_name: f.name, ...(goodRowsOnly ? { import_good_rows: true } : {}) })
      outcome.value = { kind: 'taken', result: r, name: f.name, rowOf: f.rowOf }
      chosen.value = null
      taken(r)
    } catch (e) {
      if (!(e instanceof ApiError)) throw e
      if (e.status === 422 && e.code === 'validation_failed') {
        const errors = rowErrors(e.details)
        outcome.value = {
          kind: 'refused', errors, confirmed: goodRowsOnly, rowOf: f.rowOf,
          confirmable: !goodRowsOnly && canConfirm(errors, f.rows), good: goodRows(f.rows, errors),
        }
      } else {
        outcome.value = { kind: 'failed', message: e.messageEn, message_zh: e.messageZh }
      }
    } finally {
      busy.value = false
    }
  }

  return { chosen, reading, unread, busy, outcome, choose, send }
}
