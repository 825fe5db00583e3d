import * as React from 'react'
import { useSearchParams } from 'react-router'
import { toast } from 'sonner'
import { BellOff, BellPlus, Check, CircleCheck, Pencil, Siren, Trash2 } from 'lucide-react'
import { Badge } from '@/components/ui/badge'
import { Button } from '@/components/ui/button'
import { Card } from '@/components/ui/card'
import { Dialog, DialogContent, DialogDescription, DialogFooter, DialogHeader, DialogTitle } from '@/components/ui/dialog'
import { DropdownMenu, DropdownMenuContent, DropdownMenuItem, DropdownMenuTrigger } from '@/components/ui/dropdown-menu'
import { Tabs, TabsList, TabsTrigger } from '@/components/ui/tabs'
import { Textarea } from '@/components/ui/textarea'
import { Label } from '@/components/ui/label'
import { Hint } from '@/components/ui/tooltip'
import { DataTable, type DataTableColumn } from '@/components/data-table'
import { EmptyState } from '@/components/empty-state'
import { PageHeader } from '@/components/page-header'
import { useCurrentUser } from '@/features/auth/current-user'
import { errorMessage } from '@/lib/api'
import { formatDateTime, formatRelative } from '@/lib/format'
import { useAcknowledge, useAlertRules, useAlerts, useAlertStream, useDeleteRule, useSilence, type AlertQuery } from './api'
import { LevelBadge } from './level-badge'
import { RuleDialog } from './rule-dialog'
import type { AlertRuleView, AlertTab, AlertView } from './types'

const PAGE_SIZE = 25

const TABS: Record<AlertTab, { label: string; query: AlertQuery; empty: string }> = {
  open: { label: 'Open', query: { states: ['FIRING', 'PENDING'], acknowledged: false }, empty: 'Nothing is firing.' },
  acknowledged: { label: 'Acknowledged', query: { states: ['FIRING', 'PENDING'], acknowledged: true }, empty: 'No acknowledged alerts.' },
  resolved: { label: 'Resolved', query: { states: ['RESOLVED'] }, empty: 'No resolved alerts yet.' },
}

const SILENCES = [
  { minutes: 15, label: '15 minutes' },
  { minutes: 60, label: '1 hour' },
  { minutes: 240, label: '4 hours' },
  { minutes: 1440, label: '1 day' },
]

export function AlertsPage() {
  const [params, setParams] = useSearchParams()
  const view = (params.get('tab') ?? 'open') as AlertTab | 'rules'
  useAlertStream()
  return (
    <>
      <PageHeader title="Alerts" description="Threshold and event alerts on your connections: open, acknowledged and resolved, and the rules behind them." />
      <Tabs value={view} onValueChange={(v) => setParams(v === 'open' ? {} : { tab: v })}>
        <TabsList>
          {(Object.keys(TABS) as AlertTab[]).map((t) => (
            <TabsTrigger key={t} value={t}>
              {TABS[t].label}
            </TabsTrigger>
          ))}
          <TabsTrigger value="rules">Rules</TabsTrigger>
        </TabsList>
      </Tabs>
      {view === 'rules' ? <RulesTable /> : <AlertList key={view} tab={view in TABS ? view : 'open'} />}
    </>
  )
}

