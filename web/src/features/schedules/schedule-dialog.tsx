import * as React from 'react'
import { toast } from 'sonner'
import { CalendarClock } from 'lucide-react'
import { Alert, AlertDescription } from '@/components/ui/alert'
import { Checkbox } from '@/components/ui/checkbox'
import { Dialog, DialogContent, DialogDescription, DialogHeader, DialogTitle } from '@/components/ui/dialog'
import { Input } from '@/components/ui/input'
import { Label } from '@/components/ui/label'
import { Select, SelectContent, SelectItem, SelectTrigger, SelectValue } from '@/components/ui/select'
import { Switch } from '@/components/ui/switch'
import { Field } from '@/components/field'
import { FormDialogFooter } from '@/components/form-dialog-footer'
import { useConnections } from '@/features/connections/api'
import { useDatabases } from '@/features/catalog/api'
import { useStorageTargets } from '@/features/backups/api'
import { ApiError, errorMessage } from '@/lib/api'
import { useSaveSchedule, useTimingPreview } from './api'
import { RetentionPreviewList } from './retention-preview'
import { days, timingLabels, type DatabaseMode, type DayOfWeek, type Retention, type ScheduleView, type Timing, type TimingType } from './types'
import { useDebounced } from './use-debounced'

const localZone = Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC'

const retentionFields: { key: keyof Retention; label: string }[] = [
  { key: 'keepLast', label: 'Keep last' },
  { key: 'keepDays', label: 'Keep days' },
  { key: 'gfsDays', label: 'Daily' },
  { key: 'gfsWeeks', label: 'Weekly' },
  { key: 'gfsMonths', label: 'Monthly' },
  { key: 'gfsYears', label: 'Yearly' },
  { key: 'minimum', label: 'Minimum' },
]

function int(text: string): number | null {
  return /^\d+$/.test(text.trim()) ? Number(text.trim()) : null
}

export function ScheduleDialog({
  open,
  onOpenChange,
  schedule,
}: {
  open: boolean
  onOpenChange: (open: boolean) => void
  schedule: ScheduleView | null
}) {
  return (
    <Dialog open={open} onOpenChange={onOpenChange}>
      <DialogContent className="max-h-[90dvh] overflow-y-auto sm:max-w-2xl">
        {open && <ScheduleForm schedule={schedule} onDone={() => onOpenChange(false)} />}
      </DialogContent>
    </Dialog>
  )
}

