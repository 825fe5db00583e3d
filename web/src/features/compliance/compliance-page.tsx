import * as React from 'react'
import { toast } from 'sonner'
import { ClipboardCheck, Download, ExternalLink, Play } from 'lucide-react'
import { Badge } from '@/components/ui/badge'
import { Button } from '@/components/ui/button'
import { Card, CardAction, CardContent, CardDescription, CardHeader, CardTitle } from '@/components/ui/card'
import { DataTable, type DataTableColumn } from '@/components/data-table'
import { EmptyState } from '@/components/empty-state'
import { PageHeader } from '@/components/page-header'
import { Spinner } from '@/components/spinner'
import { errorMessage } from '@/lib/api'
import type { CheckStatus, ComplianceCheck, ComplianceReportEntry, ReportSummary } from '@/lib/api-types'
import { formatDateTime } from '@/lib/format'
import { reportPdfUrl, reportUrl, useReport, useReportHistory, useRunReport } from './api'

const statusVariant = { PASS: 'success', WARN: 'warning', FAIL: 'destructive', NOT_AVAILABLE: 'muted' } as const
const statusLabel: Record<CheckStatus, string> = { PASS: 'Pass', WARN: 'Warn', FAIL: 'Fail', NOT_AVAILABLE: 'Not available' }

function StatusBadge({ status }: { status: CheckStatus }) {
  return (
    <Badge variant={statusVariant[status]} data-testid="check-status">
      {statusLabel[status]}
    </Badge>
  )
}

function SummaryBadges({ summary }: { summary: ReportSummary }) {
  return (
    <span className="flex flex-wrap gap-1">
      <Badge variant="success">{summary.passed} pass</Badge>
      {summary.warned > 0 && <Badge variant="warning">{summary.warned} warn</Badge>}
      {summary.failed > 0 && <Badge variant="destructive">{summary.failed} fail</Badge>}
      {summary.notAvailable > 0 && <Badge variant="muted">{summary.notAvailable} n/a</Badge>}
    </span>
  )
}

const checkColumns: DataTableColumn<ComplianceCheck>[] = [
  { id: 'status', header: 'Status', className: 'w-32', cell: (c) => <StatusBadge status={c.status} /> },
  { id: 'title', header: 'Check', className: 'w-72', cell: (c) => <span className="font-medium">{c.title}</span> },
  {
    id: 'evidence',
    header: 'Evidence',
    cell: (c) => (
      <ul className="list-disc space-y-0.5 pl-4 text-sm whitespace-normal">
        {c.evidence.map((line, i) => (
          <li key={i}>{line}</li>
        ))}
      </ul>
    ),
  },
  { id: 'fix', header: 'Fix', className: 'w-80', cell: (c) => <span className="text-sm whitespace-normal text-muted-foreground">{c.fix || '—'}</span> },
]

function ReportLinks({ id }: { id: string }) {
  return (
    <span className="flex gap-1">
      <Button variant="ghost" size="sm" asChild>
        <a href={reportUrl(id)} target="_blank" rel="noopener noreferrer">
          <ExternalLink /> Printable view
        </a>
      </Button>
      <Button variant="ghost" size="sm" asChild>
        <a href={reportPdfUrl(id)} download data-testid="download-pdf">
          <Download /> PDF
        </a>
      </Button>
    </span>
  )
}

