// The visa agency: the applicants' visa applications and the visa desk's queue (the generic
// case screens bound to the visa_application type), the desk's batches of passports to the
// consulates and the passports waiting to be collected, and the catalog of destinations — public
// (its own page for those not signed in), corrected by the system administrator.
import type { Role } from '@/api/types'
import { useSessionStore } from '@/stores/session'
import type { ModuleRoutes } from '../collect'
import { caseEdit, caseList } from './cases'

const TYPE = 'visa_application'
const applicants: Role[] = ['citizen', 'enterprise_user', 'enterprise_admin']
const office: Role[] = ['officer', 'approver', 'auditor']
// Like the apostille lookup: whoever deals with travel abroad, and the admin who keeps it; not the
// security and audit administrators (their duties are roles, policies and the audit log).
const catalogReaders: Role[] = [...applicants, 'agency', 'reviewer', ...office, 'partner', 'admin']
const catalog = () => import('@/views/visa/catalog/index.vue')

export default [
  { path: 'visas', name: 'visa-applications', component: caseList, props: { mode: 'portal', type: TYPE, newRoute: 'visa-new' },
    meta: { roles: applicants, menu: { title: 'visa.menu.applications', icon: 'Suitcase', order: 17 } } },
  { path: 'visas/new', name: 'visa-new', component: caseEdit, props: { type: TYPE },
    meta: { roles: applicants, viewKey: 'application-edit' } },
  // the visa desk (the server lets only its staff, and the auditor to read)
  { path: 'visa-queue', name: 'visa-queue', component: caseList, props: { mode: 'queue', type: TYPE },
    meta: { roles: office, menu: { title: 'visa.menu.queue', icon: 'Memo', order: 28 } } },
  { path: 'visa-batches', name: 'visa-batches', component: () => import('@/views/visa/batches/index.vue'),
    meta: { roles: office, menu: { title: 'visa.menu.batches', icon: 'Van', order: 28.5 } } },
  { path: 'visa-batches/:id(\\d+)', name: 'visa-batch', component: () => import('@/views/visa/batches/detail.vue'), props: true,
    meta: { roles: office } },
  { path: 'visa-uncollected', name: 'visa-uncollected', component: () => import('@/views/visa/uncollected/index.vue'),
    meta: { roles: office, menu: { title: 'visa.menu.uncollected', icon: 'Box', order: 29 } } },
  // the catalog: in the menu of those signed in (the admin edits it there) …
  { path: 'visa-catalog', name: 'visa-catalog', component: catalog,
    meta: { roles: catalogReaders, menu: { title: 'visa.menu.catalog', icon: 'MapLocation', order: 96 } } },
  // … and on a page of its own for anyone not signed in (a signed-in reader is taken to the other)
  { path: '/public/visa-catalog', name: 'visa-catalog-public', component: () => import('@/views/visa/catalog/public.vue'),
    meta: { public: true },
    beforeEnter: () => {
      const session = useSessionStore()
      return session.user && session.hasRole(...catalogReaders) ? { name: 'visa-catalog' } : true
    } },
] satisfies ModuleRoutes
