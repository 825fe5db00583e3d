import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { api } from '@/lib/api'
import type { SecuritySettingsUpdate, SecuritySettingsView } from '@/lib/api-types'

export const securitySettingsKey = ['security', 'settings'] as const

export function useSecuritySettings() {
  return useQuery({
    queryKey: securitySettingsKey,
    queryFn: ({ signal }) => api.get<SecuritySettingsView>('/api/security/settings', undefined, signal),
  })
}

export function useSaveSecuritySettings() {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: (body: SecuritySettingsUpdate) => api.put<SecuritySettingsView>('/api/security/settings', body),
    onSuccess: (saved) => queryClient.setQueryData(securitySettingsKey, saved),
  })
}
