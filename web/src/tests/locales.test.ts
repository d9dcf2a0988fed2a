// Both catalogues must hold the same keys, and every key the source asks for must exist.
import { describe, expect, it } from 'vitest'
import { readdirSync, readFileSync, statSync } from 'node:fs'
import { join, relative } from 'node:path'

const SRC = join(__dirname, '..')
const LOCALES = join(SRC, 'locales')
const LANGS = ['zh-CN', 'en-US']

function flatten(o: unknown, prefix = ''): string[] {
  if (o === null || typeof o !== 'object') return [prefix]
  return Object.entries(o as Record<string, unknown>).flatMap(([k, v]) => flatten(v, prefix ? `${prefix}.${k}` : k))
}
function catalogue(lang: string): Map<string, string> {
  const out = new Map<string, string>()
  for (const f of readdirSync(join(LOCALES, lang)).filter((f) => f.endsWith('.json'))) {
    const ns = f.replace(/\.json$/, '')
    const json = JSON.parse(readFileSync(join(LOCALES, lang, f), 'utf8'))
    for (const k of flatten(json)) {
      const v = k.split('.').reduce((o: any, p) => o?.[p], json)
      out.set(`${ns}.${k}`, String(v))
    }
  }
  return out
}
export function sourceFiles(dir = SRC): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = join(dir, f)
    if (statSync(p).isDirectory()) return f === 'locales' || f === 'tests' ? [] : sourceFiles(p)
    return /\.(vue|ts)$/.test(f) && !f.endsWith('.test.ts') ? [p] : []
  })
}

describe('locale catalogues', () => {
  const cats = Object.fromEntries(LANGS.map((l) => [l, catalogue(l)]))

  it('have the same module files in every language', () => {
    const files = LANGS.map((l) => readdirSync(join(LOCALES, l)).sort().join(','))
    expect(files[0]).toBe(files[1])
  })

  for (const [a, b] of [['zh-CN', 'en-US'], ['en-US', 'zh-CN']]) {
    it(`every ${a} key exists in ${b}`, () => {
      const missing = [...cats[a].keys()].filter((k) => !cats[b].has(k))
      expect(missing).toEqual([])
    })
  }

  it('have no empty messages', () => {
    for (const l of LANGS) expect([...cats[l].entries()].filter(([, v]) => !v.trim()).map(([k]) => `${l}:${k}`)).toEqual([])
  })

  it('contain every literal key the source uses', () => {
    const used = new Set<string>()
    for (const f of sourceFiles()) {
      const text = readFileSync(f, 'utf8')
      for (const m of text.matchAll(/\b(?:t|tr|\$t)\(\s*'([a-zA-Z0-9_.-]+)'/g)) used.add(m[1])
    }
    expect(used.size).toBeGreaterThan(50)
    for (const l of LANGS) expect([...used].filter((k) => !cats[l].has(k)).map((k) => `${l}:${k}`)).toEqual([])
  })

  it('contain the keys built from known values (roles, states of kinds, policy regions)', () => {
    const dynamic = [
      ...['citizen', 'enterprise_user', 'enterprise_admin', 'reviewer', 'officer', 'approver', 'auditor', 'admin'].map((r) => `common.role.${r}`),
      // menu titles are checked by router/collect.test.ts, from the routes' meta
      ...['regionAfrica', 'regionLatinAmerica'].map((k) => `travel.policy.${k}`),
      ...['office', 'district', 'enterprise'].map((k) => `orgs.kind_${k}`),
      ...['valid', 'invalid'].map((k) => `orgs.uscc_${k}`),
      ...['blocking', 'warning'].map((k) => `cases.check.severity_${k}`),
      ...['AF', 'AN', 'AS', 'EU', 'NA', 'OC', 'SA'].map((k) => `reference.continent.${k}`),
      'common.lang.zh-CN', 'common.lang.en-US',
      ...['length', 'classes', 'username', 'common', 'history'].map((k) => `auth.account.policy.${k}`),
      ...['apostille', 'legalization'].map((k) => `legalization.route.${k}`),
      ...['all', 'apostille', 'legalization', 'not_served'].map((k) => `legalization.destinations.filter.${k}`),
    ]
    for (const l of LANGS) expect(dynamic.filter((k) => !cats[l].has(k)).map((k) => `${l}:${k}`)).toEqual([])
  })

  it('source files exist outside locales', () => {
    expect(sourceFiles().map((f) => relative(SRC, f))).toContain('App.vue')
  })
})
