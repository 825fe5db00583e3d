import { keepPreviousData, useMutation, useQuery } from '@tanstack/react-query'
import { api, downloadPost } from '@/lib/api'
import type { Page } from '@/lib/api-types'
import { isRunning, type ExecutionView, type ExportFormat, type HistoryEntry, type QueryPlan, type RowsPage } from './types'

export interface RunRequest {
  connectionId: string
  sql: string
  database?: string
  sessionId?: string
}

export function useRunSql() {
  return useMutation({
    mutationFn: ({ connectionId, ...body }: RunRequest) =>
      api.post<ExecutionView>(`/api/connections/${connectionId}/sql`, body),
  })
}

/** Follows an execution by long-polling until it has ended. */
export function useExecution(id: string | null) {
  return useQuery({
    queryKey: ['sql', 'execution', id],
    queryFn: ({ signal }) => api.get<ExecutionView>(`/api/sql/executions/${id}`, { waitMs: 10_000 }, signal),
    enabled: !!id,
    refetchInterval: (q) => (isRunning(q.state.data) ? 50 : false),
    refetchOnWindowFocus: false,
  })
}

export function useCancelExecution() {
  return useMutation({
    mutationFn: (id: string) => api.post<ExecutionView>(`/api/sql/executions/${id}/cancel`),
  })
}

export function fetchRows(id: string, result: number, offset: number, limit: number) {
  return api.get<RowsPage>(`/api/sql/executions/${id}/rows`, { result, offset, limit })
}

export function useHistory(q: string, connectionId: string | undefined, refreshKey: unknown) {
  return useQuery({
    queryKey: ['sql', 'history', q, connectionId, refreshKey],
    queryFn: ({ signal }) =>
      api.get<Page<HistoryEntry>>('/api/sql/history', { q: q || undefined, connectionId, size: 50 }, signal),
    placeholderData: keepPreviousData,
  })
}

export interface ExplainRequest {
  connectionId: string
  sql: string
  database?: string
  analyze: boolean
}

export function useExplain() {
  return useMutation({
    mutationFn: ({ connectionId, ...body }: ExplainRequest) =>
      api.post<QueryPlan>(`/api/connections/${connectionId}/sql/explain`, body),
  })
}

export interface ExportRequest {
  connectionId: string
  sql: string
  database?: string
  format: ExportFormat
}

/** Streams the whole result from the server and saves it; resolves with the file's name. */
export function useExport() {
  return useMutation({
    mutationFn: ({ connectionId, ...body }: ExportRequest) =>
      downloadPost(`/api/connections/${connectionId}/sql/export`, body, `export.${body.format}`),
  })
}
