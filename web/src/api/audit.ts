import { request } from './request'
import type { Page } from './types'

export interface AuditEntry {
  id: number
  at: string
  user_id: number | null
  username: string | null
  ip: string | null
  action: string
  object_type: string
  object_id: string | number | null
  detail: unknown
  hash: string
}

export interface AuditQuery {
  action?: string
  object_type?: string
  object_id?: string
  user_id?: string
  from?: string
  to?: string
  page?: number
  page_size?: number
}

export const listAudit = (q: AuditQuery) => request<Page<AuditEntry>>('/audit', { query: q as any })
export const verifyAudit = () => request<{ ok: boolean; entries: number; first_bad_id: number | null }>('/audit/verify')
