import { keepPreviousData, useMutation, useQuery } from '@tanstack/react-query'
import { api } from '@/lib/api'
import type { AuditQuery, AuditRecordView, ChainVerification, Page } from '@/lib/api-types'

export function useAuditRecords(query: AuditQuery) {
  return useQuery({
    queryKey: ['audit', query],
    queryFn: ({ signal }) => api.get<Page<AuditRecordView>>('/api/audit', { ...query }, signal),
    placeholderData: keepPreviousData,
  })
}

export function useAuditActions() {
  return useQuery({ queryKey: ['audit', 'actions'], queryFn: () => api.get<string[]>('/api/audit/actions'), staleTime: 10 * 60_000 })
}

export function useVerifyChain() {
  return useMutation({ mutationFn: () => api.get<ChainVerification>('/api/audit/verify') })
}
