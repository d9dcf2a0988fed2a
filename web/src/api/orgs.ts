import { request } from './request'
import type { Page } from './types'

export interface Organization {
  id: number
  kind: 'office' | 'district' | 'enterprise'
  name_zh: string
  name_en: string
  uscc?: string | null
  uscc_check?: 'valid' | 'invalid' | null
  parent_id?: number | null
  direct_report?: boolean
}

export type OrgInput = Pick<Organization, 'kind' | 'name_zh' | 'name_en' | 'uscc' | 'parent_id'>

export const listOrgs = (q: { kind?: string; q?: string; page?: number; page_size?: number } = {}) =>
  request<Page<Organization>>('/organizations', { query: q })
export const getOrg = (id: number | string) => request<Organization>(`/organizations/${id}`, { silent: true })
export const createOrg = (o: OrgInput) => request<Organization>('/organizations', { method: 'POST', body: o })
export const updateOrg = (id: number, o: Partial<OrgInput>) => request<Organization>(`/organizations/${id}`, { method: 'PATCH', body: o })
