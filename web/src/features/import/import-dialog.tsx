import * as React from 'react'
import { Upload } from 'lucide-react'
import { Button } from '@/components/ui/button'
import { Checkbox } from '@/components/ui/checkbox'
import { Dialog, DialogContent, DialogDescription, DialogFooter, DialogHeader, DialogTitle } from '@/components/ui/dialog'
import { Input } from '@/components/ui/input'
import { Label } from '@/components/ui/label'
import { useCancelJob, useJobProgress } from '@/features/jobs/api'
import { JobProgressBar } from '@/features/jobs/job-progress'
import { isFinished } from '@/features/jobs/types'
import { errorMessage } from '@/lib/api'
import { formatBytes } from '@/lib/format'
import { fetchImportResult, usePreview, useStartImport, useUpload } from './api'
import type { CsvOptions, CsvPreview, ImportResult, NullHandling, UploadView } from './types'

/** What to import into: a table (CSV rows) or a database (an SQL script). */
export type ImportTarget =
  | { kind: 'CSV'; database: string; schema: string; table: string }
  | { kind: 'SQL'; database: string }

const DELIMITERS: { value: string; label: string }[] = [
  { value: ',', label: 'Comma ,' },
  { value: ';', label: 'Semicolon ;' },
  { value: '\t', label: 'Tab' },
  { value: '|', label: 'Pipe |' },
]

const selectClass =
  'h-8 rounded-md border border-input bg-background px-2 text-xs shadow-xs outline-none focus-visible:ring-[3px] focus-visible:ring-ring/40'

/**
 * Import a file: pick it (uploaded at once, streamed to the server), for CSV check the preview, the options and which
 * table column each file column goes into, then start; progress follows the job's events, and a failure names the
 * file's line. Nothing stays after a failure where the engine can roll back.
 */
