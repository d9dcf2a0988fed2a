// The side menu: each entry lists the roles that see it (the server checks again).
import type { Role } from '@/api/types'

export interface MenuEntry { key: string; path: string; icon: string; roles: Role[] }

export const MENU: MenuEntry[] = [
  { key: 'applications', path: '/applications', icon: 'Document', roles: ['enterprise_user', 'enterprise_admin'] },
  { key: 'queue', path: '/queue', icon: 'Tickets', roles: ['reviewer', 'officer', 'approver', 'auditor'] },
  { key: 'dashboard', path: '/dashboard', icon: 'DataAnalysis', roles: ['officer', 'approver', 'auditor', 'admin'] },
  { key: 'organizations', path: '/organizations', icon: 'OfficeBuilding', roles: ['officer', 'approver', 'admin'] },
  { key: 'custody', path: '/custody', icon: 'Postcard', roles: ['officer', 'approver', 'auditor'] },
  { key: 'users', path: '/admin/users', icon: 'User', roles: ['admin'] },
  { key: 'policy', path: '/admin/policy', icon: 'Setting', roles: ['admin'] },
  { key: 'holidays', path: '/admin/holidays', icon: 'Calendar', roles: ['admin'] },
  { key: 'audit', path: '/audit', icon: 'Lock', roles: ['auditor', 'admin'] },
]

export function menuFor(roles: Role[]): MenuEntry[] {
  return MENU.filter((m) => m.roles.some((r) => roles.includes(r)))
}

/** Where a user lands after sign-in: the first menu entry their roles allow. */
export function homeFor(roles: Role[]): string {
  return menuFor(roles)[0]?.path ?? '/welcome'
}
