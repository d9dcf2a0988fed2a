// What the nested field blocks of one form share (provided by DefinitionForm).
import type { ComputedRef, InjectionKey } from 'vue'
import type { ErrorDetail } from '@/api/types'

export interface FormContext {
  errors: ComputedRef<Record<string, ErrorDetail[]>>
  clearError: (path: string) => void
  /** Marks a derived field as typed by the user: it is no longer proposed. */
  markEdited: (container: object, name: string) => void
  isEdited: (container: object, name: string) => boolean
  readonly: boolean
}

export const FORM_CONTEXT: InjectionKey<FormContext> = Symbol('waishi-form')
