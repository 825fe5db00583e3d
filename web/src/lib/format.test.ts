import { describe, expect, it } from 'vitest'
import { formatBytes, formatCount, formatDate, formatDateTime, formatDuration, formatRelative } from './format'

describe('formatBytes', () => {
  it('counts in powers of 1024 with at most three significant digits', () => {
    expect(formatBytes(0)).toBe('0 B')
    expect(formatBytes(512)).toBe('512 B')
    expect(formatBytes(1536)).toBe('1.50 KB')
    expect(formatBytes(10 * 1024 + 512)).toBe('10.5 KB')
    expect(formatBytes(200 * 1024 * 1024)).toBe('200 MB')
    expect(formatBytes(3 * 1024 ** 4)).toBe('3.00 TB')
  })

  it('moves to the next unit instead of printing 1024 of this one', () => {
    expect(formatBytes(1023)).toBe('1023 B')
    expect(formatBytes(1023.6)).toBe('1.00 KB')
    expect(formatBytes(1024 * 1024 - 1)).toBe('1.00 MB')
    expect(formatBytes(99.96 * 1024)).toBe('100 KB')
  })

  it('shows a dash for no value', () => {
    expect(formatBytes(null)).toBe('—')
    expect(formatBytes(undefined)).toBe('—')
    expect(formatBytes(Number.NaN)).toBe('—')
  })
})

describe('formatDuration', () => {
  it('uses milliseconds under a second, tenths under ten seconds', () => {
    expect(formatDuration(0)).toBe('0 ms')
    expect(formatDuration(950)).toBe('950 ms')
    expect(formatDuration(999.6)).toBe('1.0 s')
    expect(formatDuration(4200)).toBe('4.2 s')
  })

  it('uses whole seconds, then minutes and hours', () => {
    expect(formatDuration(12_400)).toBe('12 s')
    expect(formatDuration(59_600)).toBe('1 min')
    expect(formatDuration(61_000)).toBe('1 min 1 s')
    expect(formatDuration(3_599_700)).toBe('1 h 0 min')
    expect(formatDuration(3_720_000)).toBe('1 h 2 min')
  })

  it('shows a dash for no value', () => {
    expect(formatDuration(null)).toBe('—')
    expect(formatDuration(Number.POSITIVE_INFINITY)).toBe('—')
  })
})

describe('formatCount', () => {
  it('groups digits as the locale does', () => {
    expect(formatCount(1234567)).toBe(new Intl.NumberFormat().format(1234567))
    expect(formatCount(0)).toBe('0')
    expect(formatCount(null)).toBe('—')
  })
})

describe('dates', () => {
  const iso = '2026-03-14T15:09:26Z'

  it('formats an instant in the browser locale, and a dash for none or garbage', () => {
    expect(formatDateTime(iso)).toBe(
      new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(iso)),
    )
    expect(formatDate(iso)).toBe(new Intl.DateTimeFormat(undefined, { dateStyle: 'medium' }).format(new Date(iso)))
    expect(formatDateTime(null)).toBe('—')
    expect(formatDate('not a date')).toBe('—')
  })

  it('says how long ago, in the largest whole unit', () => {
    const now = Date.parse(iso)
    const rtf = new Intl.RelativeTimeFormat(undefined, { numeric: 'auto' })
    expect(formatRelative(iso, now + 30_000)).toBe('just now')
    expect(formatRelative(iso, now + 5 * 60_000)).toBe(rtf.format(-5, 'minute'))
    expect(formatRelative(iso, now + 3 * 3600_000)).toBe(rtf.format(-3, 'hour'))
    expect(formatRelative(iso, now - 2 * 86400_000)).toBe(rtf.format(2, 'day'))
    expect(formatRelative(null)).toBe('never')
  })
})
