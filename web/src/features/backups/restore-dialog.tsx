import * as React from 'react'
import { Controller, useForm, useWatch } from 'react-hook-form'
import { zodResolver } from '@hookform/resolvers/zod'
import { z } from 'zod'
import { toast } from 'sonner'
import { ArchiveRestore, CircleAlert, CircleCheck, DatabaseZap, TriangleAlert } from 'lucide-react'
import { Alert, AlertDescription, AlertTitle } from '@/components/ui/alert'
import { Badge } from '@/components/ui/badge'
import { Button } from '@/components/ui/button'
import { Checkbox } from '@/components/ui/checkbox'
import { Dialog, DialogContent, DialogDescription, DialogFooter, DialogHeader, DialogTitle } from '@/components/ui/dialog'
import { Input } from '@/components/ui/input'
import { Label } from '@/components/ui/label'
import { Select, SelectContent, SelectItem, SelectTrigger, SelectValue } from '@/components/ui/select'
import { Skeleton } from '@/components/ui/skeleton'
import { Switch } from '@/components/ui/switch'
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from '@/components/ui/table'
import { Field } from '@/components/field'
import { Spinner } from '@/components/spinner'
import { useRetained } from '@/hooks/use-retained'
import { useConnections } from '@/features/connections/api'
import { useEngineInfo } from '@/features/connections/engines'
import { ApiError, errorMessage } from '@/lib/api'
import type { ConnectionView } from '@/lib/api-types'
import { formatBytes, formatCount, formatDateTime, formatDuration } from '@/lib/format'
import { useCancelJob, useJobProgress } from '@/features/jobs/api'
import { REFUSAL_REASONS, reasonLabels } from '@/features/jobs/format'
import { JobProgressBar } from '@/features/jobs/job-progress'
import { isFinished, type JobView } from '@/features/jobs/types'
import { useBackup, useRestoreBackup, useRestoreResult } from './api'
import { DATABASE_NAME, kindLabels } from './format'
import type { BackupView, DumpKind, RestoreResult, TableRows } from './types'

const schema = z
  .object({
    targetConnectionId: z.string().min(1, 'Pick where to restore'),
    newDatabase: z.boolean(),
    database: z.string().trim().min(1, 'Name the target database'),
    clean: z.boolean(),
    jobs: z.string().trim(),
    confirm: z.string(),
  })
  .superRefine((v, ctx) => {
    if (v.database && !DATABASE_NAME.test(v.database))
      ctx.addIssue({
        code: 'custom',
        path: ['database'],
        message: 'Up to 63 letters, digits, _ . $ - (starting with a letter, digit or _)',
      })
    const jobs = Number(v.jobs)
    if (!/^\d+$/.test(v.jobs) || jobs < 1 || jobs > 16) ctx.addIssue({ code: 'custom', path: ['jobs'], message: '1 to 16' })
    if (v.confirm.trim() !== v.database)
      ctx.addIssue({ code: 'custom', path: ['confirm'], message: 'Type the target database’s name exactly' })
  })

type Values = z.infer<typeof schema>

function baseName(path: string | null | undefined) {
  return path ? (path.split('/').pop() ?? path) : ''
}

/** The database a connection points at (a file-based engine's: its file name), which a restore without a new database replaces. */
function ownDatabase(c: ConnectionView | undefined) {
  if (!c) return ''
  return c.filePath ? baseName(c.filePath) : (c.database ?? '')
}

