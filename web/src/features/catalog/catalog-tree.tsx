import { useCallback, useEffect, useMemo, useRef, useState } from 'react'
import { useVirtualizer } from '@tanstack/react-virtual'
import {
  Braces, ChevronDown, ChevronRight, Database, Eye, FileCode2, Folder, FolderOpen, Hash, KeyRound, Layers, Link2,
  ListOrdered, Table2, type LucideIcon,
} from 'lucide-react'
import { api, errorMessage } from '@/lib/api'
import { cn } from '@/lib/utils'
import {
  displayName, fetchObjects, fetchSchemas, KIND_LABELS, refOf, type ObjectDetail, type ObjectRef, type ObjectSummary,
} from './api'
import { formatCount } from '@/lib/format'

const PAGE = 100

/** One visible row of the flattened tree. */
type Row =
  | { type: 'database'; key: string; depth: 0; database: string }
  | { type: 'schema'; key: string; depth: 1; database: string; schema: string }
  | { type: 'folder'; key: string; depth: number; database: string; schema: string; kind: string; count: number }
  | { type: 'object'; key: string; depth: number; database: string; schema: string; object: ObjectSummary }
  | { type: 'column'; key: string; depth: number; column: ObjectDetail['columns'][number] }
  | { type: 'more'; key: string; depth: number; folderKey: string; remaining: number }
  | { type: 'loading'; key: string; depth: number }
  | { type: 'message'; key: string; depth: number; text: string; error?: boolean }

interface FolderState { items: ObjectSummary[]; total: number; loading: boolean; error?: string }

const RELATIONS = new Set(['TABLE', 'PARTITIONED_TABLE', 'VIEW', 'MATERIALIZED_VIEW', 'FOREIGN_TABLE', 'COLLECTION'])

const KIND_ICONS: Record<string, LucideIcon> = {
  table: Table2, partitioned_table: Table2, foreign_table: Table2, view: Eye, materialized_view: Eye,
  sequence: ListOrdered, function: FileCode2, procedure: FileCode2, trigger: FileCode2, event: FileCode2,
  enum: Braces, domain: Braces, extension: Braces, collection: Table2,
}

/**
 * A lazily loaded, virtualised tree: database → schema → folder per object kind → objects (paged, 100 at a
 * time, filtered on the server) → columns. Only the rows in view are rendered, so 10,000 tables scroll freely.
 * Engines without schemas (MySQL, SQLite, MongoDB) show folders right under the database.
 */
