import { keepPreviousData, useInfiniteQuery, useMutation } from '@tanstack/react-query'
import { api } from '@/lib/api'
import type { ResultColumn, Row } from '@/features/query/types'
import type { components } from '@/lib/api-schema'

/** Names a table, view or collection. */
export interface TableRef { database: string; schema: string; name: string }

export type FilterOp = 'eq' | 'ne' | 'lt' | 'le' | 'gt' | 'ge' | 'contains' | 'starts_with' | 'is_null' | 'not_null' | 'in'

export interface Filter { column: string; op: FilterOp; value?: string; values?: string[] }

export interface Sort { column: string; desc: boolean }

type Schemas = components['schemas']

/** All fields of T required and non-null, except `Absent`, which may be missing or null. */
type Present<T, Absent extends keyof T = never> = { [K in Exclude<keyof T, Absent>]-?: NonNullable<T[K]> } & {
  [K in Absent]?: NonNullable<T[K]> | null
}

/** One page of rows; `next` is the cursor of the following page (keyset or offset, opaque). */
export type DataView = Omit<Present<Schemas['DataView'], 'next'>, 'columns' | 'rows' | 'paging'> & {
  columns: ResultColumn[]
  rows: Row[]
  paging: 'keyset' | 'offset'
}

/** A change as the API takes it; a null value is SQL NULL. */
export type RowChange = Omit<Schemas['ChangeInput'], 'kind' | 'key' | 'original' | 'values'> & {
  kind: 'update' | 'insert' | 'delete'
  key?: Record<string, string | null>
  original?: Record<string, string | null>
  values?: Record<string, string | null>
}

export type Statement = Omit<Present<Schemas['Statement']>, 'params'> & { params: (string | null)[] }

export type ChangesView = Omit<Present<Schemas['ChangesView'], 'result'>, 'statements'> & { statements: Statement[] }

const base = (id: string) => `/api/connections/${id}/data`
const PAGE = 200

export function useTableData(connectionId: string, ref: TableRef, sort: Sort | null, filters: Filter[]) {
  return useInfiniteQuery({
    queryKey: ['data', connectionId, ref, sort, filters],
    initialPageParam: null as string | null,
    queryFn: ({ pageParam, signal }) => {
      const query: Record<string, string | number | boolean> = {
        database: ref.database, schema: ref.schema, table: ref.name, limit: PAGE,
      }
      if (pageParam) query.after = pageParam
      if (sort) {
        query.sort = sort.column
        query.desc = sort.desc
      }
      if (filters.length > 0) query.filter = JSON.stringify(filters)
      return api.get<DataView>(base(connectionId), query, signal)
    },
    getNextPageParam: (last) => (last.hasMore ? (last.next ?? null) : null),
    // the grid stays mounted (and its scroller with it) while a new sort or filter loads
    placeholderData: keepPreviousData,
    refetchOnWindowFocus: false,
  })
}

export function useCountRows(connectionId: string) {
  return useMutation({
    mutationFn: ({ ref, filters }: { ref: TableRef; filters: Filter[] }) =>
      api.post<{ count: number }>(`${base(connectionId)}/count`, {
        database: ref.database, schema: ref.schema, table: ref.name, filters,
      }),
  })
}

export function useChanges(connectionId: string) {
  return useMutation({
    mutationFn: ({ ref, changes, dryRun }: { ref: TableRef; changes: RowChange[]; dryRun: boolean }) =>
      api.post<ChangesView>(`${base(connectionId)}/changes`, {
        database: ref.database, schema: ref.schema, table: ref.name, dryRun, changes,
      }),
  })
}
