import { createApp } from 'vue'
import { createPinia } from 'pinia'
import App from './App.vue'
import { router } from './router'
import { useClinicServerStore } from './stores/clinic-server'
import './styles/base.css'

const pinia = createPinia()
const app = createApp(App).use(pinia).use(router)
// whose data this page shows (this computer's, or a clinic server's) holds until it reloads:
// known before the first screen, since drafts are journaled here in solo mode only
void useClinicServerStore(pinia)
  .load()
  .finally(() => app.mount('#app'))
