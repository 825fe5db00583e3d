import * as React from 'react'
import { useVirtualizer } from '@tanstack/react-virtual'
import { ArrowDown, ArrowUp, FileUp, Plus, Trash2, Undo2 } from 'lucide-react'
import { toast } from 'sonner'
import { Badge } from '@/components/ui/badge'
import { Button } from '@/components/ui/button'
import { useCurrentUser } from '@/features/auth/current-user'
import { ImportDialog } from '@/features/import/import-dialog'
import { ValueCell } from '@/features/query/result-grid'
import type { ResultColumn, Row } from '@/features/query/types'
import { errorMessage } from '@/lib/api'
import { formatCount } from '@/lib/format'
import { cn } from '@/lib/utils'
import { useChanges, useCountRows, useTableData, type Filter, type Sort, type Statement, type TableRef } from './api'
import { FilterRow, toFilters, type Draft } from './filter-row'
import {
  addRow, changes, count, EMPTY, isEmpty, keyOf, removeInsert, setCell, setInsertCell, toggleDelete, type Pending,
  type Value,
} from './pending'
import { ReviewDialog } from './review-dialog'

const ROW_HEIGHT = 28

/** The width all columns need at their minimum (4rem for the row number, 9rem a column, as `template` says). */
const minWidth = (columns: number) => `calc(4rem + ${columns} * 9rem)`

/** Where a cell editor is open: a fetched row by index, or an inserted row by its index in `inserts`. */
interface Editing { insert: boolean; index: number; column: string }

/**
 * The rows of a table, view or collection: virtualised, next keyset page fetched while scrolling, sorted by a header
 * click, filtered per column. Tables with a primary key can be edited by OPERATORs and ADMINs: double-click a cell,
 * add or delete rows, review the generated SQL and apply it all in one transaction.
 */