function AlertList({ tab }: { tab: AlertTab }) {
  const user = useCurrentUser()
  const [page, setPage] = React.useState(0)
  const alerts = useAlerts(TABS[tab].query, page, PAGE_SIZE)
  const silence = useSilence()
  const [acking, setAcking] = React.useState<AlertView | null>(null)

  const silenceFor = (a: AlertView, minutes: number, label: string) =>
    silence.mutate(
      { id: a.id, minutes },
      {
        onSuccess: () => toast.success(`Silenced ${a.ruleName} for ${label}`),
        onError: (e) => toast.error('Could not silence the alert', { description: errorMessage(e) }),
      },
    )

  const columns: DataTableColumn<AlertView>[] = [
    { id: 'level', header: 'Level', className: 'w-28', cell: (a) => <LevelBadge level={a.level} /> },
    {
      id: 'alert',
      header: 'Alert',
      cell: (a) => (
        <div className="min-w-0">
          <div className="truncate font-medium">
            {a.ruleName} <span className="font-normal text-muted-foreground">on {a.connectionName}</span>
          </div>
          <div className="truncate text-xs text-muted-foreground" title={a.message}>
            {a.message}
          </div>
          {a.ackComment && <div className="truncate text-xs">“{a.ackComment}” — {a.acknowledgedBy}</div>}
        </div>
      ),
    },
    {
      id: 'state',
      header: 'State',
      className: 'w-44',
      cell: (a) => (
        <div className="grid gap-0.5">
          <div className="flex flex-wrap gap-1">
            <Badge variant={a.state === 'FIRING' ? 'destructive' : a.state === 'PENDING' ? 'warning' : 'success'}>
              {a.state.toLowerCase()}
            </Badge>
            {a.silencedUntil && new Date(a.silencedUntil) > new Date() && (
              <Badge variant="muted" title={`until ${formatDateTime(a.silencedUntil)}`}>
                silenced
              </Badge>
            )}
          </div>
          <time className="text-xs text-muted-foreground" dateTime={a.firedAt ?? a.pendingSince} title={formatDateTime(a.firedAt ?? a.pendingSince)}>
            {a.state === 'RESOLVED' ? `resolved ${formatRelative(a.resolvedAt)}` : `since ${formatRelative(a.firedAt ?? a.pendingSince)}`}
          </time>
        </div>
      ),
    },
    {
      id: 'actions',
      header: 'Actions',
      srOnlyHeader: true,
      className: 'w-28 text-right',
      cellClassName: 'text-right whitespace-nowrap',
      cell: (a) =>
        user.canOperate && a.state !== 'RESOLVED' ? (
          <>
            {!a.acknowledgedAt && (
              <Hint label="Acknowledge">
                <Button variant="ghost" size="icon-sm" onClick={() => setAcking(a)} aria-label={`Acknowledge ${a.ruleName} on ${a.connectionName}`}>
                  <Check />
                </Button>
              </Hint>
            )}
            <DropdownMenu>
              <DropdownMenuTrigger asChild>
                <Button variant="ghost" size="icon-sm" aria-label={`Silence ${a.ruleName} on ${a.connectionName}`}>
                  <BellOff />
                </Button>
              </DropdownMenuTrigger>
              <DropdownMenuContent align="end">
                {SILENCES.map((s) => (
                  <DropdownMenuItem key={s.minutes} onSelect={() => silenceFor(a, s.minutes, s.label)}>
                    Silence for {s.label}
                  </DropdownMenuItem>
                ))}
              </DropdownMenuContent>
            </DropdownMenu>
          </>
        ) : null,
    },
  ]

  return (
    <Card className="gap-0 overflow-hidden py-0">
      <DataTable
        aria-label={`${TABS[tab].label} alerts`}
        columns={columns}
        rows={alerts.data?.items}
        rowKey={(a) => a.id}
        rowProps={(a) => ({ 'data-testid': `alert-row-${a.id}`, 'data-level': a.level })}
        busy={alerts.isFetching}
        error={alerts.isError ? { title: 'Could not load the alerts', error: alerts.error, onRetry: () => void alerts.refetch() } : null}
        empty={<EmptyState className="border-0" icon={tab === 'resolved' ? CircleCheck : Siren} title={TABS[tab].empty} />}
        pagination={alerts.data && { data: alerts.data, onPage: setPage, hideSinglePage: true }}
      />
      {acking && <AckDialog alert={acking} onClose={() => setAcking(null)} />}
    </Card>
  )
}

function AckDialog({ alert, onClose }: { alert: AlertView; onClose: () => void }) {
  const ack = useAcknowledge()
  const [comment, setComment] = React.useState('')
  const submit = (e: React.FormEvent) => {
    e.preventDefault()
    ack.mutate(
      { id: alert.id, comment: comment.trim() },
      {
        onSuccess: () => {
          toast.success(`Acknowledged ${alert.ruleName}`)
          onClose()
        },
        onError: (err) => toast.error('Could not acknowledge the alert', { description: errorMessage(err) }),
      },
    )
  }
  return (
    <Dialog open onOpenChange={(open) => !open && onClose()}>
      <DialogContent>
        <form onSubmit={submit} className="grid gap-4">
          <DialogHeader>
            <DialogTitle>Acknowledge alert</DialogTitle>
            <DialogDescription>
              {alert.ruleName} on {alert.connectionName}. Acknowledged alerts stop repeating; resolving is still told.
            </DialogDescription>
          </DialogHeader>
          <div className="grid gap-1.5">
            <Label htmlFor="ack-comment">Comment</Label>
            <Textarea id="ack-comment" maxLength={1000} value={comment} onChange={(e) => setComment(e.target.value)} placeholder="Who is on it, what is being done" />
          </div>
          <DialogFooter>
            <Button variant="ghost" type="button" onClick={onClose}>
              Cancel
            </Button>
            <Button type="submit" disabled={ack.isPending}>
              <Check /> Acknowledge
            </Button>
          </DialogFooter>
        </form>
      </DialogContent>
    </Dialog>
  )
}

