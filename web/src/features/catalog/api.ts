import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { api } from '@/lib/api'

import type {
  DatabaseInfo, DdlView, ExactCount, ObjectDetail, ObjectKind, ObjectSummary, Page, SchemaInfo, SearchHit,
  SnapshotView, SyncResult,
} from '@/lib/api-types'

export type { ObjectDetail, ObjectKind, ObjectSummary, SearchHit } from '@/lib/api-types'
export type { ColumnInfo, ForeignKeyInfo } from '@/lib/api-types'

/**
 * Names one object. Names may repeat within a schema, so `parent` (the table of a trigger) and `signature`
 * (a routine's argument types; empty for none) complete the identity where the list gave them.
 */
export interface ObjectRef { database: string; schema: string; name: string; kind?: ObjectKind; parent?: string; signature?: string }

/** The query string of an object request; an empty signature (a routine without arguments) is a value too. */
function refQuery(ref: ObjectRef) {
  const params = new URLSearchParams({ database: ref.database, schema: ref.schema, name: ref.name })
  if (ref.kind) params.set('kind', ref.kind.toLowerCase())
  if (ref.parent) params.set('parent', ref.parent)
  if (ref.signature != null) params.set('signature', ref.signature)
  return params.toString()
}

/** The ref of a listed object, with the identity fields the list gave. */
export function refOf(database: string, object: ObjectSummary): ObjectRef {
  const ref: ObjectRef = { database, schema: object.schema, name: object.name, kind: object.kind }
  if (object.kind === 'TRIGGER' && object.parent) ref.parent = object.parent
  if (object.signature != null) ref.signature = object.signature
  return ref
}

/** How a list and a title name an object: a routine with its argument types. */
export function displayName(object: { name: string; signature?: string | null }) {
  return object.signature != null ? `${object.name}(${object.signature})` : object.name
}

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
    queryFn: ({ signal }) => api.get<ObjectDetail>(`${base(connectionId!)}/object?${refQuery(ref!)}`, undefined, signal),
    enabled: !!connectionId && !!ref,
  })
}

export function useDdl(connectionId: string | undefined, ref: ObjectRef | null, enabled: boolean) {
  return useQuery({
    queryKey: ['catalog', connectionId, 'ddl', ref],
    queryFn: ({ signal }) =>
      api.get<DdlView>(`${base(connectionId!)}/object/ddl?${refQuery(ref!)}`, undefined, signal),
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
    // a sync changes what search finds: results cached before it are stale, on every open search box
    onSettled: () =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: ['catalog', connectionId, 'snapshots'] }),
        queryClient.invalidateQueries({ queryKey: ['catalog', 'search'] }),
      ]),
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

/** Human labels for the engine-specific properties and statistics of an object. */
const PROPERTY_LABELS: Record<string, string> = {
  liveTuples: 'Live tuples', deadTuples: 'Dead tuples', seqScans: 'Sequential scans', indexScans: 'Index scans',
  partitionKey: 'Partition key', partitionBound: 'Partition bound', minValue: 'Minimum', maxValue: 'Maximum',
  currentValue: 'Current value', ownedBy: 'Owned by', baseType: 'Base type', notNull: 'Not null',
  securityDefiner: 'Security definer', dataLength: 'Data size', indexLength: 'Index size',
  storageSize: 'Storage size', executeAt: 'Executes at', lastExecuted: 'Last executed', withoutRowid: 'WITHOUT ROWID',
  every: 'Runs every', checks: 'Checks', overloads: 'Overloads',
}

export function propertyLabel(key: string) {
  const known = PROPERTY_LABELS[key]
  if (known) return known
  const words = key.replace(/([a-z0-9])([A-Z])/g, '$1 $2').replaceAll('_', ' ').toLowerCase()
  return words.charAt(0).toUpperCase() + words.slice(1)
}

export const KIND_LABELS: Record<string, string> = {
  table: 'Tables', partitioned_table: 'Partitioned tables', view: 'Views', materialized_view: 'Materialized views',
  foreign_table: 'Foreign tables', sequence: 'Sequences', function: 'Functions', procedure: 'Procedures',
  trigger: 'Triggers', event: 'Events', enum: 'Enums', domain: 'Domains', extension: 'Extensions',
  collection: 'Collections',
}
