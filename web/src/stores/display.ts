// How large the text is: the header's "larger text" switch for older users. The choice
// is remembered per user on this device (localStorage, keyed by the username) and applied as
// a scale of the root font size (html.larger-text in theme.css); every size in rem follows.
import { defineStore } from 'pinia'
import { ref } from 'vue'

const KEY_PREFIX = 'waishi.largerText.'

function remembered(username: string): boolean {
  try { return localStorage.getItem(KEY_PREFIX + username) === 'on' } catch { return false }
}

export const useDisplayStore = defineStore('display', () => {
  const largerText = ref(false)
  let owner: string | null = null

  function apply() {
    if (typeof document !== 'undefined') document.documentElement.classList.toggle('larger-text', largerText.value)
  }

  /** Takes the remembered choice of the user who signed in; null (signed out) means normal text. */
  function adoptUser(username: string | null) {
    owner = username
    largerText.value = username ? remembered(username) : false
    apply()
  }

  /** Switches larger text on or off, and remembers it for the signed-in user. */
  function setLargerText(on: boolean) {
    largerText.value = on
    if (owner) {
      try { localStorage.setItem(KEY_PREFIX + owner, on ? 'on' : 'off') } catch { /* private mode: this page only */ }
    }
    apply()
  }

  return { largerText, adoptUser, setLargerText }
})
