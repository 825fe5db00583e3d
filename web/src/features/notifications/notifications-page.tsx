import * as React from 'react'
import { toast } from 'sonner'
import { BellPlus, BellRing, Pencil, Send, Trash2 } from 'lucide-react'
import { Badge } from '@/components/ui/badge'
import { Button } from '@/components/ui/button'
import { Card } from '@/components/ui/card'
import { Skeleton } from '@/components/ui/skeleton'
import { Hint } from '@/components/ui/tooltip'
import { DataTable, type DataTableColumn } from '@/components/data-table'
import { EmptyState } from '@/components/empty-state'
import { PageHeader } from '@/components/page-header'
import { errorMessage } from '@/lib/api'
import type { ChannelTestResult, ChannelView, DeliveryView } from '@/lib/api-types'
import { formatDateTime } from '@/lib/format'
import { useChannels, useDeleteChannel, useDeliveries, useTestChannel } from './api'
import { ChannelDialog } from './channel-dialog'
import { channelTypeLabels, topics } from './schema'

const PAGE_SIZE = 20
const topicLabel = (t: string) => topics.find((x) => x.topic === t)?.label ?? t

export function NotificationsPage() {
  const channels = useChannels()
  const test = useTestChannel()
  const remove = useDeleteChannel()
  const [editing, setEditing] = React.useState<ChannelView | 'new' | null>(null)
  const [results, setResults] = React.useState<Record<string, ChannelTestResult>>({})

  const runTest = (c: ChannelView) =>
    test.mutate(c.id, {
      onSuccess: (r) => {
        setResults((prev) => ({ ...prev, [c.id]: r }))
        if (r.ok) toast.success(`Test message delivered to ${c.name}`, { description: `${r.durationMillis} ms` })
        else toast.error(`Test to ${c.name} failed`, { description: r.message })
      },
      onError: (e) => toast.error(`Could not test ${c.name}`, { description: errorMessage(e) }),
    })

  const drop = (c: ChannelView) => {
    if (!window.confirm(`Delete the channel ${c.name}? Its delivery log stays.`)) return
    remove.mutate(c.id, {
      onSuccess: () => toast.success(`Deleted ${c.name}`),
      onError: (e) => toast.error(`Could not delete ${c.name}`, { description: errorMessage(e) }),
    })
  }

  const columns: DataTableColumn<ChannelView>[] = [
    {
      id: 'name',
      header: 'Channel',
      sortValue: (c) => c.name,
      cell: (c) => {
        const r = results[c.id]
        return (
          <div className="min-w-0">
            <div className="truncate font-medium">{c.name}</div>
            <div className="text-xs text-muted-foreground">
              {channelTypeLabels[c.type]}
              {c.urlHost ? ` · ${c.urlHost}` : ''}
              {c.smtpHost ? ` · ${c.smtpHost}` : ''}
            </div>
            {r && (
              <div className={`text-xs font-medium ${r.ok ? 'text-success' : 'text-destructive'}`} data-testid={`test-result-${c.name}`} role="status">
                {r.ok ? `Test delivered (${r.durationMillis} ms)` : `Test failed: ${r.message}`}
              </div>
            )}
          </div>
        )
      },
    },
    {
      id: 'topics',
      header: 'Notifies about',
      cell: (c) => (
        <div className="flex flex-wrap gap-1">
          {c.topics.length === 0 && <span className="text-xs text-muted-foreground">Nothing yet</span>}
          {c.topics.map((t) => (
            <Badge key={t} variant="muted">
              {topicLabel(t)}
            </Badge>
          ))}
          {c.failuresOnly && <Badge variant="warning">Failures only</Badge>}
        </div>
      ),
    },
    {
      id: 'enabled',
      header: 'State',
      className: 'w-28',
      sortValue: (c) => !c.enabled,
      skeleton: <Skeleton className="h-5 w-16" />,
      cell: (c) => <Badge variant={c.enabled ? 'success' : 'muted'}>{c.enabled ? 'Enabled' : 'Disabled'}</Badge>,
    },
    {
      id: 'actions',
      header: 'Actions',
      srOnlyHeader: true,
      className: 'w-36 text-right',
      cellClassName: 'text-right whitespace-nowrap',
      cell: (c) => (
        <>
          <Hint label="Send a test message">
            <Button variant="ghost" size="icon-sm" onClick={() => runTest(c)} disabled={test.isPending} aria-label={`Test ${c.name}`}>
              <Send />
            </Button>
          </Hint>
          <Hint label="Edit">
            <Button variant="ghost" size="icon-sm" onClick={() => setEditing(c)} aria-label={`Edit ${c.name}`}>
              <Pencil />
            </Button>
          </Hint>
          <Hint label="Delete">
            <Button variant="ghost" size="icon-sm" onClick={() => drop(c)} aria-label={`Delete ${c.name}`}>
              <Trash2 />
            </Button>
          </Hint>
        </>
      ),
    },
  ]

  return (
    <>
      <PageHeader
        title="Notification channels"
        description="Email, webhooks and chat channels that hear about backups, verifications and schedules."
        actions={
          <Button onClick={() => setEditing('new')}>
            <BellPlus /> New channel
          </Button>
        }
      />
      <Card className="gap-0 overflow-hidden py-0">
        <DataTable
          aria-label="Notification channels"
          columns={columns}
          rows={channels.data}
          rowKey={(c) => c.id}
          rowProps={(c) => ({ 'data-testid': `channel-row-${c.name}` })}
          defaultSort={{ column: 'name', desc: false }}
          busy={channels.isFetching}
          error={channels.isError ? { title: 'Could not load the channels', error: channels.error, onRetry: () => void channels.refetch() } : null}
          empty={
            <EmptyState
              className="border-0"
              icon={BellRing}
              title="No channels yet"
              description="Add one to hear about failed backups without watching Steward."
              action={
                <Button onClick={() => setEditing('new')}>
                  <BellPlus /> New channel
                </Button>
              }
            />
          }
        />
      </Card>
      <DeliveryLog />
      {editing && <ChannelDialog channel={editing === 'new' ? undefined : editing} onClose={() => setEditing(null)} />}
    </>
  )
}