export function DataGrid({ connectionId, table }: { connectionId: string; table: TableRef }) {
  const user = useCurrentUser()
  const [sort, setSort] = React.useState<Sort | null>(null)
  const [drafts, setDrafts] = React.useState<Record<string, Draft>>({})
  const [filters, setFilters] = React.useState<Filter[]>([])
  const data = useTableData(connectionId, table, sort, filters)
  const counter = useCountRows(connectionId)
  const apply = useChanges(connectionId)
  const [editMode, setEditMode] = React.useState(false)
  const [pending, setPending] = React.useState<Pending>(EMPTY)
  const [editing, setEditing] = React.useState<Editing | null>(null)
  const [review, setReview] = React.useState<Statement[] | null>(null)
  const [applyError, setApplyError] = React.useState<string | null>(null)
  const [importing, setImporting] = React.useState(false)
  const refetch = data.refetch
  const refresh = React.useCallback(() => void refetch(), [refetch])
  const scroller = React.useRef<HTMLDivElement>(null)

  // a new sort or filter starts again from the first row
  React.useEffect(() => {
    scroller.current?.scrollTo({ top: 0 })
  }, [sort, filters])

  const first = data.data?.pages[0]
  const columns: ResultColumn[] = first?.columns ?? []
  const rows: Row[] = React.useMemo(() => data.data?.pages.flatMap((p) => p.rows) ?? [], [data.data])
  const key = first?.key ?? []
  const inserts = editMode ? pending.inserts : []
  const total = inserts.length + rows.length

  // TanStack Virtual's functions are read during render only here, never passed to memoised children
  // eslint-disable-next-line react-hooks/incompatible-library
  const virtualizer = useVirtualizer({
    count: total,
    getScrollElement: () => scroller.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 20,
  })

  const onScroll = (e: React.UIEvent<HTMLDivElement>) => {
    const el = e.currentTarget
    if (el.scrollHeight - el.scrollTop - el.clientHeight < ROW_HEIGHT * 40 && data.hasNextPage && !data.isFetchingNextPage)
      void data.fetchNextPage()
  }

  const toggleSort = (column: string) => {
    setSort((s) => (s?.column !== column ? { column, desc: false } : !s.desc ? { column, desc: true } : null))
  }

  /** `changed` carries a draft set in the same event (an operator that needs no value applies at once). */
  const applyFilters = (changed: Record<string, Draft> = {}) => setFilters(toFilters({ ...drafts, ...changed }))

  const commit = (value: Value) => {
    if (!editing) return
    if (editing.insert) setPending((p) => setInsertCell(p, editing.index, editing.column, value))
    else setPending((p) => setCell(p, columns, key, rows[editing.index], editing.column, value))
    setEditing(null)
  }

  const openReview = () => {
    setApplyError(null)
    apply.mutate({ ref: table, changes: changes(pending), dryRun: true }, {
      onSuccess: (view) => setReview(view.statements),
      onError: (e) => toast.error(errorMessage(e)),
    })
  }

  const applyChanges = () => {
    apply.mutate({ ref: table, changes: changes(pending), dryRun: false }, {
      onSuccess: (view) => {
        const r = view.result
        toast.success(`Applied: ${r?.updated ?? 0} updated, ${r?.inserted ?? 0} inserted, ${r?.deleted ?? 0} deleted`)
        setReview(null)
        setPending(EMPTY)
        void data.refetch()
      },
      onError: (e) => setApplyError(errorMessage(e)),
    })
  }

  if (data.isPending) return <p className="p-5 text-sm text-muted-foreground">Loading rows…</p>
  if (data.isError) return <p className="p-5 text-sm text-destructive">{errorMessage(data.error)}</p>

  const editable = !!first?.editable && user.canOperate
  const importable = user.canOperate && (first?.kind === 'table' || first?.kind === 'partitioned_table')
  const template = `4rem repeat(${columns.length}, minmax(9rem, 1fr))`
  const cellValue = (row: Row, rowIndex: number, column: ResultColumn, i: number) => {
    const id = keyOf(columns, key, row).id
    const update = pending.updates[id]
    const edited = editMode && update && column.name in update.values
    return { value: edited ? update.values[column.name] : (row[i] ?? null), edited: !!edited, rowIndex }
  }

  return (
    <div className="flex h-full min-h-[24rem] flex-col gap-2 px-5 py-3" data-testid="data-grid">
      <div className="flex flex-wrap items-center gap-2 text-xs">
        <Button size="sm" variant="outline" onClick={() => counter.mutate({ ref: table, filters })} disabled={counter.isPending}>
          {counter.isPending ? 'Counting…' : 'Count rows'}
        </Button>
        {counter.data && <span data-testid="row-total">{formatCount(counter.data.count)} rows{filters.length > 0 ? ' match' : ''}</span>}
        <Badge variant="outline" title={first?.paging === 'offset' ? 'No key: pages by position, rows may shift if the table changes' : `Paged by ${key.join(', ')}`}>
          {first?.paging === 'offset' ? 'offset paging (no key)' : 'keyset paging'}
        </Badge>
        <span className="text-muted-foreground" data-testid="row-count">{rows.length} rows loaded{data.hasNextPage ? ', more on scroll' : ''}</span>
        <div className="ml-auto flex items-center gap-2">
          {importable && !editMode && (
            <Button size="sm" variant="outline" onClick={() => setImporting(true)} data-testid="import-csv"><FileUp className="size-3.5" />Import CSV…</Button>
          )}
          {editable && !editMode && <Button size="sm" variant="outline" onClick={() => setEditMode(true)}>Edit</Button>}
          {editMode && (
            <>
              <Button size="sm" variant="outline" onClick={() => setPending((p) => addRow(p))}><Plus className="size-3.5" />Add row</Button>
              <span className="text-muted-foreground">{count(pending)} pending</span>
              <Button size="sm" variant="outline" disabled={isEmpty(pending)} onClick={() => setPending(EMPTY)}>Discard</Button>
              <Button size="sm" disabled={isEmpty(pending) || apply.isPending} onClick={openReview}>Review SQL</Button>
              <Button size="sm" variant="ghost" onClick={() => { setPending(EMPTY); setEditMode(false) }}>Done</Button>
            </>
          )}
        </div>
      </div>
      <div ref={scroller} onScroll={onScroll} className="min-h-0 flex-1 overflow-auto rounded-md border font-mono text-xs" data-testid="data-rows">
        {/* One box as wide as all columns holds the header, the filters and the rows: without it the sticky header and
            filter row are only as wide as the viewport, so past it (scrolled right) their columns had no background and
            the rows scrolling under them showed through. */}
        <div className="relative" style={{ minWidth: minWidth(columns.length), width: '100%' }}>
        <div className="sticky top-0 z-20 grid h-[25px] border-b bg-muted font-sans font-medium" style={{ gridTemplateColumns: template }} data-testid="grid-header">
          <div className="px-2 py-1 text-right text-muted-foreground">#</div>
          {columns.map((c) => (
            <button key={c.name} type="button" className="flex min-w-0 items-center gap-1 px-2 py-1 text-left hover:bg-accent"
              title={`${c.name} (${c.type}) — click to sort`} onClick={() => toggleSort(c.name)} data-testid={`sort-${c.name}`}>
              <span className="truncate">{c.name}</span>
              {key.includes(c.name) && <span className="text-[10px] text-amber-600">key</span>}
              {sort?.column === c.name && (sort.desc ? <ArrowDown className="size-3" /> : <ArrowUp className="size-3" />)}
            </button>
          ))}
        </div>
        <FilterRow columns={columns} drafts={drafts} template={template} onApply={applyFilters}
          onChange={(column, d) => setDrafts((all) => ({ ...all, [column]: d }))} />
        <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
          {virtualizer.getVirtualItems().map((item) => {
            const insert = item.index < inserts.length
            const index = insert ? item.index : item.index - inserts.length
            const row = insert ? null : rows[index]
            const deleted = !!row && editMode && !!pending.deletes[keyOf(columns, key, row).id]
            return (
              <div key={item.key} role="row" data-testid={insert ? 'inserted-row' : undefined}
                className={cn('group absolute left-0 grid w-full border-b hover:bg-muted/50',
                  insert && 'bg-emerald-500/10', deleted && 'bg-red-500/10 line-through')}
                style={{ gridTemplateColumns: template, height: ROW_HEIGHT, transform: `translateY(${item.start}px)` }}>
                <div className="flex items-center justify-end gap-1 px-1 text-muted-foreground">
                  {editMode && (
                    <button type="button" className="opacity-0 group-hover:opacity-100" aria-label={insert ? 'Remove new row' : deleted ? 'Undo delete' : 'Delete row'}
                      onClick={() => setPending((p) => (insert ? removeInsert(p, index) : toggleDelete(p, columns, key, row!)))}>
                      {deleted ? <Undo2 className="size-3.5" /> : <Trash2 className="size-3.5" />}
                    </button>
                  )}
                  {insert ? 'new' : index + 1}
                </div>
                {columns.map((c, i) => {
                  const cell = insert
                    ? { value: pending.inserts[index][c.name] ?? null, edited: c.name in pending.inserts[index] }
                    : cellValue(row!, index, c, i)
                  const open = editing && editing.insert === insert && editing.index === index && editing.column === c.name
                  if (open) return <CellEditor key={c.name} initial={cell.value} onCommit={commit} onCancel={() => setEditing(null)} />
                  return (
                    <div key={c.name} className={cn('min-w-0', cell.edited && 'bg-amber-400/25')} data-edited={cell.edited || undefined}
                      onDoubleClick={() => editMode && !deleted && setEditing({ insert, index, column: c.name })}>
                      <ValueCell value={insert && !cell.edited ? null : cell.value} kind={c.kind}
                        className={insert && !cell.edited ? 'not-italic opacity-40' : undefined} />
                    </div>
                  )
                })}
              </div>
            )
          })}
        </div>
        {rows.length === 0 && inserts.length === 0 && <p className="p-4 font-sans text-muted-foreground">No rows.</p>}
        </div>
      </div>
      {review && (
        <ReviewDialog statements={review} open onOpenChange={(o) => !o && setReview(null)} onApply={applyChanges}
          applying={apply.isPending} error={applyError} />
      )}
      {importable && (
        <ImportDialog connectionId={connectionId} open={importing} onOpenChange={setImporting} onImported={refresh}
          target={{ kind: 'CSV', database: table.database, schema: table.schema, table: table.name }} />
      )}
    </div>
  )
}

/** Enter keeps the text (an empty text is the empty string), the NULL button sets NULL, Escape cancels. */
function CellEditor({ initial, onCommit, onCancel }: { initial: Value; onCommit: (v: Value) => void; onCancel: () => void }) {
  const [text, setText] = React.useState(initial ?? '')
  return (
    <div className="flex min-w-0 items-center gap-0.5 px-0.5">
      <input autoFocus aria-label="Cell value" className="h-6 min-w-0 flex-1 rounded border border-primary bg-background px-1"
        value={text} onChange={(e) => setText(e.target.value)}
        onKeyDown={(e) => {
          if (e.key === 'Enter') onCommit(text)
          if (e.key === 'Escape') onCancel()
        }} />
      <button type="button" className="rounded border px-1 text-[10px]" onMouseDown={(e) => e.preventDefault()} onClick={() => onCommit(null)}>NULL</button>
    </div>
  )
}
