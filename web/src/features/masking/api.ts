import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { api } from '@/lib/api'
import type { MaskingPolicy, PiiReport, PolicyDraft, Role } from '@/lib/api-types'

export const policiesKey = ['masking-policies'] as const
export const rolesKey = ['masking-roles'] as const

export function usePolicies() {
  return useQuery({
    queryKey: policiesKey,
    queryFn: ({ signal }) => api.get<MaskingPolicy[]>('/api/masking/policies', undefined, signal),
  })
}

export function useCreatePolicy() {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: (body: PolicyDraft) => api.post<MaskingPolicy>('/api/masking/policies', body),
    onSettled: () => queryClient.invalidateQueries({ queryKey: policiesKey }),
  })
}

export function useDeletePolicy() {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: (id: string) => api.delete(`/api/masking/policies/${id}`),
    onSettled: () => queryClient.invalidateQueries({ queryKey: policiesKey }),
  })
}

export function useMaskingRoles() {
  return useQuery({
    queryKey: rolesKey,
    queryFn: ({ signal }) => api.get<Record<Role, boolean>>('/api/masking/roles', undefined, signal),
  })
}

export function useSetRoleUnmasked() {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: ({ role, viewUnmasked }: { role: Role; viewUnmasked: boolean }) =>
      api.put<Record<Role, boolean>>(`/api/masking/roles/${role}`, { viewUnmasked }),
    onSettled: () => queryClient.invalidateQueries({ queryKey: rolesKey }),
  })
}

export function useScan() {
  return useMutation({
    mutationFn: ({ connectionId, database, schema }: { connectionId: string; database?: string; schema?: string }) =>
      api.post<PiiReport>(`/api/connections/${connectionId}/masking/scan`, {
        database: database || undefined,
        schema: schema || undefined,
      }),
  })
}
