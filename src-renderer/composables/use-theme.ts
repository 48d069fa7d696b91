// Light or dark: follows prefers-color-scheme until the user picks one, which localStorage keeps.
// The theme is applied as <html data-theme="…"> for the CSS custom properties in styles/.
import { onScopeDispose, watch, watchEffect } from 'vue'
import { useAppStore, type Theme } from '../stores/app'

const KEY = 'scw.theme'

export function useTheme(): { toggle: () => void } {
  const app = useAppStore()
  const stored = localStorage.getItem(KEY)
  if (stored === 'light' || stored === 'dark') app.themeChoice = stored

  const query = window.matchMedia?.('(prefers-color-scheme: dark)')
  const follow = (): void => {
    app.systemTheme = query?.matches ? 'dark' : 'light'
  }
  follow()
  query?.addEventListener('change', follow)
  onScopeDispose(() => query?.removeEventListener('change', follow))

  watch(
    () => app.themeChoice,
    (choice: Theme | null) => {
      if (choice) localStorage.setItem(KEY, choice)
      else localStorage.removeItem(KEY)
    },
  )
  watchEffect(() => {
    document.documentElement.dataset.theme = app.theme
    document.documentElement.style.colorScheme = app.theme
  })
  return { toggle: app.toggleTheme }
}
