import { useCallback, useEffect, useMemo, useRef, useState } from 'react'
import { useVirtualizer } from '@tanstack/react-virtual'
import { ChevronDown, ChevronRight, Database, Folder, FolderOpen, KeyRound, Layers, Link2, Table2 } from 'lucide-react'
import { fetchObjects, fetchSchemas, formatCount, KIND_LABELS, type ObjectRef, type ObjectSummary } from './api'
import { api } from '@/lib/api'
import type { ObjectDetail } from './api'

const PAGE = 100

/** One visible row of the flattened tree. */
type Row =
  | { type: 'database'; key: string; depth: 0; database: string }
  | { type: 'schema'; key: string; depth: 1; database: string; schema: string; hidden: boolean }
  | { type: 'folder'; key: string; depth: number; database: string; schema: string; kind: string; count: number }
  | { type: 'object'; key: string; depth: number; database: string; schema: string; object: ObjectSummary }
  | { type: 'column'; key: string; depth: number; label: string; detail: string; pk: boolean; fk: boolean }
  | { type: 'more'; key: string; depth: number; folderKey: string; remaining: number }
  | { type: 'loading'; key: string; depth: number }

interface FolderState { items: ObjectSummary[]; total: number; loading: boolean }

/**
 * A lazily loaded, virtualised tree: database → schema → folder per object kind → objects (paged, 100 at a
 * time, filtered on the server) → columns. Only the rows in view are rendered, so 10,000 tables scroll freely.
 */
export function CatalogTree({
  connectionId,
  databases,
  filter,
  selected,
  onSelect,
}: {
  connectionId: string
  databases: string[]
  filter: string
  selected: ObjectRef | null
  onSelect: (ref: ObjectRef) => void
}) {
  const [expanded, setExpanded] = useState<Set<string>>(() => new Set())
  const [schemas, setSchemas] = useState<Record<string, { name: string; counts: Record<string, number> }[]>>({})
  const [folders, setFolders] = useState<Record<string, FolderState>>({})
  const [columns, setColumns] = useState<Record<string, ObjectDetail['columns']>>({})
  const parentRef = useRef<HTMLDivElement>(null)

  // a new filter reloads every open folder from the server
  useEffect(() => {
    setFolders({})
  }, [filter, connectionId])

  const loadFolder = useCallback(
    async (key: string, database: string, schema: string, kind: string, page: number) => {
      setFolders((f) => ({ ...f, [key]: { items: f[key]?.items ?? [], total: f[key]?.total ?? 0, loading: true } }))
      const result = await fetchObjects(connectionId, { database, schema, kind, q: filter || undefined, page, size: PAGE })
      setFolders((f) => ({
        ...f,
        [key]: { items: [...(page === 0 ? [] : (f[key]?.items ?? [])), ...result.items], total: result.totalElements, loading: false },
      }))
    },
    [connectionId, filter],
  )

  const toggle = useCallback(
    async (row: Row) => {
      const open = expanded.has(row.key)
      const next = new Set(expanded)
      if (open) next.delete(row.key)
      else next.add(row.key)
      setExpanded(next)
      if (open) return
      if (row.type === 'database' && !schemas[row.database]) {
        const list = await fetchSchemas(connectionId, row.database)
        setSchemas((s) => ({ ...s, [row.database]: list.map((x) => ({ name: x.name, counts: x.objectCounts })) }))
        // engines without schemas (MySQL, SQLite, MongoDB): open the one schema right away
        if (list.length === 1 && list[0].name === row.database) {
          setExpanded((e) => new Set(e).add(`${row.key}/${list[0].name}`))
        }
      }
      if (row.type === 'folder' && !folders[row.key]) await loadFolder(row.key, row.database, row.schema, row.kind, 0)
      if (row.type === 'object' && !columns[row.key]) {
        const detail = await api.get<ObjectDetail>(`/api/connections/${connectionId}/catalog/object`, {
          database: row.database, schema: row.schema, name: row.object.name, kind: row.object.kind.toLowerCase(),
        })
        setColumns((c) => ({ ...c, [row.key]: detail.columns }))
      }
    },
    [expanded, schemas, folders, columns, connectionId, loadFolder],
  )

  const rows = useMemo(() => {
    const out: Row[] = []
    for (const database of databases) {
      const dbKey = `db:${database}`
      out.push({ type: 'database', key: dbKey, depth: 0, database })
      if (!expanded.has(dbKey)) continue
      const list = schemas[database]
      if (!list) {
        out.push({ type: 'loading', key: `${dbKey}/loading`, depth: 1 })
        continue
      }
      for (const schema of list) {
        const schemaKey = `${dbKey}/${schema.name}`
        const hidden = list.length === 1 && schema.name === database
        if (!hidden) out.push({ type: 'schema', key: schemaKey, depth: 1, database, schema: schema.name, hidden })
        if (!hidden && !expanded.has(schemaKey)) continue
        if (hidden && !expanded.has(schemaKey)) continue
        const folderDepth = hidden ? 1 : 2
        for (const [kind, count] of Object.entries(schema.counts)) {
          const folderKey = `${schemaKey}/${kind}`
          out.push({ type: 'folder', key: folderKey, depth: folderDepth, database, schema: schema.name, kind, count })
          if (!expanded.has(folderKey)) continue
          const state = folders[folderKey]
          if (!state) {
            out.push({ type: 'loading', key: `${folderKey}/loading`, depth: folderDepth + 1 })
            continue
          }
          for (const object of state.items) {
            const objectKey = `${folderKey}/${object.name}/${object.parent ?? ''}`
            out.push({ type: 'object', key: objectKey, depth: folderDepth + 1, database, schema: schema.name, object })
            if (!expanded.has(objectKey)) continue
            const cols = columns[objectKey]
            if (!cols) out.push({ type: 'loading', key: `${objectKey}/loading`, depth: folderDepth + 2 })
            else
              for (const c of cols)
                out.push({
                  type: 'column', key: `${objectKey}/${c.position}`, depth: folderDepth + 2, label: c.name,
                  detail: c.dataType, pk: c.primaryKey, fk: c.foreignKey,
                })
          }
          if (state.loading) out.push({ type: 'loading', key: `${folderKey}/more-loading`, depth: folderDepth + 1 })
          else if (state.items.length < state.total)
            out.push({ type: 'more', key: `${folderKey}/more`, depth: folderDepth + 1, folderKey, remaining: state.total - state.items.length })
        }
      }
    }
    return out
  }, [databases, expanded, schemas, folders, columns])

  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => parentRef.current,
    estimateSize: () => 28,
    overscan: 12,
  })

  // reaching the "more" row of a folder loads its next page
  const items = virtualizer.getVirtualItems()
  useEffect(() => {
    for (const item of items) {
      const row = rows[item.index]
      if (row?.type === 'more') {
        const state = folders[row.folderKey]
        const folder = rows.find((r) => r.key === row.folderKey)
        if (state && !state.loading && folder?.type === 'folder')
          void loadFolder(row.folderKey, folder.database, folder.schema, folder.kind, Math.floor(state.items.length / PAGE))
      }
    }
  }, [items, rows, folders, loadFolder])

  return (
    <div ref={parentRef} className="h-full overflow-auto text-sm" role="tree" aria-label="Database objects">
      <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
        {items.map((item) => {
          const row = rows[item.index]
          const isSelected =
            row.type === 'object' && selected?.name === row.object.name && selected?.schema === row.schema &&
            selected?.database === row.database
          return (
            <div
              key={row.key}
              role="treeitem"
              aria-expanded={row.type === 'column' || row.type === 'more' || row.type === 'loading' ? undefined : expanded.has(row.key)}
              aria-selected={isSelected}
              data-row-type={row.type}
              className={`absolute left-0 flex w-full cursor-pointer items-center gap-1.5 truncate rounded px-1 hover:bg-accent ${isSelected ? 'bg-accent font-medium' : ''}`}
              style={{ height: item.size, transform: `translateY(${item.start}px)`, paddingLeft: 4 + row.depth * 16 }}
              onClick={() => {
                if (row.type === 'object') {
                  onSelect({ database: row.database, schema: row.schema, name: row.object.name, kind: row.object.kind })
                }
                if (row.type !== 'column' && row.type !== 'more' && row.type !== 'loading') void toggle(row)
              }}
            >
              <RowContent row={row} open={expanded.has(row.key)} />
            </div>
          )
        })}
      </div>
    </div>
  )
}

