// The Excel export of a list (GET /api/v1/<list>/export, core/export/export.h): fetched with
// the list's current filters and the UI's language, then handed to the browser as a download
// under the server's file name. Errors (403, 400, 422 over the row cap) are shown like any
// other API error.
import { buildQuery, parseError, showError, ApiError, type RequestOptions } from './request'
import { i18n } from '@/i18n'
import { saveBlob } from '@/utils/save'

/** The UTF-8 file name of a Content-Disposition (RFC 6266, `filename*` per RFC 8187). */
export function fileNameOf(disposition: string | null, fallback: string): string {
  if (!disposition) return fallback
  const star = /filename\*\s*=\s*UTF-8''([^;]+)/i.exec(disposition)
  if (star) {
    try { return decodeURIComponent(star[1].trim()) } catch { /* malformed: the plain name */ }
  }
  const plain = /filename\s*=\s*"([^"]*)"/i.exec(disposition)
  return plain ? plain[1] : fallback
}

/** Downloads `<path>/export` with `query` (paging left out) in the UI's language. */
export async function downloadExport(path: string, query: RequestOptions['query'] = {}): Promise<void> {
  const lang = String(i18n.global.locale.value).startsWith('en') ? 'en' : 'zh'
  const { page: _page, page_size: _size, ...filters } = query ?? {}
  const url = `/api/v1${path}/export${buildQuery({ ...filters, lang })}`
  let res: Response
  try {
    res = await fetch(url, { headers: { 'Accept-Language': String(i18n.global.locale.value) }, credentials: 'same-origin' })
  } catch {
    const m = i18n.global.t('common.error.network')
    const err = new ApiError(0, 'network', m, m)
    showError(err)
    throw err
  }
  if (!res.ok) {
    const err = await parseError(res.status, await res.text())
    showError(err)
    throw err
  }
  saveBlob(await res.blob(), fileNameOf(res.headers.get('content-disposition'), 'export.xlsx'))
}
