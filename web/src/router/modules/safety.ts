// Overseas safety: the consular desk's crisis map — who of the traveller register is inside an
// incident's circle during its window — and its incidents, each with a roll call. The office's
// staff see the entries; the server decides who works the consular desk (the auditor reads),
// and the screens say so when it refuses. The person abroad answers the roll call through a
// one-time link, outside the signed-in layout (/safe/<token>, no account).
import type { Role } from '@/api/types'
import type { ModuleRoutes } from '../collect'

const office: Role[] = ['officer', 'approver', 'auditor']

export default [
  { path: 'safety/affected', name: 'safety-affected', component: () => import('@/views/safety/affected/index.vue'),
    meta: { roles: office, menu: { title: 'safety.menu.affected', icon: 'Location', order: 29.9 } } },
  { path: 'safety/incidents', name: 'safety-incidents', component: () => import('@/views/safety/incidents/index.vue'),
    meta: { roles: office, menu: { title: 'safety.menu.incidents', icon: 'Warning', order: 29.95 } } },
  { path: 'safety/incidents/:id(\\d+)', name: 'safety-incident', component: () => import('@/views/safety/incidents/detail.vue'), props: true,
    meta: { roles: office } },
  // public: the roll call's link
  { path: '/safe/:token', name: 'safety-answer', component: () => import('@/views/safety/answer/index.vue'), props: true, meta: { public: true } },
  { path: 'safety/alerts', name: 'safety-alerts', component: () => import('@/views/safety/alerts/index.vue'),
    meta: { roles: office, menu: { title: 'safety.menu.alerts', icon: 'Bell', order: 29.97 } } },
  { path: 'safety/alerts/:id(\\d+)', name: 'safety-alert', component: () => import('@/views/safety/alerts/detail.vue'), props: true,
    meta: { roles: office } },
  // public: the travel alerts in force (the address the alerts' e-mails give)
  { path: '/travel-alerts', name: 'travel-alerts', component: () => import('@/views/safety/travel-alerts/index.vue'), meta: { public: true } },
] satisfies ModuleRoutes
