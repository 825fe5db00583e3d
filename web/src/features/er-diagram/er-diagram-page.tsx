import * as React from 'react'
import { Link, useSearchParams } from 'react-router'
import { ArrowLeft, Download, Maximize, Minus, Plus } from 'lucide-react'
import { PageHeader } from '@/components/page-header'
import { Button } from '@/components/ui/button'
import { Input, inputClasses } from '@/components/ui/input'
import { useConnections } from '@/features/connections/api'
import { errorMessage } from '@/lib/api'
import { cn } from '@/lib/utils'
import { useErDiagram } from './api'
import { ErCanvas, type ErCanvasHandle } from './er-canvas'
import { neighbourhood, subgraph, WHOLE_SCHEMA_LIMIT } from './graph'
import { layout } from './layout'

const HOPS = [1, 2, 3]

/**
 * The ER diagram of one schema (`/er?connection=…&database=…&schema=…[&table=…&hops=…]`): a schema of up to
 * {@link WHOLE_SCHEMA_LIMIT} tables is drawn whole; a larger one asks for a table and draws it with the tables within
 * `hops` foreign keys of it. The choice lives in the URL.
 */
export function ErDiagramPage() {
  const [params, setParams] = useSearchParams()
  const connectionId = params.get('connection') ?? undefined
  const database = params.get('database') ?? undefined
  const schema = params.get('schema') ?? undefined
  const table = params.get('table')
  const hops = Math.min(3, Math.max(1, Number(params.get('hops') ?? 1) || 1))
  const er = useErDiagram(connectionId, database, schema)
  const connection = useConnections().data?.find((c) => c.id === connectionId)
  const canvas = React.useRef<ErCanvasHandle>(null)
  const [typed, setTyped] = React.useState(table ?? '')
  const [exportError, setExportError] = React.useState<string | null>(null)

  const set = (changes: Record<string, string | null>) => {
    const next = new URLSearchParams(params)
    for (const [k, v] of Object.entries(changes)) {
      if (v == null) next.delete(k)
      else next.set(k, v)
    }
    setParams(next)
  }
  const pick = (name: string) => {
    setTyped(name)
    set({ table: name })
  }

  const data = er.data
  const tooBig = !!data && data.tables.length > WHOLE_SCHEMA_LIMIT
  const drawn = React.useMemo(() => {
    if (!data) return null
    if (table) {
      const near = neighbourhood(data, table, hops)
      return near.names.length === 0 ? null : { ...subgraph(data, near.names), truncated: near.truncated }
    }
    return data.tables.length > WHOLE_SCHEMA_LIMIT ? null : { tables: data.tables, edges: subgraph(data, data.tables.map((t) => t.name)).edges, truncated: false }
  }, [data, table, hops])
  const placed = React.useMemo(() => (drawn ? layout(drawn.tables, drawn.edges) : null), [drawn])
  const unknownTable = !!data && !!table && !data.tables.some((t) => t.name === table)
  const fileName = `er-${schema ?? 'schema'}${table ? `-${table}` : ''}`

  const exportAs = (kind: 'svg' | 'png') => {
    setExportError(null)
    if (kind === 'svg') canvas.current?.exportSvg(fileName)
    else canvas.current?.exportPng(fileName).catch((e: unknown) => setExportError(`PNG export failed: ${errorMessage(e)}`))
  }

  return (
    <div className="flex h-[calc(100dvh-7.5rem)] min-h-[32rem] flex-col gap-3">
      <PageHeader
        title="ER diagram"
        description={
          <>
            {connection?.name ?? 'Connection'} · {database === schema ? schema : `${database} / ${schema}`} · tables with
            their key columns and foreign keys. Drag to pan, wheel to zoom, click a table to centre on it.
          </>
        }
        actions={
          <Button asChild variant="outline" size="sm">
            <Link to={`/browser?${new URLSearchParams({ connection: connectionId ?? '', db: database ?? '', schema: schema ?? '' })}`}>
              <ArrowLeft /> Back to the browser
            </Link>
          </Button>
        }
      />
      <div className="flex flex-wrap items-center gap-2 text-sm">
        <form
          className="flex items-center gap-2"
          onSubmit={(e) => {
            e.preventDefault()
            if (typed.trim()) pick(typed.trim())
          }}
        >
          <Input className="h-8 w-56" list="er-tables" placeholder="Centre on table…" aria-label="Centre table" value={typed}
            onChange={(e) => {
              setTyped(e.target.value)
              // choosing from the list completes the name: take it at once
              if (data?.tables.some((t) => t.name === e.target.value)) set({ table: e.target.value })
            }} />
          <datalist id="er-tables">
            {data?.tables.slice(0, 2000).map((t) => <option key={t.name} value={t.name} />)}
          </datalist>
          <Button type="submit" size="sm" variant="outline">Show</Button>
        </form>
        <label className="flex items-center gap-1 text-xs text-muted-foreground">
          Neighbours within
          <select aria-label="Hops" className={cn(inputClasses, 'h-8 w-auto py-0')} value={hops} disabled={!table}
            onChange={(e) => set({ hops: e.target.value })}>
            {HOPS.map((h) => <option key={h} value={h}>{h} foreign key{h === 1 ? '' : 's'}</option>)}
          </select>
        </label>
        <Button size="sm" variant="ghost" disabled={!table || tooBig}
          title={tooBig ? `More than ${WHOLE_SCHEMA_LIMIT} tables: pick a table` : undefined}
          onClick={() => { setTyped(''); set({ table: null, hops: null }) }}>
          Whole schema
        </Button>
        <div className="ml-auto flex items-center gap-1">
          <Button size="icon" variant="outline" className="size-8" aria-label="Zoom in" disabled={!placed} onClick={() => canvas.current?.zoom(1.25)}><Plus /></Button>
          <Button size="icon" variant="outline" className="size-8" aria-label="Zoom out" disabled={!placed} onClick={() => canvas.current?.zoom(0.8)}><Minus /></Button>
          <Button size="icon" variant="outline" className="size-8" aria-label="Fit" disabled={!placed} onClick={() => canvas.current?.fit()}><Maximize /></Button>
          <Button size="sm" variant="outline" disabled={!placed} onClick={() => exportAs('svg')}><Download /> SVG</Button>
          <Button size="sm" variant="outline" disabled={!placed} onClick={() => exportAs('png')}><Download /> PNG</Button>
        </div>
      </div>
      <p className="text-xs text-muted-foreground" data-testid="er-summary">
        {er.isPending
          ? 'Reading the schema…'
          : er.isError
            ? ''
            : drawn
              ? `${drawn.tables.length} of ${data!.tables.length} tables, ${drawn.edges.length} foreign keys shown` +
                (table ? ` (${table} and its neighbours within ${hops} key${hops === 1 ? '' : 's'})` : '') +
                (drawn.truncated ? ' — cut at the nearest tables; pick a table further out to see more' : '') +
                (data!.truncated ? ` — the schema has more than ${data!.tables.length} tables; only those are read` : '')
              : ''}
      </p>
      {exportError && <p className="text-sm text-destructive">{exportError}</p>}
      <div className="min-h-0 flex-1">
        {er.isError ? (
          <p className="text-sm text-destructive">{errorMessage(er.error)}</p>
        ) : unknownTable ? (
          <p className="text-sm text-destructive" data-testid="er-message">This schema has no table named “{table}”.</p>
        ) : data && data.tables.length === 0 ? (
          <p className="text-sm text-muted-foreground" data-testid="er-message">This schema has no tables.</p>
        ) : tooBig && !table ? (
          <p className="rounded-md border border-dashed p-6 text-sm text-muted-foreground" data-testid="er-message">
            This schema has {(data?.tables.length ?? 0).toLocaleString()} tables: too many to draw at once. Pick a table above to draw it
            with its neighbours.
          </p>
        ) : placed ? (
          <ErCanvas ref={canvas} layout={placed} center={table} onPick={pick} />
        ) : null}
      </div>
    </div>
  )
}
