// The signed-in user's unread count, shared by the header's bell and the inbox page: read
// every 45 s while a page is open, on each route change, and after the inbox marks messages read.
import { ref } from 'vue'
import { unreadCount } from '@/api/inbox'

export const POLL_MS = 45_000
export const unread = ref<number | null>(null)

export async function refreshUnread() {
  try {
    unread.value = (await unreadCount()).unread
  } catch {
    /* signed out or offline: keep what was shown */
  }
}
