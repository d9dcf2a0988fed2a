// The inbox (every signed-in user), the mass sends reviewed before they go (office) and the
// outbox (system administrator): core/notify on the server.
import { request } from './request'
import type { components } from './schema'
import type { Page } from './types'

type Schemas = components['schemas']
export type InboxItem = Schemas['InboxItem']
export type NotificationBatch = Schemas['NotificationBatch']
export type NotificationTemplate = Schemas['NotificationTemplate']
export type BatchState = NotificationBatch['state']

export interface NewBatch {
  key: string
  args: Record<string, string>
  link?: string
  user_ids?: number[]
  organization_ids?: number[]
}

export const listInbox = (q: { page?: number; page_size?: number; unread?: boolean } = {}) =>
  request<Page<InboxItem>>('/inbox', { query: q })
export const unreadCount = () => request<{ unread: number }>('/inbox/unread-count', { silent: true })
export const markRead = (id: number) => request<void>(`/inbox/${id}/read`, { method: 'POST' })
export const markAllRead = () => request<{ marked: number }>('/inbox/read-all', { method: 'POST' })

export const listTemplates = () => request<{ items: NotificationTemplate[] }>('/notifications/templates')
export const listBatches = (q: { state?: BatchState | ''; page?: number; page_size?: number } = {}) =>
  request<Page<NotificationBatch>>('/notifications/batches', { query: q })
export const getBatch = (id: number) => request<NotificationBatch>(`/notifications/batches/${id}`)
export const createBatch = (b: NewBatch) =>
  request<NotificationBatch>('/notifications/batches', { method: 'POST', body: b, silent: true })
export const approveBatch = (id: number) => request<NotificationBatch>(`/notifications/batches/${id}/approve`, { method: 'POST' })
export const rejectBatch = (id: number, reason: string) =>
  request<NotificationBatch>(`/notifications/batches/${id}/reject`, { method: 'POST', body: { reason } })
