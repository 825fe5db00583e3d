import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { api } from '@/lib/api'
import type { ComplianceReport, ComplianceReportEntry, Page } from '@/lib/api-types'

const BASE = '/api/security/compliance'

export const reportUrl = (id: string) => `${BASE}/reports/${encodeURIComponent(id)}`
export const reportPdfUrl = (id: string) => `${reportUrl(id)}.pdf`

export function useReportHistory(page: number) {
  return useQuery({
    queryKey: ['compliance', 'reports', page],
    queryFn: ({ signal }) => api.get<Page<ComplianceReportEntry>>(`${BASE}/reports`, { page, size: 20 }, signal),
    placeholderData: keepPreviousData,
  })
}

export function useReport(id: string | undefined) {
  return useQuery({
    queryKey: ['compliance', 'report', id],
    queryFn: ({ signal }) => api.get<ComplianceReport>(`${reportUrl(id ?? '')}.json`, undefined, signal),
    enabled: !!id,
    staleTime: Infinity, // a stored report never changes
  })
}

export function useRunReport() {
  const client = useQueryClient()
  return useMutation({
    mutationFn: () => api.post<ComplianceReport>(`${BASE}/reports`),
    onSuccess: (report) => {
      if (report.id) client.setQueryData(['compliance', 'report', report.id], report)
      return client.invalidateQueries({ queryKey: ['compliance', 'reports'] })
    },
  })
}