/** A fresh name beside the source's: chinook_restored_20250114_0930 (SQLite: chinook-restored-….sqlite). */
function suggestName(source: ConnectionView | undefined, target: ConnectionView | undefined, backup: BackupView, fileBased: boolean) {
  const d = new Date()
  const p = (n: number) => String(n).padStart(2, '0')
  const stamp = `${d.getFullYear()}${p(d.getMonth() + 1)}${p(d.getDate())}_${p(d.getHours())}${p(d.getMinutes())}`
  if (fileBased) {
    const file = ownDatabase(target) || ownDatabase(source) || 'restored.db'
    const dot = file.lastIndexOf('.')
    const stem = (dot > 0 ? file.slice(0, dot) : file).replace(/[^A-Za-z0-9_.-]+/g, '-')
    const ext = dot > 0 ? file.slice(dot) : '.db'
    return `${stem}-restored-${stamp.replace('_', '-')}${ext}`.slice(0, 63)
  }
  const base = (backup.database || ownDatabase(source) || backup.connectionName).toLowerCase().replace(/[^a-z0-9_]+/g, '_').replace(/^_+|_+$/g, '') || 'restored'
  const suffix = `_restored_${stamp}`
  return base.slice(0, 63 - suffix.length) + suffix
}

export function RestoreDialog({ backup, onOpenChange }: { backup: BackupView | null; onOpenChange: (open: boolean) => void }) {
  const b = useRetained(backup)
  return (
    <Dialog open={backup != null} onOpenChange={onOpenChange}>
      <DialogContent className="gap-0 p-0 sm:max-w-2xl">
        {b && <RestoreForm key={b.id} backup={b} onClose={() => onOpenChange(false)} />}
      </DialogContent>
    </Dialog>
  )
}

