import * as React from 'react'
import { Controller, useForm, useWatch, type FieldPath } from 'react-hook-form'
import { zodResolver } from '@hookform/resolvers/zod'
import { RadioGroup } from 'radix-ui'
import { toast } from 'sonner'
import { CircleAlert, Link2, ListChecks, PlugZap, Save } from 'lucide-react'
import { Alert, AlertDescription, AlertTitle } from '@/components/ui/alert'
import { Button } from '@/components/ui/button'
import { Checkbox } from '@/components/ui/checkbox'
import { Dialog, DialogContent, DialogDescription, DialogFooter, DialogHeader, DialogTitle } from '@/components/ui/dialog'
import { Input } from '@/components/ui/input'
import { Label } from '@/components/ui/label'
import { Select, SelectContent, SelectItem, SelectTrigger, SelectValue } from '@/components/ui/select'
import { Switch } from '@/components/ui/switch'
import { Tabs, TabsContent, TabsList, TabsTrigger } from '@/components/ui/tabs'
import { Textarea } from '@/components/ui/textarea'
import { Field } from '@/components/field'
import { PasswordInput } from '@/components/password-input'
import { Spinner } from '@/components/spinner'
import { ApiError, errorMessage } from '@/lib/api'
import type { ConnectionView, Engine, ParsedUrl, SslMode, TestResult } from '@/lib/api-types'
import { cn } from '@/lib/utils'
import { parseUrl, useCreateConnection, useTestSaved, useTestUnsaved, useUpdateConnection } from '../api'
import { connectionTarget, databaseLabel, EngineIcon, sslModeLabels, tlsLabel, useEngineInfo } from '../engines'
import {
  connectionFormSchema,
  emptyForm,
  formFieldFor,
  formFromView,
  needsCaCertificate,
  sshFields,
  testableFields,
  toRequest,
  type ConnectionFormValues,
} from '../schema'
import { ColourPicker } from './colour-picker'
import { SshTunnelSection } from './ssh-tunnel-section'
import { TagsInput } from './tags-input'
import { TestResultAlert } from './test-result-alert'

type Props = {
  open: boolean
  onOpenChange: (open: boolean) => void
  /** The connection to edit; absent to create a new one. */
  connection?: ConnectionView | null
}

export function ConnectionDialog({ open, onOpenChange, connection }: Props) {
  return (
    <Dialog open={open} onOpenChange={onOpenChange}>
      <DialogContent className="gap-0 p-0 sm:max-w-2xl" aria-describedby="connection-dialog-description">
        {open && <EnginesThenForm connection={connection ?? null} onDone={() => onOpenChange(false)} />}
      </DialogContent>
    </Dialog>
  )
}

const modeFields: Record<'fields' | 'url', FieldPath<ConnectionFormValues>[]> = {
  url: ['url', 'password', 'sshEnabled', ...sshFields],
  fields: ['engine', 'host', 'port', 'database', 'username', 'password', 'sslMode', 'caCertificate', 'filePath', 'sshEnabled', ...sshFields],
}
const commonFields: FieldPath<ConnectionFormValues>[] = ['name', 'description', 'colour', 'tags']

/** The form needs the server's engines (their flags and defaults) before it can start. */
function EnginesThenForm({ connection, onDone }: { connection: ConnectionView | null; onDone: () => void }) {
  const { ready, failed } = useEngineInfo()
  if (!ready) {
    return (
      <p className="p-6 text-sm text-muted-foreground" id="connection-dialog-description">
        {failed ? 'Could not load the engines Steward supports; try again.' : 'Loading…'}
      </p>
    )
  }
  return <ConnectionForm connection={connection} onDone={onDone} />
}

