import { request } from './request'
import type { OwnSession, User } from './types'

export interface SessionReply { user: User; csrf_token: string }

export const login = (username: string, password: string) =>
  request<SessionReply>('/auth/login', { method: 'POST', body: { username, password }, silent: true })
export const logout = () => request<void>('/auth/logout', { method: 'POST', silent: true })
export const getMe = () => request<SessionReply>('/me', { silent: true })
export const updateMe = (patch: { locale?: string }) =>
  request<{ user: User }>('/me', { method: 'PATCH', body: patch, silent: true })

// The signed-in user's own account: the password change (silent: the page shows the field
// errors) and their open sessions.
export const changePassword = (current_password: string, new_password: string) =>
  request<void>('/me/password', { method: 'POST', body: { current_password, new_password }, silent: true })
export const listMySessions = () => request<{ items: OwnSession[] }>('/me/sessions')
export const revokeMySession = (id: number) => request<void>(`/me/sessions/${id}`, { method: 'DELETE' })
