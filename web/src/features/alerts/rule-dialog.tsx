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
import { usePreview, useRuleMetrics, useSaveRule } from './api'
import { defaultValues, firesText, ruleSchema, toDraft, type RuleValues } from './rule-schema'
import { EVENT_METRICS, isEventMetric, LEVELS, type AlertRuleView } from './types'

/** Creates or edits an alert rule (ADMIN), with a live replay of the draft over the last 24 hours. */
export function RuleDialog({ rule, onClose }: { rule?: AlertRuleView; onClose: () => void }) {
  const save = useSaveRule()
  const metrics = useRuleMetrics()
  const connections = useConnections()
  const channels = useChannels()
  const form = useForm<RuleValues>({ resolver: zodResolver(ruleSchema), defaultValues: defaultValues(rule) })
  const { errors } = form.formState
  const values = useWatch({ control: form.control }) as RuleValues
  const parsed = ruleSchema.safeParse(values)
  const preview = usePreview(parsed.success ? toDraft(parsed.data) : null)
  const event = isEventMetric(values.metric)

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

  const sampled = (metrics.data ?? []).filter((m) => !isEventMetric(m))
  return (
    <Dialog open onOpenChange={(open) => !open && onClose()}>
      <DialogContent className="max-h-[90dvh] overflow-y-auto sm:max-w-2xl">
        <form onSubmit={onSubmit} noValidate className="grid gap-5">
          <DialogHeader>
            <DialogTitle>{rule ? `Edit ${rule.name}` : 'New alert rule'}</DialogTitle>
            <DialogDescription>Fires when a metric stays past its threshold for the duration, on each sample as it arrives.</DialogDescription>
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
                  <Label htmlFor="rule-metric">Metric or event</Label>
                  <Select value={field.value} onValueChange={field.onChange}>
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
              <Field id="rule-threshold" label="Threshold" error={errors.threshold?.message}>
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
                      <SelectItem value="ALL">every connection</SelectItem>
                      <SelectItem value="CONNECTION">one connection</SelectItem>
                      <SelectItem value="TAG">connections with a tag</SelectItem>
                    </SelectContent>
                  </Select>
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
