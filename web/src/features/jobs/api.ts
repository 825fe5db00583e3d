import * as React from 'react'
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { useChanged } from '@/hooks/use-retained'
import { api } from '@/lib/api'
import type { Page } from '@/lib/api-types'
import { isFinished, type JobKind, type JobStatus, type JobStreamEvent, type JobView } from './types'

export const jobsKey = ['jobs'] as const

export interface JobsQuery {
  kind?: JobKind
  status?: JobStatus
  connectionId?: string
  page: number
  size: number
}

export function useJobs(query: JobsQuery) {
  return useQuery({
    queryKey: [...jobsKey, 'list', query],
    queryFn: ({ signal }) => api.get<Page<JobView>>('/api/jobs', { ...query }, signal),
    placeholderData: keepPreviousData,
    refetchInterval: (q) => (q.state.data?.items.some((j) => !isFinished(j)) ? 2_000 : 15_000),
  })
}

export function useCancelJob() {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: (id: string) => api.post<JobView>(`/api/jobs/${id}/cancel`),
    onSettled: () => queryClient.invalidateQueries({ queryKey: jobsKey }),
  })
}

/**
 * Follows one job over GET /api/jobs/{id}/events (typed JobStreamEvents, authenticated by the session cookie):
 * its state on every change, and the final one once it ended. Null id: nothing to follow.
 */
export function useJobProgress(id: string | null | undefined, initial?: JobView | null) {
  const [job, setJob] = React.useState<JobView | null>(initial ?? null)
  // a new id starts from its own initial view (reset while rendering, not in the effect)
  if (useChanged(id)) setJob(initial ?? null)
  React.useEffect(() => {
    if (!id) return
    const source = new EventSource(`/api/jobs/${id}/events`)
    const take = (e: Event) => {
      const event = JSON.parse((e as MessageEvent<string>).data) as JobStreamEvent
      setJob(event.job)
      if (event.type === 'FINISHED') source.close()
    }
    source.addEventListener('progress', take)
    source.addEventListener('finished', take)
    source.onerror = () => {
      if (source.readyState === EventSource.CLOSED) {
        // refused or gone: ask once for where it stands
        void api.get<JobView>(`/api/jobs/${id}`).then(setJob, () => undefined)
      }
    }
    return () => source.close()
  }, [id])
  return job
}
