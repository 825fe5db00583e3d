import * as React from 'react'
import { Link, useSearchParams } from 'react-router'
import { Activity } from 'lucide-react'
import { toast } from 'sonner'
import { PageHeader } from '@/components/page-header'
import { EmptyState } from '@/components/empty-state'
import { Button } from '@/components/ui/button'
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from '@/components/ui/card'
import { Label } from '@/components/ui/label'
import { Select, SelectContent, SelectItem, SelectTrigger, SelectValue } from '@/components/ui/select'
import { Skeleton } from '@/components/ui/skeleton'
import { Switch } from '@/components/ui/switch'
import { useCurrentUser } from '@/features/auth/current-user'
import { EngineIcon } from '@/features/connections/engines'
import { errorMessage } from '@/lib/api'
import { formatBytes, formatRelative } from '@/lib/format'
import { cn } from '@/lib/utils'
import { useMonitoringSettings, useOverview, useSeries, useUpdateMonitoring } from './api'
import { HealthGrid } from './health-grid'
import { PerformancePanel } from './performance-panel'
import { MaintenanceCard } from './maintenance-card'
import { SessionsCard } from './sessions-card'
import { TimeChart } from './time-chart'
import { STATUS_COLOUR, STATUS_LABEL, type OverviewEntry, type Series } from './types'

const RANGES = [
  { label: '1 h', seconds: 3600 },
  { label: '24 h', seconds: 86_400 },
  { label: '7 d', seconds: 7 * 86_400 },
  { label: '30 d', seconds: 30 * 86_400 },
] as const

const INTERVALS = [5, 10, 15, 30, 60, 120, 300, 600]

/** Charts shown when the connection has the figure; in this order. */
const CHARTS: { metric: string; title: string; format?: (v: number) => string }[] = [
  { metric: 'latency', title: 'Round-trip latency (ms)' },
  { metric: 'connections', title: 'Connections' },
  { metric: 'commits', title: 'Commits per second' },
  { metric: 'questions', title: 'Questions per second' },
  { metric: 'ops_query', title: 'Queries per second' },
  { metric: 'cache_hit_ratio', title: 'Cache hit ratio (%)' },
  { metric: 'longest_query', title: 'Longest running query (s)' },
  { metric: 'blocked_sessions', title: 'Blocked sessions' },
  { metric: 'database_size', title: 'Database size', format: (v) => formatBytes(v) },
  { metric: 'wal_size', title: 'WAL size', format: (v) => formatBytes(v) },
]

/** /monitoring: the health grid, or with ?connection= one connection's charts and its monitoring switch. */
export function MonitoringPage() {
  const [params] = useSearchParams()
  const id = params.get('connection')
  const overview = useOverview()
  if (!id) {
    return (
      <>
        <PageHeader title="Monitoring" description="Health of every connection you can see. Open one for its charts." />
        <HealthGrid />
      </>
    )
  }
  const entry = overview.data?.find((e) => e.connectionId === id)
  if (overview.isPending) return <Skeleton className="h-64 w-full" />
  if (!entry) return <EmptyState icon={Activity} title="Connection not found" description="It does not exist or is not visible to you." />
  return <ConnectionMonitoring entry={entry} />
}

function ConnectionMonitoring({ entry }: { entry: OverviewEntry }) {
  const user = useCurrentUser()
  const [range, setRange] = React.useState<number>(3600)
  const shown = CHARTS.filter((c) => entry.figures[c.metric] !== undefined || c.metric === 'latency')
  const series = useSeries(entry.connectionId, shown.map((c) => c.metric), range)
  return (
    <>
      <PageHeader
        title={entry.name}
        description="Sampled health of this connection over time."
        actions={
          <Button variant="outline" asChild>
            <Link to="/monitoring">All connections</Link>
          </Button>
        }
      />
      <div className="flex flex-wrap items-center gap-4">
        <span className="flex items-center gap-2 text-sm" data-testid="monitoring-status">
          <EngineIcon engine={entry.engine} className="size-6 text-[10px]" />
          <span className={cn('size-2.5 rounded-full', STATUS_COLOUR[entry.status])} aria-hidden />
          {STATUS_LABEL[entry.status]}
          {entry.lastSampleAt && <span className="text-muted-foreground">· sampled {formatRelative(entry.lastSampleAt)}</span>}
        </span>
        <MonitoringControl connectionId={entry.connectionId} />
        <div className="ml-auto flex gap-1" role="group" aria-label="Range">
          {RANGES.map((r) => (
            <Button key={r.seconds} size="sm" variant={range === r.seconds ? 'default' : 'outline'} onClick={() => setRange(r.seconds)} aria-pressed={range === r.seconds}>
              {r.label}
            </Button>
          ))}
        </div>
      </div>
      {entry.lastError && <p className="text-sm text-destructive">{entry.lastError}</p>}
      <div className="grid gap-4 lg:grid-cols-2">
        {shown.map((c) => (
          <ChartCard key={c.metric} title={c.title} series={series.data?.series.find((s) => s.metric === c.metric)} loading={series.isPending} resolution={series.data?.resolution} />
        ))}
      </div>
      {entry.active && <PerformancePanel connectionId={entry.connectionId} />}
      <SessionsCard connectionId={entry.connectionId} canOperate={user.canOperate} />
      <MaintenanceCard connectionId={entry.connectionId} canOperate={user.canOperate} />
    </>
  )
}

function ChartCard({ title, series, loading, resolution }: { title: string; series?: Series; loading: boolean; resolution?: string }) {
  return (
    <Card>
      <CardHeader>
        <CardTitle className="text-sm">{title}</CardTitle>
        {resolution && <CardDescription className="text-xs">{resolution.toLowerCase()} data</CardDescription>}
      </CardHeader>
      <CardContent>
        {loading ? (
          <Skeleton className="h-44 w-full" />
        ) : !series || series.t.length === 0 ? (
          <p className="py-16 text-center text-sm text-muted-foreground">No samples in this range.</p>
        ) : (
          <TimeChart series={series} />
        )}
      </CardContent>
    </Card>
  )
}

function MonitoringControl({ connectionId }: { connectionId: string }) {
  const user = useCurrentUser()
  const settings = useMonitoringSettings(connectionId)
  const update = useUpdateMonitoring(connectionId)
  if (!settings.data) return null
  const save = (enabled: boolean, intervalSeconds: number) =>
    update.mutate(
      { enabled, intervalSeconds },
      { onError: (e) => toast.error(errorMessage(e)), onSuccess: () => toast.success(enabled ? 'Monitoring on' : 'Monitoring off') },
    )
  const disabled = !user.canOperate || update.isPending
  return (
    <div className="flex items-center gap-3">
      <div className="flex items-center gap-2">
        <Switch
          id="monitoring-enabled"
          checked={settings.data.enabled}
          disabled={disabled}
          onCheckedChange={(on) => save(on, settings.data.intervalSeconds)}
        />
        <Label htmlFor="monitoring-enabled">Monitoring</Label>
      </div>
      <Select value={String(settings.data.intervalSeconds)} disabled={disabled} onValueChange={(v) => save(settings.data.enabled, Number(v))}>
        <SelectTrigger className="w-32" aria-label="Interval">
          <SelectValue />
        </SelectTrigger>
        <SelectContent>
          {[...new Set([...INTERVALS, settings.data.intervalSeconds])].sort((a, b) => a - b).map((s) => (
            <SelectItem key={s} value={String(s)}>
              every {s < 60 ? `${s} s` : `${s / 60} min`}
            </SelectItem>
          ))}
        </SelectContent>
      </Select>
    </div>
  )
}
