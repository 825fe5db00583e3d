import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { api } from '@/lib/api'
import type { JobView } from '@/features/jobs/types'
import type { MaintenanceOffer, MaintenanceOperation, SessionView } from './types'
import { monitoringKey } from './api'

const sessionsKey = (connectionId: string) => [...monitoringKey, 'sessions', connectionId] as const

export function useSessions(connectionId: string, enabled: boolean) {
  return useQuery({
    queryKey: sessionsKey(connectionId),
    enabled,
    queryFn: ({ signal }) => api.get<SessionView[]>(`/api/connections/${connectionId}/sessions`, undefined, signal),
    refetchInterval: 5_000,
  })
}

export function useSessionAction(connectionId: string) {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: ({ id, action }: { id: string; action: 'cancel' | 'terminate' }) =>
      api.post<SessionView>(`/api/connections/${connectionId}/sessions/${encodeURIComponent(id)}/${action}`),
    onSettled: () => queryClient.invalidateQueries({ queryKey: sessionsKey(connectionId) }),
  })
}

export function useCloseIdle(connectionId: string) {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: (idleSeconds: number) =>
      api.post<{ closed: string[] }>(`/api/connections/${connectionId}/sessions/close-idle`, { idleSeconds }),
    onSettled: () => queryClient.invalidateQueries({ queryKey: sessionsKey(connectionId) }),
  })
}

export function useMaintenanceOperations(connectionId: string) {
  return useQuery({
    queryKey: [...monitoringKey, 'maintenance-operations', connectionId],
    queryFn: ({ signal }) =>
      api.get<MaintenanceOffer[]>(`/api/connections/${connectionId}/maintenance/operations`, undefined, signal),
  })
}

export function useStartMaintenance(connectionId: string) {
  return useMutation({
    mutationFn: (body: { operation: MaintenanceOperation; tables: { schema?: string; name: string }[] }) =>
      api.post<JobView>(`/api/connections/${connectionId}/maintenance`, body),
  })
}
