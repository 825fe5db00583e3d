import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { api } from '@/lib/api'

import type {
  DatabaseInfo, DdlView, ExactCount, ObjectDetail, ObjectKind, ObjectSummary, Page, SchemaInfo, SearchHit,
  SnapshotView, SyncResult,
} from '@/lib/api-types'

export type { ObjectDetail, ObjectKind, ObjectSummary, SearchHit } from '@/lib/api-types'
export type { ColumnInfo, ForeignKeyInfo } from '@/lib/api-types'

export interface ObjectRef { database: string; schema: string; name: string; kind?: ObjectKind }

const base = (id: string) => `/api/connections/${id}/catalog`

export function useDatabases(connectionId: string | undefined) {
  return useQuery({
    queryKey: ['catalog', connectionId, 'databases'],
    queryFn: ({ signal }) => api.get<DatabaseInfo[]>(`${base(connectionId!)}/databases`, undefined, signal),
    enabled: !!connectionId,
  })
}

export function fetchSchemas(connectionId: string, database: string) {
  return api.get<SchemaInfo[]>(`${base(connectionId)}/schemas`, { database })
}

export function fetchObjects(connectionId: string, params: {
  database: string; schema: string; kind?: string; q?: string; page?: number; size?: number; sort?: string
}, signal?: AbortSignal) {
  return api.get<Page<ObjectSummary>>(`${base(connectionId)}/objects`, params, signal)
}

export function useObjects(connectionId: string | undefined, params: {
  database: string; schema: string; kind?: string; q?: string; page: number; size: number; sort: string
} | null) {
  return useQuery({
    queryKey: ['catalog', connectionId, 'objects', params],
    queryFn: ({ signal }) => fetchObjects(connectionId!, params!, signal),
    enabled: !!connectionId && !!params,
    placeholderData: (previous) => previous,
  })
}

export function useObject(connectionId: string | undefined, ref: ObjectRef | null) {
  return useQuery({
    queryKey: ['catalog', connectionId, 'object', ref],
    queryFn: ({ signal }) => api.get<ObjectDetail>(`${base(connectionId!)}/object`, { ...ref! }, signal),
    enabled: !!connectionId && !!ref,
  })
}

export function useDdl(connectionId: string | undefined, ref: ObjectRef | null, enabled: boolean) {
  return useQuery({
    queryKey: ['catalog', connectionId, 'ddl', ref],
    queryFn: ({ signal }) =>
      api.get<DdlView>(`${base(connectionId!)}/object/ddl`, { ...ref! }, signal),
    enabled: enabled && !!connectionId && !!ref,
    staleTime: 60_000,
  })
}

export function useExactCount(connectionId: string | undefined) {
  return useMutation({
    mutationFn: (ref: ObjectRef) => {
      const q = new URLSearchParams({ name: ref.name, database: ref.database, schema: ref.schema })
      return api.post<ExactCount>(`${base(connectionId!)}/object/count?${q}`)
    },
  })
}

export function useSnapshots(connectionId: string | undefined) {
  return useQuery({
    queryKey: ['catalog', connectionId, 'snapshots'],
    queryFn: ({ signal }) => api.get<Page<SnapshotView>>(`${base(connectionId!)}/snapshots`, { size: 1 }, signal),
    enabled: !!connectionId,
  })
}

export function useSync(connectionId: string | undefined) {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: () => api.post<SyncResult>(`${base(connectionId!)}/sync`),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['catalog', connectionId, 'snapshots'] }),
  })
}

export function useCatalogSearch(q: string) {
  return useQuery({
    queryKey: ['catalog', 'search', q],
    queryFn: ({ signal }) => api.get<Page<SearchHit>>('/api/catalog/search', { q, size: 20 }, signal),
    enabled: q.trim().length >= 2,
    placeholderData: (previous) => previous,
  })
}

export function formatBytes(bytes: number | null | undefined) {
  if (bytes == null) return '—'
  const units = ['B', 'kB', 'MB', 'GB', 'TB']
  let value = bytes
  let unit = 0
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024
    unit++
  }
  return `${value.toFixed(unit === 0 ? 0 : 1)} ${units[unit]}`
}

export function formatCount(n: number | null | undefined) {
  return n == null ? '—' : n.toLocaleString()
}

export const KIND_LABELS: Record<string, string> = {
  table: 'Tables', partitioned_table: 'Partitioned tables', view: 'Views', materialized_view: 'Materialized views',
  foreign_table: 'Foreign tables', sequence: 'Sequences', function: 'Functions', procedure: 'Procedures',
  trigger: 'Triggers', event: 'Events', enum: 'Enums', domain: 'Domains', extension: 'Extensions',
  collection: 'Collections',
}
