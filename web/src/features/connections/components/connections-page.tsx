import * as React from 'react'
import { useSearchParams } from 'react-router'
import { Cable, LayoutGrid, List, Plus, RefreshCw, Search, SearchX, X } from 'lucide-react'
import { Alert, AlertDescription, AlertTitle } from '@/components/ui/alert'
import { Button } from '@/components/ui/button'
import { Card } from '@/components/ui/card'
import { Input } from '@/components/ui/input'
import { Select, SelectContent, SelectItem, SelectTrigger, SelectValue } from '@/components/ui/select'
import { EmptyState } from '@/components/empty-state'
import { PageHeader } from '@/components/page-header'
import { useCurrentUser } from '@/features/auth/current-user'
import { errorMessage } from '@/lib/api'
import type { ConnectionView, Engine } from '@/lib/api-types'
import { useConnections } from '../api'
import { connectionTarget, useEngineInfo } from '../engines'
import { ConnectionCard, ConnectionCardSkeleton } from './connection-card'
import { ConnectionDialog } from './connection-dialog'
import { ConnectionsTable } from './connections-table'
import { DeleteConnectionDialog } from './delete-connection-dialog'

function matches(c: ConnectionView, q: string) {
  const needle = q.trim().toLowerCase()
  if (!needle) return true
  return [c.name, c.description ?? '', connectionTarget(c), c.username ?? '', c.owner.username, ...c.tags].some((s) =>
    s.toLowerCase().includes(needle),
  )
}

