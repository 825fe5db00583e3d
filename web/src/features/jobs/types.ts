// Job types, derived from web/openapi.json (api-schema.d.ts): kinds, statuses, phases and reason codes are the
// server's enums, so a new phase or reason breaks the build until it has a label.
import type { components } from '@/lib/api-schema'

type Schemas = components['schemas']

type Present<T, Absent extends keyof T = never> = { [K in Exclude<keyof T, Absent>]-?: NonNullable<T[K]> } & {
  [K in Absent]?: NonNullable<T[K]> | null
}

export type JobKind = NonNullable<Schemas['JobView']['kind']>
export type JobStatus = NonNullable<Schemas['JobView']['status']>
export type JobPhase = NonNullable<Schemas['JobView']['phase']>
export type ReasonCode = NonNullable<Schemas['JobFailure']['reason']>
export type ProgressUnit = NonNullable<Schemas['JobProgress']['unit']>

export type JobProgress = Present<Schemas['JobProgress'], 'total' | 'unit'>
export type JobFailure = Present<Schemas['JobFailure']>

export type JobView = Present<
  Omit<Schemas['JobView'], 'progress' | 'failure'>,
  'connectionId' | 'subjectId' | 'startedAt' | 'finishedAt' | 'heartbeatAt' | 'resultRef' | 'summary'
> & { progress: JobProgress; failure?: JobFailure | null }

/** One event of GET /api/jobs/{id}/events; the SSE event name is `type` in lower case. */
export type JobStreamEvent = { type: NonNullable<Schemas['JobStreamEvent']['type']>; job: JobView }

export const FINISHED: readonly JobStatus[] = ['COMPLETED', 'FAILED', 'CANCELLED']

export function isFinished(job: Pick<JobView, 'status'> | null | undefined) {
  return job != null && FINISHED.includes(job.status)
}
