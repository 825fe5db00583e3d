import { useMemo, useState } from 'react'
import { useQuery } from '@tanstack/react-query'
import { Download, FileDown } from 'lucide-react'
import { Button } from '@/components/ui/button'
import { Checkbox } from '@/components/ui/checkbox'
import { Dialog, DialogContent, DialogDescription, DialogFooter, DialogHeader, DialogTitle } from '@/components/ui/dialog'
import { Input } from '@/components/ui/input'
import { Label } from '@/components/ui/label'
import { Select, SelectContent, SelectItem, SelectTrigger, SelectValue } from '@/components/ui/select'
import { errorMessage } from '@/lib/api'
import { useCurrentUser } from '@/features/auth/current-user'
import { fetchObjects, fetchSchemas } from '@/features/catalog/api'
import { useCancelJob, useJobProgress } from '@/features/jobs/api'
import { JobProgressBar, JobStatusBadge } from '@/features/jobs/job-progress'
import type { JobView } from '@/features/jobs/types'
import { downloadUrl, useStartExport, type SchemaOptions } from './api'

type Kind = 'SCHEMA' | 'DATA'

const OBJECT_OPTIONS = [
  ['views', 'Views'],
  ['routines', 'Functions and procedures'],
  ['triggers', 'Triggers'],
  ['indexes', 'Indexes'],
  ['sequences', 'Sequences'],
  ['types', 'Types'],
] as const

type Switches = Record<(typeof OBJECT_OPTIONS)[number][0] | 'dropIfExists' | 'transaction', boolean>

/**
 * The Export dialog of a schema: definitions (with or without rows) or table data as files, for all tables or a
 * chosen few; the job's progress follows over SSE and the file downloads when it is done.
 */
