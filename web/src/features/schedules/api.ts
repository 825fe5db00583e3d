import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { api } from '@/lib/api'
import type { Page } from '@/lib/api-types'
import type { RetentionPreview, ScheduleRequest, ScheduleRun, ScheduleView, Timing, TimingPreview } from './types'

export const schedulesKey = ['schedules'] as const

export function useSchedules() {
  return useQuery({
    queryKey: [...schedulesKey, 'list'],
    queryFn: ({ signal }) => api.get<ScheduleView[]>('/api/schedules', undefined, signal),
    // a run in progress: follow it closely, else look now and then for fires
    refetchInterval: (q) => (q.state.data?.some((s) => s.lastRun?.status === 'RUNNING') ? 2_000 : 15_000),
  })
}

export function useSaveSchedule() {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: ({ id, body }: { id?: string; body: ScheduleRequest }) =>
      id ? api.put<ScheduleView>(`/api/schedules/${id}`, body) : api.post<ScheduleView>('/api/schedules', body),
    onSettled: () => queryClient.invalidateQueries({ queryKey: schedulesKey }),
  })
}

export function useDeleteSchedule() {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: (id: string) => api.delete(`/api/schedules/${id}`),
    onSettled: () => queryClient.invalidateQueries({ queryKey: schedulesKey }),
  })
}

export function useRunNow() {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: (id: string) => api.post<ScheduleRun>(`/api/schedules/${id}/run`),
    onSettled: () => queryClient.invalidateQueries({ queryKey: schedulesKey }),
  })
}

/** The timing in words and its next fire times; null input: nothing to ask. Errors are the field's message. */
export function useTimingPreview(input: { timing: Timing; timeZone: string } | null) {
  return useQuery({
    queryKey: [...schedulesKey, 'preview', input],
    queryFn: () => api.post<TimingPreview>('/api/schedules/preview', input),
    enabled: input != null,
    retry: false,
    placeholderData: keepPreviousData,
    staleTime: 30_000,
  })
}

export function useRuns(id: string | null, page: number) {
  return useQuery({
    queryKey: [...schedulesKey, 'runs', id, page],
    queryFn: ({ signal }) => api.get<Page<ScheduleRun>>(`/api/schedules/${id}/runs`, { page, size: 20 }, signal),
    enabled: id != null,
    placeholderData: keepPreviousData,
    refetchInterval: (q) => (q.state.data?.items.some((r) => r.status === 'RUNNING') ? 2_000 : 15_000),
  })
}

export function useRetentionPreview(id: string | null) {
  return useQuery({
    queryKey: [...schedulesKey, 'retention', id],
    queryFn: ({ signal }) => api.get<RetentionPreview>(`/api/schedules/${id}/retention/preview`, undefined, signal),
    enabled: id != null,
  })
}
