import { Fragment, lazy, Suspense, useState } from 'react'
import { Highlight, themes } from 'prism-react-renderer'
import { ArrowLeft, ArrowRight, Check, Copy, Hash, KeyRound, Layers, Link2, Timer } from 'lucide-react'
import { toast } from 'sonner'
import { Badge } from '@/components/ui/badge'
import { Button } from '@/components/ui/button'
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from '@/components/ui/table'
import { Tabs, TabsContent, TabsList, TabsTrigger } from '@/components/ui/tabs'
import { errorMessage } from '@/lib/api'
import { useTheme } from '@/lib/theme'
import { cn } from '@/lib/utils'
import {
  displayName, propertyLabel, useDdl, useExactCount, useObject, type ForeignKeyInfo, type ObjectRef,
} from './api'
import { formatBytes, formatCount, formatDateTime } from '@/lib/format'

// the grid (and its virtualiser) loads only when a table's data is opened
const DataGrid = lazy(() => import('@/features/table-data/data-grid').then((m) => ({ default: m.DataGrid })))

const RELATIONS = new Set(['TABLE', 'PARTITIONED_TABLE', 'VIEW', 'MATERIALIZED_VIEW', 'FOREIGN_TABLE', 'COLLECTION'])

/** Everything about one object, in tabs; foreign keys jump to the table they name. */
export function ObjectDetailPanel({
  connectionId,
  objectRef,
  onJump,
  onShowSchema,
}: {
  connectionId: string
  objectRef: ObjectRef
  onJump: (ref: ObjectRef) => void
  onShowSchema: () => void
}) {
  const detail = useObject(connectionId, objectRef)
  const [tab, setTab] = useState<string>()
  const current = tab ?? (detail.data && !RELATIONS.has(detail.data.summary.kind) ? 'definition' : 'columns')
  const ddl = useDdl(connectionId, objectRef, current === 'ddl')
  const count = useExactCount(connectionId)

  if (detail.isPending) return <p className="p-5 text-sm text-muted-foreground">Loading {objectRef.name}…</p>
  if (detail.isError)
    return (
      <div className="space-y-2 p-5 text-sm">
        <p className="font-medium">Could not load {objectRef.schema}.{objectRef.name}</p>
        <p className="text-destructive">{errorMessage(detail.error)}</p>
      </div>
    )
  const d = detail.data
  const s = d.summary
  const relation = RELATIONS.has(s.kind)
  // engines without schemas (MySQL) name the other database in the schema field
  const schemaless = objectRef.database === objectRef.schema
  const jump = (fk: ForeignKeyInfo, outgoing: boolean) => {
    const schema = outgoing ? fk.referencedSchema : fk.schema
    onJump({ database: schemaless ? schema : objectRef.database, schema, name: outgoing ? fk.referencedTable : fk.table })
  }
  const keyCount = d.constraints.length + d.foreignKeys.length + d.referencedBy.length
  const properties = Object.entries({ ...d.stats.properties, ...d.properties })

  return (
    <div className="flex h-full flex-col overflow-hidden" data-testid="object-detail">
      <div className="space-y-1.5 border-b px-5 pt-4 pb-3">
        <div className="flex items-center gap-2 text-xs text-muted-foreground">
          <button type="button" className="inline-flex items-center gap-1 hover:text-foreground hover:underline" onClick={onShowSchema}>
            <Layers className="size-3.5" />
            {schemaless ? s.schema : `${objectRef.database} / ${s.schema}`}
          </button>
        </div>
        <div className="flex flex-wrap items-center gap-2">
          <h2 className="min-w-0 truncate font-mono text-lg font-semibold" data-testid="object-title" title={`${s.schema}.${displayName(s)}`}>
            <span className="text-muted-foreground">{s.schema}.</span>
            {displayName(s)}
          </h2>
          <Badge variant="secondary" className="capitalize">{s.kind.toLowerCase().replaceAll('_', ' ')}</Badge>
          {s.parent && (
            <Badge variant="outline" data-testid="object-parent">
              {s.kind === 'TRIGGER' ? `on ${s.parent}` : `partition of ${s.parent}`}
            </Badge>
          )}
        </div>
        <div className="flex flex-wrap gap-x-4 gap-y-1 text-xs text-muted-foreground">
          {s.approxRows != null && <span title="From the planner's statistics">~{formatCount(s.approxRows)} rows (estimate)</span>}
          {s.sizeBytes != null && <span>{formatBytes(s.sizeBytes)}</span>}
          {s.info && <span className="font-mono">{s.info}</span>}
        </div>
        {s.comment && <p className="text-sm text-foreground/80">{s.comment}</p>}
      </div>
      <Tabs value={current} onValueChange={setTab} className="flex min-h-0 flex-1 flex-col gap-0">
        <div className="border-b px-5 py-2">
          <TabsList>
            {relation && <TabsTrigger value="data">View data</TabsTrigger>}
            {relation && <TabsTrigger value="columns">Columns <Count n={d.columns.length} /></TabsTrigger>}
            {relation && <TabsTrigger value="keys">Keys &amp; relations <Count n={keyCount} /></TabsTrigger>}
            {relation && <TabsTrigger value="indexes">Indexes <Count n={d.indexes.length} /></TabsTrigger>}
            {relation && <TabsTrigger value="triggers">Triggers <Count n={d.triggers.length} /></TabsTrigger>}
            {!relation && <TabsTrigger value="definition">Definition</TabsTrigger>}
            <TabsTrigger value="ddl">DDL</TabsTrigger>
            <TabsTrigger value="stats">{relation ? 'Stats' : 'Properties'}</TabsTrigger>
          </TabsList>
        </div>
        <div className="min-h-0 flex-1 overflow-auto">
          <TabsContent value="data" className="h-full">
            {current === 'data' && (
              <Suspense fallback={<p className="p-5 text-sm text-muted-foreground">Loading…</p>}>
                <DataGrid connectionId={connectionId} table={{ database: objectRef.database, schema: s.schema, name: s.name }} />
              </Suspense>
            )}
          </TabsContent>
          <TabsContent value="columns">
            <Table data-testid="columns-table">
              <TableHeader className="sticky top-0 z-10 bg-card">
                <TableRow>
                  <TableHead className="w-10 pl-5 text-right">#</TableHead>
                  <TableHead>Name</TableHead>
                  <TableHead>Type</TableHead>
                  <TableHead className="w-20">Null</TableHead>
                  <TableHead>Default</TableHead>
                  <TableHead>Comment</TableHead>
                </TableRow>
              </TableHeader>
              <TableBody>
                {d.columns.map((c) => (
                  <TableRow key={c.position}>
                    <TableCell className="pl-5 text-right text-xs text-muted-foreground tabular-nums">{c.position}</TableCell>
                    <TableCell>
                      <span className="inline-flex items-center gap-1.5 font-medium">
                        {c.name}
                        {c.primaryKey && <KeyRound className="size-3.5 text-amber-500" aria-label="primary key" />}
                        {c.foreignKey && <Link2 className="size-3.5 text-sky-500" aria-label="foreign key" />}
                        {c.unique && !c.primaryKey && <Badge variant="outline" className="px-1 py-0 text-[10px]">unique</Badge>}
                        {c.indexed && !c.primaryKey && <Hash className="size-3 text-muted-foreground" aria-label="indexed" />}
                      </span>
                    </TableCell>
                    <TableCell className="font-mono text-xs">
                      {c.dataType}
                      {c.collation && <span className="ml-1.5 text-muted-foreground">collate {c.collation}</span>}
                      {c.presence != null && c.presence < 1 && (
                        <span className="ml-1.5 text-muted-foreground" title="Share of sampled documents that have this field">
                          in {Math.round(c.presence * 100)}%
                        </span>
                      )}
                    </TableCell>
                    <TableCell className={cn('text-xs whitespace-nowrap', c.nullable ? 'text-muted-foreground' : 'font-medium')}>{c.nullable ? 'null' : 'not null'}</TableCell>
                    <TableCell className="max-w-64 truncate font-mono text-xs" title={c.defaultValue ?? undefined}>
                      {c.generated ? `generated: ${c.generated}` : c.identity ? `identity (${c.identity})` : (c.defaultValue ?? '')}
                    </TableCell>
                    <TableCell className="max-w-80 truncate text-xs text-muted-foreground" title={c.comment ?? undefined}>
                      {c.comment}
                    </TableCell>
                  </TableRow>
                ))}
              </TableBody>
            </Table>
          </TabsContent>
          <TabsContent value="keys" className="space-y-6 px-5 py-4 text-sm">
            <Section title="Constraints" empty={d.constraints.length === 0}>
              <Table>
                <TableBody>
                  {d.constraints.map((k) => (
                    <TableRow key={k.name}>
                      <TableCell className="w-32"><Badge variant={k.type === 'PRIMARY_KEY' ? 'default' : 'secondary'}>{k.type.replace('_', ' ').toLowerCase()}</Badge></TableCell>
                      <TableCell className="font-mono text-xs">{k.name.toLowerCase() === k.type.replace('_', ' ').toLowerCase() ? '' : k.name}</TableCell>
                      <TableCell className="font-mono text-xs">{k.columns.length > 0 && `(${k.columns.join(', ')})`}</TableCell>
                      <TableCell className="font-mono text-xs text-muted-foreground">{k.definition}</TableCell>
                    </TableRow>
                  ))}
                </TableBody>
              </Table>
            </Section>
            <Section title="References (foreign keys of this table)" empty={d.foreignKeys.length === 0}>
              <ul className="space-y-2" data-testid="foreign-keys">
                {d.foreignKeys.map((fk) => (
                  <li key={fk.name} className="flex flex-wrap items-center gap-x-2 gap-y-1 rounded-md border px-3 py-2">
                    <span className="font-mono text-xs">({fk.columns.join(', ')})</span>
                    <ArrowRight className="size-3.5 text-muted-foreground" aria-label="references" />
                    <button type="button" className="font-mono text-xs font-medium text-primary hover:underline" onClick={() => jump(fk, true)} data-testid="fk-link">
                      {fk.referencedSchema}.{fk.referencedTable}
                    </button>
                    <span className="font-mono text-xs">({fk.referencedColumns.join(', ')})</span>
                    <span className="ml-auto text-[11px] text-muted-foreground">
                      {fk.name} · on delete {fk.onDelete.toLowerCase()} · on update {fk.onUpdate.toLowerCase()}
                    </span>
                  </li>
                ))}
              </ul>
            </Section>
            <Section title="Referenced by" empty={d.referencedBy.length === 0}>
              <ul className="space-y-2" data-testid="referenced-by">
                {d.referencedBy.map((fk) => (
                  <li key={`${fk.schema}.${fk.table}.${fk.name}`} className="flex flex-wrap items-center gap-x-2 gap-y-1 rounded-md border px-3 py-2">
                    <button type="button" className="font-mono text-xs font-medium text-primary hover:underline" onClick={() => jump(fk, false)}>
                      {fk.schema}.{fk.table}
                    </button>
                    <span className="font-mono text-xs">({fk.columns.join(', ')})</span>
                    <ArrowLeft className="size-3.5 text-muted-foreground" aria-label="references this table" />
                    <span className="font-mono text-xs">({fk.referencedColumns.join(', ')})</span>
                    <span className="ml-auto text-[11px] text-muted-foreground">
                      {fk.name} · on delete {fk.onDelete.toLowerCase()}
                    </span>
                  </li>
                ))}
              </ul>
            </Section>
            {d.partitions.length > 0 && (
              <Section title={`Partitions (${d.partitions.length})`} empty={false}>
                <p className="font-mono text-xs">{d.partitions.join(', ')}</p>
              </Section>
            )}
          </TabsContent>
          <TabsContent value="indexes">
            {d.indexes.length === 0 ? (
              <p className="px-5 py-4 text-sm text-muted-foreground">No indexes.</p>
            ) : (
              <Table>
                <TableHeader className="sticky top-0 z-10 bg-card">
                  <TableRow>
                    <TableHead className="pl-5">Name</TableHead>
                    <TableHead>Columns</TableHead>
                    <TableHead>Kind</TableHead>
                    <TableHead>Method</TableHead>
                    <TableHead className="text-right">Size</TableHead>
                  </TableRow>
                </TableHeader>
                <TableBody>
                  {d.indexes.map((i) => (
                    <TableRow key={i.name} title={i.definition ?? undefined}>
                      <TableCell className="pl-5 font-mono text-xs font-medium">{i.name}</TableCell>
                      <TableCell className="font-mono text-xs">
                        {i.columns.join(', ')}
                        {i.predicate && <span className="ml-2 text-muted-foreground">WHERE {i.predicate}</span>}
                      </TableCell>
                      <TableCell>
                        {i.primary ? <Badge>primary</Badge> : i.unique ? <Badge variant="secondary">unique</Badge> : <span className="text-xs text-muted-foreground">—</span>}
                      </TableCell>
                      <TableCell className="text-xs">{i.method ?? '—'}</TableCell>
                      <TableCell className="text-right text-xs tabular-nums">{formatBytes(i.sizeBytes)}</TableCell>
                    </TableRow>
                  ))}
                </TableBody>
              </Table>
            )}
          </TabsContent>
          <TabsContent value="triggers">
            {d.triggers.length === 0 ? (
              <p className="px-5 py-4 text-sm text-muted-foreground">No triggers.</p>
            ) : (
              <Table>
                <TableHeader className="sticky top-0 z-10 bg-card">
                  <TableRow>
                    <TableHead className="pl-5">Name</TableHead>
                    <TableHead>When</TableHead>
                    <TableHead>Action</TableHead>
                    <TableHead>State</TableHead>
                  </TableRow>
                </TableHeader>
                <TableBody>
                  {d.triggers.map((t) => (
                    <TableRow key={t.name}>
                      <TableCell className="pl-5 font-mono text-xs font-medium">{t.name}</TableCell>
                      <TableCell className="text-xs">
                        {t.timing} {t.events.join(' or ')}
                        {t.level && <span className="text-muted-foreground"> · for each {t.level.toLowerCase()}</span>}
                      </TableCell>
                      <TableCell className="max-w-96 truncate font-mono text-xs" title={t.action ?? undefined}>{t.action}</TableCell>
                      <TableCell>{t.enabled ? <span className="text-xs text-muted-foreground">enabled</span> : <Badge variant="outline">disabled</Badge>}</TableCell>
                    </TableRow>
                  ))}
                </TableBody>
              </Table>
            )}
          </TabsContent>
          <TabsContent value="definition" className="px-5 py-4">
            {d.definition ? <CodeView code={d.definition} language="sql" /> : <p className="text-sm text-muted-foreground">No definition text; see DDL and properties.</p>}
          </TabsContent>
          <TabsContent value="ddl" className="px-5 py-4">
            {ddl.isPending && <p className="text-sm text-muted-foreground">Asking the server for the DDL…</p>}
            {ddl.isError && <p className="text-sm text-destructive">{errorMessage(ddl.error)}</p>}
            {ddl.data && <CodeView code={ddl.data.ddl} language={ddl.data.language} />}
          </TabsContent>
          <TabsContent value="stats" className="space-y-5 px-5 py-4 text-sm">
            {relation && (
              <div className="flex flex-wrap items-center gap-3 rounded-lg border bg-muted/30 px-4 py-3">
                <div>
                  <div className="text-xs text-muted-foreground">Rows (estimate)</div>
                  <div className="text-lg font-semibold tabular-nums">{formatCount(d.stats.approxRows)}</div>
                </div>
                <div className="ml-4">
                  <div className="text-xs text-muted-foreground">Rows (exact)</div>
                  <div className="text-lg font-semibold tabular-nums" data-testid="exact-count-result">
                    {count.data ? formatCount(count.data.count) : '—'}
                  </div>
                </div>
                <div className="ml-auto flex items-center gap-3">
                  {count.data && (
                    <span className="inline-flex items-center gap-1 text-xs text-muted-foreground">
                      <Timer className="size-3.5" /> counted in {count.data.elapsedMillis} ms
                    </span>
                  )}
                  <Button size="sm" variant="outline" disabled={count.isPending} onClick={() => count.mutate(objectRef)} data-testid="exact-count">
                    {count.isPending ? 'Counting…' : count.data ? 'Count again' : 'Exact count'}
                  </Button>
                </div>
                {count.isError && <p className="w-full text-destructive">{errorMessage(count.error)}</p>}
              </div>
            )}
            <dl className="grid grid-cols-[max-content_1fr] gap-x-6 gap-y-1.5">
              {relation && (
                <>
                  <Stat label="Total size" value={formatBytes(d.stats.totalBytes)} />
                  <Stat label="Table" value={formatBytes(d.stats.tableBytes)} />
                  <Stat label="Indexes" value={formatBytes(d.stats.indexBytes)} />
                </>
              )}
              {d.stats.toastBytes != null && <Stat label="TOAST" value={formatBytes(d.stats.toastBytes)} />}
              {d.stats.lastVacuum && <Stat label="Last vacuum" value={formatDateTime(d.stats.lastVacuum)} />}
              {d.stats.lastAutovacuum && <Stat label="Last autovacuum" value={formatDateTime(d.stats.lastAutovacuum)} />}
              {d.stats.lastAnalyze && <Stat label="Last analyze" value={formatDateTime(d.stats.lastAnalyze)} />}
              {d.stats.lastAutoanalyze && <Stat label="Last autoanalyze" value={formatDateTime(d.stats.lastAutoanalyze)} />}
              {properties.map(([k, v]) => (
                <Stat key={k} label={propertyLabel(k)} value={propertyValue(k, v)} mono={!NUMERIC.has(k) && !BYTES.has(k)} />
              ))}
            </dl>
          </TabsContent>
        </div>
      </Tabs>
    </div>
  )
}

