import * as React from 'react'
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { api } from '@/lib/api'
import type { HealthView, MonitoringSettings, OverviewEntry, SeriesView } from './types'

export const monitoringKey = ['monitoring'] as const

export function useOverview() {
  return useQuery({
    queryKey: [...monitoringKey, 'overview'],
    queryFn: ({ signal }) => api.get<OverviewEntry[]>('/api/monitoring/overview', undefined, signal),
    // the stream brings samples of this instance; this catches the rest (other instances, switched-off ones)
    refetchInterval: 30_000,
  })
}

export function useSeries(connectionId: string | null, names: string[], rangeSeconds: number, enabled = true) {
  return useQuery({
    queryKey: [...monitoringKey, 'series', connectionId, names.join(','), rangeSeconds],
    enabled: enabled && !!connectionId,
    queryFn: ({ signal }) => {
      const to = new Date()
      const from = new Date(to.getTime() - rangeSeconds * 1000)
      return api.get<SeriesView>(
        `/api/connections/${connectionId}/metrics`,
        { names: names.join(','), from: from.toISOString(), to: to.toISOString() },
        signal,
      )
    },
    refetchInterval: rangeSeconds <= 3600 ? 15_000 : 60_000,
  })
}

export function useMonitoringSettings(connectionId: string | null) {
  return useQuery({
    queryKey: [...monitoringKey, 'settings', connectionId],
    enabled: !!connectionId,
    queryFn: ({ signal }) => api.get<MonitoringSettings>(`/api/connections/${connectionId}/monitoring`, undefined, signal),
  })
}

export function useUpdateMonitoring(connectionId: string) {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: (body: { enabled: boolean; intervalSeconds?: number }) =>
      api.put<MonitoringSettings>(`/api/connections/${connectionId}/monitoring`, body),
    onSettled: () => queryClient.invalidateQueries({ queryKey: monitoringKey }),
  })
}

/**
 * New samples of visible connections as they are taken (GET /api/monitoring/stream, Server-Sent Events); the
 * browser reconnects by itself after a drop.
 */
export function useSampleStream(onSample: (sample: HealthView) => void) {
  const handler = React.useRef(onSample)
  React.useEffect(() => {
    handler.current = onSample
  })
  React.useEffect(() => {
    const source = new EventSource('/api/monitoring/stream')
    source.addEventListener('sample', (e) => handler.current(JSON.parse((e as MessageEvent<string>).data) as HealthView))
    return () => source.close()
  }, [])
}
