// Notifications: the inbox (every signed-in user, reached from the bell in the header, no menu
// entry) and the office's mass sends, reviewed before they go.
import type { ModuleRoutes } from '../collect'

export default [
  { path: 'inbox', name: 'inbox', component: () => import('@/views/inbox/list/index.vue') },
  { path: 'notifications/batches', name: 'notification-batches', component: () => import('@/views/inbox/batches/index.vue'),
    meta: { roles: ['officer', 'approver'], menu: { title: 'inbox.batches.menu', icon: 'Promotion', order: 85 } } },
] satisfies ModuleRoutes
