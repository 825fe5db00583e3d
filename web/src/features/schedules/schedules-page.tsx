import * as React from 'react'
import { toast } from 'sonner'
import { CalendarClock, History, Pencil, Play, Plus, Trash2 } from 'lucide-react'
import { Button } from '@/components/ui/button'
import { Card } from '@/components/ui/card'
import { Switch } from '@/components/ui/switch'
import { DataTable, type DataTableColumn } from '@/components/data-table'
import { EmptyState } from '@/components/empty-state'
import { PageHeader } from '@/components/page-header'
import { useCurrentUser } from '@/features/auth/current-user'
import { errorMessage } from '@/lib/api'
import { formatDateTime, formatRelative } from '@/lib/format'
import { useDeleteSchedule, useRunNow, useSaveSchedule, useSchedules } from './api'
import { RunStatusBadge } from './run-status'
import { RunsDialog } from './runs-dialog'
import { ScheduleDialog } from './schedule-dialog'
import type { ScheduleRequest, ScheduleView } from './types'

/** The request that saves a schedule as it is, with {@code enabled} switched. */
function asRequest(s: ScheduleView, enabled: boolean): ScheduleRequest {
  return {
    name: s.name,
    connectionId: s.connectionId,
    kind: s.kind,
    compression: s.compression,
    encrypted: s.encrypted,
    targets: s.targets,
    retention: s.retention,
    timeZone: s.timeZone,
    enabled,
    timing: s.timing,
    verifyAfter: s.verifyAfter,
    testRestoreCron: s.testRestoreCron ?? null,
    testRestoreConnectionId: s.testRestoreConnectionId ?? null,
  }
}

/** Unattended backups: when each schedule runs next, how its last run went, and its history. */
export function SchedulesPage() {
  const user = useCurrentUser()
  const schedules = useSchedules()
  const save = useSaveSchedule()
  const runNow = useRunNow()
  const remove = useDeleteSchedule()
  const [editing, setEditing] = React.useState<ScheduleView | null>(null)
  const [creating, setCreating] = React.useState(false)
  const [history, setHistory] = React.useState<ScheduleView | null>(null)

  const toggle = (s: ScheduleView, enabled: boolean) =>
    save.mutate(
      { id: s.id, body: asRequest(s, enabled) },
      { onError: (e) => toast.error('Could not change the schedule', { description: errorMessage(e) }) },
    )
  const run = (s: ScheduleView) =>
    runNow.mutate(s.id, {
      onSuccess: () => {
        toast.success('Run started', { description: s.name })
        setHistory(s)
      },
      onError: (e) => toast.error('Could not start the run', { description: errorMessage(e) }),
    })
  const del = (s: ScheduleView) => {
    if (!window.confirm(`Delete the schedule "${s.name}"? Its backups are kept.`)) return
    remove.mutate(s.id, { onError: (e) => toast.error('Could not delete the schedule', { description: errorMessage(e) }) })
  }

  const columns: DataTableColumn<ScheduleView>[] = [
    { id: 'name', header: 'Name', sortValue: (s) => s.name, cell: (s) => <span className="font-medium">{s.name}</span> },
    { id: 'connection', header: 'Connection', sortValue: (s) => s.connectionName, cell: (s) => (
        <span className="grid">
          <span className="truncate">{s.connectionName}</span>
          {s.databaseMode !== 'DEFAULT' && (
            <span className="truncate text-xs text-muted-foreground" data-testid="schedule-databases">
              {s.databaseMode === 'ALL' ? 'all databases' : s.databases.join(', ')}
            </span>
          )}
        </span>
      ) },
    {
      id: 'timing',
      header: 'Timing',
      cell: (s) => (
        <span className="text-sm" title={`${s.quartzCron} (${s.timeZone})`}>
          {s.description} <span className="text-xs text-muted-foreground">{s.timeZone}</span>
        </span>
      ),
    },
    {
      id: 'next',
      header: 'Next run',
      sortValue: (s) => s.nextFireTimes[0] ?? '',
      cell: (s) => (
        <span className="text-xs tabular-nums" title={formatDateTime(s.nextFireTimes[0])}>
          {s.enabled && s.nextFireTimes[0] ? formatRelative(s.nextFireTimes[0]) : '—'}
        </span>
      ),
    },
    {
      id: 'last',
      header: 'Last run',
      cell: (s) =>
        s.lastRun ? (
          <span className="flex items-center gap-2 text-xs">
            <RunStatusBadge status={s.lastRun.status} />
            <span className="tabular-nums">{formatRelative(s.lastRun.startedAt)}</span>
          </span>
        ) : (
          <span className="text-xs text-muted-foreground">never</span>
        ),
    },
    {
      id: 'enabled',
      header: 'Enabled',
      cell: (s) => (
        <Switch
          checked={s.enabled}
          disabled={!user.canOperate || save.isPending}
          onCheckedChange={(on) => toggle(s, on)}
          aria-label={`Enabled: ${s.name}`}
        />
      ),
    },
    {
      id: 'actions',
      header: 'Actions',
      srOnlyHeader: true,
      cell: (s) => (
        <div className="flex justify-end gap-1">
          <Button size="sm" variant="ghost" onClick={() => setHistory(s)} aria-label={`Runs of ${s.name}`}>
            <History />
          </Button>
          {user.canOperate && (
            <>
              <Button size="sm" variant="outline" onClick={() => run(s)} disabled={runNow.isPending}>
                <Play /> Run now
              </Button>
              <Button size="sm" variant="ghost" onClick={() => setEditing(s)} aria-label={`Edit ${s.name}`}>
                <Pencil />
              </Button>
              <Button size="sm" variant="ghost" onClick={() => del(s)} aria-label={`Delete ${s.name}`}>
                <Trash2 />
              </Button>
            </>
          )}
        </div>
      ),
    },
  ]

  return (
    <div className="flex flex-col gap-6">
      <PageHeader
        title="Schedules"
        description="Backups that run by themselves, with retention and verification."
        actions={
          user.canOperate && (
            <Button onClick={() => setCreating(true)}>
              <Plus /> New schedule
            </Button>
          )
        }
      />
      <Card className="gap-0 overflow-hidden py-0">
        <DataTable
          aria-label="Schedules"
          columns={columns}
          rows={schedules.data}
          rowKey={(s) => s.id}
          rowProps={(s) => ({ 'data-testid': 'schedule-row', 'data-name': s.name })}
          defaultSort={{ column: 'name', desc: false }}
          empty={<EmptyState icon={CalendarClock} title="No schedules" description="Create one to back up a connection unattended." />}
          error={schedules.isError ? { title: 'Could not load schedules', error: schedules.error, onRetry: () => void schedules.refetch() } : null}
        />
      </Card>
      <ScheduleDialog
        open={creating || editing != null}
        onOpenChange={(open) => {
          if (!open) {
            setCreating(false)
            setEditing(null)
          }
        }}
        schedule={editing}
      />
      <RunsDialog schedule={history} onClose={() => setHistory(null)} />
    </div>
  )
}