export function ImportDialog({ connectionId, target, open, onOpenChange, onImported }: {
  connectionId: string
  target: ImportTarget
  open: boolean
  onOpenChange: (open: boolean) => void
  onImported?: () => void
}) {
  const upload = useUpload(connectionId)
  const preview = usePreview(connectionId)
  const start = useStartImport(connectionId)
  const cancel = useCancelJob()
  const [file, setFile] = React.useState<UploadView | null>(null)
  const [options, setOptions] = React.useState<CsvOptions | null>(null)
  const [data, setData] = React.useState<CsvPreview | null>(null)
  const [mapping, setMapping] = React.useState<(string | null)[]>([])
  const [encoding, setEncoding] = React.useState('UTF-8')
  const [jobId, setJobId] = React.useState<string | null>(null)
  const [result, setResult] = React.useState<ImportResult | null>(null)
  const job = useJobProgress(jobId)
  const finished = job != null && isFinished(job)

  // the latest callback, without making the result fetch depend on the parent's render
  const imported = React.useRef(onImported)
  React.useEffect(() => {
    imported.current = onImported
  })
  React.useEffect(() => {
    if (!finished || !jobId) return
    let live = true
    fetchImportResult(connectionId, jobId).then(
      (r) => {
        if (!live) return
        setResult(r)
        if (r.committed && !r.error) imported.current?.()
      },
      () => undefined,
    )
    return () => {
      live = false
    }
  }, [finished, jobId, connectionId])

  const reset = () => {
    setFile(null); setOptions(null); setData(null); setMapping([]); setJobId(null); setResult(null)
    upload.reset(); preview.reset(); start.reset()
  }

  const table = target.kind === 'CSV' ? { database: target.database, schema: target.schema, table: target.table } : {}

  const read = (uploaded: UploadView, next: CsvOptions | null) => {
    preview.mutate({ uploadId: uploaded.id, ...table, options: next }, {
      onSuccess: (p) => {
        setData(p)
        setOptions(p.options)
        setMapping(p.suggestedMapping.map((m) => m ?? null))
      },
    })
  }

  const choose = (picked: File | undefined) => {
    if (!picked) return
    reset()
    upload.mutate(picked, {
      onSuccess: (u) => {
        setFile(u)
        if (target.kind === 'CSV') read(u, null)
      },
    })
  }

  const change = (patch: Partial<CsvOptions>) => {
    if (!file || !options) return
    const next = { ...options, ...patch }
    setOptions(next)
    read(file, next)
  }

  const begin = () => {
    if (!file) return
    const request = target.kind === 'CSV'
      ? { kind: 'CSV' as const, uploadId: file.id, ...table, csv: options ?? undefined, mapping }
      : { kind: 'SQL' as const, uploadId: file.id, database: target.database, encoding }
    start.mutate(request, { onSuccess: (j) => setJobId(j.id) })
  }

  const running = jobId != null && !finished
  const mapped = mapping.some((m) => m != null)
  const canStart = !!file && !jobId && !start.isPending && (target.kind === 'SQL' || (!!data && mapped))
  const error = upload.error ?? preview.error ?? start.error

  return (
    <Dialog open={open} onOpenChange={(o) => { if (!o && !running) reset(); if (!running) onOpenChange(o) }}>
      <DialogContent className="sm:max-w-4xl" data-testid="import-dialog">
        <DialogHeader>
          <DialogTitle>{target.kind === 'CSV' ? `Import CSV into ${target.table}` : `Run an SQL script in ${target.database}`}</DialogTitle>
          <DialogDescription>
            {target.kind === 'CSV'
              ? 'All rows go in one transaction: a row the database refuses leaves the table as it was.'
              : 'Statements run in order, in one transaction where the engine can roll DDL back.'}
          </DialogDescription>
        </DialogHeader>

        <div className="flex flex-wrap items-center gap-3">
          <Label className="inline-flex cursor-pointer items-center gap-2 rounded-md border px-3 py-1.5 text-sm hover:bg-muted">
            <Upload className="size-4" /> Choose file…
            <input
              type="file"
              className="sr-only"
              data-testid="import-file"
              accept={target.kind === 'CSV' ? '.csv,.tsv,.txt,text/csv' : '.sql,text/plain'}
              disabled={running}
              onChange={(e) => choose(e.target.files?.[0])}
            />
          </Label>
          {upload.isPending && <span className="text-sm text-muted-foreground">Uploading…</span>}
          {file && <span className="text-sm" data-testid="import-file-name">{file.name} · {formatBytes(file.size)}</span>}
        </div>

        {target.kind === 'CSV' && options && (
          <CsvOptionsRow options={options} onChange={change} disabled={running || !!jobId} />
        )}
        {target.kind === 'SQL' && file && (
          <div className="flex items-center gap-2 text-sm">
            <Label htmlFor="import-encoding">Encoding</Label>
            <Input id="import-encoding" className="h-8 w-40" value={encoding} onChange={(e) => setEncoding(e.target.value)} disabled={!!jobId} />
          </div>
        )}

        {target.kind === 'CSV' && data && (
          <PreviewGrid preview={data} mapping={mapping} onMap={(i, c) => setMapping((m) => m.map((v, j) => (j === i ? c : v)))} disabled={!!jobId} />
        )}

        {jobId && <JobProgressBar job={job} />}
        {result && (
          result.error
            ? <p className="text-sm text-destructive" data-testid="import-error">{result.error}{result.line != null && !result.error.includes(`ine ${result.line}`) ? ` (line ${result.line})` : ''}</p>
            : <p className="text-sm text-emerald-700 dark:text-emerald-400" data-testid="import-done">
                {result.kind === 'CSV' ? `Imported ${result.rows} rows into ${result.target}` : `Ran ${result.statements} statements in ${result.target}`}
              </p>
        )}
        {job?.status === 'CANCELLED' && !result && <p className="text-sm text-muted-foreground">Cancelled; nothing was imported.</p>}
        {error && <p className="text-sm text-destructive" data-testid="import-request-error">{errorMessage(error)}</p>}

        <DialogFooter>
          {running && (
            <Button variant="outline" onClick={() => jobId && cancel.mutate(jobId)} disabled={cancel.isPending}>Cancel import</Button>
          )}
          {!running && <Button variant="outline" onClick={() => { reset(); onOpenChange(false) }} data-testid="import-close">Close</Button>}
          {!finished && <Button onClick={begin} disabled={!canStart} data-testid="import-start">{start.isPending || running ? 'Importing…' : 'Import'}</Button>}
        </DialogFooter>
      </DialogContent>
    </Dialog>
  )
}