/** Properties that are byte sizes or plain counts, shown like the other figures rather than as raw text. */
const BYTES = new Set(['dataLength', 'indexLength', 'storageSize', 'averageDocumentSize'])
const NUMERIC = new Set(['liveTuples', 'deadTuples', 'seqScans', 'indexScans', 'indexCount', 'sampledDocuments'])

function propertyValue(key: string, value: string) {
  const n = Number(value)
  if (value === '' || !Number.isFinite(n)) return value
  if (BYTES.has(key)) return formatBytes(n)
  if (NUMERIC.has(key)) return formatCount(n)
  return value
}

function Count({ n }: { n: number }) {
  return <span className="rounded-full bg-muted-foreground/10 px-1.5 text-[11px] leading-4 tabular-nums">{n}</span>
}

function Section({ title, empty, children }: { title: string; empty: boolean; children: React.ReactNode }) {
  return (
    <section>
      <h3 className="mb-2 text-xs font-semibold tracking-wide text-muted-foreground uppercase">{title}</h3>
      {empty ? <p className="text-sm text-muted-foreground">None.</p> : children}
    </section>
  )
}

function Stat({ label, value, mono }: { label: string; value: string; mono?: boolean }) {
  return (
    <Fragment>
      <dt className="text-muted-foreground">{label}</dt>
      <dd className={mono ? 'font-mono text-xs leading-5' : 'tabular-nums'}>{value}</dd>
    </Fragment>
  )
}

