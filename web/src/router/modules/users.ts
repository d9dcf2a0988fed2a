// Users and their roles: the system admin makes accounts, the security admin gives roles;
// both confirm each other's changes to administrators' accounts.
import type { ModuleRoutes } from '../collect'

export default [
  { path: 'admin/users', name: 'users', component: () => import('@/views/users/list/index.vue'),
    meta: { roles: ['admin', 'security_admin'], menu: { title: 'common.menu_users', icon: 'User', order: 60 } } },
] satisfies ModuleRoutes