/** Administration → Compliance: the selected (by default the latest) stored report, running a new one, the history. */
export function CompliancePage() {
  const [page, setPage] = React.useState(0)
  const [selected, setSelected] = React.useState<string | undefined>()
  const history = useReportHistory(page)
  const latestId = page === 0 ? history.data?.items[0]?.id : undefined
  const shownId = selected ?? latestId
  const report = useReport(shownId)
  const run = useRunReport()

  const runNow = () =>
    run.mutate(undefined, {
      onSuccess: (r) => {
        setSelected(r.id ?? undefined)
        setPage(0)
        toast.success('Compliance report stored', { description: `${r.summary.passed} pass, ${r.summary.warned} warn, ${r.summary.failed} fail` })
      },
      onError: (e) => toast.error('Could not run the compliance checks', { description: errorMessage(e) }),
    })

  const historyColumns: DataTableColumn<ComplianceReportEntry>[] = [
    { id: 'at', header: 'Generated', cell: (r) => formatDateTime(r.generatedAt) },
    { id: 'by', header: 'By', cell: (r) => r.generatedBy },
    { id: 'summary', header: 'Result', cell: (r) => <SummaryBadges summary={r.summary} /> },
    {
      id: 'sha',
      header: 'Content SHA-256',
      cell: (r) => (
        <span className="font-mono text-xs" title={r.contentSha256}>
          {r.contentSha256.slice(0, 16)}…
        </span>
      ),
    },
    {
      id: 'actions',
      header: 'Actions',
      srOnlyHeader: true,
      cell: (r) => (
        <span className="flex justify-end gap-1">
          <Button variant="outline" size="sm" onClick={() => setSelected(r.id)} disabled={r.id === shownId}>
            Show
          </Button>
          <ReportLinks id={r.id} />
        </span>
      ),
    },
  ]

  const noReports = history.data && history.data.totalElements === 0
  return (
    <>
      <PageHeader
        title="Compliance"
        description="Automated checks over backups, the audit trail, target connections and accounts — stored as dated reports whose hash is recorded in the audit trail."
        actions={
          <Button onClick={runNow} disabled={run.isPending} data-testid="run-compliance">
            {run.isPending ? <Spinner /> : <Play />} Run now
          </Button>
        }
      />

      {noReports ? (
        <EmptyState
          icon={ClipboardCheck}
          title="No compliance report yet"
          description="Run the checks to store the first dated report."
          action={<Button onClick={runNow} disabled={run.isPending}>Run now</Button>}
        />
      ) : (
        <Card className="gap-0 overflow-hidden py-0" data-testid="compliance-report">
          <CardHeader className="border-b py-4">
            <CardTitle>
              {report.data ? `Report of ${formatDateTime(report.data.generatedAt)}` : 'Report'}
              {shownId && shownId === latestId && <span className="ml-2 text-sm font-normal text-muted-foreground">(latest)</span>}
            </CardTitle>
            <CardDescription className="flex flex-wrap items-center gap-2">
              {report.data && (
                <>
                  <span>by {report.data.generatedBy}</span>
                  <SummaryBadges summary={report.data.summary} />
                  {report.data.contentSha256 && <span className="font-mono text-xs break-all">SHA-256 {report.data.contentSha256}</span>}
                </>
              )}
            </CardDescription>
            {shownId && (
              <CardAction>
                <ReportLinks id={shownId} />
              </CardAction>
            )}
          </CardHeader>
          <CardContent className="p-0">
            <DataTable
              columns={checkColumns}
              rows={report.data?.checks}
              rowKey={(c) => c.id}
              rowProps={(c) => ({ 'data-testid': 'check-row', 'data-check': c.id })}
              skeletonRows={6}
              error={report.isError ? { title: 'Could not load the report', error: report.error, onRetry: () => void report.refetch() } : null}
              aria-label="Compliance checks"
            />
          </CardContent>
        </Card>
      )}

      <h2 className="mt-8 mb-3 text-lg font-semibold">History</h2>
      <Card className="gap-0 overflow-hidden py-0">
        <DataTable
          columns={historyColumns}
          rows={history.data?.items}
          rowKey={(r) => r.id}
          rowProps={() => ({ 'data-testid': 'report-row' })}
          skeletonRows={3}
          busy={history.isFetching}
          error={history.isError ? { title: 'Could not load the report history', error: history.error, onRetry: () => void history.refetch() } : null}
          empty={<EmptyState className="border-0" icon={ClipboardCheck} title="No reports yet" description="Stored reports are listed here." />}
          pagination={history.data && { data: history.data, onPage: setPage, hideSinglePage: true }}
          aria-label="Compliance report history"
        />
      </Card>
    </>
  )
}
