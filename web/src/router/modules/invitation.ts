// Invitations of foreigners to China: the enterprise's letters and the office's review queue
// and register (the generic case screens bound to the invitation_letter type).
import type { Role } from '@/api/types'
import type { ModuleRoutes } from '../collect'
import { caseEdit, caseList } from './cases'

const TYPE = 'invitation_letter'
const applicants: Role[] = ['enterprise_user', 'enterprise_admin']
const office: Role[] = ['officer', 'approver', 'auditor']

export default [
  { path: 'invitations', name: 'invitations', component: caseList, props: { mode: 'portal', type: TYPE, newRoute: 'invitation-new' },
    meta: { roles: applicants, menu: { title: 'invitation.menu.applications', icon: 'Message', order: 15 } } },
  { path: 'invitations/new', name: 'invitation-new', component: caseEdit, props: { type: TYPE },
    meta: { roles: applicants, viewKey: 'application-edit' } },
  { path: 'invitation-queue', name: 'invitation-queue', component: caseList, props: { mode: 'queue', type: TYPE },
    meta: { roles: office, menu: { title: 'invitation.menu.queue', icon: 'Stamp', order: 25 } } },
  { path: 'invitation-register', name: 'invitation-register', redirect: { name: 'invitation-queue', query: { state: 'issued' } },
    meta: { roles: office, menu: { title: 'invitation.menu.register', icon: 'Collection', order: 26 } } },
] satisfies ModuleRoutes
