// The player's keyboard: Space plays or pauses, Left and Right seek by one second, A switches
// between original and corrected, while the calling component is mounted.
import { onBeforeUnmount, onMounted } from 'vue'

/** Typing or choosing in these must not trigger the player's keys. */
export function isEditable(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false
  if (target.isContentEditable) return true
  return ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName)
}

export interface PlayerKeys {
  playPause: () => void
  seekBy: (sec: number) => void
  toggleAb: () => void
}

/**
 * The player's keys: not while typing in a field, not with Ctrl, Alt or Meta (the shell's
 * shortcuts). Space on a focused button plays too (Enter still presses the button), so the last
 * clicked control does not capture it.
 */
export function usePlayerKeys(
  keys: PlayerKeys,
  target: Pick<Window, 'addEventListener' | 'removeEventListener'> = window,
): void {
  const onKeyDown = (e: KeyboardEvent): void => {
    if (e.defaultPrevented || e.isComposing || e.ctrlKey || e.altKey || e.metaKey) return
    if (isEditable(e.target)) return
    if (e.key === ' ' || e.code === 'Space') {
      if (e.repeat) return e.preventDefault()
      keys.playPause()
    } else if (e.key === 'ArrowLeft') keys.seekBy(-1)
    else if (e.key === 'ArrowRight') keys.seekBy(1)
    else if ((e.key === 'a' || e.key === 'A') && !e.repeat) keys.toggleAb()
    else return
    e.preventDefault()
  }
  onMounted(() => target.addEventListener('keydown', onKeyDown as EventListener))
  onBeforeUnmount(() => target.removeEventListener('keydown', onKeyDown as EventListener))
}
