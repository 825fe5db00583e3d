import type { ResultColumn, Row } from '@/features/query/types'
import type { RowChange } from './api'

/** A value as the grid holds it: SQL NULL is null, the empty string is a value. */
export type Value = string | null

/** Edits not yet applied: updates and deletes by row key, inserted rows in order. */
export interface Pending {
  updates: Record<string, { key: Record<string, Value>; original: Record<string, Value>; values: Record<string, Value> }>
  deletes: Record<string, { key: Record<string, Value>; original: Record<string, Value> }>
  inserts: Record<string, Value>[]
}

export const EMPTY: Pending = { updates: {}, deletes: {}, inserts: [] }

export function isEmpty(p: Pending) {
  return Object.keys(p.updates).length === 0 && Object.keys(p.deletes).length === 0 && p.inserts.length === 0
}

export function count(p: Pending) {
  return Object.keys(p.updates).length + Object.keys(p.deletes).length + p.inserts.length
}

export function record(columns: ResultColumn[], row: Row): Record<string, Value> {
  return Object.fromEntries(columns.map((c, i) => [c.name, row[i] ?? null]))
}

/** The row's key values and their stable string form, which names the row in `updates` and `deletes`. */
export function keyOf(columns: ResultColumn[], keyColumns: string[], row: Row) {
  const values = record(columns, row)
  const key = Object.fromEntries(keyColumns.map((k) => [k, values[k] ?? null]))
  return { key, id: JSON.stringify(keyColumns.map((k) => values[k] ?? null)) }
}

/** Sets one cell of a fetched row; setting it back to the original value drops the pending update of that cell. */
export function setCell(p: Pending, columns: ResultColumn[], keyColumns: string[], row: Row, column: string,
  value: Value): Pending {
  const { key, id } = keyOf(columns, keyColumns, row)
  const original = record(columns, row)
  const values = { ...(p.updates[id]?.values ?? {}) }
  if (original[column] === value) delete values[column]
  else values[column] = value
  const updates = { ...p.updates }
  if (Object.keys(values).length === 0) delete updates[id]
  else updates[id] = { key, original, values }
  return { ...p, updates }
}

export function toggleDelete(p: Pending, columns: ResultColumn[], keyColumns: string[], row: Row): Pending {
  const { key, id } = keyOf(columns, keyColumns, row)
  const deletes = { ...p.deletes }
  if (deletes[id]) delete deletes[id]
  else deletes[id] = { key, original: record(columns, row) }
  const updates = { ...p.updates }
  delete updates[id]
  return { ...p, deletes, updates }
}

export function addRow(p: Pending): Pending {
  return { ...p, inserts: [{}, ...p.inserts] }
}

export function setInsertCell(p: Pending, index: number, column: string, value: Value): Pending {
  return { ...p, inserts: p.inserts.map((r, i) => (i === index ? { ...r, [column]: value } : r)) }
}

export function removeInsert(p: Pending, index: number): Pending {
  return { ...p, inserts: p.inserts.filter((_, i) => i !== index) }
}

/** What the server applies, in order: updates, deletes, then inserts. */
export function changes(p: Pending): RowChange[] {
  return [
    ...Object.values(p.updates).map((u) => ({ kind: 'update' as const, key: u.key, original: u.original, values: u.values })),
    ...Object.values(p.deletes).map((d) => ({ kind: 'delete' as const, key: d.key, original: d.original })),
    ...p.inserts.map((values) => ({ kind: 'insert' as const, values })),
  ]
}
