import type { JobKind, JobPhase, JobStatus, ReasonCode } from './types'

export const jobKindLabels: Record<JobKind, string> = {
  BACKUP: 'Backup',
  RESTORE: 'Restore',
  VERIFY: 'Verification',
  TEST_RESTORE: 'Test restore',
  IMPORT: 'Import',
  MAINTENANCE: 'Maintenance',
  EXPORT: 'Export',
  PHYSICAL_BACKUP: 'Base backup',
  PITR_RESTORE: 'Point-in-time restore',
}

export const jobStatusLabels: Record<JobStatus, string> = {
  QUEUED: 'Queued',
  RUNNING: 'Running',
  COMPLETED: 'Completed',
  FAILED: 'Failed',
  CANCELLED: 'Cancelled',
}

export const jobStatusVariant: Record<JobStatus, 'muted' | 'accent' | 'success' | 'destructive' | 'warning'> = {
  QUEUED: 'muted',
  RUNNING: 'accent',
  COMPLETED: 'success',
  FAILED: 'destructive',
  CANCELLED: 'warning',
}

export const jobPhaseLabels: Record<JobPhase, string> = {
  QUEUED: 'Queued',
  DUMPING: 'Dumping',
  STORING: 'Storing',
  CHECKING: 'Checking the backup',
  STAGING: 'Staging the dump',
  CREATING_DATABASE: 'Creating the database',
  RESTORING: 'Restoring',
  IMPORTING: 'Importing',
  COUNTING: 'Counting rows',
  MAINTAINING: 'Maintaining',
  EXPORTING: 'Exporting',
  CLEANING_UP: 'Cleaning up',
  DONE: 'Done',
}

export const reasonLabels: Record<ReasonCode, string> = {
  TARGET_UNREACHABLE: 'Target unreachable',
  DISK_FULL: 'Storage full',
  CHECKSUM_MISMATCH: 'Checksum mismatch',
  DAMAGED: 'Backup damaged',
  WRONG_KEY: 'Wrong or missing key',
  INVALID_ARCHIVE: 'Unreadable archive',
  STORAGE_UNAVAILABLE: 'Storage unavailable',
  TOOL_UNAVAILABLE: 'Tool missing',
  TOOL_FAILED: 'Tool failed',
  REFUSED: 'Refused',
  MISMATCH: 'Rows differ',
  STALLED: 'Stalled',
  TIMED_OUT: 'Timed out',
  CANCELLED_BY_USER: 'Cancelled',
  INTERRUPTED: 'Interrupted',
  INTERNAL: 'Internal error',
}

/** Reasons that stop a restore before it touched the target: the backup itself could not be read. */
export const REFUSAL_REASONS: readonly ReasonCode[] = [
  'CHECKSUM_MISMATCH',
  'DAMAGED',
  'WRONG_KEY',
  'INVALID_ARCHIVE',
  'REFUSED',
  'STORAGE_UNAVAILABLE',
]
