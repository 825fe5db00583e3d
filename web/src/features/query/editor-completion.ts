import * as React from 'react'
import { fetchColumns, useCompletionMap } from './api'
import type { EditorCompletion } from './sql-editor'
import { completionNamespace, resolveTables, tableBeforeDot, tablesInStatement } from './workspace-text'

/**
 * Catalog completion for the editor: the bounded schema map, a table's columns when `table.` is typed, and the columns
 * of the statement's tables (FROM/JOIN) without a prefix. Columns are fetched once per table and kept.
 */
export function useEditorCompletion(connectionId: string | undefined, database: string | undefined) {
  const map = useCompletionMap(connectionId, database).data
  const columns = React.useRef(new Map<string, Promise<string[]>>())
  return React.useMemo<EditorCompletion | undefined>(() => {
    if (!map || !connectionId || !database) return undefined
    const defaultSchema =
      map.schemas.find((s) => s.name === database)?.name ??
      map.schemas.find((s) => s.name === 'public')?.name ??
      map.schemas[0]?.name
    const columnsOf = (schema: string, table: string) => {
      const key = `${connectionId}|${database}|${schema}|${table}`
      let pending = columns.current.get(key)
      if (!pending) {
        pending = fetchColumns(connectionId, database, schema, table).catch(() => [])
        columns.current.set(key, pending)
      }
      return pending
    }
    return {
      namespace: completionNamespace(map, defaultSchema),
      defaultSchema,
      columns: (before) => {
        const found = tableBeforeDot(map, before, defaultSchema)
        return found ? columnsOf(found.schema, found.table) : Promise.resolve(null)
      },
      statementColumns: async (statement) => {
        const tables = resolveTables(map, tablesInStatement(statement), defaultSchema).slice(0, 8)
        if (tables.length === 0) return null
        const lists = await Promise.all(tables.map((t) => columnsOf(t.schema, t.table)))
        // a column several tables have is offered once, naming them all
        const byName = new Map<string, string[]>()
        lists.forEach((names, i) => names.forEach((n) => byName.set(n, [...(byName.get(n) ?? []), tables[i].table])))
        return [...byName].map(([label, owners]) => ({ label, detail: owners.join(', ') }))
      },
    }
  }, [map, connectionId, database])
}
