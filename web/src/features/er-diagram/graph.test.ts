import { describe, expect, it } from 'vitest'
import { MAX_DRAWN, neighbourhood, nodeHeight, subgraph, type Graph } from './graph'

const t = (name: string, keys = 1, columnCount = 3) => ({
  name,
  columnCount,
  keyColumns: Array.from({ length: keys }, (_, i) => ({ name: `k${i}`, dataType: 'int', primaryKey: i === 0, foreignKey: i > 0 })),
})
const e = (fromTable: string, toTable: string, toSchema = 'public') => ({
  name: `${fromTable}_${toTable}_fkey`, fromTable, fromColumns: ['x'], toSchema, toTable, toColumns: ['y'],
})

// a slice of Pagila: film in the middle
const pagila: Graph = {
  schema: 'public',
  tables: ['actor', 'film', 'film_actor', 'inventory', 'language', 'rental', 'store', 'customer'].map((n) => t(n)),
  edges: [
    e('film', 'language'), e('film', 'language'), e('film_actor', 'film'), e('film_actor', 'actor'),
    e('inventory', 'film'), e('inventory', 'store'), e('rental', 'inventory'), e('rental', 'customer'),
    e('customer', 'elsewhere', 'other'),
  ],
}

describe('neighbourhood', () => {
  it('follows foreign keys both ways, hop by hop', () => {
    expect(neighbourhood(pagila, 'film', 1).names.sort()).toEqual(['film', 'film_actor', 'inventory', 'language'])
    expect(neighbourhood(pagila, 'film', 2).names.sort()).toEqual(
      ['actor', 'film', 'film_actor', 'inventory', 'language', 'rental', 'store'])
    expect(neighbourhood(pagila, 'film', 0).names).toEqual(['film'])
  })

  it('is empty for a table the schema does not have, and ignores keys to other schemas', () => {
    expect(neighbourhood(pagila, 'nosuch', 2).names).toEqual([])
    expect(neighbourhood(pagila, 'customer', 1).names.sort()).toEqual(['customer', 'rental'])
  })

  it('stops at the limit, nearest tables first, and says so', () => {
    const hub: Graph = {
      schema: 's',
      tables: [t('hub'), ...Array.from({ length: 1000 }, (_, i) => t(`leaf${i}`))],
      edges: Array.from({ length: 1000 }, (_, i) => e(`leaf${i}`, 'hub', 's')),
    }
    const cut = neighbourhood(hub, 'hub', 2)
    expect(cut.truncated).toBe(true)
    expect(cut.names).toHaveLength(MAX_DRAWN)
    expect(cut.names[0]).toBe('hub')
    expect(neighbourhood(hub, 'leaf7', 1)).toEqual({ names: ['leaf7', 'hub'], truncated: false })
  })
})

describe('subgraph', () => {
  it('keeps the named tables and only the in-schema edges between them, duplicates included', () => {
    const part = subgraph(pagila, ['film', 'language', 'customer'])
    expect(part.tables.map((x) => x.name)).toEqual(['film', 'language', 'customer'])
    expect(part.edges.map((x) => `${x.fromTable}->${x.toTable}`)).toEqual(['film->language', 'film->language'])
  })
})

describe('nodeHeight', () => {
  it('has a line per key column and one for the rest', () => {
    expect(nodeHeight(t('a', 2, 2))).toBeLessThan(nodeHeight(t('a', 2, 5)))
    expect(nodeHeight(t('a', 3, 5)) - nodeHeight(t('a', 2, 5))).toBe(18)
  })
})