function ConnectionForm({ connection, onDone }: { connection: ConnectionView | null; onDone: () => void }) {
  const editing = connection != null
  const { list: serverEngines, engines, info } = useEngineInfo()
  const first = serverEngines[0]
  const form = useForm<ConnectionFormValues>({
    resolver: zodResolver(connectionFormSchema),
    defaultValues: connection
      ? formFromView(connection)
      : emptyForm(first.engine, first.defaultColour, first.fileBased),
  })
  const { register, control, formState, setValue, getValues } = form
  const { errors } = formState
  const [mode, engine, sslMode, clearPassword, database] = useWatch({
    control,
    name: ['mode', 'engine', 'sslMode', 'clearPassword', 'database'],
  })
  // fields without a database: the server browses every database the credentials reach
  const noDatabase = mode === 'fields' && database.trim() === ''
  const defaults = info(engine)

  const create = useCreateConnection()
  const update = useUpdateConnection()
  const testUnsaved = useTestUnsaved()
  const testSaved = useTestSaved()
  const [testResult, setTestResult] = React.useState<{ result: TestResult; note?: string } | null>(null)
  const [formError, setFormError] = React.useState<string | null>(null)
  const saving = create.isPending || update.isPending
  const outcomeRef = React.useRef<HTMLDivElement>(null)
  // a result below the fold would go unseen: bring it into view
  React.useEffect(() => {
    if (testResult || formError) outcomeRef.current?.scrollIntoView({ block: 'nearest', behavior: 'smooth' })
  }, [testResult, formError])
  const testing = testUnsaved.isPending || testSaved.isPending

  const changeEngine = (next: Engine) => {
    const previous = getValues('engine')
    if (next === previous) return
    // keep a custom colour, but follow the engine while it is still the previous engine's default
    if (getValues('colour').toLowerCase() === info(previous).defaultColour.toLowerCase()) {
      setValue('colour', info(next).defaultColour)
    }
    if (info(next).networked && getValues('host') === '') setValue('host', 'localhost')
    setValue('fileBased', info(next).fileBased)
    setValue('engine', next, { shouldDirty: true })
    setTestResult(null)
  }

  /** Puts server-side field errors on the fields the user can see; the rest go into one alert. */
  const showServerErrors = (error: unknown, fallbackTitle: string) => {
    if (error instanceof ApiError && Object.keys(error.fieldErrors).length > 0) {
      const visible = new Set<string>([...modeFields[getValues('mode')], ...commonFields])
      const rest: string[] = []
      let first = true
      for (const [field, reason] of Object.entries(error.fieldErrors)) {
        const target = formFieldFor(field)
        if (target && visible.has(target)) {
          form.setError(target, { type: 'server', message: reason }, { shouldFocus: first })
          first = false
        } else {
          rest.push(`${field}: ${reason}`)
        }
      }
      setFormError(rest.length ? rest.join('; ') : null)
      toast.error(fallbackTitle, { description: 'Check the highlighted fields.' })
      return
    }
    setFormError(errorMessage(error))
    toast.error(fallbackTitle, { description: errorMessage(error) })
  }

  const onSubmit = form.handleSubmit((values) => {
    setFormError(null)
    const body = toRequest(values, { editing })
    if (connection) {
      update.mutate(
        { id: connection.id, body },
        {
          onSuccess: (saved) => {
            toast.success(`Saved “${saved.name}”`)
            onDone()
          },
          onError: (e) => showServerErrors(e, 'Could not save the connection'),
        },
      )
    } else {
      create.mutate(body, {
        onSuccess: (saved) => {
          toast.success(`Created “${saved.name}”`, { description: connectionTarget(saved) })
          onDone()
        },
        onError: (e) => showServerErrors(e, 'Could not create the connection'),
      })
    }
  })

  const runTest = async () => {
    setTestResult(null)
    setFormError(null)
    const valid = await form.trigger(testableFields.filter((f) => modeFields[getValues('mode')].includes(f)))
    if (!valid) return
    const values = getValues()
    const onTested = (result: TestResult, note?: string) => {
      setTestResult({ result, note: result.success ? undefined : note })
      if (result.success) toast.success('Connection test succeeded')
      else toast.error('Connection test failed', { description: result.message ?? undefined })
    }
    const onFailed = (e: unknown) => showServerErrors(e, 'Could not test the connection')
    if (connection && !formState.isDirty) {
      testSaved.mutate(connection, { onSuccess: (r) => onTested(r), onError: onFailed })
      return
    }
    const storedPasswordUnused =
      connection?.hasPassword && values.password === '' && !values.clearPassword
        ? 'The stored password is never sent back to the browser, so this test of unsaved changes ran without it: type the password to include it.'
        : undefined
    testUnsaved.mutate(toRequest(values, { editing, forTest: true }), {
      onSuccess: (r) => onTested(r, storedPasswordUnused),
      onError: onFailed,
    })
  }

  return (
    <form onSubmit={onSubmit} noValidate className="flex min-h-0 flex-col" aria-label={editing ? 'Edit connection' : 'New connection'}>
      <DialogHeader className="border-b px-6 pt-6 pb-4">
        <DialogTitle className="flex items-center gap-3">
          <EngineIcon engine={engine} className="size-8 text-xs" />
          {editing ? `Edit ${connection.name}` : 'New connection'}
        </DialogTitle>
        <DialogDescription id="connection-dialog-description">
          {editing
            ? 'Change how Steward reaches this database. Leave the password empty to keep the stored one.'
            : 'Tell Steward how to reach a database. Credentials are stored encrypted.'}
        </DialogDescription>
      </DialogHeader>

      <div className="grid gap-5 px-6 py-5">
        <div className="grid gap-4 sm:grid-cols-[1fr_auto] sm:items-start">
          <Field id="conn-name" label="Name" error={errors.name?.message}>
            <Input placeholder="Production orders" autoComplete="off" {...register('name')} />
          </Field>
          <div className="grid gap-2">
            <Label id="conn-colour-label">Colour</Label>
            <Controller
              control={control}
              name="colour"
              render={({ field }) => (
                <ColourPicker
                  value={field.value}
                  onChange={(c) => field.onChange(c)}
                  engineColour={defaults.defaultColour}
                  labelledBy="conn-colour-label"
                />
              )}
            />
          </div>
        </div>

        <Tabs
          value={mode}
          onValueChange={(v) => {
            setValue('mode', v as 'fields' | 'url')
            setTestResult(null)
            form.clearErrors()
          }}
        >
          <TabsList className="w-full">
            <TabsTrigger value="fields">
              <ListChecks /> Fields
            </TabsTrigger>
            <TabsTrigger value="url">
              <Link2 /> Connection string
            </TabsTrigger>
          </TabsList>

          <TabsContent value="fields" className="grid gap-4 pt-1">
            <div className="grid gap-2">
              <Label id="conn-engine-label">Engine</Label>
              <RadioGroup.Root
                aria-labelledby="conn-engine-label"
                value={engine}
                onValueChange={(v) => changeEngine(v as Engine)}
                className="grid grid-cols-2 gap-2 sm:grid-cols-4"
              >
                {engines.map((e) => (
                  <RadioGroup.Item
                    key={e}
                    value={e}
                    data-testid={`engine-${e}`}
                    className="flex items-center gap-2.5 rounded-lg border bg-card p-2.5 text-left text-sm font-medium transition-colors outline-none hover:bg-accent/60 focus-visible:ring-[3px] focus-visible:ring-ring/40 data-[state=checked]:border-primary data-[state=checked]:bg-primary/5 data-[state=checked]:ring-1 data-[state=checked]:ring-primary"
                  >
                    <EngineIcon engine={e} className="size-7 text-[11px]" />
                    <span className="leading-tight">{info(e).displayName}</span>
                  </RadioGroup.Item>
                ))}
              </RadioGroup.Root>
            </div>

            {defaults.fileBased ? (
              <Field
                id="conn-file"
                label="Database file"
                error={errors.filePath?.message}
                hint="A path on the Steward server, inside an allowed directory (by default its data directory)."
              >
                <Input className="font-mono text-[13px]" placeholder="/var/lib/steward/data/app.db" {...register('filePath')} />
              </Field>
            ) : (
              <>
                <div className="grid gap-4 sm:grid-cols-[1fr_8rem]">
                  <Field id="conn-host" label="Host" error={errors.host?.message}>
                    <Input className="font-mono text-[13px]" placeholder="db.example.internal" autoComplete="off" spellCheck={false} {...register('host')} />
                  </Field>
                  <Field id="conn-port" label="Port" error={errors.port?.message}>
                    <Input
                      className="font-mono text-[13px]"
                      inputMode="numeric"
                      placeholder={defaults.defaultPort ? String(defaults.defaultPort) : ''}
                      {...register('port')}
                    />
                  </Field>
                </div>
                <div className="grid gap-4 sm:grid-cols-3">
                  <Field id="conn-database" label={databaseLabel(engine)} error={errors.database?.message}>
                    <Input className="font-mono text-[13px]" autoComplete="off" spellCheck={false} {...register('database')} />
                  </Field>
                  <Field id="conn-username" label="Username" error={errors.username?.message}>
                    <Input className="font-mono text-[13px]" autoComplete="off" spellCheck={false} {...register('username')} />
                  </Field>
                  <Field
                    id="conn-password"
                    label="Password"
                    error={errors.password?.message}
                  >
                    <PasswordInput
                      autoComplete="new-password"
                      placeholder={editing && connection.hasPassword ? 'unchanged' : ''}
                      disabled={clearPassword}
                      {...register('password')}
                    />
                  </Field>
                </div>
                {editing && connection.hasPassword && (
                  <Controller
                    control={control}
                    name="clearPassword"
                    render={({ field }) => (
                      <div className="-mt-1 flex items-center gap-2 sm:justify-end">
                        <Checkbox
                          id="conn-clear-password"
                          checked={field.value}
                          onCheckedChange={(v) => {
                            field.onChange(v === true)
                            if (v === true) setValue('password', '')
                          }}
                        />
                        <Label htmlFor="conn-clear-password" className="font-normal text-muted-foreground">
                          Clear the stored password
                        </Label>
                      </div>
                    )}
                  />
                )}
                <div className="grid gap-4 sm:grid-cols-3">
                  <div className="grid gap-1.5">
                    <Label htmlFor="conn-ssl">{tlsLabel(engine)}</Label>
                    <Controller
                      control={control}
                      name="sslMode"
                      render={({ field }) => (
                        <Select value={field.value} onValueChange={(v) => field.onChange(v as SslMode)}>
                          <SelectTrigger id="conn-ssl">
                            <SelectValue />
                          </SelectTrigger>
                          <SelectContent>
                            {(Object.keys(sslModeLabels) as SslMode[]).map((m) => (
                              <SelectItem key={m} value={m}>
                                {sslModeLabels[m]}
                              </SelectItem>
                            ))}
                          </SelectContent>
                        </Select>
                      )}
                    />
                  </div>
                  <p className="self-end pb-2 text-xs text-muted-foreground sm:col-span-2">
                    {sslMode === 'DISABLE' && 'Plain connection. Fine on a trusted network only.'}
                    {sslMode === 'REQUIRE' && 'Encrypted, but the server certificate is not checked.'}
                    {sslMode === 'VERIFY_CA' && 'Encrypted; the certificate must be signed by the CA below.'}
                    {sslMode === 'VERIFY_FULL' && 'Encrypted; CA and host name are both verified.'}
                  </p>
                </div>
                {needsCaCertificate(sslMode) && (
                  <Field
                    id="conn-ca"
                    label="CA certificate (PEM)"
                    error={errors.caCertificate?.message}
                    hint={
                      editing && connection.hasCaCertificate
                        ? 'A CA certificate is stored. Paste a new one to replace it, or leave empty to keep it.'
                        : 'Leave empty to use the system trust store.'
                    }
                  >
                    <Textarea
                      rows={4}
                      spellCheck={false}
                      className="font-mono text-xs"
                      placeholder={'-----BEGIN CERTIFICATE-----\n…\n-----END CERTIFICATE-----'}
                      {...register('caCertificate')}
                    />
                  </Field>
                )}
              </>
            )}
          </TabsContent>

          <TabsContent value="url" className="grid gap-4 pt-1">
            <UrlSection form={form} editing={editing} hasPassword={connection?.hasPassword ?? false} />
          </TabsContent>
        </Tabs>

        {(mode === 'url' || defaults.networked) && (
          <SshTunnelSection form={form} stored={connection?.ssh ?? null} />
        )}

        {(mode === 'url' || defaults.networked) && (
          <Controller
            control={control}
            name="browseAllDatabases"
            render={({ field }) => (
              <div className="flex items-start gap-2">
                <Checkbox
                  id="conn-browse-all"
                  className="mt-0.5"
                  checked={noDatabase || field.value}
                  disabled={noDatabase}
                  onCheckedChange={(v) => field.onChange(v === true)}
                />
                <div className="grid gap-1">
                  <Label htmlFor="conn-browse-all">Browse the server's other databases</Label>
                  <p className="text-xs text-muted-foreground">
                    {noDatabase
                      ? 'No database is named, so the browser shows every database these credentials reach.'
                      : 'Off: the database browser shows only the database named here, to everyone who can see the connection.'}
                  </p>
                  {errors.browseAllDatabases?.message && (
                    <p className="text-xs text-destructive">{errors.browseAllDatabases.message}</p>
                  )}
                </div>
              </div>
            )}
          />
        )}

        <div className="grid gap-4 rounded-lg border bg-muted/30 p-4">
          <div className="grid gap-4 sm:grid-cols-2">
            <Controller
              control={control}
              name="tags"
              render={({ field }) => (
                <Field
                  id="conn-tags"
                  label="Tags"
                  error={errors.tags?.message ?? (Array.isArray(errors.tags) ? errors.tags.find(Boolean)?.message : undefined)}
                >
                  <TagsInput value={field.value} onChange={field.onChange} />
                </Field>
              )}
            />
            <div className="grid content-start gap-3 pt-0.5">
              <Controller
                control={control}
                name="shared"
                render={({ field }) => (
                  <div className="flex items-start justify-between gap-3">
                    <div className="grid gap-1">
                      <Label htmlFor="conn-shared">Shared</Label>
                      <p className="text-xs text-muted-foreground">Every user can see and use it.</p>
                    </div>
                    <Switch id="conn-shared" checked={field.value} onCheckedChange={field.onChange} />
                  </div>
                )}
              />
              <Controller
                control={control}
                name="active"
                render={({ field }) => (
                  <div className="flex items-start justify-between gap-3">
                    <div className="grid gap-1">
                      <Label htmlFor="conn-active">Active</Label>
                      <p className="text-xs text-muted-foreground">Inactive connections are kept but not used.</p>
                    </div>
                    <Switch id="conn-active" checked={field.value} onCheckedChange={field.onChange} />
                  </div>
                )}
              />
            </div>
          </div>
          <Field id="conn-description" label="Description" error={errors.description?.message}>
            <Textarea rows={2} placeholder="What lives here, who owns it, maintenance windows…" {...register('description')} />
          </Field>
        </div>

        <div ref={outcomeRef} aria-live="polite" className="scroll-mb-24 empty:hidden">
          {testResult && <TestResultAlert result={testResult.result} note={testResult.note} />}
          {formError && (
            <Alert variant="destructive" className={cn(testResult && 'mt-3')}>
              <CircleAlert />
              <AlertTitle>The server did not accept this</AlertTitle>
              <AlertDescription>
                <p>{formError}</p>
              </AlertDescription>
            </Alert>
          )}
        </div>
      </div>

      <DialogFooter className="sticky bottom-0 flex-row items-center justify-between border-t sm:justify-between bg-card px-6 py-4">
        <Button type="button" variant="outline" onClick={runTest} disabled={testing || saving} aria-label="Test connection">
          {testing ? <Spinner /> : <PlugZap />}
          <span className="sm:hidden">Test</span>
          <span className="hidden sm:inline">Test connection</span>
        </Button>
        <div className="flex gap-2">
          <Button type="button" variant="ghost" onClick={onDone} className="hidden sm:inline-flex">
            Cancel
          </Button>
          <Button type="submit" disabled={saving}>
            {saving ? <Spinner /> : <Save />}
            {editing ? 'Save changes' : 'Create connection'}
          </Button>
        </div>
      </DialogFooter>
    </form>
  )
}