function RowContent({ row, open }: { row: Row; open: boolean }) {
  const chevron = open ? <ChevronDown className="size-3.5 shrink-0" /> : <ChevronRight className="size-3.5 shrink-0" />
  switch (row.type) {
    case 'database':
      return <>{chevron}<Database className="size-4 shrink-0 text-primary" /><span className="truncate">{row.database}</span></>
    case 'schema':
      return <>{chevron}<Layers className="size-4 shrink-0 text-muted-foreground" /><span className="truncate">{row.schema}</span></>
    case 'folder':
      return (
        <>
          {chevron}
          {open ? <FolderOpen className="size-4 shrink-0 text-amber-500" /> : <Folder className="size-4 shrink-0 text-amber-500" />}
          <span className="truncate">{KIND_LABELS[row.kind] ?? row.kind}</span>
          <span className="ml-auto rounded bg-muted px-1.5 text-xs text-muted-foreground">{formatCount(row.count)}</span>
        </>
      )
    case 'object':
      return (
        <>
          {chevron}
          <Table2 className="size-4 shrink-0 text-muted-foreground" />
          <span className="truncate">{row.object.name}</span>
          {row.object.hasPrimaryKey && <span title="has a primary key"><KeyRound className="size-3 shrink-0 text-amber-500" /></span>}
          {row.object.approxRows != null && (
            <span className="ml-auto text-xs text-muted-foreground" title="approximate rows">~{formatCount(row.object.approxRows)}</span>
          )}
        </>
      )
    case 'column':
      return (
        <>
          <span className="w-3.5" />
          {row.pk ? <KeyRound className="size-3.5 shrink-0 text-amber-500" aria-label="primary key" /> : row.fk ?
            <Link2 className="size-3.5 shrink-0 text-sky-500" aria-label="foreign key" /> : <span className="w-3.5" />}
          <span className="truncate">{row.label}</span>
          <span className="ml-auto truncate text-xs text-muted-foreground">{row.detail}</span>
        </>
      )
    case 'more':
      return <span className="text-xs text-muted-foreground">Loading {formatCount(row.remaining)} more…</span>
    default:
      return <span className="text-xs text-muted-foreground">Loading…</span>
  }
}