export function ExportDialog({ connectionId, database, schema: initialSchema, open, onOpenChange }: {
  connectionId: string; database: string; schema: string; open: boolean; onOpenChange: (open: boolean) => void
}) {
  const [kind, setKind] = useState<Kind>('SCHEMA')
  const [schema, setSchema] = useState(initialSchema)
  const [search, setSearch] = useState('')
  const [chosen, setChosen] = useState<string[]>([])
  const [switches, setSwitches] = useState<Switches>({
    views: true, routines: true, triggers: true, indexes: true, sequences: true, types: true,
    dropIfExists: false, transaction: false,
  })
  const [data, setData] = useState('NONE')
  const [format, setFormat] = useState('csv')
  const [started, setStarted] = useState<JobView | null>(null)
  const start = useStartExport(connectionId)
  const cancel = useCancelJob()
  const job = useJobProgress(started?.id, started)
  const user = useCurrentUser()
  const canCancel = user?.role === 'ADMIN' || user?.role === 'OPERATOR' || job?.startedBy === user?.username

  const schemas = useQuery({
    queryKey: ['catalog', connectionId, 'schemas', database],
    queryFn: () => fetchSchemas(connectionId, database),
    enabled: open,
  })
  const tables = useQuery({
    queryKey: ['catalog', connectionId, 'export-tables', database, schema],
    queryFn: ({ signal }) => fetchObjects(connectionId, { database, schema, kind: 'table', size: 200, sort: 'name' }, signal),
    enabled: open,
  })
  const names = useMemo(() => (tables.data?.items ?? []).map((t) => t.name), [tables.data])
  const shown = names.filter((n) => n.toLowerCase().includes(search.trim().toLowerCase()))
  const allShown = shown.length > 0 && shown.every((n) => chosen.includes(n))

  const toggle = (name: string, on: boolean) =>
    setChosen((c) => (on ? [...c, name] : c.filter((n) => n !== name)))
  const running = job != null && (job.status === 'QUEUED' || job.status === 'RUNNING')

  const submit = () => {
    const options: SchemaOptions = { ...switches, data }
    start.mutate(
      kind === 'SCHEMA'
        ? { kind, database, schema, tables: chosen, options }
        : { kind, database, schema, tables: chosen, format },
      { onSuccess: setStarted },
    )
  }

  return (
    <Dialog open={open} onOpenChange={onOpenChange}>
      <DialogContent className="max-w-2xl" data-testid="export-dialog">
        <DialogHeader>
          <DialogTitle>Export</DialogTitle>
          <DialogDescription>
            {database} — definitions as a script, or table rows as files. Runs as a job; download the file when it is done.
          </DialogDescription>
        </DialogHeader>
        <div className="grid gap-4 sm:grid-cols-2">
          <div className="grid content-start gap-3">
            <div className="grid gap-1.5">
              <Label htmlFor="export-kind">What</Label>
              <Select value={kind} onValueChange={(v) => setKind(v as Kind)} disabled={running}>
                <SelectTrigger id="export-kind" aria-label="What to export"><SelectValue /></SelectTrigger>
                <SelectContent>
                  <SelectItem value="SCHEMA">Schema (definitions)</SelectItem>
                  <SelectItem value="DATA">Table data</SelectItem>
                </SelectContent>
              </Select>
            </div>
            <div className="grid gap-1.5">
              <Label htmlFor="export-schema">Schema</Label>
              <Select value={schema} onValueChange={(v) => { setSchema(v); setChosen([]) }} disabled={running}>
                <SelectTrigger id="export-schema" aria-label="Schema"><SelectValue /></SelectTrigger>
                <SelectContent>
                  {(schemas.data?.map((s) => s.name) ?? [initialSchema]).map((name) => (
                    <SelectItem key={name} value={name}>{name}</SelectItem>
                  ))}
                </SelectContent>
              </Select>
            </div>
            {kind === 'SCHEMA' ? (
              <fieldset className="grid gap-2" disabled={running}>
                <legend className="mb-1 text-sm font-medium">Include</legend>
                {OBJECT_OPTIONS.map(([key, label]) => (
                  <label key={key} className="flex items-center gap-2 text-sm">
                    <Checkbox checked={switches[key]} onCheckedChange={(v) => setSwitches({ ...switches, [key]: v === true })} />
                    {label}
                  </label>
                ))}
                <label className="flex items-center gap-2 text-sm">
                  <Checkbox checked={switches.dropIfExists} onCheckedChange={(v) => setSwitches({ ...switches, dropIfExists: v === true })} />
                  Add DROP … IF EXISTS
                </label>
                <label className="flex items-center gap-2 text-sm">
                  <Checkbox checked={switches.transaction} onCheckedChange={(v) => setSwitches({ ...switches, transaction: v === true })} />
                  Wrap in a transaction
                </label>
                <div className="grid gap-1.5">
                  <Label htmlFor="export-data">Rows</Label>
                  <Select value={data} onValueChange={setData}>
                    <SelectTrigger id="export-data" aria-label="Rows"><SelectValue /></SelectTrigger>
                    <SelectContent>
                      <SelectItem value="NONE">Definitions only</SelectItem>
                      <SelectItem value="INSERTS">With rows as INSERTs</SelectItem>
                      <SelectItem value="COPY">With rows as COPY (PostgreSQL)</SelectItem>
                    </SelectContent>
                  </Select>
                </div>
              </fieldset>
            ) : (
              <div className="grid gap-1.5">
                <Label htmlFor="export-format">Format</Label>
                <Select value={format} onValueChange={setFormat} disabled={running}>
                  <SelectTrigger id="export-format" aria-label="Format"><SelectValue /></SelectTrigger>
                  <SelectContent>
                    {['csv', 'json', 'ndjson', 'sql', 'xlsx'].map((f) => (
                      <SelectItem key={f} value={f}>{f.toUpperCase()}</SelectItem>
                    ))}
                  </SelectContent>
                </Select>
                <p className="text-xs text-muted-foreground">Several tables download as a zip with one file each.</p>
              </div>
            )}
          </div>
          <div className="grid min-h-0 content-start gap-2">
            <div className="flex items-center justify-between gap-2">
              <span className="text-sm font-medium">Tables</span>
              <span className="text-xs text-muted-foreground" data-testid="export-chosen">
                {chosen.length === 0 ? (kind === 'SCHEMA' ? 'none chosen: all' : 'choose at least one') : `${chosen.length} chosen`}
              </span>
            </div>
            <Input className="h-8" placeholder="Search tables…" value={search} onChange={(e) => setSearch(e.target.value)}
              aria-label="Search tables" />
            <label className="flex items-center gap-2 text-sm">
              <Checkbox checked={allShown} disabled={running || shown.length === 0} aria-label="Select all tables"
                onCheckedChange={(v) => setChosen(v === true ? [...new Set([...chosen, ...shown])] : chosen.filter((n) => !shown.includes(n)))} />
              Select all{search.trim() ? ' shown' : ''}
            </label>
            <div className="h-56 overflow-auto rounded-md border p-2" role="group" aria-label="Tables to export">
              {tables.isError && <p className="text-sm text-destructive">{errorMessage(tables.error)}</p>}
              {shown.map((n) => (
                <label key={n} className="flex items-center gap-2 py-0.5 text-sm">
                  <Checkbox checked={chosen.includes(n)} disabled={running} onCheckedChange={(v) => toggle(n, v === true)}
                    aria-label={`Export ${n}`} />
                  <span className="truncate">{n}</span>
                </label>
              ))}
            </div>
          </div>
        </div>
        {start.isError && <p className="text-sm text-destructive" role="alert">{errorMessage(start.error)}</p>}
        {job && (
          <div className="grid gap-2 rounded-md border p-3" data-testid="export-job">
            <div className="flex items-center justify-between gap-2">
              <JobStatusBadge job={job} />
              {job.summary && <span className="truncate text-xs text-muted-foreground">{job.summary}</span>}
            </div>
            {job.status !== 'COMPLETED' && <JobProgressBar job={job} />}
            {job.failure && job.status !== 'CANCELLED' && <p className="text-sm text-destructive">{job.failure.message}</p>}
          </div>
        )}
        <DialogFooter>
          {running && canCancel && (
            <Button variant="outline" onClick={() => cancel.mutate(job.id)} disabled={cancel.isPending}>Cancel export</Button>
          )}
          {job?.status === 'COMPLETED' ? (
            <Button asChild>
              <a href={downloadUrl(job.id)} download>
                <Download /> Download
              </a>
            </Button>
          ) : (
            <Button onClick={submit} disabled={running || start.isPending || (kind === 'DATA' && chosen.length === 0)}>
              <FileDown /> {start.isPending ? 'Starting…' : 'Start export'}
            </Button>
          )}
        </DialogFooter>
      </DialogContent>
    </Dialog>
  )
}