export function ConnectionsPage() {
  const { engines, info } = useEngineInfo()
  const user = useCurrentUser()
  const connections = useConnections()
  const [params, setParams] = useSearchParams()
  const q = params.get('q') ?? ''
  const engine = (params.get('engine') as Engine | null) ?? 'ALL'
  const status = params.get('status') ?? 'ALL'
  const view = params.get('view') === 'table' ? 'table' : 'cards'
  const [dialog, setDialog] = React.useState<{ connection: ConnectionView | null } | null>(
    params.get('new') === '1' && user.canOperate ? { connection: null } : null,
  )
  const [deleting, setDeleting] = React.useState<ConnectionView | null>(null)

  const setParam = (key: string, value: string | null) =>
    setParams(
      (prev) => {
        const next = new URLSearchParams(prev)
        if (value === null || value === '' || value === 'ALL') next.delete(key)
        else next.set(key, value)
        next.delete('new')
        return next
      },
      { replace: true },
    )

  const all = connections.data ?? []
  const visible = all
    .filter((c) => engine === 'ALL' || c.engine === engine)
    .filter((c) => status === 'ALL' || (status === 'ACTIVE' ? c.active : !c.active))
    .filter((c) => matches(c, q))
    .sort((a, b) => a.name.localeCompare(b.name))
  const filtered = q !== '' || engine !== 'ALL' || status !== 'ALL'
  const resetFilters = () => setParams(view === 'table' ? { view } : {}, { replace: true })

  const openNew = () => setDialog({ connection: null })

  return (
    <>
      <PageHeader
        title="Connections"
        description="The databases Steward can reach. Shared connections are visible to everyone."
        actions={
          user.canOperate && (
            <Button onClick={openNew} data-testid="new-connection">
              <Plus /> New connection
            </Button>
          )
        }
      />

      <div className="flex flex-col gap-2 sm:flex-row sm:items-center" role="search" aria-label="Filter connections">
        <div className="relative flex-1 sm:max-w-sm">
          <Search className="pointer-events-none absolute top-1/2 left-3 size-4 -translate-y-1/2 text-muted-foreground" aria-hidden />
          <Input
            value={q}
            onChange={(e) => setParam('q', e.target.value)}
            placeholder="Search name, host, tag…"
            className="pl-9"
            aria-label="Search connections"
          />
        </div>
        <Select value={engine} onValueChange={(v) => setParam('engine', v)}>
          <SelectTrigger className="sm:w-48" aria-label="Engine">
            <SelectValue />
          </SelectTrigger>
          <SelectContent>
            <SelectItem value="ALL">All engines</SelectItem>
            {engines.map((e) => (
              <SelectItem key={e} value={e}>
                {info(e).displayName}
              </SelectItem>
            ))}
          </SelectContent>
        </Select>
        <Select value={status} onValueChange={(v) => setParam('status', v)}>
          <SelectTrigger className="sm:w-36" aria-label="Status">
            <SelectValue />
          </SelectTrigger>
          <SelectContent>
            <SelectItem value="ALL">Any status</SelectItem>
            <SelectItem value="ACTIVE">Active</SelectItem>
            <SelectItem value="INACTIVE">Inactive</SelectItem>
          </SelectContent>
        </Select>
        {filtered && (
          <Button variant="ghost" size="sm" onClick={resetFilters}>
            <X /> Reset
          </Button>
        )}
        <div className="text-sm text-muted-foreground sm:ml-auto" aria-live="polite">
          {connections.isSuccess && (filtered ? `${visible.length} of ${all.length}` : `${all.length}`)}
          {connections.isSuccess && (all.length === 1 ? ' connection' : ' connections')}
        </div>
        <div className="flex gap-1" role="group" aria-label="View">
          <Button variant={view === 'cards' ? 'secondary' : 'ghost'} size="icon-sm" onClick={() => setParam('view', null)} aria-pressed={view === 'cards'} aria-label="Cards">
            <LayoutGrid />
          </Button>
          <Button variant={view === 'table' ? 'secondary' : 'ghost'} size="icon-sm" onClick={() => setParam('view', 'table')} aria-pressed={view === 'table'} aria-label="Table">
            <List />
          </Button>
        </div>
      </div>

      {connections.isPending ? (
        <div className="grid gap-4 sm:grid-cols-2 xl:grid-cols-3" aria-busy="true" aria-label="Loading connections">
          {Array.from({ length: 6 }, (_, i) => (
            <ConnectionCardSkeleton key={i} />
          ))}
        </div>
      ) : connections.isError ? (
        <Alert variant="destructive">
          <AlertTitle>Could not load connections</AlertTitle>
          <AlertDescription>
            <p>{errorMessage(connections.error)}</p>
            <Button variant="outline" size="sm" className="mt-2" onClick={() => connections.refetch()}>
              <RefreshCw /> Try again
            </Button>
          </AlertDescription>
        </Alert>
      ) : all.length === 0 ? (
        <EmptyState
          icon={Cable}
          title="No connections yet"
          description={
            user.canOperate
              ? 'Add a PostgreSQL, MySQL/MariaDB, SQLite or MongoDB database so Steward can look after it.'
              : 'Nobody has shared a connection with you yet. Ask an operator or administrator.'
          }
          action={
            user.canOperate && (
              <Button onClick={openNew}>
                <Plus /> New connection
              </Button>
            )
          }
        />
      ) : visible.length === 0 ? (
        <EmptyState
          icon={SearchX}
          title="Nothing matches these filters"
          description="Try another search term, engine or status."
          action={
            <Button variant="outline" onClick={resetFilters}>
              Clear filters
            </Button>
          }
        />
      ) : view === 'table' ? (
        <Card className="gap-0 overflow-hidden py-0">
          <ConnectionsTable
            connections={visible}
            canManage={(c) => user.canOperate && c.editable}
            onEdit={(connection) => setDialog({ connection })}
            onDelete={setDeleting}
          />
        </Card>
      ) : (
        <div className="grid gap-4 sm:grid-cols-2 xl:grid-cols-3" data-testid="connection-grid">
          {visible.map((c) => (
            <ConnectionCard
              key={c.id}
              connection={c}
              canManage={user.canOperate && c.editable}
              canTest={user.canOperate}
              onEdit={(connection) => setDialog({ connection })}
              onDelete={setDeleting}
            />
          ))}
        </div>
      )}

      <ConnectionDialog
        open={dialog != null}
        onOpenChange={(open) => !open && setDialog(null)}
        connection={dialog?.connection}
      />
      <DeleteConnectionDialog connection={deleting} onOpenChange={(open) => !open && setDeleting(null)} />
    </>
  )
}
