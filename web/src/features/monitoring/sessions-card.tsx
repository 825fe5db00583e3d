import * as React from 'react'
import { useForm } from 'react-hook-form'
import { zodResolver } from '@hookform/resolvers/zod'
import { z } from 'zod'
import { toast } from 'sonner'
import { DataTable, type DataTableColumn } from '@/components/data-table'
import {
  AlertDialog,
  AlertDialogAction,
  AlertDialogCancel,
  AlertDialogContent,
  AlertDialogDescription,
  AlertDialogFooter,
  AlertDialogHeader,
  AlertDialogTitle,
} from '@/components/ui/alert-dialog'
import { Badge } from '@/components/ui/badge'
import { Button } from '@/components/ui/button'
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from '@/components/ui/card'
import { Input } from '@/components/ui/input'
import { Label } from '@/components/ui/label'
import { useRetained } from '@/hooks/use-retained'
import { errorMessage } from '@/lib/api'
import { formatDuration } from '@/lib/format'
import { useCloseIdle, useSessionAction, useSessions } from './sessions-api'
import type { SessionView } from './types'

type Pending = { session: SessionView; action: 'cancel' | 'terminate' }

const closeIdleSchema = z.object({
  idleSeconds: z.coerce.number().int('Whole seconds').min(1, 'At least 1 second').max(2_592_000, 'At most 30 days'),
})
type CloseIdleValues = z.output<typeof closeIdleSchema>

const seconds = (s: number | null | undefined) => (s == null ? '—' : formatDuration(s * 1000))

/** The target's sessions, refreshed every 5 s, with cancel / terminate (confirmed) and close-idle. */
export function SessionsCard({ connectionId, canOperate }: { connectionId: string; canOperate: boolean }) {
  const sessions = useSessions(connectionId, canOperate)
  const [pending, setPending] = React.useState<Pending | null>(null)
  if (!canOperate) return null
  const columns: DataTableColumn<SessionView>[] = [
    { id: 'id', header: 'Session', sortValue: (s) => Number(s.id), cell: (s) => <span className="font-mono text-xs">{s.id}</span> },
    { id: 'user', header: 'User', sortValue: (s) => s.user ?? '', cell: (s) => s.user ?? '—' },
    { id: 'client', header: 'Client', cell: (s) => <span className="text-xs">{s.client ?? '—'}</span> },
    { id: 'database', header: 'Database', cell: (s) => s.database ?? '—' },
    {
      id: 'state',
      header: 'State',
      sortValue: (s) => s.state ?? '',
      cell: (s) => (
        <span className="flex flex-wrap items-center gap-1">
          {s.state ?? '—'}
          {s.steward && <Badge variant="outline">Steward</Badge>}
          {s.blockedBy.length > 0 && <Badge variant="destructive">blocked by {s.blockedBy.join(', ')}</Badge>}
        </span>
      ),
    },
    {
      id: 'duration',
      header: 'Duration',
      sortValue: (s) => (s.idle ? s.stateSeconds : s.querySeconds) ?? -1,
      cell: (s) => (s.idle ? `idle ${seconds(s.stateSeconds)}` : seconds(s.querySeconds)),
    },
    { id: 'wait', header: 'Waiting on', cell: (s) => <span className="text-xs">{s.waitEvent ?? '—'}</span> },
    {
      id: 'query',
      header: 'Query',
      cellClassName: 'max-w-80',
      cell: (s) => (
        <code className="line-clamp-2 text-xs break-all" title={s.query ?? undefined}>
          {s.query ?? ''}
        </code>
      ),
    },
    {
      id: 'actions',
      header: 'Actions',
      srOnlyHeader: true,
      cell: (s) =>
        s.steward ? null : (
          <span className="flex gap-1">
            <Button size="sm" variant="outline" onClick={() => setPending({ session: s, action: 'cancel' })} aria-label={`Cancel session ${s.id}`}>
              Cancel
            </Button>
            <Button size="sm" variant="destructive" onClick={() => setPending({ session: s, action: 'terminate' })} aria-label={`Terminate session ${s.id}`}>
              Terminate
            </Button>
          </span>
        ),
    },
  ]
  return (
    <Card data-testid="sessions-card">
      <CardHeader>
        <CardTitle className="text-sm">Sessions</CardTitle>
        <CardDescription className="text-xs">
          Sessions in this connection’s database. Steward’s own are marked and cannot be ended.
        </CardDescription>
      </CardHeader>
      <CardContent className="grid gap-4">
        <CloseIdleForm connectionId={connectionId} />
        <DataTable
          aria-label="Sessions"
          columns={columns}
          rows={sessions.data}
          rowKey={(s) => s.id}
          rowProps={(s) => ({ 'data-session': s.id })}
          defaultSort={{ column: 'duration', desc: true }}
          empty={<p className="py-6 text-center text-sm text-muted-foreground">No sessions.</p>}
          error={sessions.error ? { title: 'Could not list the sessions', error: sessions.error, onRetry: () => void sessions.refetch() } : null}
          busy={sessions.isFetching}
        />
      </CardContent>
      <ConfirmSession connectionId={connectionId} pending={pending} onDone={() => setPending(null)} />
    </Card>
  )
}

