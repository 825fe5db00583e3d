import dagre from '@dagrejs/dagre'
import { NODE, nodeHeight, type GraphEdge, type GraphTable } from './graph'

export interface Placed<T> { table: T; x: number; y: number; width: number; height: number }
export interface Routed<E> { edge: E; points: { x: number; y: number }[] }
export interface Layout<T, E> { nodes: Placed<T>[]; edges: Routed<E>[]; width: number; height: number }

const MARGIN = 24

/**
 * Sugiyama layout by dagre, left to right: a referencing table left of the table it references. Multigraph, so two
 * keys between the same tables (film → language twice) are two edges. Positions are top-left corners.
 */
export function layout<T extends GraphTable, E extends GraphEdge>(tables: T[], edges: E[]): Layout<T, E> {
  const g = new dagre.graphlib.Graph({ multigraph: true })
  g.setGraph({ rankdir: 'LR', nodesep: 28, ranksep: 90, edgesep: 14, marginx: MARGIN, marginy: MARGIN })
  g.setDefaultEdgeLabel(() => ({}))
  for (const t of tables) g.setNode(t.name, { width: NODE.width, height: nodeHeight(t) })
  edges.forEach((e, i) => g.setEdge(e.fromTable, e.toTable, {}, `${i}`))
  dagre.layout(g)
  const nodes = tables.map((table) => {
    const n = g.node(table.name)
    return { table, x: n.x - n.width / 2, y: n.y - n.height / 2, width: n.width, height: n.height }
  })
  const routed = edges.map((edge, i) => ({
    edge,
    points: (g.edge({ v: edge.fromTable, w: edge.toTable, name: `${i}` })?.points ?? []).map((p: { x: number; y: number }) => ({ x: p.x, y: p.y })),
  }))
  const graph = g.graph()
  return { nodes, edges: routed, width: Math.max(graph.width ?? 0, 1), height: Math.max(graph.height ?? 0, 1) }
}
