import { Controller, useForm, useWatch } from 'react-hook-form'
import { zodResolver } from '@hookform/resolvers/zod'
import { toast } from 'sonner'
import { Save } from 'lucide-react'
import { Checkbox } from '@/components/ui/checkbox'
import { Dialog, DialogContent, DialogDescription, DialogHeader, DialogTitle } from '@/components/ui/dialog'
import { Input } from '@/components/ui/input'
import { Label } from '@/components/ui/label'
import { Select, SelectContent, SelectItem, SelectTrigger, SelectValue } from '@/components/ui/select'
import { Switch } from '@/components/ui/switch'
import { Field } from '@/components/field'
import { FormDialogFooter } from '@/components/form-dialog-footer'
import { PasswordInput } from '@/components/password-input'
import { ApiError, errorMessage } from '@/lib/api'
import type { ChannelView } from '@/lib/api-types'
import { useSaveChannel } from './api'
import { channelSchema, channelTypeLabels, channelTypes, defaultValues, toDraft, topics, type ChannelValues } from './schema'

const urlHints = {
  WEBHOOK: 'Steward POSTs a JSON body here.',
  SLACK: 'The Slack app’s incoming-webhook URL (https://hooks.slack.com/services/…).',
  TEAMS: 'The Teams Workflows incoming-webhook URL.',
  DISCORD: 'The channel’s webhook URL (https://discord.com/api/webhooks/…).',
  TELEGRAM: 'Optional: a Bot API server other than https://api.telegram.org.',
} as const

