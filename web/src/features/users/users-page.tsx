import * as React from 'react'
import { Controller, useForm } from 'react-hook-form'
import { zodResolver } from '@hookform/resolvers/zod'
import { toast } from 'sonner'
import { Gauge, KeyRound, LockOpen, Ticket, UserPlus, Users } from 'lucide-react'
import { Button } from '@/components/ui/button'
import { Card } from '@/components/ui/card'
import { Dialog, DialogContent, DialogDescription, DialogHeader, DialogTitle } from '@/components/ui/dialog'
import { Input } from '@/components/ui/input'
import { Label } from '@/components/ui/label'
import { Select, SelectContent, SelectItem, SelectTrigger, SelectValue } from '@/components/ui/select'
import { Skeleton } from '@/components/ui/skeleton'
import { Switch } from '@/components/ui/switch'
import { Hint } from '@/components/ui/tooltip'
import { DataTable, type DataTableColumn } from '@/components/data-table'
import { EmptyState } from '@/components/empty-state'
import { Field } from '@/components/field'
import { PageHeader } from '@/components/page-header'
import { PasswordInput } from '@/components/password-input'
import { FormDialogFooter } from '@/components/form-dialog-footer'
import { useRetained } from '@/hooks/use-retained'
import { roleLabels, useCurrentUser } from '@/features/auth/current-user'
import { ApiError, errorMessage } from '@/lib/api'
import type { Role, UserView } from '@/lib/api-types'
import { initials } from '@/lib/utils'
import { formatDate, formatDateTime } from '@/lib/format'
import { UserTokensDialog } from './user-tokens-dialog'
import { UserLimitsDialog } from './user-limits-dialog'
import { useCreateUser, useResetPassword, useUnlockUser, useUpdateUser, useUsers } from './api'
import {
  createUserSchema,
  resetPasswordSchema,
  roleDescriptions,
  type CreateUserValues,
  type ResetPasswordValues,
} from './schema'

const roles: Role[] = ['ADMIN', 'OPERATOR', 'VIEWER']

