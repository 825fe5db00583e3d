import { Badge } from '@/components/ui/badge'
import { cn } from '@/lib/utils'
import { formatBytes, formatCount } from '@/lib/format'
import { jobPhaseLabels, jobStatusLabels, jobStatusVariant, reasonLabels } from './format'
import type { JobProgress, JobView } from './types'

function amount(p: JobProgress, n: number) {
  return p.unit === 'BYTES' ? formatBytes(n) : formatCount(n)
}

/** A job's phase and progress: a bar with its share when the total is known, else a moving bar. */
export function JobProgressBar({ job, className }: { job: JobView | null | undefined; className?: string }) {
  const phase = job?.phase ?? 'QUEUED'
  const p = job?.progress
  const percent =
    job?.status === 'COMPLETED'
      ? 100
      : p && p.total != null && p.total > 0
        ? Math.min(99, Math.max(1, Math.round((p.done / p.total) * 100)))
        : null
  const label = `${jobPhaseLabels[phase]}${percent != null && percent < 100 ? ` · ${percent}%` : ''}`
  // a percentage is in the label already
  const counted = p && p.unit && p.unit !== 'PERCENT' ? `${amount(p, p.done)}${p.total != null ? ` of ${amount(p, p.total)}` : ''}` : ''
  return (
    <div className={cn('grid min-w-40 gap-1', className)} data-testid="job-progress" data-phase={phase}>
      <div
        role="progressbar"
        aria-label="Job progress"
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={percent ?? undefined}
        aria-valuetext={`${label}${counted ? `, ${counted}` : ''}`}
        className="relative h-1.5 overflow-hidden rounded-full bg-primary/15"
      >
        {percent == null ? (
          <div className="backup-progress-indeterminate absolute inset-y-0 left-0 w-2/5 rounded-full bg-primary" />
        ) : (
          <div className="h-full rounded-full bg-primary transition-[width] duration-500" style={{ width: `${percent}%` }} />
        )}
      </div>
      <div className="flex items-center justify-between gap-2 text-[11px] leading-none text-muted-foreground tabular-nums">
        <span className="font-medium text-foreground/80">{label}</span>
        {counted && <span>{counted}</span>}
      </div>
    </div>
  )
}

export function JobStatusBadge({ job }: { job: Pick<JobView, 'status' | 'failure'> }) {
  const reason = job.failure?.reason
  return (
    <Badge variant={jobStatusVariant[job.status]} data-status={job.status} title={job.failure?.message}>
      {jobStatusLabels[job.status]}
      {reason && reason !== 'CANCELLED_BY_USER' ? ` · ${reasonLabels[reason]}` : ''}
    </Badge>
  )
}
