import { useMutation } from '@tanstack/react-query'
import { api } from '@/lib/api'
import type { components } from '@/lib/api-schema'
import type { JobView } from '@/features/jobs/types'

export type ExportJobRequest = components['schemas']['ExportJobRequest']
export type SchemaOptions = components['schemas']['SchemaOptions']

/** Starts a schema or data export job (POST /api/connections/{id}/exports → 202 with the job). */
export function useStartExport(connectionId: string) {
  return useMutation({
    mutationFn: (body: ExportJobRequest) => api.post<JobView>(`/api/connections/${connectionId}/exports`, body),
  })
}

/** Where a finished export is downloaded (only by who started it, or an ADMIN). */
export function downloadUrl(jobId: string) {
  return `/api/exports/${jobId}/download`
}
