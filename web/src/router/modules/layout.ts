// The shell's own pages: home (sends each user to their first menu entry), welcome, not found.
import type { ModuleRoutes } from '../collect'

const welcome = () => import('@/views/layout/welcome/index.vue')

export default [
  { path: '', name: 'home', component: welcome },
  { path: 'welcome', name: 'welcome', component: welcome },
  { path: ':pathMatch(.*)*', name: 'not-found', component: () => import('@/views/layout/not-found/index.vue') },
] satisfies ModuleRoutes