function ConfirmSession({ connectionId, pending, onDone }: { connectionId: string; pending: Pending | null; onDone: () => void }) {
  const act = useSessionAction(connectionId)
  const shown = useRetained(pending)
  const confirm = () => {
    if (!pending) return
    const { session, action } = pending
    act.mutate(
      { id: session.id, action },
      {
        onSuccess: () => toast.success(action === 'cancel' ? `Cancelled the statement of session ${session.id}` : `Ended session ${session.id}`),
        onError: (e) => toast.error(`Could not ${action} session ${session.id}`, { description: errorMessage(e) }),
      },
    )
  }
  return (
    <AlertDialog open={pending != null} onOpenChange={(open) => !open && onDone()}>
      <AlertDialogContent>
        <AlertDialogHeader>
          <AlertDialogTitle>
            {shown?.action === 'cancel' ? 'Cancel the running statement' : 'Terminate the session'} {shown?.session.id}?
          </AlertDialogTitle>
          <AlertDialogDescription>
            {shown?.action === 'cancel'
              ? 'The statement stops with an error for its client; the session stays connected.'
              : 'The session is disconnected and its open transaction rolled back.'}{' '}
            {shown?.session.user ? `User ${shown.session.user}` : ''}
            {shown?.session.client ? ` from ${shown.session.client}` : ''}.
          </AlertDialogDescription>
        </AlertDialogHeader>
        <AlertDialogFooter>
          <AlertDialogCancel>Keep it</AlertDialogCancel>
          <AlertDialogAction variant="destructive" onClick={confirm}>
            {shown?.action === 'cancel' ? 'Cancel statement' : 'Terminate session'}
          </AlertDialogAction>
        </AlertDialogFooter>
      </AlertDialogContent>
    </AlertDialog>
  )
}

function CloseIdleForm({ connectionId }: { connectionId: string }) {
  const closeIdle = useCloseIdle(connectionId)
  const [confirming, setConfirming] = React.useState<number | null>(null)
  const form = useForm<z.input<typeof closeIdleSchema>, unknown, CloseIdleValues>({
    resolver: zodResolver(closeIdleSchema),
    defaultValues: { idleSeconds: 600 },
  })
  const onSubmit = form.handleSubmit((values) => setConfirming(values.idleSeconds))
  const confirm = () => {
    if (confirming == null) return
    closeIdle.mutate(confirming, {
      onSuccess: (r) => toast.success(r.closed.length === 0 ? 'No idle session was old enough' : `Ended ${r.closed.length} idle session(s)`),
      onError: (e) => toast.error('Could not close idle sessions', { description: errorMessage(e) }),
    })
  }
  const error = form.formState.errors.idleSeconds?.message
  return (
    <form onSubmit={onSubmit} className="flex flex-wrap items-end gap-2" noValidate>
      <div className="grid gap-1">
        <Label htmlFor="idle-seconds">Close sessions idle for at least (seconds)</Label>
        <Input id="idle-seconds" type="number" min={1} className="w-40" aria-invalid={!!error} {...form.register('idleSeconds')} />
        {error && <p className="text-xs text-destructive">{error}</p>}
      </div>
      <Button type="submit" variant="outline" disabled={closeIdle.isPending}>
        Close idle sessions
      </Button>
      <AlertDialog open={confirming != null} onOpenChange={(open) => !open && setConfirming(null)}>
        <AlertDialogContent>
          <AlertDialogHeader>
            <AlertDialogTitle>Close idle sessions?</AlertDialogTitle>
            <AlertDialogDescription>
              Every session idle (outside a transaction) for at least {confirming} s is disconnected. Steward’s own are kept.
            </AlertDialogDescription>
          </AlertDialogHeader>
          <AlertDialogFooter>
            <AlertDialogCancel>Keep them</AlertDialogCancel>
            <AlertDialogAction variant="destructive" onClick={confirm}>
              Close idle sessions
            </AlertDialogAction>
          </AlertDialogFooter>
        </AlertDialogContent>
      </AlertDialog>
    </form>
  )
}
