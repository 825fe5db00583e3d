import { useQuery } from '@tanstack/react-query'
import { api } from '@/lib/api'
import type { components } from '@/lib/api-schema'

type Schemas = components['schemas']
type Present<T, Absent extends keyof T = never> = { [K in Exclude<keyof T, Absent>]-?: NonNullable<T[K]> } & {
  [K in Absent]?: NonNullable<T[K]> | null
}

export type ErColumn = Present<Schemas['ErColumn']>
export type ErTable = Omit<Present<Schemas['ErTable'], 'approxRows'>, 'keyColumns'> & { keyColumns: ErColumn[] }
export type ErEdge = Present<Schemas['ErEdge']>
export type ErDiagram = Omit<Present<Schemas['ErDiagram']>, 'tables' | 'edges'> & { tables: ErTable[]; edges: ErEdge[] }

/** One schema's tables, key columns and foreign keys, read live (the server bounds it at 5000 tables). */
export function useErDiagram(connectionId: string | undefined, database: string | undefined, schema: string | undefined) {
  return useQuery({
    queryKey: ['catalog', connectionId, 'er', database, schema],
    queryFn: ({ signal }) =>
      api.get<ErDiagram>(`/api/connections/${connectionId}/catalog/er`, { database: database!, schema: schema! }, signal),
    enabled: !!connectionId && !!database && !!schema,
    staleTime: 60_000,
  })
}