export function CatalogTree({
  connectionId,
  databases,
  filter,
  selected,
  reveal,
  onSelect,
  onSelectSchema,
}: {
  connectionId: string
  databases: string[]
  filter: string
  selected: ObjectRef | null
  /** the database and schema to open (the selection's, on load and after a jump) */
  reveal: { database: string; schema: string } | ObjectRef | null
  onSelect: (ref: ObjectRef) => void
  onSelectSchema: (database: string, schema: string) => void
}) {
  const [expanded, setExpanded] = useState<Set<string>>(() => new Set())
  const [schemas, setSchemas] = useState<Record<string, { name: string; counts: Record<string, number> }[] | string>>({})
  const [folders, setFolders] = useState<Record<string, FolderState>>({})
  const [columns, setColumns] = useState<Record<string, ObjectDetail['columns'] | string>>({})
  const parentRef = useRef<HTMLDivElement>(null)

  // a new filter reloads every open folder from the server, and opens the folders of open schemas to show matches
  useEffect(() => {
    setFolders({})
    if (!filter) return
    setExpanded((e) => {
      const next = new Set(e)
      for (const [database, list] of Object.entries(schemas)) {
        if (typeof list === 'string' || !e.has(`db:${database}`)) continue
        for (const schema of list) {
          const schemaKey = `db:${database}/${schema.name}`
          if (!e.has(schemaKey)) continue
          for (const [kind, count] of Object.entries(schema.counts)) if (count > 0) next.add(`${schemaKey}/${kind}`)
        }
      }
      return next
    })
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [filter])

  const loadSchemas = useCallback(
    async (database: string) => {
      try {
        const list = await fetchSchemas(connectionId, database)
        setSchemas((s) => ({ ...s, [database]: list.map((x) => ({ name: x.name, counts: x.objectCounts })) }))
        return list
      } catch (e) {
        setSchemas((s) => ({ ...s, [database]: errorMessage(e) }))
        return []
      }
    },
    [connectionId],
  )

  const loadFolder = useCallback(
    async (key: string, database: string, schema: string, kind: string, page: number) => {
      setFolders((f) => ({ ...f, [key]: { items: f[key]?.items ?? [], total: f[key]?.total ?? 0, loading: true } }))
      try {
        const result = await fetchObjects(connectionId, { database, schema, kind, q: filter || undefined, page, size: PAGE })
        setFolders((f) => ({
          ...f,
          [key]: { items: [...(page === 0 ? [] : (f[key]?.items ?? [])), ...result.items], total: result.totalElements, loading: false },
        }))
      } catch (e) {
        setFolders((f) => ({ ...f, [key]: { items: f[key]?.items ?? [], total: f[key]?.total ?? 0, loading: false, error: errorMessage(e) } }))
      }
    },
    [connectionId, filter],
  )

  const loadColumns = useCallback(
    async (key: string, database: string, object: ObjectSummary) => {
      try {
        const ref = refOf(database, object)
        const detail = await api.get<ObjectDetail>(`/api/connections/${connectionId}/catalog/object`, {
          database, schema: object.schema, name: object.name, kind: object.kind.toLowerCase(), parent: ref.parent,
        })
        setColumns((c) => ({ ...c, [key]: detail.columns }))
      } catch (e) {
        setColumns((c) => ({ ...c, [key]: errorMessage(e) }))
      }
    },
    [connectionId],
  )

  const open = useCallback((...keys: string[]) => setExpanded((e) => new Set([...e, ...keys])), [])

  // reveal the selection's database and schema (a deep link, a jump through a foreign key, a search hit)
  const revealKey = reveal ? `${reveal.database}\u0000${reveal.schema}\u0000${'name' in reveal ? reveal.name : ''}` : ''
  useEffect(() => {
    if (!reveal || !databases.includes(reveal.database)) return
    const schemaKey = `db:${reveal.database}/${reveal.schema}`
    // and the folder of a selected object's kind (tables when the link does not say)
    const folderKey = 'name' in reveal ? `${schemaKey}/${(reveal.kind ?? 'table').toLowerCase()}` : null
    open(`db:${reveal.database}`, schemaKey, ...(folderKey ? [folderKey] : []))
    if (!schemas[reveal.database]) void loadSchemas(reveal.database)
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [revealKey, databases])

  const toggle = useCallback(
    (row: Row, forceOpen = false) => {
      const isOpen = expanded.has(row.key)
      if (isOpen && !forceOpen) {
        setExpanded((e) => {
          const next = new Set(e)
          next.delete(row.key)
          return next
        })
        return
      }
      open(row.key)
      if (row.type === 'database' && typeof schemas[row.database] !== 'object') {
        void loadSchemas(row.database).then((list) => {
          // engines without schemas: the one schema opens with the database and shows its tables
          if (list.length === 1 && list[0].name === row.database) {
            open(`${row.key}/${list[0].name}`)
            onSelectSchema(row.database, list[0].name)
          }
        })
      }
      if (row.type === 'folder' && !folders[row.key]) void loadFolder(row.key, row.database, row.schema, row.kind, 0)
      if (row.type === 'object' && typeof columns[row.key] !== 'object') void loadColumns(row.key, row.database, row.object)
    },
    [expanded, schemas, folders, columns, open, loadSchemas, loadFolder, loadColumns, onSelectSchema],
  )

  const rows = useMemo(() => {
    const out: Row[] = []
    for (const database of databases) {
      const dbKey = `db:${database}`
      out.push({ type: 'database', key: dbKey, depth: 0, database })
      if (!expanded.has(dbKey)) continue
      const list = schemas[database]
      if (list === undefined) {
        out.push({ type: 'loading', key: `${dbKey}/loading`, depth: 1 })
        continue
      }
      if (typeof list === 'string') {
        out.push({ type: 'message', key: `${dbKey}/error`, depth: 1, text: list, error: true })
        continue
      }
      for (const schema of list) {
        const schemaKey = `${dbKey}/${schema.name}`
        const hidden = list.length === 1 && schema.name === database
        if (!hidden) out.push({ type: 'schema', key: schemaKey, depth: 1, database, schema: schema.name })
        if (!expanded.has(schemaKey)) continue
        const folderDepth = hidden ? 1 : 2
        const kinds = Object.entries(schema.counts).filter(([, count]) => count > 0)
        if (kinds.length === 0) out.push({ type: 'message', key: `${schemaKey}/empty`, depth: folderDepth, text: 'No objects' })
        for (const [kind, count] of kinds) {
          const folderKey = `${schemaKey}/${kind}`
          const state = folders[folderKey]
          // while filtering, folders show how many names match
          const shownCount = filter && state && !state.loading ? state.total : count
          out.push({ type: 'folder', key: folderKey, depth: folderDepth, database, schema: schema.name, kind, count: shownCount })
          if (!expanded.has(folderKey)) continue
          if (!state) {
            out.push({ type: 'loading', key: `${folderKey}/loading`, depth: folderDepth + 1 })
            continue
          }
          if (state.error) out.push({ type: 'message', key: `${folderKey}/error`, depth: folderDepth + 1, text: state.error, error: true })
          else if (!state.loading && state.items.length === 0)
            out.push({ type: 'message', key: `${folderKey}/empty`, depth: folderDepth + 1, text: filter ? `Nothing matches “${filter}”` : 'Empty' })
          for (const object of state.items) {
            // names repeat within a schema (triggers per table, overloads): the key carries the whole identity
            const objectKey = `${folderKey}/${object.name}/${object.parent ?? ''}/${object.signature ?? ''}`
            out.push({ type: 'object', key: objectKey, depth: folderDepth + 1, database, schema: schema.name, object })
            if (!expanded.has(objectKey)) continue
            const cols = columns[objectKey]
            if (cols === undefined) out.push({ type: 'loading', key: `${objectKey}/loading`, depth: folderDepth + 2 })
            else if (typeof cols === 'string')
              out.push({ type: 'message', key: `${objectKey}/error`, depth: folderDepth + 2, text: cols, error: true })
            else for (const c of cols) out.push({ type: 'column', key: `${objectKey}/${c.position}`, depth: folderDepth + 2, column: c })
          }
          if (state.loading) out.push({ type: 'loading', key: `${folderKey}/more-loading`, depth: folderDepth + 1 })
          else if (!state.error && state.items.length < state.total)
            out.push({ type: 'more', key: `${folderKey}/more`, depth: folderDepth + 1, folderKey, remaining: state.total - state.items.length })
        }
      }
    }
    return out
  }, [databases, expanded, schemas, folders, columns, filter])

  // open folders (re)load when they have no state: first opened, or the filter changed
  useEffect(() => {
    for (const row of rows) {
      if (row.type === 'folder' && expanded.has(row.key) && !folders[row.key]) void loadFolder(row.key, row.database, row.schema, row.kind, 0)
    }
  }, [rows, expanded, folders, loadFolder])

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
        if (state && !state.loading && !state.error && folder?.type === 'folder')
          void loadFolder(row.folderKey, folder.database, folder.schema, folder.kind, Math.ceil(state.items.length / PAGE))
      }
    }
  }, [items, rows, folders, loadFolder])

  return (
    <div ref={parentRef} className="h-full overflow-auto text-sm" role="tree" aria-label="Database objects">
      <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
        {items.map((item) => {
          const row = rows[item.index]
          // objects open onto their columns; a trigger or a function has none, so it is only selected
          const expandable = row.type === 'database' || row.type === 'schema' || row.type === 'folder' ||
            (row.type === 'object' && RELATIONS.has(row.object.kind))
          const selectable = row.type === 'object'
          const isSelected = row.type === 'object' && !!selected && sameObject(selected, refOf(row.database, row.object))
          const isOpen = expanded.has(row.key)
          return (
            <div
              key={row.key}
              role="treeitem"
              aria-expanded={expandable ? isOpen : undefined}
              aria-selected={isSelected}
              aria-level={row.depth + 1}
              aria-label={
                row.type === 'object' ? objectLabel(row.object)
                  : row.type === 'database' ? row.database
                  : row.type === 'schema' ? row.schema
                  : row.type === 'folder' ? (KIND_LABELS[row.kind] ?? row.kind)
                  : undefined
              }
              data-row-type={row.type}
              className={cn(
                'absolute left-0 flex w-full items-center gap-1.5 rounded-md pr-2 whitespace-nowrap',
                (expandable || selectable) && 'cursor-pointer hover:bg-accent/70',
                isSelected && 'bg-primary/10 font-medium text-foreground ring-1 ring-primary/25 ring-inset hover:bg-primary/15',
              )}
              style={{ height: item.size, transform: `translateY(${item.start}px)`, paddingLeft: 6 + row.depth * 16 }}
              onClick={() => {
                if (!expandable && !selectable) return
                if (row.type === 'object') {
                  onSelect(refOf(row.database, row.object))
                  if (expandable) toggle(row, !isSelected)
                } else {
                  if (row.type === 'schema') onSelectSchema(row.database, row.schema)
                  toggle(row)
                }
              }}
            >
              {expandable ? (
                <button
                  type="button"
                  tabIndex={-1}
                  aria-label={isOpen ? 'Collapse' : 'Expand'}
                  className="-m-1 rounded p-1 text-muted-foreground hover:bg-accent hover:text-foreground"
                  onClick={(e) => {
                    e.stopPropagation()
                    toggle(row)
                  }}
                >
                  {isOpen ? <ChevronDown className="size-3.5" /> : <ChevronRight className="size-3.5" />}
                </button>
              ) : (
                <span className="w-3.5 shrink-0" />
              )}
              <RowContent row={row} open={isOpen} />
            </div>
          )
        })}
      </div>
    </div>
  )
}

