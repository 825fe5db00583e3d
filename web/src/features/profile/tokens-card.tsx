import * as React from 'react'
import { Controller, useForm } from 'react-hook-form'
import { zodResolver } from '@hookform/resolvers/zod'
import { z } from 'zod'
import { toast } from 'sonner'
import { Check, Copy, KeyRound, Plus, TriangleAlert, Trash2 } from 'lucide-react'
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
import { Checkbox } from '@/components/ui/checkbox'
import { Card, CardAction, CardDescription, CardHeader, CardTitle } from '@/components/ui/card'
import { Dialog, DialogContent, DialogDescription, DialogFooter, DialogHeader, DialogTitle } from '@/components/ui/dialog'
import { Input } from '@/components/ui/input'
import { Label } from '@/components/ui/label'
import { Select, SelectContent, SelectItem, SelectTrigger, SelectValue } from '@/components/ui/select'
import { Hint } from '@/components/ui/tooltip'
import { DataTable, type DataTableColumn } from '@/components/data-table'
import { Field } from '@/components/field'
import { FormDialogFooter } from '@/components/form-dialog-footer'
import { useChanged, useRetained } from '@/hooks/use-retained'
import { errorMessage } from '@/lib/api'
import type { CreatedToken, TokenView } from '@/lib/api-types'
import { formatDate, formatDateTime, formatRelative } from '@/lib/format'
import { useCreateToken, useRevokeToken, useTokens } from './api'
import { TokenScope, TokenStatusBadge, tokenStatus } from './token-cells'

