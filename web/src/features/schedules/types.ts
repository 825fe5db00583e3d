// Schedule types, derived from web/openapi.json (api-schema.d.ts).
import type { components } from '@/lib/api-schema'

type Schemas = components['schemas']

type Present<T, Absent extends keyof T = never> = { [K in Exclude<keyof T, Absent>]-?: NonNullable<T[K]> } & {
  [K in Absent]?: NonNullable<T[K]> | null
}

export type TimingType = NonNullable<Schemas['Timing']['type']>
export type DayOfWeek = NonNullable<Schemas['Timing']['dayOfWeek']>
export type Timing = Present<Schemas['Timing'], 'minute' | 'hour' | 'dayOfWeek' | 'dayOfMonth' | 'cron'>
export type Retention = Partial<Record<keyof Schemas['Retention'], number | null>>
export type RunStatus = NonNullable<Schemas['ScheduleRunView']['status']>
export type RunBackup = Present<Schemas['RunBackup'], 'error' | 'database'>
export type DatabaseMode = NonNullable<Schemas['ScheduleView']['databaseMode']>
export type ScheduleRun = Present<
  Omit<Schemas['ScheduleRunView'], 'backups'>,
  'finishedAt' | 'retention' | 'error' | 'notice'
> & { backups: RunBackup[] }
export type Verification = Present<Schemas['VerificationView'], 'finishedAt' | 'error'>
export type ScheduleView = Present<
  Omit<Schemas['ScheduleView'], 'timing' | 'retention' | 'lastRun' | 'lastVerification'>,
  'testRestoreCron' | 'testRestoreConnectionId'
> & { timing: Timing; retention: Retention; lastRun?: ScheduleRun | null; lastVerification?: Verification | null }
export type TimingPreview = Present<Schemas['TimingPreview']>
export type RetentionPreview = Present<Schemas['RetentionPreview']>

export interface ScheduleRequest {
  name: string
  connectionId: string
  kind?: 'FULL' | 'SCHEMA' | 'DATA'
  compression?: 'ZSTD' | 'GZIP' | 'NONE'
  encrypted?: boolean
  targets?: string[]
  retention?: Retention
  timeZone: string
  enabled?: boolean
  timing: Timing
  verifyAfter?: boolean
  testRestoreCron?: string | null
  testRestoreConnectionId?: string | null
  databaseMode?: DatabaseMode
  databases?: string[]
}

export const days: DayOfWeek[] = ['MONDAY', 'TUESDAY', 'WEDNESDAY', 'THURSDAY', 'FRIDAY', 'SATURDAY', 'SUNDAY']

export const timingLabels: Record<TimingType, string> = {
  HOURLY: 'Hourly',
  DAILY: 'Daily',
  WEEKLY: 'Weekly',
  MONTHLY: 'Monthly',
  CRON: 'Cron expression',
}
