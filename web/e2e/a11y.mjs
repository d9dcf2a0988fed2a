// The accessibility audit of the browser tests (issue 14). Public-service sites in China must
// meet GB/T 37668-2019, which follows WCAG 2.0; we check axe-core's WCAG 2.0 and 2.1 A and AA
// rules on every screen a test visits, in the language it is shown in, and a serious or
// critical violation fails the test with the rule, the element and axe's help text.
//
// Screens are audited when a test reaches them through the helpers: after every page.goto
// (watchScreens wraps it), at each helper that waits for a screen (login, submitApplication,
// act, shot, assertTranslated…) and when the test closes its browser context. A screen is one
// route pattern (/cases/12 and /cases/13 are /cases/:id) in one language at one width class
// (and text size, with the larger-text switch on); each is audited once per run, by the first
// test that reaches it, so a new screen is covered by visiting it. The run's list of audited
// screens is a file the test files share (WAISHI_A11Y_LIST, which the e2e script empties when
// it starts); without it each test file audits its screens once for itself.
//
// Besides axe's rules, three facts of the page structure are checked on every screen: the
// <html lang> is the UI's language, there is one <main> landmark, and exactly one <h1>.
import { appendFileSync, existsSync, readFileSync } from 'node:fs'
import { createRequire } from 'node:module'

const require = createRequire(import.meta.url)
// The server's Content-Security-Policy refuses inline scripts, so axe is evaluated through
// the DevTools protocol (page.evaluate) rather than added as a <script> element.
const AXE_SOURCE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8')

export const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']
const FAILING_IMPACTS = ['serious', 'critical']
const UI_LANGS = ['zh-CN', 'en-US']
/** Below this viewport width the UI is laid out for phones (the CSS's breakpoint). */
const PHONE_WIDTH = 700
const QUIET_MS = 300
const SETTLE_TIMEOUT_MS = 10000

/** The route pattern of a path: numeric segments stand for ids (/cases/12/edit → /cases/:id/edit). */
export function screenOf(pathname) {
  return pathname.replace(/\/\d+(?=\/|$)/g, '/:id')
}

/** Screens audited in this run, as far as this test process knows: "pattern lang width-class". */
const audited = new Set()
/** The run's list: one line per audited screen, its key and "ok" or "FAIL" (the e2e script sums it up). */
const listFile = process.env.WAISHI_A11Y_LIST || null

/** Whether the screen was audited in this run: by this test file, or by another one in the list. */
function auditedAlready(key) {
  if (!audited.has(key) && listFile && existsSync(listFile)) {
    for (const line of readFileSync(listFile, 'utf8').split('\n')) if (line) audited.add(line.split('\t')[0])
  }
  return audited.has(key)
}

async function screenKey(page) {
  const at = await page.evaluate(() => ({
    path: location.pathname, lang: document.documentElement.lang, width: window.innerWidth,
    larger: document.documentElement.classList.contains('larger-text'),
  }))
  return `${screenOf(at.path)} ${at.lang} ${at.width < PHONE_WIDTH ? 'phone' : 'desktop'}${at.larger ? ' larger-text' : ''}`
}

/**
 * Waits until the screen has stopped changing: the app has rendered, no skeleton or loading
 * mask is shown, no finite animation (a dialog fading in) is running and the DOM has been
 * quiet for a moment. Half-drawn screens would give false contrast results (opacity).
 * Gives up silently after SETTLE_TIMEOUT_MS: the audit then sees the screen as it is.
 */
async function settle(page) {
  try {
    await page.waitForFunction((quietMs) => {
      const w = window
      if (!w.__a11yLastChange) {
        w.__a11yLastChange = performance.now()
        new MutationObserver(() => { w.__a11yLastChange = performance.now() })
          .observe(document, { subtree: true, childList: true, attributes: true, characterData: true })
        return false
      }
      if (!document.querySelector('#app > *')) return false
      if (document.querySelector('.el-skeleton, .el-loading-mask')) return false
      const moving = document.getAnimations().some((a) => a.playState === 'running' && a.effect?.getComputedTiming().iterations !== Infinity)
      return !moving && performance.now() - w.__a11yLastChange > quietMs
    }, QUIET_MS, { polling: 100, timeout: SETTLE_TIMEOUT_MS })
  } catch (e) {
    if (page.isClosed()) throw e
  }
}

