import { jobPhaseLabels } from '@/features/jobs/format'
import type { JobPhase } from '@/features/jobs/types'
import type { BackupStatus, BackupTrigger, Compression, DumpKind } from './types'

const units = ['B', 'KB', 'MB', 'GB', 'TB']

/** 1536 → "1.5 KB" (powers of 1024, as du and ls -h count). */
export function formatBytes(bytes: number | null | undefined) {
  if (bytes == null || !Number.isFinite(bytes)) return '—'
  let value = bytes
  let unit = 0
  while (Math.abs(value) >= 1024 && unit < units.length - 1) {
    value /= 1024
    unit++
  }
  const digits = unit === 0 || value >= 100 ? 0 : value >= 10 ? 1 : 2
  return `${value.toFixed(digits)} ${units[unit]}`
}

/** 950 → "950 ms", 61_000 → "1 min 1 s" */
export function formatDuration(ms: number | null | undefined) {
  if (ms == null) return '—'
  if (ms < 1000) return `${Math.round(ms)} ms`
  const seconds = ms / 1000
  if (seconds < 60) return `${seconds < 10 ? seconds.toFixed(1) : Math.round(seconds)} s`
  const minutes = Math.floor(seconds / 60)
  const rest = Math.round(seconds % 60)
  if (minutes < 60) return rest ? `${minutes} min ${rest} s` : `${minutes} min`
  const hours = Math.floor(minutes / 60)
  return `${hours} h ${minutes % 60} min`
}

export function formatCount(n: number) {
  return new Intl.NumberFormat().format(n)
}

export const kindLabels: Record<DumpKind, string> = { FULL: 'Full', SCHEMA: 'Schema', DATA: 'Data' }
export const kindDescriptions: Record<DumpKind, string> = {
  FULL: 'Definitions and data',
  SCHEMA: 'Definitions only',
  DATA: 'Rows only',
}

export const triggerLabels: Record<BackupTrigger, string> = { MANUAL: 'Manual', SCHEDULED: 'Scheduled' }

export const statusLabels: Record<BackupStatus, string> = {
  IN_PROGRESS: 'In progress',
  COMPLETED: 'Completed',
  FAILED: 'Failed',
  CANCELLED: 'Cancelled',
}

export const compressionLabels: Record<Compression, string> = { ZSTD: 'zstd', GZIP: 'gzip', NONE: 'None' }

/** Levels as the backend accepts them (Compressors.checkLevel / defaultLevel). */
export const compressionLevels: Record<Compression, { min: number; max: number; default: number }> = {
  ZSTD: { min: 1, max: 19, default: 3 },
  GZIP: { min: 1, max: 9, default: 6 },
  NONE: { min: 0, max: 0, default: 0 },
}

/** A running backup's phase (its job's, in lower case) as the progress bar labels it. */
export const phaseLabels = Object.fromEntries(
  Object.entries(jobPhaseLabels).map(([phase, label]) => [phase.toLowerCase(), phase === 'DONE' ? 'Finishing' : label]),
) as Record<Lowercase<JobPhase>, string>

/** The same rule as BackupRestores.DATABASE_NAME. */
export const DATABASE_NAME = /^[A-Za-z0-9_][A-Za-z0-9_.$-]{0,62}$/