function RulesTable() {
  const user = useCurrentUser()
  const rules = useAlertRules()
  const remove = useDeleteRule()
  const [editing, setEditing] = React.useState<AlertRuleView | 'new' | null>(null)
  const drop = (r: AlertRuleView) => {
    if (!window.confirm(`Delete the rule ${r.name}? Its alerts go with it.`)) return
    remove.mutate(r.id, {
      onSuccess: () => toast.success(`Deleted ${r.name}`),
      onError: (e) => toast.error(`Could not delete ${r.name}`, { description: errorMessage(e) }),
    })
  }
  const columns: DataTableColumn<AlertRuleView>[] = [
    { id: 'level', header: 'Level', className: 'w-28', cell: (r) => <LevelBadge level={r.level} /> },
    {
      id: 'name',
      header: 'Rule',
      sortValue: (r) => r.name,
      cell: (r) => (
        <div className="min-w-0">
          <div className="truncate font-medium">
            {r.name} {r.builtIn && <Badge variant="muted">built-in</Badge>}
          </div>
          <div className="truncate font-mono text-xs text-muted-foreground">{describe(r)}</div>
        </div>
      ),
    },
    {
      id: 'enabled',
      header: 'State',
      className: 'w-28',
      cell: (r) => <Badge variant={r.enabled ? 'success' : 'muted'}>{r.enabled ? 'Enabled' : 'Off'}</Badge>,
    },
    {
      id: 'actions',
      header: 'Actions',
      srOnlyHeader: true,
      className: 'w-28 text-right',
      cellClassName: 'text-right whitespace-nowrap',
      cell: (r) =>
        user.isAdmin ? (
          <>
            <Hint label="Edit">
              <Button variant="ghost" size="icon-sm" onClick={() => setEditing(r)} aria-label={`Edit ${r.name}`}>
                <Pencil />
              </Button>
            </Hint>
            {!r.builtIn && (
              <Hint label="Delete">
                <Button variant="ghost" size="icon-sm" onClick={() => drop(r)} aria-label={`Delete ${r.name}`}>
                  <Trash2 />
                </Button>
              </Hint>
            )}
          </>
        ) : null,
    },
  ]
  return (
    <>
      {user.isAdmin && (
        <div className="flex justify-end">
          <Button onClick={() => setEditing('new')}>
            <BellPlus /> New rule
          </Button>
        </div>
      )}
      <Card className="gap-0 overflow-hidden py-0">
        <DataTable
          aria-label="Alert rules"
          columns={columns}
          rows={rules.data}
          rowKey={(r) => r.id}
          defaultSort={{ column: 'name', desc: false }}
          busy={rules.isFetching}
          error={rules.isError ? { title: 'Could not load the rules', error: rules.error, onRetry: () => void rules.refetch() } : null}
          empty={<EmptyState className="border-0" icon={Siren} title="No rules" />}
        />
      </Card>
      {editing && <RuleDialog rule={editing === 'new' ? undefined : editing} onClose={() => setEditing(null)} />}
    </>
  )
}

function describe(r: AlertRuleView) {
  const targets = r.metric === 'target_free_percent' || r.metric === 'target_free_bytes'
  const scope =
    r.scope === 'ALL'
      ? targets
        ? 'all storage targets'
        : 'all connections'
      : r.scope === 'TAG'
        ? `tag ${r.scopeValue}`
        : r.scope === 'TARGET'
          ? 'one storage target'
          : 'one connection'
  if (r.kind === 'EVENT') return `on ${r.metric} · ${scope}`
  const held = r.forSeconds ? ` for ${r.forSeconds} s` : ''
  const window = r.metric === 'job_failures' ? ` in ${r.windowMinutes} min` : ''
  const every = r.kind === 'CHECK' ? ' · checked every minute' : ''
  return `${r.metric}${window} ${r.comparison === 'ABOVE' ? '>' : '<'} ${r.threshold}${held} · ${scope}${every}`
}
