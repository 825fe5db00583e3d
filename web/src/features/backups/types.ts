// Backup types, derived from web/openapi.json (api-schema.d.ts) like the shared ones in lib/api-types.ts, so a
// renamed or removed field breaks the build. springdoc marks response fields optional; `Present` makes them
// required except the ones the backend declares @Nullable.
import type { components } from '@/lib/api-schema'
import type { JobPhase } from '@/features/jobs/types'

type Schemas = components['schemas']

type Present<T, Absent extends keyof T = never> = { [K in Exclude<keyof T, Absent>]-?: NonNullable<T[K]> } & {
  [K in Absent]?: NonNullable<T[K]> | null
}

export type TableRows = Present<Schemas['TableRows']>

export type BackupManifest = Present<
  Omit<Schemas['BackupManifest'], 'tables'>,
  'serverVersion' | 'tool' | 'toolVersion' | 'format' | 'encryption' | 'keyId'
> & { tables: TableRows[] }

export type BackupStatus = NonNullable<Schemas['BackupView']['status']>
export type BackupTrigger = NonNullable<Schemas['BackupView']['trigger']>
export type DumpKind = NonNullable<Schemas['CreateBackup']['kind']>
export type Compression = NonNullable<Schemas['CreateBackup']['compression']>

export type BackupCopy = Present<Schemas['BackupCopyView'], 'location' | 'checksum' | 'storedSize' | 'error' | 'finishedAt'>

export type BackupView = Present<
  Omit<Schemas['BackupView'], 'manifest' | 'copies'>,
  'startedAt' | 'finishedAt' | 'durationMillis' | 'rawSize' | 'storedSize' | 'error' | 'keyId' | 'checksum' | 'jobId' | 'reason' | 'database'
> & { manifest?: BackupManifest | null; copies: BackupCopy[] }

export type CreateBackupRequest = Schemas['CreateBackup']
export type RestoreRequest = Schemas['Restore']

export type TableCheck = Present<Schemas['TableCheck']>
export type TestRestore = Present<Omit<Schemas['TestRestore'], 'tables'>> & { tables: TableCheck[] }
export type VerifyResult = Present<Omit<Schemas['VerifyResult'], 'testRestore'>, 'message'> & {
  testRestore?: TestRestore | null
}

export type RestoreResult = Present<Omit<Schemas['RestoreResult'], 'tables'>> & { tables: TableRows[] }

/**
 * One 'progress' event of GET /api/backups/{id}/events (BackupProgress in the OpenAPI document): the run's job
 * phase in lower case, and the bytes read and stored. The run's typed stream is its job's (GET /api/jobs/{jobId}/events).
 */
export type BackupProgress = Present<Omit<Schemas['BackupProgress'], 'phase' | 'status'>> & {
  phase: Lowercase<JobPhase>
  status: BackupStatus
}