/**
 * Whether a selection names this row's object: same name and, where the list gives them, the same table (a
 * trigger) and signature (an overload). A link without them (an old one) matches the first such row only by
 * name, so the kind must agree too.
 */
function sameObject(selected: ObjectRef, ref: ObjectRef) {
  return (
    selected.database === ref.database && selected.schema === ref.schema && selected.name === ref.name &&
    (!selected.kind || !ref.kind || selected.kind.toUpperCase() === ref.kind.toUpperCase()) &&
    (selected.parent ?? '') === (ref.parent ?? '') && (selected.signature ?? null) === (ref.signature ?? null)
  )
}

/** The accessible name of an object row: a trigger with its table, a routine with its argument types. */
function objectLabel(object: ObjectSummary) {
  if (object.kind === 'TRIGGER' && object.parent) return `${object.name} on ${object.parent}`
  return displayName(object)
}

function RowContent({ row, open }: { row: Row; open: boolean }) {
  switch (row.type) {
    case 'database':
      return (
        <>
          <Database className="size-4 shrink-0 text-primary" />
          <span className="truncate font-medium">{row.database}</span>
        </>
      )
    case 'schema':
      return (
        <>
          <Layers className="size-4 shrink-0 text-violet-500" />
          <span className="truncate">{row.schema}</span>
        </>
      )
    case 'folder':
      return (
        <>
          {open ? <FolderOpen className="size-4 shrink-0 text-amber-500" /> : <Folder className="size-4 shrink-0 text-amber-500" />}
          <span className="truncate">{KIND_LABELS[row.kind] ?? row.kind}</span>
          <span className="ml-auto shrink-0 rounded-full bg-muted px-1.5 text-[11px] leading-4 text-muted-foreground tabular-nums">
            {formatCount(row.count)}
          </span>
        </>
      )
    case 'object': {
      const Icon = KIND_ICONS[row.object.kind.toLowerCase()] ?? Table2
      return (
        <>
          <Icon className="size-4 shrink-0 text-muted-foreground" />
          <span
            className="truncate"
            title={
              row.object.kind === 'TRIGGER' && row.object.parent ? `${row.object.name} on ${row.object.parent}`
                : row.object.parent ? `${row.object.name} (partition of ${row.object.parent})`
                : displayName(row.object)
            }
          >
            {row.object.name}
            {row.object.signature != null && <span className="text-muted-foreground">({row.object.signature})</span>}
          </span>
          {row.object.kind === 'TRIGGER' && row.object.parent && (
            <span className="min-w-0 shrink truncate text-xs text-muted-foreground">on {row.object.parent}</span>
          )}
          {row.object.hasPrimaryKey === false && (
            <span className="shrink-0 rounded bg-amber-500/15 px-1 text-[10px] leading-4 text-amber-700 dark:text-amber-400" title="No primary key">
              no PK
            </span>
          )}
          {row.object.approxRows != null && (
            <span className="ml-auto shrink-0 pl-2 text-[11px] text-muted-foreground tabular-nums" title="Approximate rows">
              ~{formatCount(row.object.approxRows)}
            </span>
          )}
        </>
      )
    }
    case 'column': {
      const c = row.column
      return (
        <>
          <span className="flex w-4 shrink-0 justify-center">
            {c.primaryKey ? (
              <KeyRound className="size-3.5 text-amber-500" aria-label="primary key" />
            ) : c.foreignKey ? (
              <Link2 className="size-3.5 text-sky-500" aria-label="foreign key" />
            ) : c.indexed ? (
              <Hash className="size-3 text-muted-foreground" aria-label="indexed" />
            ) : null}
          </span>
          <span className={cn('truncate', !c.nullable && 'font-medium')} title={c.nullable ? c.name : `${c.name} (NOT NULL)`}>
            {c.name}
          </span>
          {c.primaryKey && c.foreignKey && <Link2 className="size-3 shrink-0 text-sky-500" aria-label="foreign key" />}
          {c.unique && !c.primaryKey && (
            <span className="shrink-0 rounded border px-1 text-[10px] leading-3.5 text-muted-foreground">UQ</span>
          )}
          <span className="ml-auto shrink truncate pl-2 font-mono text-[11px] text-muted-foreground" title={c.dataType}>
            {c.dataType}
          </span>
        </>
      )
    }
    case 'more':
      return <span className="text-xs text-muted-foreground">Loading {formatCount(row.remaining)} more…</span>
    case 'message':
      return <span className={cn('truncate text-xs', row.error ? 'text-destructive' : 'text-muted-foreground')} title={row.text}>{row.text}</span>
    default:
      return <span className="text-xs text-muted-foreground">Loading…</span>
  }
}
