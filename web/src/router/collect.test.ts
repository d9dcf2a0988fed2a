// The routes every module declares are gathered into one router; the side menu and the home
// page come from the routes' meta (title, icon, order, roles), not from a hand-kept list.
import { describe, expect, it } from 'vitest'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import type { RouteRecordRaw } from 'vue-router'
import { collectRoutes, homeOf, menuEntries, visibleEntries, type RouteFiles } from './collect'
import { MENU, homeFor, menuFor } from './menu'
import { shell, top } from './routes'

const view = () => Promise.resolve({})
const r = (path: string, name: string, meta: RouteRecordRaw['meta'] = {}): RouteRecordRaw => ({ path, name, component: view, meta })

describe('collecting the modules\' routes', () => {
  const files: RouteFiles = {
    './modules/b.ts': { default: [r('b', 'b', { roles: ['admin'], menu: { title: 'b.menu', icon: 'User', order: 20 } })] },
    './modules/a.ts': { default: [
      r('/login', 'login', { public: true }),
      r('a', 'a', { menu: { title: 'a.menu', icon: 'Document', order: 30 } }),
      r('a/:id', 'a-item'),
      r('c', 'c', { roles: ['officer', 'auditor'], menu: { title: 'c.menu', icon: 'Lock', order: 10 } }),
    ] },
  }

  it('puts absolute paths at the top and relative ones inside the shell', () => {
    const { top: t, shell: s } = collectRoutes(files)
    expect(t.map((x) => x.name)).toEqual(['login'])
    expect(s.map((x) => x.name).sort()).toEqual(['a', 'a-item', 'b', 'c'])
  })

  it('refuses a route name declared by two modules', () => {
    expect(() => collectRoutes({ ...files, './modules/z.ts': { default: [r('z', 'a')] } })).toThrow(/"a".*a\.ts.*z\.ts/)
  })

  it('derives the menu from meta, in order, with paths from the root', () => {
    const m = menuEntries(collectRoutes(files).shell)
    expect(m.map((x) => [x.name, x.path, x.title, x.icon])).toEqual([
      ['c', '/c', 'c.menu', 'Lock'], ['b', '/b', 'b.menu', 'User'], ['a', '/a', 'a.menu', 'Document'],
    ])
  })

  it('shows each role its entries only; an entry without roles is everyone\'s', () => {
    const m = menuEntries(collectRoutes(files).shell)
    expect(visibleEntries(m, ['admin']).map((x) => x.name)).toEqual(['b', 'a'])
    expect(visibleEntries(m, ['auditor']).map((x) => x.name)).toEqual(['c', 'a'])
    expect(visibleEntries(m, []).map((x) => x.name)).toEqual(['a'])
  })

  it('sends a user home to their first entry, or to the welcome page', () => {
    const m = menuEntries(collectRoutes(files).shell)
    expect(homeOf(m, ['officer'])).toBe('/c')
    expect(homeOf(m, ['admin'])).toBe('/b')
    expect(homeOf([], ['admin'])).toBe('/welcome')
  })
})