function CsvOptionsRow({ options, onChange, disabled }: {
  options: CsvOptions
  onChange: (patch: Partial<CsvOptions>) => void
  disabled: boolean
}) {
  const nulls: NullHandling = options.nullHandling
  return (
    <div className="flex flex-wrap items-end gap-3 text-xs" data-testid="import-options">
      <label className="flex items-center gap-2">
        <Checkbox checked={options.header} onCheckedChange={(v) => onChange({ header: v === true })} disabled={disabled} aria-label="First row is a header" />
        First row is a header
      </label>
      <label className="grid gap-1">
        Delimiter
        <select className={selectClass} value={options.delimiter} onChange={(e) => onChange({ delimiter: e.target.value })} disabled={disabled} aria-label="Delimiter">
          {DELIMITERS.map((d) => <option key={d.label} value={d.value}>{d.label}</option>)}
        </select>
      </label>
      <label className="grid gap-1">
        Quote
        <Input className="h-8 w-12" maxLength={1} value={options.quote} onChange={(e) => e.target.value.length === 1 && onChange({ quote: e.target.value })} disabled={disabled} aria-label="Quote" />
      </label>
      <label className="grid gap-1">
        Encoding
        <Input className="h-8 w-32" defaultValue={options.encoding} onBlur={(e) => e.target.value !== options.encoding && onChange({ encoding: e.target.value })} disabled={disabled} aria-label="Encoding" />
      </label>
      <label className="grid gap-1">
        NULL
        <select className={selectClass} value={nulls} onChange={(e) => onChange({ nullHandling: e.target.value as NullHandling, nullMarker: e.target.value === 'MARKER' ? (options.nullMarker ?? '\\N') : null })} disabled={disabled} aria-label="NULL handling">
          <option value="EMPTY">Empty field is NULL</option>
          <option value="MARKER">A marker is NULL</option>
          <option value="NONE">No NULLs</option>
        </select>
      </label>
      {nulls === 'MARKER' && (
        <label className="grid gap-1">
          Marker
          <Input className="h-8 w-20" defaultValue={options.nullMarker ?? '\\N'} onBlur={(e) => e.target.value && onChange({ nullMarker: e.target.value })} disabled={disabled} aria-label="NULL marker" />
        </label>
      )}
    </div>
  )
}

function PreviewGrid({ preview, mapping, onMap, disabled }: {
  preview: CsvPreview
  mapping: (string | null)[]
  onMap: (index: number, column: string | null) => void
  disabled: boolean
}) {
  return (
    <div className="max-h-[45vh] overflow-auto rounded-md border" data-testid="import-preview">
      <table className="w-full border-collapse text-xs">
        <thead className="sticky top-0 bg-muted">
          <tr>
            {preview.fileColumns.map((name, i) => (
              <th key={i} className="border-b px-2 py-1 text-left align-top font-medium">
                <div className="truncate" title={name}>{name}</div>
                <select
                  className={`${selectClass} mt-1 w-full`}
                  aria-label={`Table column for ${name}`}
                  data-testid={`import-map-${i}`}
                  value={mapping[i] ?? ''}
                  disabled={disabled}
                  onChange={(e) => onMap(i, e.target.value === '' ? null : e.target.value)}
                >
                  <option value="">— skip —</option>
                  {preview.tableColumns.map((c) => <option key={c.name} value={c.name}>{c.name} ({c.dataType})</option>)}
                </select>
              </th>
            ))}
          </tr>
        </thead>
        <tbody className="font-mono">
          {preview.rows.map((row, r) => (
            <tr key={r} className="border-b last:border-0">
              {preview.fileColumns.map((_, i) => {
                const v = row[i]
                return (
                  <td key={i} className="max-w-60 truncate px-2 py-0.5">
                    {v == null ? <span className="text-muted-foreground italic">NULL</span> : v}
                  </td>
                )
              })}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  )
}