const statusVariant = { DELIVERED: 'success', PENDING: 'warning', SENDING: 'accent', FAILED: 'destructive' } as const

function DeliveryLog() {
  const [page, setPage] = React.useState(0)
  const deliveries = useDeliveries(page, PAGE_SIZE)
  const columns: DataTableColumn<DeliveryView>[] = [
    {
      id: 'when',
      header: 'Created',
      className: 'w-44',
      cellClassName: 'text-muted-foreground',
      cell: (d) => <time dateTime={d.createdAt}>{formatDateTime(d.createdAt)}</time>,
    },
    { id: 'channel', header: 'Channel', className: 'w-48', cell: (d) => d.channelName },
    {
      id: 'what',
      header: 'Notification',
      cell: (d) => (
        <div className="min-w-0">
          <div className="font-medium">{topicLabel(d.topic)}</div>
          <div className="truncate text-xs text-muted-foreground" title={d.subject}>
            {d.subject}
          </div>
        </div>
      ),
    },
    {
      id: 'status',
      header: 'Status',
      className: 'w-64',
      cell: (d) => (
        <div className="grid gap-0.5">
          <div>
            <Badge variant={statusVariant[d.status]}>{d.status.toLowerCase()}</Badge>
            <span className="ml-2 text-xs text-muted-foreground">
              {d.attempts} attempt{d.attempts === 1 ? '' : 's'}
            </span>
          </div>
          {d.lastError && d.status !== 'DELIVERED' && <div className="text-xs text-destructive">{d.lastError}</div>}
          {d.nextAttemptAt && d.status === 'PENDING' && d.attempts > 0 && (
            <div className="text-xs text-muted-foreground">Next try {formatDateTime(d.nextAttemptAt)}</div>
          )}
        </div>
      ),
    },
  ]
  return (
    <section className="mt-8 grid gap-3" aria-labelledby="delivery-log">
      <h2 id="delivery-log" className="text-lg font-semibold">
        Delivery log
      </h2>
      <Card className="gap-0 overflow-hidden py-0">
        <DataTable
          aria-label="Delivery log"
          columns={columns}
          rows={deliveries.data?.items}
          rowKey={(d) => d.id}
          busy={deliveries.isFetching}
          error={deliveries.isError ? { title: 'Could not load the delivery log', error: deliveries.error, onRetry: () => void deliveries.refetch() } : null}
          empty={<EmptyState className="border-0" icon={Send} title="Nothing sent yet" />}
          pagination={deliveries.data && { data: deliveries.data, onPage: setPage }}
        />
      </Card>
    </section>
  )
}
