import { useState } from 'react'
import { Link } from 'react-router'
import { ArrowDown, ArrowUp, FileCode, FileDown, KeyRound, Layers, Network } from 'lucide-react'
import { Button } from '@/components/ui/button'
import { Input } from '@/components/ui/input'
import { useCurrentUser } from '@/features/auth/current-user'
import { ImportDialog } from '@/features/import/import-dialog'
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from '@/components/ui/table'
import { errorMessage } from '@/lib/api'
import { cn } from '@/lib/utils'
import { formatBytes, formatCount } from '@/lib/format'
import { ExportDialog } from '@/features/exports/export-dialog'
import { useObjects, type ObjectRef } from './api'

const SIZE = 100

/** The tables of one schema, like RAS DASH's list: sorted, filtered and paged by the server, with totals. */
export function TablesView({ connectionId, database, schema, onOpen }: {
  connectionId: string; database: string; schema: string; onOpen: (ref: ObjectRef) => void
}) {
  const [sort, setSort] = useState('name')
  const [page, setPage] = useState(0)
  const [q, setQ] = useState('')
  const [script, setScript] = useState(false)
  const [exporting, setExporting] = useState(false)
  const user = useCurrentUser()
  const objects = useObjects(connectionId, { database, schema, kind: 'table', q: q.trim() || undefined, page, size: SIZE, sort })
  const data = objects.data
  const pageBytes = data?.items.reduce((sum, t) => sum + (t.sizeBytes ?? 0), 0) ?? 0
  const pageRows = data?.items.reduce((sum, t) => sum + (t.approxRows ?? 0), 0) ?? 0
  const hasSizes = data?.items.some((t) => t.sizeBytes != null)
  const hasRows = data?.items.some((t) => t.approxRows != null)

  const header = (key: string, label: string, className?: string) => {
    const ascending = sort === key
    const descending = sort === `${key},desc`
    return (
      <TableHead className={className} aria-sort={ascending ? 'ascending' : descending ? 'descending' : 'none'}>
        <button
          type="button"
          className={cn('inline-flex items-center gap-1 [letter-spacing:inherit] [text-transform:inherit] hover:text-foreground', (ascending || descending) && 'text-foreground')}
          onClick={() => {
            setSort(ascending ? `${key},desc` : key === 'name' ? key : descending ? key : `${key},desc`)
            setPage(0)
          }}
        >
          {label}
          {ascending && <ArrowUp className="size-3.5" />}
          {descending && <ArrowDown className="size-3.5" />}
        </button>
      </TableHead>
    )
  }

  return (
    <div className="flex h-full flex-col overflow-hidden" data-testid="tables-view">
      <div className="flex flex-wrap items-end justify-between gap-3 border-b px-5 pt-4 pb-3">
        <div className="space-y-1">
          <div className="flex items-center gap-2 text-xs text-muted-foreground">
            <Layers className="size-3.5" /> {database === schema ? schema : `${database} / ${schema}`}
          </div>
          <h2 className="flex items-center gap-3 text-lg font-semibold">
            Tables
            <Button asChild size="sm" variant="outline" className="h-7">
              <Link to={`/er?${new URLSearchParams({ connection: connectionId, database, schema })}`} data-testid="open-er">
                <Network className="size-3.5" /> ER diagram
              </Link>
            </Button>
          </h2>
          <p className="text-xs text-muted-foreground" data-testid="tables-totals">
            {data ? (
              <>
                <span className="font-medium text-foreground">{formatCount(data.totalElements)}</span> {data.totalElements === 1 ? 'table' : 'tables'}
                {q.trim() && ` matching “${q.trim()}”`}
                {data.items.length > 0 && (
                  <>
                    {(hasRows || hasSizes) && <>{' '}· {data.totalPages > 1 ? 'this page: ' : ''}</>}
                    {hasRows && <>~{formatCount(pageRows)} rows</>}
                    {hasRows && hasSizes && ', '}
                    {hasSizes && formatBytes(pageBytes)}
                  </>
                )}
              </>
            ) : (
              'Loading…'
            )}
          </p>
        </div>
        <div className="flex items-center gap-2">
        <Button size="sm" variant="outline" className="h-8" onClick={() => setExporting(true)}>
          <FileDown /> Export…
        </Button>
        <Input
          className="h-8 w-64"
          placeholder="Filter tables…"
          value={q}
          onChange={(e) => {
            setQ(e.target.value)
            setPage(0)
          }}
          aria-label="Filter tables"
        />
        {user.canOperate && (
          <Button size="sm" variant="outline" className="h-8" onClick={() => setScript(true)} data-testid="import-sql">
            <FileCode className="size-3.5" />Run SQL script…
          </Button>
        )}
        </div>
      </div>
      {user.canOperate && (
        <ImportDialog connectionId={connectionId} open={script} onOpenChange={setScript}
          onImported={() => void objects.refetch()} target={{ kind: 'SQL', database }} />
      )}
      {exporting && (
        <ExportDialog connectionId={connectionId} database={database} schema={schema} open={exporting} onOpenChange={setExporting} />
      )}
      <div className="min-h-0 flex-1 overflow-auto">
        {objects.isError && <p className="p-5 text-sm text-destructive">{errorMessage(objects.error)}</p>}
        {data && data.items.length === 0 && (
          <p className="p-5 text-sm text-muted-foreground">{q.trim() ? 'No table matches.' : 'This schema has no tables.'}</p>
        )}
        {data && data.items.length > 0 && (
          <Table>
            <TableHeader className="sticky top-0 z-10 bg-card">
              <TableRow>
                {header('name', 'Name', 'pl-5')}
                {header('rows', 'Rows (est.)', 'text-right [&>button]:flex-row-reverse')}
                {header('size', 'Size', 'text-right [&>button]:flex-row-reverse')}
                <TableHead>Description</TableHead>
              </TableRow>
            </TableHeader>
            <TableBody>
              {data.items.map((t) => (
                <TableRow
                  key={`${t.name}/${t.parent ?? ''}`}
                  className="cursor-pointer"
                  onClick={() => onOpen({ database, schema, name: t.name, kind: t.kind })}
                >
                  <TableCell className="pl-5 font-medium">
                    <span className="inline-flex items-center gap-1.5">
                      {t.name}
                      {t.hasPrimaryKey && <KeyRound className="size-3 text-amber-500" aria-label="has a primary key" />}
                      {t.hasPrimaryKey === false && <span className="rounded bg-amber-500/15 px-1 text-[10px] text-amber-700 dark:text-amber-400">no PK</span>}
                    </span>
                  </TableCell>
                  <TableCell className="text-right tabular-nums">{formatCount(t.approxRows)}</TableCell>
                  <TableCell className="text-right tabular-nums">{formatBytes(t.sizeBytes)}</TableCell>
                  <TableCell className="max-w-96 truncate text-muted-foreground" title={t.comment ?? undefined}>{t.comment}</TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        )}
      </div>
      {data && data.totalPages > 1 && (
        <div className="flex items-center justify-end gap-2 border-t px-5 py-2 text-sm">
          <span className="mr-auto text-xs text-muted-foreground">
            {formatCount(page * SIZE + 1)}–{formatCount(page * SIZE + data.items.length)} of {formatCount(data.totalElements)}
          </span>
          <Button size="sm" variant="outline" disabled={page === 0} onClick={() => setPage(page - 1)}>Previous</Button>
          <span className="text-xs">Page {page + 1} of {data.totalPages}</span>
          <Button size="sm" variant="outline" disabled={page + 1 >= data.totalPages} onClick={() => setPage(page + 1)}>Next</Button>
        </div>
      )}
    </div>
  )
}
