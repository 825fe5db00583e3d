import * as React from 'react'
import { Controller, useForm } from 'react-hook-form'
import { zodResolver } from '@hookform/resolvers/zod'
import { toast } from 'sonner'
import { Save, ShieldAlert } from 'lucide-react'
import { PageHeader } from '@/components/page-header'
import { Field } from '@/components/field'
import { Spinner } from '@/components/spinner'
import { Alert, AlertDescription, AlertTitle } from '@/components/ui/alert'
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
import { Button } from '@/components/ui/button'
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from '@/components/ui/card'
import { Checkbox } from '@/components/ui/checkbox'
import { Input } from '@/components/ui/input'
import { Label } from '@/components/ui/label'
import { Switch } from '@/components/ui/switch'
import { Textarea } from '@/components/ui/textarea'
import { roleLabels } from '@/features/auth/current-user'
import { ApiError, errorMessage } from '@/lib/api'
import type { SecuritySettingsView } from '@/lib/api-types'
import { useSaveSecuritySettings, useSecuritySettings } from './api'
import { formField, roles, settingsSchema, toForm, toRequest, type SettingsForm, type SettingsValues } from './schema'

export function SecuritySettingsPage() {
  const settings = useSecuritySettings()
  return (
    <>
      <PageHeader
        title="Security settings"
        description="Session timeouts, two-factor enforcement, address allowlists and per-user limits, for every instance."
      />
      {settings.isPending ? (
        <div className="flex justify-center py-16 text-muted-foreground">
          <Spinner className="size-6" label="Loading" />
        </div>
      ) : settings.isError ? (
        <Alert variant="destructive">
          <ShieldAlert />
          <AlertTitle>Could not load the settings</AlertTitle>
          <AlertDescription>{errorMessage(settings.error)}</AlertDescription>
        </Alert>
      ) : (
        <SettingsEditor current={settings.data} />
      )}
    </>
  )
}

