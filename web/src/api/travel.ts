import { request } from './request'
import type { Page } from './types'

export const EXTRA_DAY_REGIONS = ['africa', 'latin_america'] as const
export type ExtraDayRegion = (typeof EXTRA_DAY_REGIONS)[number]

/** The outbound_travel policy, exactly the members the server accepts (unknown ones are refused with 422). */
export interface TravelPolicy {
  max_countries: number
  /** Trip days allowed for n countries: {"1": 5, "2": 8, "3": 10}; keys from 1 without a gap. */
  max_days: Record<string, number>
  /** Regions a destination in which adds one day to the limit (src/travel/rules.cpp ValidatePolicy). */
  extra_day_regions: ExtraDayRegion[]
  max_members: number
  publicity_working_days: number
  report_months: number
  passport_due_days: number
  severity: Record<string, 'blocking' | 'warning'>
  direct_report: { min_trips_12m: number; max_rejected_12m: number; max_overdue_reports: number }
}

export interface Eligibility {
  org_id: number
  direct_report: boolean
  eligible: boolean
  criteria: { id: string; label: { zh: string; en: string } | string; value: number | string | boolean; threshold: number | string | boolean; passed: boolean }[]
}

export interface DirectReportEvent { granted: boolean; reason: string; by: { id: number; display_name: string } | string | null; at: string }

export interface CustodyItem {
  id: number
  case_id: number
  case_number: string
  member_name: string
  id_number: string
  issued_at: string
  due_date: string
  returned_at: string | null
  overdue: boolean
}

export interface TravelDashboard {
  by_state: Record<string, number>
  by_month: { month: string; count: number }[]
  processing_days: { direct_report: number | null; normal: number | null }
  top_countries: { country: string; count: number }[]
}

export const getPolicy = () => request<TravelPolicy>('/policies/outbound_travel')
export const putPolicy = (p: TravelPolicy) => request<TravelPolicy>('/policies/outbound_travel', { method: 'PUT', body: p })

export const getEligibility = (orgId: number) => request<Eligibility>(`/organizations/${orgId}/direct-report-eligibility`)
export const setDirectReport = (orgId: number, granted: boolean, reason: string) =>
  request<unknown>(`/organizations/${orgId}/direct-report`, { method: 'POST', body: { granted, reason } })
export const getDirectReportHistory = (orgId: number) =>
  request<{ items: DirectReportEvent[] }>(`/organizations/${orgId}/direct-report-history`)

export const listCustody = (q: { overdue?: boolean; case_id?: number; page?: number; page_size?: number }) =>
  request<Page<CustodyItem>>('/passport-custody', { query: q })
export const returnPassport = (id: number) => request<unknown>(`/passport-custody/${id}/return`, { method: 'POST' })

export const getTravelDashboard = () => request<TravelDashboard>('/dashboard/travel')
