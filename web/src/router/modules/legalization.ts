// Apostille and consular legalization of public documents: the applicants' applications, the
// office's queue (the generic case screens bound to the legalization type), the desk's batches
// of authenticated documents to embassies, and the page that says which route a destination
// takes and why, with the Convention's table behind it.
import type { Role } from '@/api/types'
import type { ModuleRoutes } from '../collect'
import { caseEdit, caseList } from './cases'

const TYPE = 'legalization'
const applicants: Role[] = ['citizen', 'enterprise_user', 'enterprise_admin']
const office: Role[] = ['officer', 'approver', 'auditor']
// the legalization desk's staff build, send and return batches; the auditor reads them
const desk: Role[] = ['officer', 'approver']

export default [
  { path: 'legalizations', name: 'legalizations', component: caseList, props: { mode: 'portal', type: TYPE, newRoute: 'legalization-new' },
    meta: { roles: applicants, menu: { title: 'legalization.menu.applications', icon: 'DocumentChecked', order: 16 } } },
  { path: 'legalizations/new', name: 'legalization-new', component: caseEdit, props: { type: TYPE },
    meta: { roles: applicants, viewKey: 'application-edit' } },
  { path: 'legalization-queue', name: 'legalization-queue', component: caseList, props: { mode: 'queue', type: TYPE },
    meta: { roles: office, menu: { title: 'legalization.menu.queue', icon: 'Files', order: 27 } } },
  // batches to embassies (the server lets only the desk's staff, and the auditor to read)
  { path: 'legalization-batches', name: 'legalization-batches', component: () => import('@/views/legalization/batches/list/index.vue'),
    meta: { roles: office, menu: { title: 'legalization.menu.batches', icon: 'FolderChecked', order: 27.5 } } },
  { path: 'legalization-batches/new', name: 'legalization-batch-new', component: () => import('@/views/legalization/batches/new/index.vue'),
    meta: { roles: desk } },
  { path: 'legalization-batches/:id(\\d+)', name: 'legalization-batch', component: () => import('@/views/legalization/batches/detail/index.vue'),
    props: true, meta: { roles: office } },
  // Public reference, for whoever deals with documents going abroad; the system administrator
  // corrects the table here. Not in the security and audit administrators' menus: their
  // duties are roles, policies and the audit log (the separation of duties).
  { path: 'legalization-destinations', name: 'legalization-destinations', component: () => import('@/views/legalization/destinations/index.vue'),
    meta: { roles: [...applicants, 'agency', 'reviewer', ...office, 'partner', 'admin'],
      menu: { title: 'legalization.menu.destinations', icon: 'Guide', order: 95 } } },
] satisfies ModuleRoutes
