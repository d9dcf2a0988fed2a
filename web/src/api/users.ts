import { request } from './request'
import type { Page, Role, User } from './types'

export interface UserInput {
  username?: string
  password?: string
  display_name?: string
  email?: string
  org_id?: number | null
  roles?: Role[]
}

export const listUsers = (q: { q?: string; page?: number; page_size?: number } = {}) => request<Page<User>>('/users', { query: q })
export const createUser = (u: UserInput) => request<User>('/users', { method: 'POST', body: u })
export const updateUser = (id: number, u: UserInput) => request<User>(`/users/${id}`, { method: 'PATCH', body: u })
