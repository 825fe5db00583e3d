// SQL console types, derived from web/openapi.json (api-schema.d.ts).
import type { components } from '@/lib/api-schema'

type Schemas = components['schemas']

type Present<T, Absent extends keyof T = never> = { [K in Exclude<keyof T, Absent>]-?: NonNullable<T[K]> } & {
  [K in Absent]?: NonNullable<T[K]> | null
}

export type ExecutionStatus = NonNullable<Schemas['ExecutionView']['status']>
export type ValueKind = NonNullable<Schemas['ResultColumn']['kind']>
export type ResultColumn = Present<Schemas['ResultColumn']>
/** A row: SQL NULL is null, every other value a string. */
export type Row = (string | null)[]
export type ResultView = Omit<Present<Schemas['ResultView']>, 'columns' | 'rows'> & {
  columns: ResultColumn[]
  rows: Row[]
}
export type ExecutionError = Present<Schemas['ExecutionError'], 'sqlState' | 'position'>
export type ExecutionView = Omit<Present<Schemas['ExecutionView'], 'database' | 'error'>, 'results' | 'error'> & {
  results: ResultView[]
  error?: ExecutionError | null
}
export type RowsPage = Omit<Present<Schemas['RowsPage']>, 'rows'> & { rows: Row[] }
export type HistoryEntry = Present<Schemas['HistoryEntry'], 'database' | 'error'>

export function isRunning(execution: Pick<ExecutionView, 'status'> | null | undefined) {
  return execution?.status === 'RUNNING'
}

/** The chart a saved query keeps (see chart-data.ts for how it maps onto a result). */
export type SavedChart = Present<Schemas['SavedQueryChart']>
export type SavedQuery = Omit<Present<Schemas['SavedQuery'], 'description' | 'database' | 'chart'>, 'chart'> & {
  chart?: SavedChart | null
}
export type SavedQueryVisibility = SavedQuery['visibility']
export interface SavedQueryDraft {
  name: string
  description?: string
  connectionId: string
  database?: string
  sql: string
  visibility: SavedQueryVisibility
  /** the chart the result is shown as; null or absent for none */
  chart?: SavedChart | null
}
export type CompletionMap = {
  database: string
  truncated: boolean
  schemas: { name: string; tables: { name: string; kind: string }[] }[]
}
export type PlanNode = Omit<Present<Schemas['PlanNode'], 'relation' | 'estimatedRows' | 'actualRows' | 'cost' | 'timeMillis'>, 'children'> & {
  children: PlanNode[]
}
export type QueryPlan = Omit<Present<Schemas['QueryPlan'], 'planningMillis' | 'executionMillis'>, 'roots'> & {
  roots: PlanNode[]
}
export type ExportFormat = 'csv' | 'json' | 'ndjson' | 'sql' | 'xlsx'
