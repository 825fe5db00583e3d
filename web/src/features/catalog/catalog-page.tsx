import { useCallback, useEffect, useMemo, useState } from 'react'
import { Link, useSearchParams } from 'react-router'
import { Cable, FolderTree, MousePointerClick, RefreshCw } from 'lucide-react'
import { toast } from 'sonner'
import { EmptyState } from '@/components/empty-state'
import { PageHeader } from '@/components/page-header'
import { Button } from '@/components/ui/button'
import { Input } from '@/components/ui/input'
import { Select, SelectContent, SelectItem, SelectTrigger, SelectValue } from '@/components/ui/select'
import { errorMessage } from '@/lib/api'
import type { ObjectKind } from '@/lib/api-types'
import { useCurrentUser } from '@/features/auth/current-user'
import { useConnections } from '@/features/connections/api'
import { EngineIcon } from '@/features/connections/engines'
import { formatDateTime, formatRelative } from '@/lib/format'
import { useDatabases, useSnapshots, useSync, type ObjectRef } from './api'
import { CatalogSearchBox } from './catalog-search'
import { CatalogTree } from './catalog-tree'
import { ObjectDetailPanel } from './object-detail'
import { TablesView } from './tables-view'

type BrowserTarget = {
  connection: string
  db?: string
  schema?: string
  object?: string
  kind?: string
  /** the table of a trigger: trigger names repeat across tables */
  parent?: string
  /** a routine's argument types (empty for none): overloads share a name */
  signature?: string
}

/** Where a browser link points: `/browser?connection=…&db=…&schema=…&object=…&kind=…[&parent=…][&signature=…]`. */
export function browserLink(target: BrowserTarget) {
  const params = new URLSearchParams()
  for (const [k, v] of Object.entries(target)) if (v || (k === 'signature' && v === '')) params.set(k, v)
  return `/browser?${params}`
}

/**
 * The Database Browser: connection → database → schema → objects → columns, with details, a tables view per
 * schema, sync and search. The selection lives in the URL, so a reload or a shared link shows the same thing.
 */