/** Creates a channel, or edits one (mounted afresh for each, so its form starts from that channel). */
export function ChannelDialog({ channel, onClose }: { channel?: ChannelView; onClose: () => void }) {
  const save = useSaveChannel()
  const form = useForm<ChannelValues>({ resolver: zodResolver(channelSchema(channel)), defaultValues: defaultValues(channel) })
  const { errors } = form.formState
  const type = useWatch({ control: form.control, name: 'type' })
  const failuresOnly = useWatch({ control: form.control, name: 'failuresOnly' })
  const keep = channel ? 'Leave blank to keep the stored value.' : undefined

  const onSubmit = form.handleSubmit((values) =>
    save.mutate(
      { id: channel?.id, body: toDraft(values) },
      {
        onSuccess: (saved) => {
          toast.success(channel ? `Saved ${saved.name}` : `Added ${saved.name}`)
          onClose()
        },
        onError: (e) => {
          if (e instanceof ApiError) {
            for (const [field, reason] of Object.entries(e.fieldErrors)) {
              const name = field.replace(/\[\d+\]$/, '') as keyof ChannelValues
              if (name in values) form.setError(name, { message: reason })
            }
            if (e.status === 409) form.setError('name', { message: e.detail || 'This name is taken' })
          }
          toast.error('Could not save the channel', { description: errorMessage(e) })
        },
      },
    ),
  )

  return (
    <Dialog open onOpenChange={(open) => !open && onClose()}>
      <DialogContent className="max-h-[90dvh] overflow-y-auto sm:max-w-xl">
        <form onSubmit={onSubmit} noValidate className="grid gap-5">
          <DialogHeader>
            <DialogTitle>{channel ? `Edit ${channel.name}` : 'New notification channel'}</DialogTitle>
            <DialogDescription>Where Steward tells you about backups, verifications and schedules.</DialogDescription>
          </DialogHeader>
          <div className="grid gap-4 sm:grid-cols-2">
            <Field id="channel-name" label="Name" error={errors.name?.message}>
              <Input autoComplete="off" {...form.register('name')} />
            </Field>
            <Controller
              control={form.control}
              name="type"
              render={({ field }) => (
                <div className="grid gap-1.5">
                  <Label htmlFor="channel-type">Type</Label>
                  <Select value={field.value} onValueChange={field.onChange} disabled={channel != null}>
                    <SelectTrigger id="channel-type">
                      <SelectValue />
                    </SelectTrigger>
                    <SelectContent>
                      {channelTypes.map((t) => (
                        <SelectItem key={t} value={t}>
                          {channelTypeLabels[t]}
                        </SelectItem>
                      ))}
                    </SelectContent>
                  </Select>
                </div>
              )}
            />
          </div>

          {type === 'EMAIL' ? (
            <div className="grid gap-4 sm:grid-cols-2">
              <Field id="channel-smtp-host" label="SMTP host" error={errors.smtpHost?.message}>
                <Input autoComplete="off" spellCheck={false} {...form.register('smtpHost')} />
              </Field>
              <Field id="channel-smtp-port" label="Port" error={errors.smtpPort?.message} hint="Default: 587, 465 for SSL, 25 for none.">
                <Input inputMode="numeric" {...form.register('smtpPort')} />
              </Field>
              <Controller
                control={form.control}
                name="smtpSecurity"
                render={({ field }) => (
                  <div className="grid gap-1.5">
                    <Label htmlFor="channel-smtp-security">Security</Label>
                    <Select value={field.value} onValueChange={field.onChange}>
                      <SelectTrigger id="channel-smtp-security">
                        <SelectValue />
                      </SelectTrigger>
                      <SelectContent>
                        <SelectItem value="STARTTLS">STARTTLS (required)</SelectItem>
                        <SelectItem value="SSL">SSL/TLS</SelectItem>
                        <SelectItem value="NONE">None (trusted relay only)</SelectItem>
                      </SelectContent>
                    </Select>
                  </div>
                )}
              />
              <Field id="channel-smtp-user" label="User name" error={errors.smtpUsername?.message} hint="Optional.">
                <Input autoComplete="off" {...form.register('smtpUsername')} />
              </Field>
              <Field id="channel-smtp-password" label="Password" error={errors.smtpPassword?.message}
                hint={channel?.hasSmtpPassword ? keep : 'Stored encrypted; never shown again.'}>
                <PasswordInput autoComplete="new-password" {...form.register('smtpPassword')} />
              </Field>
              <Field id="channel-mail-from" label="From" error={errors.mailFrom?.message}>
                <Input type="email" autoComplete="off" {...form.register('mailFrom')} />
              </Field>
              <Field id="channel-mail-to" label="To" error={errors.mailTo?.message} hint="Addresses separated by commas." className="sm:col-span-2">
                <Input autoComplete="off" {...form.register('mailTo')} />
              </Field>
            </div>
          ) : (
            <div className="grid gap-4">
              <Field id="channel-url" label={type === 'TELEGRAM' ? 'Bot API server' : 'URL'} error={errors.url?.message}
                hint={channel?.hasUrl ? `${channel.urlHost ?? 'Set'} — ${keep}` : urlHints[type]}>
                <Input type="url" autoComplete="off" spellCheck={false} placeholder={type === 'TELEGRAM' ? 'https://api.telegram.org' : 'https://'} {...form.register('url')} />
              </Field>
              {type === 'WEBHOOK' && (
                <Field id="channel-secret" label="Signing secret" error={errors.secret?.message}
                  hint={channel?.hasSecret ? keep : 'Optional: adds X-Steward-Signature: sha256=<HMAC of the body>.'}>
                  <PasswordInput autoComplete="new-password" {...form.register('secret')} />
                </Field>
              )}
              {type === 'TELEGRAM' && (
                <div className="grid gap-4 sm:grid-cols-2">
                  <Field id="channel-bot-token" label="Bot token" error={errors.botToken?.message} hint={channel?.hasBotToken ? keep : 'From @BotFather.'}>
                    <PasswordInput autoComplete="off" {...form.register('botToken')} />
                  </Field>
                  <Field id="channel-chat-id" label="Chat id" error={errors.chatId?.message} hint="A number, or @channelname.">
                    <Input autoComplete="off" {...form.register('chatId')} />
                  </Field>
                </div>
              )}
            </div>
          )}

          <fieldset className="grid gap-2">
            <legend className="mb-1 text-sm font-medium">Notify about</legend>
            <Controller
              control={form.control}
              name="topics"
              render={({ field }) => (
                <div className="grid gap-2 sm:grid-cols-2">
                  {topics.map((t) => {
                    const muted = failuresOnly && !t.failure
                    return (
                      <label key={t.topic} className={`flex items-center gap-2 text-sm ${muted ? 'text-muted-foreground line-through' : ''}`}>
                        <Checkbox
                          checked={field.value.includes(t.topic)}
                          onCheckedChange={(on) =>
                            field.onChange(on ? [...field.value, t.topic] : field.value.filter((x) => x !== t.topic))
                          }
                          aria-label={t.label}
                        />
                        {t.label}
                      </label>
                    )
                  })}
                </div>
              )}
            />
          </fieldset>
          <div className="grid gap-3 sm:grid-cols-2">
            <Controller
              control={form.control}
              name="failuresOnly"
              render={({ field }) => (
                <label className="flex items-center gap-2 text-sm">
                  <Switch checked={field.value} onCheckedChange={field.onChange} aria-label="Failures only" />
                  Failures only
                </label>
              )}
            />
            <Controller
              control={form.control}
              name="enabled"
              render={({ field }) => (
                <label className="flex items-center gap-2 text-sm">
                  <Switch checked={field.value} onCheckedChange={field.onChange} aria-label="Enabled" />
                  Enabled
                </label>
              )}
            />
          </div>
          <FormDialogFooter label={channel ? 'Save' : 'Add channel'} icon={Save} pending={save.isPending} onCancel={onClose} />
        </form>
      </DialogContent>
    </Dialog>
  )
}
