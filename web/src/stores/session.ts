// Who is signed in, their CSRF token, and the language (remembered per user on the server);
// the text size follows the user too (stores/display.ts).
import { defineStore } from 'pinia'
import { computed, ref } from 'vue'
import * as auth from '@/api/auth'
import { setCsrfToken } from '@/api/request'
import type { Role, User } from '@/api/types'
import { i18n, setLocale, LOCALES, type AppLocale } from '@/i18n'
import { useDisplayStore } from './display'

export const useSessionStore = defineStore('session', () => {
  const user = ref<User | null>(null)
  const loaded = ref(false)
  const locale = computed(() => i18n.global.locale.value as AppLocale)
  const display = useDisplayStore()

  function adopt(u: User, token: string) {
    user.value = u
    setCsrfToken(token)
    display.adoptUser(u.username)
    if (u.locale && (LOCALES as readonly string[]).includes(u.locale)) setLocale(u.locale as AppLocale)
  }

  /** Restores the session from the cookie, once per page load. */
  async function load() {
    if (loaded.value) return
    try {
      const r = await auth.getMe()
      adopt(r.user, r.csrf_token)
    } catch {
      user.value = null
    } finally {
      loaded.value = true
    }
  }

  /** Signs in. When the language was switched on the sign-in page it becomes the user's. */
  async function signIn(username: string, password: string, chosenLocale: AppLocale | null) {
    const r = await auth.login(username, password)
    adopt(r.user, r.csrf_token)
    loaded.value = true
    if (chosenLocale && chosenLocale !== r.user.locale) await changeLocale(chosenLocale)
  }

  async function signOut() {
    try { await auth.logout() } catch { /* the session may already be gone */ }
    user.value = null
    setCsrfToken('')
    display.adoptUser(null)
  }

  async function changeLocale(l: AppLocale) {
    setLocale(l)
    if (user.value) {
      try {
        const r = await auth.updateMe({ locale: l })
        user.value = { ...user.value, ...(r?.user ?? {}), locale: l }
      } catch { /* the language still switches for this page */ }
    }
  }

  function hasRole(...roles: Role[]) {
    return !!user.value && user.value.roles.some((r) => roles.includes(r))
  }

  /** Reads the user again (after their password change cleared must_change_password). */
  async function refresh() {
    const r = await auth.getMe()
    adopt(r.user, r.csrf_token)
  }

  function forget() { user.value = null; setCsrfToken(''); display.adoptUser(null) }

  return { user, loaded, locale, load, refresh, signIn, signOut, changeLocale, hasRole, forget }
})
