import { request } from './request'
import type { User } from './types'

export interface SessionReply { user: User; csrf_token: string }

export const login = (username: string, password: string) =>
  request<SessionReply>('/auth/login', { method: 'POST', body: { username, password }, silent: true })
export const logout = () => request<void>('/auth/logout', { method: 'POST', silent: true })
export const getMe = () => request<SessionReply>('/me', { silent: true })
export const updateMe = (patch: { locale?: string }) =>
  request<{ user: User }>('/me', { method: 'PATCH', body: patch, silent: true })
