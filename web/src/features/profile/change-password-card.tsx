import { useForm } from 'react-hook-form'
import { zodResolver } from '@hookform/resolvers/zod'
import { z } from 'zod'
import { toast } from 'sonner'
import * as React from 'react'
import { KeyRound, LogOut } from 'lucide-react'
import { Button } from '@/components/ui/button'
import { Checkbox } from '@/components/ui/checkbox'
import { Label } from '@/components/ui/label'
import { Card, CardContent, CardDescription, CardFooter, CardHeader, CardTitle } from '@/components/ui/card'
import { Field } from '@/components/field'
import { PasswordInput } from '@/components/password-input'
import { Spinner } from '@/components/spinner'
import { useChangePassword, useSignOutElsewhere } from '@/features/auth/api'
import { passwordRule } from '@/features/users/schema'
import { ApiError, errorMessage } from '@/lib/api'

const schema = z
  .object({
    currentPassword: z.string().min(1, 'Enter your current password'),
    newPassword: passwordRule,
    confirm: z.string(),
  })
  .refine((v) => v.newPassword === v.confirm, { path: ['confirm'], message: 'The passwords differ' })
  .refine((v) => v.newPassword !== v.currentPassword, { path: ['newPassword'], message: 'Choose a different password' })

type Values = z.infer<typeof schema>

export function ChangePasswordCard() {
  const change = useChangePassword()
  const elsewhere = useSignOutElsewhere()
  const [revokeTokens, setRevokeTokens] = React.useState(false)
  const form = useForm<Values>({
    resolver: zodResolver(schema),
    defaultValues: { currentPassword: '', newPassword: '', confirm: '' },
  })
  const { errors } = form.formState

  const onSubmit = form.handleSubmit(({ currentPassword, newPassword }) =>
    change.mutate(
      { currentPassword, newPassword, revokeTokens },
      {
        onSuccess: () => {
          toast.success('Password changed', {
            description: revokeTokens ? 'Your other sessions ended and your API tokens were revoked.' : 'Your other sessions ended.',
          })
          form.reset()
          setRevokeTokens(false)
        },
        onError: (e) => {
          if (e instanceof ApiError) {
            for (const [f, reason] of Object.entries(e.fieldErrors)) {
              if (f === 'currentPassword' || f === 'newPassword') form.setError(f, { message: reason }, { shouldFocus: true })
            }
          }
          toast.error('Could not change the password', { description: errorMessage(e) })
        },
      },
    ),
  )

  return (
    <Card>
      <form onSubmit={onSubmit} noValidate className="contents" aria-label="Change password">
        <CardHeader>
          <CardTitle>Password</CardTitle>
          <CardDescription>Use at least 12 characters; a passphrase is easiest to remember.</CardDescription>
        </CardHeader>
        <CardContent className="grid gap-4">
          <Field id="pw-current" label="Current password" error={errors.currentPassword?.message}>
            <PasswordInput autoComplete="current-password" {...form.register('currentPassword')} />
          </Field>
          <div className="grid gap-4 sm:grid-cols-2">
            <Field id="pw-new" label="New password" error={errors.newPassword?.message}>
              <PasswordInput autoComplete="new-password" {...form.register('newPassword')} />
            </Field>
            <Field id="pw-confirm" label="Repeat new password" error={errors.confirm?.message}>
              <PasswordInput autoComplete="new-password" {...form.register('confirm')} />
            </Field>
          </div>
          <div className="flex items-start gap-3">
            <Checkbox
              id="pw-revoke-tokens"
              checked={revokeTokens}
              onCheckedChange={(v) => setRevokeTokens(v === true)}
              disabled={change.isPending}
              className="mt-0.5"
            />
            <div className="grid gap-1">
              <Label htmlFor="pw-revoke-tokens">Also revoke all my API tokens</Label>
              <p className="text-xs text-muted-foreground">
                Your other sessions end in any case; this one stays signed in.
              </p>
            </div>
          </div>
        </CardContent>
        <CardFooter className="justify-between gap-2 border-t pt-4">
          <Button
            type="button"
            variant="outline"
            disabled={elsewhere.isPending}
            onClick={() =>
              elsewhere.mutate(undefined, {
                onSuccess: () => toast.success('Signed out everywhere else'),
                onError: (e) => toast.error('Could not sign out the other sessions', { description: errorMessage(e) }),
              })
            }
          >
            {elsewhere.isPending ? <Spinner /> : <LogOut />} Sign out everywhere else
          </Button>
          <Button type="submit" disabled={change.isPending}>
            {change.isPending ? <Spinner /> : <KeyRound />} Change password
          </Button>
        </CardFooter>
      </form>
    </Card>
  )
}
