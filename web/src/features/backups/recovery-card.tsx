import * as React from 'react'
import { toast } from 'sonner'
import { History } from 'lucide-react'
import { Badge } from '@/components/ui/badge'
import { Button } from '@/components/ui/button'
import { Card } from '@/components/ui/card'
import { Input } from '@/components/ui/input'
import { Label } from '@/components/ui/label'
import { Select, SelectContent, SelectItem, SelectTrigger, SelectValue } from '@/components/ui/select'
import { errorMessage } from '@/lib/api'
import { formatBytes, formatDateTime } from '@/lib/format'
import {
  type RecoveryTarget,
  useCreateRestorePoint,
  useEnableRecovery,
  useRecoveryStatus,
  useRemoveRestoredInstance,
  useRestoreToPoint,
} from './recovery-api'

const stateVariant = { RUNNING: 'success', STARTING: 'accent', STOPPED: 'muted', FAILED: 'destructive' } as const

/** Point-in-time recovery of one connection: archiver, recoverable window, restore points, restore to a moment. */
export function RecoveryCard({ connectionId, canOperate }: { connectionId: string; canOperate: boolean }) {
  const status = useRecoveryStatus(connectionId)
  const enable = useEnableRecovery(connectionId)
  const s = status.data
  if (!s) return null
  const state = s.archiver ?? 'STOPPED'
  return (
    <Card className="gap-3 px-4 py-4" aria-label="Point-in-time recovery" data-testid="recovery-card">
      <div className="flex flex-wrap items-center gap-2">
        <History className="size-4 text-muted-foreground" aria-hidden />
        <h2 className="font-medium">Point-in-time recovery</h2>
        {s.enabled ? (
          <Badge variant={stateVariant[state]}>Archiver {state.toLowerCase()}</Badge>
        ) : (
          <Badge variant="muted">Not enabled</Badge>
        )}
        {!s.enabled && canOperate && (
          <Button
            size="sm"
            className="ml-auto"
            disabled={enable.isPending}
            onClick={() =>
              enable.mutate(undefined, {
                onSuccess: () => toast.success('WAL archiving started; the first base backup is running'),
                onError: (e) => toast.error('Could not enable point-in-time recovery', { description: errorMessage(e) }),
              })
            }
          >
            Enable
          </Button>
        )}
      </div>
      {s.enabled && (
        <dl className="grid grid-cols-[max-content_1fr] gap-x-6 gap-y-1 text-sm">
          <dt className="text-muted-foreground">Recoverable window</dt>
          <dd data-testid="recovery-window">
            {s.window ? `${formatDateTime(s.window.from)} – ${formatDateTime(s.window.to)}` : 'None yet: waiting for a base backup and its WAL'}
          </dd>
          <dt className="text-muted-foreground">Last WAL segment</dt>
          <dd className="font-mono text-xs">{s.lastSegment ? `${s.lastSegment} · ${formatDateTime(s.lastSegmentAt)}` : '—'}</dd>
          <dt className="text-muted-foreground">Slot holds</dt>
          <dd>{s.slotRetainedBytes != null ? formatBytes(s.slotRetainedBytes) : 'unknown'}</dd>
          <dt className="text-muted-foreground">Base backups</dt>
          <dd>{(s.baseBackups ?? []).filter((b) => b.status === 'COMPLETED').length} completed</dd>
          {s.reason && (
            <>
              <dt className="text-muted-foreground">Archiver</dt>
              <dd className="text-destructive">{s.reason}</dd>
            </>
          )}
          {s.gap && (
            <>
              <dt className="text-muted-foreground">Gap</dt>
              <dd className="text-destructive">{s.gap}</dd>
            </>
          )}
        </dl>
      )}
      {s.enabled && canOperate && <RecoveryActions connectionId={connectionId} restorePoints={(s.restorePoints ?? []).map((p) => p.name ?? '')} hasWindow={s.window != null} />}
      {(s.restoredInstances ?? []).length > 0 && <RestoredInstances connectionId={connectionId} instances={s.restoredInstances ?? []} canOperate={canOperate} />}
    </Card>
  )
}

