import { useForm } from 'react-hook-form'
import { zodResolver } from '@hookform/resolvers/zod'
import { z } from 'zod'
import { toast } from 'sonner'
import { KeyRound } from 'lucide-react'
import { Button } from '@/components/ui/button'
import { Card, CardContent, CardDescription, CardFooter, CardHeader, CardTitle } from '@/components/ui/card'
import { Field } from '@/components/field'
import { PasswordInput } from '@/components/password-input'
import { Spinner } from '@/components/spinner'
import { useChangePassword } from '@/features/auth/api'
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
  const form = useForm<Values>({
    resolver: zodResolver(schema),
    defaultValues: { currentPassword: '', newPassword: '', confirm: '' },
  })
  const { errors } = form.formState

  const onSubmit = form.handleSubmit(({ currentPassword, newPassword }) =>
    change.mutate(
      { currentPassword, newPassword },
      {
        onSuccess: () => {
          toast.success('Password changed')
          form.reset()
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
        </CardContent>
        <CardFooter className="justify-end border-t pt-4">
          <Button type="submit" disabled={change.isPending}>
            {change.isPending ? <Spinner /> : <KeyRound />} Change password
          </Button>
        </CardFooter>
      </form>
    </Card>
  )
}
