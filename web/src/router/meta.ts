// What a route's meta may say. The side menu and each user's home page are derived from it
// (collect.ts), so a module adds a screen to the menu by declaring it on its route only.
import 'vue-router'
import type { Role } from '@/api/types'

export interface MenuMeta {
  /** A catalogue key (`common.menu_queue`, `travel.menu.dashboard`). */
  title: string
  /** An Element Plus icon name (registered globally in main.ts). */
  icon: string
  /** Position in the menu, smallest first; the first entry a user may see is their home. */
  order: number
}

declare module 'vue-router' {
  interface RouteMeta {
    /** Reachable without signing in. */
    public?: boolean
    /** Who may open the route (and see its menu entry); absent: every signed-in user. The server checks again. */
    roles?: Role[]
    /** Present on the routes shown in the side menu. */
    menu?: MenuMeta
    /** Routes sharing a view key keep their component when navigating between them (new → edit). */
    viewKey?: string
  }
}
