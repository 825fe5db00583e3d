import * as React from 'react'
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { api } from '@/lib/api'
import type { Page } from '@/lib/api-types'
import { monitoringKey } from '@/features/monitoring/api'
import type { AlertPreview, AlertRuleDraft, AlertRuleView, AlertState, AlertView } from './types'

export const alertsKey = ['alerts'] as const
export const rulesKey = ['alert-rules'] as const

export interface AlertQuery {
  states: AlertState[]
  acknowledged?: boolean
}

export function useAlerts({ states, acknowledged }: AlertQuery, page: number, size: number) {
  return useQuery({
    queryKey: [...alertsKey, states.join(','), acknowledged, page, size],
    queryFn: ({ signal }) =>
      api.get<Page<AlertView>>('/api/alerts', { state: states.join(','), acknowledged, page, size }, signal),
    placeholderData: keepPreviousData,
    refetchInterval: 30_000,
  })
}

export function useAlertRules() {
  return useQuery({
    queryKey: rulesKey,
    queryFn: ({ signal }) => api.get<AlertRuleView[]>('/api/alert-rules', undefined, signal),
  })
}

export function useRuleMetrics() {
  return useQuery({
    queryKey: [...rulesKey, 'metrics'],
    queryFn: ({ signal }) => api.get<string[]>('/api/alert-rules/metrics', undefined, signal),
    staleTime: Infinity,
  })
}

function useInvalidateAlerts() {
  const queryClient = useQueryClient()
  return () => {
    void queryClient.invalidateQueries({ queryKey: alertsKey })
    void queryClient.invalidateQueries({ queryKey: monitoringKey })
  }
}

export function useAcknowledge() {
  const invalidate = useInvalidateAlerts()
  return useMutation({
    mutationFn: ({ id, comment }: { id: string; comment: string }) =>
      api.post<AlertView>(`/api/alerts/${id}/ack`, { comment: comment || null }),
    onSettled: invalidate,
  })
}

export function useSilence() {
  const invalidate = useInvalidateAlerts()
  return useMutation({
    mutationFn: ({ id, minutes }: { id: string; minutes: number }) =>
      api.post<AlertView>(`/api/alerts/${id}/silence`, { minutes }),
    onSettled: invalidate,
  })
}

export function useSaveRule() {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: ({ id, body }: { id?: string; body: AlertRuleDraft }) =>
      id ? api.put<AlertRuleView>(`/api/alert-rules/${id}`, body) : api.post<AlertRuleView>('/api/alert-rules', body),
    onSettled: () => queryClient.invalidateQueries({ queryKey: rulesKey }),
  })
}

export function useDeleteRule() {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: (id: string) => api.delete(`/api/alert-rules/${id}`),
    onSettled: () => queryClient.invalidateQueries({ queryKey: rulesKey }),
  })
}

/** Alert changes of visible connections as they happen (the monitoring stream's 'alert' events) refresh the lists. */
export function useAlertStream() {
  const queryClient = useQueryClient()
  React.useEffect(() => {
    const source = new EventSource('/api/monitoring/stream')
    source.addEventListener('alert', () => {
      void queryClient.invalidateQueries({ queryKey: alertsKey })
      void queryClient.invalidateQueries({ queryKey: [...monitoringKey, 'overview'] })
    })
    return () => source.close()
  }, [queryClient])
}

/** The rule editor's live preview: the draft replayed over the last 24 h, re-run 600 ms after the last change. */
export function usePreview(draft: AlertRuleDraft | null) {
  const [debounced, setDebounced] = React.useState(draft)
  const key = JSON.stringify(draft)
  React.useEffect(() => {
    const t = window.setTimeout(() => setDebounced(draft), 600)
    return () => window.clearTimeout(t)
    // eslint-disable-next-line react-hooks/exhaustive-deps -- the serialised draft is the dependency
  }, [key])
  return useQuery({
    queryKey: [...rulesKey, 'preview', JSON.stringify(debounced)],
    enabled: debounced != null,
    queryFn: () => api.post<AlertPreview>('/api/alert-rules/preview', { rule: debounced }),
    retry: false,
  })
}
