import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { api, downloadPost } from '@/lib/api'
import type { Page } from '@/lib/api-types'
import {
  isRunning,
  type CompletionMap,
  type ExecutionView,
  type ExportFormat,
  type HistoryEntry,
  type QueryPlan,
  type RowsPage,
  type SavedQuery,
  type SavedQueryDraft,
} from './types'

export interface RunRequest {
  connectionId: string
  sql: string
  database?: string
  sessionId?: string
  continueOnError?: boolean
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

/** Commits or rolls back the console session's open transaction; answers the COMMIT/ROLLBACK execution. */
export function useEndTransaction() {
  return useMutation({
    mutationFn: ({ sessionId, commit }: { sessionId: string; commit: boolean }) =>
      api.post<ExecutionView>(`/api/sql/sessions/${sessionId}/${commit ? 'commit' : 'rollback'}`),
  })
}

export function useSavedQueries(q: string, connectionId: string | undefined) {
  return useQuery({
    queryKey: ['sql', 'saved', q, connectionId],
    queryFn: ({ signal }) =>
      api.get<Page<SavedQuery>>('/api/sql/saved', { q: q || undefined, connectionId, size: 50 }, signal),
    placeholderData: keepPreviousData,
  })
}

export function useSaveQuery() {
  const client = useQueryClient()
  return useMutation({
    mutationFn: ({ id, draft }: { id?: string; draft: SavedQueryDraft }) =>
      id ? api.put<SavedQuery>(`/api/sql/saved/${id}`, draft) : api.post<SavedQuery>('/api/sql/saved', draft),
    onSuccess: () => client.invalidateQueries({ queryKey: ['sql', 'saved'] }),
  })
}

export function useDeleteSavedQuery() {
  const client = useQueryClient()
  return useMutation({
    mutationFn: (id: string) => api.delete<void>(`/api/sql/saved/${id}`),
    onSuccess: () => client.invalidateQueries({ queryKey: ['sql', 'saved'] }),
  })
}

/** Schemas and tables for the editor's completion (bounded by the server; columns per table on demand). */
export function useCompletionMap(connectionId: string | undefined, database: string | undefined) {
  return useQuery({
    queryKey: ['sql', 'completion', connectionId, database],
    queryFn: ({ signal }) =>
      api.get<CompletionMap>(`/api/connections/${connectionId}/catalog/completion`, { database }, signal),
    enabled: !!connectionId && !!database,
    staleTime: 5 * 60_000,
    retry: false,
  })
}

/** One table's column names, for completing `table.` */
export async function fetchColumns(connectionId: string, database: string, schema: string, table: string) {
  const detail = await api.get<{ columns: { name: string }[] }>(`/api/connections/${connectionId}/catalog/object`, {
    name: table,
    database,
    schema,
  })
  return detail.columns.map((c) => c.name)
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