export function TokensCard() {
  const tokens = useTokens()
  const [creating, setCreating] = React.useState(false)
  const [created, setCreated] = React.useState<CreatedToken | null>(null)
  const [revoking, setRevoking] = React.useState<TokenView | null>(null)
  const revoke = useRevokeToken()
  const shownRevoking = useRetained(revoking)

  const columns: DataTableColumn<TokenView>[] = [
    { id: 'name', header: 'Name', sortValue: (t) => t.name, cellClassName: 'font-medium', cell: (t) => t.name },
    {
      id: 'token',
      header: 'Token',
      cellClassName: 'font-mono text-xs text-muted-foreground',
      cell: (t) => `${t.prefix.startsWith('stw_') ? t.prefix : `stw_${t.prefix}`}…`,
    },
    {
      id: 'scope',
      header: 'Scope',
      sortValue: (t) => (t.readOnly ? 0 : 1),
      cell: (t) => <TokenScope token={t} />,
    },
    {
      id: 'created',
      header: 'Created',
      sortValue: (t) => Date.parse(t.createdAt),
      cellClassName: 'text-muted-foreground',
      cell: (t) => <span title={formatDateTime(t.createdAt)}>{formatDate(t.createdAt)}</span>,
    },
    {
      id: 'lastUsed',
      header: 'Last used',
      sortValue: (t) => (t.lastUsedAt ? Date.parse(t.lastUsedAt) : null),
      cellClassName: 'text-muted-foreground',
      cell: (t) => <span title={formatDateTime(t.lastUsedAt)}>{t.lastUsedAt ? formatRelative(t.lastUsedAt) : 'Never'}</span>,
    },
    {
      id: 'expires',
      header: 'Expires',
      sortValue: (t) => (t.expiresAt ? Date.parse(t.expiresAt) : null),
      cellClassName: 'text-muted-foreground',
      cell: (t) => <span title={formatDateTime(t.expiresAt)}>{t.expiresAt ? formatDate(t.expiresAt) : 'Never'}</span>,
    },
    {
      id: 'status',
      header: 'Status',
      sortValue: (t) => tokenStatus(t).label,
      cell: (t) => <TokenStatusBadge token={t} />,
    },
    {
      id: 'actions',
      header: 'Actions',
      srOnlyHeader: true,
      className: 'text-right',
      cellClassName: 'text-right',
      cell: (t) =>
        !t.revokedAt && (
          <Hint label="Revoke">
            <Button
              variant="ghost"
              size="icon-sm"
              className="text-muted-foreground hover:bg-destructive/10 hover:text-destructive"
              onClick={() => setRevoking(t)}
              aria-label={`Revoke token ${t.name}`}
            >
              <Trash2 />
            </Button>
          </Hint>
        ),
    },
  ]

  return (
    <Card className="gap-0 pb-0">
      <CardHeader className="pb-4">
        <CardTitle>API tokens</CardTitle>
        <CardDescription>
          For scripts and CI: send <code className="rounded bg-muted px-1 font-mono text-xs">Authorization: Bearer stw_…</code>.
          A token acts with your role; a read-only token can only read.
        </CardDescription>
        <CardAction>
          <Button size="sm" onClick={() => setCreating(true)}>
            <Plus /> New token
          </Button>
        </CardAction>
      </CardHeader>
      <div className="border-t">
        <DataTable
          columns={columns}
          rows={tokens.data}
          rowKey={(t) => t.id}
          rowProps={() => ({ 'data-testid': 'token-row' })}
          defaultSort={{ column: 'created', desc: true }}
          skeletonRows={2}
          busy={tokens.isFetching}
          error={tokens.isError ? { title: 'Could not load tokens', error: tokens.error } : null}
          empty={
            <div className="flex flex-col items-center gap-2 rounded-lg border border-dashed py-8 text-center">
              <KeyRound className="size-5 text-muted-foreground" aria-hidden />
              <p className="text-sm font-medium">No tokens yet</p>
              <Button variant="outline" size="sm" onClick={() => setCreating(true)}>
                <Plus /> Create your first token
              </Button>
            </div>
          }
        />
      </div>

      <CreateTokenDialog open={creating} onOpenChange={setCreating} onCreated={setCreated} />
      <RevealTokenDialog token={created} onClose={() => setCreated(null)} />
      <AlertDialog open={revoking != null} onOpenChange={(open) => !open && setRevoking(null)}>
        <AlertDialogContent>
          <AlertDialogHeader>
            <AlertDialogTitle>Revoke “{shownRevoking?.name}”?</AlertDialogTitle>
            <AlertDialogDescription>
              Scripts using this token stop working at once. This cannot be undone.
            </AlertDialogDescription>
          </AlertDialogHeader>
          <AlertDialogFooter>
            <AlertDialogCancel>Cancel</AlertDialogCancel>
            <AlertDialogAction
              variant="destructive"
              onClick={() => {
                const t = revoking
                if (!t) return
                revoke.mutate(t, {
                  onSuccess: () => toast.success(`Revoked “${t.name}”`),
                  onError: (e) => toast.error('Could not revoke the token', { description: errorMessage(e) }),
                })
              }}
            >
              Revoke token
            </AlertDialogAction>
          </AlertDialogFooter>
        </AlertDialogContent>
      </AlertDialog>
    </Card>
  )
}

const createSchema = z.object({
  name: z.string().trim().min(1, 'Name the token after what uses it').max(100, 'At most 100 characters'),
  expiry: z.enum(['7', '30', '90', '365', 'never']),
  readOnly: z.boolean(),
})
type CreateValues = z.infer<typeof createSchema>

