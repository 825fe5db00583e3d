import * as React from 'react'
import { useSearchParams } from 'react-router'
import { Play, Square, ListChecks, Save, WandSparkles, Check, Undo2, Download, ListTree } from 'lucide-react'
import { PageHeader } from '@/components/page-header'
import { Button } from '@/components/ui/button'
import {
  DropdownMenu,
  DropdownMenuContent,
  DropdownMenuItem,
  DropdownMenuTrigger,
} from '@/components/ui/dropdown-menu'
import { Select, SelectContent, SelectItem, SelectTrigger, SelectValue } from '@/components/ui/select'
import { ApiError, errorMessage } from '@/lib/api'
import { cn } from '@/lib/utils'
import { useConnections } from '@/features/connections/api'
import { useEngineInfo } from '@/features/connections/engines'
import { useDatabases } from '@/features/catalog/api'
import {
  useCancelExecution,
  useEndTransaction,
  useExecution,
  useExplain,
  useExport,
  useRunSql,
} from './api'
import { PlanTree } from './plan-tree'
import { ResultChart } from './result-chart'
import { ResultGrid } from './result-grid'
import { SaveQueryDialog } from './save-query-dialog'
import { SqlEditor, type SqlEditorHandle } from './sql-editor'
import { isRunning, type ExecutionView, type ExportFormat, type QueryPlan, type Row, type SavedChart, type SavedQuery } from './types'
import { WorkspacePanels } from './workspace-panels'
import { formatterLanguage } from './workspace-text'
import { useEditorCompletion } from './editor-completion'

const OWN_DATABASE = '__own__'

/** The time a run starts (for the elapsed-time display); called from event handlers only. */
const clock = () => Date.now()

const EXPORT_FORMATS: { format: ExportFormat; label: string }[] = [
  { format: 'csv', label: 'CSV' },
  { format: 'json', label: 'JSON array' },
  { format: 'ndjson', label: 'NDJSON (one object per line)' },
  { format: 'sql', label: 'SQL INSERT statements' },
  { format: 'xlsx', label: 'Excel workbook (xlsx)' },
]

