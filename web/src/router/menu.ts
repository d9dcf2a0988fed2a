// The side menu and each user's home page, derived from the routes' meta (see collect.ts).
import type { Role } from '@/api/types'
import { homeOf, menuEntries, visibleEntries, type MenuEntry } from './collect'
import { shell } from './routes'

export type { MenuEntry }

export const MENU: MenuEntry[] = menuEntries(shell)

export function menuFor(roles: readonly Role[]): MenuEntry[] {
  return visibleEntries(MENU, roles)
}

/** Where a user lands after sign-in: the first menu entry their roles allow. */
export function homeFor(roles: readonly Role[]): string {
  return homeOf(MENU, roles)
}
