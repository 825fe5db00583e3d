import * as React from 'react'
import { Controller, useForm, useWatch } from 'react-hook-form'
import { zodResolver } from '@hookform/resolvers/zod'
import { RadioGroup } from 'radix-ui'
import { z } from 'zod'
import { toast } from 'sonner'
import { CircleAlert, DatabaseBackup, Info, KeyRound } from 'lucide-react'
import { Alert, AlertDescription, AlertTitle } from '@/components/ui/alert'
import { Button } from '@/components/ui/button'
import { Checkbox } from '@/components/ui/checkbox'
import { Dialog, DialogContent, DialogDescription, DialogFooter, DialogHeader, DialogTitle } from '@/components/ui/dialog'
import { Input } from '@/components/ui/input'
import { Label } from '@/components/ui/label'
import { Select, SelectContent, SelectItem, SelectTrigger, SelectValue } from '@/components/ui/select'
import { Switch } from '@/components/ui/switch'
import { Field } from '@/components/field'
import { Spinner } from '@/components/spinner'
import { useConnections } from '@/features/connections/api'
import { useDatabases } from '@/features/catalog/api'
import { useEngineInfo } from '@/features/connections/engines'
import { ApiError, errorMessage } from '@/lib/api'
import { useCreateBackup, useStorageTargets } from './api'
import { compressionLabels, compressionLevels, kindDescriptions, kindLabels } from './format'
import type { BackupView, Compression, CreateBackupRequest, DumpKind } from './types'

const IDENTIFIER_LIST = /^\s*([A-Za-z0-9_.$*-]+\s*(,\s*[A-Za-z0-9_.$*-]+\s*)*)?$/

const schema = z
  .object({
    connectionId: z.string().min(1, 'Pick the connection to back up'),
    // '' = the connection's own database
    database: z.string(),
    kind: z.enum(['FULL', 'SCHEMA', 'DATA']),
    compression: z.enum(['ZSTD', 'GZIP', 'NONE']),
    compressionLevel: z.string().trim(),
    encrypted: z.boolean(),
    targets: z.array(z.string()).min(1, 'Pick at least one storage target'),
    includeTables: z.string().max(4000).regex(IDENTIFIER_LIST, 'Table names separated by commas'),
    excludeTables: z.string().max(4000).regex(IDENTIFIER_LIST, 'Table names separated by commas'),
  })
  .superRefine((v, ctx) => {
    if (v.compression === 'NONE') return
    const { min, max } = compressionLevels[v.compression]
    const n = Number(v.compressionLevel)
    if (!/^\d+$/.test(v.compressionLevel) || n < min || n > max)
      ctx.addIssue({ code: 'custom', path: ['compressionLevel'], message: `A level from ${min} to ${max}` })
  })

type Values = z.infer<typeof schema>

const kinds: DumpKind[] = ['FULL', 'SCHEMA', 'DATA']
const compressions: Compression[] = ['ZSTD', 'GZIP', 'NONE']

function list(text: string) {
  const items = text
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)
  return items.length ? items : undefined
}

export function CreateBackupDialog({
  open,
  onOpenChange,
  defaultConnectionId,
  onCreated,
}: {
  open: boolean
  onOpenChange: (open: boolean) => void
  defaultConnectionId?: string
  onCreated?: (backup: BackupView) => void
}) {
  return (
    <Dialog open={open} onOpenChange={onOpenChange}>
      <DialogContent className="gap-0 p-0 sm:max-w-xl">
        {open && (
          <CreateBackupForm
            defaultConnectionId={defaultConnectionId}
            onDone={(b) => {
              onOpenChange(false)
              onCreated?.(b)
            }}
            onCancel={() => onOpenChange(false)}
          />
        )}
      </DialogContent>
    </Dialog>
  )
}

