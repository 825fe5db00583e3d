import { Link } from 'react-router'
import { FolderTree, Globe, Lock, Pencil, Trash2 } from 'lucide-react'
import { Badge } from '@/components/ui/badge'
import { Button } from '@/components/ui/button'
import { Hint } from '@/components/ui/tooltip'
import { DataTable, type DataTableColumn } from '@/components/data-table'
import type { ConnectionView } from '@/lib/api-types'
import { formatDateTime, formatRelative } from '@/lib/format'
import { connectionTarget, EngineIcon, useEngineInfo } from '../engines'

/** The connections as a sortable list: the compact alternative to the cards for many connections. */
export function ConnectionsTable({
  connections,
  canManage,
  onEdit,
  onDelete,
}: {
  connections: ConnectionView[]
  canManage: (c: ConnectionView) => boolean
  onEdit: (c: ConnectionView) => void
  onDelete: (c: ConnectionView) => void
}) {
  const { info } = useEngineInfo()
  const columns: DataTableColumn<ConnectionView>[] = [
    {
      id: 'name',
      header: 'Name',
      sortValue: (c) => c.name,
      cellClassName: 'max-w-64',
      cell: (c) => (
        <div className="flex min-w-0 items-center gap-3">
          <EngineIcon engine={c.engine} className="size-7 text-[11px]" />
          <div className="min-w-0">
            <div className="flex items-center gap-2 font-medium">
              <span className="size-2 shrink-0 rounded-full" style={{ backgroundColor: c.colour }} aria-hidden />
              <span className="truncate" title={c.name}>
                {c.name}
              </span>
            </div>
            {c.tags.length > 0 && <div className="truncate text-xs text-muted-foreground">{c.tags.join(' · ')}</div>}
          </div>
        </div>
      ),
    },
    { id: 'engine', header: 'Engine', sortValue: (c) => info(c.engine).displayName, cell: (c) => info(c.engine).displayName },
    {
      id: 'target',
      header: 'Target',
      sortValue: (c) => connectionTarget(c),
      cellClassName: 'max-w-72',
      cell: (c) => (
        <div className="truncate font-mono text-xs text-foreground/80" title={connectionTarget(c)}>
          {connectionTarget(c)}
        </div>
      ),
    },
    {
      id: 'owner',
      header: 'Owner',
      sortValue: (c) => c.owner.username,
      cellClassName: 'text-muted-foreground whitespace-nowrap',
      cell: (c) => (
        <span className="inline-flex items-center gap-1.5">
          {c.shared ? <Globe className="size-3.5" aria-label="Shared" /> : <Lock className="size-3.5" aria-label="Private" />}
          {c.owner.username}
        </span>
      ),
    },
    {
      id: 'status',
      header: 'Status',
      sortValue: (c) => !c.active,
      cell: (c) => <Badge variant={c.active ? 'success' : 'muted'}>{c.active ? 'Active' : 'Inactive'}</Badge>,
    },
    {
      id: 'lastUsed',
      header: 'Last used',
      sortValue: (c) => (c.lastUsedAt ? Date.parse(c.lastUsedAt) : null),
      cellClassName: 'whitespace-nowrap text-muted-foreground',
      cell: (c) => <span title={c.lastUsedAt ? formatDateTime(c.lastUsedAt) : undefined}>{c.lastUsedAt ? formatRelative(c.lastUsedAt) : 'Never'}</span>,
    },
    {
      id: 'actions',
      header: 'Actions',
      srOnlyHeader: true,
      className: 'w-32 text-right',
      cellClassName: 'text-right whitespace-nowrap',
      cell: (c) => (
        <>
          {c.active && (
            <Hint label="Browse its databases">
              <Button variant="ghost" size="icon-sm" asChild>
                <Link to={`/browser?connection=${c.id}`} aria-label={`Browse ${c.name}`}>
                  <FolderTree />
                </Link>
              </Button>
            </Hint>
          )}
          {canManage(c) && (
            <>
              <Hint label="Edit">
                <Button variant="ghost" size="icon-sm" onClick={() => onEdit(c)} aria-label={`Edit ${c.name}`}>
                  <Pencil />
                </Button>
              </Hint>
              <Hint label="Delete">
                <Button
                  variant="ghost"
                  size="icon-sm"
                  className="text-muted-foreground hover:bg-destructive/10 hover:text-destructive"
                  onClick={() => onDelete(c)}
                  aria-label={`Delete ${c.name}`}
                >
                  <Trash2 />
                </Button>
              </Hint>
            </>
          )}
        </>
      ),
    },
  ]
  return (
    <DataTable
      aria-label="Connections"
      columns={columns}
      rows={connections}
      rowKey={(c) => c.id}
      rowProps={(c) => ({ 'data-testid': 'connection-row', 'data-active': String(c.active) })}
      defaultSort={{ column: 'name', desc: false }}
    />
  )
}
