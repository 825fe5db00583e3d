import { Link } from 'react-router'
import { ArrowRight, CalendarClock } from 'lucide-react'
import { Button } from '@/components/ui/button'
import { Card, CardAction, CardContent, CardDescription, CardHeader, CardTitle } from '@/components/ui/card'
import { Skeleton } from '@/components/ui/skeleton'
import { formatDateTime, formatRelative } from '@/lib/format'
import { useSchedules } from './api'
import { RunStatusBadge } from './run-status'

/** The dashboard's view of schedules: the next runs across all of them, and how each one's last run went. */
export function NextRunsCard() {
  const schedules = useSchedules()
  const upcoming = (schedules.data ?? [])
    .filter((s) => s.enabled && s.nextFireTimes.length > 0)
    .map((s) => ({ schedule: s, at: s.nextFireTimes[0] }))
    .sort((a, b) => Date.parse(a.at) - Date.parse(b.at))
    .slice(0, 5)
  return (
    <Card>
      <CardHeader>
        <CardTitle>Next scheduled runs</CardTitle>
        <CardDescription>Unattended backups coming up</CardDescription>
        <CardAction>
          <Button variant="ghost" size="sm" asChild>
            <Link to="/schedules">
              All schedules <ArrowRight />
            </Link>
          </Button>
        </CardAction>
      </CardHeader>
      <CardContent>
        {schedules.isPending ? (
          <Skeleton className="h-16 w-full" />
        ) : upcoming.length === 0 ? (
          <p className="flex items-center gap-2 text-sm text-muted-foreground">
            <CalendarClock className="size-4" aria-hidden /> Nothing scheduled.
          </p>
        ) : (
          <ul className="divide-y" data-testid="next-runs">
            {upcoming.map(({ schedule, at }) => (
              <li key={schedule.id} className="flex items-center gap-3 py-2 text-sm">
                <span className="min-w-0 flex-1 truncate font-medium">{schedule.name}</span>
                <span className="truncate text-muted-foreground">{schedule.connectionName}</span>
                {schedule.lastRun && <RunStatusBadge status={schedule.lastRun.status} />}
                <time className="shrink-0 text-xs tabular-nums" dateTime={at} title={formatDateTime(at)}>
                  {formatRelative(at)}
                </time>
              </li>
            ))}
          </ul>
        )}
      </CardContent>
    </Card>
  )
}
