import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { api } from '@/lib/api'

/** Shapes of /api/connections/{id}/catalog/* (engine-neutral; fields an engine lacks are null). */
export type ObjectKind =
  | 'TABLE' | 'PARTITIONED_TABLE' | 'VIEW' | 'MATERIALIZED_VIEW' | 'FOREIGN_TABLE' | 'SEQUENCE' | 'FUNCTION'
  | 'PROCEDURE' | 'TRIGGER' | 'EVENT' | 'ENUM' | 'DOMAIN' | 'EXTENSION' | 'COLLECTION'

export interface Page<T> { items: T[]; page: number; size: number; totalElements: number; totalPages: number }
export interface DatabaseInfo { name: string; sizeBytes: number | null; isDefault: boolean; comment: string | null }
export interface SchemaInfo { name: string; owner: string | null; comment: string | null; objectCounts: Record<string, number> }
export interface ObjectSummary {
  name: string; schema: string; kind: ObjectKind; approxRows: number | null; sizeBytes: number | null
  comment: string | null; info: string | null; parent: string | null; hasPrimaryKey: boolean | null
}
export interface ColumnInfo {
  position: number; name: string; dataType: string; nullable: boolean; defaultValue: string | null
  identity: string | null; generated: string | null; collation: string | null; comment: string | null
  primaryKey: boolean; foreignKey: boolean; unique: boolean; indexed: boolean
  observedTypes: Record<string, number> | null; presence: number | null
}
export interface ConstraintInfo { name: string; type: string; columns: string[]; definition: string | null }
export interface ForeignKeyInfo {
  name: string; schema: string; table: string; columns: string[]; referencedSchema: string; referencedTable: string
  referencedColumns: string[]; onDelete: string; onUpdate: string
}
export interface IndexInfo {
  name: string; columns: string[]; unique: boolean; primary: boolean; method: string | null; predicate: string | null
  definition: string | null; sizeBytes: number | null
}
export interface TriggerInfo { name: string; timing: string; events: string[]; action: string | null; level: string | null; enabled: boolean }
export interface TableStats {
  approxRows: number | null; totalBytes: number | null; tableBytes: number | null; indexBytes: number | null
  toastBytes: number | null; lastVacuum: string | null; lastAutovacuum: string | null; lastAnalyze: string | null
  lastAutoanalyze: string | null; properties: Record<string, string>
}
export interface ObjectDetail {
  summary: ObjectSummary; columns: ColumnInfo[]; constraints: ConstraintInfo[]; foreignKeys: ForeignKeyInfo[]
  referencedBy: ForeignKeyInfo[]; indexes: IndexInfo[]; triggers: TriggerInfo[]; stats: TableStats
  definition: string | null; partitions: string[]; properties: Record<string, string>
}
export interface SyncResult {
  snapshotId: string; takenAt: string; durationMillis: number; objects: number; columns: number
  added: number; dropped: number; changed: number; addedNames: string[]; droppedNames: string[]; changedNames: string[]
}
export interface SnapshotView {
  id: string; takenAt: string; durationMillis: number; takenBy: string; objects: number; columns: number
  added: number; dropped: number; changed: number; diff: string | null
}
export interface SearchHit {
  connectionId: string; connectionName: string; engine: string; type: 'table' | 'column'; objectKind: string
  database: string; schema: string; object: string; column: string | null; dataType: string | null; match: string
}

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
      api.get<{ ddl: string; language: string }>(`${base(connectionId!)}/object/ddl`, { ...ref! }, signal),
    enabled: enabled && !!connectionId && !!ref,
    staleTime: 60_000,
  })
}

export function useExactCount(connectionId: string | undefined) {
  return useMutation({
    mutationFn: (ref: ObjectRef) => {
      const q = new URLSearchParams({ name: ref.name, database: ref.database, schema: ref.schema })
      return api.post<{ count: number; elapsedMillis: number }>(`${base(connectionId!)}/object/count?${q}`)
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
