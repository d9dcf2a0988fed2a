// What the city page's dialogs (a new project, exchange, agreement or contact) share: their errors, each beside
// the field it names — the server's 422 details and the form's own checks, in the current
// language, the field marked invalid and described by its message, the first in error focused
// after a refusal —, the form's own problems worded in both languages, and the focus given back
// to what opened the dialog when it closes.
import { computed, nextTick, ref, watch, type Ref } from 'vue'
import { useI18n } from 'vue-i18n'
import { ApiError, pickMessage, showError } from '@/api/request'
import type { ErrorDetail } from '@/api/types'
import type { Say } from './forms'

/** A form's errors; `idPrefix`-`field` is each field's id, `idPrefix`-`field`-error its message's. */
export function useFieldErrors<F extends string>(idPrefix: string, fields: readonly F[], fieldOf: (d: ErrorDetail) => F | null) {
  const { t, locale } = useI18n()
  const details = ref<ErrorDetail[]>([])
  const msg = (d: ErrorDetail) => { void locale.value; return pickMessage(d.message, d.message_zh) }
  const errorOf = (f: F) => details.value.filter((d) => fieldOf(d) === f).map(msg).join(' ')
  const general = computed(() => details.value.filter((d) => fieldOf(d) === null).map(msg).join(' '))
  const id = (f: F) => `${idPrefix}-${f}`
  /** A field's error, named for assistive technology: marked invalid and described by it (and its hint). */
  const described = (f: F, hint?: string) => ({
    'aria-invalid': errorOf(f) ? true : undefined,
    'aria-describedby': [hint, errorOf(f) ? `${id(f)}-error` : ''].filter(Boolean).join(' ') || undefined,
  })
  const clear = (...fs: F[]) => { details.value = details.value.filter((d) => !fs.includes(fieldOf(d) as F)) }

  /** After a refusal the first field in error takes the focus, its message read with it. */
  async function focusFirstError() {
    await nextTick()
    const f = fields.find((x) => errorOf(x))
    if (f) document.getElementById(id(f))?.focus()
  }

  /** The form's own problems (then nothing was sent), beside their fields. */
  function check(problems: ErrorDetail[]): boolean {
    details.value = problems
    if (problems.length) void focusFirstError()
    return problems.length === 0
  }

  /** A 422's details beside their fields, and those of any other refusal naming its fields (a 415 naming the file); any other error said the usual way. */
  function refused(e: unknown) {
    if (e instanceof ApiError && (e.status === 422 || (e.status >= 400 && e.status < 500 && e.details?.length))) {
      details.value = e.details?.length ? e.details : [{ message: e.messageEn, message_zh: e.messageZh }]
      void focusFirstError()
    } else {
      showError(e)
    }
  }

  /** Words a problem of the form's own in both languages, from `catalogue`.`key` (a number `n` chooses the plural). */
  const sayFrom = (catalogue: string): Say<F> => (field, key, named = {}) => {
    const options = (lang: string) => (typeof named.n === 'number' ? { locale: lang, plural: named.n } : { locale: lang })
    const k = `${catalogue}.${key}`
    return { field, rule: key, message: t(k, named, options('en-US')), message_zh: t(k, named, options('zh-CN')) }
  }

  return { details, errorOf, general, id, described, clear, check, refused, sayFrom }
}

/** The element that had the focus when the dialog opened, focused again once it has closed (WCAG 2.4.3). */
export function useReturnFocus(open: Ref<boolean>) {
  let opener: HTMLElement | null = null
  watch(open, (v) => { if (v) opener = document.activeElement instanceof HTMLElement ? document.activeElement : null }, { flush: 'sync' })
  return () => {
    opener?.focus()
    opener = null
  }
}
