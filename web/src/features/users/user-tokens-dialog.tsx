import * as React from 'react'
import { toast } from 'sonner'
import { KeyRound, Ban } from 'lucide-react'
import { Button } from '@/components/ui/button'
import { Dialog, DialogContent, DialogDescription, DialogFooter, DialogHeader, DialogTitle } from '@/components/ui/dialog'
import { DataTable, type DataTableColumn } from '@/components/data-table'
import { errorMessage } from '@/lib/api'
import type { TokenView, UserView } from '@/lib/api-types'
import { formatDate, formatDateTime, formatRelative } from '@/lib/format'
import { TokenScope, TokenStatusBadge, tokenStatus } from '@/features/profile/token-cells'
import { useRevokeUserTokens, useUserTokens } from './api'

const live = (t: TokenView) => tokenStatus(t).label === 'Active'

/** An administrator's view of a user's API tokens, with "revoke all" (their sessions stay). */
export function UserTokensDialog({ user, onClose }: { user: UserView | null; onClose: () => void }) {
  const tokens = useUserTokens(user?.id ?? null)
  const revoke = useRevokeUserTokens()
  const [confirming, setConfirming] = React.useState(false)
  const liveCount = tokens.data?.filter(live).length ?? 0

  const columns: DataTableColumn<TokenView>[] = [
    { id: 'name', header: 'Name', sortValue: (t) => t.name, cellClassName: 'font-medium', cell: (t) => t.name },
    {
      id: 'scope',
      header: 'Scope',
      cell: (t) => <TokenScope token={t} />,
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
      cellClassName: 'text-muted-foreground',
      cell: (t) => (t.expiresAt ? formatDate(t.expiresAt) : 'Never'),
    },
    {
      id: 'status',
      header: 'Status',
      cell: (t) => <TokenStatusBadge token={t} />,
    },
  ]

  const revokeAll = () =>
    user &&
    revoke.mutate(user.id, {
      onSuccess: (r) => {
        setConfirming(false)
        toast.success(`Revoked ${r.revoked} token${r.revoked === 1 ? '' : 's'} of ${user.username}`)
      },
      onError: (e) => toast.error('Could not revoke the tokens', { description: errorMessage(e) }),
    })

  return (
    <Dialog open={user != null} onOpenChange={(open) => !open && (setConfirming(false), onClose())}>
      <DialogContent className="sm:max-w-2xl">
        <DialogHeader>
          <DialogTitle className="flex items-center gap-2">
            <KeyRound className="size-4" /> API tokens of {user?.username}
          </DialogTitle>
          <DialogDescription>Tokens are never shown, only their names and use. Revoking them leaves the user's sessions alone.</DialogDescription>
        </DialogHeader>
        <div className="max-h-80 overflow-auto rounded-md border">
          <DataTable
            columns={columns}
            rows={tokens.data}
            rowKey={(t) => t.id}
            rowProps={() => ({ 'data-testid': 'user-token-row' })}
            defaultSort={{ column: 'lastUsed', desc: true }}
            skeletonRows={2}
            busy={tokens.isFetching}
            error={tokens.isError ? { title: 'Could not load tokens', error: tokens.error } : null}
            empty={<p className="py-6 text-center text-sm text-muted-foreground">No tokens</p>}
          />
        </div>
        <DialogFooter className="sm:justify-between">
          {confirming ? (
            <div className="flex flex-wrap items-center gap-2">
              <span className="text-sm">
                Revoke all {liveCount} live token{liveCount === 1 ? '' : 's'}? Scripts using them stop at once.
              </span>
              <Button variant="destructive" size="sm" onClick={revokeAll} disabled={revoke.isPending}>
                Revoke all
              </Button>
              <Button variant="ghost" size="sm" onClick={() => setConfirming(false)}>
                Keep them
              </Button>
            </div>
          ) : (
            <Button variant="outline" className="text-destructive" onClick={() => setConfirming(true)} disabled={liveCount === 0}>
              <Ban /> Revoke all tokens
            </Button>
          )}
          <Button variant="ghost" onClick={onClose}>
            Close
          </Button>
        </DialogFooter>
      </DialogContent>
    </Dialog>
  )
}
