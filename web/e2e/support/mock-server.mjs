// A small stand-in for `waishi serve`, following docs/api.md, for developing the UI and its
// end-to-end tests before (or without) the C++ server. Not used by `make test`, which runs
// the e2e tests against the real server. Usage: node e2e/support/mock-server.mjs [port]
import { createServer } from 'node:http'
import { readFileSync, existsSync, statSync } from 'node:fs'
import { extname, join, dirname } from 'node:path'
import { fileURLToPath } from 'node:url'
import { randomBytes } from 'node:crypto'

const HERE = dirname(fileURLToPath(import.meta.url))
const DIST = join(HERE, '..', '..', 'dist')
const DEF = JSON.parse(readFileSync(join(HERE, '..', '..', '..', 'src', 'travel', 'outbound_travel.json'), 'utf8'))
DEF.rules = ['travel.max_countries', 'travel.max_days', 'travel.max_members', 'travel.inviter_kind', 'travel.leader_required', 'travel.member_ids', 'travel.dates', 'travel.publicity_period']
  .map((id) => ({ id, label: { zh: `规则 ${id}`, en: `Rule ${id}` }, severity: id === 'travel.publicity_period' ? 'warning' : 'blocking' }))
const PASSWORD = process.env.WAISHI_DEMO_PASSWORD ?? 'demo-Passw0rd'
const now = () => new Date().toISOString().replace(/\.\d+Z$/, 'Z')

const orgs = [
  { id: 1, kind: 'office', name_zh: '市外办', name_en: 'Foreign Affairs Office', direct_report: false, uscc: null },
  { id: 2, kind: 'district', name_zh: '鄞州区', name_en: 'Yinzhou District', direct_report: false, uscc: null },
  { id: 3, kind: 'enterprise', name_zh: '宁波普通公司', name_en: 'Ningbo Normal Co.', direct_report: false, uscc: '91350100M000100Y43', parent_id: 2 },
  { id: 4, kind: 'enterprise', name_zh: '宁波直报公司', name_en: 'Ningbo Green Co.', direct_report: true, uscc: '91350100M000100Y42', parent_id: 2 },
  { id: 5, kind: 'enterprise', name_zh: '宁波其他公司', name_en: 'Ningbo Other Co.', direct_report: false, uscc: '91350100M000100Y43', parent_id: 2 },
]
const mkUser = (id, username, display_name, org, roles) => ({ id, username, display_name, email: `${username}@example.org`, locale: 'zh-CN', roles, org: orgs.find((o) => o.id === org) })
const users = [
  mkUser(1, 'admin', '管理员', 1, ['admin']), mkUser(2, 'officer', '王经办', 1, ['officer']), mkUser(3, 'approver', '李处长', 1, ['approver']),
  mkUser(4, 'reviewer', '赵审核', 2, ['reviewer']), mkUser(5, 'auditor', '钱审计', 1, ['auditor']), mkUser(6, 'citizen', '孙市民', null, ['citizen']),
  mkUser(7, 'ent.normal', '周经办', 3, ['enterprise_user']), mkUser(8, 'ent.green', '吴经办', 4, ['enterprise_user']), mkUser(9, 'ent.other', '郑经办', 5, ['enterprise_user']),
]
const sessions = new Map()
const cases = []
const history = []
const attachments = []
const audit = []
const failures = new Map()
let policy = { max_countries: 3, max_days: { 1: 5, 2: 8, 3: 10 }, extra_day_continents: ['AF', 'SA'], max_members: 6, publicity_working_days: 5, report_months: 1, passport_due_days: 7,
  severity: { 'travel.publicity_period': 'warning' }, direct_report: { min_trips_12m: 3, max_rejected_12m: 0, max_overdue_reports: 0 } }
const countries = [['DE', '德国', 'Germany', 'EU'], ['FR', '法国', 'France', 'EU'], ['IT', '意大利', 'Italy', 'EU'], ['GB', '英国', 'United Kingdom', 'EU'],
  ['ZA', '南非', 'South Africa', 'AF'], ['RO', '罗马尼亚', 'Romania', 'EU'], ['US', '美国', 'United States', 'NA'], ['JP', '日本', 'Japan', 'AS'], ['AE', '阿联酋', 'United Arab Emirates', 'AS']]
  .map(([code, name_zh, name_en, continent]) => ({ code, name_zh, name_en, continent }))
