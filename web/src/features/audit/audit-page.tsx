import * as React from 'react'
import { useSearchParams } from 'react-router'
import { toast } from 'sonner'
import { Download, ListFilter, ScrollText, ShieldAlert, ShieldCheck, X } from 'lucide-react'
import { Alert, AlertDescription, AlertTitle } from '@/components/ui/alert'
import { Badge } from '@/components/ui/badge'
import { Button } from '@/components/ui/button'
import { Card } from '@/components/ui/card'
import { DropdownMenu, DropdownMenuContent, DropdownMenuItem, DropdownMenuTrigger } from '@/components/ui/dropdown-menu'
import { Input } from '@/components/ui/input'
import { Label } from '@/components/ui/label'
import { Select, SelectContent, SelectItem, SelectTrigger, SelectValue } from '@/components/ui/select'
import { DataTable, type DataTableColumn } from '@/components/data-table'
import { EmptyState } from '@/components/empty-state'
import { PageHeader } from '@/components/page-header'
import { Spinner } from '@/components/spinner'
import { useCurrentUser } from '@/features/auth/current-user'
import { errorMessage } from '@/lib/api'
import type { AuditOutcome, AuditQuery, AuditRecordView, ChainVerification } from '@/lib/api-types'
import { formatDateTime } from '@/lib/format'
import { useAuditActions, useAuditRecords, useVerifyChain } from './api'

const PAGE_SIZE = 50
const outcomeVariant = { SUCCESS: 'success', FAILURE: 'destructive', DENIED: 'warning' } as const
const outcomeLabel: Record<AuditOutcome, string> = { SUCCESS: 'Success', FAILURE: 'Failure', DENIED: 'Denied' }

const DAY = 24 * 60 * 60 * 1000

/** The export's address: the filter's time range, else the last 30 days (the server allows a year at most). */
function exportUrl(from: string | undefined, to: string | undefined, format: 'csv' | 'jsonl') {
  const end = to ?? new Date().toISOString()
  const start = from ?? new Date(new Date(end).getTime() - 30 * DAY).toISOString()
  return `/api/audit/export?${new URLSearchParams({ from: start, to: end, format }).toString()}`
}

/** datetime-local (local time, no zone) → ISO-8601 instant */
function toInstant(local: string) {
  if (!local) return undefined
  const d = new Date(local)
  return Number.isNaN(d.getTime()) ? undefined : d.toISOString()
}

function useDebounced<T>(value: T, ms = 300) {
  const [debounced, setDebounced] = React.useState(value)
  React.useEffect(() => {
    const t = window.setTimeout(() => setDebounced(value), ms)
    return () => window.clearTimeout(t)
  }, [value, ms])
  return debounced
}

