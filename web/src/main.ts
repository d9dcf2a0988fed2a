import { createApp } from 'vue'
import { createPinia } from 'pinia'
import 'element-plus/dist/index.css'
import './theme.css' // after Element Plus's: its colours and sizes for accessibility
import * as Icons from '@element-plus/icons-vue'
import App from './App.vue'
import './modules' // each module's panels, figures and list filters register themselves
import { router } from './router'
import { i18n } from './i18n'
import { setUnauthorizedHandler } from './api/request'
import { useSessionStore } from './stores/session'
import './styles.css'

const app = createApp(App)
app.use(createPinia())
app.use(i18n)
for (const [name, comp] of Object.entries(Icons)) app.component(name, comp)
app.use(router)

// A session that expired mid-way sends the user back to the sign-in page.
setUnauthorizedHandler(() => {
  useSessionStore().forget()
  if (router.currentRoute.value.name !== 'login') router.push({ name: 'login', query: { redirect: router.currentRoute.value.fullPath } })
})

app.mount('#app')