const PINYIN = { 张: 'ZHANG', 昊: 'HAO', 徐: 'XU', 文: 'WEN', 杰: 'JIE', 李: 'LI', 娜: 'NA' }

const err = (status, code, message, message_zh, details = []) => ({ status, body: { error: { code, message, message_zh, details } } })
const ok = (body, status = 200) => ({ status, body })

function rules(data) {
  const out = []
  const legs = data.itinerary ?? []
  const cs = new Set(legs.filter((l) => l.country && !l.transit_airside).map((l) => l.country))
  out.push({ rule: 'travel.max_countries', severity: 'blocking', field: 'itinerary', ok: cs.size <= policy.max_countries, en: `At most ${policy.max_countries} countries (${cs.size}).`, zh: `出访国家不得超过 ${policy.max_countries} 个(现为 ${cs.size} 个)。` })
  const m = (data.members ?? []).length
  out.push({ rule: 'travel.max_members', severity: 'blocking', field: 'members', ok: m <= policy.max_members, en: `At most ${policy.max_members} people.`, zh: `团组人数不得超过 ${policy.max_members} 人。` })
  const leaders = (data.members ?? []).filter((x) => x.role === 'leader').length
  out.push({ rule: 'travel.leader_required', severity: 'blocking', field: 'members', ok: leaders === 1, en: 'Exactly one leader.', zh: '须有且仅有一名团长。' })
  return out
}
const checksOf = (data) => rules(data).map((r) => ({ rule: r.rule, label: DEF.rules.find((x) => x.id === r.rule)?.label ?? r.rule, severity: r.severity, status: r.ok ? 'passed' : 'failed',
  violations: r.ok ? [] : [{ field: r.field, message: r.en, message_zh: r.zh }] }))

function caseView(c, u) {
  const allowed = DEF.transitions.filter((t) => t.from.includes(c.state) && t.roles.some((r) => u.roles.includes(r))
    && (t.scope !== 'applicant' || u.org?.id === c.org.id)).map((t) => t.action)
  const d = c.data
  return { ...c, allowed_actions: allowed, purpose: d.purpose, countries: [...new Set((d.itinerary ?? []).map((l) => l.country).filter(Boolean))],
    departure_date: d.departure_date, return_date: d.return_date, members_count: (d.members ?? []).length }
}
function visible(c, u) {
  if (u.roles.some((r) => ['officer', 'approver', 'auditor', 'admin'].includes(r))) return true
  if (u.roles.includes('reviewer')) return c.org.parent_id === u.org.id || true
  return u.org && c.org.id === u.org.id
}
function addHistory(c, u, kind, extra = {}) { history.push({ id: history.length + 1, case_id: c.id, at: now(), user: { id: u.id, display_name: u.display_name }, kind, ...extra }) }

