import * as React from 'react'
import { toast } from 'sonner'
import { FolderPlus, HardDrive, Pencil, PlugZap, Trash2 } from 'lucide-react'
import { Badge } from '@/components/ui/badge'
import { Button } from '@/components/ui/button'
import { Card } from '@/components/ui/card'
import { Hint } from '@/components/ui/tooltip'
import { DataTable, type DataTableColumn } from '@/components/data-table'
import { EmptyState } from '@/components/empty-state'
import { PageHeader } from '@/components/page-header'
import { useCurrentUser } from '@/features/auth/current-user'
import { errorMessage } from '@/lib/api'
import type { StorageTargetView, StorageTestResult } from '@/lib/api-types'
import { formatBytes, formatDateTime } from '@/lib/format'
import { useDeleteTarget, useTargets, useTestTarget } from './api'
import { TargetDialog } from './target-dialog'

const stepLabels = { WRITE: 'Write', READ: 'Read back', DELETE: 'Delete' } as const

/** What a test did, step by step: which worked, how long each took, and the error of the one that failed. */
export function TestResult({ result, name }: { result: StorageTestResult; name: string }) {
  return (
    <div className="mt-1 grid gap-0.5 text-xs" role="status" data-testid={`target-test-${name}`}>
      <div className={`font-medium ${result.ok ? 'text-success' : 'text-destructive'}`}>
        {result.ok ? `Reachable: write, read and delete worked (${result.totalMillis} ms)` : 'Test failed'}
        <span className="ml-1 font-normal text-muted-foreground">{formatDateTime(result.testedAt)}</span>
      </div>
      {!result.ok &&
        result.steps.map((s) => (
          <div key={s.step} className={s.ok ? 'text-muted-foreground' : s.skipped ? 'text-muted-foreground' : 'text-destructive'}>
            {stepLabels[s.step]}: {s.skipped ? 'not tried' : s.ok ? `ok (${s.millis} ms)` : `failed after ${s.millis} ms — ${s.error}`}
          </div>
        ))}
    </div>
  )
}

function where(t: StorageTargetView) {
  if (t.kind === 'LOCAL') return t.path ?? ''
  return `s3://${t.bucket ?? ''}${t.prefix ? `/${t.prefix}` : ''}${t.endpoint ? ` at ${t.endpoint}` : ''}`
}

export function StorageTargetsPage() {
  const admin = useCurrentUser().isAdmin
  const targets = useTargets()
  const test = useTestTarget()
  const remove = useDeleteTarget()
  const [editing, setEditing] = React.useState<StorageTargetView | 'new' | null>(null)

  const runTest = (t: StorageTargetView) =>
    test.mutate(t.id, {
      onSuccess: (r) => {
        if (r.ok) toast.success(`${t.name} is reachable`, { description: `${r.totalMillis} ms` })
        else toast.error(`${t.name} failed its test`, { description: r.steps.find((s) => s.error)?.error ?? undefined })
      },
      onError: (e) => toast.error(`Could not test ${t.name}`, { description: errorMessage(e) }),
    })

  const drop = (t: StorageTargetView) => {
    if (!window.confirm(`Delete the storage target ${t.name}? Its files stay where they are.`)) return
    remove.mutate(t.id, {
      onSuccess: () => toast.success(`Deleted ${t.name}`),
      onError: (e) => toast.error(`Could not delete ${t.name}`, { description: errorMessage(e) }),
    })
  }

  const columns: DataTableColumn<StorageTargetView>[] = [
    {
      id: 'name',
      header: 'Target',
      sortValue: (t) => t.name,
      cell: (t) => (
        <div className="min-w-0">
          <div className="flex items-center gap-2 truncate font-medium">
            {t.name}
            {!t.managed && <Badge variant="muted">from settings</Badge>}
          </div>
          <div className="truncate text-xs text-muted-foreground" title={where(t)}>
            {t.kind === 'LOCAL' ? 'Local directory' : 'S3 bucket'}
            {where(t) ? ` · ${where(t)}` : ''}
          </div>
          {t.lastTest && <TestResult result={t.lastTest} name={t.name} />}
        </div>
      ),
    },
    {
      id: 'space',
      header: 'Free space / reachability',
      className: 'w-56',
      cell: (t) =>
        t.kind === 'LOCAL' ? (
          t.usableBytes != null ? (
            <span data-testid={`target-space-${t.name}`}>
              {formatBytes(t.usableBytes)} free of {formatBytes(t.totalBytes)}
            </span>
          ) : (
            <span className="text-muted-foreground">unknown</span>
          )
        ) : t.lastTest ? (
          <Badge variant={t.lastTest.ok ? 'success' : 'destructive'}>{t.lastTest.ok ? 'reachable' : 'unreachable'}</Badge>
        ) : (
          <span className="text-xs text-muted-foreground">not tested yet</span>
        ),
    },
    {
      id: 'copies',
      header: 'Backups',
      className: 'w-24',
      sortValue: (t) => t.backupCopies ?? 0,
      cell: (t) => <span className="tabular-nums">{t.backupCopies ?? '—'}</span>,
    },
    {
      id: 'actions',
      header: 'Actions',
      srOnlyHeader: true,
      className: 'w-36 text-right',
      cellClassName: 'text-right whitespace-nowrap',
      cell: (t) =>
        admin && (
          <>
            <Hint label="Test: write, read back and delete a probe">
              <Button variant="ghost" size="icon-sm" onClick={() => runTest(t)} disabled={test.isPending} aria-label={`Test ${t.name}`}>
                <PlugZap />
              </Button>
            </Hint>
            {t.managed && (
              <>
                <Hint label="Edit">
                  <Button variant="ghost" size="icon-sm" onClick={() => setEditing(t)} aria-label={`Edit ${t.name}`}>
                    <Pencil />
                  </Button>
                </Hint>
                <Hint label="Delete">
                  <Button variant="ghost" size="icon-sm" onClick={() => drop(t)} aria-label={`Delete ${t.name}`}>
                    <Trash2 />
                  </Button>
                </Hint>
              </>
            )}
          </>
        ),
    },
  ]

  return (
    <>
      <PageHeader
        title="Storage targets"
        description="Where backups are stored. A backup may go to several targets: it is dumped once and each gets a copy."
        actions={
          admin && (
            <Button onClick={() => setEditing('new')}>
              <FolderPlus /> New target
            </Button>
          )
        }
      />
      <Card className="gap-0 overflow-hidden py-0">
        <DataTable
          aria-label="Storage targets"
          columns={columns}
          rows={targets.data}
          rowKey={(t) => t.id}
          rowProps={(t) => ({ 'data-testid': `target-row-${t.name}` })}
          defaultSort={{ column: 'name', desc: false }}
          busy={targets.isFetching}
          error={targets.isError ? { title: 'Could not load the storage targets', error: targets.error, onRetry: () => void targets.refetch() } : null}
          empty={<EmptyState className="border-0" icon={HardDrive} title="No storage targets" />}
        />
      </Card>
      {editing && <TargetDialog target={editing === 'new' ? undefined : editing} onClose={() => setEditing(null)} />}
    </>
  )
}