function CodeView({ code, language }: { code: string; language: string }) {
  const { resolved } = useTheme()
  const [copied, setCopied] = useState(false)
  return (
    <div className="relative">
      <Button
        size="sm"
        variant="outline"
        className="absolute top-2 right-2 z-10 bg-card"
        onClick={() =>
          navigator.clipboard.writeText(code).then(
            () => {
              setCopied(true)
              toast.success('Copied to the clipboard')
              setTimeout(() => setCopied(false), 1500)
            },
            () => toast.error('The browser did not allow copying'),
          )
        }
      >
        {copied ? <Check /> : <Copy />} Copy
      </Button>
      <Highlight theme={resolved === 'dark' ? themes.vsDark : themes.github} code={code.trimEnd()} language={language === 'json' ? 'json' : 'sql'}>
        {({ className, style, tokens, getLineProps, getTokenProps }) => (
          <pre className={`${className} overflow-auto rounded-lg border p-4 pr-24 font-mono text-xs leading-5 break-words whitespace-pre-wrap`} style={style} data-testid="ddl">
            {tokens.map((line, i) => (
              <div key={i} {...getLineProps({ line })}>
                {line.map((token, key) => (
                  <span key={key} {...getTokenProps({ token })} />
                ))}
              </div>
            ))}
          </pre>
        )}
      </Highlight>
    </div>
  )
}
