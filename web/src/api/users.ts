import { request } from './request'
import type { components } from './schema'
import type { Page, Role, User } from './types'

export interface UserInput {
  username?: string
  password?: string
  display_name?: string
  email?: string
  org_id?: number | null
  roles?: Role[]
  active?: boolean
}

/** A change to an administrator's account, waiting for another administrator (or decided). */
export type AccountChange = components['schemas']['AccountChange']

/** A change is answered with the account (applied) or with the pending change (202). */
export const isPending = (r: User | AccountChange): r is AccountChange => 'state' in r

export const listUsers = (q: { q?: string; page?: number; page_size?: number } = {}) => request<Page<User>>('/users', { query: q })
export const createUser = (u: UserInput) => request<User>('/users', { method: 'POST', body: u })
export const updateUser = (id: number, u: UserInput) => request<User | AccountChange>(`/users/${id}`, { method: 'PATCH', body: u })
export const setRoles = (id: number, roles: Role[]) => request<User | AccountChange>(`/users/${id}/roles`, { method: 'PUT', body: { roles } })

export const listAccountChanges = (q: { state?: 'pending' | 'applied' | 'rejected'; page?: number; page_size?: number } = {}) =>
  request<Page<AccountChange>>('/account-changes', { query: q })
export const confirmAccountChange = (id: number) => request<AccountChange>(`/account-changes/${id}/confirm`, { method: 'POST' })
export const rejectAccountChange = (id: number) => request<AccountChange>(`/account-changes/${id}/reject`, { method: 'POST' })
