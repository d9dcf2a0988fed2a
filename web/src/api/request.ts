// The one HTTP client of the UI: same-origin cookies, the CSRF header on state-changing
// calls, and the server's bilingual JSON error unwrapped into an ApiError whose message is
// shown in the current language (unless the caller handles it: `silent`).
import { ElMessage } from 'element-plus'
import type { ErrorDetail } from './types'
import { i18n } from '@/i18n'

const tr = (key: string, named: Record<string, unknown> = {}) => i18n.global.t(key, named)

export class ApiError extends Error {
  constructor(
    public status: number,
    public code: string,
    public messageEn: string,
    public messageZh: string,
    public details: ErrorDetail[] = [],
  ) {
    super(messageEn)
  }
  /** The message in the UI's current language. */
  localized(): string {
    return pickMessage(this.messageEn, this.messageZh)
  }
}

let csrfToken = ''
let onUnauthorized: (() => void) | null = null

export function setCsrfToken(token: string) { csrfToken = token }
export function setUnauthorizedHandler(fn: () => void) { onUnauthorized = fn }
export function getCsrfToken() { return csrfToken }

/** Chooses the message of a bilingual pair for the current language. */
export function pickMessage(en: string | undefined, zh: string | undefined): string {
  return (String(i18n.global.locale.value).startsWith('zh') ? zh || en : en || zh) ?? ''
}

export interface RequestOptions {
  method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE'
  body?: unknown
  query?: Record<string, string | number | boolean | null | undefined>
  /** Don't show the error message: the caller presents it (e.g. next to form fields). */
  silent?: boolean
}

export function buildQuery(query?: RequestOptions['query']): string {
  if (!query) return ''
  const p = new URLSearchParams()
  for (const [k, v] of Object.entries(query)) {
    if (v === undefined || v === null || v === '' || v === false) continue
    p.set(k, String(v))
  }
  const s = p.toString()
  return s ? `?${s}` : ''
}

export async function parseError(status: number, text: string): Promise<ApiError> {
  try {
    const body = JSON.parse(text)
    const e = body?.error
    if (e) return new ApiError(status, e.code ?? String(status), e.message ?? '', e.message_zh ?? '', e.details ?? [])
  } catch { /* not JSON */ }
  const m = tr('common.error.http', { status })
  return new ApiError(status, `http_${status}`, m, m)
}

export function showError(err: unknown) {
  if (err instanceof ApiError) ElMessage.error({ message: err.localized(), customClass: 'api-error-message' })
  else if (err instanceof Error) ElMessage.error(err.message)
}

export async function request<T>(url: string, opts: RequestOptions = {}): Promise<T> {
  const method = opts.method ?? 'GET'
  const headers: Record<string, string> = { Accept: 'application/json', 'Accept-Language': String(i18n.global.locale.value) }
  if (method !== 'GET' && csrfToken) headers['X-CSRF-Token'] = csrfToken
  let body: BodyInit | undefined
  if (opts.body !== undefined) {
    headers['Content-Type'] = 'application/json'
    body = JSON.stringify(opts.body)
  }
  let res: Response
  try {
    res = await fetch(`/api/v1${url}${buildQuery(opts.query)}`, { method, headers, body, credentials: 'same-origin' })
  } catch (e) {
    const m = tr('common.error.network')
    const err = new ApiError(0, 'network', m, m)
    if (!opts.silent) showError(err)
    throw err
  }
  const text = await res.text()
  if (!res.ok) {
    const err = await parseError(res.status, text)
    if (res.status === 401 && onUnauthorized && !url.startsWith('/auth/') && url !== '/me') onUnauthorized()
    if (!opts.silent) showError(err)
    throw err
  }
  return (text ? JSON.parse(text) : undefined) as T
}

/**
 * Uploads a file as the raw request body with XMLHttpRequest (fetch has no upload progress).
 * onProgress receives 0..100. POST adds the file; PUT replaces the one kept at `url`.
 */
export function uploadRaw<T>(url: string, file: File, onProgress: (pct: number) => void, method: 'POST' | 'PUT' = 'POST'): Promise<T> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest()
    xhr.open(method, `/api/v1${url}`)
    xhr.withCredentials = true
    xhr.setRequestHeader('Content-Type', file.type || 'application/octet-stream')
    xhr.setRequestHeader('Accept', 'application/json')
    if (csrfToken) xhr.setRequestHeader('X-CSRF-Token', csrfToken)
    xhr.upload.onprogress = (e) => { if (e.lengthComputable) onProgress(Math.round((e.loaded / e.total) * 100)) }
    xhr.onload = async () => {
      if (xhr.status >= 200 && xhr.status < 300) {
        onProgress(100)
        resolve((xhr.responseText ? JSON.parse(xhr.responseText) : undefined) as T)
      } else {
        reject(await parseError(xhr.status, xhr.responseText))
      }
    }
    xhr.onerror = () => { const m = tr('common.error.uploadNetwork'); reject(new ApiError(0, 'network', m, m)) }
    xhr.send(file)
  })
}
