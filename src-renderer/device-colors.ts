// One colour per device everywhere (plots, tables, heat maps, dots, chips): the project's map from
// src-shared/figures/palette, resolved once from the project's sorted device list when the project
// loads (App.vue calls setProjectDevices). Reactive, so templates that call deviceColor() follow
// a project change. Names the project does not know (or all, before it has loaded) still get
// distinct colours when shown together.
import { computed, shallowRef } from 'vue'
import { colorOf, deviceColorMap, DEVICE_PALETTE, NEUTRAL_COLOR } from '@shared/figures/palette'

export { DEVICE_PALETTE, NEUTRAL_COLOR }

const projectDevices = shallowRef<readonly string[]>([])
const projectMap = computed(() => deviceColorMap(projectDevices.value))

/** Sets the project's devices (call when a project opens or its device list changes). */
export function setProjectDevices(devices: readonly string[]): void {
  const next = [...new Set(devices)].sort()
  const now = projectDevices.value
  if (next.length === now.length && next.every((d, i) => d === now[i])) return
  projectDevices.value = next
}

/** The colour of one device. */
export function deviceColor(name: string): string {
  return colorOf(projectMap.value, name)
}

/**
 * Colours for devices shown together: the project's colour for each of its devices; names it does
 * not know take the palette slots after the project's (sorted among themselves), so they never
 * move a project device's colour.
 */
export function deviceColors(names: readonly string[]): Map<string, string> {
  const map = projectMap.value
  const unknown = [...new Set(names.filter((n) => !map.has(n)))].sort()
  const offset = map.size
  const extra = new Map(
    unknown.map((n, i) => [n, DEVICE_PALETTE[(offset + i) % DEVICE_PALETTE.length]]),
  )
  return new Map(names.map((n) => [n, map.get(n) ?? extra.get(n)!]))
}
