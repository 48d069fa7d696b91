// How numbers read in the UI: one place, so every view says durations and rates the same way.

const count = new Intl.NumberFormat('en-US')

/** 12345 → '12,345'. */
export function formatCount(n: number): string {
  return count.format(n)
}

/** Seconds as '0.8 s', '42 s', '3 min 05 s', '2 h 07 min'. */
export function formatDuration(sec: number | null): string {
  if (sec === null || !Number.isFinite(sec)) return '–'
  if (sec < 10) return `${sec.toFixed(1)} s`
  const s = Math.round(sec)
  if (s < 60) return `${s} s`
  if (s < 3600) return `${Math.floor(s / 60)} min ${String(s % 60).padStart(2, '0')} s`
  return `${Math.floor(s / 3600)} h ${String(Math.floor((s % 3600) / 60)).padStart(2, '0')} min`
}

/** 44100 → '44.1 kHz', 800 → '800 Hz'. */
export function formatRate(hz: number | null): string {
  if (hz === null) return '–'
  return hz >= 1000 ? `${+(hz / 1000).toFixed(2)} kHz` : `${hz} Hz`
}

/** A frequency axis label: 50 → '50', 1000 → '1k', 12500 → '12.5k'. */
export function formatHzTick(hz: number): string {
  return hz >= 1000 ? `${+(hz / 1000).toFixed(1)}k` : `${+hz.toFixed(1)}`
}

/** An ISO time as local 'YYYY-MM-DD HH:MM'. */
export function formatTime(iso: string | null): string {
  if (!iso) return '–'
  const d = new Date(iso)
  if (Number.isNaN(d.getTime())) return iso
  const p = (n: number): string => String(n).padStart(2, '0')
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())} ${p(d.getHours())}:${p(d.getMinutes())}`
}

/** The last part of a path. */
export function baseName(path: string): string {
  return path.split(/[\\/]/).filter(Boolean).pop() ?? path
}
