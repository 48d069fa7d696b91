// Keyboard shortcuts of the window, by combo: 'Alt+1', 'Ctrl+K', 'Shift+Escape'. Digits and
// letters are read from the physical key, so Alt+1 works on layouts where Alt changes the character.
import { onMounted, onUnmounted } from 'vue'

export type ShortcutHandler = (event: KeyboardEvent) => void

/** The combo of a key event, modifiers in the order Ctrl, Alt, Shift, Meta. */
export function comboOf(e: KeyboardEvent): string {
  const key = /^Digit\d$/.test(e.code)
    ? e.code.slice(5)
    : /^Key[A-Z]$/.test(e.code)
      ? e.code.slice(3)
      : e.key.length === 1
        ? e.key.toUpperCase()
        : e.key
  const mods = [e.ctrlKey && 'Ctrl', e.altKey && 'Alt', e.shiftKey && 'Shift', e.metaKey && 'Meta']
  return [...mods.filter(Boolean), key].join('+')
}

/** Listens on `target` (the window) while the calling component is mounted. */
export function useShortcuts(
  bindings: Record<string, ShortcutHandler>,
  target: Pick<Window, 'addEventListener' | 'removeEventListener'> = window,
): void {
  const onKeyDown = (e: KeyboardEvent): void => {
    if (e.defaultPrevented || e.isComposing) return
    const handler = bindings[comboOf(e)]
    if (!handler) return
    e.preventDefault()
    handler(e)
  }
  onMounted(() => target.addEventListener('keydown', onKeyDown as EventListener))
  onUnmounted(() => target.removeEventListener('keydown', onKeyDown as EventListener))
}
