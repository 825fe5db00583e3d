import { Link } from 'react-router'
import { ArrowRight, Siren } from 'lucide-react'
import { Button } from '@/components/ui/button'
import { Card, CardAction, CardContent, CardDescription, CardHeader, CardTitle } from '@/components/ui/card'
import { Skeleton } from '@/components/ui/skeleton'
import { formatRelative } from '@/lib/format'
import { cn } from '@/lib/utils'
import { useAlerts, useAlertStream } from './api'
import { LevelBadge } from './level-badge'
import { LEVEL_DOT, LEVELS } from './types'

/** The dashboard's open alerts: firing alerts counted by level, the latest few listed, live over the stream. */
export function OpenAlertsCard() {
  // at most 200 firing alerts are counted here; the alerts page pages through all of them
  const alerts = useAlerts({ states: ['FIRING'] }, 0, 200)
  useAlertStream()
  const items = alerts.data?.items ?? []
  return (
    // min-w-0: a long rule or connection name truncates in its row instead of widening the page on a phone
    <Card data-testid="open-alerts" className="min-w-0">
      <CardHeader>
        <CardTitle>Open alerts</CardTitle>
        <CardDescription>Firing now, by level</CardDescription>
        <CardAction>
          <Button variant="ghost" size="sm" asChild>
            <Link to="/alerts">
              All alerts <ArrowRight />
            </Link>
          </Button>
        </CardAction>
      </CardHeader>
      <CardContent className="grid gap-4">
        {alerts.isPending ? (
          <Skeleton className="h-16 w-full" />
        ) : (
          <>
            <div className="grid grid-cols-2 gap-2 sm:grid-cols-4">
              {LEVELS.map((l) => {
                const n = items.filter((a) => a.level === l).length
                return (
                  <div key={l} className="rounded-lg border p-2 text-center" data-testid={`open-alerts-${l.toLowerCase()}`}>
                    <div className="flex items-center justify-center gap-1.5 text-xs text-muted-foreground">
                      <span className={cn('size-2 rounded-full', LEVEL_DOT[l])} aria-hidden />
                      {l.toLowerCase()}
                    </div>
                    <div className={cn('text-2xl font-semibold tabular-nums', n === 0 && 'text-muted-foreground')}>{n}</div>
                  </div>
                )
              })}
            </div>
            {items.length === 0 ? (
              <p className="flex items-center gap-2 text-sm text-muted-foreground">
                <Siren className="size-4" aria-hidden /> Nothing is firing.
              </p>
            ) : (
              <ul className="-mx-2 divide-y">
                {items.slice(0, 5).map((a) => (
                  <li key={a.id}>
                    <Link
                      to="/alerts"
                      className="flex items-center gap-3 rounded-md px-2 py-2 outline-none hover:bg-accent/50 focus-visible:ring-[3px] focus-visible:ring-ring/40"
                    >
                      <LevelBadge level={a.level} />
                      {/* w-0: no intrinsic width, so a long name never widens the page on a phone */}
                      <span className="w-0 min-w-0 flex-1 truncate text-sm">
                        <span className="font-medium">{a.ruleName}</span>{' '}
                        <span className="text-muted-foreground">on {a.connectionName}</span>
                      </span>
                      <span className="shrink-0 text-xs text-muted-foreground">{formatRelative(a.firedAt)}</span>
                    </Link>
                  </li>
                ))}
              </ul>
            )}
          </>
        )}
      </CardContent>
    </Card>
  )
}
