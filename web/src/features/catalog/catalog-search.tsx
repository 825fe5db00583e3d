import { useEffect, useRef, useState } from 'react'
import { Columns3, Search, Table2 } from 'lucide-react'
import { Input } from '@/components/ui/input'
import { useChanged } from '@/hooks/use-retained'
import { errorMessage } from '@/lib/api'
import { cn } from '@/lib/utils'
import { useCatalogSearch, type SearchHit } from './api'

/**
 * The global schema search: table and column names across every synced connection the user may see, ranked by
 * the server (exact, prefix, contains). Arrow keys move, Enter opens, Escape closes.
 */
export function CatalogSearchBox({ onOpen }: { onOpen: (hit: SearchHit) => void }) {
  const [text, setText] = useState('')
  const [q, setQ] = useState('')
  const [open, setOpen] = useState(false)
  const [active, setActive] = useState(0)
  const box = useRef<HTMLDivElement>(null)
  const hits = useCatalogSearch(q)

  useEffect(() => {
    const t = setTimeout(() => setQ(text.trim()), 200)
    return () => clearTimeout(t)
  }, [text])
  if (useChanged(q)) setActive(0)
  useEffect(() => {
    const close = (e: MouseEvent) => {
      if (box.current && !box.current.contains(e.target as Node)) setOpen(false)
    }
    document.addEventListener('mousedown', close)
    return () => document.removeEventListener('mousedown', close)
  }, [])

  const items = hits.data?.items ?? []
  const pick = (hit: SearchHit) => {
    onOpen(hit)
    setOpen(false)
    setText('')
  }
  const shown = open && q.length >= 2

  return (
    <div ref={box} className="relative">
      <Search className="pointer-events-none absolute top-2.5 left-2.5 size-4 text-muted-foreground" aria-hidden />
      <Input
        className="w-80 pl-8"
        type="search"
        placeholder="Search tables and columns…"
        value={text}
        aria-label="Search schema"
        aria-expanded={shown}
        aria-controls="catalog-search-results"
        role="combobox"
        onFocus={() => setOpen(true)}
        onChange={(e) => {
          setText(e.target.value)
          setOpen(true)
        }}
        onKeyDown={(e) => {
          if (e.key === 'Escape') setOpen(false)
          else if (e.key === 'ArrowDown') {
            e.preventDefault()
            setActive((a) => Math.min(a + 1, items.length - 1))
          } else if (e.key === 'ArrowUp') {
            e.preventDefault()
            setActive((a) => Math.max(a - 1, 0))
          } else if (e.key === 'Enter' && items[active]) pick(items[active])
        }}
      />
      {shown && (
        <div
          id="catalog-search-results"
          role="listbox"
          aria-label="Search results"
          data-testid="search-results"
          className="absolute right-0 z-30 mt-1 max-h-[26rem] w-[32rem] overflow-auto rounded-lg border bg-popover p-1 text-popover-foreground shadow-lg"
        >
          {hits.isError && <p className="p-3 text-sm text-destructive">{errorMessage(hits.error)}</p>}
          {hits.isPending && <p className="p-3 text-sm text-muted-foreground">Searching…</p>}
          {hits.data && items.length === 0 && (
            <p className="p-3 text-sm text-muted-foreground">
              Nothing named like “{q}” in the synced connections. A connection is searchable after its first sync.
            </p>
          )}
          {items.map((h, i) => (
            <button
              key={`${h.connectionId}/${h.database}/${h.schema}/${h.object}/${h.column ?? ''}`}
              type="button"
              role="option"
              aria-selected={i === active}
              className={cn(
                'flex w-full items-start gap-2.5 rounded-md px-2.5 py-2 text-left text-sm',
                i === active ? 'bg-accent text-accent-foreground' : 'hover:bg-accent/60',
              )}
              onMouseEnter={() => setActive(i)}
              onClick={() => pick(h)}
            >
              {h.type === 'column' ? (
                <Columns3 className="mt-0.5 size-4 shrink-0 text-sky-600 dark:text-sky-400" aria-label="column" />
              ) : (
                <Table2 className="mt-0.5 size-4 shrink-0 text-muted-foreground" aria-label={h.objectKind} />
              )}
              <span className="min-w-0 flex-1">
                <span className="block truncate font-mono text-[13px]">
                  {h.type === 'column' ? (
                    <>
                      <span className="text-muted-foreground">{h.object}.</span>
                      <span className="font-semibold">{h.column}</span>
                    </>
                  ) : (
                    <span className="font-semibold">{h.object}</span>
                  )}
                  {h.dataType && <span className="ml-2 text-xs text-muted-foreground">{h.dataType}</span>}
                </span>
                <span className="block truncate text-xs text-muted-foreground">
                  {h.connectionName} · {h.database === h.schema ? h.schema : `${h.database} / ${h.schema}`} ·{' '}
                  {h.objectKind.replace('_', ' ')}
                </span>
              </span>
              {h.match === 'exact' && (
                <span className="shrink-0 rounded bg-muted px-1.5 py-0.5 text-[10px] font-medium text-muted-foreground uppercase">exact</span>
              )}
            </button>
          ))}
          {hits.data && hits.data.totalElements > items.length && (
            <p className="px-2.5 py-1.5 text-xs text-muted-foreground">
              Showing the best {items.length} of {hits.data.totalElements.toLocaleString()}: type more to narrow it down.
            </p>
          )}
        </div>
      )}
    </div>
  )
}
