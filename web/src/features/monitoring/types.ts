// Monitoring API bodies, derived from the generated OpenAPI schema.
import type { components } from '@/lib/api-schema'

type Schemas = components['schemas']

type Present<T, Absent extends keyof T = never> = { [K in Exclude<keyof T, Absent>]-?: NonNullable<T[K]> } & {
  [K in Absent]?: NonNullable<T[K]> | null
}

export type MonitorStatus = NonNullable<Schemas['OverviewEntry']['status']>

export type OverviewEntry = Present<Schemas['OverviewEntry'], 'lastSampleAt' | 'lastError'>

export type HealthView = Present<Schemas['HealthView'], 'serverVersion'>

export type Series = Present<Schemas['Series']>

export type SeriesView = Omit<Present<Schemas['SeriesView']>, 'series' | 'first'> & { series: Series[] }

export type MonitoringSettings = Present<Schemas['MonitoringSettings']>

export const STATUS_COLOUR: Record<MonitorStatus, string> = {
  UP: 'bg-emerald-500',
  DEGRADED: 'bg-amber-500',
  DOWN: 'bg-red-500',
  UNMONITORED: 'bg-muted-foreground/40',
}

export const STATUS_LABEL: Record<MonitorStatus, string> = {
  UP: 'Up',
  DEGRADED: 'Degraded',
  DOWN: 'Down',
  UNMONITORED: 'Not monitored',
}

/** Transactions per second as the grid shows them: commits + rollbacks, or MongoDB's operations. */
export function throughput(figures: Record<string, number>): number | undefined {
  const sql = (figures.commits ?? 0) + (figures.rollbacks ?? 0)
  if (figures.commits !== undefined) return sql
  const ops = ['ops_insert', 'ops_query', 'ops_update', 'ops_delete'].map((k) => figures[k])
  return ops.some((v) => v !== undefined) ? ops.reduce<number>((a, v) => a + (v ?? 0), 0) : undefined
}

export type StatementStat = Present<Schemas['StatementStat'], 'id' | 'database' | 'user' | 'maxMillis' | 'rows'>

export type StatementsUnavailable = Present<Schemas['StatementsUnavailable']>

export type TopQueriesView = Omit<Present<Schemas['TopQueriesView'], 'statsSince' | 'unavailable'>, 'statements' | 'unavailable'> & {
  statements: StatementStat[]
  unavailable?: StatementsUnavailable | null
}

export type AdviceFinding = Present<Schemas['AdviceFinding'], 'schema' | 'fixSql'>

export type FindingSeverity = AdviceFinding['severity']

export type SkippedCheck = Present<Schemas['SkippedCheck']>

export type AdviceView = Omit<Present<Schemas['AdviceView'], 'statsSince'>, 'findings' | 'skipped'> & {
  findings: AdviceFinding[]
  skipped: SkippedCheck[]
}

export const SEVERITY_VARIANT: Record<FindingSeverity, 'destructive' | 'warning' | 'muted'> = {
  CRITICAL: 'destructive',
  WARNING: 'warning',
  INFO: 'muted',
}

/** "FOREIGN_KEY_WITHOUT_INDEX" → "Foreign key without index". */
export function findingLabel(kind: string): string {
  const words = kind.toLowerCase().split('_').join(' ')
  return words.charAt(0).toUpperCase() + words.slice(1)
}

export type SessionView = Present<
  Schemas['SessionView'],
  'user' | 'client' | 'database' | 'application' | 'state' | 'stateSeconds' | 'querySeconds' | 'query' | 'waitEvent'
>

export type MaintenanceOffer = Present<Schemas['MaintenanceOffer']>

export type MaintenanceOperation = MaintenanceOffer['operation']

export const OPERATION_LABEL: Record<MaintenanceOperation, string> = {
  VACUUM: 'VACUUM',
  VACUUM_ANALYZE: 'VACUUM ANALYZE',
  ANALYZE: 'ANALYZE',
  VACUUM_FULL: 'VACUUM FULL',
  REINDEX: 'REINDEX',
  OPTIMIZE: 'OPTIMIZE TABLE',
  CHECK: 'CHECK TABLE',
  INTEGRITY_CHECK: 'integrity_check',
}

export type MaintenanceScheduleLastRun = Present<Schemas['MaintenanceScheduleRun'], 'jobId' | 'jobStatus' | 'reason'>

export type MaintenanceScheduleView = Omit<Present<Schemas['MaintenanceScheduleView'], 'lastRun'>, 'tables' | 'lastRun'> & {
  tables: { schema?: string | null; name: string }[]
  lastRun?: MaintenanceScheduleLastRun | null
}

export type MaintenanceScheduleRequest = Schemas['MaintenanceScheduleRequest']
