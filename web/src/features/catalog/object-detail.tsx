import { useState } from 'react'
import { Highlight, themes } from 'prism-react-renderer'
import { Copy, Hash, KeyRound, Link2 } from 'lucide-react'
import { toast } from 'sonner'
import { Badge } from '@/components/ui/badge'
import { Button } from '@/components/ui/button'
import { Tabs, TabsContent, TabsList, TabsTrigger } from '@/components/ui/tabs'
import { errorMessage } from '@/lib/api'
import { formatBytes, formatCount, useDdl, useExactCount, useObject, type ForeignKeyInfo, type ObjectRef } from './api'

/** Everything about one object, in tabs; foreign keys jump to the table they name. */
export function ObjectDetailPanel({
  connectionId,
  objectRef,
  onJump,
}: {
  connectionId: string
  objectRef: ObjectRef
  onJump: (ref: ObjectRef) => void
}) {
  const detail = useObject(connectionId, objectRef)
  const [tab, setTab] = useState('columns')
  const ddl = useDdl(connectionId, objectRef, tab === 'ddl')
  const count = useExactCount(connectionId)

  if (detail.isPending) return <p className="p-4 text-sm text-muted-foreground">Loading {objectRef.name}…</p>
  if (detail.isError) return <p className="p-4 text-sm text-destructive">{errorMessage(detail.error)}</p>
  const d = detail.data
  const s = d.summary
  const jump = (fk: ForeignKeyInfo, outgoing: boolean) =>
    onJump({ database: objectRef.database, schema: outgoing ? fk.referencedSchema : fk.schema, name: outgoing ? fk.referencedTable : fk.table })

  return (
    <div className="flex h-full flex-col gap-3 overflow-hidden p-4" data-testid="object-detail">
      <div>
        <h2 className="text-lg font-semibold" data-testid="object-title">{s.schema}.{s.name}</h2>
        <div className="flex flex-wrap gap-2 text-xs text-muted-foreground">
          <Badge variant="secondary">{s.kind.toLowerCase().replace('_', ' ')}</Badge>
          {s.approxRows != null && <span>~{formatCount(s.approxRows)} rows (estimate)</span>}
          {s.sizeBytes != null && <span>{formatBytes(s.sizeBytes)}</span>}
          {s.info && <span className="font-mono">{s.info}</span>}
        </div>
        {s.comment && <p className="mt-1 text-sm">{s.comment}</p>}
      </div>
      <Tabs value={tab} onValueChange={setTab} className="flex min-h-0 flex-1 flex-col">
        <TabsList>
          <TabsTrigger value="columns">Columns ({d.columns.length})</TabsTrigger>
          <TabsTrigger value="keys">Keys &amp; relations</TabsTrigger>
          <TabsTrigger value="indexes">Indexes ({d.indexes.length})</TabsTrigger>
          <TabsTrigger value="triggers">Triggers ({d.triggers.length})</TabsTrigger>
          <TabsTrigger value="ddl">DDL</TabsTrigger>
          <TabsTrigger value="stats">Stats</TabsTrigger>
        </TabsList>
        <div className="min-h-0 flex-1 overflow-auto">
          <TabsContent value="columns">
            <table className="w-full text-sm" data-testid="columns-table">
              <thead className="text-left text-xs text-muted-foreground">
                <tr><th className="p-1">#</th><th className="p-1">Name</th><th className="p-1">Type</th><th className="p-1">Null</th><th className="p-1">Default</th><th className="p-1">Comment</th></tr>
              </thead>
              <tbody>
                {d.columns.map((c) => (
                  <tr key={c.position} className="border-t">
                    <td className="p-1 text-muted-foreground">{c.position}</td>
                    <td className="p-1 font-medium">
                      <span className="inline-flex items-center gap-1">
                        {c.name}
                        {c.primaryKey && <KeyRound className="size-3 text-amber-500" aria-label="primary key" />}
                        {c.foreignKey && <Link2 className="size-3 text-sky-500" aria-label="foreign key" />}
                        {c.unique && !c.primaryKey && <Badge variant="outline" className="px-1 text-[10px]">unique</Badge>}
                        {c.indexed && !c.primaryKey && <Hash className="size-3 text-muted-foreground" aria-label="indexed" />}
                      </span>
                    </td>
                    <td className="p-1 font-mono text-xs">
                      {c.dataType}
                      {c.presence != null && c.presence < 1 && <span className="ml-1 text-muted-foreground">({Math.round(c.presence * 100)}%)</span>}
                    </td>
                    <td className="p-1">{c.nullable ? 'yes' : 'no'}</td>
                    <td className="p-1 font-mono text-xs">{c.generated ? `generated ${c.generated}` : c.identity ?? c.defaultValue ?? ''}</td>
                    <td className="p-1 text-xs text-muted-foreground">{c.comment}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TabsContent>
          <TabsContent value="keys" className="space-y-4 text-sm">
            <section>
              <h3 className="mb-1 font-medium">Constraints</h3>
              {d.constraints.length === 0 && <p className="text-muted-foreground">None</p>}
              {d.constraints.map((k) => (
                <div key={k.name} className="font-mono text-xs">{k.type} {k.name} ({k.columns.join(', ')}) {k.definition ?? ''}</div>
              ))}
            </section>
            <section>
              <h3 className="mb-1 font-medium">References</h3>
              {d.foreignKeys.length === 0 && <p className="text-muted-foreground">None</p>}
              {d.foreignKeys.map((fk) => (
                <div key={fk.name} className="text-xs">
                  <span className="font-mono">{fk.columns.join(', ')}</span> →{' '}
                  <button type="button" className="font-mono text-primary underline" onClick={() => jump(fk, true)} data-testid="fk-link">
                    {fk.referencedSchema}.{fk.referencedTable}
                  </button>
                  <span className="font-mono">({fk.referencedColumns.join(', ')})</span>
                  <span className="ml-2 text-muted-foreground">ON DELETE {fk.onDelete} · ON UPDATE {fk.onUpdate}</span>
                </div>
              ))}
            </section>
            <section>
              <h3 className="mb-1 font-medium">Referenced by</h3>
              {d.referencedBy.length === 0 && <p className="text-muted-foreground">None</p>}
              {d.referencedBy.map((fk) => (
                <div key={`${fk.table}.${fk.name}`} className="text-xs">
                  <button type="button" className="font-mono text-primary underline" onClick={() => jump(fk, false)}>
                    {fk.schema}.{fk.table}
                  </button>
                  <span className="font-mono">({fk.columns.join(', ')})</span>
                </div>
              ))}
            </section>
            {d.partitions.length > 0 && (
              <section>
                <h3 className="mb-1 font-medium">Partitions ({d.partitions.length})</h3>
                <p className="font-mono text-xs">{d.partitions.join(', ')}</p>
              </section>
            )}
          </TabsContent>
          <TabsContent value="indexes">
            {d.indexes.map((i) => (
              <div key={i.name} className="border-t py-1 text-xs">
                <span className="font-medium">{i.name}</span> ({i.columns.join(', ')}) {i.primary && <Badge>primary</Badge>}{' '}
                {i.unique && !i.primary && <Badge variant="secondary">unique</Badge>} {i.method}{' '}
                {i.predicate && <span className="font-mono">WHERE {i.predicate}</span>} {formatBytes(i.sizeBytes)}
              </div>
            ))}
          </TabsContent>
          <TabsContent value="triggers">
            {d.triggers.length === 0 && <p className="text-sm text-muted-foreground">None</p>}
            {d.triggers.map((t) => (
              <div key={t.name} className="border-t py-1 text-xs">
                <span className="font-medium">{t.name}</span> {t.timing} {t.events.join(' OR ')} {t.level && `FOR EACH ${t.level}`}{' '}
                <span className="font-mono">{t.action}</span> {!t.enabled && <Badge variant="outline">disabled</Badge>}
              </div>
            ))}
          </TabsContent>
          <TabsContent value="ddl">
            {ddl.isPending && <p className="text-sm text-muted-foreground">Asking the server…</p>}
            {ddl.isError && <p className="text-sm text-destructive">{errorMessage(ddl.error)}</p>}
            {ddl.data && <DdlView code={ddl.data.ddl} language={ddl.data.language} />}
          </TabsContent>
          <TabsContent value="stats" className="space-y-2 text-sm">
            <dl className="grid grid-cols-[max-content_1fr] gap-x-4 gap-y-1">
              <dt className="text-muted-foreground">Rows (estimate)</dt><dd>{formatCount(d.stats.approxRows)}</dd>
              <dt className="text-muted-foreground">Total size</dt><dd>{formatBytes(d.stats.totalBytes)}</dd>
              <dt className="text-muted-foreground">Table</dt><dd>{formatBytes(d.stats.tableBytes)}</dd>
              <dt className="text-muted-foreground">Indexes</dt><dd>{formatBytes(d.stats.indexBytes)}</dd>
              {d.stats.toastBytes != null && <><dt className="text-muted-foreground">TOAST</dt><dd>{formatBytes(d.stats.toastBytes)}</dd></>}
              {d.stats.lastVacuum && <><dt className="text-muted-foreground">Last vacuum</dt><dd>{d.stats.lastVacuum}</dd></>}
              {d.stats.lastAutovacuum && <><dt className="text-muted-foreground">Last autovacuum</dt><dd>{d.stats.lastAutovacuum}</dd></>}
              {d.stats.lastAnalyze && <><dt className="text-muted-foreground">Last analyze</dt><dd>{d.stats.lastAnalyze}</dd></>}
              {d.stats.lastAutoanalyze && <><dt className="text-muted-foreground">Last autoanalyze</dt><dd>{d.stats.lastAutoanalyze}</dd></>}
              {Object.entries({ ...d.stats.properties, ...d.properties }).map(([k, v]) => (
                <><dt key={`k-${k}`} className="text-muted-foreground">{k}</dt><dd key={`v-${k}`} className="font-mono text-xs">{v}</dd></>
              ))}
            </dl>
            <div className="flex items-center gap-3">
              <Button size="sm" variant="outline" disabled={count.isPending} onClick={() => count.mutate(objectRef)} data-testid="exact-count">
                {count.isPending ? 'Counting…' : 'Exact count'}
              </Button>
              {count.data && <span data-testid="exact-count-result">{formatCount(count.data.count)} rows ({count.data.elapsedMillis} ms)</span>}
              {count.isError && <span className="text-destructive">{errorMessage(count.error)}</span>}
            </div>
          </TabsContent>
        </div>
      </Tabs>
    </div>
  )
}

function DdlView({ code, language }: { code: string; language: string }) {
  return (
    <div className="relative">
      <Button
        size="sm"
        variant="outline"
        className="absolute right-2 top-2"
        onClick={() => navigator.clipboard.writeText(code).then(() => toast.success('Copied'))}
      >
        <Copy className="size-3.5" /> Copy
      </Button>
      <Highlight theme={themes.github} code={code.trimEnd()} language={language === 'json' ? 'json' : 'sql'}>
        {({ className, style, tokens, getLineProps, getTokenProps }) => (
          <pre className={`${className} overflow-auto rounded border p-3 text-xs`} style={style} data-testid="ddl">
            {tokens.map((line, i) => (
              <div key={i} {...getLineProps({ line })}>
                {line.map((token, key) => <span key={key} {...getTokenProps({ token })} />)}
              </div>
            ))}
          </pre>
        )}
      </Highlight>
    </div>
  )
}