/** The SQL console: an editor, Run/Cancel, one tab per result of a script, and the caller's history. */
export function QueryPage() {
  const connections = useConnections()
  const { info } = useEngineInfo()
  const active = (connections.data ?? []).filter((c) => c.active)
  // /query?connection=…&sql=… opens the console on a connection with a statement ready (e.g. an advice fix)
  const [params] = useSearchParams()
  const [chosen, setChosen] = React.useState<string | undefined>(() => params.get('connection') ?? undefined)
  const [prefill] = React.useState(() => params.get('sql')?.slice(0, 100_000) || 'SELECT 1;')
  const connectionId = (chosen && active.some((c) => c.id === chosen) ? chosen : undefined) ?? active[0]?.id
  const connection = active.find((c) => c.id === connectionId)
  const databases = useDatabases(connectionId)
  const [database, setDatabase] = React.useState(OWN_DATABASE)
  const [sessions, setSessions] = React.useState<Record<string, string>>({})
  const [executionId, setExecutionId] = React.useState<string | null>(null)
  // the POST's answer stands for the execution until the first long-poll answers
  const [started, setStarted] = React.useState<ExecutionView | null>(null)
  const [tab, setTab] = React.useState(0)
  const [startedAt, setStartedAt] = React.useState(0)
  const [now, setNow] = React.useState(0)
  const [runError, setRunError] = React.useState<string | null>(null)
  const [continueOnError, setContinueOnError] = React.useState(false)
  const [saving, setSaving] = React.useState<{ sql: string } | null>(null)
  const [openedSaved, setOpenedSaved] = React.useState<SavedQuery | null>(null)
  const editor = React.useRef<SqlEditorHandle>(null)

  const [plan, setPlan] = React.useState<QueryPlan | null>(null)
  const [showChart, setShowChart] = React.useState(false)
  // the chart's settings by column name: kept across runs, restored from a saved query, saved with one
  const [chart, setChart] = React.useState<SavedChart | null>(null)
  // a saved query's chart waits for its next run: the result shown until then is another query's
  const [chartOnRun, setChartOnRun] = React.useState(false)
  const [gridRows, setGridRows] = React.useState<Row[]>([])
  const [notice, setNotice] = React.useState<string | null>(null)
  const explain = useExplain()
  const exporter = useExport()
  const run = useRunSql()
  const cancel = useCancelExecution()
  const endTransaction = useEndTransaction()
  const execution = useExecution(executionId)
  const view: ExecutionView | undefined =
    execution.data ?? (started && started.id === executionId ? started : undefined)
  const running = run.isPending || isRunning(view)
  const historyKey = view?.status === 'RUNNING' ? null : view?.id

  React.useEffect(() => {
    if (!running) return
    const timer = window.setInterval(() => setNow(Date.now()), 100)
    return () => window.clearInterval(timer)
  }, [running])

  const sessionKey = `${connectionId}|${database}`
  const start = (whole = false) => {
    const sql = (whole ? editor.current?.wholeText() : editor.current?.textToRun()) ?? ''
    if (!connectionId || !sql.trim() || running) return
    const db = database === OWN_DATABASE ? undefined : database
    const submit = (sessionId: string | undefined) =>
      run.mutate(
        { connectionId, sql, database: db, sessionId, continueOnError },
        {
          onSuccess: (answer) => {
            setSessions((s) => ({ ...s, [sessionKey]: answer.sessionId }))
            setStarted(answer)
            setExecutionId(answer.id)
            setTab(0)
            if (chartOnRun) {
              setShowChart(true)
              setChartOnRun(false)
            }
          },
          onError: (e) => {
            // the session idled out or was closed: start a new one
            if (sessionId && e instanceof ApiError && e.status === 404) submit(undefined)
            else setRunError(errorMessage(e))
          },
        },
      )
    setRunError(null)
    setPlan(null)
    const at = clock()
    setStartedAt(at)
    setNow(at)
    submit(sessions[sessionKey])
  }

  const dbOrUndefined = database === OWN_DATABASE ? undefined : database
  const showPlan = (analyze: boolean) => {
    const sql = editor.current?.textToRun() ?? ''
    if (!connectionId || !sql.trim()) return
    setRunError(null)
    setNotice(null)
    explain.mutate(
      { connectionId, sql, database: dbOrUndefined, analyze },
      { onSuccess: setPlan, onError: (e) => setRunError(errorMessage(e)) },
    )
  }
  const exportAs = (format: ExportFormat) => {
    const sql = editor.current?.textToRun() ?? ''
    if (!connectionId || !sql.trim()) return
    setRunError(null)
    setNotice(null)
    exporter.mutate(
      { connectionId, sql, database: dbOrUndefined, format },
      {
        onSuccess: (name) => setNotice(`Exported ${name}`),
        onError: (e) => setRunError(`Export failed: ${errorMessage(e)}`),
      },
    )
  }

  const results = view?.results ?? []
  const shownTab = Math.min(tab, Math.max(0, results.length - 1))
  const result = results[shownTab]
  const dialect = connection ? info(connection.engine).consoleDialect : undefined
  const databaseList = databases.data ?? []
  const completionDatabase =
    database !== OWN_DATABASE ? database : connection?.database || databaseList[0]?.name || undefined
  const completion = useEditorCompletion(connectionId, completionDatabase)
  const formatLanguage = formatterLanguage(dialect)

  const format = async () => {
    if (!formatLanguage || !editor.current) return
    const { format: formatSql } = await import('sql-formatter')
    try {
      editor.current.setText(formatSql(editor.current.wholeText(), { language: formatLanguage, keywordCase: 'upper' }))
      setRunError(null)
    } catch (e) {
      setRunError(`Could not format: ${errorMessage(e)}`)
    }
  }

  const finishTransaction = (commit: boolean) => {
    if (!view) return
    endTransaction.mutate(
      { sessionId: view.sessionId, commit },
      {
        onSuccess: (answer) => {
          setStarted(answer)
          setExecutionId(answer.id)
          setTab(0)
          setRunError(null)
        },
        onError: (e) => setRunError(errorMessage(e)),
      },
    )
  }

  const open = (sql: string, saved?: SavedQuery) => {
    editor.current?.setText(sql)
    setOpenedSaved(saved?.editable ? saved : null)
    if (saved && saved.connectionId !== connectionId && active.some((c) => c.id === saved.connectionId)) {
      setChosen(saved.connectionId)
    }
    if (saved) {
      setDatabase(saved.database ?? OWN_DATABASE)
      // its chart is drawn once it is run
      setChart(saved.chart ?? null)
      setShowChart(false)
      setChartOnRun(!!saved.chart)
    }
    editor.current?.focus()
  }

  return (
    <div className="flex h-[calc(100dvh-8rem)] flex-col gap-3">
      <PageHeader
        title="Query"
        description="Run SQL on a connection. Ctrl/Cmd+Enter runs the selection or the statement at the cursor, Shift+Enter the whole script."
        actions={
          <>
            <Select value={connectionId ?? ''} onValueChange={(v) => { setChosen(v); setDatabase(OWN_DATABASE) }}>
              <SelectTrigger className="w-64" aria-label="Connection">
                <SelectValue placeholder="Choose a connection" />
              </SelectTrigger>
              <SelectContent>
                {active.map((c) => (
                  <SelectItem key={c.id} value={c.id}>
                    {c.name}
                  </SelectItem>
                ))}
              </SelectContent>
            </Select>
            {databaseList.length > 1 && (
              <Select value={database} onValueChange={setDatabase}>
                <SelectTrigger className="w-48" aria-label="Database">
                  <SelectValue />
                </SelectTrigger>
                <SelectContent>
                  <SelectItem value={OWN_DATABASE}>Connection's database</SelectItem>
                  {databaseList.map((d) => (
                    <SelectItem key={d.name} value={d.name}>
                      {d.name}
                    </SelectItem>
                  ))}
                </SelectContent>
              </Select>
            )}
          </>
        }
      />
      <div className="flex min-h-0 flex-1 gap-3">
        <div className="flex min-w-0 flex-1 flex-col gap-2">
          <div className="h-48 shrink-0">
            <SqlEditor ref={editor} dialect={dialect} initialText={prefill} onRun={start} completion={completion} />
          </div>
          <div className="flex flex-wrap items-center gap-3">
            <Button onClick={() => start(false)} disabled={!connectionId || running} title="Selection or statement at the cursor (Ctrl/Cmd+Enter)">
              <Play /> Run
            </Button>
            <Button variant="outline" onClick={() => start(true)} disabled={!connectionId || running} title="Whole script (Shift+Enter)">
              <ListChecks /> Run script
            </Button>
            <label className="flex items-center gap-1 text-xs text-muted-foreground">
              <input type="checkbox" checked={continueOnError} onChange={(e) => setContinueOnError(e.target.checked)} />
              Continue on error
            </label>
            {formatLanguage && (
              <Button variant="ghost" size="sm" onClick={format} title="Format SQL">
                <WandSparkles /> Format
              </Button>
            )}
            <Button
              variant="ghost"
              size="sm"
              disabled={!connectionId}
              onClick={() => setSaving({ sql: editor.current?.wholeText() ?? '' })}
            >
              <Save /> Save…
            </Button>
            <Button variant="outline" onClick={() => showPlan(false)} disabled={!connectionId || explain.isPending}>
              <ListTree /> Explain
            </Button>
            <Button variant="outline" onClick={() => showPlan(true)} disabled={!connectionId || explain.isPending}>
              Explain analyze
            </Button>
            <DropdownMenu>
              <DropdownMenuTrigger asChild>
                <Button variant="outline" disabled={!connectionId || exporter.isPending}>
                  <Download /> {exporter.isPending ? 'Exporting…' : 'Export…'}
                </Button>
              </DropdownMenuTrigger>
              <DropdownMenuContent>
                {EXPORT_FORMATS.map((f) => (
                  <DropdownMenuItem key={f.format} onSelect={() => exportAs(f.format)}>
                    {f.label}
                  </DropdownMenuItem>
                ))}
              </DropdownMenuContent>
            </DropdownMenu>
            {running && (
              <>
                <Button
                  variant="destructive"
                  onClick={() => executionId && cancel.mutate(executionId)}
                  disabled={!view || cancel.isPending}
                >
                  <Square /> Cancel
                </Button>
                <span className="text-sm tabular-nums text-muted-foreground" data-testid="elapsed">
                  {((now - startedAt) / 1000).toFixed(1)} s
                </span>
              </>
            )}
            {view && !running && <StatusLine view={view} />}
            {view?.readOnly && <span className="text-xs text-muted-foreground">read-only session</span>}
          </div>
          {view?.inTransaction && !running && (
            <div
              className="flex items-center gap-2 rounded-md border border-amber-500/60 bg-amber-500/10 px-2 py-1 text-sm"
              data-testid="transaction-open"
            >
              <span className="text-amber-700 dark:text-amber-400">Transaction open on this session</span>
              <Button size="sm" variant="outline" onClick={() => finishTransaction(true)} disabled={endTransaction.isPending}>
                <Check /> Commit
              </Button>
              <Button size="sm" variant="outline" onClick={() => finishTransaction(false)} disabled={endTransaction.isPending}>
                <Undo2 /> Rollback
              </Button>
            </div>
          )}
                    {runError && <p className="text-sm text-destructive" data-testid="run-error">{runError}</p>}
          {notice && <p className="text-sm text-muted-foreground" data-testid="export-notice">{notice}</p>}
          {plan && <PlanTree plan={plan} />}
          {view?.error && (
            <p className="whitespace-pre-wrap rounded-md border border-destructive/50 p-2 text-sm text-destructive" data-testid="sql-error">
              Statement {view.error.statementIndex + 1}
              {view.error.statement ? ` (${view.error.statement})` : ''}, line {view.error.line}
              {view.error.position != null ? `, position ${view.error.position}` : ''}: {view.error.message}
              {view.failedStatements > 1 ? ` — ${view.failedStatements} statements failed` : ''}
            </p>
          )}
          {!plan && results.length > 1 && (
            <div className="flex flex-wrap gap-1" role="tablist">
              {results.map((_, i) => (
                <button
                  key={i}
                  role="tab"
                  aria-selected={i === shownTab}
                  className={cn(
                    'rounded px-2 py-0.5 text-xs',
                    i === shownTab ? 'bg-primary text-primary-foreground' : 'bg-muted',
                    results[i].error && 'text-destructive',
                  )}
                  onClick={() => setTab(i)}
                >
                  Result {results[i].index + 1}
                </button>
              ))}
            </div>
          )}
          {!plan && result && view && (
            <>
              {result.notices.length > 0 && (
                <ul className="text-xs text-muted-foreground" data-testid="notices">
                  {result.notices.map((n, i) => (
                    <li key={i}>{n}</li>
                  ))}
                </ul>
              )}
              {result.error ? (
                <p className="text-sm text-destructive" data-testid="result-error">
                  Failed at line {result.error.line}
                  {result.error.position != null ? `, position ${result.error.position}` : ''}: {result.error.message}
                </p>
              ) : result.columns.length > 0 ? (
                <>
                  <div className="flex gap-1 text-xs" role="tablist" aria-label="Result view">
                    {(['Grid', 'Chart'] as const).map((label) => (
                      <button key={label} type="button" role="tab" aria-selected={showChart === (label === 'Chart')}
                        className={cn('rounded px-2 py-0.5', showChart === (label === 'Chart') ? 'bg-primary text-primary-foreground' : 'bg-muted')}
                        onClick={() => setShowChart(label === 'Chart')}>
                        {label}
                      </button>
                    ))}
                  </div>
                  {/* the grid stays mounted under the chart: it holds the rows fetched so far and its scroll position */}
                  <div className={cn('flex min-h-0 flex-1 flex-col', showChart && 'hidden')}>
                    <ResultGrid key={`${view.id}-${result.index}`} executionId={view.id} result={result} onRows={setGridRows} />
                  </div>
                  {showChart && (
                    <ResultChart key={`${view.id}-${result.index}`} columns={result.columns}
                      rows={gridRows.length > 0 ? gridRows : result.rows} initial={chart} onChange={setChart} />
                  )}
                </>
              ) : (
                <p className="text-sm text-muted-foreground" data-testid="update-count">
                  {result.updateCount >= 0 ? `${result.updateCount} row(s) affected` : 'Done'} ({result.durationMillis} ms)
                </p>
              )}
            </>
          )}
        </div>
        <WorkspacePanels connectionId={connectionId} refreshKey={historyKey} onOpen={open} />
      </div>
      {saving && connectionId && (
        <SaveQueryDialog
          open
          onOpenChange={(o) => !o && setSaving(null)}
          connectionId={connectionId}
          database={database === OWN_DATABASE ? undefined : database}
          sql={saving.sql}
          editing={openedSaved}
          chart={showChart || chartOnRun ? chart : null}
          onSaved={(saved) => setOpenedSaved(saved)}
        />
      )}
    </div>
  )
}

function StatusLine({ view }: { view: ExecutionView }) {
  return (
    <span className="text-sm text-muted-foreground" data-testid="sql-status">
      {view.status} · {view.results.length}/{view.statementCount} statement(s) · {view.durationMillis} ms
    </span>
  )
}
