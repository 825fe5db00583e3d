import * as React from 'react'
import { keepPreviousData, useMutation, useQuery, useQueryClient, type QueryClient } from '@tanstack/react-query'
import { toast } from 'sonner'
import { api } from '@/lib/api'
import type { Page, StorageTargetView } from '@/lib/api-types'
import { isFinished, type JobView } from '@/features/jobs/types'
import type {
  BackupProgress,
  BackupView,
  CreateBackupRequest,
  RestoreRequest,
  RestoreResult,
  VerifyResult,
} from './types'
import { formatBytes, formatDuration } from '@/lib/format'

export const backupsKey = ['backups'] as const

export interface BackupsQuery {
  connectionId?: string
  page: number
  size: number
}

const listKey = (query: BackupsQuery) => [...backupsKey, 'list', query] as const

export function useBackups(query: BackupsQuery) {
  return useQuery({
    queryKey: listKey(query),
    queryFn: ({ signal }) => api.get<Page<BackupView>>('/api/backups', { ...query }, signal),
    placeholderData: keepPreviousData,
    // the progress streams say when a run ends; this only backs them up if a stream is lost
    refetchInterval: (q) => (q.state.data?.items.some((b) => b.status === 'IN_PROGRESS') ? 10_000 : false),
  })
}

/** One backup with its manifest (the list leaves manifests out). */
export function useBackup(id: string | null | undefined) {
  return useQuery({
    queryKey: [...backupsKey, 'one', id],
    queryFn: ({ signal }) => api.get<BackupView>(`/api/backups/${id}`, undefined, signal),
    enabled: id != null,
  })
}

/** Every storage target (configured and managed) by id and name, for the backup dialog and the schedule editor. */
export function useStorageTargets() {
  return useQuery({
    queryKey: ['storage-targets'],
    queryFn: ({ signal }) => api.get<StorageTargetView[]>('/api/storage-targets', undefined, signal),
    staleTime: 60_000,
  })
}

/** Puts a changed backup into every cached list page that shows it. */
function replaceInLists(queryClient: QueryClient, view: BackupView) {
  queryClient.setQueriesData<Page<BackupView>>({ queryKey: [...backupsKey, 'list'] }, (page) =>
    page ? { ...page, items: page.items.map((b) => (b.id === view.id ? { ...b, ...view, manifest: b.manifest } : b)) } : page,
  )
}

export function useCreateBackup() {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: (body: CreateBackupRequest) => api.post<BackupView>('/api/backups', body),
    onSuccess: (created) => {
      // the new run goes to the top of the first pages that would list it (lists are newest first)
      for (const [key, page] of queryClient.getQueriesData<Page<BackupView>>({ queryKey: [...backupsKey, 'list'] })) {
        const query = key[2] as BackupsQuery | undefined
        if (!page || page.page !== 0 || page.items.some((b) => b.id === created.id)) continue
        if (query?.connectionId && query.connectionId !== created.connectionId) continue
        queryClient.setQueryData<Page<BackupView>>(key, {
          ...page,
          items: [created, ...page.items].slice(0, page.size),
          totalElements: page.totalElements + 1,
        })
      }
      return queryClient.invalidateQueries({ queryKey: [...backupsKey, 'list'] })
    },
  })
}

export function useCancelBackup() {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: (backup: BackupView) => api.post<BackupView>(`/api/backups/${backup.id}/cancel`),
    onSettled: () => queryClient.invalidateQueries({ queryKey: [...backupsKey, 'list'] }),
  })
}

export function useDeleteBackup() {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: ({ backup, confirm }: { backup: BackupView; confirm: string }) =>
      api.delete(`/api/backups/${backup.id}?confirm=${encodeURIComponent(confirm)}`),
    onSuccess: (_, { backup }) => {
      queryClient.setQueriesData<Page<BackupView>>({ queryKey: [...backupsKey, 'list'] }, (page) =>
        page ? { ...page, items: page.items.filter((b) => b.id !== backup.id), totalElements: page.totalElements - 1 } : page,
      )
      return queryClient.invalidateQueries({ queryKey: [...backupsKey, 'list'] })
    },
  })
}

/** Starts a verification job: the answer is the job, followed with useJobProgress. */
export function useVerifyBackup() {
  return useMutation({
    mutationFn: ({ backup, testRestore }: { backup: BackupView; testRestore: boolean }) =>
      api.post<JobView>(`/api/backups/${backup.id}/verify`, { testRestore }),
  })
}

