import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { api } from '@/lib/api'
import type { components } from '@/lib/api-schema'
import type { JobView } from '@/features/jobs/types'

export type RecoveryStatus = components['schemas']['RecoveryStatus']

export interface RecoveryTarget {
  time?: string
  lsn?: string
  restorePoint?: string
  latest?: boolean
}

const key = (connectionId: string) => ['recovery', connectionId] as const

/** The server's archiver, window, restore points and restored instances; refreshed while archiving runs. */
export function useRecoveryStatus(connectionId: string) {
  return useQuery({
    queryKey: key(connectionId),
    queryFn: ({ signal }) => api.get<RecoveryStatus>(`/api/connections/${connectionId}/recovery`, undefined, signal),
    refetchInterval: (q) => (q.state.data?.enabled ? 10_000 : false),
  })
}

function useRecoveryMutation<T, A>(connectionId: string, fn: (arg: A) => Promise<T>) {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: fn,
    onSettled: () => queryClient.invalidateQueries({ queryKey: key(connectionId) }),
  })
}

export const useEnableRecovery = (connectionId: string) =>
  useRecoveryMutation(connectionId, () => api.post<JobView>(`/api/connections/${connectionId}/recovery/enable`))

export const useCreateRestorePoint = (connectionId: string) =>
  useRecoveryMutation(connectionId, (name: string) =>
    api.post<unknown>(`/api/connections/${connectionId}/recovery/restore-points`, { name }),
  )

export const useRestoreToPoint = (connectionId: string) =>
  useRecoveryMutation(connectionId, (target: RecoveryTarget) =>
    api.post<JobView>(`/api/connections/${connectionId}/recovery/restore`, target),
  )

export const useRemoveRestoredInstance = (connectionId: string) =>
  useRecoveryMutation(connectionId, (instanceId: string) => api.delete(`/api/restored-instances/${instanceId}`))
