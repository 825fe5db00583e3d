import * as React from 'react'
import { Link } from 'react-router'
import { Activity } from 'lucide-react'
import { Card, CardAction, CardContent, CardDescription, CardHeader, CardTitle } from '@/components/ui/card'
import { Skeleton } from '@/components/ui/skeleton'
import { EngineIcon } from '@/features/connections/engines'
import { formatCount, formatRelative } from '@/lib/format'
import { cn } from '@/lib/utils'
import { useOverview, useSampleStream, useSeries } from './api'
import { Sparkline } from './sparkline'
import { STATUS_COLOUR, STATUS_LABEL, throughput, type HealthView, type OverviewEntry } from './types'

/** Recent values per connection and figure, seeded from the last hour and extended by the live stream. */
type Recent = Record<string, { latency: number[]; connections: number[]; tps: number[] }>

const KEEP = 60

/** The dashboard's health grid: every visible connection with its status colour and sparklines, live over SSE. */
export function HealthGrid() {
  const overview = useOverview()
  const [live, setLive] = React.useState<Record<string, HealthView>>({})
  const [recent, setRecent] = React.useState<Recent>({})
  useSampleStream((s) => {
    setLive((prev) => ({ ...prev, [s.connectionId]: s }))
    setRecent((prev) => {
      const r = prev[s.connectionId] ?? { latency: [], connections: [], tps: [] }
      const add = (list: number[], v: number | undefined) => (v === undefined ? list : [...list, v].slice(-KEEP))
      return {
        ...prev,
        [s.connectionId]: {
          latency: add(r.latency, s.reachable ? s.latencyMillis : undefined),
          connections: add(r.connections, s.figures.connections),
          tps: add(r.tps, throughput(s.figures)),
        },
      }
    })
  })
  const entries = overview.data ?? []
  return (
    <Card>
      <CardHeader>
        <CardTitle>Health</CardTitle>
        <CardDescription>Every connection you can see, sampled while its monitoring is on</CardDescription>
        <CardAction>
          <Activity className="size-4 text-muted-foreground" aria-hidden />
        </CardAction>
      </CardHeader>
      <CardContent>
        {overview.isPending ? (
          <Skeleton className="h-24 w-full" />
        ) : entries.length === 0 ? (
          <p className="text-sm text-muted-foreground">No connections yet.</p>
        ) : (
          <ul className="grid grid-cols-1 gap-3 sm:grid-cols-2 xl:grid-cols-3" data-testid="health-grid">
            {entries.map((e) => (
              <HealthTile key={e.connectionId} entry={e} live={live[e.connectionId]} recent={recent[e.connectionId]} />
            ))}
          </ul>
        )}
      </CardContent>
    </Card>
  )
}

function HealthTile({ entry, live, recent }: { entry: OverviewEntry; live?: HealthView; recent?: Recent[string] }) {
  // a live sample newer than the overview wins
  const fresh = live && (!entry.lastSampleAt || live.sampledAt > entry.lastSampleAt) && entry.monitored ? live : undefined
  const status = fresh ? fresh.status : entry.status
  const figures = fresh ? fresh.figures : entry.figures
  const at = fresh ? fresh.sampledAt : entry.lastSampleAt
  const history = useSeries(entry.connectionId, ['latency', 'connections', 'commits'], 3600, entry.monitored)
  const seeded = (name: string) => history.data?.series.find((s) => s.metric === name)?.avg ?? []
  const spark = (name: 'latency' | 'connections' | 'tps', seed: number[]) => [...seed, ...(recent?.[name] ?? [])].slice(-KEEP)
  return (
    <li
      className="min-w-0 rounded-lg border p-3"
      data-testid="health-tile"
      data-status={status}
      data-connection={entry.name}
    >
      <Link to={`/monitoring?connection=${entry.connectionId}`} className="flex items-center gap-2 outline-none">
        <span className={cn('size-2.5 shrink-0 rounded-full', STATUS_COLOUR[status])} aria-hidden />
        <EngineIcon engine={entry.engine} className="size-6 text-[10px]" />
        <span className="min-w-0 flex-1 truncate text-sm font-medium">{entry.name}</span>
        <span className="text-xs text-muted-foreground" data-testid="health-status">
          {STATUS_LABEL[status]}
        </span>
      </Link>
      {entry.monitored ? (
        <div className="mt-2 grid grid-cols-3 gap-2 text-xs">
          <Figure label="Latency" value={figures.latency !== undefined ? `${Math.round(figures.latency)} ms` : '—'}>
            <Sparkline values={spark('latency', seeded('latency'))} label="latency" />
          </Figure>
          <Figure label="Connections" value={figures.connections !== undefined ? formatCount(figures.connections) : '—'}>
            <Sparkline values={spark('connections', seeded('connections'))} label="connections" />
          </Figure>
          <Figure label="TPS" value={throughput(figures) !== undefined ? (throughput(figures) ?? 0).toFixed(1) : '—'}>
            <Sparkline values={spark('tps', seeded('commits'))} label="transactions per second" />
          </Figure>
        </div>
      ) : (
        <p className="mt-2 text-xs text-muted-foreground">Monitoring is off for this connection.</p>
      )}
      {entry.monitored && (
        <p className="mt-1 truncate text-[11px] text-muted-foreground" title={entry.lastError ?? undefined}>
          {status === 'DOWN' && entry.lastError ? entry.lastError : at ? `sampled ${formatRelative(at)}` : 'waiting for the first sample'}
        </p>
      )}
    </li>
  )
}

function Figure({ label, value, children }: { label: string; value: string; children: React.ReactNode }) {
  return (
    <div className="min-w-0">
      <div className="text-muted-foreground">{label}</div>
      <div className="font-semibold tabular-nums">{value}</div>
      <div className="text-primary">{children}</div>
    </div>
  )
}
