// A visa application's checklist: the documents the catalog asks for its destination and kind,
// each with the files uploaded into its slot. Pure: unit-tested in checklist.test.ts.

export interface SlotDocument {
  slot: string
  label: { zh: string; en: string }
}

export interface FileInSlot {
  id: number
  filename: string
  /** its document slot, or '' */
  kind: string
}

export interface ChecklistRow<F extends FileInSlot = FileInSlot> extends SlotDocument {
  files: F[]
  attached: boolean
}

export interface Checklist<F extends FileInSlot = FileInSlot> {
  rows: ChecklistRow<F>[]
  /** How many documents of the checklist have a file. */
  attached: number
  total: number
  complete: boolean
}

/** The checklist in the catalog's order, each document with its files (in upload order). */
export function checklistOf<F extends FileInSlot>(documents: SlotDocument[], files: F[]): Checklist<F> {
  const rows = documents.map((d) => {
    const mine = files.filter((f) => f.kind === d.slot)
    return { ...d, files: mine, attached: mine.length > 0 }
  })
  const attached = rows.filter((r) => r.attached).length
  return { rows, attached, total: rows.length, complete: rows.length > 0 && attached === rows.length }
}
