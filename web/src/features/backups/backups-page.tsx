import * as React from 'react'
import { useSearchParams } from 'react-router'
import { toast } from 'sonner'
import { DatabaseBackup, ListFilter, Plus } from 'lucide-react'
import { Button } from '@/components/ui/button'
import { Card } from '@/components/ui/card'
import { Select, SelectContent, SelectItem, SelectTrigger, SelectValue } from '@/components/ui/select'
import { Skeleton } from '@/components/ui/skeleton'
import { DataTable, type DataTableColumn } from '@/components/data-table'
import { EmptyState } from '@/components/empty-state'
import { PageHeader } from '@/components/page-header'
import { useCurrentUser } from '@/features/auth/current-user'
import { useConnections } from '@/features/connections/api'
import { useEngineInfo } from '@/features/connections/engines'
import { errorMessage } from '@/lib/api'
import { useBackupProgress, useBackups, useCancelBackup } from './api'
import { BackupRow, type BackupAction } from './backup-row'
import { CreateBackupDialog } from './create-backup-dialog'
import { DeleteBackupDialog } from './delete-backup-dialog'
import { RecoveryCard } from './recovery-card'
import { RestoreDialog } from './restore-dialog'
import { VerifyDialog } from './verify-dialog'
import type { BackupView } from './types'

const PAGE_SIZE = 20

const skeleton = <Skeleton className="h-4 w-full max-w-24" />

/** The headers; BackupRow draws the cells (a row has a detail row below it for the failure reason). */
const columns: DataTableColumn<BackupView>[] = [
  {
    id: 'file',
    header: 'File',
    skeleton: (
      <>
        <Skeleton className="h-4 w-56" />
        <Skeleton className="mt-1.5 h-3 w-28" />
      </>
    ),
  },
  { id: 'connection', header: 'Connection', skeleton },
  { id: 'created', header: 'Created', skeleton },
  { id: 'size', header: 'Size', skeleton },
  { id: 'type', header: 'Type', skeleton },
  { id: 'status', header: 'Status', skeleton },
  { id: 'format', header: 'Format', skeleton },
]
const actionsColumn: DataTableColumn<BackupView> = { id: 'actions', header: 'Actions', srOnlyHeader: true, className: 'w-12', skeleton }

