import { request } from './request'
import type { Country } from './types'

export interface Holiday { date: string; kind: 'holiday' | 'workday'; name_zh: string; name_en: string }

export const listCountries = () => request<{ items: Country[] }>('/countries')
export const proposePassportName = (name: string) =>
  request<{ passport_name: string }>('/tools/passport-name', { query: { name }, silent: true })
export const listHolidays = (year: number) => request<{ items: Holiday[] }>('/holidays', { query: { year } })
export const putHoliday = (h: Holiday) =>
  request<Holiday>(`/holidays/${h.date}`, { method: 'PUT', body: { kind: h.kind, name_zh: h.name_zh, name_en: h.name_en } })
export const deleteHoliday = (date: string) => request<void>(`/holidays/${date}`, { method: 'DELETE' })
export const getHealth = () => request<{ status: string; database: string; version: string }>('/health')
