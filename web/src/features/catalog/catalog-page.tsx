import { useEffect, useState } from 'react'
import { RefreshCw, Search } from 'lucide-react'
import { toast } from 'sonner'
import { PageHeader } from '@/components/page-header'
import { Button } from '@/components/ui/button'
import { Input } from '@/components/ui/input'
import { Select, SelectContent, SelectItem, SelectTrigger, SelectValue } from '@/components/ui/select'
import { errorMessage } from '@/lib/api'
import { useCurrentUser } from '@/features/auth/current-user'
import { useConnections } from '@/features/connections/api'
import { useCatalogSearch, useDatabases, useSnapshots, useSync, type ObjectRef } from './api'
import { CatalogTree } from './catalog-tree'
import { ObjectDetailPanel } from './object-detail'
import { TablesView } from './tables-view'

/** The Database Browser: connection → database → schema → objects → columns, with details and search. */
export function CatalogPage() {
  const connections = useConnections()
  const active = (connections.data ?? []).filter((c) => c.active)
  const [connectionId, setConnectionId] = useState<string>()
  const [filter, setFilter] = useState('')
  const [debounced, setDebounced] = useState('')
  const [selected, setSelected] = useState<ObjectRef | null>(null)
  const [search, setSearch] = useState('')
  const [tablesOf, setTablesOf] = useState<{ database: string; schema: string } | null>(null)
  const databases = useDatabases(connectionId)
  const snapshots = useSnapshots(connectionId)
  const sync = useSync(connectionId)
  const hits = useCatalogSearch(search)
  const user = useCurrentUser()
  const canSync = user?.role === 'ADMIN' || user?.role === 'OPERATOR'

  useEffect(() => {
    if (!connectionId && active.length > 0) setConnectionId(active[0].id)
  }, [active, connectionId])
  useEffect(() => {
    const t = setTimeout(() => setDebounced(filter.trim()), 250)
    return () => clearTimeout(t)
  }, [filter])

  const last = snapshots.data?.items[0]
  return (
    <div className="flex h-[calc(100vh-7rem)] flex-col gap-4">
      <PageHeader
        title="Database browser"
        description="Browse the live catalog of a connection; search uses the last sync."
        actions={
          <>
            <div className="relative">
              <Search className="absolute left-2 top-2.5 size-4 text-muted-foreground" />
              <Input className="w-72 pl-8" placeholder="Search tables and columns…" value={search}
                onChange={(e) => setSearch(e.target.value)} aria-label="Search schema" />
              {search.trim().length >= 2 && hits.data && (
                <div className="absolute right-0 z-20 mt-1 max-h-96 w-[28rem] overflow-auto rounded border bg-popover p-1 shadow" data-testid="search-results">
                  {hits.data.items.length === 0 && <p className="p-2 text-sm text-muted-foreground">No matches in synced connections</p>}
                  {hits.data.items.map((h, i) => (
                    <button key={i} type="button" className="block w-full truncate rounded px-2 py-1 text-left text-sm hover:bg-accent"
                      onClick={() => {
                        setConnectionId(h.connectionId)
                        setSelected({ database: h.database, schema: h.schema, name: h.object })
                        setSearch('')
                      }}>
                      <span className="font-medium">{h.object}{h.column ? `.${h.column}` : ''}</span>
                      <span className="ml-2 text-xs text-muted-foreground">{h.type} · {h.connectionName} · {h.schema} {h.dataType ?? ''}</span>
                    </button>
                  ))}
                </div>
              )}
            </div>
            <Select value={connectionId} onValueChange={(v) => { setConnectionId(v); setSelected(null); setTablesOf(null) }}>
              <SelectTrigger className="w-64" aria-label="Connection"><SelectValue placeholder="Choose a connection" /></SelectTrigger>
              <SelectContent>
                {active.map((c) => <SelectItem key={c.id} value={c.id}>{c.name}</SelectItem>)}
              </SelectContent>
            </Select>
            {canSync && (
              <Button variant="outline" disabled={!connectionId || sync.isPending}
                onClick={() => sync.mutate(undefined, {
                  onSuccess: (r) => toast.success(`Synced ${r.objects} objects, ${r.columns} columns in ${r.durationMillis} ms (+${r.added} −${r.dropped} ~${r.changed})`),
                  onError: (e) => toast.error(errorMessage(e)),
                })}>
                <RefreshCw className={`size-4 ${sync.isPending ? 'animate-spin' : ''}`} /> Sync
              </Button>
            )}
          </>
        }
      />
      <p className="-mt-2 text-xs text-muted-foreground" data-testid="last-sync">
        {last ? `Last synced ${new Date(last.takenAt).toLocaleString()} by ${last.takenBy} in ${last.durationMillis} ms — ${last.diff ?? ''}` : 'Never synced'}
      </p>
      <div className="grid min-h-0 flex-1 grid-cols-[22rem_1fr] gap-4">
        <div className="flex min-h-0 flex-col rounded border">
          <Input className="m-2 w-auto" placeholder="Filter objects by name…" value={filter}
            onChange={(e) => setFilter(e.target.value)} aria-label="Filter objects" />
          <div className="min-h-0 flex-1 px-1 pb-1">
            {databases.isError && <p className="p-2 text-sm text-destructive">{errorMessage(databases.error)}</p>}
            {connectionId && databases.data && (
              <CatalogTree key={connectionId} connectionId={connectionId} databases={databases.data.map((d) => d.name)}
                filter={debounced} selected={selected} onSelect={(ref) => { setSelected(ref); setTablesOf(null) }} />
            )}
          </div>
          {selected && (
            <Button variant="ghost" size="sm" className="m-1" onClick={() => setTablesOf({ database: selected.database, schema: selected.schema })}>
              Tables of {selected.schema}
            </Button>
          )}
        </div>
        <div className="min-h-0 rounded border">
          {connectionId && tablesOf && (
            <TablesView connectionId={connectionId} database={tablesOf.database} schema={tablesOf.schema}
              onOpen={(ref) => { setSelected(ref); setTablesOf(null) }} />
          )}
          {connectionId && !tablesOf && selected && (
            <ObjectDetailPanel key={`${selected.database}/${selected.schema}/${selected.name}`} connectionId={connectionId}
              objectRef={selected} onJump={setSelected} />
          )}
          {!selected && !tablesOf && <p className="p-4 text-sm text-muted-foreground">Pick an object in the tree.</p>}
        </div>
      </div>
    </div>
  )
}