function RestoreForm({ backup, onClose }: { backup: BackupView; onClose: () => void }) {
  const detail = useBackup(backup.id)
  const connections = useConnections()
  const restore = useRestoreBackup()
  const cancel = useCancelJob()
  const [started, setStarted] = React.useState<JobView | null>(null)
  const job = useJobProgress(started?.id, started)
  const outcome = useRestoreResult(backup, job)
  const result = outcome.data ?? null
  const running = restore.isPending || (job != null && !isFinished(job))
  const engine = useEngineInfo().info(backup.engine)
  const fileBased = engine.fileBased
  const [failure, setFailure] = React.useState<{ title: string; detail: string } | null>(null)

  // the job's end, told once: a result to show, or why there is none
  const told = React.useRef<string | null>(null)
  React.useEffect(() => {
    if (!job || !isFinished(job) || told.current === job.id) return
    if (job.status === 'COMPLETED' && !result) return
    told.current = job.id
    if (job.status === 'COMPLETED' && result) {
      toast.success(`Restored into ${result.database}`, {
        description: `${result.tables.length} ${result.tables.length === 1 ? 'table' : 'tables'} in ${formatDuration(result.durationMillis)}`,
      })
      return
    }
    const { title, detail } = describeEnd(job)
    if (job.status === 'CANCELLED') toast(title, { description: detail })
    else toast.error(title, { description: detail })
  }, [job, result])
  // why a finished job left nothing to show (a refused request sets `failure` itself)
  const jobEnd = job && isFinished(job) && job.status !== 'COMPLETED' ? describeEnd(job) : null
  const shownFailure = failure ?? jobEnd

  const all = connections.data ?? []
  const source = all.find((c) => c.id === backup.connectionId)
  // a restore writes into the target: only connections one may edit (owner or admin), as the server requires
  const targets = all.filter((c) => c.active && c.editable && c.engine === backup.engine).sort((a, b) => a.name.localeCompare(b.name))
  const initialTarget = targets.find((c) => c.id === backup.connectionId) ?? targets[0]

  const form = useForm<Values>({
    resolver: zodResolver(schema),
    mode: 'onChange',
    defaultValues: {
      targetConnectionId: initialTarget?.id ?? '',
      newDatabase: true,
      database: suggestName(source, initialTarget, backup, fileBased),
      clean: false,
      jobs: '1',
      confirm: '',
    },
  })
  const { control, register, setValue, formState } = form
  const { errors } = formState
  const [targetId, newDatabase, database, clean, confirm] = useWatch({
    control,
    name: ['targetConnectionId', 'newDatabase', 'database', 'clean', 'confirm'],
  })
  const target = targets.find((c) => c.id === targetId)

  // the connections may arrive after the form
  React.useEffect(() => {
    if (!form.getValues('targetConnectionId') && initialTarget) {
      setValue('targetConnectionId', initialTarget.id)
      setValue('database', suggestName(source, initialTarget, backup, fileBased))
    }
  }, [initialTarget, source, backup, fileBased, form, setValue])

  const retarget = (next: { target?: ConnectionView; newDatabase: boolean }) => {
    // overwriting is never preselected: the user names the database to replace (and then types it again)
    setValue('database', next.newDatabase ? suggestName(source, next.target, backup, fileBased) : '', {
      shouldValidate: next.newDatabase,
    })
    setValue('confirm', '')
    setFailure(null)
  }

  const databaseLabel = fileBased ? 'Database file name' : 'Database'
  const confirmed = confirm.trim() === database && database !== '' && DATABASE_NAME.test(database)
  const manifest = detail.data?.manifest

  const onSubmit = form.handleSubmit((v) => {
    setFailure(null)
    restore.mutate(
      {
        backup,
        body: {
          targetConnectionId: v.targetConnectionId,
          database: v.database,
          newDatabase: v.newDatabase,
          clean: !v.newDatabase && v.clean,
          jobs: engine.parallelRestore ? Number(v.jobs) : undefined,
          confirm: v.confirm.trim(),
        },
      },
      {
        onSuccess: (job) => setStarted(job),
        onError: (e) => {
          const status = e instanceof ApiError ? e.status : 0
          const title =
            status === 409
              ? 'Restore refused — nothing was changed'
              : status === 422
                ? 'Restore failed'
                : status === 400
                  ? 'Check the restore settings'
                  : 'Could not restore'
          if (e instanceof ApiError && e.fieldErrors.database) form.setError('database', { type: 'server', message: e.fieldErrors.database })
          setFailure({ title, detail: errorMessage(e) })
          toast.error(title, { description: errorMessage(e) })
        },
      },
    )
  })

  return (
    <form onSubmit={onSubmit} noValidate className="flex min-h-0 flex-col" aria-label="Restore backup">
      <DialogHeader className="border-b px-6 pt-6 pb-4">
        <DialogTitle className="flex items-center gap-2.5">
          <span className="flex size-8 items-center justify-center rounded-lg bg-primary/10 text-primary">
            <ArchiveRestore className="size-4" aria-hidden />
          </span>
          Restore backup
        </DialogTitle>
        <DialogDescription className="truncate font-mono text-xs" title={backup.fileName}>
          {backup.fileName}
        </DialogDescription>
      </DialogHeader>

      <div className="grid gap-5 px-6 py-5">
        <BackupSummary backup={backup} colour={source?.colour} manifestLoading={detail.isPending} tables={manifest?.tables} />

        {result ? (
          <RestoreResultPanel result={result} target={target} />
        ) : (
          <>
            <div className="grid items-start gap-4 sm:grid-cols-2">
              <Controller
                control={control}
                name="targetConnectionId"
                render={({ field }) => (
                  <Field id="restore-target" label="Restore into connection" error={errors.targetConnectionId?.message}>
                    <Select
                      value={field.value}
                      onValueChange={(v) => {
                        field.onChange(v)
                        retarget({ target: targets.find((c) => c.id === v), newDatabase })
                      }}
                    >
                      <SelectTrigger id="restore-target" aria-invalid={errors.targetConnectionId ? true : undefined}>
                        <SelectValue placeholder={connections.isPending ? 'Loading…' : `A ${engine.displayName} connection`} />
                      </SelectTrigger>
                      <SelectContent>
                        {targets.map((c) => (
                          <SelectItem key={c.id} value={c.id}>
                            <span className="size-2 shrink-0 rounded-full" style={{ backgroundColor: c.colour }} aria-hidden />
                            {c.name}
                          </SelectItem>
                        ))}
                      </SelectContent>
                    </Select>
                  </Field>
                )}
              />
              <Field
                id="restore-database"
                label={databaseLabel}
                error={errors.database?.message}
                hint={newDatabase ? (fileBased ? 'A new file beside the connection’s' : 'Created by the restore') : 'Must exist on the target'}
              >
                <Input
                  className="font-mono text-[13px]"
                  autoComplete="off"
                  spellCheck={false}
                  placeholder={newDatabase ? undefined : fileBased ? 'An existing file name' : 'An existing database'}
                  {...register('database', { onChange: () => setValue('confirm', '') })}
                />
              </Field>
            </div>

            <div className="grid gap-3 rounded-lg border bg-muted/20 p-3">
              <Controller
                control={control}
                name="newDatabase"
                render={({ field }) => (
                  <div className="flex items-start justify-between gap-4">
                    <div className="grid gap-1">
                      <Label htmlFor="restore-new">Restore into a new database</Label>
                      <p className="text-xs text-muted-foreground">
                        The safe choice: nothing that exists is touched. Turn off to restore over an existing database.
                      </p>
                    </div>
                    <Switch
                      id="restore-new"
                      checked={field.value}
                      onCheckedChange={(v) => {
                        field.onChange(v)
                        retarget({ target, newDatabase: v })
                      }}
                    />
                  </div>
                )}
              />
              {!newDatabase && (
                <Controller
                  control={control}
                  name="clean"
                  render={({ field }) => (
                    <div className="flex items-start gap-3 border-t pt-3">
                      <Checkbox
                        id="restore-clean"
                        checked={field.value}
                        onCheckedChange={(v) => field.onChange(v === true)}
                        className="mt-0.5"
                      />
                      <div className="grid gap-1">
                        <Label htmlFor="restore-clean">Drop existing objects first</Label>
                        <p className="text-xs text-muted-foreground">
                          {fileBased
                            ? 'The file is replaced as a whole either way.'
                            : 'Drops every object the backup contains before recreating it (--clean --if-exists).'}
                        </p>
                      </div>
                    </div>
                  )}
                />
              )}
              {engine.parallelRestore && (
                <div className="flex items-center justify-between gap-4 border-t pt-3" data-testid="restore-jobs-row">
                  <div className="grid gap-1">
                    <Label htmlFor="restore-jobs">Parallel jobs</Label>
                    <p className="text-xs text-muted-foreground">Restore workers; more is faster on big databases.</p>
                  </div>
                  <div className="grid justify-items-end gap-1">
                    <Input
                      id="restore-jobs"
                      type="number"
                      min={1}
                      max={16}
                      className="w-20"
                      aria-invalid={errors.jobs ? true : undefined}
                      {...register('jobs')}
                    />
                    {errors.jobs && <p className="text-xs font-medium text-destructive">{errors.jobs.message}</p>}
                  </div>
                </div>
              )}
            </div>

            {newDatabase ? (
              <Alert variant="info" data-testid="restore-impact" data-overwrites="false">
                <DatabaseZap />
                <AlertTitle>What changes</AlertTitle>
                <AlertDescription>
                  <p>
                    A new {fileBased ? 'file' : 'database'} <b className="font-mono">{database || '…'}</b> is created on{' '}
                    <b>{target?.name ?? 'the target'}</b> and filled from this backup. Nothing existing is touched; if the
                    restore fails, it is dropped again.
                  </p>
                </AlertDescription>
              </Alert>
            ) : (
              <Alert variant="destructive" data-testid="restore-impact" data-overwrites="true">
                <TriangleAlert />
                <AlertTitle>This overwrites an existing database</AlertTitle>
                <AlertDescription>
                  <p>
                    {fileBased ? (
                      <>
                        The file <b className="font-mono">{database || '…'}</b> of <b>{target?.name ?? 'the target'}</b> is
                        replaced by the backup’s copy.
                      </>
                    ) : (
                      <>
                        Everything in this backup is written into <b className="font-mono">{database || '…'}</b> on{' '}
                        <b>{target?.name ?? 'the target'}</b>
                        {clean ? ', after dropping the objects it contains' : '; existing tables with the same names make it fail unless you drop them first'}
                        .
                      </>
                    )}{' '}
                    Whatever changed there since {formatDateTime(backup.createdAt)} may be lost.
                  </p>
                </AlertDescription>
              </Alert>
            )}

            <Field
              id="restore-confirm"
              label={
                <>
                  Type <span className="font-mono font-semibold">{database || 'the database name'}</span> to confirm
                </>
              }
              error={confirm !== '' && !confirmed ? errors.confirm?.message : undefined}
            >
              <Input className="font-mono text-[13px]" autoComplete="off" spellCheck={false} {...register('confirm')} />
            </Field>

            {job && !isFinished(job) && <JobProgressBar job={job} />}
            {shownFailure && (
              <Alert variant="destructive" data-testid="restore-error">
                <CircleAlert />
                <AlertTitle>{shownFailure.title}</AlertTitle>
                <AlertDescription>
                  <p className="break-words">{shownFailure.detail}</p>
                </AlertDescription>
              </Alert>
            )}
          </>
        )}
      </div>

      <DialogFooter className="border-t bg-muted/20 px-6 py-4">
        {result ? (
          <Button type="button" onClick={onClose}>
            Close
          </Button>
        ) : (
          <>
            {running && job ? (
              <Button
                type="button"
                variant="outline"
                onClick={() => cancel.mutate(job.id)}
                disabled={cancel.isPending || job.cancelRequested}
                data-testid="cancel-restore"
              >
                Cancel restore
              </Button>
            ) : (
              <Button type="button" variant="outline" onClick={onClose} disabled={restore.isPending}>
                Cancel
              </Button>
            )}
            <Button
              type="submit"
              variant={newDatabase ? 'default' : 'destructive'}
              disabled={!confirmed || running || !target}
              data-testid="start-restore"
            >
              {running ? <Spinner /> : <ArchiveRestore />}
              {running ? 'Restoring…' : newDatabase ? 'Restore' : 'Overwrite and restore'}
            </Button>
          </>
        )}
      </DialogFooter>
    </form>
  )
}

