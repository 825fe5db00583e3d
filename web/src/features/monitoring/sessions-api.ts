import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { api } from '@/lib/api'
import type { JobView } from '@/features/jobs/types'
import type {
  MaintenanceOffer,
  MaintenanceOperation,
  MaintenanceScheduleRequest,
  MaintenanceScheduleView,
  SessionView,
} from './types'
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

const maintenanceSchedulesKey = (connectionId: string) => [...monitoringKey, 'maintenance-schedules', connectionId] as const

export function useMaintenanceSchedules(connectionId: string) {
  return useQuery({
    queryKey: maintenanceSchedulesKey(connectionId),
    queryFn: ({ signal }) =>
      api.get<MaintenanceScheduleView[]>(`/api/connections/${connectionId}/maintenance/schedules`, undefined, signal),
    refetchInterval: 30_000,
  })
}

export function useCreateMaintenanceSchedule(connectionId: string) {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: (body: MaintenanceScheduleRequest) =>
      api.post<MaintenanceScheduleView>(`/api/connections/${connectionId}/maintenance/schedules`, body),
    onSettled: () => queryClient.invalidateQueries({ queryKey: maintenanceSchedulesKey(connectionId) }),
  })
}

export function useUpdateMaintenanceSchedule(connectionId: string) {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: ({ id, body }: { id: string; body: MaintenanceScheduleRequest }) =>
      api.put<MaintenanceScheduleView>(`/api/maintenance-schedules/${id}`, body),
    onSettled: () => queryClient.invalidateQueries({ queryKey: maintenanceSchedulesKey(connectionId) }),
  })
}

export function useDeleteMaintenanceSchedule(connectionId: string) {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: (id: string) => api.delete(`/api/maintenance-schedules/${id}`),
    onSettled: () => queryClient.invalidateQueries({ queryKey: maintenanceSchedulesKey(connectionId) }),
  })
}
