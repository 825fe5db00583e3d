import * as React from 'react'
import { Play, Square, History, Download, ListTree } from 'lucide-react'
import { PageHeader } from '@/components/page-header'
import { Button } from '@/components/ui/button'
import { Input } from '@/components/ui/input'
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
import { useCancelExecution, useExecution, useExplain, useExport, useHistory, useRunSql } from './api'
import { PlanTree } from './plan-tree'
import { ResultGrid } from './result-grid'
import { SqlEditor, type SqlEditorHandle } from './sql-editor'
import { isRunning, type ExecutionView, type ExportFormat, type QueryPlan } from './types'

const OWN_DATABASE = '__own__'

/** Read in event handlers only (the React compiler's purity rule cannot tell them from render code). */
function clock() {
  return Date.now()
}

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
  const [chosen, setChosen] = React.useState<string | undefined>()
  const connectionId = chosen ?? active[0]?.id
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
  const [historyQuery, setHistoryQuery] = React.useState('')
  const [runError, setRunError] = React.useState<string | null>(null)
  const editor = React.useRef<SqlEditorHandle>(null)

  const [plan, setPlan] = React.useState<QueryPlan | null>(null)
  const [notice, setNotice] = React.useState<string | null>(null)
  const explain = useExplain()
  const exporter = useExport()
  const run = useRunSql()
  const cancel = useCancelExecution()
  const execution = useExecution(executionId)
  const view: ExecutionView | undefined =
    execution.data ?? (started && started.id === executionId ? started : undefined)
  const running = run.isPending || isRunning(view)
  const history = useHistory(historyQuery, connectionId, view?.status === 'RUNNING' ? null : view?.id)

  React.useEffect(() => {
    if (!running) return
    const timer = window.setInterval(() => setNow(Date.now()), 100)
    return () => window.clearInterval(timer)
  }, [running])

  const sessionKey = `${connectionId}|${database}`
  const start = () => {
    const sql = editor.current?.textToRun() ?? ''
    if (!connectionId || !sql.trim() || running) return
    const db = database === OWN_DATABASE ? undefined : database
    const submit = (sessionId: string | undefined) =>
      run.mutate(
        { connectionId, sql, database: db, sessionId },
        {
          onSuccess: (answer) => {
            setSessions((s) => ({ ...s, [sessionKey]: answer.sessionId }))
            setStarted(answer)
            setExecutionId(answer.id)
            setTab(0)
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

  return (
    <div className="flex h-[calc(100dvh-8rem)] flex-col gap-3">
      <PageHeader
        title="Query"
        description="Run SQL on a connection. Ctrl/Cmd+Enter runs the selection, or the whole script."
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
            <SqlEditor ref={editor} dialect={dialect} initialText={'SELECT 1;'} onRun={start} />
          </div>
          <div className="flex items-center gap-3">
            <Button onClick={start} disabled={!connectionId || running}>
              <Play /> Run
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
            {view?.inTransaction && <span className="text-xs text-amber-600">transaction open</span>}
          </div>
          {runError && <p className="text-sm text-destructive" data-testid="run-error">{runError}</p>}
          {notice && <p className="text-sm text-muted-foreground" data-testid="export-notice">{notice}</p>}
          {plan && <PlanTree plan={plan} />}
          {view?.error && (
            <p className="whitespace-pre-wrap rounded-md border border-destructive/50 p-2 text-sm text-destructive" data-testid="sql-error">
              Statement {view.error.statementIndex + 1}, line {view.error.line}
              {view.error.position != null ? `, position ${view.error.position}` : ''}: {view.error.message}
            </p>
          )}
          {!plan && results.length > 1 && (
            <div className="flex flex-wrap gap-1" role="tablist">
              {results.map((_, i) => (
                <button
                  key={i}
                  role="tab"
                  aria-selected={i === shownTab}
                  className={cn('rounded px-2 py-0.5 text-xs', i === shownTab ? 'bg-primary text-primary-foreground' : 'bg-muted')}
                  onClick={() => setTab(i)}
                >
                  Result {i + 1}
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
              {result.columns.length > 0 ? (
                <ResultGrid key={`${view.id}-${result.index}`} executionId={view.id} result={result} />
              ) : (
                <p className="text-sm text-muted-foreground" data-testid="update-count">
                  {result.updateCount >= 0 ? `${result.updateCount} row(s) affected` : 'Done'} ({result.durationMillis} ms)
                </p>
              )}
            </>
          )}
        </div>
        <aside className="flex w-72 shrink-0 flex-col gap-2 border-l pl-3">
          <div className="flex items-center gap-2 text-sm font-medium">
            <History className="size-4" /> History
          </div>
          <Input placeholder="Search statements" value={historyQuery} onChange={(e) => setHistoryQuery(e.target.value)} />
          <ul className="min-h-0 flex-1 space-y-1 overflow-auto text-xs" data-testid="history">
            {(history.data?.items ?? []).map((h) => (
              <li key={h.id}>
                <button
                  type="button"
                  className="w-full rounded p-1 text-left hover:bg-muted"
                  title="Open in the editor"
                  onClick={() => editor.current?.setText(h.statement)}
                >
                  <span className="line-clamp-2 font-mono">{h.statement}</span>
                  <span className="text-muted-foreground">
                    {h.status} · {h.durationMillis} ms · {new Date(h.startedAt).toLocaleString()}
                  </span>
                </button>
              </li>
            ))}
          </ul>
        </aside>
      </div>
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