function BackupSummary({
  backup: b,
  colour,
  manifestLoading,
  tables,
}: {
  backup: BackupView
  colour?: string
  manifestLoading: boolean
  tables?: TableRows[]
}) {
  const engine = useEngineInfo().info(b.engine)
  return (
    <section aria-label="Backup summary" className="grid gap-3 rounded-lg border p-3">
      <dl className="grid grid-cols-2 gap-x-4 gap-y-2 text-sm sm:grid-cols-4">
        <div className="col-span-2 grid min-w-0 gap-0.5">
          <dt className="text-xs text-muted-foreground">Connection</dt>
          <dd className="flex min-w-0 items-center gap-2 font-medium">
            <span
              className="size-2 shrink-0 rounded-full"
              style={{ backgroundColor: colour ?? engine.defaultColour }}
              aria-hidden
            />
            <span className="truncate">{b.connectionName}</span>
            <span className="text-xs font-normal text-muted-foreground">{engine.displayName}</span>
          </dd>
        </div>
        <div className="grid gap-0.5">
          <dt className="text-xs text-muted-foreground">Kind</dt>
          <dd>
            <Badge variant="outline">{kindLabels[b.kind as DumpKind] ?? b.kind}</Badge>
          </dd>
        </div>
        <div className="grid gap-0.5">
          <dt className="text-xs text-muted-foreground">Size</dt>
          <dd className="tabular-nums" title="Dump size (stored size after compression and encryption)">
            {formatBytes(b.rawSize)} <span className="text-xs text-muted-foreground">({formatBytes(b.storedSize)})</span>
          </dd>
        </div>
        <div className="col-span-2 grid gap-0.5">
          <dt className="text-xs text-muted-foreground">Created</dt>
          <dd>{formatDateTime(b.createdAt)}</dd>
        </div>
        <div className="col-span-2 grid gap-0.5">
          <dt className="text-xs text-muted-foreground">Encryption</dt>
          <dd>{b.encrypted ? `AES-256-GCM${b.keyId ? ` · key ${b.keyId}` : ''}` : 'None'}</dd>
        </div>
      </dl>
      {manifestLoading ? (
        <Skeleton className="h-16 w-full" />
      ) : tables && tables.length > 0 ? (
        <details className="group rounded-md border bg-muted/20 text-sm">
          <summary className="cursor-pointer rounded-md px-3 py-2 text-xs font-medium text-muted-foreground outline-none select-none hover:text-foreground focus-visible:ring-[3px] focus-visible:ring-ring/40">
            {tables.length} {tables.length === 1 ? 'table' : 'tables'},{' '}
            {tables.every((t) => t.exact) ? '' : '~'}
            {formatCount(tables.reduce((sum, t) => sum + t.rows, 0))} rows
          </summary>
          <div className="max-h-44 overflow-y-auto border-t">
            <Table aria-label="Rows per table in the backup">
              <TableBody>
                {tables.map((t) => (
                  <TableRow key={t.name}>
                    <TableCell className="py-1 font-mono text-xs">{t.name}</TableCell>
                    <TableCell className="py-1 text-right text-xs tabular-nums" title={t.exact ? 'Counted' : 'Estimated by the engine'}>
                      {t.exact ? '' : '~'}
                      {formatCount(t.rows)}
                    </TableCell>
                  </TableRow>
                ))}
              </TableBody>
            </Table>
          </div>
        </details>
      ) : null}
    </section>
  )
}

