import { Controller, useForm, useWatch } from 'react-hook-form'
import { zodResolver } from '@hookform/resolvers/zod'
import { toast } from 'sonner'
import { Save } from 'lucide-react'
import { Checkbox } from '@/components/ui/checkbox'
import { Dialog, DialogContent, DialogDescription, DialogHeader, DialogTitle } from '@/components/ui/dialog'
import { Input } from '@/components/ui/input'
import { Label } from '@/components/ui/label'
import { Select, SelectContent, SelectGroup, SelectItem, SelectLabel, SelectTrigger, SelectValue } from '@/components/ui/select'
import { Switch } from '@/components/ui/switch'
import { Field } from '@/components/field'
import { FormDialogFooter } from '@/components/form-dialog-footer'
import { Spinner } from '@/components/spinner'
import { ApiError, errorMessage } from '@/lib/api'
import { useConnections } from '@/features/connections/api'
import { useChannels } from '@/features/notifications/api'
import { useStorageTargets } from '@/features/backups/api'
import { usePreview, useRuleMetrics, useSaveRule } from './api'
import { defaultValues, firesText, ruleSchema, toDraft, type RuleValues } from './rule-schema'
import { CHECK_INFO, CHECK_METRICS, EVENT_METRICS, isCheckMetric, isEventMetric, isTargetMetric, LEVELS, type AlertRuleView } from './types'

