import { createRouter, createWebHistory, type RouteRecordRaw } from 'vue-router'
import { useSessionStore } from '@/stores/session'
import { homeFor } from './menu'
import { shell, top } from './routes'

// The modules' top-level routes (sign-in) and, inside the application shell, their pages.
const routes: RouteRecordRaw[] = [
  ...top,
  { path: '/', component: () => import('@/views/layout/shell/index.vue'), children: shell },
]

export const router = createRouter({ history: createWebHistory(), routes })

router.beforeEach(async (to) => {
  const session = useSessionStore()
  await session.load()
  if (to.meta.public) {
    if (to.name === 'login' && session.user) return homeFor(session.user.roles)
    return true
  }
  if (!session.user) return { name: 'login', query: to.fullPath !== '/' ? { redirect: to.fullPath } : {} }
  // An account an administrator created or reset: the password change comes first.
  if (session.user.must_change_password && to.name !== 'account') return { name: 'account' }
  if (to.name === 'home') return homeFor(session.user.roles)
  const allowed = to.meta.roles
  if (allowed && !session.hasRole(...allowed)) return { name: 'not-found', params: { pathMatch: to.path.slice(1).split('/') } }
  return true
})
