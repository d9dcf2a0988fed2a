// Overseas safety, the citizen's side (issue 11): a citizen registers their trips abroad — for
// themselves and their family — in the traveller register, consenting to its purpose, and
// withdraws that consent when they wish. Beside the citizen's other entries in the menu.
import type { ModuleRoutes } from '../collect'

export default [
  { path: 'safety/registrations', name: 'safety-registrations', component: () => import('@/views/safety/registrations/index.vue'),
    meta: { roles: ['citizen'], menu: { title: 'safetyRegistrations.menu', icon: 'Position', order: 19.5 } } },
] satisfies ModuleRoutes