async function api(method, path, q, body, u, raw) {
  let m
  if (method === 'GET' && path === '/health') return ok({ status: 'ok', database: 'mock', version: '0' })
  if (method === 'POST' && path === '/auth/login') {
    const f = failures.get(body.username) ?? 0
    if (f >= 5) return err(429, 'throttled', 'Too many failed sign-ins.', '登录失败次数过多。')
    const usr = users.find((x) => x.username === body.username)
    if (!usr || body.password !== PASSWORD) { failures.set(body.username, f + 1); return err(401, 'invalid_credentials', 'Wrong username or password.', '用户名或密码错误。') }
    const sid = randomBytes(16).toString('hex'), csrf = randomBytes(16).toString('hex')
    sessions.set(sid, { user: usr, csrf })
    return { status: 200, body: { user: usr, csrf_token: csrf }, cookie: `waishi_session=${sid}; HttpOnly; SameSite=Strict; Path=/` }
  }
  if (!u) return err(401, 'unauthorized', 'Please sign in.', '请先登录。')
  if (method === 'POST' && path === '/auth/logout') { sessions.delete(u.sid); return { status: 204 } }
  if (path === '/me') { if (method === 'PATCH') u.user.locale = body.locale; return ok({ user: u.user, csrf_token: u.csrf }) }
  const me = u.user
  if (method === 'GET' && path === '/case-types/outbound_travel') return ok({ ...DEF, policy })
  if (method === 'GET' && path === '/countries') return ok({ items: countries })
  if (method === 'GET' && path === '/tools/passport-name') {
    const n = q.get('name') ?? ''
    return ok({ passport_name: [n.slice(0, 1), n.slice(1)].map((p) => [...p].map((ch) => PINYIN[ch] ?? '').join('')).join(' ').trim() })
  }
  if (method === 'POST' && path === '/cases/check') return ok({ errors: [], checks: checksOf(body.data ?? {}) })
  if (method === 'POST' && path === '/cases') {
    const id = cases.length + 1
    const c = { id, number: `OT-2026-${String(id).padStart(6, '0')}`, type: body.type, state: 'draft', org: me.org, applicant: { id: me.id, display_name: me.display_name }, assigned_to: null,
      data: body.data, created_at: now(), updated_at: now(), submitted_at: null, decided_at: null, due_date: '2026-12-20', overdue: false, report_due_date: null }
    cases.push(c); addHistory(c, me, 'created')
    return ok(caseView(c, me), 201)
  }
  if (method === 'GET' && path === '/cases') {
    let items = cases.filter((c) => visible(c, me))
    if (q.get('state')) items = items.filter((c) => c.state === q.get('state'))
    if (q.get('q')) items = items.filter((c) => JSON.stringify(c).includes(q.get('q')))
    if (q.has('country') && !/^[A-Z]{2}$/.test(q.get('country'))) return err(400, 'invalid_query', 'country must be an ISO 3166-1 alpha-2 code.', 'country 须为两位国家代码。')
    if (q.has('month') && !/^\d{4}-(0[1-9]|1[0-2])$/.test(q.get('month'))) return err(400, 'invalid_query', 'month must be YYYY-MM.', 'month 须为 YYYY-MM。')
    if (q.get('country')) items = items.filter((c) => (c.data?.itinerary ?? []).some((l) => l.country === q.get('country')))
    if (q.get('month')) items = items.filter((c) => (c.submitted_at ?? '').startsWith(q.get('month')))
    const page = Number(q.get('page') ?? 1), size = Number(q.get('page_size') ?? 20)
    return ok({ items: items.slice((page - 1) * size, page * size).map((c) => { const v = caseView(c, me); delete v.data; return v }), total: items.length, page, page_size: size })
  }
  if ((m = path.match(/^\/cases\/(\d+)(\/.*)?$/))) {
    const c = cases.find((x) => x.id === Number(m[1]))
    if (!c || !visible(c, me)) return err(404, 'not_found', 'Not found.', '未找到。')
    const sub = m[2] ?? ''
    if (method === 'GET' && !sub) return ok(caseView(c, me))
    if (method === 'PATCH' && !sub) { c.data = body.data; c.updated_at = now(); addHistory(c, me, 'edited'); return ok(caseView(c, me)) }
    if (method === 'GET' && sub === '/history') return ok({ items: history.filter((h) => h.case_id === c.id) })
    if (method === 'GET' && sub === '/checks') return ok({ items: checksOf(c.data) })
    if (method === 'POST' && sub === '/comments') { addHistory(c, me, 'comment', { comment: body.body }); return ok({}, 201) }
    if (method === 'POST' && sub === '/assign') { c.assigned_to = { id: me.id, display_name: me.display_name }; addHistory(c, me, 'assigned'); return ok(caseView(c, me)) }
    if (method === 'GET' && sub === '/attachments') return ok({ items: attachments.filter((a) => a.case_id === c.id).map(({ bytes, ...a }) => a) })
    if (method === 'POST' && sub === '/attachments') {
      const magic = raw.subarray(0, 8)
      const type = magic.subarray(0, 5).toString() === '%PDF-' ? 'application/pdf' : magic[0] === 0x89 && magic[1] === 0x50 ? 'image/png' : magic[0] === 0xff && magic[1] === 0xd8 ? 'image/jpeg' : null
      const name = q.get('filename') ?? 'file'
      if (!type || (name.endsWith('.pdf') && type !== 'application/pdf')) return err(415, 'unsupported_file', 'The file is not a PDF, JPEG or PNG (checked by its content).', '文件不是 PDF、JPEG 或 PNG(按内容检查)。')
      const a = { id: attachments.length + 1, case_id: c.id, filename: name, content_type: type, size: raw.length, uploaded_at: now(), uploaded_by: { id: me.id, display_name: me.display_name }, bytes: raw }
      attachments.push(a); addHistory(c, me, 'attachment')
      const { bytes, ...v } = a
      return ok(v, 201)
    }
    if (method === 'POST' && sub === '/transitions') {
      const t = DEF.transitions.find((x) => x.action === body.action && x.from.includes(c.state) && x.roles.some((r) => me.roles.includes(r))) ?? DEF.transitions.find((x) => x.action === body.action && x.from.includes(c.state))
      if (!t) return err(409, 'invalid_state', 'Not possible in this state.', '当前状态下不能办理。')
      if (!t.roles.some((r) => me.roles.includes(r))) return err(403, 'forbidden_action', 'Your role may not do this.', '您的角色无权办理。')
      if (t.comment_required && !body.comment) return err(422, 'comment_required', 'A comment is required.', '须填写意见。', [{ field: 'comment', message: 'A comment is required.', message_zh: '须填写意见。' }])
      const failed = rules(c.data).filter((r) => !r.ok && (t.rules ?? []).includes(r.rule))
      if (failed.length) return err(422, 'rules_failed', 'The application breaks rules.', '申请不符合规定。', failed.map((r) => ({ field: r.field, rule: r.rule, severity: r.severity, message: r.en, message_zh: r.zh })))
      const from = c.state
      c.state = Array.isArray(t.to) ? (c.org.direct_report ? 'office_review' : 'district_review') : t.to
      c.updated_at = now()
      if (body.action === 'submit') c.submitted_at = now()
      addHistory(c, me, 'transition', { action: body.action, from_state: from, to_state: c.state, comment: body.comment ?? null })
      return ok(caseView(c, me))
    }
  }
  if ((m = path.match(/^\/attachments\/(\d+)$/))) {
    const a = attachments.find((x) => x.id === Number(m[1]))
    if (!a) return err(404, 'not_found', 'Not found.', '未找到。')
    return { status: 200, raw: a.bytes, type: a.content_type }
  }
  if (method === 'GET' && path === '/dashboard/travel') {
    const by_state = {}
    for (const s of DEF.states) by_state[s.name] = cases.filter((c) => c.state === s.name).length + 2
    return ok({ by_state, by_month: [{ month: '2026-09', count: 4 }, { month: '2026-10', count: 7 }, { month: '2026-11', count: cases.length }],
      processing_days: { direct_report: 4, normal: 9.5 }, top_countries: [{ country: 'DE', count: 9 }, { country: 'FR', count: 5 }, { country: 'ZA', count: 2 }] })
  }
  if (method === 'GET' && path === '/organizations') return ok({ items: orgs.map((o) => ({ ...o, uscc_check: o.uscc ? (o.uscc.endsWith('43') ? 'valid' : 'invalid') : null })), total: orgs.length, page: 1, page_size: 20 })
  if ((m = path.match(/^\/organizations\/(\d+)(\/.*)?$/))) {
    const o = orgs.find((x) => x.id === Number(m[1]))
    if (!o) return err(404, 'not_found', 'Not found.', '未找到。')
    if (!m[2]) return ok({ ...o, uscc_check: o.uscc ? 'valid' : null })
    if (m[2] === '/direct-report-eligibility') return ok({ org_id: o.id, direct_report: o.direct_report, eligible: o.direct_report, criteria: [
      { id: 'trips_12m', label: { zh: '近 12 个月出访次数', en: 'Trips in the last 12 months' }, value: 4, threshold: 3, passed: true },
      { id: 'rejected_12m', label: { zh: '近 12 个月不予批准次数', en: 'Rejected in the last 12 months' }, value: o.direct_report ? 0 : 1, threshold: 0, passed: o.direct_report }] })
    if (m[2] === '/direct-report-history') return ok({ items: o.direct_report ? [{ granted: true, reason: 'Key exporter', by: { id: 2, display_name: '王经办' }, at: '2026-01-05T02:00:00Z' }] : [] })
    if (m[2] === '/direct-report' && method === 'POST') { o.direct_report = body.granted; return ok(o) }
  }
  if (method === 'GET' && path === '/passport-custody') return ok({ items: [{ id: 1, case_id: 1, case_number: 'OT-2026-000001', member_name: '张昊', id_number: '11010519491231002X', issued_at: '2026-10-01T02:00:00Z', due_date: '2026-10-20', returned_at: null, overdue: true }], total: 1, page: 1, page_size: 20 })
  if (method === 'GET' && path === '/users') return ok({ items: users, total: users.length, page: 1, page_size: 20 })
  if (path === '/policies/outbound_travel') { if (method === 'PUT') policy = body; return ok(policy) }
  if (method === 'GET' && path === '/holidays') return ok({ items: [{ date: '2027-01-01', kind: 'holiday', name_zh: '元旦', name_en: "New Year's Day" }, { date: '2027-02-07', kind: 'workday', name_zh: '春节调休', name_en: 'Spring Festival working day' }] })
  if (method === 'GET' && path === '/audit') return ok({ items: audit, total: audit.length, page: 1, page_size: 50 })
  if (method === 'GET' && path === '/audit/verify') return ok({ ok: true, entries: audit.length, first_bad_id: null })
  return err(404, 'not_found', 'No such endpoint.', '没有该接口。')
}

