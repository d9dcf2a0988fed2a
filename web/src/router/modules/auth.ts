// Signing in (outside the application shell) and the signed-in user's own account, reached
// from the user's name in the header (no menu entry). While the password must be changed,
// the router sends every page here (router/index.ts).
import type { ModuleRoutes } from '../collect'

export default [
  { path: '/login', name: 'login', component: () => import('@/views/auth/login/index.vue'), meta: { public: true } },
  { path: 'account', name: 'account', component: () => import('@/views/auth/account/index.vue') },
] satisfies ModuleRoutes
