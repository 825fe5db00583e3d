import { Link } from 'react-router'
import { ArrowRight, Cable, CircleCheck, CirclePause, Clock, Plus, ScrollText, Database } from 'lucide-react'
import { Button } from '@/components/ui/button'
import { Card, CardAction, CardContent, CardDescription, CardHeader, CardTitle } from '@/components/ui/card'
import { Skeleton } from '@/components/ui/skeleton'
import { Alert, AlertDescription, AlertTitle } from '@/components/ui/alert'
import { PageHeader } from '@/components/page-header'
import { useCurrentUser } from '@/features/auth/current-user'
import { useConnections } from '@/features/connections/api'
import { connectionTarget, EngineIcon, shortenPath, useEngineInfo } from '@/features/connections/engines'
import { errorMessage } from '@/lib/api'
import { formatDateTime, formatRelative } from '@/lib/format'
import { RecentFailuresCard } from '@/features/backups/recent-failures-card'
import { NextRunsCard } from '@/features/schedules/next-runs-card'
import { HealthGrid } from '@/features/monitoring/health-grid'
import { OpenAlertsCard } from '@/features/alerts/open-alerts-card'

function greeting() {
  const hour = new Date().getHours()
  return hour < 5 ? 'Good evening' : hour < 12 ? 'Good morning' : hour < 18 ? 'Good afternoon' : 'Good evening'
}

export function DashboardPage() {
  const user = useCurrentUser()
  const connections = useConnections()
  const list = connections.data ?? []
  const { engines, info } = useEngineInfo()
  const active = list.filter((c) => c.active).length
  const recent = list
    .filter((c) => c.lastUsedAt)
    .sort((a, b) => (b.lastUsedAt ?? '').localeCompare(a.lastUsedAt ?? ''))
    .slice(0, 6)
  const loading = connections.isPending
  const failed = connections.isError

  return (
    <>
      <PageHeader
        title={`${greeting()}, ${user.username}`}
        description="An overview of the databases Steward looks after."
        actions={
          user.canOperate && (
            <Button asChild>
              <Link to="/connections?new=1">
                <Plus /> New connection
              </Link>
            </Button>
          )
        }
      />

      {connections.isError && (
        <Alert variant="destructive">
          <AlertTitle>Could not load connections</AlertTitle>
          <AlertDescription>
            <p>{errorMessage(connections.error)}</p>
          </AlertDescription>
        </Alert>
      )}

      <section aria-label="Connection statistics" className="grid gap-4 sm:grid-cols-3">
        <StatCard label="Connections" icon={Database} value={list.length} loading={loading} failed={failed} hint="visible to you" to="/connections" />
        <StatCard label="Active" icon={CircleCheck} value={active} loading={loading} failed={failed} hint="in use" to="/connections?status=ACTIVE" tone="success" />
        <StatCard
          label="Inactive"
          icon={CirclePause}
          value={list.length - active}
          loading={loading}
          failed={failed}
          hint="kept, not used"
          to="/connections?status=INACTIVE"
        />
      </section>

      <HealthGrid />

      <OpenAlertsCard />

      {/* min-w-0: a long connection target truncates inside its card instead of widening the page on a phone */}
      <div className="grid gap-4 *:min-w-0 lg:grid-cols-3">
        <Card className="lg:col-span-1">
          <CardHeader>
            <CardTitle>By engine</CardTitle>
            <CardDescription>Connections per database engine</CardDescription>
          </CardHeader>
          <CardContent className="grid gap-3" data-testid="engine-stats">
            {engines.map((e) => {
              const count = list.filter((c) => c.engine === e).length
              const share = list.length ? (count / list.length) * 100 : 0
              return (
                <Link
                  key={e}
                  to={`/connections?engine=${e}`}
                  className="-mx-2 grid grid-cols-[auto_1fr_auto] items-center gap-3 rounded-md px-2 py-1.5 outline-none hover:bg-accent/60 focus-visible:ring-[3px] focus-visible:ring-ring/40"
                >
                  <EngineIcon engine={e} className="size-8 text-xs" />
                  <div className="grid gap-1.5">
                    <span className="text-sm font-medium">{info(e).displayName}</span>
                    <div className="h-1.5 overflow-hidden rounded-full bg-muted" aria-hidden>
                      <div
                        className="h-full rounded-full transition-[width] duration-500"
                        style={{ width: `${share}%`, backgroundColor: info(e).defaultColour }}
                      />
                    </div>
                  </div>
                  {loading ? (
                    <Skeleton className="h-5 w-6" />
                  ) : (
                    <span className="w-8 text-right text-sm font-semibold tabular-nums">{count}</span>
                  )}
                </Link>
              )
            })}
          </CardContent>
        </Card>

        <Card className="lg:col-span-2">
          <CardHeader>
            <CardTitle>Recently used</CardTitle>
            <CardDescription>Connections Steward touched most recently; open one to browse it</CardDescription>
            <CardAction>
              <Button variant="ghost" size="sm" asChild>
                <Link to="/connections">
                  All connections <ArrowRight />
                </Link>
              </Button>
            </CardAction>
          </CardHeader>
          <CardContent>
            {loading ? (
              <div className="grid gap-3">
                {Array.from({ length: 4 }, (_, i) => (
                  <div key={i} className="flex items-center gap-3">
                    <Skeleton className="size-9 rounded-lg" />
                    <div className="flex-1 space-y-2">
                      <Skeleton className="h-4 w-1/3" />
                      <Skeleton className="h-3 w-1/2" />
                    </div>
                  </div>
                ))}
              </div>
            ) : recent.length === 0 ? (
              <div className="flex flex-col items-center gap-2 rounded-lg border border-dashed py-10 text-center">
                <Clock className="size-5 text-muted-foreground" aria-hidden />
                <p className="text-sm font-medium">Nothing used yet</p>
                <p className="max-w-xs text-sm text-muted-foreground">
                  Test or use a connection and it shows up here.
                </p>
                <Button variant="outline" size="sm" className="mt-1" asChild>
                  <Link to="/connections">Open connections</Link>
                </Button>
              </div>
            ) : (
              <ul className="-mx-2 divide-y" data-testid="recent-connections">
                {recent.map((c) => (
                  <li key={c.id}>
                    <Link
                      to={c.active ? `/browser?connection=${c.id}` : `/connections?q=${encodeURIComponent(c.name)}`}
                      title={c.active ? `Browse ${c.name}` : undefined}
                      className="flex items-center gap-3 rounded-md px-2 py-2.5 outline-none hover:bg-accent/50 focus-visible:ring-[3px] focus-visible:ring-ring/40"
                    >
                    <EngineIcon engine={c.engine} />
                    <div className="min-w-0 flex-1">
                      <div className="flex items-center gap-2 truncate text-sm font-medium">
                        <span className="size-2 shrink-0 rounded-full" style={{ backgroundColor: c.colour }} aria-hidden />
                        <span className="truncate">{c.name}</span>
                      </div>
                      <div className="truncate font-mono text-xs text-muted-foreground">
                        {info(c.engine).fileBased ? shortenPath(connectionTarget(c), 60) : connectionTarget(c, info(c.engine).defaultPort)}
                      </div>
                    </div>
                    <time className="shrink-0 text-xs text-muted-foreground" dateTime={c.lastUsedAt ?? undefined} title={formatDateTime(c.lastUsedAt)}>
                      {formatRelative(c.lastUsedAt)}
                    </time>
                    </Link>
                  </li>
                ))}
              </ul>
            )}
          </CardContent>
        </Card>
      </div>

      <div className="grid gap-4 *:min-w-0 lg:grid-cols-2">
        <NextRunsCard />
        <RecentFailuresCard />
      </div>

      <section aria-labelledby="quick-actions">
        <h2 id="quick-actions" className="mb-3 text-sm font-medium text-muted-foreground">
          Quick actions
        </h2>
        <div className="grid gap-3 sm:grid-cols-3">
          {user.canOperate && (
            <QuickAction to="/connections?new=1" icon={Plus} title="New connection" text="Register a database with Steward" />
          )}
          <QuickAction to="/connections" icon={Cable} title="Open connections" text="Browse, test and manage connections" />
          <QuickAction to="/audit" icon={ScrollText} title="Audit log" text="Who did what, and when" />
        </div>
      </section>
    </>
  )
}

