// Users and their roles (admin).
import type { ModuleRoutes } from '../collect'

export default [
  { path: 'admin/users', name: 'users', component: () => import('@/views/users/list/index.vue'),
    meta: { roles: ['admin'], menu: { title: 'common.menu_users', icon: 'User', order: 60 } } },
] satisfies ModuleRoutes
