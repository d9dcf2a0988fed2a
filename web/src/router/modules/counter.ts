// Counter appointments: the applicants book a slot at one of the office's service windows and
// keep their bookings (the server's notices link to /appointments); the staff of the desks the
// windows serve work the day's list — walk-ins, check-in with queue numbers —, the auditor
// reads it. The menu is by role; the screen offers an officer the windows of their desks only
// (the server checks both again).
import type { Role } from '@/api/types'
import type { ModuleRoutes } from '../collect'

const applicants: Role[] = ['citizen', 'enterprise_user', 'enterprise_admin']
const desk: Role[] = ['officer', 'approver', 'auditor']

export default [
  // the applicants' (after their applications)
  { path: 'appointments/new', name: 'counter-book', component: () => import('@/views/counter/book/index.vue'),
    meta: { roles: applicants, menu: { title: 'counter.menu.book', icon: 'Calendar', order: 18 } } },
  { path: 'appointments', name: 'appointments', component: () => import('@/views/counter/appointments/index.vue'),
    meta: { roles: applicants, menu: { title: 'counter.menu.appointments', icon: 'List', order: 19 } } },
  // the office's (after the desks' queues)
  { path: 'counter-day', name: 'counter-day', component: () => import('@/views/counter/desk/index.vue'),
    meta: { roles: desk, menu: { title: 'counter.menu.day', icon: 'Bell', order: 29.7 } } },
] satisfies ModuleRoutes