function RestoreResultPanel({ result: r, target }: { result: RestoreResult; target?: ConnectionView }) {
  const rows = r.tables.reduce((sum, t) => sum + t.rows, 0)
  return (
    <div className="flex min-w-0 flex-col gap-3" data-testid="restore-result">
      <Alert variant="success">
        <CircleCheck />
        <AlertTitle>Restored into {r.database}</AlertTitle>
        <AlertDescription>
          <p>
            {r.newDatabase ? 'New database' : 'Database'} <b className="font-mono">{r.database}</b>
            {target ? ` on ${target.name}` : ''}: {r.tables.length} {r.tables.length === 1 ? 'table' : 'tables'},{' '}
            {formatCount(rows)} rows, in {formatDuration(r.durationMillis)}.
          </p>
        </AlertDescription>
      </Alert>
      {r.tables.length > 0 && (
        <div className="max-h-52 overflow-y-auto rounded-lg border">
          <Table aria-label="Restored rows per table">
            <TableHeader className="sticky top-0 bg-card">
              <TableRow className="hover:bg-transparent">
                <TableHead>Table</TableHead>
                <TableHead className="text-right">Rows</TableHead>
              </TableRow>
            </TableHeader>
            <TableBody>
              {r.tables.map((t) => (
                <TableRow key={t.name}>
                  <TableCell className="py-1.5 font-mono text-xs">{t.name}</TableCell>
                  <TableCell className="py-1.5 text-right tabular-nums">
                    {t.exact ? '' : '~'}
                    {formatCount(t.rows)}
                  </TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </div>
      )}
    </div>
  )
}

/** The title and detail of a restore job that ended without a result. */
function describeEnd(job: JobView) {
  const reason = job.failure?.reason
  const title =
    job.status === 'CANCELLED'
      ? 'Restore cancelled'
      : reason && REFUSAL_REASONS.includes(reason)
        ? 'Restore refused — nothing was changed'
        : 'Restore failed'
  const detail = `${reason ? `${reasonLabels[reason]}: ` : ''}${job.failure?.message ?? ''}`
  return { title, detail }
}