function CreateTokenDialog({
  open,
  onOpenChange,
  onCreated,
}: {
  open: boolean
  onOpenChange: (open: boolean) => void
  onCreated: (t: CreatedToken) => void
}) {
  const create = useCreateToken()
  const form = useForm<CreateValues>({ resolver: zodResolver(createSchema), defaultValues: { name: '', expiry: '90', readOnly: false } })
  React.useEffect(() => {
    if (open) form.reset()
  }, [open, form])
  const onSubmit = form.handleSubmit((v) =>
    create.mutate(
      { name: v.name.trim(), expiresInDays: v.expiry === 'never' ? null : Number(v.expiry), readOnly: v.readOnly },
      {
        onSuccess: (t) => {
          onOpenChange(false)
          onCreated(t)
          toast.success(`Created token “${t.name}”`)
        },
        onError: (e) => toast.error('Could not create the token', { description: errorMessage(e) }),
      },
    ),
  )
  return (
    <Dialog open={open} onOpenChange={onOpenChange}>
      <DialogContent>
        <form onSubmit={onSubmit} noValidate className="grid gap-5">
          <DialogHeader>
            <DialogTitle>New API token</DialogTitle>
            <DialogDescription>The token is shown once, right after you create it.</DialogDescription>
          </DialogHeader>
          <Field id="token-name" label="Name" error={form.formState.errors.name?.message}>
            <Input placeholder="nightly-backup-job" autoComplete="off" {...form.register('name')} />
          </Field>
          <Controller
            control={form.control}
            name="expiry"
            render={({ field }) => (
              <div className="grid gap-1.5">
                <Label htmlFor="token-expiry">Expires</Label>
                <Select value={field.value} onValueChange={field.onChange}>
                  <SelectTrigger id="token-expiry">
                    <SelectValue />
                  </SelectTrigger>
                  <SelectContent>
                    <SelectItem value="7">In 7 days</SelectItem>
                    <SelectItem value="30">In 30 days</SelectItem>
                    <SelectItem value="90">In 90 days</SelectItem>
                    <SelectItem value="365">In a year</SelectItem>
                    <SelectItem value="never">Never</SelectItem>
                  </SelectContent>
                </Select>
              </div>
            )}
          />
          <Controller
            control={form.control}
            name="readOnly"
            render={({ field }) => (
              <div className="flex items-start gap-2">
                <Checkbox
                  id="token-read-only"
                  checked={field.value}
                  onCheckedChange={(v) => field.onChange(v === true)}
                  className="mt-0.5"
                />
                <div className="grid gap-0.5">
                  <Label htmlFor="token-read-only">Read-only</Label>
                  <p className="text-xs text-muted-foreground">
                    The token may only read (GET requests): for dashboards and monitoring scripts.
                  </p>
                </div>
              </div>
            )}
          />
          <FormDialogFooter label="Create token" icon={KeyRound} pending={create.isPending} onCancel={() => onOpenChange(false)} />
        </form>
      </DialogContent>
    </Dialog>
  )
}

function RevealTokenDialog({ token, onClose }: { token: CreatedToken | null; onClose: () => void }) {
  const [copied, setCopied] = React.useState(false)
  const shown = useRetained(token)
  if (useChanged(token)) setCopied(false)

  const copy = async () => {
    if (!shown) return
    try {
      await navigator.clipboard.writeText(shown.token)
      setCopied(true)
      toast.success('Token copied to the clipboard')
    } catch {
      toast.error('Could not copy: select the token and copy it by hand')
    }
  }

  return (
    <Dialog open={token != null} onOpenChange={(open) => !open && onClose()}>
      <DialogContent onInteractOutside={(e) => e.preventDefault()}>
        <DialogHeader>
          <DialogTitle>Copy your new token</DialogTitle>
          <DialogDescription>“{shown?.name}” {shown?.expiresAt ? `expires ${formatDate(shown.expiresAt)}` : 'never expires'}.</DialogDescription>
        </DialogHeader>
        <Alert variant="warning">
          <TriangleAlert />
          <AlertTitle>It will not be shown again</AlertTitle>
          <AlertDescription>
            <p>Steward keeps only a hash. Store the token in your secret manager now.</p>
          </AlertDescription>
        </Alert>
        <div className="flex items-center gap-2">
          <Input
            readOnly
            value={shown?.token ?? ''}
            className="font-mono text-xs"
            aria-label="New token"
            data-testid="new-token"
            onFocus={(e) => e.currentTarget.select()}
          />
          <Button variant="outline" onClick={copy} aria-label="Copy token">
            {copied ? <Check className="text-success" /> : <Copy />}
            {copied ? 'Copied' : 'Copy'}
          </Button>
        </div>
        <DialogFooter>
          <Button onClick={onClose}>I have stored it</Button>
        </DialogFooter>
      </DialogContent>
    </Dialog>
  )
}