function ScheduleForm({ schedule, onDone }: { schedule: ScheduleView | null; onDone: () => void }) {
  const connections = useConnections()
  const targets = useStorageTargets()
  const save = useSaveSchedule()
  const [name, setName] = React.useState(schedule?.name ?? '')
  const [connectionId, setConnectionId] = React.useState(schedule?.connectionId ?? '')
  const [type, setType] = React.useState<TimingType>(schedule?.timing.type ?? 'DAILY')
  const [minute, setMinute] = React.useState(String(schedule?.timing.minute ?? 0))
  const [hour, setHour] = React.useState(String(schedule?.timing.hour ?? 2))
  const [dayOfWeek, setDayOfWeek] = React.useState<DayOfWeek>(schedule?.timing.dayOfWeek ?? 'SUNDAY')
  const [dayOfMonth, setDayOfMonth] = React.useState(String(schedule?.timing.dayOfMonth ?? 1))
  const [cron, setCron] = React.useState(schedule?.timing.cron ?? '0 */6 * * *')
  const [timeZone, setTimeZone] = React.useState(schedule?.timeZone ?? localZone)
  const [chosenTargets, setChosenTargets] = React.useState<string[]>(schedule?.targets ?? ['local'])
  const [encrypted, setEncrypted] = React.useState(schedule?.encrypted ?? true)
  const [enabled, setEnabled] = React.useState(schedule?.enabled ?? true)
  const [verifyAfter, setVerifyAfter] = React.useState(schedule?.verifyAfter ?? false)
  const [testRestoreCron, setTestRestoreCron] = React.useState(schedule?.testRestoreCron ?? '')
  // '' = the schedule's own connection
  const [testRestoreConnectionId, setTestRestoreConnectionId] = React.useState(schedule?.testRestoreConnectionId ?? '')
  const [retention, setRetention] = React.useState<Record<string, string>>(() =>
    Object.fromEntries(retentionFields.map((f) => [f.key, schedule?.retention[f.key] == null ? '' : String(schedule.retention[f.key])])),
  )
  const [databaseMode, setDatabaseMode] = React.useState<DatabaseMode>(schedule?.databaseMode ?? 'DEFAULT')
  const [chosenDatabases, setChosenDatabases] = React.useState<string[]>(schedule?.databases ?? [])
  const [fieldErrors, setFieldErrors] = React.useState<Record<string, string>>({})
  const [formError, setFormError] = React.useState<string | null>(null)

  const timing: Timing = {
    type,
    minute: type === 'CRON' ? null : int(minute),
    hour: type === 'CRON' || type === 'HOURLY' ? null : int(hour),
    dayOfWeek: type === 'WEEKLY' ? dayOfWeek : null,
    dayOfMonth: type === 'MONTHLY' ? int(dayOfMonth) : null,
    cron: type === 'CRON' ? cron : null,
  }
  // ask the server once the user stopped typing for a moment
  const settled = useDebounced(JSON.stringify({ timing, timeZone }), 350)
  const preview = useTimingPreview(JSON.parse(settled) as { timing: Timing; timeZone: string })
  const previewError = preview.error instanceof ApiError ? Object.values(preview.error.fieldErrors)[0] ?? preview.error.detail : null

  const active = (connections.data ?? []).filter((c) => c.active).sort((a, b) => a.name.localeCompare(b.name))
  const sourceEngine = active.find((c) => c.id === connectionId)?.engine
  // a test restore goes to a server of the same engine; the server refuses connections the user may not write to
  const restoreServers = active.filter((c) => c.engine === sourceEngine && c.id !== connectionId)
  // the server's databases as the catalog lists them for this connection (only its own one when it is limited to that)
  const databases = useDatabases(connectionId || undefined)

  const submit = (e: React.FormEvent) => {
    e.preventDefault()
    setFormError(null)
    setFieldErrors({})
    const body = {
      name,
      connectionId,
      timing,
      timeZone,
      targets: chosenTargets,
      encrypted,
      enabled,
      verifyAfter,
      testRestoreCron: testRestoreCron.trim() || null,
      testRestoreConnectionId: testRestoreConnectionId && testRestoreConnectionId !== connectionId ? testRestoreConnectionId : null,
      retention: Object.fromEntries(retentionFields.map((f) => [f.key, int(retention[f.key] ?? '')])),
      databaseMode,
      databases: databaseMode === 'LIST' ? chosenDatabases : [],
    }
    save.mutate(
      { id: schedule?.id, body },
      {
        onSuccess: (saved) => {
          toast.success(schedule ? 'Schedule saved' : 'Schedule created', { description: saved.description })
          onDone()
        },
        onError: (err) => {
          if (err instanceof ApiError && Object.keys(err.fieldErrors).length) setFieldErrors(err.fieldErrors)
          else setFormError(errorMessage(err))
        },
      },
    )
  }

  return (
    <form onSubmit={submit} className="grid gap-4" aria-label="Schedule">
      <DialogHeader>
        <DialogTitle>{schedule ? `Edit ${schedule.name}` : 'New schedule'}</DialogTitle>
        <DialogDescription>Backups that run by themselves, at a preset time or on a cron expression.</DialogDescription>
      </DialogHeader>
      {formError && (
        <Alert variant="destructive">
          <AlertDescription>{formError}</AlertDescription>
        </Alert>
      )}
      <div className="grid gap-4 sm:grid-cols-2">
        <Field id="schedule-name" label="Name" error={fieldErrors.name}>
          <Input value={name} onChange={(e) => setName(e.target.value)} maxLength={100} required />
        </Field>
        <Field id="schedule-connection" label="Connection" error={fieldErrors.connectionId}>
          <Select
            value={connectionId}
            onValueChange={(v) => {
              setConnectionId(v)
              setChosenDatabases([])
            }}
          >
            <SelectTrigger aria-label="Connection" className="w-full min-w-0 [&>span]:truncate">
              <SelectValue placeholder="Pick a connection" />
            </SelectTrigger>
            <SelectContent>
              {active.map((c) => (
                <SelectItem key={c.id} value={c.id}>
                  {c.name}
                </SelectItem>
              ))}
            </SelectContent>
          </Select>
        </Field>
        <Field id="schedule-timing" label="When">
          <Select value={type} onValueChange={(v) => setType(v as TimingType)}>
            <SelectTrigger aria-label="When">
              <SelectValue />
            </SelectTrigger>
            <SelectContent>
              {(Object.keys(timingLabels) as TimingType[]).map((t) => (
                <SelectItem key={t} value={t}>
                  {timingLabels[t]}
                </SelectItem>
              ))}
            </SelectContent>
          </Select>
        </Field>
        <Field id="schedule-zone" label="Time zone" error={fieldErrors.timeZone}>
          <Input value={timeZone} onChange={(e) => setTimeZone(e.target.value)} maxLength={64} />
        </Field>
        {type === 'CRON' ? (
          <Field
            id="schedule-cron"
            label="Cron expression"
            className="sm:col-span-2"
            error={fieldErrors['timing.cron'] ?? previewError ?? undefined}
            hint="5 fields as Unix cron (0 */6 * * *), or 6/7 as Quartz with seconds first"
          >
            <Input value={cron} onChange={(e) => setCron(e.target.value)} maxLength={200} className="font-mono" />
          </Field>
        ) : (
          <div className="grid grid-cols-3 gap-3 sm:col-span-2">
            {type === 'WEEKLY' && (
              <Field id="schedule-day" label="Day">
                <Select value={dayOfWeek} onValueChange={(v) => setDayOfWeek(v as DayOfWeek)}>
                  <SelectTrigger aria-label="Day">
                    <SelectValue />
                  </SelectTrigger>
                  <SelectContent>
                    {days.map((d) => (
                      <SelectItem key={d} value={d}>
                        {d[0] + d.slice(1).toLowerCase()}
                      </SelectItem>
                    ))}
                  </SelectContent>
                </Select>
              </Field>
            )}
            {type === 'MONTHLY' && (
              <Field id="schedule-dom" label="Day of month" error={fieldErrors['timing.dayOfMonth']}>
                <Input inputMode="numeric" value={dayOfMonth} onChange={(e) => setDayOfMonth(e.target.value)} />
              </Field>
            )}
            {type !== 'HOURLY' && (
              <Field id="schedule-hour" label="Hour" error={fieldErrors['timing.hour']}>
                <Input inputMode="numeric" value={hour} onChange={(e) => setHour(e.target.value)} />
              </Field>
            )}
            <Field id="schedule-minute" label="Minute" error={fieldErrors['timing.minute']}>
              <Input inputMode="numeric" value={minute} onChange={(e) => setMinute(e.target.value)} />
            </Field>
          </div>
        )}
      </div>

      <section aria-label="Next runs" className="rounded-md border bg-muted/30 p-3 text-sm" data-testid="timing-preview">
        {previewError ? (
          <p className="text-destructive">{previewError}</p>
        ) : preview.data ? (
          <>
            <p className="font-medium" data-testid="timing-description">{preview.data.description}</p>
            <ol className="mt-1 grid gap-0.5 font-mono text-xs text-muted-foreground" data-testid="next-fire-times">
              {preview.data.nextFireTimes.map((t) => (
                <li key={t}>{t}</li>
              ))}
            </ol>
          </>
        ) : (
          <p className="text-muted-foreground">Working out the next runs…</p>
        )}
      </section>

      <fieldset className="grid gap-2" aria-label="Databases">
        <legend className="mb-1 text-sm font-medium">Databases</legend>
        <Select value={databaseMode} onValueChange={(v) => setDatabaseMode(v as DatabaseMode)}>
          <SelectTrigger aria-label="Databases to back up" className="w-full min-w-0 sm:w-80">
            <SelectValue />
          </SelectTrigger>
          <SelectContent>
            <SelectItem value="DEFAULT">The connection&apos;s own database</SelectItem>
            <SelectItem value="LIST">Databases I pick</SelectItem>
            <SelectItem value="ALL">All databases (system ones left out; capped per run)</SelectItem>
          </SelectContent>
        </Select>
        {databaseMode === 'LIST' && (
          <div className="flex max-h-32 flex-wrap gap-x-4 gap-y-2 overflow-y-auto" data-testid="schedule-database-list">
            {databases.isPending && connectionId && <span className="text-xs text-muted-foreground">Reading the server&apos;s databases…</span>}
            {databases.isError && <span className="text-xs text-destructive">{errorMessage(databases.error)}</span>}
            {(databases.data ?? []).map((d) => (
              <Label key={d.name} className="flex items-center gap-2 font-normal">
                <Checkbox
                  checked={chosenDatabases.includes(d.name)}
                  onCheckedChange={(on) => setChosenDatabases((list) => (on ? [...list, d.name] : list.filter((x) => x !== d.name)))}
                  aria-label={`Back up ${d.name}`}
                />
                {d.name}
              </Label>
            ))}
          </div>
        )}
        <p className="text-xs text-muted-foreground">
          Each run makes one backup per database; &ldquo;all&rdquo; is read from the server when the schedule fires.
        </p>
        {(fieldErrors.databases ?? fieldErrors.databaseMode) && (
          <p className="text-xs font-medium text-destructive">{fieldErrors.databases ?? fieldErrors.databaseMode}</p>
        )}
      </fieldset>

      <fieldset className="grid gap-2">
        <legend className="mb-1 text-sm font-medium">Storage targets</legend>
        <div className="flex flex-wrap gap-4">
          {(targets.data ?? [{ id: 'local', name: 'local' }]).map((t) => (
            <Label key={t.id} className="flex items-center gap-2 font-normal">
              <Checkbox
                checked={chosenTargets.includes(t.id)}
                onCheckedChange={(on) => setChosenTargets((list) => (on ? [...list, t.id] : list.filter((x) => x !== t.id)))}
                aria-label={`Store on ${t.name}`}
              />
              {t.name}
            </Label>
          ))}
        </div>
        {fieldErrors.targets && <p className="text-xs font-medium text-destructive">{fieldErrors.targets}</p>}
      </fieldset>

      <fieldset className="grid gap-2">
        <legend className="mb-1 text-sm font-medium">Retention (empty: keep everything)</legend>
        <div className="grid grid-cols-4 gap-3 sm:grid-cols-7">
          {retentionFields.map((f) => (
            <Field key={f.key} id={`retention-${f.key}`} label={f.label} error={fieldErrors[`retention.${f.key}`]}>
              <Input
                inputMode="numeric"
                value={retention[f.key] ?? ''}
                onChange={(e) => setRetention((r) => ({ ...r, [f.key]: e.target.value }))}
              />
            </Field>
          ))}
        </div>
        <p className="text-xs text-muted-foreground">
          A backup kept by any rule stays, per database; the newest good backup of each database is never deleted.
        </p>
        {schedule && <RetentionPreviewList scheduleId={schedule.id} />}
      </fieldset>

      <div className="grid gap-3 sm:grid-cols-2">
        <Label className="flex items-center gap-2 font-normal">
          <Switch checked={enabled} onCheckedChange={setEnabled} aria-label="Enabled" /> Enabled
        </Label>
        <Label className="flex items-center gap-2 font-normal">
          <Switch checked={encrypted} onCheckedChange={setEncrypted} aria-label="Encrypted" /> Encrypted
        </Label>
        <Label className="flex items-center gap-2 font-normal">
          <Switch checked={verifyAfter} onCheckedChange={setVerifyAfter} aria-label="Verify every new backup" /> Verify
          every new backup
        </Label>
        <Field id="schedule-test-restore" label="Test restore (cron, optional)" error={fieldErrors.testRestoreCron}>
          <Input value={testRestoreCron} onChange={(e) => setTestRestoreCron(e.target.value)} className="font-mono" placeholder="0 4 * * SUN" />
        </Field>
        <Field id="schedule-test-restore-connection" label="Test restore on" error={fieldErrors.testRestoreConnectionId}>
          <Select
            value={testRestoreConnectionId && testRestoreConnectionId !== connectionId ? testRestoreConnectionId : 'own'}
            onValueChange={(v) => setTestRestoreConnectionId(v === 'own' ? '' : v)}
          >
            <SelectTrigger aria-label="Test restore on" className="w-full min-w-0 [&>span]:truncate">
              <SelectValue />
            </SelectTrigger>
            <SelectContent>
              <SelectItem value="own">The schedule&apos;s connection (a scratch database there)</SelectItem>
              {restoreServers.map((c) => (
                <SelectItem key={c.id} value={c.id}>
                  {c.name}
                </SelectItem>
              ))}
            </SelectContent>
          </Select>
        </Field>
      </div>
      <FormDialogFooter label={schedule ? 'Save' : 'Create schedule'} icon={CalendarClock} pending={save.isPending} onCancel={onDone} />
    </form>
  )
}
