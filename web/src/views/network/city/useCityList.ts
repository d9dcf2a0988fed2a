// One of a partner city's lists on its page (its projects, its exchanges): read whole for the
// city, loading while it is read, the server's refusal said in the current language. A list read
// for a city the page has since left is dropped.
import { reactive, ref } from 'vue'
import { ApiError, pickMessage } from '@/api/request'

export function useCityList<T>(read: (cityId: number) => Promise<T[]>) {
  const items = ref<T[]>([])
  const busy = ref(false)
  const error = ref('')
  let latest = 0

  async function load(cityId: number) {
    const mine = ++latest
    busy.value = true
    try {
      const got = await read(cityId)
      if (mine !== latest) return
      items.value = got
      error.value = ''
    } catch (e) {
      if (!(e instanceof ApiError)) throw e
      if (mine !== latest) return
      items.value = []
      error.value = pickMessage(e.messageEn, e.messageZh)
    } finally {
      if (mine === latest) busy.value = false
    }
  }

  return reactive({ items, busy, error, load })
}
