import * as React from 'react'
import { Controller, useForm, useWatch } from 'react-hook-form'
import { zodResolver } from '@hookform/resolvers/zod'
import { z } from 'zod'
import { toast } from 'sonner'
import { CalendarClock, Trash2 } from 'lucide-react'
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
import { Dialog, DialogContent, DialogDescription, DialogHeader, DialogTitle } from '@/components/ui/dialog'
import { Input } from '@/components/ui/input'
import { Select, SelectContent, SelectItem, SelectTrigger, SelectValue } from '@/components/ui/select'
import { Switch } from '@/components/ui/switch'
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from '@/components/ui/table'
import { Field } from '@/components/field'
import { FormDialogFooter } from '@/components/form-dialog-footer'
import { ApiError, errorMessage } from '@/lib/api'
import { formatDateTime } from '@/lib/format'
import { cronShapeError, formatTables, parseTables } from './maintenance'
import {
  useCreateMaintenanceSchedule,
  useDeleteMaintenanceSchedule,
  useMaintenanceSchedules,
  useUpdateMaintenanceSchedule,
} from './sessions-api'
import {
  OPERATION_LABEL,
  type MaintenanceOffer,
  type MaintenanceOperation,
  type MaintenanceScheduleLastRun,
  type MaintenanceScheduleView,
} from './types'

const localZone = Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC'

const schema = z
  .object({
    operation: z.string().min(1, 'Pick an operation'),
    tables: z.string().max(20_000, 'Too long'),
    cron: z.string().max(200, 'Too long'),
    timeZone: z.string().trim().min(1, 'A time zone such as Europe/Berlin or UTC').max(64, 'Too long'),
  })
  .superRefine((v, ctx) => {
    const problem = cronShapeError(v.cron)
    if (problem) ctx.addIssue({ code: 'custom', path: ['cron'], message: problem })
  })
type Values = z.infer<typeof schema>

function lastRunBadge(run: MaintenanceScheduleLastRun) {
  if (run.outcome === 'STARTED') {
    const status = run.jobStatus ?? 'STARTED'
    const variant = status === 'COMPLETED' ? 'success' : status === 'FAILED' ? 'destructive' : status === 'CANCELLED' ? 'muted' : 'accent'
    return <Badge variant={variant}>{status.toLowerCase()}</Badge>
  }
  return (
    <Badge variant={run.outcome === 'SKIPPED' ? 'warning' : 'destructive'} title={run.reason ?? undefined}>
      {run.outcome.toLowerCase()}
    </Badge>
  )
}

