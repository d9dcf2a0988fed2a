// Consular protection and assistance: the consular desk's queue of requests for help (the
// generic case screens bound to the consular_assistance type) and the form of a new one, taken
// from the hotline, a visit or a partner. The office owns the requests: the desk's staff write
// and handle them, the auditor reads them; the server keeps them from every other desk.
import type { Role } from '@/api/types'
import type { ModuleRoutes } from '../collect'
import { caseEdit, caseList, OFFICE_AUTHOR_ROLES } from './cases'

const TYPE = 'consular_assistance'
const office: Role[] = ['officer', 'approver', 'auditor']

export default [
  { path: 'consular', name: 'consular-queue', component: caseList,
    props: { mode: 'queue', type: TYPE, newRoute: 'consular-new', newLabel: 'consular.new' },
    meta: { roles: office, menu: { title: 'consular.menu.queue', icon: 'FirstAidKit', order: 29.96 } } },
  { path: 'consular/new', name: 'consular-new', component: caseEdit, props: { type: TYPE },
    meta: { roles: OFFICE_AUTHOR_ROLES, viewKey: 'application-edit' } },
] satisfies ModuleRoutes
