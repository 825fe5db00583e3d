// Labels of backup values; numbers and instants are formatted by @/lib/format.
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

export const phaseLabels: Record<string, string> = {
  queued: 'Queued',
  dumping: 'Dumping',
  storing: 'Storing',
  done: 'Finishing',
  failed: 'Failing',
  cancelled: 'Cancelling',
}

/** The same rule as BackupManagement.DATABASE_NAME. */
export const DATABASE_NAME = /^[A-Za-z0-9_][A-Za-z0-9_.$-]{0,62}$/
