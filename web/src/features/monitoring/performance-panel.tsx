import * as React from 'react'
import { Link } from 'react-router'
import { Check, Copy, SquareTerminal } from 'lucide-react'
import { toast } from 'sonner'
import { DataTable, type DataTableColumn } from '@/components/data-table'
import { Alert, AlertDescription, AlertTitle } from '@/components/ui/alert'
import { Badge } from '@/components/ui/badge'
import { Button } from '@/components/ui/button'
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from '@/components/ui/card'
import { Skeleton } from '@/components/ui/skeleton'
import { errorMessage } from '@/lib/api'
import { formatRelative } from '@/lib/format'
import { useAdvice, useTopQueries } from './performance-api'
import { SEVERITY_VARIANT, findingLabel, type AdviceFinding, type StatementStat } from './types'

const TOP = 20

const ms = (v: number) => (v >= 1000 ? `${(v / 1000).toFixed(2)} s` : `${v.toFixed(v < 10 ? 2 : 0)} ms`)

/** Top queries and advice of one connection, below its charts on the Monitoring page. */
export function PerformancePanel({ connectionId }: { connectionId: string }) {
  return (
    <div className="grid gap-4">
      <TopQueries connectionId={connectionId} />
      <AdviceList connectionId={connectionId} />
    </div>
  )
}

const QUERY_COLUMNS: DataTableColumn<StatementStat>[] = [
  {
    id: 'text',
    header: 'Statement',
    cell: (s) => <code className="line-clamp-3 font-mono text-xs break-all whitespace-pre-wrap">{s.text}</code>,
    cellClassName: 'max-w-[40rem]',
  },
  { id: 'calls', header: 'Calls', cell: (s) => s.calls.toLocaleString(), sortValue: (s) => s.calls, className: 'w-24' },
  { id: 'total', header: 'Total', cell: (s) => ms(s.totalMillis), sortValue: (s) => s.totalMillis, className: 'w-28' },
  { id: 'mean', header: 'Mean', cell: (s) => ms(s.meanMillis), sortValue: (s) => s.meanMillis, className: 'w-28' },
  { id: 'rows', header: 'Rows', cell: (s) => (s.rows == null ? '—' : s.rows.toLocaleString()), sortValue: (s) => s.rows ?? -1, className: 'w-24' },
]

function TopQueries({ connectionId }: { connectionId: string }) {
  const top = useTopQueries(connectionId, TOP)
  const data = top.data
  const sampled = data?.source === 'ACTIVITY_SAMPLE'
  return (
    <Card data-testid="top-queries">
      <CardHeader>
        <CardTitle className="text-sm">Top queries</CardTitle>
        <CardDescription className="text-xs">
          {sampled
            ? 'Statements running now, longest first.'
            : `The ${TOP} statements with the most total time and the ${TOP} with the highest mean; sort by either.`}
          {data?.statsSince && ` Counted since ${formatRelative(data.statsSince)}.`}
          {data?.literalsMasked && ' Literals are masked for your role.'}
        </CardDescription>
      </CardHeader>
      <CardContent className="grid gap-3">
        {data?.unavailable && (
          <Alert data-testid="statements-unavailable">
            <AlertTitle>{data.unavailable.message}</AlertTitle>
            <AlertDescription>
              <span>To switch statement statistics on:</span>
              <code className="font-mono text-xs break-words whitespace-pre-wrap">{data.unavailable.hint}</code>
            </AlertDescription>
          </Alert>
        )}
        <DataTable
          aria-label="Top queries"
          columns={QUERY_COLUMNS}
          rows={data?.statements}
          rowKey={(s) => `${s.id ?? ''}|${s.user ?? ''}|${s.totalMillis}|${s.text}`}
          defaultSort={{ column: 'total', desc: true }}
          error={top.error ? { title: 'Could not read the statements', error: top.error, onRetry: () => top.refetch() } : null}
          empty={<p className="py-6 text-center text-sm text-muted-foreground">{sampled ? 'Nothing is running right now.' : 'No statements recorded yet.'}</p>}
          busy={top.isFetching}
        />
      </CardContent>
    </Card>
  )
}

function AdviceList({ connectionId }: { connectionId: string }) {
  const advice = useAdvice(connectionId)
  return (
    <Card data-testid="advice">
      <CardHeader>
        <CardTitle className="text-sm">Advice</CardTitle>
        <CardDescription className="text-xs">
          Findings about this database, most severe first, each with its evidence and the SQL that fixes it.
        </CardDescription>
      </CardHeader>
      <CardContent className="grid gap-3">
        {advice.isPending && <Skeleton className="h-24 w-full" />}
        {advice.error && <p className="text-sm text-destructive">{errorMessage(advice.error)}</p>}
        {advice.data && advice.data.findings.length === 0 && (
          <p className="text-sm text-muted-foreground">No findings. Nothing to fix.</p>
        )}
        {advice.data?.findings.map((f, i) => <FindingItem key={`${f.kind}-${f.object}-${i}`} finding={f} connectionId={connectionId} />)}
        {advice.data?.truncated && <p className="text-xs text-muted-foreground">Only the most severe findings are shown.</p>}
        {advice.data?.skipped.map((s) => (
          <p key={s.kind} className="text-xs text-muted-foreground">
            {findingLabel(s.kind)}: not checked. {s.reason}
          </p>
        ))}
      </CardContent>
    </Card>
  )
}

function FindingItem({ finding, connectionId }: { finding: AdviceFinding; connectionId: string }) {
  const [copied, setCopied] = React.useState(false)
  const copy = (sql: string) =>
    navigator.clipboard.writeText(sql).then(
      () => {
        setCopied(true)
        toast.success('Copied to the clipboard')
        window.setTimeout(() => setCopied(false), 1500)
      },
      () => toast.error('The browser did not allow copying'),
    )
  const fix = finding.fixSql
  return (
    <div className="grid gap-2 rounded-lg border p-3" data-testid="finding" data-kind={finding.kind}>
      <div className="flex flex-wrap items-center gap-2">
        <Badge variant={SEVERITY_VARIANT[finding.severity]}>{finding.severity.toLowerCase()}</Badge>
        <span className="text-sm font-medium">{findingLabel(finding.kind)}</span>
        <span className="font-mono text-xs text-muted-foreground">{finding.object}</span>
      </div>
      <p className="text-sm">{finding.summary}</p>
      {Object.keys(finding.evidence).length > 0 && (
        <dl className="grid grid-cols-[max-content_1fr] gap-x-3 gap-y-0.5 text-xs">
          {Object.entries(finding.evidence).map(([k, v]) => (
            <React.Fragment key={k}>
              <dt className="text-muted-foreground">{k}</dt>
              <dd className="font-mono break-all">{v}</dd>
            </React.Fragment>
          ))}
        </dl>
      )}
      {fix && (
        <div className="flex flex-wrap items-center gap-2">
          <code className="flex-1 rounded bg-muted px-2 py-1 font-mono text-xs break-all" data-testid="fix-sql">
            {fix}
          </code>
          <Button size="sm" variant="outline" onClick={() => copy(fix)} aria-label={`Copy the fix for ${finding.object}`}>
            {copied ? <Check /> : <Copy />} Copy
          </Button>
          <Button size="sm" variant="ghost" asChild>
            <Link to={`/query?${new URLSearchParams({ connection: connectionId, sql: fix })}`}>
              <SquareTerminal /> Open in console
            </Link>
          </Button>
        </div>
      )}
    </div>
  )
}
