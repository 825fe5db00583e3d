import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { api } from '@/lib/api'
import type { ConnectionRequest, ConnectionView, EngineInfo, ParsedUrl, TestResult } from '@/lib/api-types'

export const connectionsKey = ['connections'] as const

export function useConnections() {
  return useQuery({
    queryKey: connectionsKey,
    queryFn: ({ signal }) => api.get<ConnectionView[]>('/api/connections', undefined, signal),
  })
}

export function useEngines() {
  return useQuery({
    queryKey: ['connections', 'engines'],
    queryFn: () => api.get<EngineInfo[]>('/api/connections/engines'),
    staleTime: Infinity,
  })
}

function useInvalidateConnections() {
  const queryClient = useQueryClient()
  return () => queryClient.invalidateQueries({ queryKey: connectionsKey, exact: true })
}

export function useCreateConnection() {
  const invalidate = useInvalidateConnections()
  return useMutation({
    mutationFn: (body: ConnectionRequest) => api.post<ConnectionView>('/api/connections', body),
    onSuccess: invalidate,
  })
}

export function useUpdateConnection() {
  const invalidate = useInvalidateConnections()
  return useMutation({
    mutationFn: ({ id, body }: { id: string; body: ConnectionRequest }) =>
      api.put<ConnectionView>(`/api/connections/${id}`, body),
    onSuccess: invalidate,
  })
}

export function useDeleteConnection() {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: (connection: ConnectionView) => api.delete(`/api/connections/${connection.id}`),
    onSuccess: (_, connection) => {
      queryClient.setQueryData<ConnectionView[]>(connectionsKey, (list) => list?.filter((c) => c.id !== connection.id))
      return queryClient.invalidateQueries({ queryKey: connectionsKey, exact: true })
    },
  })
}

/** Flips `active` at once in the cache, rolling back if the server refuses. */
export function useSetActive() {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: ({ id, active }: { id: string; active: boolean }) =>
      api.patch<ConnectionView>(`/api/connections/${id}`, { active }),
    onMutate: async ({ id, active }) => {
      await queryClient.cancelQueries({ queryKey: connectionsKey, exact: true })
      const previous = queryClient.getQueryData<ConnectionView[]>(connectionsKey)
      queryClient.setQueryData<ConnectionView[]>(connectionsKey, (list) =>
        list?.map((c) => (c.id === id ? { ...c, active } : c)),
      )
      return { previous }
    },
    onError: (_error, _vars, context) => {
      if (context?.previous) queryClient.setQueryData(connectionsKey, context.previous)
    },
    onSuccess: (updated) => {
      queryClient.setQueryData<ConnectionView[]>(connectionsKey, (list) =>
        list?.map((c) => (c.id === updated.id ? updated : c)),
      )
    },
    onSettled: () => queryClient.invalidateQueries({ queryKey: connectionsKey, exact: true }),
  })
}

export function useTestSaved() {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: (connection: ConnectionView) => api.post<TestResult>(`/api/connections/${connection.id}/test`),
    // a test may update lastUsedAt
    onSettled: () => queryClient.invalidateQueries({ queryKey: connectionsKey, exact: true }),
  })
}

export function useTestUnsaved() {
  return useMutation({
    mutationFn: (body: ConnectionRequest) => api.post<TestResult>('/api/connections/test', body),
  })
}

export function parseUrl(url: string, signal?: AbortSignal) {
  return api.request<ParsedUrl>('POST', '/api/connections/parse-url', { body: { url }, signal })
}
