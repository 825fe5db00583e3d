import { useQuery } from '@tanstack/react-query'
import { api } from '@/lib/api'
import { monitoringKey } from './api'
import type { AdviceView, TopQueriesView } from './types'

export function useTopQueries(connectionId: string, limit: number) {
  return useQuery({
    queryKey: [...monitoringKey, 'top-queries', connectionId, limit],
    queryFn: ({ signal }) =>
      api.get<TopQueriesView>(`/api/connections/${connectionId}/performance/queries`, { limit: String(limit) }, signal),
    refetchInterval: 60_000,
    retry: false,
  })
}

export function useAdvice(connectionId: string) {
  return useQuery({
    queryKey: [...monitoringKey, 'advice', connectionId],
    queryFn: ({ signal }) => api.get<AdviceView>(`/api/connections/${connectionId}/performance/advice`, undefined, signal),
    staleTime: 60_000,
    retry: false,
  })
}
