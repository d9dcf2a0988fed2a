import { createRouter, createWebHistory, type RouteRecordRaw } from 'vue-router'
import { useSessionStore } from '@/stores/session'
import { homeFor, MENU } from './menu'
import type { Role } from '@/api/types'

const roles = (key: string): Role[] => MENU.find((m) => m.key === key)?.roles ?? []

const routes: RouteRecordRaw[] = [
  { path: '/login', name: 'login', component: () => import('@/views/auth/login/index.vue'), meta: { public: true } },
  {
    path: '/',
    component: () => import('@/views/layout/shell/index.vue'),
    children: [
      { path: '', name: 'home', component: () => import('@/views/layout/welcome/index.vue') },
      { path: 'welcome', name: 'welcome', component: () => import('@/views/layout/welcome/index.vue') },
      { path: 'applications', name: 'applications', component: () => import('@/views/cases/list/index.vue'), props: { mode: 'portal' }, meta: { roles: roles('applications') } },
      { path: 'applications/new', name: 'application-new', component: () => import('@/views/cases/edit/index.vue'), meta: { roles: roles('applications'), viewKey: 'application-edit' } },
      { path: 'queue', name: 'queue', component: () => import('@/views/cases/list/index.vue'), props: { mode: 'queue' }, meta: { roles: roles('queue') } },
      { path: 'cases/:id', name: 'case', component: () => import('@/views/cases/detail/index.vue'), props: true },
      { path: 'cases/:id/edit', name: 'case-edit', component: () => import('@/views/cases/edit/index.vue'), props: true, meta: { roles: roles('applications'), viewKey: 'application-edit' } },
      { path: 'dashboard', name: 'dashboard', component: () => import('@/views/travel/dashboard/index.vue'), meta: { roles: roles('dashboard') } },
      { path: 'organizations', name: 'organizations', component: () => import('@/views/orgs/list/index.vue'), meta: { roles: roles('organizations') } },
      { path: 'organizations/:id', name: 'organization', component: () => import('@/views/orgs/detail/index.vue'), props: true, meta: { roles: roles('organizations') } },
      { path: 'custody', name: 'custody', component: () => import('@/views/travel/custody/index.vue'), meta: { roles: roles('custody') } },
      { path: 'admin/users', name: 'users', component: () => import('@/views/users/list/index.vue'), meta: { roles: roles('users') } },
      { path: 'admin/policy', name: 'policy', component: () => import('@/views/travel/policy/index.vue'), meta: { roles: roles('policy') } },
      { path: 'admin/holidays', name: 'holidays', component: () => import('@/views/reference/holidays/index.vue'), meta: { roles: roles('holidays') } },
      { path: 'audit', name: 'audit', component: () => import('@/views/audit/log/index.vue'), meta: { roles: roles('audit') } },
      { path: ':pathMatch(.*)*', name: 'not-found', component: () => import('@/views/layout/not-found/index.vue') },
    ],
  },
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
  if (to.name === 'home') return homeFor(session.user.roles)
  const allowed = to.meta.roles as Role[] | undefined
  if (allowed && !session.hasRole(...allowed)) return { name: 'not-found', params: { pathMatch: to.path.slice(1).split('/') } }
  return true
})