/** Runs axe and the structure checks on the page as it is; returns the failures (empty when none). */
export async function findProblems(page) {
  if (!(await page.evaluate(() => typeof window.axe === 'object'))) await page.evaluate(AXE_SOURCE)
  return page.evaluate(async ({ tags, impacts, langs }) => {
    const result = await window.axe.run(document, { runOnly: { type: 'tag', values: tags }, resultTypes: ['violations'] })
    const problems = result.violations.filter((v) => impacts.includes(v.impact)).map((v) => ({
      rule: v.id, impact: v.impact, help: v.help,
      nodes: v.nodes.map((n) => ({ target: n.target.join(' '), html: n.html.slice(0, 160), summary: n.failureSummary })),
    }))
    const structure = (rule, help, nodes = []) => problems.push({ rule, impact: 'serious', help, nodes })
    const lang = document.documentElement.lang
    if (!langs.includes(lang)) structure('waishi-html-lang', `<html lang> is the UI language (${langs.join(' or ')}), not "${lang}"`)
    const h1 = [...document.querySelectorAll('h1')]
    if (h1.length !== 1) structure('waishi-one-h1', `exactly one <h1> per screen (found ${h1.length})`, h1.map((e) => ({ target: 'h1', html: e.outerHTML.slice(0, 160) })))
    const mains = document.querySelectorAll('main, [role="main"]')
    if (mains.length !== 1) structure('waishi-one-main', `exactly one <main> landmark (found ${mains.length})`)
    return problems
  }, { tags: AXE_TAGS, impacts: FAILING_IMPACTS, langs: UI_LANGS })
}

/** The failures as a message: rule, impact, help text, then each element's selector and snippet. */
export function describeProblems(where, problems) {
  const lines = [`accessibility: ${problems.length} serious or critical problem(s) on ${where}`]
  for (const p of problems) {
    lines.push(`  ${p.rule} (${p.impact}): ${p.help}`)
    for (const n of p.nodes.slice(0, 8)) lines.push(`    ${n.target}  ${n.html ?? ''}${n.summary ? `\n      ${n.summary.replace(/\n/g, '\n      ')}` : ''}`)
    if (p.nodes.length > 8) lines.push(`    … and ${p.nodes.length - 8} more`)
  }
  return lines.join('\n')
}

/**
 * Audits the screen the page shows unless it was audited already (force: audit anyway).
 * Throws an Error naming each failing rule and element; returns the screen's key.
 */
export async function auditScreen(page, { force = false } = {}) {
  if (page.isClosed()) return null
  if (!force && auditedAlready(await screenKey(page))) return null
  await settle(page)
  const key = await screenKey(page)
  if (!force && auditedAlready(key)) return null
  audited.add(key)
  const problems = await findProblems(page)
  if (listFile && !force) appendFileSync(listFile, `${key}\t${problems.length ? 'FAIL' : 'ok'}\n`)
  if (problems.length) throw new Error(describeProblems(key, problems))
  return key
}

/**
 * Makes the page audit itself: after each page.goto, and before its browser context closes
 * (the last screen a test saw). Helpers that wait for a screen call auditScreen themselves.
 */
export function watchScreens(page) {
  const goto = page.goto.bind(page)
  page.goto = async (url, options) => {
    const response = await goto(url, options)
    await auditScreen(page)
    return response
  }
  const context = page.context()
  const close = context.close.bind(context)
  context.close = async (options) => {
    try {
      await auditScreen(page)
    } finally {
      await close(options)
    }
  }
  return page
}
