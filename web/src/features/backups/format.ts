// Labels of backup values; numbers and instants are formatted by @/lib/format.
import { jobPhaseLabels } from '@/features/jobs/format'
import type { JobPhase } from '@/features/jobs/types'
import type { BackupStatus, BackupTrigger, Compression, DumpKind } from './types'

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