function RecoveryActions({ connectionId, restorePoints, hasWindow }: { connectionId: string; restorePoints: string[]; hasWindow: boolean }) {
  const createPoint = useCreateRestorePoint(connectionId)
  const restore = useRestoreToPoint(connectionId)
  const [pointName, setPointName] = React.useState('')
  const [kind, setKind] = React.useState<'latest' | 'time' | 'restorePoint'>('latest')
  const [time, setTime] = React.useState('')
  const [point, setPoint] = React.useState('')

  const target = (): RecoveryTarget =>
    kind === 'latest' ? { latest: true } : kind === 'time' ? { time: new Date(time).toISOString() } : { restorePoint: point }

  return (
    <div className="flex flex-wrap items-end gap-4 border-t pt-3">
      <form
        className="flex items-end gap-2"
        onSubmit={(e) => {
          e.preventDefault()
          createPoint.mutate(pointName.trim(), {
            onSuccess: () => {
              toast.success(`Restore point “${pointName.trim()}” set`)
              setPointName('')
            },
            onError: (err) => toast.error('Could not set the restore point', { description: errorMessage(err) }),
          })
        }}
      >
        <div className="grid gap-1">
          <Label htmlFor="restore-point-name">Restore point</Label>
          <Input id="restore-point-name" value={pointName} maxLength={63} placeholder="before deployment" onChange={(e) => setPointName(e.target.value)} />
        </div>
        <Button type="submit" variant="outline" disabled={!pointName.trim() || createPoint.isPending}>
          Create restore point
        </Button>
      </form>
      <form
        className="flex items-end gap-2"
        onSubmit={(e) => {
          e.preventDefault()
          restore.mutate(target(), {
            onSuccess: (job) => toast.success('Restore started', { description: `Job ${job.id}: a new restored instance will appear below` }),
            onError: (err) => toast.error('Could not start the restore', { description: errorMessage(err) }),
          })
        }}
      >
        <div className="grid gap-1">
          <Label htmlFor="restore-kind">Restore to</Label>
          <Select value={kind} onValueChange={(v) => setKind(v as typeof kind)}>
            <SelectTrigger id="restore-kind" size="sm" className="w-44">
              <SelectValue />
            </SelectTrigger>
            <SelectContent>
              <SelectItem value="latest">Latest</SelectItem>
              <SelectItem value="time">A moment</SelectItem>
              <SelectItem value="restorePoint" disabled={restorePoints.length === 0}>
                A restore point
              </SelectItem>
            </SelectContent>
          </Select>
        </div>
        {kind === 'time' && (
          <Input aria-label="Moment" type="datetime-local" step="1" className="w-56" value={time} onChange={(e) => setTime(e.target.value)} />
        )}
        {kind === 'restorePoint' && (
          <Select value={point} onValueChange={setPoint}>
            <SelectTrigger size="sm" className="w-48" aria-label="Restore point name">
              <SelectValue placeholder="Choose…" />
            </SelectTrigger>
            <SelectContent>
              {restorePoints.map((p) => (
                <SelectItem key={p} value={p}>
                  {p}
                </SelectItem>
              ))}
            </SelectContent>
          </Select>
        )}
        <Button type="submit" disabled={!hasWindow || restore.isPending || (kind === 'time' && !time) || (kind === 'restorePoint' && !point)}>
          Restore
        </Button>
      </form>
    </div>
  )
}

type Instance = NonNullable<import('./recovery-api').RecoveryStatus['restoredInstances']>[number]

function RestoredInstances({ connectionId, instances, canOperate }: { connectionId: string; instances: Instance[]; canOperate: boolean }) {
  const remove = useRemoveRestoredInstance(connectionId)
  return (
    <div className="border-t pt-3 text-sm">
      <h3 className="mb-1 font-medium">Restored instances</h3>
      <ul className="grid gap-1">
        {instances.map((i) => (
          <li key={i.connectionId} className="flex flex-wrap items-center gap-2">
            <span>
              Port {i.port} · {i.target} · reached {i.reachedLsn ?? '?'} · {formatDateTime(i.createdAt)}
            </span>
            <Badge variant={i.running ? 'success' : 'muted'}>{i.running ? 'running' : 'stopped'}</Badge>
            {canOperate && (
              <Button
                size="sm"
                variant="outline"
                disabled={remove.isPending}
                onClick={() =>
                  remove.mutate(i.connectionId ?? '', {
                    onSuccess: () => toast.success('Restored instance stopped and removed'),
                    onError: (e) => toast.error('Could not remove the restored instance', { description: errorMessage(e) }),
                  })
                }
              >
                Stop and remove
              </Button>
            )}
          </li>
        ))}
      </ul>
    </div>
  )
}
