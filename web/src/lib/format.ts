// The one place that turns numbers and instants into text; every page formats through it so they agree.

const byteUnits = ['B', 'KB', 'MB', 'GB', 'TB', 'PB']

/** 1536 → "1.5 KB" (powers of 1024, as du and ls -h count); three significant digits at most. */
export function formatBytes(bytes: number | null | undefined) {
  if (bytes == null || !Number.isFinite(bytes)) return '—'
  let value = bytes
  let unit = 0
  // 1023.6 B would print as "1024 B": move up as soon as the rounded figure reaches the next unit
  while (Math.abs(value) >= 1023.5 && unit < byteUnits.length - 1) {
    value /= 1024
    unit++
  }
  const size = Math.abs(value)
  const digits = unit === 0 || size >= 99.95 ? 0 : size >= 9.995 ? 1 : 2
  return `${value.toFixed(digits)} ${byteUnits[unit]}`
}

const count = new Intl.NumberFormat()

/** 1234567 → "1,234,567" in the browser's locale. */
export function formatCount(n: number | null | undefined) {
  return n == null || !Number.isFinite(n) ? '—' : count.format(n)
}

/** 950 → "950 ms", 4_200 → "4.2 s", 61_000 → "1 min 1 s", 3_720_000 → "1 h 2 min". */
export function formatDuration(ms: number | null | undefined) {
  if (ms == null || !Number.isFinite(ms)) return '—'
  if (ms < 999.5) return `${Math.max(0, Math.round(ms))} ms`
  if (ms < 9_950) return `${(ms / 1000).toFixed(1)} s`
  const seconds = Math.round(ms / 1000)
  if (seconds < 60) return `${seconds} s`
  const minutes = Math.floor(seconds / 60)
  const rest = seconds % 60
  if (minutes < 60) return rest ? `${minutes} min ${rest} s` : `${minutes} min`
  const hours = Math.floor(minutes / 60)
  return `${hours} h ${minutes % 60} min`
}

const dateTime = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' })
const dateOnly = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium' })
const relative = new Intl.RelativeTimeFormat(undefined, { numeric: 'auto' })

function parse(iso: string | null | undefined) {
  if (!iso) return null
  const date = new Date(iso)
  return Number.isNaN(date.getTime()) ? null : date
}

/** An instant as a date and time in the browser's locale and zone; "—" for none. */
export function formatDateTime(iso: string | null | undefined) {
  const date = parse(iso)
  return date ? dateTime.format(date) : '—'
}

/** An instant's date in the browser's locale and zone; "—" for none. */
export function formatDate(iso: string | null | undefined) {
  const date = parse(iso)
  return date ? dateOnly.format(date) : '—'
}

const relativeUnits: [Intl.RelativeTimeFormatUnit, number][] = [
  ['year', 365 * 24 * 3600],
  ['month', 30 * 24 * 3600],
  ['week', 7 * 24 * 3600],
  ['day', 24 * 3600],
  ['hour', 3600],
  ['minute', 60],
]

/** "3 minutes ago", "in 2 days"; "just now" under a minute, "never" for none. */
export function formatRelative(iso: string | null | undefined, now = Date.now()) {
  const date = parse(iso)
  if (!date) return 'never'
  const seconds = Math.round((date.getTime() - now) / 1000)
  for (const [unit, size] of relativeUnits) {
    if (Math.abs(seconds) >= size) return relative.format(Math.round(seconds / size), unit)
  }
  return 'just now'
}