/** The connection's maintenance schedules: listed with their next and last run, switched on and off, deleted. */
export function MaintenanceSchedules({
  connectionId,
  canOperate,
  offers,
}: {
  connectionId: string
  canOperate: boolean
  offers: MaintenanceOffer[]
}) {
  const schedules = useMaintenanceSchedules(connectionId)
  const update = useUpdateMaintenanceSchedule(connectionId)
  const remove = useDeleteMaintenanceSchedule(connectionId)
  const [creating, setCreating] = React.useState(false)
  const [deleting, setDeleting] = React.useState<MaintenanceScheduleView | null>(null)
  const list = schedules.data ?? []

  const toggle = (s: MaintenanceScheduleView, enabled: boolean) =>
    update.mutate(
      { id: s.id, body: { operation: s.operation, tables: s.tables.map((t) => ({ schema: t.schema ?? undefined, name: t.name })), cron: s.cron, timeZone: s.timeZone, enabled } },
      { onError: (e) => toast.error('Could not change the schedule', { description: errorMessage(e) }) },
    )

  return (
    <div className="grid gap-2" data-testid="maintenance-schedules">
      <div className="flex items-center justify-between gap-2">
        <h3 className="text-sm font-medium">Schedules</h3>
        <Button size="sm" variant="outline" onClick={() => setCreating(true)} disabled={!canOperate}>
          <CalendarClock /> Schedule…
        </Button>
      </div>
      {list.length === 0 ? (
        <p className="text-xs text-muted-foreground">{schedules.isLoading ? 'Loading…' : 'No maintenance is scheduled.'}</p>
      ) : (
        <Table>
          <TableHeader>
            <TableRow>
              <TableHead>Operation</TableHead>
              <TableHead>Tables</TableHead>
              <TableHead>When</TableHead>
              <TableHead>Next run</TableHead>
              <TableHead>Last run</TableHead>
              <TableHead>On</TableHead>
              <TableHead className="w-10" />
            </TableRow>
          </TableHeader>
          <TableBody>
            {list.map((s) => (
              <TableRow key={s.id} data-testid="maintenance-schedule-row">
                <TableCell>{OPERATION_LABEL[s.operation]}</TableCell>
                <TableCell className="max-w-48 truncate" title={formatTables(s.tables)}>
                  {formatTables(s.tables)}
                </TableCell>
                <TableCell>
                  <div className="font-mono text-xs">{s.cron}</div>
                  <div className="text-xs text-muted-foreground">
                    {s.description} ({s.timeZone})
                  </div>
                </TableCell>
                <TableCell className="text-xs">{s.enabled ? formatDateTime(s.nextRuns[0]) : 'off'}</TableCell>
                <TableCell className="text-xs">
                  {s.lastRun ? (
                    <div className="grid gap-0.5">
                      <span>{formatDateTime(s.lastRun.at)}</span>
                      <span>{lastRunBadge(s.lastRun)}</span>
                      {s.lastRun.reason && <span className="text-muted-foreground">{s.lastRun.reason}</span>}
                    </div>
                  ) : (
                    'never'
                  )}
                </TableCell>
                <TableCell>
                  <Switch
                    checked={s.enabled}
                    disabled={!canOperate || update.isPending}
                    onCheckedChange={(on) => toggle(s, on)}
                    aria-label={`Schedule ${OPERATION_LABEL[s.operation]} ${s.cron} on`}
                  />
                </TableCell>
                <TableCell>
                  <Button
                    size="icon"
                    variant="ghost"
                    disabled={!canOperate}
                    onClick={() => setDeleting(s)}
                    aria-label={`Delete schedule ${OPERATION_LABEL[s.operation]} ${s.cron}`}
                  >
                    <Trash2 />
                  </Button>
                </TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      )}
      <ScheduleMaintenanceDialog connectionId={connectionId} offers={offers} open={creating} onOpenChange={setCreating} />
      <AlertDialog open={deleting != null} onOpenChange={(open) => !open && setDeleting(null)}>
        <AlertDialogContent>
          <AlertDialogHeader>
            <AlertDialogTitle>Delete this maintenance schedule?</AlertDialogTitle>
            <AlertDialogDescription>
              {deleting ? `${OPERATION_LABEL[deleting.operation]} of ${formatTables(deleting.tables)} at "${deleting.cron}" ` : ''}
              stops running; a job already started finishes.
            </AlertDialogDescription>
          </AlertDialogHeader>
          <AlertDialogFooter>
            <AlertDialogCancel>Keep it</AlertDialogCancel>
            <AlertDialogAction
              variant="destructive"
              onClick={() => {
                if (!deleting) return
                remove.mutate(deleting.id, {
                  onSuccess: () => toast.success('Schedule deleted'),
                  onError: (e) => toast.error('Could not delete the schedule', { description: errorMessage(e) }),
                })
                setDeleting(null)
              }}
            >
              Delete schedule
            </AlertDialogAction>
          </AlertDialogFooter>
        </AlertDialogContent>
      </AlertDialog>
    </div>
  )
}

function ScheduleMaintenanceDialog({
  connectionId,
  offers,
  open,
  onOpenChange,
}: {
  connectionId: string
  offers: MaintenanceOffer[]
  open: boolean
  onOpenChange: (open: boolean) => void
}) {
  return (
    <Dialog open={open} onOpenChange={onOpenChange}>
      <DialogContent className="sm:max-w-lg">
        {open && <ScheduleForm connectionId={connectionId} offers={offers} onDone={() => onOpenChange(false)} />}
      </DialogContent>
    </Dialog>
  )
}

function ScheduleForm({ connectionId, offers, onDone }: { connectionId: string; offers: MaintenanceOffer[]; onDone: () => void }) {
  const create = useCreateMaintenanceSchedule(connectionId)
  const form = useForm<Values>({
    resolver: zodResolver(schema),
    defaultValues: { operation: '', tables: '', cron: '30 3 * * 0', timeZone: localZone },
  })
  const { control, register, formState } = form
  const { errors } = formState
  const operation = useWatch({ control, name: 'operation' })
  const perTable = offers.find((o) => o.operation === operation)?.perTable ?? true
  const [formError, setFormError] = React.useState<string | null>(null)

  const onSubmit = form.handleSubmit((v) => {
    setFormError(null)
    create.mutate(
      {
        operation: v.operation as MaintenanceOperation,
        tables: perTable ? parseTables(v.tables) : [],
        cron: v.cron.trim(),
        timeZone: v.timeZone.trim(),
        enabled: true,
      },
      {
        onSuccess: () => {
          toast.success('Maintenance scheduled')
          onDone()
        },
        onError: (e) => {
          const fields = e instanceof ApiError ? e.fieldErrors : {}
          const known: (keyof Values)[] = ['operation', 'tables', 'cron', 'timeZone']
          const rest: string[] = []
          for (const [field, reason] of Object.entries(fields)) {
            if ((known as string[]).includes(field)) form.setError(field as keyof Values, { type: 'server', message: reason })
            else rest.push(`${field}: ${reason}`)
          }
          if (Object.keys(fields).length === 0 || rest.length) setFormError(rest.length ? rest.join('; ') : errorMessage(e))
        },
      },
    )
  })

  return (
    <form onSubmit={onSubmit} noValidate className="grid gap-4" aria-label="Schedule maintenance">
      <DialogHeader>
        <DialogTitle>Schedule maintenance</DialogTitle>
        <DialogDescription>
          Runs as a background job at the cron&apos;s times, started on your behalf; a run is skipped while the previous one
          still runs.
        </DialogDescription>
      </DialogHeader>
      <Controller
        control={control}
        name="operation"
        render={({ field }) => (
          <Field id="schedule-maintenance-operation" label="Operation" error={errors.operation?.message}>
            <Select value={field.value} onValueChange={field.onChange}>
              <SelectTrigger className="w-full" aria-label="Scheduled operation">
                <SelectValue placeholder="Pick one" />
              </SelectTrigger>
              <SelectContent>
                {offers.map((o) => (
                  <SelectItem key={o.operation} value={o.operation}>
                    {OPERATION_LABEL[o.operation]}
                  </SelectItem>
                ))}
              </SelectContent>
            </Select>
          </Field>
        )}
      />
      <Field
        id="schedule-maintenance-tables"
        label="Tables (comma-separated, schema.table)"
        error={errors.tables?.message}
        hint={perTable ? 'None: every table of the database at each run' : 'This operation always covers the whole database'}
      >
        <Input placeholder={perTable ? 'all tables' : 'whole database'} disabled={!perTable} {...register('tables')} />
      </Field>
      <Field
        id="schedule-maintenance-cron"
        label="Cron"
        error={errors.cron?.message}
        hint="minute hour day-of-month month day-of-week, e.g. 30 3 * * 0 = Sundays at 03:30"
      >
        <Input className="font-mono" autoComplete="off" spellCheck={false} {...register('cron')} />
      </Field>
      <Field id="schedule-maintenance-zone" label="Time zone" error={errors.timeZone?.message}>
        <Input autoComplete="off" {...register('timeZone')} />
      </Field>
      {formError && <p className="text-sm text-destructive">{formError}</p>}
      <FormDialogFooter label="Schedule" icon={CalendarClock} pending={create.isPending} onCancel={onDone} />
    </form>
  )
}
