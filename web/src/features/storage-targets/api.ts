import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { api } from '@/lib/api'
import type { StorageTargetDraft, StorageTargetView, StorageTestResult } from '@/lib/api-types'

export const targetsKey = ['storage-targets'] as const

export function useTargets() {
  return useQuery({
    queryKey: targetsKey,
    queryFn: ({ signal }) => api.get<StorageTargetView[]>('/api/storage-targets', undefined, signal),
  })
}

export function useSaveTarget() {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: ({ id, body }: { id?: string; body: StorageTargetDraft }) =>
      id ? api.put<StorageTargetView>(`/api/storage-targets/${id}`, body) : api.post<StorageTargetView>('/api/storage-targets', body),
    onSettled: () => queryClient.invalidateQueries({ queryKey: targetsKey }),
  })
}

export function useDeleteTarget() {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: (id: string) => api.delete(`/api/storage-targets/${id}`),
    onSettled: () => queryClient.invalidateQueries({ queryKey: targetsKey }),
  })
}

export function useTestTarget() {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: (id: string) => api.post<StorageTestResult>(`/api/storage-targets/${id}/test`),
    onSettled: () => queryClient.invalidateQueries({ queryKey: targetsKey }),
  })
}
