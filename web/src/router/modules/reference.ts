// Reference data kept by the system admin: the holiday calendar.
import type { ModuleRoutes } from '../collect'

export default [
  { path: 'admin/holidays', name: 'holidays', component: () => import('@/views/reference/holidays/index.vue'),
    meta: { roles: ['admin'], menu: { title: 'common.menu_holidays', icon: 'Calendar', order: 80 } } },
] satisfies ModuleRoutes
