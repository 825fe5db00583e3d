import * as React from 'react'
import { Link } from 'react-router'
import { Dialog, DialogContent, DialogDescription, DialogHeader, DialogTitle } from '@/components/ui/dialog'
import { DataTable, type DataTableColumn } from '@/components/data-table'
import { formatDateTime, formatDuration } from '@/lib/format'
import { useStorageTargets } from '@/features/backups/api'
import { useRuns } from './api'
import { RunStatusBadge } from './run-status'
import type { ScheduleRun, ScheduleView } from './types'

/** The run table's columns; a run's backups link to the connection's backups. */
function runColumns(connectionId: string | undefined, targetName: (id: string) => string): DataTableColumn<ScheduleRun>[] {
  return [
  {
    id: 'for',
    header: 'Scheduled for',
    cell: (r) => (
      <span className="text-xs tabular-nums">
        {formatDateTime(r.scheduledFor)}
        {r.manual && <span className="ml-1 text-muted-foreground">(run now)</span>}
        {r.lateMillis > 60_000 && <span className="ml-1 text-warning">late {formatDuration(r.lateMillis)}</span>}
      </span>
    ),
  },
  { id: 'status', header: 'Status', cell: (r) => <RunStatusBadge status={r.status} /> },
  { id: 'finished', header: 'Finished', cell: (r) => <span className="text-xs tabular-nums">{formatDateTime(r.finishedAt)}</span> },
  {
    id: 'backups',
    header: 'Backups',
    cell: (r) => (
      <ul className="text-xs">
        {r.backups.map((b) => (
          <li key={b.backupId}>
            <Link className="underline-offset-2 hover:underline" to={connectionId ? `/backups?connection=${connectionId}` : '/backups'}
              title={b.backupId}>
              {b.database && <span className="font-medium">{b.database} · </span>}
              {b.storageTarget
                .split(',')
                .map((id) => targetName(id))
                .join(', ')}
              : {b.status.toLowerCase()}
            </Link>
          </li>
        ))}
      </ul>
    ),
  },
  {
    id: 'notes',
    header: 'Retention / notes / error',
    cell: (r) => (
      <span className="grid gap-0.5 text-xs">
        <span className={r.error ? 'text-destructive' : 'text-muted-foreground'}>{r.error ?? r.retention ?? '—'}</span>
        {r.notice && <span className="text-amber-700 dark:text-amber-400">{r.notice}</span>}
      </span>
    ),
  },
  ]
}

export function RunsDialog({ schedule, onClose }: { schedule: ScheduleView | null; onClose: () => void }) {
  const [page, setPage] = React.useState(0)
  const runs = useRuns(schedule?.id ?? null, page)
  const targets = useStorageTargets()
  const targetName = (id: string) => targets.data?.find((t) => t.id === id)?.name ?? id
  return (
    <Dialog open={schedule != null} onOpenChange={(open) => !open && onClose()}>
      <DialogContent className="sm:max-w-4xl">
        <DialogHeader>
          <DialogTitle>Runs of {schedule?.name}</DialogTitle>
          <DialogDescription>{schedule?.description}</DialogDescription>
        </DialogHeader>
        <DataTable
          aria-label="Runs"
          columns={runColumns(schedule?.connectionId, targetName)}
          rows={runs.data?.items}
          rowKey={(r) => r.id}
          rowProps={(r) => ({ 'data-testid': 'run-row', 'data-status': r.status })}
          empty={<p className="p-6 text-center text-sm text-muted-foreground">No runs yet.</p>}
          error={runs.isError ? { title: 'Could not load the runs', error: runs.error, onRetry: () => void runs.refetch() } : null}
          pagination={runs.data ? { data: runs.data, onPage: setPage, hideSinglePage: true } : undefined}
        />
      </DialogContent>
    </Dialog>
  )
}
