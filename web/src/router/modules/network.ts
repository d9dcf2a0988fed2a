// The sister-city network: the registry of partner cities — the list with its filters, each
// city's page, a new city, the import from the office's spreadsheet —, the agreements with the
// partner cities (those whose renewal is due among them), every project and every exchange with
// them, and the network's analytics (its totals, its map, its growth; each figure leading to its
// list). The office's staff and the auditor read; officers and approvers add and import cities
// (the server checks again).
import type { Role } from '@/api/types'
import type { ModuleRoutes } from '../collect'

const office: Role[] = ['officer', 'approver', 'auditor']
const staff: Role[] = ['officer', 'approver']

export default [
  { path: 'network/cities', name: 'network-cities', component: () => import('@/views/network/cities/index.vue'),
    meta: { roles: office, menu: { title: 'network.menu.cities', icon: 'Connection', order: 29.99 } } },
  { path: 'network/cities/new', name: 'network-new', component: () => import('@/views/network/new/index.vue'),
    meta: { roles: staff } },
  { path: 'network/cities/import', name: 'network-import', component: () => import('@/views/network/import/index.vue'),
    meta: { roles: staff } },
  { path: 'network/cities/:id(\\d+)', name: 'network-city', component: () => import('@/views/network/city/index.vue'), props: true,
    meta: { roles: office } },
  { path: 'network/agreements', name: 'network-agreements', component: () => import('@/views/network/agreements/index.vue'),
    meta: { roles: office, menu: { title: 'network.menu.agreements', icon: 'Notebook', order: 29.995 } } },
  { path: 'network/projects', name: 'network-projects', component: () => import('@/views/network/projects/index.vue'),
    meta: { roles: office, menu: { title: 'network.menu.projects', icon: 'Briefcase', order: 29.996 } } },
  { path: 'network/exchanges', name: 'network-exchanges', component: () => import('@/views/network/exchanges/index.vue'),
    meta: { roles: office, menu: { title: 'network.menu.exchanges', icon: 'Promotion', order: 29.997 } } },
  { path: 'network/stats', name: 'network-stats', component: () => import('@/views/network/stats/index.vue'),
    meta: { roles: office, menu: { title: 'network.menu.stats', icon: 'TrendCharts', order: 30.5 } } },
] satisfies ModuleRoutes