export function BackupsPage() {
  const user = useCurrentUser()
  const [params, setParams] = useSearchParams()
  const connectionId = params.get('connection') ?? undefined
  const page = Math.max(0, Number.parseInt(params.get('page') ?? '0', 10) || 0)
  const backups = useBackups({ connectionId, page, size: PAGE_SIZE })
  const connections = useConnections()
  const progress = useBackupProgress(backups.data?.items)
  const cancel = useCancelBackup()

  const [creating, setCreating] = React.useState(() => params.get('new') === '1' && user.canOperate)
  const [verifying, setVerifying] = React.useState<BackupView | null>(null)
  const [restoring, setRestoring] = React.useState<BackupView | null>(null)
  const [deleting, setDeleting] = React.useState<BackupView | null>(null)

  const set = (updates: Record<string, string | null>) =>
    setParams(
      (prev) => {
        const next = new URLSearchParams(prev)
        for (const [k, v] of Object.entries(updates)) {
          if (v == null || v === '' || v === 'ALL') next.delete(k)
          else next.set(k, v)
        }
        if (!('page' in updates)) next.delete('page')
        next.delete('new')
        return next
      },
      { replace: true },
    )

  const { info: engineInfo } = useEngineInfo()
  const colourOf = (b: BackupView) =>
    connections.data?.find((c) => c.id === b.connectionId)?.colour ?? engineInfo(b.engine).defaultColour

  const items = backups.data?.items
  /** The dump size of the newest finished backup of the same connection and kind, to estimate a run's progress. */
  const estimate = (b: BackupView) =>
    items?.find((o) => o.status === 'COMPLETED' && o.connectionId === b.connectionId && o.kind === b.kind && o.rawSize)?.rawSize ??
    null

  const onAction = (action: BackupAction, b: BackupView) => {
    if (action === 'verify') setVerifying(b)
    else if (action === 'restore') setRestoring(b)
    else if (action === 'delete') setDeleting(b)
    else
      cancel.mutate(b, {
        onSuccess: () => toast(`Cancelling the backup of ${b.connectionName}…`),
        onError: (e) => toast.error('Could not cancel the backup', { description: errorMessage(e) }),
      })
  }

  const filterName = connectionId ? connections.data?.find((c) => c.id === connectionId)?.name : undefined
  const data = backups.data
  const createButton = user.canOperate && (
    <Button onClick={() => setCreating(true)} data-testid="create-backup">
      <Plus /> Create backup
    </Button>
  )

  return (
    <>
      <PageHeader
        title="Backups"
        description="Native dumps of your databases, compressed, encrypted and checked — ready to download, verify or restore."
        actions={createButton}
      />

      {connectionId && <RecoveryCard key={connectionId} connectionId={connectionId} canOperate={user.canOperate} />}

      <Card className="gap-0 overflow-hidden py-0">
        <div className="flex flex-wrap items-center gap-3 border-b bg-muted/20 px-4 py-3" role="search" aria-label="Filter backups">
          <Select value={connectionId ?? 'ALL'} onValueChange={(v) => set({ connection: v })}>
            <SelectTrigger size="sm" className="w-64" aria-label="Connection">
              <SelectValue />
            </SelectTrigger>
            <SelectContent>
              <SelectItem value="ALL">All connections</SelectItem>
              {(connections.data ?? [])
                .slice()
                .sort((a, b) => a.name.localeCompare(b.name))
                .map((c) => (
                  <SelectItem key={c.id} value={c.id}>
                    <span className="size-2 shrink-0 rounded-full" style={{ backgroundColor: c.colour }} aria-hidden />
                    {c.name}
                  </SelectItem>
                ))}
            </SelectContent>
          </Select>
          <div className="ml-auto text-sm text-muted-foreground" aria-live="polite">
            {data && `${data.totalElements} ${data.totalElements === 1 ? 'backup' : 'backups'}`}
          </div>
        </div>

        <DataTable
          aria-label="Backups"
          columns={user.canOperate ? [...columns, actionsColumn] : columns}
          rows={data?.items}
          rowKey={(b) => b.id}
          renderRow={(b) => (
            <BackupRow
              backup={b}
              colour={colourOf(b)}
              progress={progress[b.id]}
              estimatedRawSize={b.status === 'IN_PROGRESS' ? estimate(b) : null}
              canOperate={user.canOperate}
              columns={columns.length + (user.canOperate ? 1 : 0)}
              onAction={onAction}
            />
          )}
          skeletonRows={6}
          busy={backups.isFetching}
          error={backups.isError ? { title: 'Could not load backups', error: backups.error, onRetry: () => void backups.refetch() } : null}
          empty={
            data?.totalElements === 0 && (
              <EmptyState
                className="border-0"
                icon={connectionId ? ListFilter : DatabaseBackup}
                title={connectionId ? `No backups of ${filterName ?? 'this connection'} yet` : 'No backups yet'}
                description={
                  user.canOperate
                    ? 'Take a first backup: a native dump, compressed and encrypted, that you can verify and restore from here.'
                    : 'Backups that operators and administrators take appear here.'
                }
                action={
                  <div className="flex gap-2">
                    {connectionId && (
                      <Button variant="outline" onClick={() => set({ connection: null })}>
                        Show all connections
                      </Button>
                    )}
                    {createButton}
                  </div>
                }
              />
            )
          }
          pagination={data && { data, onPage: (next) => set({ page: String(next) }), hideSinglePage: true }}
        />
      </Card>

      {user.canOperate && (
        <>
          <CreateBackupDialog
            open={creating}
            onOpenChange={(open) => {
              setCreating(open)
              if (!open && params.get('new')) set({})
            }}
            defaultConnectionId={connectionId}
            onCreated={(b) => {
              if (page !== 0 || (connectionId && connectionId !== b.connectionId)) set({ page: null, connection: connectionId === b.connectionId ? connectionId : null })
            }}
          />
          <VerifyDialog backup={verifying} onOpenChange={(open) => !open && setVerifying(null)} />
          <RestoreDialog backup={restoring} onOpenChange={(open) => !open && setRestoring(null)} />
          <DeleteBackupDialog backup={deleting} onOpenChange={(open) => !open && setDeleting(null)} />
        </>
      )}
    </>
  )
}