export function AuditPage() {
  const user = useCurrentUser()
  const [params, setParams] = useSearchParams()
  const get = (k: string) => params.get(k) ?? ''
  const [actor, setActor] = React.useState(get('actor'))
  const [targetType, setTargetType] = React.useState(get('targetType'))
  const debouncedActor = useDebounced(actor)
  const debouncedTarget = useDebounced(targetType)
  const page = Math.max(0, Number.parseInt(get('page') || '0', 10) || 0)

  const set = React.useCallback(
    (updates: Record<string, string>) =>
      setParams(
        (prev) => {
          const next = new URLSearchParams(prev)
          let changed = false
          for (const [k, v] of Object.entries(updates)) {
            const value = v === 'ALL' ? '' : v
            if ((prev.get(k) ?? '') === value) continue
            changed = true
            if (value === '') next.delete(k)
            else next.set(k, value)
          }
          if (changed && !('page' in updates)) next.delete('page')
          return changed ? next : prev
        },
        { replace: true },
      ),
    [setParams],
  )

  // text filters follow the typing after a short pause
  // (through a ref: setParams changes identity with every navigation, the typed value does not)
  const setRef = React.useRef(set)
  React.useEffect(() => {
    setRef.current = set
  }, [set])
  React.useEffect(() => setRef.current({ actor: debouncedActor }), [debouncedActor])
  React.useEffect(() => setRef.current({ targetType: debouncedTarget }), [debouncedTarget])

  const query: AuditQuery = {
    actor: get('actor') || undefined,
    action: get('action') || undefined,
    targetType: get('targetType') || undefined,
    outcome: (get('outcome') as AuditOutcome) || undefined,
    from: toInstant(get('from')),
    to: toInstant(get('to')),
    page,
    size: PAGE_SIZE,
  }
  const records = useAuditRecords(query)
  const actions = useAuditActions()
  const verify = useVerifyChain()
  const [verification, setVerification] = React.useState<ChainVerification | null>(null)
  const filtered = ['actor', 'action', 'targetType', 'outcome', 'from', 'to'].some((k) => params.get(k))

  const clear = () => {
    setActor('')
    setTargetType('')
    setParams({}, { replace: true })
  }

  const runVerify = () =>
    verify.mutate(undefined, {
      onSuccess: (v) => {
        setVerification(v)
        if (v.intact) toast.success('Audit chain intact', { description: `${v.checked} records checked` })
        else toast.error(`Audit chain broken at #${v.brokenAtSeq}`, { description: v.reason ?? undefined })
      },
      onError: (e) => toast.error('Could not verify the audit chain', { description: errorMessage(e) }),
    })

  const data = records.data
  return (
    <>
      <PageHeader
        title="Audit log"
        description={
          user.isAdmin ? 'Every change made through Steward, hash-chained so tampering shows.' : 'What you have done in Steward.'
        }
        actions={
          user.isAdmin && (
            <>
              <DropdownMenu>
                <DropdownMenuTrigger asChild>
                  <Button variant="outline" data-testid="export-audit">
                    <Download /> Export
                  </Button>
                </DropdownMenuTrigger>
                <DropdownMenuContent align="end">
                  <DropdownMenuItem asChild>
                    <a href={exportUrl(query.from, query.to, 'csv')} download>
                      CSV ({query.from || query.to ? 'filtered range' : 'last 30 days'})
                    </a>
                  </DropdownMenuItem>
                  <DropdownMenuItem asChild>
                    <a href={exportUrl(query.from, query.to, 'jsonl')} download>
                      JSON lines ({query.from || query.to ? 'filtered range' : 'last 30 days'})
                    </a>
                  </DropdownMenuItem>
                </DropdownMenuContent>
              </DropdownMenu>
              <Button variant="outline" onClick={runVerify} disabled={verify.isPending} data-testid="verify-chain">
                {verify.isPending ? <Spinner /> : <ShieldCheck />} Verify chain
              </Button>
            </>
          )
        }
      />

      {verification &&
        (verification.intact ? (
          <Alert variant="success" data-testid="chain-result">
            <ShieldCheck />
            <AlertTitle>The audit chain is intact</AlertTitle>
            <AlertDescription>
              <p>{verification.checked} records checked; every hash links to the one before it.</p>
            </AlertDescription>
          </Alert>
        ) : (
          <Alert variant="destructive" data-testid="chain-result">
            <ShieldAlert />
            <AlertTitle>The audit chain is broken at record #{verification.brokenAtSeq}</AlertTitle>
            <AlertDescription>
              <p>
                {verification.reason ?? 'A record was changed or removed.'} ({verification.checked} records checked.)
              </p>
            </AlertDescription>
          </Alert>
        ))}

      <Card className="gap-0 overflow-hidden py-0">
        <div className="grid gap-3 border-b bg-muted/20 p-4 sm:grid-cols-2 lg:grid-cols-[repeat(4,minmax(0,1fr))_repeat(2,minmax(0,1.35fr))_auto]" role="search" aria-label="Filter audit records">
          <FilterField id="f-actor" label="Actor">
            <Input id="f-actor" value={actor} onChange={(e) => setActor(e.target.value)} placeholder="Any user" className="h-8" />
          </FilterField>
          <FilterField id="f-action" label="Action">
            <Select value={get('action') || 'ALL'} onValueChange={(v) => set({ action: v })}>
              <SelectTrigger id="f-action" size="sm">
                <SelectValue />
              </SelectTrigger>
              <SelectContent>
                <SelectItem value="ALL">Any action</SelectItem>
                {(actions.data ?? []).map((a) => (
                  <SelectItem key={a} value={a}>
                    <span className="font-mono text-xs">{a}</span>
                  </SelectItem>
                ))}
              </SelectContent>
            </Select>
          </FilterField>
          <FilterField id="f-target" label="Target type">
            <Input id="f-target" value={targetType} onChange={(e) => setTargetType(e.target.value)} placeholder="Any" className="h-8" />
          </FilterField>
          <FilterField id="f-outcome" label="Outcome">
            <Select value={get('outcome') || 'ALL'} onValueChange={(v) => set({ outcome: v })}>
              <SelectTrigger id="f-outcome" size="sm">
                <SelectValue />
              </SelectTrigger>
              <SelectContent>
                <SelectItem value="ALL">Any outcome</SelectItem>
                <SelectItem value="SUCCESS">Success</SelectItem>
                <SelectItem value="FAILURE">Failure</SelectItem>
                <SelectItem value="DENIED">Denied</SelectItem>
              </SelectContent>
            </Select>
          </FilterField>
          <FilterField id="f-from" label="From">
            <Input id="f-from" type="datetime-local" value={get('from')} onChange={(e) => set({ from: e.target.value })} className="h-8" />
          </FilterField>
          <FilterField id="f-to" label="To">
            <Input id="f-to" type="datetime-local" value={get('to')} onChange={(e) => set({ to: e.target.value })} className="h-8" />
          </FilterField>
          <div className="flex items-end gap-1">
            <Button variant="ghost" size="sm" onClick={clear} disabled={!filtered} aria-label="Clear filters">
              <X /> Clear
            </Button>
          </div>
        </div>

        <DataTable
          columns={columns}
          rows={data?.items}
          rowKey={(r) => r.seq}
          rowProps={() => ({ 'data-testid': 'audit-row' })}
          skeletonRows={8}
          busy={records.isFetching}
          error={records.isError ? { title: 'Could not load the audit log', error: records.error, onRetry: () => void records.refetch() } : null}
          empty={
            <EmptyState
              className="border-0"
              icon={filtered ? ListFilter : ScrollText}
              title={filtered ? 'No records match these filters' : 'No audit records yet'}
              description={filtered ? 'Widen the time range or clear a filter.' : 'Changes made through Steward are recorded here.'}
              action={
                filtered && (
                  <Button variant="outline" onClick={clear}>
                    Clear filters
                  </Button>
                )
              }
            />
          }
          pagination={data && { data, onPage: (next) => set({ page: String(next) }) }}
        />
      </Card>
    </>
  )
}

