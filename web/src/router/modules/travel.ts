// Outbound travel: its applications and review queue (the generic case screens bound to the
// outbound_travel type), its dashboard, passport custody and policy.
import type { Role } from '@/api/types'
import type { ModuleRoutes } from '../collect'
import { caseEdit, caseList } from './cases'

const TYPE = 'outbound_travel'
const applicants: Role[] = ['enterprise_user', 'enterprise_admin']

export default [
  // enterprise
  { path: 'applications', name: 'applications', component: caseList, props: { mode: 'portal', type: TYPE, newRoute: 'application-new' },
    meta: { roles: applicants, menu: { title: 'travel.menu.applications', icon: 'Document', order: 10 } } },
  { path: 'applications/new', name: 'application-new', component: caseEdit, props: { type: TYPE },
    meta: { roles: applicants, viewKey: 'application-edit' } },
  // office
  { path: 'queue', name: 'queue', component: caseList, props: { mode: 'queue', type: TYPE },
    meta: { roles: ['reviewer', 'officer', 'approver', 'auditor'], menu: { title: 'travel.menu.queue', icon: 'Tickets', order: 20 } } },
  { path: 'dashboard', name: 'dashboard', component: () => import('@/views/travel/dashboard/index.vue'),
    meta: { roles: ['officer', 'approver', 'auditor'], menu: { title: 'travel.menu.dashboard', icon: 'DataAnalysis', order: 30 } } },
  { path: 'custody', name: 'custody', component: () => import('@/views/travel/custody/index.vue'),
    meta: { roles: ['officer', 'approver', 'auditor'], menu: { title: 'travel.menu.custody', icon: 'Postcard', order: 50 } } },
  // security admin
  { path: 'admin/policy', name: 'policy', component: () => import('@/views/travel/policy/index.vue'),
    meta: { roles: ['security_admin'], menu: { title: 'travel.menu.policy', icon: 'Setting', order: 70 } } },
] satisfies ModuleRoutes