function SettingsEditor({ current }: { current: SecuritySettingsView }) {
  const save = useSaveSecuritySettings()
  const [lockout, setLockout] = React.useState<{ values: SettingsValues; detail: string } | null>(null)
  const form = useForm<SettingsForm, unknown, SettingsValues>({
    resolver: zodResolver(settingsSchema),
    defaultValues: toForm(current),
  })
  const { errors } = form.formState

  const submit = (values: SettingsValues, confirm: boolean) =>
    save.mutate(toRequest(values, confirm), {
      onSuccess: (saved) => {
        toast.success('Security settings saved')
        form.reset(toForm(saved))
        setLockout(null)
      },
      onError: (e) => {
        if (e instanceof ApiError && e.status === 409 && e.type?.endsWith('/self-lockout')) {
          setLockout({ values, detail: e.detail })
          return
        }
        if (e instanceof ApiError) {
          for (const [f, reason] of Object.entries(e.fieldErrors)) {
            const field = formField(f)
            if (field) form.setError(field, { message: reason }, { shouldFocus: true })
          }
        }
        toast.error('Could not save the settings', { description: errorMessage(e) })
      },
    })

  const onSubmit = form.handleSubmit((values) => submit(values, false))
  const allowlist = (name: 'globalAllowlist' | 'adminAllowlist' | 'operatorAllowlist' | 'viewerAllowlist', label: string, hint: string) => (
    <Field id={`sec-${name}`} label={label} error={errors[name]?.message} hint={hint}>
      <Textarea rows={4} className="font-mono text-xs" spellCheck={false} placeholder="e.g. 10.0.0.0/8" {...form.register(name)} />
    </Field>
  )

  return (
    <form onSubmit={onSubmit} noValidate aria-label="Security settings" className="grid gap-6">
      <div className="grid gap-6 lg:grid-cols-2">
        <Card>
          <CardHeader>
            <CardTitle>Sessions</CardTitle>
            <CardDescription>Browser sessions end when unused for the idle timeout, and at the latest after the absolute one. API tokens are not sessions.</CardDescription>
          </CardHeader>
          <CardContent className="grid gap-4 sm:grid-cols-2">
            <Field id="sec-idle" label="Idle timeout (minutes)" error={errors.idleMinutes?.message}>
              <Input type="number" min={1} {...form.register('idleMinutes')} />
            </Field>
            <Field id="sec-absolute" label="Absolute timeout (hours)" error={errors.absoluteHours?.message}>
              <Input type="number" min={0.1} step="any" {...form.register('absoluteHours')} />
            </Field>
          </CardContent>
        </Card>
        <Card>
          <CardHeader>
            <CardTitle>Two-factor sign-in</CardTitle>
            <CardDescription>Members of these roles with a local (password) account must enrol an authenticator app before they can do anything else. Single sign-on users rely on their identity provider.</CardDescription>
          </CardHeader>
          <CardContent>
            <Controller
              control={form.control}
              name="twoFactorRoles"
              render={({ field }) => (
                <div className="flex flex-wrap gap-6" role="group" aria-label="Roles that must use two-factor sign-in">
                  {roles.map((role) => (
                    <div key={role} className="flex items-center gap-2">
                      <Checkbox
                        id={`sec-2fa-${role}`}
                        checked={field.value.includes(role)}
                        onCheckedChange={(on) =>
                          field.onChange(on === true ? [...field.value, role] : field.value.filter((r) => r !== role))
                        }
                      />
                      <Label htmlFor={`sec-2fa-${role}`}>{roleLabels[role]}</Label>
                    </div>
                  ))}
                </div>
              )}
            />
          </CardContent>
        </Card>
      </div>

      <Card>
        <CardHeader>
          <CardTitle>Address allowlists</CardTitle>
          <CardDescription>
            One IPv4 or IPv6 address or CIDR block per line; an empty list allows every address. A request must pass the
            global list and its role's list. Your address as the server sees it: <span className="font-mono font-medium text-foreground">{current.yourAddress}</span>
          </CardDescription>
        </CardHeader>
        <CardContent className="grid gap-4 md:grid-cols-2">
          {allowlist('globalAllowlist', 'Everyone', 'Every API request, signed in or not')}
          {allowlist('adminAllowlist', 'Admins', 'On top of the global list')}
          {allowlist('operatorAllowlist', 'Operators', 'On top of the global list')}
          {allowlist('viewerAllowlist', 'Viewers', 'On top of the global list')}
        </CardContent>
      </Card>

      <div className="grid gap-6 lg:grid-cols-2">
        <Card>
          <CardHeader>
            <CardTitle>Per-user limits</CardTitle>
            <CardDescription>Defaults for every user; an administrator can set other limits for one user. Empty: no limit.</CardDescription>
          </CardHeader>
          <CardContent className="grid gap-4 sm:grid-cols-2">
            <Field id="sec-max-sessions" label="Concurrent console sessions" error={errors.defaultMaxConsoleSessions?.message}>
              <Input inputMode="numeric" {...form.register('defaultMaxConsoleSessions')} />
            </Field>
            <Field id="sec-max-running" label="Running statements" error={errors.defaultMaxRunningStatements?.message}>
              <Input inputMode="numeric" {...form.register('defaultMaxRunningStatements')} />
            </Field>
          </CardContent>
        </Card>
        <Card>
          <CardHeader>
            <CardTitle>Audit and data</CardTitle>
            <CardDescription>How long audit records stay in the live log (empty: for ever), and data masking.</CardDescription>
          </CardHeader>
          <CardContent className="grid gap-4 sm:grid-cols-2">
            <Field id="sec-retention" label="Audit retention (days)" error={errors.auditRetentionDays?.message}>
              <Input inputMode="numeric" {...form.register('auditRetentionDays')} />
            </Field>
            <Controller
              control={form.control}
              name="masking"
              render={({ field }) => (
                <div className="flex items-center gap-3 self-end pb-2">
                  <Switch id="sec-masking" checked={field.value} onCheckedChange={field.onChange} />
                  <Label htmlFor="sec-masking">Data masking on</Label>
                </div>
              )}
            />
          </CardContent>
        </Card>
      </div>

      <div className="flex justify-end">
        <Button type="submit" disabled={save.isPending || !form.formState.isDirty}>
          {save.isPending ? <Spinner /> : <Save />} Save settings
        </Button>
      </div>

      <AlertDialog open={lockout != null} onOpenChange={(open) => !open && setLockout(null)}>
        <AlertDialogContent>
          <AlertDialogHeader>
            <AlertDialogTitle>Lock yourself out?</AlertDialogTitle>
            <AlertDialogDescription>
              {lockout?.detail.replace(/; send .*$/, '.')} Once saved, this browser cannot reach Steward any more; only a
              client from an allowed address can change the lists back.
            </AlertDialogDescription>
          </AlertDialogHeader>
          <AlertDialogFooter>
            <AlertDialogCancel>Cancel</AlertDialogCancel>
            <AlertDialogAction
              className="bg-destructive text-white hover:bg-destructive/90"
              onClick={() => lockout && submit(lockout.values, true)}
            >
              Save anyway
            </AlertDialogAction>
          </AlertDialogFooter>
        </AlertDialogContent>
      </AlertDialog>
    </form>
  )
}