export function CatalogPage() {
  const connections = useConnections()
  const active = useMemo(() => (connections.data ?? []).filter((c) => c.active), [connections.data])
  const [params, setParams] = useSearchParams()
  const requested = params.get('connection') ?? undefined
  const connectionId = requested ?? active[0]?.id
  const connection = (connections.data ?? []).find((c) => c.id === connectionId)
  const db = params.get('db')
  const schema = params.get('schema')
  const objectName = params.get('object')
  const parent = params.get('parent')
  const signature = params.get('signature')
  const selected: ObjectRef | null = useMemo(
    () =>
      db && schema && objectName
        ? {
            database: db, schema, name: objectName, kind: (params.get('kind') as ObjectKind) ?? undefined,
            ...(parent ? { parent } : {}), ...(signature != null ? { signature } : {}),
          }
        : null,
    [db, schema, objectName, params, parent, signature],
  )
  const tablesOf = !selected && db && schema ? { database: db, schema } : null

  const [filter, setFilter] = useState('')
  const [debounced, setDebounced] = useState('')
  const databases = useDatabases(connection?.active ? connectionId : undefined)
  const snapshots = useSnapshots(connection ? connectionId : undefined)
  const sync = useSync(connectionId)
  const user = useCurrentUser()
  const canSync = user?.role === 'ADMIN' || user?.role === 'OPERATOR'

  // the default connection goes into the URL too, so a reload or a copied link keeps it
  useEffect(() => {
    if (!requested && active[0]) setParams({ connection: active[0].id }, { replace: true })
  }, [requested, active, setParams])
  useEffect(() => {
    const t = setTimeout(() => setDebounced(filter.trim()), 250)
    return () => clearTimeout(t)
  }, [filter])

  const go = useCallback(
    (next: Partial<BrowserTarget>) =>
      setParams(new URLSearchParams(browserLink({ connection: next.connection ?? connectionId ?? '', ...next }).split('?')[1])),
    [connectionId, setParams],
  )
  const selectObject = useCallback(
    (ref: ObjectRef) =>
      go({ db: ref.database, schema: ref.schema, object: ref.name, kind: ref.kind, parent: ref.parent, signature: ref.signature }),
    [go],
  )

  if (connections.isSuccess && active.length === 0) {
    return (
      <div className="space-y-6">
        <PageHeader title="Database browser" />
        <EmptyState
          icon={Cable}
          title="No active connections"
          description="Register a connection (or switch one on) to browse its databases, schemas and tables."
          action={
            <Button asChild>
              <Link to="/connections">Open connections</Link>
            </Button>
          }
        />
      </div>
    )
  }

  const last = snapshots.data?.items[0]
  return (
    <div className="flex h-[calc(100dvh-7.5rem)] min-h-[32rem] flex-col gap-4">
      <PageHeader
        title="Database browser"
        description="The live catalog of a connection. Search uses each connection's last sync."
        actions={
          <>
            <CatalogSearchBox
              onOpen={(hit) =>
                go({ connection: hit.connectionId, db: hit.database, schema: hit.schema, object: hit.object, kind: hit.objectKind })
              }
            />
            <Select value={connectionId} onValueChange={(v) => go({ connection: v })}>
              <SelectTrigger className="w-64" aria-label="Connection">
                <SelectValue placeholder="Choose a connection" />
              </SelectTrigger>
              <SelectContent>
                {active.map((c) => (
                  <SelectItem key={c.id} value={c.id}>
                    <EngineIcon engine={c.engine} className="size-5 rounded text-[9px]" />
                    <span className="truncate">{c.name}</span>
                  </SelectItem>
                ))}
              </SelectContent>
            </Select>
          </>
        }
      />
      <div className="-mt-1 flex min-h-8 flex-wrap items-center gap-x-3 gap-y-1 text-xs text-muted-foreground">
        <span data-testid="last-sync" className="min-w-0">
          {!last ? (
            'Not synced yet: sync to make this connection searchable.'
          ) : (
            <>
              <span title={formatDateTime(last.takenAt)}>Last synced {formatRelative(last.takenAt)}</span> by {last.takenBy} ·{' '}
              {last.objects.toLocaleString()} objects, {last.columns.toLocaleString()} columns in {last.durationMillis.toLocaleString()} ms ·{' '}
              <span className="text-foreground/80">{last.diff ?? 'no diff'}</span>
            </>
          )}
        </span>
        {canSync && (
          <Button
            variant="outline"
            size="sm"
            className="h-7"
            disabled={!connectionId || !connection?.active || sync.isPending}
            onClick={() =>
              sync.mutate(undefined, {
                onSuccess: (r) => {
                  const diff = !last
                    ? 'first snapshot'
                    : r.added + r.dropped + r.changed === 0
                      ? 'no changes'
                      : `${r.added} added, ${r.dropped} dropped, ${r.changed} changed`
                  toast.success(`Synced ${connection?.name ?? 'the connection'}`, {
                    description: `${r.objects.toLocaleString()} objects, ${r.columns.toLocaleString()} columns in ${r.durationMillis.toLocaleString()} ms · ${diff}`,
                  })
                },
                onError: (e) => toast.error('Sync failed', { description: errorMessage(e) }),
              })
            }
          >
            <RefreshCw className={sync.isPending ? 'animate-spin' : ''} /> {sync.isPending ? 'Syncing…' : 'Sync now'}
          </Button>
        )}
      </div>
      {requested && connections.isSuccess && !connection ? (
        <EmptyState
          icon={Cable}
          title="Connection not found"
          description="It was deleted, or you may not see it."
          action={
            <Button variant="outline" onClick={() => setParams({})}>
              Browse another connection
            </Button>
          }
        />
      ) : connection && !connection.active ? (
        <EmptyState
          icon={Cable}
          title={`${connection.name} is switched off`}
          description="Activate it on the connections page to browse it."
          action={
            <Button asChild variant="outline">
              <Link to="/connections">Open connections</Link>
            </Button>
          }
        />
      ) : (
        <div className="grid min-h-0 flex-1 grid-cols-[minmax(18rem,24rem)_1fr] gap-4">
          <div className="flex min-h-0 flex-col overflow-hidden rounded-xl border bg-card">
            <div className="border-b p-2">
              <Input
                className="h-8"
                placeholder="Filter objects by name…"
                value={filter}
                onChange={(e) => setFilter(e.target.value)}
                aria-label="Filter objects"
              />
            </div>
            <div className="min-h-0 flex-1 p-1">
              {databases.isError && <p className="p-3 text-sm text-destructive">{errorMessage(databases.error)}</p>}
              {databases.isPending && connectionId && <p className="p-3 text-sm text-muted-foreground">Loading databases…</p>}
              {connectionId && databases.data && (
                <CatalogTree
                  key={connectionId}
                  connectionId={connectionId}
                  databases={databases.data.map((d) => d.name)}
                  filter={debounced}
                  selected={selected}
                  reveal={selected ?? tablesOf}
                  onSelect={selectObject}
                  onSelectSchema={(database, s) => go({ db: database, schema: s })}
                />
              )}
            </div>
          </div>
          <div className="min-h-0 overflow-hidden rounded-xl border bg-card">
            {connectionId && tablesOf && (
              <TablesView key={`${tablesOf.database}/${tablesOf.schema}`} connectionId={connectionId} database={tablesOf.database}
                schema={tablesOf.schema} onOpen={selectObject} />
            )}
            {connectionId && selected && (
              <ObjectDetailPanel
                key={`${connectionId}/${selected.database}/${selected.schema}/${selected.name}/${selected.parent ?? ''}/${selected.signature ?? ''}`}
                connectionId={connectionId}
                objectRef={selected}
                onJump={selectObject}
                onShowSchema={() => go({ db: selected.database, schema: selected.schema })}
              />
            )}
            {!selected && !tablesOf && (
              <EmptyState
                className="m-4 border-none"
                icon={databases.data ? MousePointerClick : FolderTree}
                title="Pick something in the tree"
                description="A schema shows its tables with sizes and row estimates; a table shows its columns, keys, indexes, triggers, DDL and stats."
              />
            )}
          </div>
        </div>
      )}
    </div>
  )
}