/** What a finished verification job found (also when it failed on a damaged backup). */
export function useVerifyResult(backup: BackupView, job: JobView | null) {
  return useQuery({
    queryKey: [...backupsKey, 'verification', job?.id],
    queryFn: ({ signal }) =>
      api.get<VerifyResult>(`/api/backups/${backup.id}/verifications/${job?.id}`, undefined, signal),
    enabled: job != null && isFinished(job) && job.status !== 'CANCELLED',
    retry: false,
  })
}

/** Starts a restore job: the answer is the job, followed with useJobProgress. */
export function useRestoreBackup() {
  return useMutation({
    mutationFn: ({ backup, body }: { backup: BackupView; body: RestoreRequest }) =>
      api.post<JobView>(`/api/backups/${backup.id}/restore`, body),
  })
}

/** The outcome of a completed restore job. */
export function useRestoreResult(backup: BackupView, job: JobView | null) {
  return useQuery({
    queryKey: [...backupsKey, 'restore', job?.id],
    queryFn: ({ signal }) => api.get<RestoreResult>(`/api/backups/${backup.id}/restores/${job?.id}`, undefined, signal),
    enabled: job != null && job.status === 'COMPLETED',
    retry: false,
  })
}

export function downloadUrl(backup: BackupView, raw = false) {
  return `/api/backups/${backup.id}/download${raw ? '?raw=true' : ''}`
}

const TERMINAL = ['done', 'failed', 'cancelled'] as const

/**
 * Follows every running backup in `items` over its Server-Sent Events stream (GET /api/backups/{id}/events,
 * authenticated by the session cookie): live progress while it runs, then the final view goes into the cached
 * lists and a toast says how it ended. A stream stays open until its run ends, even if a list refetch saw the end
 * first, so every ending is announced once.
 */
export function useBackupProgress(items: BackupView[] | undefined) {
  const queryClient = useQueryClient()
  const [progress, setProgress] = React.useState<Record<string, BackupProgress>>({})
  const sources = React.useRef(new Map<string, EventSource>())
  const ended = React.useRef(new Set<string>())

  React.useEffect(() => {
    for (const backup of items ?? []) {
      if (backup.status !== 'IN_PROGRESS' || sources.current.has(backup.id) || ended.current.has(backup.id)) continue
      const source = new EventSource(`/api/backups/${backup.id}/events`)
      sources.current.set(backup.id, source)
      const close = () => {
        source.close()
        sources.current.delete(backup.id)
        setProgress(({ [backup.id]: _, ...rest }) => rest)
      }
      source.addEventListener('progress', (e) => {
        const p = JSON.parse((e as MessageEvent<string>).data) as BackupProgress
        setProgress((prev) => ({ ...prev, [backup.id]: p }))
      })
      for (const name of TERMINAL) {
        source.addEventListener(name, (e) => {
          const view = JSON.parse((e as MessageEvent<string>).data) as BackupView
          ended.current.add(backup.id)
          close()
          replaceInLists(queryClient, view)
          void queryClient.invalidateQueries({ queryKey: backupsKey })
          announce(view)
        })
      }
      source.onerror = () => {
        // CONNECTING: the browser retries by itself; CLOSED: refused (e.g. gone or logged out) — the list's own
        // refetch shows the outcome
        if (source.readyState === EventSource.CLOSED) {
          close()
          void queryClient.invalidateQueries({ queryKey: [...backupsKey, 'list'] })
        }
      }
    }
  }, [items, queryClient])

  React.useEffect(() => {
    const open = sources.current
    return () => {
      open.forEach((s) => s.close())
      open.clear()
    }
  }, [])

  return progress
}

function announce(view: BackupView) {
  const what = `Backup of ${view.connectionName}`
  if (view.status === 'COMPLETED') {
    toast.success(`${what} completed`, {
      description: `${formatBytes(view.storedSize)} stored in ${formatDuration(view.durationMillis)}`,
    })
  } else if (view.status === 'FAILED') {
    toast.error(`${what} failed`, { description: view.error ?? undefined, duration: 10_000 })
  } else if (view.status === 'CANCELLED') {
    toast(`${what} cancelled`, { description: view.error ?? undefined })
  }
}