describe('the application\'s routes and menu', () => {
  it('keep every URL of the e2e tests and the links', () => {
    const paths = shell.map((x) => `/${x.path}`)
    for (const p of ['/applications', '/applications/new', '/queue', '/cases/:id(\\d+)', '/cases/:id(\\d+)/edit', '/dashboard',
      '/organizations', '/organizations/:id', '/custody', '/admin/users', '/admin/policy', '/admin/holidays', '/audit']) expect(paths).toContain(p)
    expect(top.map((x) => x.path)).toContain('/login')
  })

  it('has the menu of before, with the legalization, visa, counter, crisis-map and incident entries: same entries, order and roles', () => {
    expect(MENU.map((m) => m.name)).toEqual(['applications', 'invitations', 'legalizations', 'visa-applications', 'counter-book', 'appointments', 'safety-registrations', 'queue', 'invitation-queue', 'invitation-register', 'legalization-queue', 'legalization-batches', 'visa-queue', 'visa-batches', 'visa-uncollected', 'counter-day', 'safety-register', 'safety-affected', 'safety-incidents', 'consular-queue', 'safety-alerts', 'safety-groups', 'network-cities', 'network-agreements', 'network-projects', 'network-exchanges', 'dashboard', 'network-stats', 'organizations', 'custody', 'users', 'policy', 'holidays', 'notification-batches', 'audit', 'legalization-destinations', 'visa-catalog'])
    expect(menuFor(['enterprise_user']).map((m) => m.name)).toEqual(['applications', 'invitations', 'legalizations', 'visa-applications', 'counter-book', 'appointments', 'legalization-destinations', 'visa-catalog'])
    expect(menuFor(['citizen']).map((m) => m.name)).toEqual(['legalizations', 'visa-applications', 'counter-book', 'appointments', 'safety-registrations', 'legalization-destinations', 'visa-catalog'])
    expect(menuFor(['officer']).map((m) => m.name)).toEqual(['queue', 'invitation-queue', 'invitation-register', 'legalization-queue', 'legalization-batches', 'visa-queue', 'visa-batches', 'visa-uncollected', 'counter-day', 'safety-register', 'safety-affected', 'safety-incidents', 'consular-queue', 'safety-alerts', 'safety-groups', 'network-cities', 'network-agreements', 'network-projects', 'network-exchanges', 'dashboard', 'network-stats', 'organizations', 'custody', 'notification-batches', 'legalization-destinations', 'visa-catalog'])
    // mass sends: prepared by an officer or approver, reviewed by another approver
    expect(menuFor(['approver']).map((m) => m.name)).toContain('notification-batches')
    // the visa desk's batches and passports to collect: its staff work them, the auditor reads them
    expect(menuFor(['approver']).map((m) => m.name)).toEqual(expect.arrayContaining(['visa-queue', 'visa-batches', 'visa-uncollected']))
    expect(menuFor(['auditor']).map((m) => m.name)).toEqual(['queue', 'invitation-queue', 'invitation-register', 'legalization-queue', 'legalization-batches', 'visa-queue', 'visa-batches', 'visa-uncollected', 'counter-day', 'safety-register', 'safety-affected', 'safety-incidents', 'consular-queue', 'safety-alerts', 'safety-groups', 'network-cities', 'network-agreements', 'network-projects', 'network-exchanges', 'dashboard', 'network-stats', 'custody', 'audit', 'legalization-destinations', 'visa-catalog'])
    // the crisis map: the office's staff see it, the server lets the consular desk (and the auditor) ask
    expect(menuFor(['approver']).map((m) => m.name)).toContain('safety-affected')
    // the register searched: the office's staff see it, the server lets the consular desk (and the auditor) search
    expect(menuFor(['approver']).map((m) => m.name)).toContain('safety-register')
    expect(menuFor(['approver']).map((m) => m.name)).toContain('safety-incidents')
    // separation of duties: accounts and reference data (the visa catalog among them); roles and policies; the audit log
    expect(menuFor(['admin']).map((m) => m.name)).toEqual(['organizations', 'users', 'holidays', 'legalization-destinations', 'visa-catalog'])
    expect(menuFor(['security_admin']).map((m) => m.name)).toEqual(['users', 'policy'])
    expect(menuFor(['audit_admin']).map((m) => m.name)).toEqual(['audit'])
    expect(homeFor(['enterprise_admin'])).toBe('/applications')
    expect(homeFor(['reviewer'])).toBe('/queue')
    expect(homeFor(['admin'])).toBe('/organizations')
    expect(homeFor(['audit_admin'])).toBe('/audit')
    expect(homeFor(['citizen'])).toBe('/legalizations')
    // the route checker and the visa catalog are last in every menu: only a role with no other page
    // lands on the first of them; no role, no menu
    // a travel agency: its tour groups, then the route checker and the visa catalog
    expect(menuFor(['agency']).map((m) => m.name)).toEqual(['safety-groups', 'legalization-destinations', 'visa-catalog'])
    expect(homeFor(['agency'])).toBe('/safety/groups')
    expect(homeFor([])).toBe('/welcome')
  })

  it('has the consular desk\'s queue for the office, its new request for the desk\'s staff, and the office may edit its own cases', () => {
    expect(menuFor(['approver']).map((m) => m.name)).toContain('consular-queue')
    for (const role of ['citizen', 'enterprise_user', 'agency', 'reviewer', 'admin'] as const) expect(menuFor([role]).map((m) => m.name)).not.toContain('consular-queue')
    expect(shell.find((x) => x.name === 'consular-queue')?.props).toMatchObject({ mode: 'queue', type: 'consular_assistance', newRoute: 'consular-new' })
    expect(shell.find((x) => x.name === 'consular-new')?.meta?.roles).toEqual(['officer', 'approver'])
    expect(shell.find((x) => x.name === 'case-edit')?.meta?.roles).toEqual(expect.arrayContaining(['citizen', 'officer', 'approver']))
    expect(shell.find((x) => x.name === 'case-edit')?.meta?.roles).not.toContain('auditor')
  })

  it('has the visa catalog on a public page too, outside the shell', () => {
    expect(top.find((x) => x.name === 'visa-catalog-public')).toMatchObject({ path: '/public/visa-catalog', meta: { public: true } })
  })

  it('has the roll call\'s answer page public, outside the shell', () => {
    expect(top.find((x) => x.name === 'safety-answer')).toMatchObject({ path: '/safe/:token', meta: { public: true } })
    expect(shell.find((x) => x.name === 'safety-incident')?.meta?.roles).toEqual(['officer', 'approver', 'auditor'])
  })

  it('has the travel alerts\' public page outside the shell, and the desk\'s screens for the office', () => {
    expect(top.find((x) => x.name === 'travel-alerts')).toMatchObject({ path: '/travel-alerts', meta: { public: true } })
    expect(shell.find((x) => x.name === 'safety-alert')?.meta?.roles).toEqual(['officer', 'approver', 'auditor'])
    expect(menuFor(['citizen']).map((m) => m.name)).not.toContain('safety-alerts')
  })

  it('names menu titles that exist in both catalogues', () => {
    for (const lang of ['zh-CN', 'en-US']) {
      for (const m of MENU) {
        const [ns, ...rest] = m.title.split('.')
        const cat = JSON.parse(readFileSync(join(__dirname, '..', 'locales', lang, `${ns}.json`), 'utf8'))
        const v = rest.reduce((o: any, k) => o?.[k], cat)
        expect(typeof v === 'string' && v.length > 0, `${lang}: ${m.title}`).toBe(true)
      }
    }
  })

  it('binds the case lists to a type through route props, never by a default in the screens', () => {
    const props = (name: string) => shell.find((x) => x.name === name)?.props as Record<string, unknown>
    expect(props('queue')).toMatchObject({ mode: 'queue', type: 'outbound_travel' })
    expect(props('applications')).toMatchObject({ mode: 'portal', type: 'outbound_travel' })
    expect(props('visa-applications')).toMatchObject({ mode: 'portal', type: 'visa_application', newRoute: 'visa-new' })
    expect(props('visa-queue')).toMatchObject({ mode: 'queue', type: 'visa_application' })
    expect(shell.find((x) => x.name === 'case-new')?.path).toBe('cases/new/:type')
  })
})
