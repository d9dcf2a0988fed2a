import { request } from './request'

export interface Verification {
  kind: string
  number: string
  issued_on: string
  revoked: boolean
  revoked_on: string | null
  register: Record<string, unknown>
}

/** The public register's entry of a document, found by its number and its date of issue together. */
export const verifyDocument = (kind: string, number: string, date: string) =>
  request<Verification>(`/verify/${encodeURIComponent(kind)}`, { query: { number, date }, silent: true })
