// The generic case screens. The case type comes from the case itself (detail, edit) or from
// the route (`cases/new/:type`); a module binds its own URLs to a type (router/modules/travel.ts).
import type { Role } from '@/api/types'
import type { ModuleRoutes } from '../collect'

/** Who files applications; the server checks each case type's create_roles again. */
export const APPLICANT_ROLES: Role[] = ['citizen', 'enterprise_user', 'enterprise_admin']
/** Who writes the office's own cases; the server checks the type's owner and desk. */
export const OFFICE_AUTHOR_ROLES: Role[] = ['officer', 'approver']

export const caseList = () => import('@/views/cases/list/index.vue')
export const caseEdit = () => import('@/views/cases/edit/index.vue')

export default [
  { path: 'cases/:id(\\d+)', name: 'case', component: () => import('@/views/cases/detail/index.vue'), props: true },
  { path: 'cases/:id(\\d+)/edit', name: 'case-edit', component: caseEdit, props: true,
    meta: { roles: [...APPLICANT_ROLES, ...OFFICE_AUTHOR_ROLES], viewKey: 'application-edit' } },
  { path: 'cases/new/:type', name: 'case-new', component: caseEdit, props: true, meta: { roles: APPLICANT_ROLES, viewKey: 'application-edit' } },
] satisfies ModuleRoutes
