import { request, uploadRaw } from './request'
import type { Attachment, Case, CaseSummary, CaseTypeDef, Check, ErrorDetail, HistoryItem, Page, Subrecord } from './types'

export interface CaseQuery {
  type?: string
  state?: string
  q?: string
  assigned_to?: string
  overdue?: boolean
  org_id?: number | string
  /** a destination, ISO 3166-1 alpha-2 */
  country?: string
  /** month of submission, YYYY-MM */
  month?: string
  sort?: string
  page?: number
  page_size?: number
}

// case types
export const getCaseTypes = () => request<{ items: { type: string; label: unknown; description: unknown }[] }>('/case-types')
export const getCaseType = (type: string) => request<CaseTypeDef>(`/case-types/${encodeURIComponent(type)}`)

// applicant
export const createCase = (type: string, data: Record<string, unknown>) =>
  request<Case>('/cases', { method: 'POST', body: { type, data }, silent: true })
export const updateCase = (id: number, data: Record<string, unknown>) =>
  request<Case>(`/cases/${id}`, { method: 'PATCH', body: { data }, silent: true })
export const checkCase = (type: string, data: Record<string, unknown>) =>
  request<{ errors: ErrorDetail[]; checks: Check[] }>('/cases/check', { method: 'POST', body: { type, data }, silent: true })

// everyone who may see the case
export const listCases = (q: CaseQuery) => request<Page<CaseSummary>>('/cases', { query: q as any })
export const getCase = (id: number | string) => request<Case>(`/cases/${id}`, { silent: true })
export const getHistory = (id: number) => request<{ items: HistoryItem[] }>(`/cases/${id}/history`)
export const getChecks = (id: number) => request<{ items: Check[] }>(`/cases/${id}/checks`)
export const addComment = (id: number, body: string) =>
  request<unknown>(`/cases/${id}/comments`, { method: 'POST', body: { body } })
export const listAttachments = (id: number) => request<{ items: Attachment[] }>(`/cases/${id}/attachments`)
export const uploadAttachment = (id: number, file: File, onProgress: (pct: number) => void) =>
  uploadRaw<Attachment>(`/cases/${id}/attachments?filename=${encodeURIComponent(file.name)}`, file, onProgress)
export const attachmentUrl = (attachmentId: number) => `/api/v1/attachments/${attachmentId}`
export const documentUrl = (documentId: number) => `/api/v1/documents/${documentId}`

// workflow
export interface TransitionBody {
  action: string
  comment?: string
  override_reasons?: Record<string, string>
  data?: Record<string, unknown>
}
export const transition = (id: number, body: TransitionBody) =>
  request<Case>(`/cases/${id}/transitions`, { method: 'POST', body, silent: true })
export const assignCase = (id: number, userId: number | null) =>
  request<Case>(`/cases/${id}/assign`, { method: 'POST', body: { user_id: userId } })

// sub-records (a case's documents, pre-clearances…: the type's definition declares their kinds)
export const listSubrecords = (id: number) => request<{ items: Subrecord[] }>(`/cases/${id}/subrecords`)
export const addSubrecord = (id: number, kind: string, data: Record<string, unknown>) =>
  request<Subrecord>(`/cases/${id}/subrecords`, { method: 'POST', body: { kind, data }, silent: true })
export const transitionSubrecord = (id: number, subrecordId: number, action: string, comment?: string) =>
  request<Subrecord>(`/cases/${id}/subrecords/${subrecordId}/transitions`, {
    method: 'POST', body: comment ? { action, comment } : { action }, silent: true,
  })
