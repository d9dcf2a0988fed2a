// The public verification of the office's documents (no sign-in): the page a document's QR
// code opens.
import type { ModuleRoutes } from '../collect'

export default [
  { path: '/verify/:kind', name: 'verify', component: () => import('@/views/verify/index.vue'), props: true, meta: { public: true } },
] satisfies ModuleRoutes
