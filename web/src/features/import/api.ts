import { useMutation } from '@tanstack/react-query'
import { api } from '@/lib/api'
import type { JobView } from '@/features/jobs/types'
import type { CsvOptions, CsvPreview, ImportRequest, ImportResult, UploadView } from './types'

const base = (connectionId: string) => `/api/connections/${connectionId}/imports`

/** Sends the file's bytes as they are; the server streams them to disk under its size limit. */
export function useUpload(connectionId: string) {
  return useMutation({
    mutationFn: (file: File) => api.upload<UploadView>(`${base(connectionId)}/uploads`, file, { name: file.name }),
  })
}

export interface PreviewInput {
  uploadId: string
  database?: string
  schema?: string
  table?: string
  options?: CsvOptions | null
}

export function usePreview(connectionId: string) {
  return useMutation({
    mutationFn: ({ uploadId, ...body }: PreviewInput) =>
      api.post<CsvPreview>(`${base(connectionId)}/uploads/${uploadId}/preview`, body),
  })
}

export function useStartImport(connectionId: string) {
  return useMutation({
    mutationFn: (request: ImportRequest) => api.post<JobView>(base(connectionId), request),
  })
}

export function fetchImportResult(connectionId: string, jobId: string) {
  return api.get<ImportResult>(`${base(connectionId)}/${jobId}`)
}
