// Gathers the routes each module declares in router/modules/<module>.ts, and derives the side
// menu and the home page from their meta. Pure functions: unit-tested in collect.test.ts.
import type { RouteRecordRaw } from 'vue-router'
import type { Role } from '@/api/types'
import './meta'

/** What a module's routes file exports by default. */
export type ModuleRoutes = RouteRecordRaw[]

/** A route file as loaded by `import.meta.glob(..., { eager: true })`. */
export type RouteFiles = Record<string, { default: ModuleRoutes }>

export interface CollectedRoutes {
  /** Routes with an absolute path (`/login`): outside the application shell. */
  top: RouteRecordRaw[]
  /** Routes with a relative path (`queue`): pages inside the shell (header, side menu). */
  shell: RouteRecordRaw[]
}

export interface MenuEntry {
  name: string
  path: string
  title: string
  icon: string
  order: number
  roles?: Role[]
}

/** Splits every module's routes into top-level and shell pages; a route name used twice is a mistake. */
export function collectRoutes(files: RouteFiles): CollectedRoutes {
  const out: CollectedRoutes = { top: [], shell: [] }
  const seen = new Map<string, string>()
  for (const file of Object.keys(files).sort()) {
    for (const r of files[file].default) {
      const name = typeof r.name === 'string' ? r.name : undefined
      if (name) {
        if (seen.has(name)) throw new Error(`route name "${name}" declared in ${seen.get(name)} and ${file}`)
        seen.set(name, file)
      }
      ;(r.path.startsWith('/') ? out.top : out.shell).push(r)
    }
  }
  return out
}

/** The menu entries the shell pages declare, in menu order. */
export function menuEntries(shell: RouteRecordRaw[]): MenuEntry[] {
  return shell
    .filter((r) => r.meta?.menu && typeof r.name === 'string')
    .map((r) => ({ name: r.name as string, path: `/${r.path}`, ...r.meta!.menu!, roles: r.meta!.roles }))
    .sort((a, b) => a.order - b.order || a.name.localeCompare(b.name))
}

/** The entries these roles may see (an entry without roles is everyone's). */
export function visibleEntries(entries: MenuEntry[], roles: readonly Role[]): MenuEntry[] {
  return entries.filter((m) => !m.roles || m.roles.some((r) => roles.includes(r)))
}

/** Where a user lands after sign-in: the first menu entry their roles allow, else the welcome page. */
export function homeOf(entries: MenuEntry[], roles: readonly Role[]): string {
  return visibleEntries(entries, roles)[0]?.path ?? '/welcome'
}