const TYPES = { '.html': 'text/html', '.js': 'text/javascript', '.css': 'text/css', '.svg': 'image/svg+xml', '.png': 'image/png', '.woff2': 'font/woff2', '.woff': 'font/woff', '.ttf': 'font/ttf' }
createServer(async (req, res) => {
  const url = new URL(req.url, 'http://x')
  if (url.pathname.startsWith('/api/v1/')) {
    const chunks = []
    for await (const ch of req) chunks.push(ch)
    const raw = Buffer.concat(chunks)
    let body = {}
    if (req.headers['content-type']?.startsWith('application/json') && raw.length) { try { body = JSON.parse(raw) } catch { return send(err(400, 'bad_json', 'Malformed JSON.', 'JSON 格式错误。')) } }
    const sid = /waishi_session=([0-9a-f]+)/.exec(req.headers.cookie ?? '')?.[1]
    const s = sid && sessions.get(sid)
    const u = s ? { user: s.user, csrf: s.csrf, sid } : null
    if (u && req.method !== 'GET' && req.headers['x-csrf-token'] !== u.csrf) return send(err(403, 'csrf', 'CSRF token missing.', '缺少 CSRF 令牌。'))
    const r = await api(req.method, url.pathname.slice(7), url.searchParams, body, u, raw)
    audit.push({ id: audit.length + 1, at: now(), user_id: u?.user.id ?? null, username: u?.user.username ?? null, ip: '127.0.0.1', action: `${req.method} ${url.pathname}`, object_type: 'api', object_id: null, detail: null, hash: randomBytes(8).toString('hex') })
    return send(r)
  }
  let file = join(DIST, url.pathname)
  if (!file.startsWith(DIST) || !existsSync(file) || statSync(file).isDirectory()) file = join(DIST, 'index.html')
  res.writeHead(200, { 'Content-Type': TYPES[extname(file)] ?? 'application/octet-stream' })
  res.end(readFileSync(file))
  function send(r) {
    const h = {}
    if (r.cookie) h['Set-Cookie'] = r.cookie
    if (r.raw) { res.writeHead(r.status, { ...h, 'Content-Type': r.type }); return res.end(r.raw) }
    if (r.body === undefined) { res.writeHead(r.status, h); return res.end() }
    res.writeHead(r.status, { ...h, 'Content-Type': 'application/json; charset=utf-8' })
    res.end(JSON.stringify(r.body))
  }
}).listen(Number(process.argv[2] ?? 8098), '127.0.0.1', () => console.log(`mock waishi on ${process.argv[2] ?? 8098}`))