/** In the server's order (newest first): a page of the log sorted in the browser would mislead. */
const columns: DataTableColumn<AuditRecordView>[] = [
  {
    id: 'time',
    header: 'Time',
    className: 'w-44',
    cellClassName: 'whitespace-nowrap text-muted-foreground tabular-nums',
    cell: (r) => <time dateTime={r.occurredAt}>{formatDateTime(r.occurredAt)}</time>,
  },
  { id: 'actor', header: 'Actor', cellClassName: 'font-medium', cell: (r) => r.actor },
  { id: 'sourceIp', header: 'Source IP', cellClassName: 'font-mono text-xs text-muted-foreground', cell: (r) => r.sourceIp ?? '—' },
  {
    id: 'action',
    header: 'Action',
    cell: (r) => <span className="rounded bg-muted px-1.5 py-0.5 font-mono text-xs">{r.action}</span>,
  },
  {
    id: 'target',
    header: 'Target',
    cellClassName: 'max-w-48 text-xs',
    cell: (r) =>
      r.targetType ? (
        <div className="truncate" title={`${r.targetType} ${r.targetId ?? ''}`}>
          <span className="text-muted-foreground">{r.targetType}</span>
          {r.targetId && <span className="ml-1 font-mono">{r.targetId}</span>}
        </div>
      ) : (
        <span className="text-muted-foreground">—</span>
      ),
  },
  { id: 'outcome', header: 'Outcome', cell: (r) => <Badge variant={outcomeVariant[r.outcome]}>{outcomeLabel[r.outcome]}</Badge> },
  {
    id: 'detail',
    header: 'Detail',
    className: 'w-[30%]',
    cellClassName: 'max-w-md text-muted-foreground',
    cell: (r) => (
      <div className="line-clamp-3 break-words whitespace-pre-line" title={r.detail ?? undefined} data-testid="audit-detail">
        {r.detail || '—'}
      </div>
    ),
  },
]

function FilterField({ id, label, children }: { id: string; label: string; children: React.ReactNode }) {
  return (
    <div className="grid min-w-0 gap-1.5">
      <Label htmlFor={id} className="text-xs text-muted-foreground">
        {label}
      </Label>
      {children}
    </div>
  )
}
