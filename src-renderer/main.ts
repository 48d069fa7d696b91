import { createApp } from 'vue'
import { createPinia } from 'pinia'
import App from './App.vue'
import { detectTransport, installTransport } from './api'
import { useAppStore } from './stores/app'
import './styles/theme.css'
import './styles/base.css'

installTransport(detectTransport())

const app = createApp(App)
const pinia = createPinia()
app.use(pinia)
// Failed actions (ApiError) and bugs alike end here and are shown, never swallowed.
app.config.errorHandler = (err) => useAppStore(pinia).report(err)
window.addEventListener('unhandledrejection', (e) => useAppStore(pinia).report(e.reason))
app.mount('#app')
