import * as React from 'react'
import { useVirtualizer } from '@tanstack/react-virtual'
import { errorMessage } from '@/lib/api'
import { cn } from '@/lib/utils'
import { fetchRows } from './api'
import { columnText, rowText } from './workspace-text'
import type { ResultView, Row, ValueKind } from './types'

const ROW_HEIGHT = 28
const PAGE = 500

interface Props {
  executionId: string
  result: ResultView
  /** Told the rows fetched so far whenever more arrive (the chart plots them). */
  onRows?: (rows: Row[]) => void
}

/**
 * One result's rows, virtualised (only the rows in view are in the DOM); more rows are fetched from the server's
 * open cursor as the user scrolls towards the end. Mount it with a key per execution and result.
 */
export function ResultGrid({ executionId, result, onRows }: Props) {
  const [rows, setRows] = React.useState<Row[]>(result.rows)
  React.useEffect(() => onRows?.(rows), [rows, onRows])
  const [hasMore, setHasMore] = React.useState(result.hasMore)
  const [loading, setLoading] = React.useState(false)
  const [error, setError] = React.useState<string | null>(null)
  const scroller = React.useRef<HTMLDivElement>(null)
  const [selected, setSelected] = React.useState<{ row: number; column: number } | null>(null)
  const [copied, setCopied] = React.useState<string | null>(null)

  const copy = (what: 'cell' | 'row' | 'column') => {
    if (!selected) return
    const row = rows[selected.row]
    const text =
      what === 'cell'
        ? (row?.[selected.column] ?? 'NULL')
        : what === 'row'
          ? rowText(row ?? [])
          : columnText(result.columns[selected.column]?.name ?? '', rows, selected.column)
    navigator.clipboard?.writeText(text).then(
      () => setCopied(`Copied ${what}`),
      () => setCopied('The browser refused the clipboard'),
    )
  }

  // TanStack Virtual's functions are read during render only here, never passed to memoised children
  // eslint-disable-next-line react-hooks/incompatible-library
  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scroller.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 20,
  })

  const loadMore = () => {
    if (loading || !hasMore) return
    setLoading(true)
    fetchRows(executionId, result.index, rows.length, PAGE).then(
      (page) => {
        setRows((current) => [...current, ...page.rows])
        setHasMore(page.hasMore)
        setLoading(false)
      },
      (e: unknown) => {
        setError(errorMessage(e))
        setHasMore(false)
        setLoading(false)
      },
    )
  }

  const onScroll = (e: React.UIEvent<HTMLDivElement>) => {
    const el = e.currentTarget
    if (el.scrollHeight - el.scrollTop - el.clientHeight < ROW_HEIGHT * 40) loadMore()
  }

  const template = `4rem repeat(${result.columns.length}, minmax(8rem, 1fr))`
  return (
    <div className="flex min-h-0 flex-1 flex-col gap-1">
      <div
        ref={scroller}
        onScroll={onScroll}
        className="min-h-0 flex-1 overflow-auto rounded-md border font-mono text-xs"
        data-testid="result-grid"
        tabIndex={0}
        onKeyDown={(e) => {
          if ((e.ctrlKey || e.metaKey) && e.key === 'c' && selected && !window.getSelection()?.toString()) {
            e.preventDefault()
            copy('cell')
          }
        }}
      >
        {/* as wide as all columns, so the sticky header's background covers every column when scrolled right */}
        <div className="relative" style={{ minWidth: `calc(4rem + ${result.columns.length} * 8rem)`, width: '100%' }}>
        <div className="sticky top-0 z-10 grid border-b bg-muted font-sans font-medium" style={{ gridTemplateColumns: template }} data-testid="result-header">
          <div className="px-2 py-1 text-right text-muted-foreground">#</div>
          {result.columns.map((c, i) => (
            <div key={i} className="truncate px-2 py-1" title={`${c.name} (${c.type})`}>
              {c.name} <span className="text-[10px] font-normal text-muted-foreground">{c.type}</span>
            </div>
          ))}
        </div>
        <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
          {virtualizer.getVirtualItems().map((item) => (
            <div
              key={item.key}
              role="row"
              className="absolute left-0 grid w-full border-b hover:bg-muted/50"
              style={{ gridTemplateColumns: template, height: ROW_HEIGHT, transform: `translateY(${item.start}px)` }}
            >
              <div className="px-2 py-1 text-right text-muted-foreground">{item.index + 1}</div>
              {rows[item.index].map((value, i) => (
                <ValueCell
                  key={i}
                  value={value}
                  kind={result.columns[i]?.kind ?? 'TEXT'}
                  selected={selected?.row === item.index && selected.column === i}
                  onSelect={() => {
                    setSelected({ row: item.index, column: i })
                    setCopied(null)
                  }}
                />
              ))}
            </div>
          ))}
        </div>
        </div>
      </div>
      <div className="flex items-center gap-3 text-xs text-muted-foreground">
        <span data-testid="row-count">
          {rows.length} row{rows.length === 1 ? '' : 's'}
          {hasMore ? ' fetched so far' : ''}
        </span>
        {hasMore && (
          <button type="button" className="underline" onClick={loadMore} disabled={loading}>
            {loading ? 'Loading…' : 'Load more'}
          </button>
        )}
        {error && <span className="text-destructive">{error}</span>}
        <span className="ml-auto flex items-center gap-2">
          {copied && <span data-testid="copied">{copied}</span>}
          {(['cell', 'row', 'column'] as const).map((what) => (
            <button key={what} type="button" className="underline disabled:no-underline disabled:opacity-50" disabled={!selected} onClick={() => copy(what)}>
              Copy {what}
            </button>
          ))}
        </span>
      </div>
    </div>
  )
}

interface CellProps {
  value: string | null
  kind: ValueKind
  className?: string
  selected?: boolean
  onSelect?: () => void
}

/** A value as the console shows it: NULL distinct from any string (the empty one included). */
export function ValueCell({ value, kind, className, selected = false, onSelect }: CellProps) {
  const ring = selected && 'outline outline-2 -outline-offset-2 outline-primary'
  if (value === null) {
    return (
      <div
        className={cn('truncate px-2 py-1 italic text-muted-foreground/70', ring, className)}
        data-null="true"
        onClick={onSelect}
        role={onSelect ? 'gridcell' : undefined}
        aria-selected={onSelect ? selected : undefined}
      >
        NULL
      </div>
    )
  }
  return (
    <div
      className={cn('truncate px-2 py-1', kind === 'NUMBER' && 'text-right tabular-nums', ring, className)}
      title={value}
      onClick={onSelect}
      role={onSelect ? 'gridcell' : undefined}
      aria-selected={onSelect ? selected : undefined}
    >
      {value}
    </div>
  )
}