function CreateBackupForm({
  defaultConnectionId,
  onDone,
  onCancel,
}: {
  defaultConnectionId?: string
  onDone: (b: BackupView) => void
  onCancel: () => void
}) {
  const connections = useConnections()
  const targets = useStorageTargets()
  const create = useCreateBackup()
  const { info } = useEngineInfo()
  const active = (connections.data ?? []).filter((c) => c.active).sort((a, b) => a.name.localeCompare(b.name))
  const initial = active.find((c) => c.id === defaultConnectionId)?.id ?? (active.length === 1 ? active[0].id : '')
  const form = useForm<Values>({
    resolver: zodResolver(schema),
    defaultValues: {
      connectionId: initial,
      database: '',
      kind: 'FULL',
      compression: 'ZSTD',
      compressionLevel: String(compressionLevels.ZSTD.default),
      encrypted: true,
      targets: ['local'],
      includeTables: '',
      excludeTables: '',
    },
  })
  const { control, register, formState, setValue } = form
  const { errors } = formState
  const [connectionId, compression, encrypted] = useWatch({ control, name: ['connectionId', 'compression', 'encrypted'] })
  const connection = active.find((c) => c.id === connectionId)
  const engine = connection ? info(connection.engine) : undefined
  // the server's databases as the catalog lists them for this connection; a choice only when there are several
  const databases = useDatabases(connection ? connectionId : undefined)
  const databaseChoices = databases.data ?? []
  const [formError, setFormError] = React.useState<string | null>(null)

  // the connections arrive after the form: pick the preselected (or only) one then
  React.useEffect(() => {
    if (!form.getValues('connectionId') && initial) setValue('connectionId', initial)
  }, [initial, form, setValue])

  const onSubmit = form.handleSubmit((v) => {
    setFormError(null)
    const filterable = engine?.dumpTableFilters === true
    const body: CreateBackupRequest = {
      connectionId: v.connectionId,
      database: v.database || undefined,
      kind: v.kind,
      compression: v.compression,
      compressionLevel: v.compression === 'NONE' ? undefined : Number(v.compressionLevel),
      encrypted: v.encrypted,
      targets: v.targets,
      includeTables: filterable ? list(v.includeTables) : undefined,
      excludeTables: filterable ? list(v.excludeTables) : undefined,
    }
    create.mutate(body, {
      onSuccess: (b) => {
        toast.success(`Backing up ${b.connectionName}…`, { description: b.fileName })
        onDone(b)
      },
      onError: (e) => {
        const fields = e instanceof ApiError ? e.fieldErrors : {}
        const known: Record<string, keyof Values> = {
          connectionId: 'connectionId',
          database: 'database',
          compressionLevel: 'compressionLevel',
          storage: 'targets',
          targets: 'targets',
          includeTables: 'includeTables',
          excludeTables: 'excludeTables',
        }
        const rest: string[] = []
        for (const [field, reason] of Object.entries(fields)) {
          const target = known[field] ?? (field.startsWith('include') ? 'includeTables' : field.startsWith('exclude') ? 'excludeTables' : undefined)
          if (target) form.setError(target, { type: 'server', message: reason })
          else rest.push(`${field}: ${reason}`)
        }
        if (Object.keys(fields).length === 0 || rest.length) setFormError(rest.length ? rest.join('; ') : errorMessage(e))
        toast.error('Could not start the backup', { description: errorMessage(e) })
      },
    })
  })

  const level = compressionLevels[compression]

  return (
    <form onSubmit={onSubmit} noValidate className="flex min-h-0 flex-col" aria-label="Create backup">
      <DialogHeader className="border-b px-6 pt-6 pb-4">
        <DialogTitle className="flex items-center gap-2.5">
          <span className="flex size-8 items-center justify-center rounded-lg bg-primary/10 text-primary">
            <DatabaseBackup className="size-4" aria-hidden />
          </span>
          Create backup
        </DialogTitle>
        <DialogDescription>
          A native dump, streamed through compression and encryption into storage. It runs in the background.
        </DialogDescription>
      </DialogHeader>

      <div className="grid gap-5 px-6 py-5">
        <Controller
          control={control}
          name="connectionId"
          render={({ field }) => (
            <Field id="backup-connection" label="Connection" error={errors.connectionId?.message}>
              <Select
                value={field.value}
                onValueChange={(v) => {
                  field.onChange(v)
                  setValue('database', '')
                }}
                disabled={connections.isPending}
              >
                <SelectTrigger id="backup-connection" aria-invalid={errors.connectionId ? true : undefined}>
                  <SelectValue placeholder={connections.isPending ? 'Loading…' : 'Choose a connection'} />
                </SelectTrigger>
                <SelectContent>
                  {active.map((c) => (
                    <SelectItem key={c.id} value={c.id}>
                      <span className="size-2 shrink-0 rounded-full" style={{ backgroundColor: c.colour }} aria-hidden />
                      {c.name}
                      <span className="ml-1.5 text-xs text-muted-foreground">{info(c.engine).displayName}</span>
                    </SelectItem>
                  ))}
                </SelectContent>
              </Select>
            </Field>
          )}
        />
        {databaseChoices.length > 1 && (
          <Controller
            control={control}
            name="database"
            render={({ field }) => (
              <Field id="backup-database" label="Database" error={errors.database?.message}>
                <Select value={field.value || 'own'} onValueChange={(v) => field.onChange(v === 'own' ? '' : v)}>
                  <SelectTrigger id="backup-database" aria-label="Database">
                    <SelectValue />
                  </SelectTrigger>
                  <SelectContent>
                    <SelectItem value="own">The connection&apos;s own database</SelectItem>
                    {databaseChoices
                      .filter((d) => !d.isDefault)
                      .map((d) => (
                        <SelectItem key={d.name} value={d.name}>
                          {d.name}
                        </SelectItem>
                      ))}
                  </SelectContent>
                </Select>
              </Field>
            )}
          />
        )}
        {connections.isSuccess && active.length === 0 && (
          <Alert variant="warning">
            <CircleAlert />
            <AlertTitle>No active connections</AlertTitle>
            <AlertDescription>
              <p>Add or activate a connection first.</p>
            </AlertDescription>
          </Alert>
        )}
        {engine?.dumpConsistency === 'LOGICAL' && (
          <Alert variant="info" data-testid="mongo-note">
            <Info />
            <AlertTitle>Logical backup</AlertTitle>
            <AlertDescription>
              <p>
                {engine.displayName} backups read one collection or table after another. They are logical, not
                point-in-time: writes made while the backup runs may or may not be included.
              </p>
            </AlertDescription>
          </Alert>
        )}

        <div className="grid gap-2">
          <Label id="backup-kind-label">What to back up</Label>
          <Controller
            control={control}
            name="kind"
            render={({ field }) => (
              <RadioGroup.Root
                aria-labelledby="backup-kind-label"
                value={field.value}
                onValueChange={field.onChange}
                className="grid grid-cols-3 gap-2"
              >
                {kinds.map((k) => (
                  <RadioGroup.Item
                    key={k}
                    value={k}
                    data-testid={`kind-${k}`}
                    className="grid gap-0.5 rounded-lg border bg-card px-3 py-2.5 text-left transition-colors outline-none hover:bg-accent/60 focus-visible:ring-[3px] focus-visible:ring-ring/40 data-[state=checked]:border-primary data-[state=checked]:bg-primary/5 data-[state=checked]:ring-1 data-[state=checked]:ring-primary"
                  >
                    <span className="text-sm font-medium">{kindLabels[k]}</span>
                    <span className="text-xs text-muted-foreground">{kindDescriptions[k]}</span>
                  </RadioGroup.Item>
                ))}
              </RadioGroup.Root>
            )}
          />
        </div>

        <div className="grid items-start gap-4 sm:grid-cols-[1fr_7rem_1fr]">
          <Controller
            control={control}
            name="compression"
            render={({ field }) => (
              <Field id="backup-compression" label="Compression">
                <Select
                  value={field.value}
                  onValueChange={(v) => {
                    field.onChange(v)
                    setValue('compressionLevel', String(compressionLevels[v as Compression].default))
                    form.clearErrors('compressionLevel')
                  }}
                >
                  <SelectTrigger id="backup-compression">
                    <SelectValue />
                  </SelectTrigger>
                  <SelectContent>
                    {compressions.map((c) => (
                      <SelectItem key={c} value={c}>
                        {compressionLabels[c]}
                        {c === 'ZSTD' && <span className="ml-1.5 text-xs text-muted-foreground">recommended</span>}
                      </SelectItem>
                    ))}
                  </SelectContent>
                </Select>
              </Field>
            )}
          />
          <Field
            id="backup-level"
            label="Level"
            error={errors.compressionLevel?.message}
            hint={compression === 'NONE' ? undefined : `${level.min}–${level.max}`}
          >
            <Input
              type="number"
              inputMode="numeric"
              min={level.min}
              max={level.max}
              disabled={compression === 'NONE'}
              {...register('compressionLevel')}
            />
          </Field>
          <Controller
            control={control}
            name="targets"
            render={({ field }) => (
              <fieldset className="grid gap-1.5 sm:col-span-2" aria-invalid={errors.targets ? true : undefined}>
                <legend className="mb-1 text-sm font-medium">Storage targets</legend>
                <div className="flex flex-wrap gap-x-4 gap-y-2">
                  {(targets.data ?? [{ id: 'local', name: 'local' }]).map((t) => (
                    <Label key={t.id} className="flex items-center gap-2 font-normal">
                      <Checkbox
                        checked={field.value.includes(t.id)}
                        onCheckedChange={(on) => field.onChange(on ? [...field.value, t.id] : field.value.filter((x) => x !== t.id))}
                        aria-label={`Store on ${t.name}`}
                      />
                      {t.name}
                    </Label>
                  ))}
                </div>
                <p className="text-xs text-muted-foreground">The dump runs once; each target gets its own copy.</p>
                {errors.targets && <p className="text-xs font-medium text-destructive">{errors.targets.message}</p>}
              </fieldset>
            )}
          />
        </div>

        <Controller
          control={control}
          name="encrypted"
          render={({ field }) => (
            <div className="flex items-start justify-between gap-4 rounded-lg border bg-muted/20 p-3">
              <div className="grid gap-1">
                <Label htmlFor="backup-encrypted" className="flex items-center gap-1.5">
                  <KeyRound className="size-3.5 text-muted-foreground" aria-hidden /> Encrypt (AES-256-GCM)
                </Label>
                <p className="text-xs text-muted-foreground" id="backup-encrypted-hint">
                  {encrypted
                    ? 'Only this Steward’s backup key can read it: keep a copy of that key, or the backup is lost with it.'
                    : 'Stored readable by anyone with access to the storage.'}
                </p>
              </div>
              <Switch
                id="backup-encrypted"
                checked={field.value}
                onCheckedChange={field.onChange}
                aria-describedby="backup-encrypted-hint"
              />
            </div>
          )}
        />

        {engine?.dumpTableFilters && (
          <div className="grid items-start gap-4 sm:grid-cols-2" data-testid="backup-table-filters">
            <Field
              id="backup-include"
              label="Only these tables"
              error={errors.includeTables?.message}
              hint="Optional, comma-separated"
            >
              <Input className="font-mono text-[13px]" placeholder={engine.schemas ? 'public.orders, public.items' : 'orders, items'} autoComplete="off" {...register('includeTables')} />
            </Field>
            <Field id="backup-exclude" label="Leave out tables" error={errors.excludeTables?.message} hint="Optional, comma-separated">
              <Input className="font-mono text-[13px]" placeholder="audit_log" autoComplete="off" {...register('excludeTables')} />
            </Field>
          </div>
        )}

        {formError && (
          <Alert variant="destructive" data-testid="create-backup-error">
            <CircleAlert />
            <AlertTitle>The backup was not started</AlertTitle>
            <AlertDescription>
              <p>{formError}</p>
            </AlertDescription>
          </Alert>
        )}
      </div>

      <DialogFooter className="border-t bg-muted/20 px-6 py-4">
        <Button type="button" variant="outline" onClick={onCancel}>
          Cancel
        </Button>
        <Button type="submit" disabled={create.isPending} data-testid="start-backup">
          {create.isPending ? <Spinner /> : <DatabaseBackup />} Start backup
        </Button>
      </DialogFooter>
    </form>
  )
}