export function UsersPage() {
  const me = useCurrentUser()
  const users = useUsers()
  const update = useUpdateUser()
  const unlock = useUnlockUser()
  const [creating, setCreating] = React.useState(false)
  const [resetting, setResetting] = React.useState<UserView | null>(null)
  const [tokensOf, setTokensOf] = React.useState<UserView | null>(null)
  const [limitsOf, setLimitsOf] = React.useState<UserView | null>(null)

  const change = (u: UserView, body: { role?: Role; enabled?: boolean }, done: string) =>
    update.mutate(
      { id: u.id, body },
      {
        onSuccess: () => toast.success(done),
        onError: (e) => toast.error(`Could not update ${u.username}`, { description: errorMessage(e) }),
      },
    )

  const lift = (u: UserView) =>
    unlock.mutate(u.id, {
      onSuccess: () => toast.success(`${u.username} can log in again`),
      onError: (e) => toast.error(`Could not unlock ${u.username}`, { description: errorMessage(e) }),
    })

  const columns: DataTableColumn<UserView>[] = [
    {
      id: 'user',
      header: 'User',
      sortValue: (u) => u.username,
      skeleton: (
        <div className="flex items-center gap-3">
          <Skeleton className="size-8 rounded-full" />
          <Skeleton className="h-4 w-32" />
        </div>
      ),
      cell: (u) => (
        <div className="flex items-center gap-3">
          <span className="flex size-8 items-center justify-center rounded-full bg-muted text-xs font-semibold text-muted-foreground">
            {initials(u.username)}
          </span>
          <div className="min-w-0">
            <div className="truncate font-medium">
              {u.username}
              {u.id === me.id && <span className="ml-2 text-xs font-normal text-muted-foreground">(you)</span>}
            </div>
            <div className="text-xs text-muted-foreground">{roleDescriptions[u.role]}</div>
            {u.locked && (
              <div className="text-xs font-medium text-destructive" data-testid={`locked-${u.username}`}>
                Locked after failed logins
                {u.lockedUntil ? ` until ${formatDateTime(u.lockedUntil)}` : ''}
              </div>
            )}
          </div>
        </div>
      ),
    },
    {
      id: 'role',
      header: 'Role',
      className: 'w-48',
      sortValue: (u) => roles.indexOf(u.role),
      skeleton: <Skeleton className="h-8 w-36" />,
      cell: (u) => (
        <Select value={u.role} onValueChange={(role) => change(u, { role: role as Role }, `${u.username} is now ${roleLabels[role as Role]}; their sessions ended`)}>
          <SelectTrigger size="sm" className="w-36" aria-label={`Role of ${u.username}`}>
            <SelectValue />
          </SelectTrigger>
          <SelectContent>
            {roles.map((r) => (
              <SelectItem key={r} value={r}>
                {roleLabels[r]}
              </SelectItem>
            ))}
          </SelectContent>
        </Select>
      ),
    },
    {
      id: 'enabled',
      header: 'Enabled',
      className: 'w-32',
      sortValue: (u) => !u.enabled,
      skeleton: <Skeleton className="h-5 w-9 rounded-full" />,
      cell: (u) => (
        <div className="flex items-center gap-2">
          <Switch
            checked={u.enabled}
            onCheckedChange={(enabled) => change(u, { enabled }, `${u.username} ${enabled ? 'enabled' : 'disabled'}`)}
            aria-label={`Enabled: ${u.username}`}
          />
          <span className="text-xs text-muted-foreground">{u.enabled ? 'Yes' : 'No'}</span>
        </div>
      ),
    },
    {
      id: 'created',
      header: 'Created',
      className: 'w-40',
      cellClassName: 'text-muted-foreground',
      sortValue: (u) => Date.parse(u.createdAt),
      skeleton: <Skeleton className="h-4 w-24" />,
      cell: (u) => (
        <time dateTime={u.createdAt} title={formatDateTime(u.createdAt)}>
          {formatDate(u.createdAt)}
        </time>
      ),
    },
    {
      id: 'actions',
      header: 'Actions',
      srOnlyHeader: true,
      className: 'w-40 text-right',
      cellClassName: 'text-right whitespace-nowrap',
      cell: (u) => (
        <>
          {u.locked && (
            <Hint label="Unlock: let them log in again">
              <Button variant="ghost" size="icon-sm" onClick={() => lift(u)} disabled={unlock.isPending} aria-label={`Unlock ${u.username}`}>
                <LockOpen />
              </Button>
            </Hint>
          )}
          <Hint label="API tokens">
            <Button variant="ghost" size="icon-sm" onClick={() => setTokensOf(u)} aria-label={`API tokens of ${u.username}`}>
              <Ticket />
            </Button>
          </Hint>
          <Hint label="Limits">
            <Button variant="ghost" size="icon-sm" onClick={() => setLimitsOf(u)} aria-label={`Limits of ${u.username}`}>
              <Gauge />
            </Button>
          </Hint>
          <Hint label="Reset password">
            <Button variant="ghost" size="icon-sm" onClick={() => setResetting(u)} aria-label={`Reset password of ${u.username}`}>
              <KeyRound />
            </Button>
          </Hint>
        </>
      ),
    },
  ]

  return (
    <>
      <PageHeader
        title="Users"
        description="Who may use Steward, and what they may do."
        actions={
          <Button onClick={() => setCreating(true)}>
            <UserPlus /> New user
          </Button>
        }
      />
      <Card className="gap-0 overflow-hidden py-0">
        <DataTable
          columns={columns}
          rows={users.data}
          rowKey={(u) => u.id}
          rowProps={(u) => ({ 'data-testid': `user-row-${u.username}` })}
          defaultSort={{ column: 'user', desc: false }}
          busy={users.isFetching}
          error={users.isError ? { title: 'Could not load users', error: users.error, onRetry: () => void users.refetch() } : null}
          empty={
            <EmptyState
              className="border-0"
              icon={Users}
              title="No users"
              action={
                <Button onClick={() => setCreating(true)}>
                  <UserPlus /> New user
                </Button>
              }
            />
          }
        />
      </Card>
      <CreateUserDialog open={creating} onOpenChange={setCreating} />
      <ResetPasswordDialog user={resetting} onOpenChange={(open) => !open && setResetting(null)} />
      <UserTokensDialog user={tokensOf} onClose={() => setTokensOf(null)} />
      <UserLimitsDialog user={limitsOf} onClose={() => setLimitsOf(null)} />
    </>
  )
}