/** Creates or edits an alert rule (ADMIN), with a live replay of the draft over the last 24 hours. */
export function RuleDialog({ rule, onClose }: { rule?: AlertRuleView; onClose: () => void }) {
  const save = useSaveRule()
  const metrics = useRuleMetrics()
  const connections = useConnections()
  const channels = useChannels()
  const targets = useStorageTargets()
  const form = useForm<RuleValues>({ resolver: zodResolver(ruleSchema), defaultValues: defaultValues(rule) })
  const { errors } = form.formState
  const values = useWatch({ control: form.control }) as RuleValues
  const parsed = ruleSchema.safeParse(values)
  const preview = usePreview(parsed.success ? toDraft(parsed.data) : null)
  const event = isEventMetric(values.metric)
  const check = isCheckMetric(values.metric) ? CHECK_INFO[values.metric] : null
  const targetCheck = isTargetMetric(values.metric)

  /** A new metric: a check brings its usual comparison and threshold; a change of subject resets the scope. */
  const pickMetric = (next: string, current: string) => {
    form.setValue('metric', next, { shouldValidate: true })
    if (isTargetMetric(next) !== isTargetMetric(current)) {
      form.setValue('scope', 'ALL')
      form.setValue('scopeValue', '')
    }
    if (!rule && isCheckMetric(next)) {
      form.setValue('comparison', CHECK_INFO[next].comparison)
      form.setValue('threshold', String(CHECK_INFO[next].threshold))
      form.setValue('forSeconds', '0')
    }
  }

  const onSubmit = form.handleSubmit((v) =>
    save.mutate(
      { id: rule?.id, body: toDraft(v) },
      {
        onSuccess: (saved) => {
          toast.success(rule ? `Saved ${saved.name}` : `Added ${saved.name}`)
          onClose()
        },
        onError: (e) => {
          if (e instanceof ApiError) {
            for (const [field, reason] of Object.entries(e.fieldErrors)) {
              if (field in v) form.setError(field as keyof RuleValues, { message: reason })
            }
            if (e.status === 409) form.setError('name', { message: e.detail })
          }
          toast.error('Could not save the rule', { description: errorMessage(e) })
        },
      },
    ),
  )

  const sampled = (metrics.data ?? []).filter((m) => !isEventMetric(m) && !isCheckMetric(m))
  return (
    <Dialog open onOpenChange={(open) => !open && onClose()}>
      <DialogContent className="max-h-[90dvh] overflow-y-auto sm:max-w-2xl">
        <form onSubmit={onSubmit} noValidate className="grid gap-5">
          <DialogHeader>
            <DialogTitle>{rule ? `Edit ${rule.name}` : 'New alert rule'}</DialogTitle>
            <DialogDescription>
              {check
                ? 'A check runs every minute on the current state and fires when its value stays past the threshold for the duration.'
                : 'Fires when a metric stays past its threshold for the duration, on each sample as it arrives.'}
            </DialogDescription>
          </DialogHeader>
          <div className="grid gap-4 sm:grid-cols-2">
            <Field id="rule-name" label="Name" error={errors.name?.message}>
              <Input autoComplete="off" {...form.register('name')} />
            </Field>
            <Controller
              control={form.control}
              name="metric"
              render={({ field }) => (
                <div className="grid gap-1.5">
                  <Label htmlFor="rule-metric">Metric, event or check</Label>
                  <Select value={field.value} onValueChange={(v) => pickMetric(v, field.value)}>
                    <SelectTrigger id="rule-metric">
                      <SelectValue />
                    </SelectTrigger>
                    <SelectContent>
                      <SelectGroup>
                        <SelectLabel>Sampled metrics</SelectLabel>
                        {sampled.map((m) => (
                          <SelectItem key={m} value={m}>
                            {m}
                          </SelectItem>
                        ))}
                      </SelectGroup>
                      <SelectGroup>
                        <SelectLabel>Events</SelectLabel>
                        {EVENT_METRICS.map((m) => (
                          <SelectItem key={m} value={m}>
                            {m}
                          </SelectItem>
                        ))}
                      </SelectGroup>
                      <SelectGroup>
                        <SelectLabel>Checks</SelectLabel>
                        {CHECK_METRICS.map((m) => (
                          <SelectItem key={m} value={m}>
                            {CHECK_INFO[m].label} … {CHECK_INFO[m].unit}
                          </SelectItem>
                        ))}
                      </SelectGroup>
                    </SelectContent>
                  </Select>
                </div>
              )}
            />
          </div>
          {!event && (
            <div className="grid gap-4 sm:grid-cols-4">
              <Controller
                control={form.control}
                name="comparison"
                render={({ field }) => (
                  <div className="grid gap-1.5">
                    <Label htmlFor="rule-comparison">When</Label>
                    <Select value={field.value} onValueChange={field.onChange}>
                      <SelectTrigger id="rule-comparison">
                        <SelectValue />
                      </SelectTrigger>
                      <SelectContent>
                        <SelectItem value="ABOVE">above</SelectItem>
                        <SelectItem value="BELOW">below</SelectItem>
                      </SelectContent>
                    </Select>
                  </div>
                )}
              />
              <Field id="rule-threshold" label={check ? `Threshold (${check.unit})` : 'Threshold'} error={errors.threshold?.message}>
                <Input inputMode="decimal" {...form.register('threshold')} />
              </Field>
              <Field id="rule-for" label="For (seconds)" error={errors.forSeconds?.message} hint="0 fires at once.">
                <Input inputMode="numeric" {...form.register('forSeconds')} />
              </Field>
              <Field id="rule-hysteresis" label="Hysteresis" error={errors.hysteresis?.message} hint="Blank: 5 % of it.">
                <Input inputMode="decimal" {...form.register('hysteresis')} />
              </Field>
            </div>
          )}
          {values.metric === 'job_failures' && (
            <Field id="rule-window" label="Window (minutes)" error={errors.windowMinutes?.message} hint="Failed jobs are counted over this window.">
              <Input inputMode="numeric" className="sm:max-w-40" {...form.register('windowMinutes')} />
            </Field>
          )}
          {values.metric === 'cert_days_left' && (
            <p className="text-xs text-muted-foreground">
              Reads the certificate each connection using TLS presents (PostgreSQL, MySQL/MariaDB, MongoDB: one handshake, nothing
              sent after it, at most hourly). Connections without TLS, SQLite files and mongodb+srv clusters are left out.
            </p>
          )}
          {targetCheck && (
            <p className="text-xs text-muted-foreground">Local targets only: an S3 bucket has no free space to read, so S3 targets are left out.</p>
          )}
          <div className="grid gap-4 sm:grid-cols-3">
            <Controller
              control={form.control}
              name="level"
              render={({ field }) => (
                <div className="grid gap-1.5">
                  <Label htmlFor="rule-level">Level</Label>
                  <Select value={field.value} onValueChange={field.onChange}>
                    <SelectTrigger id="rule-level">
                      <SelectValue />
                    </SelectTrigger>
                    <SelectContent>
                      {LEVELS.map((l) => (
                        <SelectItem key={l} value={l}>
                          {l.toLowerCase()}
                        </SelectItem>
                      ))}
                    </SelectContent>
                  </Select>
                </div>
              )}
            />
            <Controller
              control={form.control}
              name="scope"
              render={({ field }) => (
                <div className="grid gap-1.5">
                  <Label htmlFor="rule-scope">Watches</Label>
                  <Select
                    value={field.value}
                    onValueChange={(v) => {
                      field.onChange(v)
                      form.setValue('scopeValue', '')
                    }}
                  >
                    <SelectTrigger id="rule-scope">
                      <SelectValue />
                    </SelectTrigger>
                    <SelectContent>
                      {targetCheck ? (
                        <>
                          <SelectItem value="ALL">every storage target</SelectItem>
                          <SelectItem value="TARGET">one storage target</SelectItem>
                        </>
                      ) : (
                        <>
                          <SelectItem value="ALL">every connection</SelectItem>
                          <SelectItem value="CONNECTION">one connection</SelectItem>
                          <SelectItem value="TAG">connections with a tag</SelectItem>
                        </>
                      )}
                    </SelectContent>
                  </Select>
                  {errors.scope && <p className="text-xs font-medium text-destructive">{errors.scope.message}</p>}
                </div>
              )}
            />
            {values.scope === 'CONNECTION' && (
              <Controller
                control={form.control}
                name="scopeValue"
                render={({ field }) => (
                  <div className="grid gap-1.5">
                    <Label htmlFor="rule-connection">Connection</Label>
                    <Select value={field.value} onValueChange={field.onChange}>
                      <SelectTrigger id="rule-connection" aria-invalid={errors.scopeValue ? true : undefined}>
                        <SelectValue placeholder="Pick one" />
                      </SelectTrigger>
                      <SelectContent>
                        {(connections.data ?? []).map((c) => (
                          <SelectItem key={c.id} value={c.id}>
                            {c.name}
                          </SelectItem>
                        ))}
                      </SelectContent>
                    </Select>
                    {errors.scopeValue && <p className="text-xs font-medium text-destructive">{errors.scopeValue.message}</p>}
                  </div>
                )}
              />
            )}
            {values.scope === 'TARGET' && (
              <Controller
                control={form.control}
                name="scopeValue"
                render={({ field }) => (
                  <div className="grid gap-1.5">
                    <Label htmlFor="rule-target">Storage target</Label>
                    <Select value={field.value} onValueChange={field.onChange}>
                      <SelectTrigger id="rule-target" aria-invalid={errors.scopeValue ? true : undefined}>
                        <SelectValue placeholder="Pick one" />
                      </SelectTrigger>
                      <SelectContent>
                        {(targets.data ?? []).map((t) => (
                          <SelectItem key={t.id} value={t.id} disabled={t.kind === 'S3'}>
                            {t.name}
                            {t.kind === 'S3' ? ' (S3: not applicable)' : ''}
                          </SelectItem>
                        ))}
                      </SelectContent>
                    </Select>
                    {errors.scopeValue && <p className="text-xs font-medium text-destructive">{errors.scopeValue.message}</p>}
                  </div>
                )}
              />
            )}
            {values.scope === 'TAG' && (
              <Field id="rule-tag" label="Tag" error={errors.scopeValue?.message}>
                <Input autoComplete="off" {...form.register('scopeValue')} />
              </Field>
            )}
          </div>
          <fieldset className="grid gap-2">
            <legend className="mb-1 text-sm font-medium">Notify</legend>
            <p className="text-xs text-muted-foreground">None ticked: every channel subscribed to monitoring alerts.</p>
            <Controller
              control={form.control}
              name="channelIds"
              render={({ field }) => (
                <div className="grid gap-2 sm:grid-cols-2">
                  {(channels.data ?? []).map((c) => (
                    <label key={c.id} className="flex items-center gap-2 text-sm">
                      <Checkbox
                        checked={field.value.includes(c.id)}
                        onCheckedChange={(on) => field.onChange(on ? [...field.value, c.id] : field.value.filter((x) => x !== c.id))}
                        aria-label={c.name}
                      />
                      {c.name}
                    </label>
                  ))}
                </div>
              )}
            />
          </fieldset>
          <div className="grid items-end gap-4 sm:grid-cols-2">
            <Field id="rule-renotify" label="Repeat every (minutes)" error={errors.renotifyMinutes?.message} hint="0: tell once.">
              <Input inputMode="numeric" {...form.register('renotifyMinutes')} />
            </Field>
            <Controller
              control={form.control}
              name="enabled"
              render={({ field }) => (
                <label className="flex items-center gap-2 pb-2 text-sm">
                  <Switch checked={field.value} onCheckedChange={field.onChange} aria-label="Enabled" />
                  Enabled
                </label>
              )}
            />
          </div>
          <div className="rounded-lg border bg-muted/40 p-3 text-sm" role="status" data-testid="rule-preview">
            {!parsed.success ? (
              <span className="text-muted-foreground">Complete the rule to see how it would have behaved.</span>
            ) : preview.isPending || preview.isFetching ? (
              <span className="flex items-center gap-2 text-muted-foreground">
                <Spinner /> Replaying the last 24 hours…
              </span>
            ) : preview.isError ? (
              <span className="text-destructive">{errorMessage(preview.error)}</span>
            ) : preview.data && !preview.data.supported ? (
              <span className="text-muted-foreground">{preview.data.note}</span>
            ) : preview.data && check ? (
              <div className="grid gap-1">
                <span className="font-medium">
                  Right now this check is past its threshold on {preview.data.fires} of {preview.data.connections.length}
                  {targetCheck ? ' storage targets' : ' connections'}.
                </span>
                {preview.data.connections.slice(0, 5).map((c) => (
                  <span key={c.connectionId ?? c.name} className="text-xs text-muted-foreground">
                    {c.name}: {c.value == null ? '—' : c.value.toLocaleString('en', { maximumFractionDigits: 1 })} {check.unit}
                    {c.fires > 0 ? ' — would fire' : ''}
                  </span>
                ))}
                {preview.data.note && <span className="text-xs text-muted-foreground">{preview.data.note}</span>}
              </div>
            ) : preview.data ? (
              <div className="grid gap-1">
                <span className="font-medium">
                  Over the last 24 h this rule {firesText(preview.data.fires)}
                  {preview.data.connections.length > 1 ? ` across ${preview.data.connections.length} connections` : ''}.
                </span>
                {preview.data.connections
                  .filter((c) => c.fires > 0)
                  .slice(0, 5)
                  .map((c) => (
                    <span key={c.connectionId} className="text-xs text-muted-foreground">
                      {c.name}: {c.fires}× ({c.samples} samples)
                    </span>
                  ))}
                {preview.data.note && <span className="text-xs text-muted-foreground">{preview.data.note}</span>}
              </div>
            ) : null}
          </div>
          <FormDialogFooter label={rule ? 'Save' : 'Add rule'} icon={Save} pending={save.isPending} onCancel={onClose} />
        </form>
      </DialogContent>
    </Dialog>
  )
}
