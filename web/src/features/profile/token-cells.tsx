import { Badge } from '@/components/ui/badge'
import type { TokenView } from '@/lib/api-types'

/** A token's state as people read it: revoked, expired or active. */
export function tokenStatus(t: TokenView): { label: string; variant: 'success' | 'muted' | 'destructive' } {
  if (t.revokedAt) return { label: 'Revoked', variant: 'destructive' }
  if (t.expiresAt && new Date(t.expiresAt).getTime() < Date.now()) return { label: 'Expired', variant: 'muted' }
  return { label: 'Active', variant: 'success' }
}

export function TokenStatusBadge({ token }: { token: TokenView }) {
  const s = tokenStatus(token)
  return <Badge variant={s.variant}>{s.label}</Badge>
}

export function TokenScope({ token }: { token: TokenView }) {
  return token.readOnly ? <Badge variant="muted">Read-only</Badge> : <span className="text-muted-foreground">Full</span>
}