function StatCard({
  label,
  icon: Icon,
  value,
  hint,
  loading,
  failed,
  to,
  tone,
}: {
  label: string
  icon: typeof Database
  value: number
  hint: string
  loading: boolean
  failed: boolean
  to: string
  tone?: 'success'
}) {
  return (
    <Link
      to={to}
      className="group rounded-xl border bg-card p-5 shadow-xs transition-shadow outline-none hover:shadow-md focus-visible:ring-[3px] focus-visible:ring-ring/40"
      data-testid={`stat-${label.toLowerCase()}`}
    >
      <div className="flex items-center justify-between text-sm text-muted-foreground">
        <span className="font-medium">{label}</span>
        <Icon className={tone === 'success' ? 'size-4 text-success' : 'size-4'} aria-hidden />
      </div>
      <div className="mt-3 flex items-baseline gap-2">
        {loading ? (
          <Skeleton className="h-8 w-12" />
        ) : (
          <span className="text-3xl font-semibold tracking-tight tabular-nums" data-testid="stat-value">
            {failed ? '—' : value}
          </span>
        )}
        <span className="text-xs text-muted-foreground">{hint}</span>
      </div>
    </Link>
  )
}

function QuickAction({ to, icon: Icon, title, text }: { to: string; icon: typeof Database; title: string; text: string }) {
  return (
    <Link
      to={to}
      className="group flex items-center gap-3 rounded-xl border bg-card p-4 shadow-xs transition-colors outline-none hover:border-primary/40 hover:bg-accent/40 focus-visible:ring-[3px] focus-visible:ring-ring/40"
    >
      <span className="flex size-9 items-center justify-center rounded-lg bg-primary/10 text-primary">
        <Icon className="size-4" aria-hidden />
      </span>
      <span className="min-w-0 flex-1">
        <span className="block text-sm font-medium">{title}</span>
        <span className="block truncate text-xs text-muted-foreground">{text}</span>
      </span>
      <ArrowRight className="size-4 text-muted-foreground transition-transform group-hover:translate-x-0.5" aria-hidden />
    </Link>
  )
}
