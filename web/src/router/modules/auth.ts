// Signing in: outside the application shell.
import type { ModuleRoutes } from '../collect'

export default [
  { path: '/login', name: 'login', component: () => import('@/views/auth/login/index.vue'), meta: { public: true } },
] satisfies ModuleRoutes