type FormApi = ReturnType<typeof useForm<ConnectionFormValues>>

function UrlSection({ form, editing, hasPassword }: { form: FormApi; editing: boolean; hasPassword: boolean }) {
  const { register, control, formState } = form
  const { info, list } = useEngineInfo()
  const urlForms = list.flatMap((e) => e.urlForms ?? [])
  const url = useWatch({ control, name: 'url' })
  const [lastParse, setParsed] = React.useState<{ ok: ParsedUrl } | { error: string } | null>(null)
  // an empty string clears the result at once; a changed one keeps the last until its parse answers
  const parsed = url.trim() ? lastParse : null

  React.useEffect(() => {
    const value = url.trim()
    if (!value) return
    const controller = new AbortController()
    const timer = window.setTimeout(() => {
      parseUrl(value, controller.signal)
        .then((ok) => setParsed({ ok }))
        .catch((e) => {
          if (!controller.signal.aborted) setParsed({ error: e instanceof ApiError ? (Object.values(e.fieldErrors)[0] ?? e.detail) : errorMessage(e) })
        })
    }, 350)
    return () => {
      controller.abort()
      window.clearTimeout(timer)
    }
  }, [url])

  const applyToFields = (p: ParsedUrl) => {
    form.setValue('engine', p.engine, { shouldDirty: true })
    form.setValue('host', p.host ?? '', { shouldDirty: true })
    form.setValue('port', p.port == null ? '' : String(p.port), { shouldDirty: true })
    form.setValue('database', p.database ?? '', { shouldDirty: true })
    form.setValue('username', p.username ?? '', { shouldDirty: true })
    form.setValue('sslMode', p.sslMode, { shouldDirty: true })
    form.setValue('filePath', p.filePath ?? '', { shouldDirty: true })
    form.setValue('mode', 'fields')
  }

  return (
    <>
      <Field
        id="conn-url"
        label="Connection string"
        // one place for the string's error: the server's (after test or save), else the live parse's
        error={formState.errors.url?.message ?? (parsed && 'error' in parsed ? parsed.error : undefined)}
        hint={`${urlForms.join(', ')}.`}
      >
        <Textarea
          rows={3}
          spellCheck={false}
          autoComplete="off"
          className="font-mono text-[13px]"
          placeholder="postgresql://app@db.example.internal:5432/orders?sslmode=require"
          {...register('url')}
        />
      </Field>
      {parsed && 'ok' in parsed && (
        <div className="flex flex-wrap items-center gap-3 rounded-lg border bg-muted/30 px-3 py-2.5 text-sm" data-testid="parsed-url">
          <EngineIcon engine={parsed.ok.engine} className="size-7 text-[11px]" />
          <div className="min-w-0 flex-1">
            <div className="font-medium">{info(parsed.ok.engine).displayName}</div>
            <div className="truncate font-mono text-xs text-muted-foreground">
              {connectionTarget(parsed.ok, info(parsed.ok.engine).defaultPort)}
              {parsed.ok.username && ` · user ${parsed.ok.username}`}
              {info(parsed.ok.engine).networked && ` · ${sslModeLabels[parsed.ok.sslMode]}`}
              {parsed.ok.hasPassword && ' · password included'}
            </div>
          </div>
          <Button type="button" size="sm" variant="outline" onClick={() => applyToFields(parsed.ok)}>
            Edit as fields
          </Button>
        </div>
      )}
      <Field
        id="conn-url-password"
        label="Password"
        error={formState.errors.password?.message}
        hint="Optional. Overrides a password inside the connection string."
      >
        <PasswordInput autoComplete="new-password" placeholder={editing && hasPassword ? 'unchanged' : ''} {...register('password')} />
      </Field>
    </>
  )
}
