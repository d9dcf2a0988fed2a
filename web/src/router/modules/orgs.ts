// Organizations: list and detail (modules add panels to the detail: modules/panels.ts).
import type { Role } from '@/api/types'
import type { ModuleRoutes } from '../collect'

const roles: Role[] = ['officer', 'approver', 'admin']

export default [
  { path: 'organizations', name: 'organizations', component: () => import('@/views/orgs/list/index.vue'),
    meta: { roles, menu: { title: 'common.menu_organizations', icon: 'OfficeBuilding', order: 40 } } },
  { path: 'organizations/:id', name: 'organization', component: () => import('@/views/orgs/detail/index.vue'), props: true, meta: { roles } },
] satisfies ModuleRoutes
