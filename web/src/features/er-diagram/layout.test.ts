import { describe, expect, it } from 'vitest'
import { NODE } from './graph'
import { layout } from './layout'

const t = (name: string) => ({ name, columnCount: 2, keyColumns: [{ name: 'id', dataType: 'int', primaryKey: true, foreignKey: false }] })
const e = (fromTable: string, toTable: string, name: string) => ({ name, fromTable, fromColumns: ['a'], toSchema: 's', toTable, toColumns: ['id'] })

describe('layout', () => {
  it('places every table without overlap, a referencing table left of the referenced, and routes each key', () => {
    const placed = layout([t('film'), t('language'), t('employee')], [
      e('film', 'language', 'film_language_id_fkey'),
      e('film', 'language', 'film_original_language_id_fkey'),
      e('employee', 'employee', 'reports_to'),
    ])
    expect(placed.nodes).toHaveLength(3)
    const at = Object.fromEntries(placed.nodes.map((n) => [n.table.name, n]))
    expect(at.film.x + NODE.width).toBeLessThan(at.language.x)
    for (const a of placed.nodes)
      for (const b of placed.nodes)
        if (a !== b) expect(a.x + a.width <= b.x || b.x + b.width <= a.x || a.y + a.height <= b.y || b.y + b.height <= a.y).toBe(true)
    // two keys between the same tables are two routes, and a key to its own table one more
    expect(placed.edges).toHaveLength(3)
    for (const r of placed.edges) expect(r.points.length).toBeGreaterThanOrEqual(2)
    expect(placed.width).toBeGreaterThan(2 * NODE.width)
  })
})
