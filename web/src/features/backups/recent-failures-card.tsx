import { Link } from 'react-router'
import { ArrowRight, CircleCheck } from 'lucide-react'
import { Badge } from '@/components/ui/badge'
import { Button } from '@/components/ui/button'
import { Card, CardAction, CardContent, CardDescription, CardHeader, CardTitle } from '@/components/ui/card'
import { Skeleton } from '@/components/ui/skeleton'
import { formatDateTime, formatRelative } from '@/lib/format'
import { useBackups } from './api'
import type { BackupView } from './types'

const DAY = 24 * 60 * 60 * 1000

/** What went wrong in the last 24 hours: failed backups, and backups with a copy that failed on one target. */
function failures(items: BackupView[], now: number) {
  return items.filter(
    (b) => now - Date.parse(b.createdAt) < DAY && (b.status === 'FAILED' || b.copies.some((c) => c.status === 'FAILED')),
  )
}

/** The dashboard's card of recent backup failures (among the newest 200 backups the caller may see). */
export function RecentFailuresCard() {
  const backups = useBackups({ page: 0, size: 200 })
  // measured from when the list was fetched (it refetches when the dashboard is opened again)
  const failed = failures(backups.data?.items ?? [], backups.dataUpdatedAt)
  return (
    <Card>
      <CardHeader>
        <CardTitle>Backup failures, last 24 h</CardTitle>
        <CardDescription>Failed runs and copies that did not reach a storage target</CardDescription>
        <CardAction>
          <Button variant="ghost" size="sm" asChild>
            <Link to="/backups">
              All backups <ArrowRight />
            </Link>
          </Button>
        </CardAction>
      </CardHeader>
      <CardContent>
        {backups.isPending ? (
          <Skeleton className="h-16 w-full" />
        ) : failed.length === 0 ? (
          <p className="flex items-center gap-2 text-sm text-muted-foreground" data-testid="no-recent-failures">
            <CircleCheck className="size-4 text-success" aria-hidden /> No backup failed in the last 24 hours.
          </p>
        ) : (
          <ul className="divide-y" data-testid="recent-failures">
            {failed.slice(0, 8).map((b) => {
              const copies = b.copies.filter((c) => c.status === 'FAILED').map((c) => c.targetName)
              return (
                <li key={b.id} className="flex min-w-0 items-center gap-3 py-2 text-sm">
                  <Link to={`/backups?connection=${b.connectionId}&backup=${b.id}`} className="min-w-0 flex-1 truncate font-medium hover:underline">
                    {b.connectionName}
                  </Link>
                  <Badge
                    variant={b.status === 'FAILED' ? 'destructive' : 'warning'}
                    className="block min-w-0 max-w-[50%] truncate"
                    title={b.status === 'FAILED' ? undefined : copies.join(', ')}
                  >
                    {b.status === 'FAILED' ? 'backup failed' : `copy failed: ${copies.join(', ')}`}
                  </Badge>
                  <time className="shrink-0 text-xs tabular-nums" dateTime={b.createdAt} title={formatDateTime(b.createdAt)}>
                    {formatRelative(b.createdAt)}
                  </time>
                </li>
              )
            })}
          </ul>
        )}
      </CardContent>
    </Card>
  )
}
