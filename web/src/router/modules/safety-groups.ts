// Overseas safety: the travel agencies' tour groups. An agency registers its groups and uploads
// each one's list (members, tour leader, itinerary); the consular desk's staff and the auditor
// read every agency's groups. The server decides what each may see and do.
import type { Role } from '@/api/types'
import type { ModuleRoutes } from '../collect'

const readers: Role[] = ['agency', 'officer', 'approver', 'auditor']

export default [
  { path: 'safety/groups', name: 'safety-groups', component: () => import('@/views/safety/groups/index.vue'),
    meta: { roles: readers, menu: { title: 'safetyGroups.menu.groups', icon: 'Flag', order: 29.98 } } },
  { path: 'safety/groups/:id(\\d+)', name: 'safety-group', component: () => import('@/views/safety/groups/detail.vue'), props: true,
    meta: { roles: readers } },
] satisfies ModuleRoutes
