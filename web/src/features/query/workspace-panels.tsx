import * as React from 'react'
import { History, Star, Trash2 } from 'lucide-react'
import { Input } from '@/components/ui/input'
import { Tabs, TabsContent, TabsList, TabsTrigger } from '@/components/ui/tabs'
import { errorMessage } from '@/lib/api'
import { useDeleteSavedQuery, useHistory, useSavedQueries } from './api'
import type { SavedQuery } from './types'

interface Props {
  connectionId: string | undefined
  refreshKey: unknown
  /** Opens a statement in the editor (a saved query also names its connection and database). */
  onOpen: (sql: string, saved?: SavedQuery) => void
}

/** The side panels: the caller's history and the saved queries (own and shared), each searchable. */
export function WorkspacePanels({ connectionId, refreshKey, onOpen }: Props) {
  const [tab, setTab] = React.useState('history')
  return (
    <aside className="flex w-72 shrink-0 flex-col gap-2 border-l pl-3">
      <Tabs value={tab} onValueChange={setTab} className="flex min-h-0 flex-1 flex-col">
        <TabsList>
          <TabsTrigger value="history">
            <History className="size-4" /> History
          </TabsTrigger>
          <TabsTrigger value="saved">
            <Star className="size-4" /> Saved
          </TabsTrigger>
        </TabsList>
        <TabsContent value="history" className="flex min-h-0 flex-1 flex-col gap-2">
          <HistoryPanel connectionId={connectionId} refreshKey={refreshKey} onOpen={onOpen} />
        </TabsContent>
        <TabsContent value="saved" className="flex min-h-0 flex-1 flex-col gap-2">
          <SavedPanel connectionId={connectionId} onOpen={onOpen} />
        </TabsContent>
      </Tabs>
    </aside>
  )
}

function HistoryPanel({ connectionId, refreshKey, onOpen }: Props) {
  const [q, setQ] = React.useState('')
  const history = useHistory(q, connectionId, refreshKey)
  return (
    <>
      <Input placeholder="Search statements" value={q} onChange={(e) => setQ(e.target.value)} aria-label="Search history" />
      <ul className="min-h-0 flex-1 space-y-1 overflow-auto text-xs" data-testid="history">
        {(history.data?.items ?? []).map((h) => (
          <li key={h.id}>
            <button
              type="button"
              className="w-full rounded p-1 text-left hover:bg-muted"
              title="Open in the editor"
              onClick={() => onOpen(h.statement)}
            >
              <span className="line-clamp-2 font-mono">{h.statement}</span>
              <span className="text-muted-foreground">
                {h.status} · {h.durationMillis} ms · {new Date(h.startedAt).toLocaleString()}
              </span>
            </button>
          </li>
        ))}
      </ul>
      {history.data && history.data.totalElements > history.data.items.length && (
        <p className="text-xs text-muted-foreground">
          {history.data.items.length} of {history.data.totalElements}; search to narrow
        </p>
      )}
    </>
  )
}

function SavedPanel({ connectionId, onOpen }: Omit<Props, 'refreshKey'>) {
  const [q, setQ] = React.useState('')
  const [onlyHere, setOnlyHere] = React.useState(true)
  const saved = useSavedQueries(q, onlyHere ? connectionId : undefined)
  const remove = useDeleteSavedQuery()
  return (
    <>
      <Input placeholder="Search saved queries" value={q} onChange={(e) => setQ(e.target.value)} aria-label="Search saved queries" />
      <label className="flex items-center gap-2 text-xs text-muted-foreground">
        <input type="checkbox" checked={onlyHere} onChange={(e) => setOnlyHere(e.target.checked)} /> This connection only
      </label>
      {remove.error && <p className="text-xs text-destructive">{errorMessage(remove.error)}</p>}
      <ul className="min-h-0 flex-1 space-y-1 overflow-auto text-xs" data-testid="saved-queries">
        {(saved.data?.items ?? []).map((s) => (
          <li key={s.id} className="group flex items-start gap-1">
            <button
              type="button"
              className="min-w-0 flex-1 rounded p-1 text-left hover:bg-muted"
              title={s.description ?? 'Open in the editor'}
              onClick={() => onOpen(s.sql, s)}
            >
              <span className="block truncate font-medium">{s.name}</span>
              <span className="line-clamp-1 font-mono text-muted-foreground">{s.sql}</span>
              <span className="text-muted-foreground">
                {s.visibility === 'SHARED' ? 'shared' : 'private'} · {s.ownerName}
                {s.chart ? ` · ${s.chart.type.toLowerCase()} chart` : ''}
              </span>
            </button>
            {s.editable && (
              <button
                type="button"
                className="rounded p-1 text-muted-foreground opacity-0 hover:text-destructive group-hover:opacity-100"
                aria-label={`Delete ${s.name}`}
                onClick={() => window.confirm(`Delete the saved query "${s.name}"?`) && remove.mutate(s.id)}
              >
                <Trash2 className="size-3" />
              </button>
            )}
          </li>
        ))}
        {saved.data?.items.length === 0 && <li className="text-muted-foreground">No saved queries</li>}
      </ul>
    </>
  )
}