function CreateUserDialog({ open, onOpenChange }: { open: boolean; onOpenChange: (open: boolean) => void }) {
  const create = useCreateUser()
  const form = useForm<CreateUserValues>({
    resolver: zodResolver(createUserSchema),
    defaultValues: { username: '', password: '', role: 'VIEWER' },
  })
  const { errors } = form.formState
  React.useEffect(() => {
    if (open) form.reset()
  }, [open, form])

  const onSubmit = form.handleSubmit((values) =>
    create.mutate(values, {
      onSuccess: (u) => {
        toast.success(`Created user ${u.username}`)
        onOpenChange(false)
      },
      onError: (e) => {
        if (e instanceof ApiError && e.status === 409) {
          form.setError('username', { message: e.detail || 'This username is taken' }, { shouldFocus: true })
        } else if (e instanceof ApiError && Object.keys(e.fieldErrors).length) {
          for (const [f, reason] of Object.entries(e.fieldErrors)) {
            if (f === 'username' || f === 'password' || f === 'role') form.setError(f, { message: reason })
          }
        }
        toast.error('Could not create the user', { description: errorMessage(e) })
      },
    }),
  )

  return (
    <Dialog open={open} onOpenChange={onOpenChange}>
      <DialogContent>
        <form onSubmit={onSubmit} noValidate className="grid gap-5">
          <DialogHeader>
            <DialogTitle>New user</DialogTitle>
            <DialogDescription>They can change the password after the first login.</DialogDescription>
          </DialogHeader>
          <Field id="user-username" label="Username" error={errors.username?.message} hint="Lower-case letters, digits, . _ -">
            <Input autoComplete="off" autoCapitalize="none" spellCheck={false} {...form.register('username')} />
          </Field>
          <Field id="user-password" label="Initial password" error={errors.password?.message} hint="At least 12 characters.">
            <PasswordInput autoComplete="new-password" {...form.register('password')} />
          </Field>
          <Controller
            control={form.control}
            name="role"
            render={({ field }) => (
              <div className="grid gap-1.5">
                <Label htmlFor="user-role">Role</Label>
                <Select value={field.value} onValueChange={field.onChange}>
                  <SelectTrigger id="user-role" aria-describedby="user-role-hint">
                    <SelectValue />
                  </SelectTrigger>
                  <SelectContent>
                    {roles.map((r) => (
                      <SelectItem key={r} value={r}>
                        {roleLabels[r]}
                      </SelectItem>
                    ))}
                  </SelectContent>
                </Select>
                <p id="user-role-hint" className="text-xs text-muted-foreground">
                  {roleDescriptions[field.value]}
                </p>
              </div>
            )}
          />
          <FormDialogFooter label="Create user" icon={UserPlus} pending={create.isPending} onCancel={() => onOpenChange(false)} />
        </form>
      </DialogContent>
    </Dialog>
  )
}

function ResetPasswordDialog({ user, onOpenChange }: { user: UserView | null; onOpenChange: (open: boolean) => void }) {
  const reset = useResetPassword()
  const form = useForm<ResetPasswordValues>({
    resolver: zodResolver(resetPasswordSchema),
    defaultValues: { newPassword: '', confirm: '' },
  })
  const { errors } = form.formState
  const shown = useRetained(user)
  React.useEffect(() => {
    if (user) form.reset()
  }, [user, form])

  const onSubmit = form.handleSubmit((values) => {
    if (!user) return
    reset.mutate(
      { id: user.id, newPassword: values.newPassword },
      {
        onSuccess: () => {
          toast.success(`Password of ${user.username} reset`)
          onOpenChange(false)
        },
        onError: (e) => {
          const reason = e instanceof ApiError ? e.fieldErrors.newPassword : undefined
          if (reason) form.setError('newPassword', { message: reason })
          toast.error('Could not reset the password', { description: errorMessage(e) })
        },
      },
    )
  })

  return (
    <Dialog open={user != null} onOpenChange={onOpenChange}>
      <DialogContent>
        <form onSubmit={onSubmit} noValidate className="grid gap-5">
          <DialogHeader>
            <DialogTitle>Reset password of {shown?.username}</DialogTitle>
            <DialogDescription>
              Ends all their sessions, revokes their API tokens and lifts a login lock. Tell them the new password
              through a safe channel.
            </DialogDescription>
          </DialogHeader>
          <Field id="reset-new" label="New password" error={errors.newPassword?.message} hint="At least 12 characters.">
            <PasswordInput autoComplete="new-password" {...form.register('newPassword')} />
          </Field>
          <Field id="reset-confirm" label="Repeat new password" error={errors.confirm?.message}>
            <PasswordInput autoComplete="new-password" {...form.register('confirm')} />
          </Field>
          <FormDialogFooter label="Reset password" icon={KeyRound} pending={reset.isPending} onCancel={() => onOpenChange(false)} />
        </form>
      </DialogContent>
    </Dialog>
  )
}
