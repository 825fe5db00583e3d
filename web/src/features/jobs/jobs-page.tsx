import * as React from 'react'
import { toast } from 'sonner'
import { ListChecks } from 'lucide-react'
import { Button } from '@/components/ui/button'
import { Card } from '@/components/ui/card'
import { Select, SelectContent, SelectItem, SelectTrigger, SelectValue } from '@/components/ui/select'
import { Skeleton } from '@/components/ui/skeleton'
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from '@/components/ui/table'
import { EmptyState } from '@/components/empty-state'
import { PageHeader } from '@/components/page-header'
import { Pager } from '@/components/pager'
import { useCurrentUser } from '@/features/auth/current-user'
import { errorMessage } from '@/lib/api'
import { formatDateTime } from '@/lib/format'
import { useCancelJob, useJobs } from './api'
import { jobKindLabels, jobStatusLabels } from './format'
import { JobProgressBar, JobStatusBadge } from './job-progress'
import { isFinished, type JobStatus, type JobView } from './types'

const PAGE_SIZE = 50
const ALL = 'all'

/** What runs across the app (backups, restores, verifications) and what ran recently, with cancel. */
export function JobsPage() {
  const user = useCurrentUser()
  const [page, setPage] = React.useState(0)
  const [status, setStatus] = React.useState<JobStatus | typeof ALL>(ALL)
  const jobs = useJobs({ page, size: PAGE_SIZE, status: status === ALL ? undefined : status })
  const cancel = useCancelJob()
  const columns = 7
  // anyone may stop a job they started (a viewer's export); others' jobs need OPERATOR or ADMIN
  const mayCancel = (job: JobView) => user.canOperate || job.startedBy === user.username

  const stop = (job: JobView) =>
    cancel.mutate(job.id, {
      onSuccess: () => toast('Cancelling…', { description: `${jobKindLabels[job.kind]} ${job.id.slice(0, 8)}` }),
      onError: (e) => toast.error('Could not cancel the job', { description: errorMessage(e) }),
    })

  return (
    <div className="flex flex-col gap-6">
      <PageHeader title="Jobs" description="Backups, restores and verifications: what is running now, and what ran recently." />
      <Card className="gap-0 overflow-hidden py-0">
        <div className="flex flex-wrap items-center gap-3 border-b bg-muted/20 px-4 py-3" role="search" aria-label="Filter jobs">
          <Select
            value={status}
            onValueChange={(v) => {
              setStatus(v as JobStatus | typeof ALL)
              setPage(0)
            }}
          >
            <SelectTrigger className="w-44" aria-label="Status">
              <SelectValue />
            </SelectTrigger>
            <SelectContent>
              <SelectItem value={ALL}>Any status</SelectItem>
              {(Object.keys(jobStatusLabels) as JobStatus[]).map((s) => (
                <SelectItem key={s} value={s}>
                  {jobStatusLabels[s]}
                </SelectItem>
              ))}
            </SelectContent>
          </Select>
        </div>
        <Table aria-label="Jobs">
          <TableHeader>
            <TableRow className="hover:bg-transparent">
              <TableHead>Kind</TableHead>
              <TableHead>Status</TableHead>
              <TableHead className="w-64">Progress</TableHead>
              <TableHead>Started by</TableHead>
              <TableHead>Created</TableHead>
              <TableHead>Finished</TableHead>
              <TableHead className="w-24">
                <span className="sr-only">Actions</span>
              </TableHead>
            </TableRow>
          </TableHeader>
          <TableBody>
            {jobs.isPending &&
              Array.from({ length: 4 }, (_, i) => (
                <TableRow key={i}>
                  {Array.from({ length: columns }, (_, j) => (
                    <TableCell key={j}>
                      <Skeleton className="h-4 w-full" />
                    </TableCell>
                  ))}
                </TableRow>
              ))}
            {jobs.data?.items.map((job) => (
              <TableRow key={job.id} data-testid="job-row" data-status={job.status} data-kind={job.kind}>
                <TableCell className="font-medium">{jobKindLabels[job.kind]}</TableCell>
                <TableCell>
                  <JobStatusBadge job={job} />
                </TableCell>
                <TableCell>
                  {isFinished(job) ? (
                    <span className="text-xs text-muted-foreground" title={job.failure?.message ?? job.summary ?? undefined}>
                      {job.failure?.message ?? job.summary ?? '—'}
                    </span>
                  ) : (
                    <JobProgressBar job={job} />
                  )}
                </TableCell>
                <TableCell>{job.startedBy}</TableCell>
                <TableCell className="text-xs tabular-nums">{formatDateTime(job.createdAt)}</TableCell>
                <TableCell className="text-xs tabular-nums">{formatDateTime(job.finishedAt)}</TableCell>
                <TableCell>
                  {!isFinished(job) && mayCancel(job) && (
                    <Button size="sm" variant="outline" onClick={() => stop(job)} disabled={job.cancelRequested}>
                      Cancel
                    </Button>
                  )}
                </TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
        {jobs.data && jobs.data.items.length === 0 && (
          <EmptyState icon={ListChecks} title="No jobs" description="Backups, restores and verifications show up here while they run." />
        )}
        {jobs.data && jobs.data.totalPages > 1 && <Pager data={jobs.data} onPage={setPage} />}
      </Card>
    </div>
  )
}
