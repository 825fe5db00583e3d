import * as React from 'react'
import { toast } from 'sonner'
import { Gauge } from 'lucide-react'
import { Field } from '@/components/field'
import { Spinner } from '@/components/spinner'
import { Button } from '@/components/ui/button'
import { Dialog, DialogContent, DialogDescription, DialogFooter, DialogHeader, DialogTitle } from '@/components/ui/dialog'
import { Input } from '@/components/ui/input'
import { ApiError, errorMessage } from '@/lib/api'
import type { UserLimitsView, UserView } from '@/lib/api-types'
import { useSetUserLimits, useUserLimits } from './api'

const text = (n: number | null | undefined) => (n == null ? '' : String(n))

/** A whole number from 1 to 1000, or empty for the default; anything else is an error message. */
export function parseLimit(value: string): number | null | string {
  const v = value.trim()
  if (v === '') return null
  if (!/^\d+$/.test(v) || Number(v) < 1 || Number(v) > 1000) return 'A whole number from 1 to 1000, or empty for the default'
  return Number(v)
}

/** An administrator sets one user's limits (empty: the default of the security settings). */
export function UserLimitsDialog({ user, onClose }: { user: UserView | null; onClose: () => void }) {
  const limits = useUserLimits(user?.id ?? null)
  return (
    <Dialog open={user != null} onOpenChange={(open) => !open && onClose()}>
      <DialogContent>
        <DialogHeader>
          <DialogTitle className="flex items-center gap-2">
            <Gauge className="size-4" /> Limits of {user?.username}
          </DialogTitle>
          <DialogDescription>Empty fields use the defaults of the security settings.</DialogDescription>
        </DialogHeader>
        {user && limits.data ? (
          <LimitsForm key={user.id} user={user} current={limits.data} onClose={onClose} />
        ) : limits.isError ? (
          <p className="text-sm text-destructive">{errorMessage(limits.error)}</p>
        ) : (
          <div className="flex justify-center py-6 text-muted-foreground">
            <Spinner label="Loading" />
          </div>
        )}
      </DialogContent>
    </Dialog>
  )
}

function LimitsForm({ user, current, onClose }: { user: UserView; current: UserLimitsView; onClose: () => void }) {
  const save = useSetUserLimits()
  const [sessions, setSessions] = React.useState(() => text(current.overrides.maxConsoleSessions))
  const [running, setRunning] = React.useState(() => text(current.overrides.maxRunningStatements))
  const [errors, setErrors] = React.useState<Record<string, string>>({})

  const submit = (e: React.FormEvent) => {
    e.preventDefault()
    const s = parseLimit(sessions)
    const r = parseLimit(running)
    const found: Record<string, string> = {}
    if (typeof s === 'string') found.maxConsoleSessions = s
    if (typeof r === 'string') found.maxRunningStatements = r
    setErrors(found)
    if (typeof s === 'string' || typeof r === 'string') return
    save.mutate(
      { id: user.id, body: { maxConsoleSessions: s, maxRunningStatements: r } },
      {
        onSuccess: () => {
          toast.success(`Limits of ${user.username} saved`)
          onClose()
        },
        onError: (err) => {
          if (err instanceof ApiError) setErrors(err.fieldErrors)
          toast.error('Could not save the limits', { description: errorMessage(err) })
        },
      },
    )
  }

  const { effective } = current
  return (
    <form onSubmit={submit} noValidate className="grid gap-4" aria-label="User limits">
      <p className="text-sm text-muted-foreground">
        In force now: {text(effective.maxConsoleSessions) || 'no limit of'} console sessions,{' '}
        {text(effective.maxRunningStatements) || 'no limit of'} running statements.
      </p>
      <div className="grid gap-4 sm:grid-cols-2">
        <Field id="limit-sessions" label="Concurrent console sessions" error={errors.maxConsoleSessions}>
          <Input inputMode="numeric" value={sessions} onChange={(e) => setSessions(e.target.value)} />
        </Field>
        <Field id="limit-running" label="Running statements" error={errors.maxRunningStatements}>
          <Input inputMode="numeric" value={running} onChange={(e) => setRunning(e.target.value)} />
        </Field>
      </div>
      <DialogFooter>
        <Button type="button" variant="ghost" onClick={onClose}>
          Cancel
        </Button>
        <Button type="submit" disabled={save.isPending}>
          {save.isPending && <Spinner />} Save limits
        </Button>
      </DialogFooter>
    </form>
  )
}
