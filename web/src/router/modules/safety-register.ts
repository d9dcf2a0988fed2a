// Overseas safety: the traveller register searched — a person found by a part of their name,
// phone, e-mail or group, with their contacts and their legs on a map. The office's staff see
// the entry; the server lets the consular desk (and the auditor) search, and the screen says so
// when it refuses. Just before the crisis map in the menu.
import type { Role } from '@/api/types'
import type { ModuleRoutes } from '../collect'

const office: Role[] = ['officer', 'approver', 'auditor']

export default [
  { path: 'safety/register', name: 'safety-register', component: () => import('@/views/safety/register/index.vue'),
    meta: { roles: office, menu: { title: 'safetyRegister.menu', icon: 'Search', order: 29.85 } } },
] satisfies ModuleRoutes
