// Pure graph helpers of the ER diagram (tested in graph.test.ts).

export interface GraphColumn { name: string; dataType: string; primaryKey: boolean; foreignKey: boolean }
export interface GraphTable { name: string; columnCount: number; keyColumns: GraphColumn[] }
export interface GraphEdge { name: string; fromTable: string; fromColumns: string[]; toSchema: string; toTable: string; toColumns: string[] }
export interface Graph<T extends GraphTable = GraphTable, E extends GraphEdge = GraphEdge> { schema: string; tables: T[]; edges: E[] }

/** Up to this many tables the whole schema is drawn; above it the user picks a table and draws its neighbourhood. */
export const WHOLE_SCHEMA_LIMIT = 150

/** A neighbourhood is cut at this many tables (nearest first), so a hub table cannot ask for a thousand boxes. */
export const MAX_DRAWN = 250

/** Edges that stay inside the schema (a key to another schema has no box to point at). */
function inSchema<E extends GraphEdge>(graph: Graph<GraphTable, E>): E[] {
  return graph.edges.filter((e) => e.toSchema === graph.schema)
}

/**
 * The tables within `hops` foreign-key steps of `center`, either direction, nearest first, at most `limit` of them;
 * `truncated` says whether the limit cut some off.
 */
export function neighbourhood(graph: Graph, center: string, hops: number, limit = MAX_DRAWN): { names: string[]; truncated: boolean } {
  const adjacent = new Map<string, Set<string>>()
  const link = (a: string, b: string) => {
    if (!adjacent.has(a)) adjacent.set(a, new Set())
    adjacent.get(a)!.add(b)
  }
  for (const e of inSchema(graph)) {
    link(e.fromTable, e.toTable)
    link(e.toTable, e.fromTable)
  }
  if (!graph.tables.some((t) => t.name === center)) return { names: [], truncated: false }
  const seen = new Set([center])
  const order = [center]
  let frontier = [center]
  for (let step = 0; step < hops && frontier.length > 0; step++) {
    const next: string[] = []
    for (const name of frontier) {
      for (const other of [...(adjacent.get(name) ?? [])].sort()) {
        if (seen.has(other)) continue
        if (order.length >= limit) return { names: order, truncated: true }
        seen.add(other)
        order.push(other)
        next.push(other)
      }
    }
    frontier = next
  }
  return { names: order, truncated: false }
}

/** The tables named (in the diagram's order) and the in-schema edges between them. */
export function subgraph<T extends GraphTable, E extends GraphEdge>(graph: Graph<T, E>, names: Iterable<string>): { tables: T[]; edges: E[] } {
  const wanted = new Set(names)
  return {
    tables: graph.tables.filter((t) => wanted.has(t.name)),
    edges: inSchema(graph).filter((e) => wanted.has(e.fromTable) && wanted.has(e.toTable)),
  }
}

export const NODE = { width: 232, header: 26, row: 18, padding: 6 }

/** A table's box: its name, one line per key column, and a line for the other columns when there are any. */
export function nodeHeight(table: GraphTable) {
  const more = table.columnCount > table.keyColumns.length ? 1 : 0
  return NODE.header + (table.keyColumns.length + more) * NODE.row + NODE.padding
}
