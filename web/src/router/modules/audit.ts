// The audit log and its hash chain.
import type { ModuleRoutes } from '../collect'

export default [
  { path: 'audit', name: 'audit', component: () => import('@/views/audit/log/index.vue'),
    meta: { roles: ['auditor', 'audit_admin'], menu: { title: 'common.menu_audit', icon: 'Lock', order: 90 } } },
] satisfies ModuleRoutes
