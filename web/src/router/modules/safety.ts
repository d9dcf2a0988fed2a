// Overseas safety: the consular desk's crisis map — who of the traveller register is inside an
// incident's circle during its window. The office's staff see the entry; the server decides
// who works the consular desk (the auditor reads), and the screen says so when it refuses.
import type { Role } from '@/api/types'
import type { ModuleRoutes } from '../collect'

const office: Role[] = ['officer', 'approver', 'auditor']

export default [
  { path: 'safety/affected', name: 'safety-affected', component: () => import('@/views/safety/affected/index.vue'),
    meta: { roles: office, menu: { title: 'safety.menu.affected', icon: 'Location', order: 29.9 } } },
] satisfies ModuleRoutes
